// Handle inheritance (ntdll/handle_inheritance.h): handles placed at given values, the plan a parent
// makes (only inheritable handles, only the listed ones), and a child installing what it was given.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

#include "ntdll/file.h"
#include "ntdll/handle_inheritance.h"
#include "ntdll/handle_table.h"
#include "ntdll/process_object.h"
#include "ntdll/status.h"

using namespace sill;
using namespace sill::nt;

namespace {
win::HANDLE value(std::size_t v) { return reinterpret_cast<win::HANDLE>(v); }
}  // namespace

TEST(HandleInheritance, InsertAtExactValues) {
  HandleTable table;
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  EXPECT_EQ(table.insert_at(value(0x40), file_from_fd(fds[0], 1), 1, 0), STATUS_SUCCESS);
  EXPECT_EQ(table.insert_at(value(0x40), file_from_fd(fds[1], 1), 1, 0), STATUS_INVALID_HANDLE);  // taken
  EXPECT_EQ(table.insert_at(value(0x41), Ref<Object>(), 1, 0), STATUS_INVALID_HANDLE);           // malformed
  EXPECT_TRUE(table.get<File>(value(0x40)).has_value());
  // Ordinary inserts fill the values below, never the one taken.
  for (int i = 0; i < 20; ++i) EXPECT_NE(table.insert(file_from_fd(dup(fds[0]), 1)), value(0x40));
}

TEST(HandleInheritance, PlanTakesInheritableHandlesOnly) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC), 0);
  win::HANDLE inherited = handle_table().insert(file_from_fd(fds[0], 0x80000000), 0x80000000, HANDLE_FLAG_INHERIT);
  win::HANDLE kept = handle_table().insert(file_from_fd(fds[1], 0x40000000), 0x40000000, 0);
  char expect[32];
  std::snprintf(expect, sizeof expect, "%zx:f:80000000:", reinterpret_cast<std::size_t>(inherited));
  {
    InheritancePlan plan;
    plan_inheritance(plan, nullptr);
    EXPECT_NE(plan.variable.find(expect), std::string::npos);
    std::snprintf(expect, sizeof expect, "%zx:", reinterpret_cast<std::size_t>(kept));
    EXPECT_EQ(plan.variable.find(expect), std::string::npos);
    EXPECT_EQ(plan.fds.size(), 1u);
  }
  {
    std::vector<win::HANDLE> only{kept};  // listed but not inheritable: nothing travels
    InheritancePlan plan;
    plan_inheritance(plan, &only);
    EXPECT_TRUE(plan.variable.empty());
  }
  handle_table().close(inherited);
  handle_table().close(kept);
}

TEST(HandleInheritance, ChildInstallsWhatItWasGiven) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::string list = "7f0:f:c0000000:" + std::to_string(fds[1]) + ";bad entry;7f4:e:1f0003:99999.1";
  setenv(kInheritedHandlesVariable, list.c_str(), 1);
  take_parent_variables();
  EXPECT_EQ(std::getenv(kInheritedHandlesVariable), nullptr);
  install_inherited_handles();
  auto f = handle_table().get<File>(value(0x7f0));
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ((*f)->fd(), fds[1]);
  EXPECT_FALSE(handle_table().get_object(value(0x7f4)).has_value());  // a stale shared object is dropped
  handle_table().close(value(0x7f0));
  close(fds[0]);
}
