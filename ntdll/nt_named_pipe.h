// NtCreateFile's way onto the pipe file system (nt_named_pipe.cpp).
#pragma once
#include <optional>

#include "ntdll/ntdll_api.h"

namespace sill::ntdll {

// NtCreateFile/NtOpenFile of \Device\NamedPipe\ (or \??\pipe\) itself, of a pipe below it, of a
// name relative to such a root handle, or of the client end of a server handle (an empty name
// relative to it). nullopt: the path is not on the pipe file system.
std::optional<NTSTATUS> open_on_pipe_fs(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                                        ULONG options);

}  // namespace sill::ntdll
