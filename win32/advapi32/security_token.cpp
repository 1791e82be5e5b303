// Access tokens: the process token (one object, shared by every handle
// OpenProcessToken gives), what GetTokenInformation reports of it, and its
// privileges, which AdjustTokenPrivileges enables and disables. Threads never
// impersonate here, so OpenThreadToken has no token to open.
#include <unistd.h>

#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "ntdll/handle_table.h"
#include "ntdll/object.h"
#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/advapi32/advapi32.h"
#include "win32/advapi32/security.h"

SILL_DEFAULT_DEBUG_CHANNEL(advapi);

namespace sill::advapi32 {
namespace {

constexpr DWORD ERROR_NO_TOKEN = 1008;
constexpr DWORD ERROR_NOT_ALL_ASSIGNED = 1300;
constexpr BYTE kNtAuthority[6] = {0, 0, 0, 0, 0, 5};
constexpr BYTE kWorldAuthority[6] = {0, 0, 0, 0, 0, 1};
constexpr BYTE kMandatoryLabelAuthority[6] = {0, 0, 0, 0, 0, 16};

// TOKEN_INFORMATION_CLASS values answered here.
enum : int {
  TokenUser = 1, TokenGroups = 2, TokenPrivileges = 3, TokenOwner = 4, TokenPrimaryGroup = 5, TokenType = 8,
  TokenSessionId = 12, TokenElevationType = 18, TokenElevation = 20, TokenIntegrityLevel = 25,
};

class Token : public nt::Object {
 public:
  static constexpr nt::ObjectType kType = nt::ObjectType::Token;
  Token() : Object(kType) {
    const bool admin = process_elevated();
    const DWORD group = SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED;
    groups.push_back({make_sid(kWorldAuthority, {0}), group});   // Everyone
    groups.push_back({make_sid(kNtAuthority, {32, 545}), group});  // BUILTIN\Users
    if (admin) groups.push_back({make_sid(kNtAuthority, {32, 544}), group | SE_GROUP_OWNER});  // Administrators
    groups.push_back({make_sid(kNtAuthority, {4}), group});   // INTERACTIVE
    groups.push_back({make_sid(kNtAuthority, {11}), group});  // Authenticated Users
    // A standard user's privileges; an administrator's also include those of backup and symbolic links.
    const char16_t* held[] = {u"SeChangeNotifyPrivilege", u"SeShutdownPrivilege", u"SeUndockPrivilege",
                              u"SeIncreaseWorkingSetPrivilege", u"SeTimeZonePrivilege"};
    for (const char16_t* name : held) privileges.push_back({{privilege_luid(name), 0}, 0});
    privileges[0].Attributes = SE_PRIVILEGE_ENABLED | SE_PRIVILEGE_ENABLED_BY_DEFAULT;
    if (admin) {
      const char16_t* admin_held[] = {u"SeBackupPrivilege", u"SeRestorePrivilege", u"SeSecurityPrivilege",
                                      u"SeTakeOwnershipPrivilege", u"SeDebugPrivilege",
                                      u"SeCreateSymbolicLinkPrivilege", u"SeManageVolumePrivilege"};
      for (const char16_t* name : admin_held) privileges.push_back({{privilege_luid(name), 0}, 0});
    }
  }
  struct Group {
    std::vector<BYTE> sid;
    DWORD attributes;
  };
  std::vector<Group> groups;
  std::mutex lock;
  std::vector<LUID_AND_ATTRIBUTES> privileges;
};

Token& process_token() {
  static Token* token = new Token();  // lives as long as the process; handles add references
  return *token;
}

// Lays out a TOKEN_* answer: a fixed part, then the SIDs it points to.
class Answer {
 public:
  explicit Answer(std::size_t fixed) : bytes_(fixed) {}
  std::size_t add_sid(const std::vector<BYTE>& sid) {
    std::size_t at = bytes_.size();
    bytes_.insert(bytes_.end(), sid.begin(), sid.end());
    sids_.push_back(at);
    return at;
  }
  template <class T>
  T* fixed() {
    return reinterpret_cast<T*>(bytes_.data());
  }
  std::vector<BYTE>& bytes() { return bytes_; }

