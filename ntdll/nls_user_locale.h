// The process's locale and code pages, taken from the Linux locale (LC_ALL,
// LC_CTYPE/LC_MESSAGES, LANG) the way a Windows installation of that language
// would be set up: ja_JP.UTF-8 gives ja-JP with code pages 932/932, en_US gives
// en-US with 1252/437. SILL_LOCALE=ll-CC and SILL_CODEPAGES=ACP[,OEMCP] force them.
#pragma once
#include <string>
#include <string_view>

#include "base/wintypes.h"

namespace sill::nt::nls {

struct CodePages {
  win::UINT ansi;
  win::UINT oem;
};

// "ja_JP.UTF-8@euro" -> "ja-JP"; "C", "POSIX" and "" -> "en-US".
std::string windows_locale_name_from_posix(std::string_view posix);
// The code pages a Windows installation for `locale` ("de-DE") uses.
CodePages default_code_pages(std::string_view locale);
// "932" or "1252,850"; nullopt-like {0, 0} when malformed or unsupported.
CodePages parse_code_pages(std::string_view spec);

// The user's locale name ("en-US"), computed once.
const std::string& user_locale_name();
// The process's ANSI and OEM code pages, computed once.
CodePages process_code_pages();

}  // namespace sill::nt::nls
