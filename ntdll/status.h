// NTSTATUS values, the one errno -> NTSTATUS translation, and the NTSTATUS ->
// Win32 error mapping behind RtlNtStatusToDosError and SetLastError.
#pragma once
#include "base/wintypes.h"

namespace sill::nt {

using win::NTSTATUS;

constexpr NTSTATUS status(std::uint32_t v) { return static_cast<NTSTATUS>(v); }

inline constexpr NTSTATUS STATUS_SUCCESS = 0;
inline constexpr NTSTATUS STATUS_WAIT_0 = 0;
inline constexpr NTSTATUS STATUS_ABANDONED_WAIT_0 = 0x80;
inline constexpr NTSTATUS STATUS_USER_APC = 0xC0;
inline constexpr NTSTATUS STATUS_TIMEOUT = 0x102;
inline constexpr NTSTATUS STATUS_PENDING = 0x103;
inline constexpr NTSTATUS STATUS_OBJECT_NAME_EXISTS = 0x40000000;
inline constexpr NTSTATUS STATUS_BUFFER_OVERFLOW = status(0x80000005);
inline constexpr NTSTATUS STATUS_NO_MORE_FILES = status(0x80000006);
inline constexpr NTSTATUS STATUS_NO_MORE_ENTRIES = status(0x8000001A);
inline constexpr NTSTATUS STATUS_UNSUCCESSFUL = status(0xC0000001);
inline constexpr NTSTATUS STATUS_NOT_IMPLEMENTED = status(0xC0000002);
inline constexpr NTSTATUS STATUS_INVALID_INFO_CLASS = status(0xC0000003);
inline constexpr NTSTATUS STATUS_INFO_LENGTH_MISMATCH = status(0xC0000004);
inline constexpr NTSTATUS STATUS_ACCESS_VIOLATION = status(0xC0000005);
inline constexpr NTSTATUS STATUS_INVALID_HANDLE = status(0xC0000008);
inline constexpr NTSTATUS STATUS_INVALID_CID = status(0xC000000B);
inline constexpr NTSTATUS STATUS_INVALID_PARAMETER = status(0xC000000D);
inline constexpr NTSTATUS STATUS_NO_SUCH_DEVICE = status(0xC000000E);
inline constexpr NTSTATUS STATUS_NO_SUCH_FILE = status(0xC000000F);
inline constexpr NTSTATUS STATUS_INVALID_DEVICE_REQUEST = status(0xC0000010);
inline constexpr NTSTATUS STATUS_END_OF_FILE = status(0xC0000011);
inline constexpr NTSTATUS STATUS_NO_MEMORY = status(0xC0000017);
inline constexpr NTSTATUS STATUS_CONFLICTING_ADDRESSES = status(0xC0000018);
inline constexpr NTSTATUS STATUS_NOT_MAPPED_VIEW = status(0xC0000019);
inline constexpr NTSTATUS STATUS_INVALID_VIEW_SIZE = status(0xC000001F);
inline constexpr NTSTATUS STATUS_SECTION_TOO_BIG = status(0xC0000040);
inline constexpr NTSTATUS STATUS_MAPPED_FILE_SIZE_ZERO = status(0xC000011E);
inline constexpr NTSTATUS STATUS_MAPPED_ALIGNMENT = status(0xC0000220);
inline constexpr NTSTATUS STATUS_UNABLE_TO_FREE_VM = status(0xC000001A);
inline constexpr NTSTATUS STATUS_NOT_COMMITTED = status(0xC000002D);
inline constexpr NTSTATUS STATUS_FREE_VM_NOT_AT_BASE = status(0xC000009F);
inline constexpr NTSTATUS STATUS_ALREADY_COMMITTED = status(0xC0000021);
inline constexpr NTSTATUS STATUS_ACCESS_DENIED = status(0xC0000022);
inline constexpr NTSTATUS STATUS_BUFFER_TOO_SMALL = status(0xC0000023);
inline constexpr NTSTATUS STATUS_OBJECT_TYPE_MISMATCH = status(0xC0000024);
inline constexpr NTSTATUS STATUS_OBJECT_NAME_INVALID = status(0xC0000033);
inline constexpr NTSTATUS STATUS_OBJECT_NAME_NOT_FOUND = status(0xC0000034);
inline constexpr NTSTATUS STATUS_OBJECT_NAME_COLLISION = status(0xC0000035);
inline constexpr NTSTATUS STATUS_OBJECT_PATH_INVALID = status(0xC0000039);
inline constexpr NTSTATUS STATUS_OBJECT_PATH_NOT_FOUND = status(0xC000003A);
inline constexpr NTSTATUS STATUS_OBJECT_PATH_SYNTAX_BAD = status(0xC000003B);
inline constexpr NTSTATUS STATUS_SHARING_VIOLATION = status(0xC0000043);
inline constexpr NTSTATUS STATUS_INVALID_PAGE_PROTECTION = status(0xC0000045);
inline constexpr NTSTATUS STATUS_MUTANT_NOT_OWNED = status(0xC0000046);
inline constexpr NTSTATUS STATUS_SEMAPHORE_LIMIT_EXCEEDED = status(0xC0000047);
inline constexpr NTSTATUS STATUS_LOCK_NOT_GRANTED = status(0xC0000055);
inline constexpr NTSTATUS STATUS_DELETE_PENDING = status(0xC0000056);
inline constexpr NTSTATUS STATUS_PRIVILEGE_NOT_HELD = status(0xC0000061);
inline constexpr NTSTATUS STATUS_PROCEDURE_NOT_FOUND = status(0xC000007A);
inline constexpr NTSTATUS STATUS_INVALID_IMAGE_FORMAT = status(0xC000007B);
inline constexpr NTSTATUS STATUS_DISK_FULL = status(0xC000007F);
inline constexpr NTSTATUS STATUS_INSUFFICIENT_RESOURCES = status(0xC000009A);
inline constexpr NTSTATUS STATUS_MEMORY_NOT_ALLOCATED = status(0xC00000A0);
inline constexpr NTSTATUS STATUS_MEDIA_WRITE_PROTECTED = status(0xC00000A2);
inline constexpr NTSTATUS STATUS_DEVICE_NOT_READY = status(0xC00000A3);
inline constexpr NTSTATUS STATUS_ILLEGAL_FUNCTION = status(0xC00000AF);
inline constexpr NTSTATUS STATUS_FILE_IS_A_DIRECTORY = status(0xC00000BA);
inline constexpr NTSTATUS STATUS_NOT_SUPPORTED = status(0xC00000BB);
inline constexpr NTSTATUS STATUS_BAD_NETWORK_PATH = status(0xC00000BE);
inline constexpr NTSTATUS STATUS_NOT_SAME_DEVICE = status(0xC00000D4);
inline constexpr NTSTATUS STATUS_DIRECTORY_NOT_EMPTY = status(0xC0000101);
inline constexpr NTSTATUS STATUS_NOT_A_DIRECTORY = status(0xC0000103);
inline constexpr NTSTATUS STATUS_NAME_TOO_LONG = status(0xC0000106);
inline constexpr NTSTATUS STATUS_TOO_MANY_OPENED_FILES = status(0xC000011F);
inline constexpr NTSTATUS STATUS_CANCELLED = status(0xC0000120);
inline constexpr NTSTATUS STATUS_CANNOT_DELETE = status(0xC0000121);
inline constexpr NTSTATUS STATUS_FILE_DELETED = status(0xC0000123);
inline constexpr NTSTATUS STATUS_DLL_NOT_FOUND = status(0xC0000135);
inline constexpr NTSTATUS STATUS_ORDINAL_NOT_FOUND = status(0xC0000138);
inline constexpr NTSTATUS STATUS_ENTRYPOINT_NOT_FOUND = status(0xC0000139);
inline constexpr NTSTATUS STATUS_INVALID_ADDRESS = status(0xC0000141);
inline constexpr NTSTATUS STATUS_DLL_INIT_FAILED = status(0xC0000142);
inline constexpr NTSTATUS STATUS_PIPE_BROKEN = status(0xC000014B);
inline constexpr NTSTATUS STATUS_IO_DEVICE_ERROR = status(0xC0000185);
inline constexpr NTSTATUS STATUS_NOT_FOUND = status(0xC0000225);
inline constexpr NTSTATUS STATUS_NO_UNICODE_TRANSLATION = status(0xC0000717);
// Registry.
inline constexpr NTSTATUS STATUS_NOTIFY_CLEANUP = 0x10B;
inline constexpr NTSTATUS STATUS_NOTIFY_ENUM_DIR = 0x10C;
inline constexpr NTSTATUS STATUS_REGISTRY_CORRUPT = status(0xC000014C);
inline constexpr NTSTATUS STATUS_REGISTRY_IO_FAILED = status(0xC000014D);
inline constexpr NTSTATUS STATUS_KEY_DELETED = status(0xC000017C);
inline constexpr NTSTATUS STATUS_KEY_HAS_CHILDREN = status(0xC0000180);
inline constexpr NTSTATUS STATUS_CHILD_MUST_BE_VOLATILE = status(0xC0000181);
// Pipes and overlapped I/O.
inline constexpr NTSTATUS STATUS_INSTANCE_NOT_AVAILABLE = status(0xC00000AB);
inline constexpr NTSTATUS STATUS_PIPE_NOT_AVAILABLE = status(0xC00000AC);
inline constexpr NTSTATUS STATUS_INVALID_PIPE_STATE = status(0xC00000AD);
inline constexpr NTSTATUS STATUS_PIPE_BUSY = status(0xC00000AE);
inline constexpr NTSTATUS STATUS_PIPE_DISCONNECTED = status(0xC00000B0);
inline constexpr NTSTATUS STATUS_PIPE_CLOSING = status(0xC00000B1);
inline constexpr NTSTATUS STATUS_PIPE_CONNECTED = status(0xC00000B2);
inline constexpr NTSTATUS STATUS_PIPE_LISTENING = status(0xC00000B3);
inline constexpr NTSTATUS STATUS_IO_TIMEOUT = status(0xC00000B5);
inline constexpr NTSTATUS STATUS_PIPE_EMPTY = status(0xC00000D9);

inline bool nt_success(NTSTATUS s) { return s >= 0; }

// The only place errno values become NTSTATUS.
NTSTATUS status_from_errno(int err);
// RtlNtStatusToDosError's table (ERROR_MR_MID_NOT_FOUND for unknown codes).
win::ULONG dos_error_from_status(NTSTATUS s);

// The calling thread's last error (TEB->LastErrorValue), as kernel32 keeps it.
void set_last_error(win::DWORD code);
win::DWORD last_error();
// Sets LastStatusValue and the mapped Win32 error; for failing Win32 calls.
void set_last_status(NTSTATUS s);

}  // namespace sill::nt
