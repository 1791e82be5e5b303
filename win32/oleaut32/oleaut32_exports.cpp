// The export table of oleaut32.dll. Programs import these by ordinal (oleaut32's
// import libraries do), so every entry carries its documented ordinal.
#include "loader/builtin_dll.h"
#include "win32/oleaut32/oleaut32.h"

namespace sill::builtin {

namespace {
#define OLEAUT32_EXPORT(ordinal, fn)                                                              \
  ::sill::loader::Export {                                                                        \
    #fn, ordinal, reinterpret_cast<const void*>(&oleaut32::fn), ::sill::loader::relay_signature(&oleaut32::fn), {} \
  }
const loader::Export exports[] = {
    OLEAUT32_EXPORT(2, SysAllocString),
    OLEAUT32_EXPORT(3, SysReAllocString),
    OLEAUT32_EXPORT(4, SysAllocStringLen),
    OLEAUT32_EXPORT(5, SysReAllocStringLen),
    OLEAUT32_EXPORT(6, SysFreeString),
    OLEAUT32_EXPORT(7, SysStringLen),
    OLEAUT32_EXPORT(8, VariantInit),
    OLEAUT32_EXPORT(9, VariantClear),
    OLEAUT32_EXPORT(10, VariantCopy),
    OLEAUT32_EXPORT(12, VariantChangeType),
    OLEAUT32_EXPORT(149, SysStringByteLen),
    OLEAUT32_EXPORT(150, SysAllocStringByteLen),
};
#undef OLEAUT32_EXPORT
}  // namespace

extern const loader::BuiltinDll oleaut32_dll;
const loader::BuiltinDll oleaut32_dll{"oleaut32.dll", exports, nullptr};

}  // namespace sill::builtin
