// What programs ask about code pages: GetCPInfo(Ex), IsValidCodePage, IsDBCSLeadByte(Ex).
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

#include "ntdll/codepage.h"
#include "ntdll/nls_codepage_table.h"
#include "win32/kernel32/kernel32_internal.h"
#include "win32/kernel32/nls/nls_api.h"

namespace sill::kernel32 {

namespace {
// The facts of a page named by number or CP_ACP/CP_OEMCP/CP_MACCP/CP_THREAD_ACP.
const nt::nls::CodePageFacts* facts_of(UINT cp) { return nt::nls::code_page_facts(nt::resolve_code_page(cp)); }

void fill(const nt::nls::CodePageFacts& f, UINT* max_size, BYTE* default_char, BYTE* lead_bytes) {
  *max_size = f.max_char_size;
  default_char[0] = '?';
  default_char[1] = 0;
  std::memcpy(lead_bytes, f.lead_bytes, 12);
}
}  // namespace

// The real page numbers only: the CP_* aliases are not code pages.
BOOL WINAPI IsValidCodePage(UINT cp) noexcept { return cp > nt::CP_THREAD_ACP && nt::nls::code_page_facts(cp); }

BOOL WINAPI GetCPInfo(UINT cp, CPINFO* info) noexcept {
  const nt::nls::CodePageFacts* f = facts_of(cp);
  if (!info || !f) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  fill(*f, &info->MaxCharSize, info->DefaultChar, info->LeadByte);
  return TRUE;
}

BOOL WINAPI GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW* info) noexcept {
  const nt::nls::CodePageFacts* f = facts_of(cp);
  if (!info || !f) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (flags) return fail_error(win::ERROR_INVALID_FLAGS, FALSE);
  std::memset(info, 0, sizeof *info);
  fill(*f, &info->MaxCharSize, info->DefaultChar, info->LeadByte);
  info->UnicodeDefaultChar = f->unicode_default;
  info->CodePage = f->code_page;
  std::size_t n = std::char_traits<char16_t>::length(f->name);
  std::memcpy(info->CodePageName, f->name, n * sizeof(WCHAR));
  return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA* info) noexcept {
  CPINFOEXW wide;
  if (!info) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  if (!GetCPInfoExW(cp, flags, &wide)) return FALSE;
  std::memcpy(info, &wide, offsetof(CPINFOEXA, CodePageName));
  std::string name = nt::utf16_to_ansi(wide.CodePageName);
  std::memset(info->CodePageName, 0, sizeof info->CodePageName);
  std::memcpy(info->CodePageName, name.data(), std::min<std::size_t>(name.size(), 259));
  return TRUE;
}

BOOL WINAPI IsDBCSLeadByteEx(UINT cp, BYTE b) noexcept {
  if (!facts_of(cp)) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  return nt::is_lead_byte(cp, b);
}
BOOL WINAPI IsDBCSLeadByte(BYTE b) noexcept { return nt::is_lead_byte(nt::CP_ACP, b); }

}  // namespace sill::kernel32
