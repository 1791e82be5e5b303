// COM's binary interface as Sill's built-in DLLs implement and call it: GUIDs, HRESULTs, and
// the IUnknown/IClassFactory vtables (structs of WINAPI function pointers, laid out as the
// Windows x64 ABI lays out a C++ class with only virtual functions).
#pragma once
#include <cstring>

#include "base/wintypes.h"

namespace sill::com {

using namespace sill::win;

struct GUID {
  std::uint32_t data1;
  std::uint16_t data2, data3;
  std::uint8_t data4[8];
};
static_assert(sizeof(GUID) == 16);
using IID = GUID;
using CLSID = GUID;

inline bool operator==(const GUID& a, const GUID& b) { return std::memcmp(&a, &b, sizeof(GUID)) == 0; }

inline constexpr HRESULT S_OK = 0;
inline constexpr HRESULT S_FALSE = 1;
inline constexpr HRESULT E_NOTIMPL = static_cast<HRESULT>(0x80004001);
inline constexpr HRESULT E_NOINTERFACE = static_cast<HRESULT>(0x80004002);
inline constexpr HRESULT E_POINTER = static_cast<HRESULT>(0x80004003);
inline constexpr HRESULT E_FAIL = static_cast<HRESULT>(0x80004005);
inline constexpr HRESULT E_UNEXPECTED = static_cast<HRESULT>(0x8000FFFF);
inline constexpr HRESULT E_OUTOFMEMORY = static_cast<HRESULT>(0x8007000E);
inline constexpr HRESULT E_INVALIDARG = static_cast<HRESULT>(0x80070057);
inline constexpr HRESULT CLASS_E_NOAGGREGATION = static_cast<HRESULT>(0x80040110);
inline constexpr HRESULT CLASS_E_CLASSNOTAVAILABLE = static_cast<HRESULT>(0x80040111);
inline constexpr HRESULT REGDB_E_CLASSNOTREG = static_cast<HRESULT>(0x80040154);
inline constexpr HRESULT RPC_E_CHANGED_MODE = static_cast<HRESULT>(0x80010106);
inline constexpr HRESULT CO_E_NOTINITIALIZED = static_cast<HRESULT>(0x800401F0);
inline constexpr HRESULT CO_E_CLASSSTRING = static_cast<HRESULT>(0x800401F3);
inline constexpr HRESULT CO_E_DLLNOTFOUND = static_cast<HRESULT>(0x800401F8);
inline constexpr HRESULT CO_E_ERRORINDLL = static_cast<HRESULT>(0x800401F9);
inline constexpr HRESULT CO_E_SERVER_EXEC_FAILURE = static_cast<HRESULT>(0x80080005);
inline constexpr HRESULT CO_S_NOTALLINTERFACES = static_cast<HRESULT>(0x00080012);

inline constexpr HRESULT hresult_from_win32(DWORD error) {
  return error == 0 ? S_OK : static_cast<HRESULT>((error & 0xFFFF) | 0x80070000);
}

// CLSCTX (wtypesbase.h).
inline constexpr DWORD CLSCTX_INPROC_SERVER = 0x1, CLSCTX_INPROC_HANDLER = 0x2, CLSCTX_LOCAL_SERVER = 0x4,
                       CLSCTX_REMOTE_SERVER = 0x10;

inline constexpr IID IID_IUnknown = {0x00000000, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
inline constexpr IID IID_IClassFactory = {0x00000001, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

struct IUnknown;
struct IUnknownVtbl {
  HRESULT(WINAPI* QueryInterface)(IUnknown* self, const IID* iid, void** out) noexcept;
  ULONG(WINAPI* AddRef)(IUnknown* self) noexcept;
  ULONG(WINAPI* Release)(IUnknown* self) noexcept;
};
struct IUnknown {
  const IUnknownVtbl* vtbl;
};

struct IClassFactory;
struct IClassFactoryVtbl {
  HRESULT(WINAPI* QueryInterface)(IClassFactory* self, const IID* iid, void** out) noexcept;
  ULONG(WINAPI* AddRef)(IClassFactory* self) noexcept;
  ULONG(WINAPI* Release)(IClassFactory* self) noexcept;
  HRESULT(WINAPI* CreateInstance)(IClassFactory* self, IUnknown* outer, const IID* iid, void** out) noexcept;
  HRESULT(WINAPI* LockServer)(IClassFactory* self, BOOL lock) noexcept;
};
struct IClassFactory {
  const IClassFactoryVtbl* vtbl;
};
static_assert(sizeof(IClassFactoryVtbl) == 5 * sizeof(void*));

// The signature of an in-process server's DllGetClassObject export.
using DllGetClassObjectFn = HRESULT(WINAPI*)(const CLSID* clsid, const IID* iid, void** out);

}  // namespace sill::com
