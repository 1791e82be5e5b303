// VariantChangeType between the scalar types and BSTR: integers of every width,
// floating point (rounded half to even into integers, as Windows does), bool
// (VARIANT_TRUE is -1) and decimal text. Dates, currency, decimals, interfaces
// and arrays are not converted yet (FIXME, DISP_E_TYPEMISMATCH).
#include <cerrno>
#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>

#include "base/debug.h"
#include "win32/oleaut32/oleaut32.h"

SILL_DEFAULT_DEBUG_CHANNEL(ole);

namespace sill::oleaut32 {
namespace {

constexpr USHORT VARIANT_ALPHABOOL = 0x2;

struct Value {
  enum Kind { Signed, Unsigned, Real, Text } kind = Signed;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
  std::string text;  // ASCII: what numbers and bools print as
};

Value signed_value(std::int64_t i) {
  Value v;
  v.i = i;
  return v;
}
Value unsigned_value(std::uint64_t u) {
  Value v;
  v.kind = Value::Unsigned;
  v.u = u;
  return v;
}
Value real_value(double d) {
  Value v;
  v.kind = Value::Real;
  v.d = d;
  return v;
}

bool read(const VARIANT& v, Value& out) {
  switch (v.vt) {
    case VT_EMPTY: out = signed_value(0); return true;
    case VT_I1: out = signed_value(v.cVal); return true;
    case VT_I2: out = signed_value(v.iVal); return true;
    case VT_I4: case VT_INT: case VT_ERROR: out = signed_value(v.lVal); return true;
    case VT_I8: out = signed_value(v.llVal); return true;
    case VT_BOOL: out = signed_value(v.boolVal ? -1 : 0); return true;
    case VT_UI1: out = unsigned_value(v.bVal); return true;
    case VT_UI2: out = unsigned_value(v.uiVal); return true;
    case VT_UI4: case VT_UINT: out = unsigned_value(v.ulVal); return true;
    case VT_UI8: out = unsigned_value(v.ullVal); return true;
    case VT_R4: out = real_value(v.fltVal); return true;
    case VT_R8: out = real_value(v.dblVal); return true;
    case VT_BSTR: {
      out.kind = Value::Text;
      out.text.clear();
      for (UINT k = 0, n = SysStringLen(v.bstrVal); k < n; ++k) {
        if (v.bstrVal[k] > 0x7F) return false;  // not a number in any form handled here
        out.text += static_cast<char>(v.bstrVal[k]);
      }
      return true;
    }
    default:
      return false;
  }
}

// Text to a number: integers stay exact, anything else goes through double.
HRESULT parse(Value& v) {
  const std::string& t = v.text;
  if (t == "True" || t == "true" || t == "TRUE") return v = signed_value(-1), S_OK;
  if (t == "False" || t == "false" || t == "FALSE") return v = signed_value(0), S_OK;
  const char* s = t.c_str();
  char* end = nullptr;
  errno = 0;
  long long ll = std::strtoll(s, &end, 10);
  auto rest_blank = [&] {
    while (*end == ' ') ++end;
    return *end == 0 && end != s;
  };
  if (errno == 0 && rest_blank()) return v = signed_value(ll), S_OK;
  errno = 0;
  double d = std::strtod(s, &end);
  if (!rest_blank()) return DISP_E_TYPEMISMATCH;
  if (errno == ERANGE) return DISP_E_OVERFLOW;
  v = real_value(d);
  return S_OK;
}

// The value as an integer in [lo, hi] (Unsigned values compared as such).
template <class T>
HRESULT to_integer(const Value& v, T& out) {
  using L = std::numeric_limits<T>;
  if (v.kind == Value::Unsigned) {
    if (v.u > static_cast<std::uint64_t>(L::max())) return DISP_E_OVERFLOW;
    out = static_cast<T>(v.u);
    return S_OK;
  }
  if (v.kind == Value::Real) {
    const int mode = std::fegetround();
    std::fesetround(FE_TONEAREST);
    const double r = std::nearbyint(v.d);
    std::fesetround(mode);
    if (!(r >= static_cast<double>(L::min()) && r <= static_cast<double>(L::max()))) return DISP_E_OVERFLOW;
    out = static_cast<T>(r);
    return S_OK;
  }
  if constexpr (L::is_signed) {
    if (v.i < static_cast<std::int64_t>(L::min()) || v.i > static_cast<std::int64_t>(L::max())) return DISP_E_OVERFLOW;
  } else {
    if (v.i < 0 || static_cast<std::uint64_t>(v.i) > static_cast<std::uint64_t>(L::max())) return DISP_E_OVERFLOW;
  }
  out = static_cast<T>(v.i);
  return S_OK;
}

double to_double(const Value& v) {
  return v.kind == Value::Real ? v.d : v.kind == Value::Unsigned ? static_cast<double>(v.u) : static_cast<double>(v.i);
}

std::string to_text(const Value& v, VARTYPE from, USHORT flags) {
  if (from == VT_BOOL && (flags & VARIANT_ALPHABOOL)) return v.i ? "True" : "False";
  if (v.kind == Value::Unsigned) return std::to_string(v.u);
  if (v.kind == Value::Signed) return std::to_string(v.i);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15G", v.d);
  return buf;
}

HRESULT write(VARIANT& out, VARTYPE vt, const Value& v, VARTYPE from, USHORT flags) {
  HRESULT hr = S_OK;
  switch (vt) {
    case VT_I1: hr = to_integer(v, out.cVal); break;
    case VT_I2: hr = to_integer(v, out.iVal); break;
    case VT_I4: case VT_INT: hr = to_integer(v, out.lVal); break;
    case VT_I8: hr = to_integer(v, out.llVal); break;
    case VT_UI1: hr = to_integer(v, out.bVal); break;
    case VT_UI2: hr = to_integer(v, out.uiVal); break;
    case VT_UI4: case VT_UINT: hr = to_integer(v, out.ulVal); break;
    case VT_UI8: hr = to_integer(v, out.ullVal); break;
    case VT_R4: {
      const double d = to_double(v);
      if (std::isfinite(d) && std::fabs(d) > std::numeric_limits<float>::max()) return DISP_E_OVERFLOW;
      out.fltVal = static_cast<float>(d);
      break;
    }
    case VT_R8: out.dblVal = to_double(v); break;
    case VT_BOOL: out.boolVal = to_double(v) != 0 ? VARIANT_TRUE : VARIANT_FALSE; break;
    case VT_BSTR: {
      const std::string text = to_text(v, from, flags);
      std::u16string wide(text.begin(), text.end());
      out.bstrVal = SysAllocStringLen(wide.data(), static_cast<UINT>(wide.size()));
      if (!out.bstrVal) return E_OUTOFMEMORY;
      break;
    }
    default:
      FIXME("conversion to variant type %#x is not supported\n", vt);
      return DISP_E_TYPEMISMATCH;
  }
  if (hr == S_OK) out.vt = vt;
  return hr;
}

}  // namespace

HRESULT WINAPI VariantChangeType(VARIANT* dest, const VARIANT* source, USHORT flags, VARTYPE vt) noexcept {
  if (!dest || !source) return E_INVALIDARG;
  try {
    if (source->vt == vt) return VariantCopy(dest, source);
    Value v;
    if (source->vt == VT_NULL || !read(*source, v)) {
      if (source->vt != VT_NULL) FIXME("conversion from variant type %#x is not supported\n", source->vt);
      return DISP_E_TYPEMISMATCH;
    }
    if (v.kind == Value::Text && vt != VT_BSTR)
      if (HRESULT hr = parse(v); hr != S_OK) return hr;
    VARIANT result{};
    if (HRESULT hr = write(result, vt, v, source->vt, flags); hr != S_OK) return hr;
    // dest may be source: the result is complete before dest's old contents go.
    if (HRESULT hr = VariantClear(dest); hr != S_OK) {
      VariantClear(&result);
      return hr;
    }
    *dest = result;
    return S_OK;
  } catch (...) {
    return E_OUTOFMEMORY;
  }
}

}  // namespace sill::oleaut32
