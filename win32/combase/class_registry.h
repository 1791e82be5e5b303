// What HKEY_CLASSES_ROOT says about a class: the string values COM activation and ProgID
// lookups read (InprocServer32's DLL path, a ProgID's CLSID). Internal to combase.
#pragma once
#include <optional>
#include <string>

#include "win32/combase/com.h"

namespace sill::combase {

// The string value `value` ("" for the default) of HKCR\`subkey`, REG_EXPAND_SZ expanded;
// nullopt when the key or value is missing or not a string.
std::optional<std::u16string> classes_root_string(const std::u16string& subkey, const char16_t* value = u"");

// "{00021401-0000-0000-C000-000000000046}"
std::u16string guid_to_string(const com::GUID& guid);

}  // namespace sill::combase
