// Security identifiers: revision 1, an identifier authority of 6 big-endian
// bytes, up to 15 sub-authorities; the "S-1-5-21-..." string form.
#include <cstdlib>
#include <cstring>
#include <string>

#include "ntdll/status.h"
#include "ntdll/winerror.h"
#include "win32/advapi32/advapi32.h"
#include "win32/advapi32/security.h"
#include "win32/kernel32/kernel32.h"

namespace sill::advapi32 {

std::vector<BYTE> make_sid(const BYTE (&authority)[6], std::initializer_list<DWORD> sub_authorities) {
  std::vector<BYTE> bytes(8 + 4 * sub_authorities.size());
  auto* sid = reinterpret_cast<SID*>(bytes.data());
  sid->Revision = SID_REVISION;
  sid->SubAuthorityCount = static_cast<BYTE>(sub_authorities.size());
  std::memcpy(sid->IdentifierAuthority.Value, authority, 6);
  std::memcpy(bytes.data() + 8, sub_authorities.begin(), 4 * sub_authorities.size());
  return bytes;
}

DWORD sid_length(const SID* sid) { return 8 + 4 * DWORD{sid->SubAuthorityCount}; }

bool sid_valid(const SID* sid) {
  return sid && sid->Revision == SID_REVISION && sid->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES;
}

std::u16string sid_string(const SID* sid) {
  std::uint64_t authority = 0;
  for (BYTE b : sid->IdentifierAuthority.Value) authority = (authority << 8) | b;
  std::string s = "S-1-";
  // Authorities that do not fit 32 bits are written in hex, as Windows does.
  if (authority >> 32) {
    char hex[20];
    std::snprintf(hex, sizeof hex, "0x%012llX", static_cast<unsigned long long>(authority));
    s += hex;
  } else {
    s += std::to_string(authority);
  }
  for (BYTE i = 0; i < sid->SubAuthorityCount; ++i) {
    DWORD part;
    std::memcpy(&part, reinterpret_cast<const BYTE*>(sid) + 8 + 4 * i, 4);
    s += '-';
    s += std::to_string(part);
  }
  return std::u16string(s.begin(), s.end());
}

BOOL WINAPI AllocateAndInitializeSid(const SID_IDENTIFIER_AUTHORITY* authority, BYTE count, DWORD s0, DWORD s1,
                                     DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6, DWORD s7,
                                     SID** sid) noexcept {
  if (!authority || !sid || count > 8) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  const DWORD parts[8] = {s0, s1, s2, s3, s4, s5, s6, s7};
  auto* p = static_cast<SID*>(std::malloc(8 + 4 * DWORD{count}));
  if (!p) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
  p->Revision = SID_REVISION;
  p->SubAuthorityCount = count;
  p->IdentifierAuthority = *authority;
  std::memcpy(reinterpret_cast<BYTE*>(p) + 8, parts, 4 * DWORD{count});
  *sid = p;
  return TRUE;
}

void* WINAPI FreeSid(SID* sid) noexcept {
  std::free(sid);
  return nullptr;
}

BOOL WINAPI IsValidSid(SID* sid) noexcept { return sid_valid(sid) ? TRUE : FALSE; }

DWORD WINAPI GetLengthSid(SID* sid) noexcept { return sid_length(sid); }

BOOL WINAPI EqualSid(SID* a, SID* b) noexcept {
  if (!sid_valid(a) || !sid_valid(b)) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  nt::set_last_error(win::ERROR_SUCCESS);
  return sid_length(a) == sid_length(b) && std::memcmp(a, b, sid_length(a)) == 0 ? TRUE : FALSE;
}

BOOL WINAPI CopySid(DWORD size, SID* dest, SID* source) noexcept {
  if (!sid_valid(source)) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  if (size < sid_length(source)) {
    nt::set_last_error(win::ERROR_INSUFFICIENT_BUFFER);
    return FALSE;
  }
  std::memcpy(dest, source, sid_length(source));
  return TRUE;
}

BYTE* WINAPI GetSidSubAuthorityCount(SID* sid) noexcept { return &sid->SubAuthorityCount; }

DWORD* WINAPI GetSidSubAuthority(SID* sid, DWORD index) noexcept {
  return reinterpret_cast<DWORD*>(reinterpret_cast<BYTE*>(sid) + 8 + 4 * index);
}

SID_IDENTIFIER_AUTHORITY* WINAPI GetSidIdentifierAuthority(SID* sid) noexcept { return &sid->IdentifierAuthority; }

// The string is allocated with LocalAlloc; the caller frees it with LocalFree.
BOOL WINAPI ConvertSidToStringSidW(SID* sid, LPWSTR* out) noexcept {
  if (!sid_valid(sid) || !out) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  try {
    const std::u16string s = sid_string(sid);
    auto* buffer = static_cast<char16_t*>(kernel32::LocalAlloc(0, (s.size() + 1) * sizeof(char16_t)));
    if (!buffer) return FALSE;
    std::memcpy(buffer, s.c_str(), (s.size() + 1) * sizeof(char16_t));
    *out = buffer;
    return TRUE;
  } catch (...) {
    nt::set_last_error(win::ERROR_NOT_ENOUGH_MEMORY);
    return FALSE;
  }
}

BOOL WINAPI ConvertSidToStringSidA(SID* sid, LPSTR* out) noexcept {
  if (!sid_valid(sid) || !out) {
    nt::set_last_error(win::ERROR_INVALID_PARAMETER);
    return FALSE;
  }
  const std::u16string s = sid_string(sid);
  auto* buffer = static_cast<char*>(kernel32::LocalAlloc(0, s.size() + 1));
  if (!buffer) return FALSE;
  for (std::size_t i = 0; i <= s.size(); ++i) buffer[i] = static_cast<char>(s.c_str()[i]);  // digits and dashes
  *out = buffer;
  return TRUE;
}

}  // namespace sill::advapi32
