// The export table of kernel32.dll: the one list of what Sill's kernel32 provides.
#include "loader/builtin_dll.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    {"__sill_placeholder", 0, nullptr, nullptr, {}},
};
}  // namespace

extern const loader::BuiltinDll kernel32_dll;
const loader::BuiltinDll kernel32_dll{"kernel32.dll", exports};

}  // namespace sill::builtin
