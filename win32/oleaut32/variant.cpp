// VARIANT lifetime: VariantClear releases what the variant owns (a BSTR, an
// interface reference), VariantCopy duplicates it. Arrays and records are not
// handled yet (FIXME, DISP_E_BADVARTYPE).
#include <cstring>

#include "base/debug.h"
#include "loader/callback.h"
#include "win32/oleaut32/oleaut32.h"

SILL_DEFAULT_DEBUG_CHANNEL(ole);

namespace sill::oleaut32 {
namespace {

// IUnknown's AddRef (slot 1) and Release (slot 2).
ULONG call_unknown(void* unknown, int slot) {
  using Method = ULONG(WINAPI*)(void*);
  auto** vtable = *static_cast<Method**>(unknown);
  return loader::call_program(slot == 1 ? "IUnknown::AddRef" : "IUnknown::Release", vtable[slot], unknown);
}

bool simple_type(VARTYPE vt) {
  switch (vt) {
    case VT_EMPTY: case VT_NULL: case VT_I2: case VT_I4: case VT_R4: case VT_R8: case VT_CY: case VT_DATE:
    case VT_ERROR: case VT_BOOL: case VT_DECIMAL: case VT_I1: case VT_UI1: case VT_UI2: case VT_UI4: case VT_I8:
    case VT_UI8: case VT_INT: case VT_UINT:
      return true;
    default:
      return false;
  }
}

}  // namespace

void WINAPI VariantInit(VARIANT* v) noexcept { v->vt = VT_EMPTY; }

HRESULT WINAPI VariantClear(VARIANT* v) noexcept {
  if (!v) return E_INVALIDARG;
  const VARTYPE vt = v->vt;
  if (vt & VT_BYREF) {
    // A reference owns nothing.
  } else if (vt == VT_BSTR) {
    SysFreeString(v->bstrVal);
  } else if (vt == VT_UNKNOWN || vt == VT_DISPATCH) {
    if (v->punkVal) call_unknown(v->punkVal, 2);
  } else if (!simple_type(vt)) {
    FIXME("VariantClear of type %#x is not supported\n", vt);
    return DISP_E_BADVARTYPE;
  }
  v->vt = VT_EMPTY;
  return S_OK;
}

HRESULT WINAPI VariantCopy(VARIANT* dest, const VARIANT* source) noexcept {
  if (!dest || !source) return E_INVALIDARG;
  const VARTYPE vt = source->vt;
  if (!(vt & VT_BYREF) && !simple_type(vt) && vt != VT_BSTR && vt != VT_UNKNOWN && vt != VT_DISPATCH) {
    FIXME("VariantCopy of type %#x is not supported\n", vt);
    return DISP_E_BADVARTYPE;
  }
  if (dest == source) return S_OK;
  if (HRESULT hr = VariantClear(dest); hr != S_OK) return hr;
  std::memcpy(static_cast<void*>(dest), source, sizeof(VARIANT));
  if (vt == VT_BSTR && source->bstrVal) {
    dest->bstrVal = SysAllocStringByteLen(reinterpret_cast<const char*>(source->bstrVal),
                                          SysStringByteLen(source->bstrVal));
    if (!dest->bstrVal) {
      dest->vt = VT_EMPTY;
      return E_OUTOFMEMORY;
    }
  } else if ((vt == VT_UNKNOWN || vt == VT_DISPATCH) && source->punkVal) {
    call_unknown(source->punkVal, 1);
  }
  return S_OK;
}

}  // namespace sill::oleaut32
