// kernel32's side of overlapped I/O (ioapiset_overlapped.cpp), shared by fileapi.cpp and the
// named pipe functions.
#pragma once
#include "ntdll/file.h"
#include "ntdll/overlapped_io.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

// Where a request with this OVERLAPPED reports: its Internal/InternalHigh, its event (a set low
// bit keeps the packet off the completion port), the OVERLAPPED as the packet's value.
nt::IoTarget overlapped_target(OVERLAPPED* ov);

// ReadFile/WriteFile/ReadFileEx/WriteFileEx on a file: the Win32 result and last error.
// Overlapped handles start a request (FALSE/ERROR_IO_PENDING while it runs; without an OVERLAPPED
// the call waits for it); synchronous ones read or write at once. `routine`: the Ex functions.
BOOL transfer(const nt::Ref<nt::File>& f, bool write, void* buf, DWORD len, DWORD* count, OVERLAPPED* ov,
              LPOVERLAPPED_COMPLETION_ROUTINE routine);

}  // namespace sill::kernel32
