// The export table of combase.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/combase/combase.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("CoTaskMemAlloc", combase::CoTaskMemAlloc),
    SILL_EXPORT_AS("CoTaskMemFree", combase::CoTaskMemFree),
    SILL_EXPORT_AS("CoTaskMemRealloc", combase::CoTaskMemRealloc),
};
}  // namespace

extern const loader::BuiltinDll combase_dll;
const loader::BuiltinDll combase_dll{"combase.dll", exports, nullptr};

}  // namespace sill::builtin
