// Pages ICU converts whole, with no table of Sill's own: UTF-7 (65000) and
// GB18030 (54936). A converter is opened per call (these pages are rare).
#include <unicode/ucnv.h>

#include <memory>
#include <string>

#include "ntdll/nls_convert.h"

namespace sill::nt::nls {

namespace {
const char* icu_name(win::UINT cp) {
  switch (cp) {
    case 65000: return "UTF-7";
    case 54936: return "gb18030";
    default: return nullptr;
  }
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open(win::UINT cp, bool strict) {
  const char* name = icu_name(cp);
  if (!name) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  Converter c(ucnv_open(name, &status));
  if (U_FAILURE(status)) return nullptr;
  if (strict) {
    ucnv_setToUCallBack(c.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    ucnv_setFromUCallBack(c.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  }
  return c;
}

template <class T>
Result copy(const T* data, std::size_t n, Sink<T>& out) {
  for (std::size_t i = 0; i < n; ++i)
    if (!out.put(data[i])) return {0, win::ERROR_INSUFFICIENT_BUFFER};
  return {out.size, 0};
}
}  // namespace

Result icu_to_utf16(win::UINT cp, const unsigned char* src, std::size_t n, win::DWORD flags, Sink<char16_t>& out) {
  Converter c = open(cp, flags & kMbErrInvalidChars);
  if (!c) return {0, win::ERROR_INVALID_PARAMETER};
  std::u16string buffer(n * 2 + 4, u'\0');
  UErrorCode status = U_ZERO_ERROR;
  int len = ucnv_toUChars(c.get(), buffer.data(), static_cast<int32_t>(buffer.size()),
                          reinterpret_cast<const char*>(src), static_cast<int32_t>(n), &status);
  if (U_FAILURE(status)) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
  return copy(buffer.data(), static_cast<std::size_t>(len), out);
}

Result utf16_to_icu(win::UINT cp, const char16_t* src, std::size_t n, win::DWORD flags, Sink<char>& out) {
  Converter c = open(cp, flags & kWcErrInvalidChars);
  if (!c) return {0, win::ERROR_INVALID_PARAMETER};
  std::string buffer(n * 5 + 8, '\0');
  UErrorCode status = U_ZERO_ERROR;
  int len = ucnv_fromUChars(c.get(), buffer.data(), static_cast<int32_t>(buffer.size()), src,
                            static_cast<int32_t>(n), &status);
  if (U_FAILURE(status)) return {0, win::ERROR_NO_UNICODE_TRANSLATION};
  return copy(buffer.data(), static_cast<std::size_t>(len), out);
}

}  // namespace sill::nt::nls
