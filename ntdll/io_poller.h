// The epoll thread behind pending overlapped I/O on pipes and sockets (see overlapped_io.h):
// requests wait here, per file and direction in issue order, until their fd is ready.
#pragma once
#include "ntdll/overlapped_io.h"

namespace sill::nt {

// Parks a Read or Write request whose first attempt would have blocked.
void poll_request(const Ref<IoRequest>& r);
// Whether requests of this kind are parked on the file (a new one must queue behind them).
bool requests_waiting(File& f, IoRequest::Kind kind);
// One attempt at the request's operation without blocking: STATUS_PENDING if the fd is not ready
// (overlapped_io.cpp).
win::NTSTATUS attempt_io(IoRequest& r);

}  // namespace sill::nt
