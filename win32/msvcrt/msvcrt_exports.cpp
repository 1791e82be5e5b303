// The export table of msvcrt.dll: the one list of what Sill's msvcrt provides.
#include "loader/builtin_dll.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    {"__sill_placeholder", 0, nullptr, nullptr, {}},
};
}  // namespace

extern const loader::BuiltinDll msvcrt_dll;
const loader::BuiltinDll msvcrt_dll{"msvcrt.dll", exports};

}  // namespace sill::builtin
