// CNG's algorithm providers, random numbers and hashes. The SHA-2 (and SHA-1) arithmetic is
// Nettle's; this file keeps CNG's contracts: handles that are pointers checked by a tag,
// properties by name, HMAC when the provider was opened with BCRYPT_ALG_HANDLE_HMAC_FLAG,
// and NTSTATUS results.
#include <nettle/hmac.h>
#include <nettle/nettle-meta.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>

#include <cstring>
#include <new>
#include <string_view>
#include <vector>

#include "base/debug.h"
#include "base/unicode.h"
#include "win32/bcrypt/bcrypt.h"
#include "ntdll/status.h"
#include "win32/advapi32/advapi32.h"

SILL_DEFAULT_DEBUG_CHANNEL(bcrypt);

namespace sill::bcrypt {

namespace {

using namespace sill::nt;

constexpr ULONG kUseSystemPreferredRng = 0x2;  // BCRYPT_USE_SYSTEM_PREFERRED_RNG
constexpr ULONG kAlgHandleHmacFlag = 0x8;      // BCRYPT_ALG_HANDLE_HMAC_FLAG
constexpr std::uint32_t kProviderTag = 0x504C4153;  // "SALP"
constexpr std::uint32_t kHashTag = 0x48534153;      // "SASH"
// What BCryptGetProperty(ObjectLength) reports: callers allocate it and pass it back to
// BCryptCreateHash; Sill keeps its state on its own heap and only checks the size.
constexpr ULONG kHashObjectLength = 512;

struct Provider {
  std::uint32_t tag = kProviderTag;
  const nettle_hash* hash = nullptr;  // null: the RNG provider
  bool hmac = false;
};

struct Hash {
  std::uint32_t tag = kHashTag;
  const nettle_hash* algorithm;
  bool hmac;
  std::vector<std::uint8_t> state, inner, outer;  // inner/outer: HMAC's keyed states
};

const nettle_hash* hash_named(std::u16string_view id) {
  struct Named {
    std::u16string_view id;
    const nettle_hash* hash;
  };
  static const Named known[] = {
      {u"SHA1", &nettle_sha1}, {u"SHA256", &nettle_sha256}, {u"SHA384", &nettle_sha384}, {u"SHA512", &nettle_sha512}};
  for (const auto& k : known) {
    if (k.id == id) return k.hash;
  }
  return nullptr;
}

Provider* provider_of(void* h) {
  auto* p = static_cast<Provider*>(h);
  return p && p->tag == kProviderTag ? p : nullptr;
}

Hash* hash_of(void* h) {
  auto* p = static_cast<Hash*>(h);
  return p && p->tag == kHashTag ? p : nullptr;
}

NTSTATUS put_dword(ULONG value, UCHAR* output, ULONG size, ULONG* result) {
  if (!result) return STATUS_INVALID_PARAMETER;
  *result = sizeof(ULONG);
  if (!output) return STATUS_SUCCESS;
  if (size < sizeof(ULONG)) return STATUS_BUFFER_TOO_SMALL;
  std::memcpy(output, &value, sizeof value);
  return STATUS_SUCCESS;
}

void start_hash(Hash& h, const UCHAR* secret, ULONG secret_size) {
  h.state.assign(h.algorithm->context_size, 0);
  if (!h.hmac) {
    h.algorithm->init(h.state.data());
    return;
  }
  h.inner.assign(h.algorithm->context_size, 0);
  h.outer.assign(h.algorithm->context_size, 0);
  hmac_set_key(h.outer.data(), h.inner.data(), h.state.data(), h.algorithm, secret_size, secret);
}

}  // namespace

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(BCRYPT_ALG_HANDLE* algorithm, const WCHAR* id, const WCHAR* implementation,
                                            ULONG flags) noexcept {
  if (!algorithm || !id) return STATUS_INVALID_PARAMETER;
  if (flags & ~kAlgHandleHmacFlag) FIXME("flags %#x are ignored\n", flags);
  std::u16string_view name(id);
  Provider* p = new (std::nothrow) Provider;
  if (!p) return STATUS_NO_MEMORY;
  if (name == u"RNG") {
    if (flags & kAlgHandleHmacFlag) {
      delete p;
      return STATUS_INVALID_PARAMETER;
    }
  } else if (const nettle_hash* h = hash_named(name)) {
    p->hash = h;
    p->hmac = flags & kAlgHandleHmacFlag;
  } else {
    FIXME("algorithm %s is not provided\n", utf16_to_utf8(id).c_str());
    delete p;
    return STATUS_NOT_FOUND;
  }
  *algorithm = p;
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptCloseAlgorithmProvider(BCRYPT_ALG_HANDLE algorithm, ULONG flags) noexcept {
  Provider* p = provider_of(algorithm);
  if (!p) return STATUS_INVALID_HANDLE;
  p->tag = 0;
  delete p;
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptGenRandom(BCRYPT_ALG_HANDLE algorithm, UCHAR* buffer, ULONG length, ULONG flags) noexcept {
  if (flags & kUseSystemPreferredRng) {
    if (algorithm) return STATUS_INVALID_PARAMETER;
  } else {
    Provider* p = provider_of(algorithm);
    if (!p) return STATUS_INVALID_HANDLE;
    if (p->hash) return STATUS_INVALID_PARAMETER;
  }
  if (!buffer && length) return STATUS_INVALID_PARAMETER;
  if (length && !advapi32::SystemFunction036(buffer, length)) return STATUS_UNSUCCESSFUL;
  return STATUS_SUCCESS;
}

// Properties of a hash provider or a hash object: ObjectLength, HashDigestLength,
// HashBlockLength, AlgorithmName.
NTSTATUS WINAPI BCryptGetProperty(void* object, const WCHAR* property, UCHAR* output, ULONG size, ULONG* result,
                                  ULONG flags) noexcept {
  if (!property) return STATUS_INVALID_PARAMETER;
  const nettle_hash* algorithm = nullptr;
  if (Provider* p = provider_of(object)) {
    algorithm = p->hash;
  } else if (Hash* h = hash_of(object)) {
    algorithm = h->algorithm;
  } else {
    return STATUS_INVALID_HANDLE;
  }
  std::u16string_view name(property);
  if (!algorithm) {
    FIXME("property %s of the RNG provider\n", utf16_to_utf8(property).c_str());
    return STATUS_NOT_SUPPORTED;
  }
  if (name == u"ObjectLength") return put_dword(kHashObjectLength, output, size, result);
  if (name == u"HashDigestLength") return put_dword(static_cast<ULONG>(algorithm->digest_size), output, size, result);
  if (name == u"HashBlockLength") return put_dword(static_cast<ULONG>(algorithm->block_size), output, size, result);
  FIXME("property %s is not provided\n", utf16_to_utf8(property).c_str());
  return STATUS_NOT_SUPPORTED;
}

NTSTATUS WINAPI BCryptCreateHash(BCRYPT_ALG_HANDLE algorithm, BCRYPT_HASH_HANDLE* hash, UCHAR* object,
                                 ULONG object_size, UCHAR* secret, ULONG secret_size, ULONG flags) noexcept {
  Provider* p = provider_of(algorithm);
  if (!p) return STATUS_INVALID_HANDLE;
  if (!hash || !p->hash) return STATUS_INVALID_PARAMETER;
  if (object && object_size < kHashObjectLength) return STATUS_BUFFER_TOO_SMALL;
  if (flags) FIXME("flags %#x are ignored\n", flags);
  try {
    auto* h = new Hash{kHashTag, p->hash, p->hmac, {}, {}, {}};
    start_hash(*h, secret, secret_size);
    *hash = h;
  } catch (...) {
    return STATUS_NO_MEMORY;
  }
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptHashData(BCRYPT_HASH_HANDLE hash, UCHAR* input, ULONG size, ULONG flags) noexcept {
  Hash* h = hash_of(hash);
  if (!h) return STATUS_INVALID_HANDLE;
  if (!input && size) return STATUS_INVALID_PARAMETER;
  if (h->hmac) hmac_update(h->state.data(), h->algorithm, size, input);
  else h->algorithm->update(h->state.data(), size, input);
  return STATUS_SUCCESS;
}

// The digest must be asked for at its exact length. The object is ready for reuse after,
// as CNG's reusable hashes are: Nettle's digest functions reset the state.
NTSTATUS WINAPI BCryptFinishHash(BCRYPT_HASH_HANDLE hash, UCHAR* output, ULONG size, ULONG flags) noexcept {
  Hash* h = hash_of(hash);
  if (!h) return STATUS_INVALID_HANDLE;
  if (!output || size != h->algorithm->digest_size) return STATUS_INVALID_PARAMETER;
  if (h->hmac) hmac_digest(h->outer.data(), h->inner.data(), h->state.data(), h->algorithm, size, output);
  else h->algorithm->digest(h->state.data(), size, output);
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptDestroyHash(BCRYPT_HASH_HANDLE hash) noexcept {
  Hash* h = hash_of(hash);
  if (!h) return STATUS_INVALID_HANDLE;
  h->tag = 0;
  delete h;
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptDuplicateHash(BCRYPT_HASH_HANDLE hash, BCRYPT_HASH_HANDLE* copy, UCHAR* object,
                                    ULONG object_size, ULONG flags) noexcept {
  Hash* h = hash_of(hash);
  if (!h) return STATUS_INVALID_HANDLE;
  if (!copy) return STATUS_INVALID_PARAMETER;
  try {
    *copy = new Hash(*h);
  } catch (...) {
    return STATUS_NO_MEMORY;
  }
  return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptHash(BCRYPT_ALG_HANDLE algorithm, UCHAR* secret, ULONG secret_size, UCHAR* input,
                           ULONG input_size, UCHAR* output, ULONG output_size) noexcept {
  BCRYPT_HASH_HANDLE h = nullptr;
  NTSTATUS s = BCryptCreateHash(algorithm, &h, nullptr, 0, secret, secret_size, 0);
  if (s != STATUS_SUCCESS) return s;
  s = BCryptHashData(h, input, input_size, 0);
  if (s == STATUS_SUCCESS) s = BCryptFinishHash(h, output, output_size, 0);
  BCryptDestroyHash(h);
  return s;
}

}  // namespace sill::bcrypt
