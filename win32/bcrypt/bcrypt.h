// Declarations of Sill's bcrypt.dll exports (CNG): the random generator and the SHA-2
// hashes, which is what runtimes and tools ask of it. NTSTATUS results, as CNG returns.
#pragma once
#include "base/wintypes.h"

namespace sill::bcrypt {

using namespace sill::win;

using BCRYPT_ALG_HANDLE = void*;
using BCRYPT_HASH_HANDLE = void*;

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE* algorithm, const WCHAR* id, const WCHAR* implementation,
                                            ULONG flags) noexcept;
NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE algorithm, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE algorithm, UCHAR* buffer, ULONG length, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptGetProperty(void* object, const WCHAR* property, UCHAR* output, ULONG size, ULONG* result,
                                  ULONG flags) noexcept;
NTSTATUS WINAPI BCryptCreateHash(BCRYPT_ALG_HANDLE algorithm, BCRYPT_HASH_HANDLE* hash, UCHAR* object,
                                 ULONG object_size, UCHAR* secret, ULONG secret_size, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptHashData(BCRYPT_HASH_HANDLE hash, UCHAR* input, ULONG size, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptFinishHash(BCRYPT_HASH_HANDLE hash, UCHAR* output, ULONG size, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptDestroyHash(BCRYPT_HASH_HANDLE hash) noexcept;
NTSTATUS WINAPI BCryptDuplicateHash(BCRYPT_HASH_HANDLE hash, BCRYPT_HASH_HANDLE* copy, UCHAR* object,
                                    ULONG object_size, ULONG flags) noexcept;
NTSTATUS WINAPI BCryptHash(BCRYPT_ALG_HANDLE algorithm, UCHAR* secret, ULONG secret_size, UCHAR* input,
                           ULONG input_size, UCHAR* output, ULONG output_size) noexcept;

}  // namespace sill::bcrypt
