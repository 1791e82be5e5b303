// Completion ports (ntdll/io_completion.h), pending overlapped I/O finishing through the epoll
// thread (ntdll/overlapped_io.h), and the socket addresses behind pipe names (ntdll/named_pipe.h).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "ntdll/handle_table.h"
#include "ntdll/io_completion.h"
#include "ntdll/named_pipe.h"
#include "ntdll/overlapped_io.h"

using namespace sill;
using namespace sill::nt;

TEST(NtIoCompletion, PacketsComeOutInOrderAndInBatches) {
  auto port = make_object<IoCompletion>(0);
  for (win::ULONG_PTR i = 1; i <= 3; ++i) port->post({i, i * 10, STATUS_SUCCESS, i * 100});
  EXPECT_EQ(port->depth(), 3u);
  CompletionPacket out[2];
  std::size_t n = 0;
  ASSERT_EQ(port->remove(out, &n, 0, false), STATUS_SUCCESS);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(out[0].key, 1u);
  EXPECT_EQ(out[1].overlapped, 20u);
  ASSERT_EQ(port->remove(out, &n, 0, false), STATUS_SUCCESS);
  EXPECT_EQ(n, 1u);
  EXPECT_EQ(out[0].information, 300u);
  EXPECT_EQ(port->remove(out, &n, 20, false), STATUS_TIMEOUT);
  EXPECT_EQ(n, 0u);
}

TEST(NtIoCompletion, ClosingTheLastHandleWakesWaiters) {
  auto port = make_object<IoCompletion>(0);
  win::HANDLE h = handle_table().insert(port);
  std::atomic<win::NTSTATUS> result{0};
  std::thread waiter([&] {
    CompletionPacket p;
    std::size_t n;
    result = port->remove(std::span(&p, 1), &n, INFINITE, false);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(handle_table().close(h), STATUS_SUCCESS);
  waiter.join();
  EXPECT_EQ(result, STATUS_ABANDONED_WAIT_0);
}

namespace {
// An overlapped File over one end of a socket pair; `*peer` is the other end's fd.
Ref<File> overlapped_socket(int* peer) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return {};
  Ref<File> f = file_from_fd(fds[0], GENERIC_READ);
  f->overlapped = true;
  make_nonblocking(*f);
  *peer = fds[1];
  return f;
}
}  // namespace

TEST(NtOverlappedIo, PendingReadFinishesWhenDataArrives) {
  int peer = -1;
  Ref<File> f = overlapped_socket(&peer);
  ASSERT_TRUE(f);
  auto port = make_object<IoCompletion>(0);
  f->completion_port = port;
  f->completion_key = 7;
  auto event = make_object<Event>(true, false);
  win::ULONG_PTR iosb[2] = {0, 0};
  IoTarget t;
  t.iosb = iosb;
  t.event = event;
  t.context = 0x1234;
  char buf[8];
  std::size_t done = 0;
  ASSERT_EQ(start_read(f, buf, sizeof buf, std::nullopt, t, &done), STATUS_PENDING);
  EXPECT_EQ(iosb[0], static_cast<win::ULONG_PTR>(STATUS_PENDING));
  ASSERT_TRUE(find_request(iosb));
  ASSERT_EQ(write(peer, "abc", 3), 3);
  CompletionPacket p;
  std::size_t n = 0;
  ASSERT_EQ(port->remove(std::span(&p, 1), &n, 5000, false), STATUS_SUCCESS);
  EXPECT_EQ(p.key, 7u);
  EXPECT_EQ(p.overlapped, 0x1234u);
  EXPECT_EQ(p.information, 3u);
  EXPECT_EQ(iosb[0], 0u);
  EXPECT_EQ(iosb[1], 3u);
  EXPECT_TRUE(event->signaled);
  EXPECT_FALSE(find_request(iosb));
  close(peer);
}

TEST(NtOverlappedIo, CancelFinishesWithTheStatusGiven) {
  int peer = -1;
  Ref<File> f = overlapped_socket(&peer);
  ASSERT_TRUE(f);
  win::ULONG_PTR iosb[2] = {0, 0};
  IoTarget t;
  t.iosb = iosb;
  char buf[8];
  std::size_t done = 0;
  ASSERT_EQ(start_read(f, buf, sizeof buf, std::nullopt, t, &done), STATUS_PENDING);
  EXPECT_EQ(cancel_io(*f, std::nullopt, std::nullopt), STATUS_SUCCESS);
  EXPECT_EQ(static_cast<win::NTSTATUS>(iosb[0]), STATUS_CANCELLED);
  EXPECT_EQ(cancel_io(*f, std::nullopt, std::nullopt), STATUS_NOT_FOUND);
  close(peer);
}

TEST(NtNamedPipe, AddressesIgnoreCaseAndDependOnThePrefix) {
  EXPECT_EQ(pipe_socket_address(u"MyPipe", "/p"), pipe_socket_address(u"mypipe", "/p"));
  EXPECT_NE(pipe_socket_address(u"mypipe", "/p"), pipe_socket_address(u"mypipe", "/q"));
  EXPECT_NE(pipe_socket_address(u"a", "/p"), pipe_socket_address(u"b", "/p"));
  std::u16string long_name(300, u'x');
  EXPECT_LE(pipe_socket_address(long_name, "/p").size(), 107u);
  EXPECT_NE(pipe_socket_address(long_name, "/p"), pipe_socket_address(long_name + u"y", "/p"));
  EXPECT_TRUE(is_pipe_name(u"\\\\.\\PIPE\\x"));
  EXPECT_FALSE(is_pipe_name(u"\\\\.\\pipex"));
  EXPECT_FALSE(is_pipe_name(u"C:\\pipe\\x"));
}
