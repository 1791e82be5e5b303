// The date and calendar part of GetLocaleInfoEx (nls_locale_data.cpp asks here
// first): picture strings converted from ICU's patterns, day and month names,
// the first day of the week, AM/PM.
#pragma once
#include <optional>
#include <string>

#include "base/wintypes.h"
#include "ntdll/nls_locale.h"

namespace sill::nt::nls {

std::optional<std::u16string> date_info(const Locale& locale, win::DWORD type, bool genitive);

// An ICU date pattern ("EEEE, MMMM d, y", "h:mm:ss a") as a Windows picture string
// ("dddd, MMMM d, yyyy", "h:mm:ss tt").
std::u16string windows_picture(std::u16string_view icu_pattern);

}  // namespace sill::nt::nls
