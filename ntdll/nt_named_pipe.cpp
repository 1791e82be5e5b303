// The NT face of named pipes over ntdll/named_pipe.h: NtCreateNamedPipeFile, NtCancelIoFileEx,
// and NtCreateFile/NtOpenFile on the pipe file system. Rust's std makes its anonymous pipes
// this way: it opens the pipe file system's root (\Device\NamedPipe\), creates a pipe with an
// empty name relative to that handle, then opens the client end with an empty name relative
// to the server's handle. An unnamed pipe gets a name of its own here (one per process and
// pipe), which no other program is expected to guess.
#include "ntdll/nt_named_pipe.h"

#include <unistd.h>

#include <atomic>
#include <string>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/named_pipe.h"
#include "ntdll/overlapped_io.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(file);

namespace sill::ntdll {

namespace {

// A handle on the pipe file system's root: only a directory to open pipes relative to.
class PipeDirectory final : public nt::Object {
 public:
  PipeDirectory() : nt::Object(nt::ObjectType::Other) {}
};

constexpr ULONG OBJ_INHERIT = 0x2;
constexpr ULONG FILE_SYNCHRONOUS_IO = 0x10 | 0x20;  // FILE_SYNCHRONOUS_IO_ALERT | _NONALERT
constexpr ULONG FILE_SHARE_READ = 0x1, FILE_SHARE_WRITE = 0x2;
constexpr ULONG FILE_PIPE_MESSAGE_TYPE = 1, FILE_PIPE_MESSAGE_MODE = 1, FILE_PIPE_COMPLETE_OPERATION = 1;
constexpr char16_t kDosPipePrefix[] = u"\\\\.\\pipe\\";

bool starts_with_folded(std::u16string_view s, std::u16string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char16_t c = s[i], p = prefix[i];
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
    if (p >= u'A' && p <= u'Z') p = static_cast<char16_t>(p - u'A' + u'a');
    if (c != p) return false;
  }
  return true;
}

// The part of an NT path below the pipe file system's root, or nullopt when the path is
// elsewhere. "" names the root itself.
std::optional<std::u16string_view> below_pipe_root(std::u16string_view path) {
  for (std::u16string_view root : {std::u16string_view(u"\\Device\\NamedPipe"), std::u16string_view(u"\\??\\pipe")}) {
    if (!starts_with_folded(path, root)) continue;
    std::u16string_view rest = path.substr(root.size());
    if (rest.empty()) return rest;
    if (rest[0] == u'\\') return rest.substr(1);
  }
  return std::nullopt;
}

std::u16string object_name(const OBJECT_ATTRIBUTES* attr) {
  if (!attr->ObjectName || !attr->ObjectName->Buffer) return {};
  return std::u16string(attr->ObjectName->Buffer, attr->ObjectName->Length / 2);
}

// What a name in `attr` refers to on the pipe file system.
struct PipeTarget {
  bool is_root = false;         // the root directory itself
  std::u16string dos_name;      // else the pipe, as \\.\pipe\NAME ("" for a new unnamed pipe)
};

// nullopt: not on the pipe file system (an ordinary file path). An error: a bad pipe name or
// root directory handle.
std::optional<Expected<PipeTarget, NTSTATUS>> resolve(const OBJECT_ATTRIBUTES* attr) {
  std::u16string name = object_name(attr);
  if (attr->RootDirectory) {
    auto root = nt::handle_table().get_object(attr->RootDirectory);
    if (!root) return std::nullopt;  // NtCreateFile reports what it does with a bad root
    if (dynamic_cast<PipeDirectory*>(root->get())) {
      if (name.empty()) return PipeTarget{false, {}};
      return PipeTarget{false, kDosPipePrefix + name};
    }
    if (root.value()->type() == nt::ObjectType::File) {
      auto* end = static_cast<nt::File*>(root->get())->pipe_end();
      if (!end) return std::nullopt;
      if (!name.empty()) return Expected<PipeTarget, NTSTATUS>(Unexpected{nt::STATUS_OBJECT_NAME_INVALID});
      if (end->pipe_name.empty()) return Expected<PipeTarget, NTSTATUS>(Unexpected{nt::STATUS_INVALID_PARAMETER});
      return PipeTarget{false, end->pipe_name};
    }
    return std::nullopt;
  }
  auto rest = below_pipe_root(name);
  if (!rest) return std::nullopt;
  if (rest->empty()) return PipeTarget{true, {}};
  return PipeTarget{false, kDosPipePrefix + std::u16string(*rest)};
}

std::u16string unnamed_pipe_name() {
  static std::atomic<unsigned> next{0};
  std::string n = "Sill.Unnamed." + std::to_string(getpid()) + "." + std::to_string(next.fetch_add(1) + 1);
  return kDosPipePrefix + std::u16string(n.begin(), n.end());
}

void set_io(IO_STATUS_BLOCK* io, NTSTATUS s, ULONG_PTR info) {
  if (!io) return;
  io->Status = s;
  io->Information = info;
}

}  // namespace