 private:
  std::vector<BYTE> bytes_;
  std::vector<std::size_t> sids_;
};

// Copies the answer out; pointers inside it are set by `link` once its address is known.
template <class Link>
BOOL give(std::vector<BYTE>& bytes, void* buffer, DWORD size, DWORD* needed, Link link) {
  if (needed) *needed = static_cast<DWORD>(bytes.size());
  if (!buffer || size < bytes.size()) {
    nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
    return FALSE;
  }
  std::memcpy(buffer, bytes.data(), bytes.size());
  link(static_cast<BYTE*>(buffer));
  return TRUE;
}

template <class T>
BOOL give_value(const T& value, void* buffer, DWORD size, DWORD* needed) {
  std::vector<BYTE> bytes(sizeof(T));
  std::memcpy(bytes.data(), &value, sizeof(T));
  return give(bytes, buffer, size, needed, [](BYTE*) {});
}

// TOKEN_USER, TOKEN_OWNER, TOKEN_PRIMARY_GROUP, TOKEN_MANDATORY_LABEL: one SID (and attributes).
BOOL give_one_sid(const std::vector<BYTE>& sid, DWORD attributes, bool with_attributes, void* buffer, DWORD size,
                  DWORD* needed) {
  const std::size_t fixed = with_attributes ? sizeof(SID_AND_ATTRIBUTES) : sizeof(SID*);
  Answer a(fixed);
  if (with_attributes) a.fixed<SID_AND_ATTRIBUTES>()->Attributes = attributes;
  const std::size_t at = a.add_sid(sid);
  return give(a.bytes(), buffer, size, needed,
              [at](BYTE* out) { *reinterpret_cast<SID**>(out) = reinterpret_cast<SID*>(out + at); });
}

BOOL give_groups(const Token& t, void* buffer, DWORD size, DWORD* needed) {
  const std::size_t fixed = 8 + sizeof(SID_AND_ATTRIBUTES) * t.groups.size();  // GroupCount, padding, array
  Answer a(fixed);
  std::vector<std::size_t> at;
  for (const auto& g : t.groups) at.push_back(a.add_sid(g.sid));
  *a.fixed<DWORD>() = static_cast<DWORD>(t.groups.size());
  return give(a.bytes(), buffer, size, needed, [&](BYTE* out) {
    auto* array = reinterpret_cast<SID_AND_ATTRIBUTES*>(out + 8);
    for (std::size_t i = 0; i < at.size(); ++i) {
      array[i].Sid = reinterpret_cast<SID*>(out + at[i]);
      array[i].Attributes = t.groups[i].attributes;
    }
  });
}

BOOL give_privileges(Token& t, void* buffer, DWORD size, DWORD* needed) {
  std::lock_guard g(t.lock);
  std::vector<BYTE> bytes(4 + sizeof(LUID_AND_ATTRIBUTES) * t.privileges.size());
  *reinterpret_cast<DWORD*>(bytes.data()) = static_cast<DWORD>(t.privileges.size());
  std::memcpy(bytes.data() + 4, t.privileges.data(), sizeof(LUID_AND_ATTRIBUTES) * t.privileges.size());
  return give(bytes, buffer, size, needed, [](BYTE*) {});
}

}  // namespace

BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, HANDLE* token) noexcept {
  if (!token) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  if (process != nt::current_process_handle()) {
    FIXME_ONCE("tokens of other processes are not available\n");
    nt::set_last_error(win::ERROR_ACCESS_DENIED);
    return FALSE;
  }
  Token& t = process_token();
  *token = nt::handle_table().insert(nt::Ref<nt::Object>::share(&t), access);
  return *token ? TRUE : FALSE;
}

BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL open_as_self, HANDLE* token) noexcept {
  if (token) *token = nullptr;
  nt::set_last_error(ERROR_NO_TOKEN);  // no thread impersonates a client here
  return FALSE;
}

