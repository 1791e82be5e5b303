// Creating objects from their CLSID (CoGetClassObject, CoCreateInstance, CoCreateInstanceEx):
// in-process servers registered under HKCR\CLSID\{clsid}\InprocServer32, loaded with
// LoadLibrary (built-in or the program's DLL) and asked through their DllGetClassObject.
#include <cstring>
#include <string>

#include "base/debug.h"
#include "base/unicode.h"
#include "win32/combase/apartment.h"
#include "win32/combase/class_registry.h"
#include "win32/combase/combase.h"
#include "win32/kernel32/kernel32.h"

SILL_DEFAULT_DEBUG_CHANNEL(ole);

namespace sill::combase {

namespace {

namespace k32 = sill::kernel32;

std::u16string unquoted(std::u16string s) {
  if (s.size() >= 2 && s.front() == u'"' && s.back() == u'"') return s.substr(1, s.size() - 2);
  return s;
}

// A DLL stays loaded once COM loaded it (no CoFreeUnusedLibraries yet): the objects it made
// may outlive every reference COM knows of.
HRESULT inproc_class_object(const std::u16string& clsid_key, const std::u16string& dll, const com::CLSID* clsid,
                            const com::IID* iid, void** out) {
  auto model = classes_root_string(clsid_key + u"\\InprocServer32", u"ThreadingModel");
  bool free_threaded = model && (*model == u"Both" || *model == u"Free" || *model == u"Neutral");
  if (!free_threaded && in_multithreaded_apartment())
    FIXME_ONCE("apartment-threaded class %s is created in the caller's multithreaded apartment\n",
               utf16_to_utf8(clsid_key).c_str());
  std::u16string path = unquoted(dll);
  k32::HMODULE module = k32::LoadLibraryExW(path.c_str(), nullptr, 0);
  if (!module) {
    WARN("cannot load %s for %s\n", utf16_to_utf8(path).c_str(), utf16_to_utf8(clsid_key).c_str());
    return com::hresult_from_win32(k32::GetLastError());
  }
  FARPROC entry = k32::GetProcAddress(module, "DllGetClassObject");
  if (!entry) return com::CO_E_ERRORINDLL;
  com::DllGetClassObjectFn get_class_object;
  static_assert(sizeof get_class_object == sizeof entry);
  std::memcpy(&get_class_object, &entry, sizeof entry);
  return get_class_object(clsid, iid, out);
}

}  // namespace

HRESULT WINAPI CoGetClassObject(const com::CLSID* clsid, DWORD context, void* server_info, const com::IID* iid,
                                void** out) noexcept {
  if (!out) return com::E_INVALIDARG;
  *out = nullptr;
  if (!clsid || !iid) return com::E_INVALIDARG;
  if (!com_usable_on_this_thread()) return com::CO_E_NOTINITIALIZED;
  if (server_info) FIXME_ONCE("COSERVERINFO (remote activation) ignored\n");
  try {
    const std::u16string key = u"CLSID\\" + guid_to_string(*clsid);
    if (context & (com::CLSCTX_INPROC_SERVER | com::CLSCTX_INPROC_HANDLER)) {
      if (auto dll = classes_root_string(key + u"\\InprocServer32"); dll && !dll->empty())
        return inproc_class_object(key, *dll, clsid, iid, out);
    }
    if (context & (com::CLSCTX_LOCAL_SERVER | com::CLSCTX_REMOTE_SERVER)) {
      if (classes_root_string(key + u"\\LocalServer32")) {
        FIXME("out-of-process server for %s not supported\n", utf16_to_utf8(key).c_str());
        return com::CO_E_SERVER_EXEC_FAILURE;
      }
    }
    return com::REGDB_E_CLASSNOTREG;
  } catch (const std::bad_alloc&) {
    return com::E_OUTOFMEMORY;
  }
}

HRESULT WINAPI CoCreateInstance(const com::CLSID* clsid, com::IUnknown* outer, DWORD context, const com::IID* iid,
                                void** out) noexcept {
  if (!out) return com::E_POINTER;
  *out = nullptr;
  if (!clsid || !iid) return com::E_INVALIDARG;
  void* factory_out = nullptr;
  HRESULT hr = CoGetClassObject(clsid, context, nullptr, &com::IID_IClassFactory, &factory_out);
  if (hr < 0) return hr;
  auto* factory = static_cast<com::IClassFactory*>(factory_out);
  hr = factory->vtbl->CreateInstance(factory, outer, iid, out);
  factory->vtbl->Release(factory);
  return hr;
}

HRESULT WINAPI CoCreateInstanceEx(const com::CLSID* clsid, com::IUnknown* outer, DWORD context, void* server_info,
                                  DWORD count, MULTI_QI* results) noexcept {
  if (!results || count == 0) return com::E_INVALIDARG;
  for (DWORD i = 0; i < count; ++i) {
    results[i].pItf = nullptr;
    results[i].hr = com::E_NOINTERFACE;
  }
  if (server_info) FIXME_ONCE("COSERVERINFO (remote activation) ignored\n");
  void* object = nullptr;
  HRESULT hr = CoCreateInstance(clsid, outer, context, &com::IID_IUnknown, &object);
  if (hr < 0) {
    for (DWORD i = 0; i < count; ++i) results[i].hr = hr;
    return hr;
  }
  auto* unknown = static_cast<com::IUnknown*>(object);
  DWORD found = 0;
  for (DWORD i = 0; i < count; ++i) {
    void* itf = nullptr;
    results[i].hr = results[i].pIID ? unknown->vtbl->QueryInterface(unknown, results[i].pIID, &itf) : com::E_INVALIDARG;
    results[i].pItf = static_cast<com::IUnknown*>(itf);
    if (results[i].hr >= 0) ++found;
  }
  unknown->vtbl->Release(unknown);
  if (found == count) return com::S_OK;
  return found ? com::CO_S_NOTALLINTERFACES : com::E_NOINTERFACE;
}

}  // namespace sill::combase