std::optional<NTSTATUS> open_on_pipe_fs(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                                        ULONG options) {
  auto target = resolve(attr);
  if (!target) return std::nullopt;
  if (!*target) return target->error();
  const DWORD inherit = (attr->Attributes & OBJ_INHERIT) ? nt::HANDLE_FLAG_INHERIT : 0;
  if ((*target)->is_root) {
    *handle = nt::handle_table().insert(nt::make_object<PipeDirectory>(), access, inherit);
    set_io(io, nt::STATUS_SUCCESS, 1 /* FILE_OPENED */);
    return nt::STATUS_SUCCESS;
  }
  if ((*target)->dos_name.empty()) return nt::STATUS_OBJECT_NAME_INVALID;
  auto client = nt::open_pipe_client((*target)->dos_name, access, !(options & FILE_SYNCHRONOUS_IO));
  if (!client) {
    set_io(io, client.error(), 0);
    return client.error();
  }
  *handle = nt::handle_table().insert(*client, access, inherit);
  set_io(io, nt::STATUS_SUCCESS, 1 /* FILE_OPENED */);
  return nt::STATUS_SUCCESS;
}

NTSTATUS WINAPI NtCreateNamedPipeFile(HANDLE* handle, ULONG access, OBJECT_ATTRIBUTES* attr, IO_STATUS_BLOCK* io,
                                      ULONG share, ULONG disposition, ULONG options, ULONG pipe_type,
                                      ULONG read_mode, ULONG completion_mode, ULONG max_instances,
                                      ULONG inbound_quota, ULONG outbound_quota,
                                      LARGE_INTEGER* default_timeout) noexcept {
  try {
    if (!handle || !attr) return nt::STATUS_INVALID_PARAMETER;
    auto target = resolve(attr);
    if (!target) return nt::STATUS_OBJECT_NAME_INVALID;
    if (!*target) return target->error();
    if ((*target)->is_root) return nt::STATUS_OBJECT_NAME_INVALID;
    // The server's direction, as CreateNamedPipe asks for it: clients that may write make an
    // inbound pipe, clients that may read an outbound one.
    DWORD open_mode = ((share & FILE_SHARE_WRITE) ? nt::PIPE_ACCESS_INBOUND : 0) |
                      ((share & FILE_SHARE_READ) ? nt::PIPE_ACCESS_OUTBOUND : 0);
    constexpr DWORD FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000, FILE_FLAG_OVERLAPPED = 0x40000000;
    constexpr ULONG FILE_CREATE = 2, FILE_OPEN_IF = 3;
    if (disposition == FILE_CREATE) open_mode |= FILE_FLAG_FIRST_PIPE_INSTANCE;
    else if (disposition != FILE_OPEN_IF) return nt::STATUS_INVALID_PARAMETER;
    if (!(options & FILE_SYNCHRONOUS_IO)) open_mode |= FILE_FLAG_OVERLAPPED;
    DWORD pipe_mode = (pipe_type == FILE_PIPE_MESSAGE_TYPE ? nt::PIPE_TYPE_MESSAGE : 0) |
                      (read_mode == FILE_PIPE_MESSAGE_MODE ? nt::PIPE_READMODE_MESSAGE : 0) |
                      (completion_mode == FILE_PIPE_COMPLETE_OPERATION ? nt::PIPE_NOWAIT : 0);
    // The default timeout is relative (negative, in 100 ns units); 0 asks for the usual 50 ms.
    DWORD timeout_ms = 0;
    if (default_timeout && default_timeout->QuadPart < 0)
      timeout_ms = static_cast<DWORD>(-default_timeout->QuadPart / 10000);
    if (max_instances == 0xFFFFFFFFu) max_instances = nt::PIPE_UNLIMITED_INSTANCES;

    std::u16string name = (*target)->dos_name.empty() ? unnamed_pipe_name() : (*target)->dos_name;
    nt::CreatePipeRequest req{name, open_mode, pipe_mode, max_instances, outbound_quota, inbound_quota, timeout_ms};
    auto pipe = nt::create_pipe_instance(req);
    if (!pipe) {
      set_io(io, pipe.error(), 0);
      return pipe.error();
    }
    (*pipe)->pipe_name = name;
    *handle = nt::handle_table().insert(*pipe, access, (attr->Attributes & OBJ_INHERIT) ? nt::HANDLE_FLAG_INHERIT : 0);
    set_io(io, nt::STATUS_SUCCESS, 2 /* FILE_CREATED */);
    return nt::STATUS_SUCCESS;
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
}

NTSTATUS WINAPI NtCancelIoFileEx(HANDLE h, IO_STATUS_BLOCK* request, IO_STATUS_BLOCK* io) noexcept {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f) return f.error();
  NTSTATUS s = nt::STATUS_NOT_FOUND;
  try {
    if (!request) {
      s = nt::cancel_io(**f, std::nullopt, std::nullopt);
    } else if (nt::Ref<nt::IoRequest> r = nt::find_request(reinterpret_cast<ULONG_PTR*>(request));
               r && r->file.get() == f->get() && r->finish(nt::STATUS_CANCELLED, 0)) {
      if (r->unpark) r->unpark(*r);
      s = nt::STATUS_SUCCESS;
    }
  } catch (...) {
    return nt::STATUS_NO_MEMORY;
  }
  if (s == nt::STATUS_SUCCESS) set_io(io, s, 0);
  return s;
}

}  // namespace sill::ntdll
