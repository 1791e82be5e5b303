// Declarations of Sill's combase.dll exports: COM's task allocator, initialization, activation
// of in-process servers and GUID strings. ole32.dll exports the same functions on Windows and
// forwards them here.
#pragma once
#include "base/wintypes.h"
#include "win32/combase/com.h"

namespace sill::combase {

using namespace sill::win;

// MULTI_QI (objidl.h): one interface asked of CoCreateInstanceEx.
struct MULTI_QI {
  const com::IID* pIID;
  com::IUnknown* pItf;
  HRESULT hr;
};
static_assert(sizeof(MULTI_QI) == 24);

// ---- Task allocator (task_memory.cpp) ----
void* WINAPI CoTaskMemAlloc(SIZE_T size) noexcept;
void* WINAPI CoTaskMemRealloc(void* p, SIZE_T size) noexcept;
void WINAPI CoTaskMemFree(void* p) noexcept;

// ---- Apartments (apartment.cpp) ----
HRESULT WINAPI CoInitializeEx(void* reserved, DWORD flags) noexcept;
void WINAPI CoUninitialize() noexcept;

// ---- Activation (activation.cpp) ----
HRESULT WINAPI CoCreateInstance(const com::CLSID* clsid, com::IUnknown* outer, DWORD context, const com::IID* iid,
                                void** out) noexcept;
HRESULT WINAPI CoCreateInstanceEx(const com::CLSID* clsid, com::IUnknown* outer, DWORD context, void* server_info,
                                  DWORD count, MULTI_QI* results) noexcept;
HRESULT WINAPI CoGetClassObject(const com::CLSID* clsid, DWORD context, void* server_info, const com::IID* iid,
                                void** out) noexcept;

// ---- GUID strings (guid_string.cpp) ----
HRESULT WINAPI CLSIDFromProgID(const WCHAR* progid, com::CLSID* clsid) noexcept;
HRESULT WINAPI CLSIDFromString(const WCHAR* text, com::CLSID* clsid) noexcept;
HRESULT WINAPI IIDFromString(const WCHAR* text, com::IID* iid) noexcept;
HRESULT WINAPI StringFromCLSID(const com::CLSID* clsid, WCHAR** out) noexcept;
int WINAPI StringFromGUID2(const com::GUID* guid, WCHAR* out, int size) noexcept;

}  // namespace sill::combase
