// The shared object store (ntdll/shared_objects.h): names, kinds, counts, waits mixing shared and
// local objects, and a forked process that signals, holds and dies holding a mutex.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <thread>

#include "ntdll/process_internal.h"
#include "ntdll/process_object.h"
#include "ntdll/shared_objects.h"
#include "ntdll/status.h"
#include "ntdll/sync.h"

using namespace sill;
using namespace sill::nt;

namespace {

// Every test runs against the store of a prefix of its own.
class SharedObjects : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // One folder per user, reused: the store (a file in /dev/shm) belongs to the folder's inode.
    static std::string dir = [] {
      std::string d = "/tmp/sill-shared-objects-test-" + std::to_string(getuid());
      mkdir(d.c_str(), 0700);
      return d;
    }();
    setenv("SILL_PREFIX", dir.c_str(), 1);
  }
  static std::u16string unique(const char16_t* stem) {
    std::string suffix = "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    return std::u16string(stem) + std::u16string(suffix.begin(), suffix.end());
  }
  static inline int counter = 0;
};

Ref<Waitable> make(shared::Kind kind, std::u16string_view name, const shared::InitialState& init, bool* existed) {
  auto slot = shared::create(kind, name, init, existed);
  EXPECT_TRUE(slot.has_value());
  return slot ? wrap_shared(kind, *slot) : Ref<Waitable>();
}

}  // namespace

TEST_F(SharedObjects, NamesKindsAndLifetime) {
  std::u16string name = unique(u"names");
  bool existed = true;
  Ref<Waitable> a = make(shared::Kind::Event, name, {}, &existed);
  EXPECT_FALSE(existed);
  Ref<Waitable> b = make(shared::Kind::Event, u"Local\\" + name, {}, &existed);
  EXPECT_TRUE(existed);
  EXPECT_EQ(a->shared_, b->shared_);
  auto other = shared::create(shared::Kind::Mutex, name, {}, &existed);
  EXPECT_FALSE(other.has_value());
  EXPECT_EQ(other.error(), STATUS_OBJECT_TYPE_MISMATCH);
  auto wrong = shared::open(shared::Kind::Semaphore, name);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error(), STATUS_OBJECT_TYPE_MISMATCH);
  std::u16string upper = name;
  upper[0] = u'N';
  EXPECT_EQ(shared::open(shared::Kind::Event, upper).error(), STATUS_OBJECT_NAME_NOT_FOUND);
  a = Ref<Waitable>();
  auto again = shared::open(shared::Kind::Event, name);  // b still holds it
  ASSERT_TRUE(again.has_value());
  shared::release(*again);
  b = Ref<Waitable>();
  EXPECT_EQ(shared::open(shared::Kind::Event, name).error(), STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST_F(SharedObjects, SemaphoreCountsAndMixedWaits) {
  bool existed = false;
  shared::InitialState init;
  init.count = 1;
  init.max = 2;
  Ref<Waitable> sem = make(shared::Kind::Semaphore, unique(u"sem"), init, &existed);
  Ref<Event> local = make_object<Event>(true, false);
  Waitable* both[] = {local.get(), sem.get()};
  EXPECT_EQ(wait_for_objects(both, false, 0), WAIT_OBJECT_0 + 1);
  EXPECT_EQ(wait_for_objects(both, false, 10), WAIT_TIMEOUT);
  std::int32_t previous = -1;
  EXPECT_TRUE(shared::release_semaphore(sem->shared_, 2, &previous));
  EXPECT_EQ(previous, 0);
  EXPECT_FALSE(shared::release_semaphore(sem->shared_, 1, nullptr));  // over the maximum
  std::thread setter([&] {
    usleep(20000);
    signal_object(*local, [&] { local->signaled = true; });
  });
  EXPECT_EQ(wait_for_objects(both, true, 5000), WAIT_OBJECT_0);  // wait-all: the local event arrives
  setter.join();
  EXPECT_EQ(wait_for_objects(both, true, 0), WAIT_OBJECT_0);  // one count left
  EXPECT_EQ(wait_for_objects(both, true, 0), WAIT_TIMEOUT);
}

TEST_F(SharedObjects, OpenProcessOfANonChildSeesTheRecordedExitCode) {
  int go[2];
  ASSERT_EQ(pipe(go), 0);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    if (read(go[0], &c, 1) != 1) _exit(1);
    shared::on_process_exit(0xC0DE5678);
    _exit(3);
  }
  ASSERT_GT(pid, 0);
  // Not registered as a child: opened like any process of the prefix.
  auto p = open_process(static_cast<win::DWORD>(pid));
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ((*p)->exit_code(), STILL_ACTIVE);
  ASSERT_EQ(write(go[1], "x", 1), 1);
  Waitable* objs[] = {p->get()};
  EXPECT_EQ(wait_for_objects(objs, false, 10000), WAIT_OBJECT_0);
  EXPECT_EQ((*p)->exit_code(), 0xC0DE5678u);
  int status;
  waitpid(pid, &status, 0);
  close(go[0]);
  close(go[1]);
}

TEST_F(SharedObjects, AnotherProcessSignalsAndDiesOwningAMutex) {
  std::u16string event_name = unique(u"ev"), mutex_name = unique(u"mx");
  bool existed = false;
  Ref<Waitable> event = make(shared::Kind::Event, event_name, {}, &existed);
  Ref<Waitable> mutex = make(shared::Kind::Mutex, mutex_name, {}, &existed);
  pid_t pid = fork();
  if (pid == 0) {
    // A process of its own: takes the mutex, sets the event, and is killed without a word.
    auto m = shared::open(shared::Kind::Mutex, mutex_name);
    auto e = shared::open(shared::Kind::Event, event_name);
    if (!m || !e) _exit(1);
    shared::lock();
    bool free = shared::is_signaled(*m, 777777);
    if (free) shared::acquire(*m, 777777);
    shared::unlock();
    shared::set_event(*e);
    pause();
    _exit(2);
  }
  ASSERT_GT(pid, 0);
  Waitable* ev[] = {event.get()};
  EXPECT_EQ(wait_for_objects(ev, false, 10000), WAIT_OBJECT_0);
  Waitable* mx[] = {mutex.get()};
  EXPECT_EQ(wait_for_objects(mx, false, 50), WAIT_TIMEOUT);
  kill(pid, SIGKILL);
  int status;
  waitpid(pid, &status, 0);
  EXPECT_EQ(wait_for_objects(mx, false, 10000), WAIT_ABANDONED_0);
  EXPECT_TRUE(shared::release_mutex(mutex->shared_, current_thread_id()));
}
