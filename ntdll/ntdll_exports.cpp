// The export table of ntdll.dll: the one list of what Sill's ntdll provides.
#include "loader/builtin_dll.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    {"__sill_placeholder", 0, nullptr, nullptr, {}},
};
}  // namespace

extern const loader::BuiltinDll ntdll_dll;
const loader::BuiltinDll ntdll_dll{"ntdll.dll", exports};

}  // namespace sill::builtin
