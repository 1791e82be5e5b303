// Thread-local storage slots (TlsAlloc: TEB->TlsSlots + TlsExpansionSlots) and
// fiber-local storage (FlsAlloc), with the registry of threads that TlsFree clears.
#pragma once
#include "base/wintypes.h"
#include "ntdll/nt_structs.h"

namespace sill::nt {

inline constexpr win::DWORD TLS_OUT_OF_INDEXES = 0xFFFFFFFF;
inline constexpr win::DWORD FLS_OUT_OF_INDEXES = 0xFFFFFFFF;
inline constexpr win::DWORD kFlsMaximum = 4080;

using FlsCallback = void(WINAPI*)(void*);

win::DWORD tls_alloc();
bool tls_free(win::DWORD index);
// false: index out of range (the value is not touched).
bool tls_get(TEB* teb, win::DWORD index, void** value);
bool tls_set(TEB* teb, win::DWORD index, void* value);

win::DWORD fls_alloc(FlsCallback callback);
bool fls_free(win::DWORD index);
bool fls_get(win::DWORD index, void** value);
bool fls_set(win::DWORD index, void* value);

void tls_register_thread(TEB* teb);
// Runs FLS callbacks for the thread and frees its expansion slots.
void tls_unregister_thread(TEB* teb);

}  // namespace sill::nt
