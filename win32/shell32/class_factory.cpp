// shell32's DllGetClassObject: the class factory COM activation (combase) asks for
// CLSID_ShellLink. The factory is static: it lives as long as the DLL, so its reference count
// is not tracked.
#include "win32/shell32/shell32.h"
#include "win32/shell32/shell_link.h"

namespace sill::shell32 {

namespace {

HRESULT WINAPI FactoryQueryInterface(com::IClassFactory* self, const IID* iid, void** out) noexcept {
  if (!out) return com::E_POINTER;
  *out = nullptr;
  if (!iid) return com::E_INVALIDARG;
  if (*iid != com::IID_IUnknown && *iid != com::IID_IClassFactory) return com::E_NOINTERFACE;
  *out = self;
  return com::S_OK;
}
ULONG WINAPI FactoryAddRef(com::IClassFactory*) noexcept { return 2; }
ULONG WINAPI FactoryRelease(com::IClassFactory*) noexcept { return 1; }

HRESULT WINAPI CreateShellLink(com::IClassFactory*, com::IUnknown* outer, const IID* iid, void** out) noexcept {
  if (!out) return com::E_POINTER;
  *out = nullptr;
  if (outer) return com::CLASS_E_NOAGGREGATION;
  return create_shell_link(iid, out);
}
HRESULT WINAPI FactoryLockServer(com::IClassFactory*, BOOL) noexcept { return com::S_OK; }

const com::IClassFactoryVtbl shell_link_factory_vtbl = {
    FactoryQueryInterface, FactoryAddRef, FactoryRelease, CreateShellLink, FactoryLockServer,
};
com::IClassFactory shell_link_factory{&shell_link_factory_vtbl};

}  // namespace

HRESULT WINAPI DllGetClassObject(const CLSID* clsid, const IID* iid, void** out) noexcept {
  if (!out) return com::E_POINTER;
  *out = nullptr;
  if (!clsid || !iid) return com::E_INVALIDARG;
  if (*clsid == CLSID_ShellLink) return FactoryQueryInterface(&shell_link_factory, iid, out);
  return com::CLASS_E_CLASSNOTAVAILABLE;
}

}  // namespace sill::shell32
