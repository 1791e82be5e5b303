// Declarations of Sill's oleaut32 exports: BSTRs and VARIANTs (oleauto.h).
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"
#include "win32/combase/com.h"

namespace sill::oleaut32 {

using namespace sill::win;

using OLECHAR = char16_t;
using BSTR = OLECHAR*;  // points after a 4-byte length prefix (bytes, without the NUL)
using VARTYPE = std::uint16_t;
using VARIANT_BOOL = std::int16_t;

inline constexpr VARTYPE VT_EMPTY = 0, VT_NULL = 1, VT_I2 = 2, VT_I4 = 3, VT_R4 = 4, VT_R8 = 5, VT_CY = 6,
                         VT_DATE = 7, VT_BSTR = 8, VT_DISPATCH = 9, VT_ERROR = 10, VT_BOOL = 11, VT_VARIANT = 12,
                         VT_UNKNOWN = 13, VT_DECIMAL = 14, VT_I1 = 16, VT_UI1 = 17, VT_UI2 = 18, VT_UI4 = 19,
                         VT_I8 = 20, VT_UI8 = 21, VT_INT = 22, VT_UINT = 23, VT_RECORD = 36,
                         VT_ARRAY = 0x2000, VT_BYREF = 0x4000;
inline constexpr VARIANT_BOOL VARIANT_TRUE = -1, VARIANT_FALSE = 0;

using com::E_INVALIDARG;  // the COM status codes are combase's (com.h)
using com::E_OUTOFMEMORY;
using com::S_OK;
inline constexpr HRESULT DISP_E_TYPEMISMATCH = static_cast<HRESULT>(0x80020005);
inline constexpr HRESULT DISP_E_BADVARTYPE = static_cast<HRESULT>(0x80020008);
inline constexpr HRESULT DISP_E_OVERFLOW = static_cast<HRESULT>(0x8002000A);

struct VARIANT {
  VARTYPE vt;
  WORD wReserved1, wReserved2, wReserved3;
  union {
    std::int64_t llVal;
    std::uint64_t ullVal;
    std::int32_t lVal;
    std::uint32_t ulVal;
    std::int16_t iVal;
    std::uint16_t uiVal;
    std::int8_t cVal;
    std::uint8_t bVal;
    float fltVal;
    double dblVal;
    VARIANT_BOOL boolVal;
    HRESULT scode;
    double date;
    BSTR bstrVal;
    void* punkVal;  // IUnknown* / IDispatch*
    void* byref;
    struct {
      void* pvRecord;
      void* pRecInfo;
    } record;
  };
};
static_assert(sizeof(VARIANT) == 24 && offsetof(VARIANT, llVal) == 8);

// bstr.cpp
BSTR WINAPI SysAllocString(const OLECHAR* s) noexcept;
BSTR WINAPI SysAllocStringLen(const OLECHAR* s, UINT length) noexcept;
BSTR WINAPI SysAllocStringByteLen(const char* s, UINT bytes) noexcept;
INT WINAPI SysReAllocString(BSTR* b, const OLECHAR* s) noexcept;
INT WINAPI SysReAllocStringLen(BSTR* b, const OLECHAR* s, UINT length) noexcept;
void WINAPI SysFreeString(BSTR b) noexcept;
UINT WINAPI SysStringLen(BSTR b) noexcept;
UINT WINAPI SysStringByteLen(BSTR b) noexcept;

// variant.cpp
void WINAPI VariantInit(VARIANT* v) noexcept;
HRESULT WINAPI VariantClear(VARIANT* v) noexcept;
HRESULT WINAPI VariantCopy(VARIANT* dest, const VARIANT* source) noexcept;

// variant_change.cpp
HRESULT WINAPI VariantChangeType(VARIANT* dest, const VARIANT* source, USHORT flags, VARTYPE vt) noexcept;

}  // namespace sill::oleaut32
