#include <gtest/gtest.h>

#include "ntdll/file.h"
#include "ntdll/handle_table.h"
#include "ntdll/sync.h"

using namespace sill;
using namespace sill::nt;

namespace {
struct Counted : Object {
  static constexpr ObjectType kType = ObjectType::Other;
  explicit Counted(int* alive) : Object(ObjectType::Other), alive_(alive) { ++*alive_; }
  ~Counted() override { --*alive_; }
  int* alive_;
};
}  // namespace

TEST(NtHandleTable, HandlesAreMultiplesOfFourAndNeverNull) {
  HandleTable t;
  for (int i = 0; i < 10; ++i) {
    win::HANDLE h = t.insert(make_object<Event>(false, false));
    EXPECT_NE(h, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(h) % 4, 0u);
  }
}

TEST(NtHandleTable, TypedGetReportsMismatchAndInvalid) {
  HandleTable t;
  win::HANDLE h = t.insert(make_object<Event>(true, false));
  EXPECT_TRUE(t.get<Event>(h).has_value());
  auto m = t.get<Mutex>(h);
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error(), STATUS_OBJECT_TYPE_MISMATCH);
  auto bad = t.get<Event>(reinterpret_cast<win::HANDLE>(0x1234));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error(), STATUS_INVALID_HANDLE);
  EXPECT_EQ(t.get<Event>(reinterpret_cast<win::HANDLE>(3)).error(), STATUS_INVALID_HANDLE);
  EXPECT_EQ(t.get<Event>(current_process_handle()).error(), STATUS_INVALID_HANDLE);
}

TEST(NtHandleTable, CloseReleasesOnLastReference) {
  HandleTable t;
  int alive = 0;
  win::HANDLE h = t.insert(make_object<Counted>(&alive));
  EXPECT_EQ(alive, 1);
  {
    auto ref = t.get<Counted>(h);
    ASSERT_TRUE(ref.has_value());
    EXPECT_EQ(t.close(h), STATUS_SUCCESS);
    EXPECT_EQ(alive, 1);  // still referenced by `ref`
  }
  EXPECT_EQ(alive, 0);
  EXPECT_EQ(t.close(h), STATUS_INVALID_HANDLE);
}

TEST(NtHandleTable, DuplicateSharesTheObjectAndSlotsAreReused) {
  HandleTable t;
  int alive = 0;
  win::HANDLE h = t.insert(make_object<Counted>(&alive), 0x1F0003);
  auto d = t.duplicate(h, 0, true, HANDLE_FLAG_INHERIT, false);
  ASSERT_TRUE(d.has_value());
  EXPECT_NE(*d, h);
  win::DWORD access = 0, flags = 0;
  EXPECT_EQ(t.get_access(*d, &access), STATUS_SUCCESS);
  EXPECT_EQ(access, 0x1F0003u);
  EXPECT_EQ(t.get_flags(*d, &flags), STATUS_SUCCESS);
  EXPECT_EQ(flags, HANDLE_FLAG_INHERIT);
  EXPECT_EQ(t.get<Counted>(*d)->get(), t.get<Counted>(h)->get());
  t.close(h);
  EXPECT_EQ(alive, 1);
  win::HANDLE again = t.insert(make_object<Event>(false, false));
  EXPECT_EQ(again, h);  // the freed slot comes back first
  t.close(*d);
  EXPECT_EQ(alive, 0);
}

TEST(NtHandleTable, ProtectFromCloseRefusesClose) {
  HandleTable t;
  win::HANDLE h = t.insert(make_object<Event>(false, false));
  EXPECT_EQ(t.set_flags(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, HANDLE_FLAG_PROTECT_FROM_CLOSE), STATUS_SUCCESS);
  EXPECT_NE(t.close(h), STATUS_SUCCESS);
  EXPECT_EQ(t.set_flags(h, HANDLE_FLAG_PROTECT_FROM_CLOSE, 0), STATUS_SUCCESS);
  EXPECT_EQ(t.close(h), STATUS_SUCCESS);
}

TEST(NtHandleTable, DuplicateWithCloseSource) {
  HandleTable t;
  win::HANDLE h = t.insert(make_object<Event>(false, false));
  auto d = t.duplicate(h, 0, true, 0, true);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(t.get<Event>(h).has_value());
  EXPECT_TRUE(t.get<Event>(*d).has_value());
}

TEST(NtStatus, ErrnoAndDosMapping) {
  EXPECT_EQ(status_from_errno(ENOENT), STATUS_OBJECT_NAME_NOT_FOUND);
  EXPECT_EQ(status_from_errno(EEXIST), STATUS_OBJECT_NAME_COLLISION);
  EXPECT_EQ(dos_error_from_status(STATUS_OBJECT_NAME_NOT_FOUND), 2u);
  EXPECT_EQ(dos_error_from_status(STATUS_OBJECT_PATH_NOT_FOUND), 3u);
  EXPECT_EQ(dos_error_from_status(STATUS_OBJECT_TYPE_MISMATCH), 6u);
  EXPECT_EQ(dos_error_from_status(STATUS_TIMEOUT), 1460u);
  EXPECT_EQ(dos_error_from_status(STATUS_NOT_A_DIRECTORY), 267u);
  EXPECT_EQ(dos_error_from_status(status(0xC0071234)), 0x1234u);
  EXPECT_EQ(dos_error_from_status(status(0x80070005)), 5u);
  EXPECT_EQ(dos_error_from_status(status(0xC0FFEEEE)), 317u);
}
