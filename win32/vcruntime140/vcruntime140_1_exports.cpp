// The export table of vcruntime140_1.dll: the FH4 C++ exception handler MSVC emits for
// x64 since Visual Studio 2019. Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/vcruntime140/vcruntime140.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- C++ exceptions (msvc_eh) ----
    // __CxxFrameHandler4 (the MSVC exception-handling module)

    // ---- Debugger notification points ----
    SILL_EXPORT_AS("__NLG_Dispatch2", vcruntime::__NLG_Dispatch2),
    SILL_EXPORT_AS("__NLG_Return2", vcruntime::__NLG_Return2),
};
}  // namespace

extern const loader::BuiltinDll vcruntime140_1_dll;
const loader::BuiltinDll vcruntime140_1_dll{"vcruntime140_1.dll", exports, nullptr};

}  // namespace sill::builtin
