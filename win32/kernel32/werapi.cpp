// Windows Error Reporting as programs touch it: the WER flags a process sets for itself (Go sets
// WER_FAULT_REPORTING_NO_UI). No reports are sent (fail-fast: errhandlingapi_failfast.cpp).
#include <atomic>

#include "ntdll/handle_table.h"
#include "win32/kernel32/kernel32.h"

namespace sill::kernel32 {

namespace {
constexpr HRESULT S_OK = 0;
constexpr HRESULT E_INVALIDARG = static_cast<HRESULT>(0x80070057);

std::atomic<DWORD> g_wer_flags{0};
}  // namespace

HRESULT WINAPI WerSetFlags(DWORD flags) noexcept {
  g_wer_flags.store(flags);
  return S_OK;
}

HRESULT WINAPI WerGetFlags(HANDLE process, DWORD* flags) noexcept {
  if (!flags || process != nt::current_process_handle()) return E_INVALIDARG;
  *flags = g_wer_flags.load();
  return S_OK;
}

}  // namespace sill::kernel32