BOOL WINAPI GetTokenInformation(HANDLE handle, int info_class, void* buffer, DWORD size, DWORD* needed) noexcept {
  auto token = nt::handle_table().get<Token>(handle);
  if (!token) {
    nt::set_last_status(token.error());
    return FALSE;
  }
  Token& t = **token;
  const bool admin = process_elevated();
  try {
    switch (info_class) {
      case TokenUser:
        return give_one_sid(user_sid(), 0, true, buffer, size, needed);
      case TokenGroups:
        return give_groups(t, buffer, size, needed);
      case TokenPrivileges:
        return give_privileges(t, buffer, size, needed);
      case TokenOwner:
        return give_one_sid(admin ? make_sid(kNtAuthority, {32, 544}) : user_sid(), 0, false, buffer, size, needed);
      case TokenPrimaryGroup:
        return give_one_sid(user_sid(), 0, false, buffer, size, needed);
      case TokenType:
        return give_value(DWORD{1}, buffer, size, needed);  // TokenPrimary
      case TokenSessionId:
        return give_value(DWORD{1}, buffer, size, needed);
      case TokenElevationType:
        return give_value(DWORD{1}, buffer, size, needed);  // TokenElevationTypeDefault: no split token
      case TokenElevation:
        return give_value(DWORD{admin ? 1u : 0u}, buffer, size, needed);
      case TokenIntegrityLevel:  // high for administrators, medium otherwise
        return give_one_sid(make_sid(kMandatoryLabelAuthority, {admin ? 0x3000u : 0x2000u}),
                            SE_GROUP_INTEGRITY | SE_GROUP_INTEGRITY_ENABLED, true, buffer, size, needed);
      default:
        FIXME("token information class %d is not supported\n", info_class);
        nt::set_last_error(win::ERROR_INVALID_PARAMETER);
        return FALSE;
    }
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
}

// Privileges the token holds change state; one it does not hold makes the result ERROR_NOT_ALL_ASSIGNED.
BOOL WINAPI AdjustTokenPrivileges(HANDLE handle, BOOL disable_all, TOKEN_PRIVILEGES* state, DWORD size,
                                  TOKEN_PRIVILEGES* previous, DWORD* needed) noexcept {
  auto token = nt::handle_table().get<Token>(handle);
  if (!token) {
    nt::set_last_status(token.error());
    return FALSE;
  }
  Token& t = **token;
  std::lock_guard g(t.lock);
  std::vector<LUID_AND_ATTRIBUTES> before;
  bool all_assigned = true;
  auto change = [&](LUID_AND_ATTRIBUTES& held, DWORD enabled) {
    if ((held.Attributes & SE_PRIVILEGE_ENABLED) == enabled) return;
    before.push_back(held);
    held.Attributes = (held.Attributes & ~SE_PRIVILEGE_ENABLED) | enabled;
  };
  if (disable_all) {
    for (auto& held : t.privileges) change(held, 0);
  } else if (state) {
    for (DWORD i = 0; i < state->PrivilegeCount; ++i) {
      const LUID_AND_ATTRIBUTES& want = state->Privileges[i];
      bool found = false;
      for (auto& held : t.privileges) {
        if (held.Luid.LowPart != want.Luid.LowPart || held.Luid.HighPart != want.Luid.HighPart) continue;
        found = true;
        change(held, want.Attributes & SE_PRIVILEGE_ENABLED);
      }
      if (!found) all_assigned = false;
    }
  }
  if (previous) {
    const DWORD want = static_cast<DWORD>(4 + sizeof(LUID_AND_ATTRIBUTES) * before.size());
    if (needed) *needed = want;
    if (size < want) {
      nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
      return FALSE;
    }
    previous->PrivilegeCount = static_cast<DWORD>(before.size());
    std::memcpy(previous->Privileges, before.data(), sizeof(LUID_AND_ATTRIBUTES) * before.size());
  }
  nt::set_last_error(all_assigned ? win::ERROR_SUCCESS : ERROR_NOT_ALL_ASSIGNED);
  return TRUE;
}

// Whether the token (the process's when null) has the SID among its enabled groups or as its user.
BOOL WINAPI CheckTokenMembership(HANDLE handle, SID* sid, BOOL* is_member) noexcept {
  if (!sid_valid(sid) || !is_member) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  Token* t = &process_token();
  nt::Ref<Token> held;
  if (handle) {
    auto token = nt::handle_table().get<Token>(handle);
    if (!token) {
      nt::set_last_status(token.error());
      return FALSE;
    }
    held = *token;
    t = held.get();
  }
  const DWORD length = sid_length(sid);
  auto same = [&](const std::vector<BYTE>& s) { return s.size() == length && std::memcmp(s.data(), sid, length) == 0; };
  *is_member = same(user_sid()) ? TRUE : FALSE;
  for (const auto& g : t->groups)
    if ((g.attributes & SE_GROUP_ENABLED) && same(g.sid)) *is_member = TRUE;
  return TRUE;
}

}  // namespace sill::advapi32
