// The export table of bcryptprimitives.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/bcryptprimitives/bcryptprimitives.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("ProcessPrng", bcryptprimitives::ProcessPrng),
};
}  // namespace

extern const loader::BuiltinDll bcryptprimitives_dll;
const loader::BuiltinDll bcryptprimitives_dll{"bcryptprimitives.dll", exports, nullptr};

}  // namespace sill::builtin
