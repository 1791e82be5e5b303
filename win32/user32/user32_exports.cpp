// The export table of user32.dll: the one list of what Sill's user32 provides.
// Keep entries sorted by exported name inside each block.
#include "loader/builtin_dll.h"
#include "win32/user32/user32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    // ---- Characters (char_case.cpp, char_step.cpp) ----
    SILL_EXPORT_AS("CharLowerA", user32::CharLowerA),
    SILL_EXPORT_AS("CharLowerBuffA", user32::CharLowerBuffA),
    SILL_EXPORT_AS("CharLowerBuffW", user32::CharLowerBuffW),
    SILL_EXPORT_AS("CharLowerW", user32::CharLowerW),
    SILL_EXPORT_AS("CharNextA", user32::CharNextA),
    SILL_EXPORT_AS("CharNextExA", user32::CharNextExA),
    SILL_EXPORT_AS("CharNextW", user32::CharNextW),
    SILL_EXPORT_AS("CharPrevA", user32::CharPrevA),
    SILL_EXPORT_AS("CharPrevExA", user32::CharPrevExA),
    SILL_EXPORT_AS("CharPrevW", user32::CharPrevW),
    SILL_EXPORT_AS("CharUpperA", user32::CharUpperA),
    SILL_EXPORT_AS("CharUpperBuffA", user32::CharUpperBuffA),
    SILL_EXPORT_AS("CharUpperBuffW", user32::CharUpperBuffW),
    SILL_EXPORT_AS("CharUpperW", user32::CharUpperW),

    // ---- String tables (load_string.cpp) ----
    SILL_EXPORT_AS("LoadStringA", user32::LoadStringA),
    SILL_EXPORT_AS("LoadStringW", user32::LoadStringW),
};
}  // namespace

extern const loader::BuiltinDll user32_dll;
const loader::BuiltinDll user32_dll{"user32.dll", exports, nullptr};

}  // namespace sill::builtin
