// bcrypt.dll's CNG contract: SHA-1/SHA-2 digests against the FIPS 180-2 examples, HMAC
// against RFC 4231, properties, reusable hash objects and the NTSTATUS errors callers test.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "ntdll/status.h"
#include "win32/bcrypt/bcrypt.h"

namespace b = sill::bcrypt;
using namespace sill::nt;

namespace {

std::string hex(const unsigned char* p, std::size_t n) {
  std::string s;
  char buf[3];
  for (std::size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", p[i]);
    s += buf;
  }
  return s;
}

std::string digest(const char16_t* algorithm, const std::string& message, const std::string& key = {},
                   bool hmac = false) {
  void* alg = nullptr;
  EXPECT_EQ(b::BCryptOpenAlgorithmProvider(&alg, algorithm, nullptr, hmac ? 0x8 : 0), STATUS_SUCCESS);
  unsigned long length = 0, got = 0;
  EXPECT_EQ(b::BCryptGetProperty(alg, u"HashDigestLength", reinterpret_cast<unsigned char*>(&length), 4,
                                 reinterpret_cast<sill::win::ULONG*>(&got), 0),
            STATUS_SUCCESS);
  void* h = nullptr;
  EXPECT_EQ(b::BCryptCreateHash(alg, &h, nullptr, 0,
                                reinterpret_cast<unsigned char*>(const_cast<char*>(key.data())),
                                static_cast<sill::win::ULONG>(key.size()), 0),
            STATUS_SUCCESS);
  EXPECT_EQ(b::BCryptHashData(h, reinterpret_cast<unsigned char*>(const_cast<char*>(message.data())),
                              static_cast<sill::win::ULONG>(message.size()), 0),
            STATUS_SUCCESS);
  unsigned char out[64];
  EXPECT_EQ(b::BCryptFinishHash(h, out, static_cast<sill::win::ULONG>(length), 0), STATUS_SUCCESS);
  b::BCryptDestroyHash(h);
  b::BCryptCloseAlgorithmProvider(alg, 0);
  return hex(out, length);
}

}  // namespace

TEST(Bcrypt, Sha2FipsExamples) {
  EXPECT_EQ(digest(u"SHA256", "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(digest(u"SHA256", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(digest(u"SHA384", "abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(digest(u"SHA512", "abc"),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
            "454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(digest(u"SHA1", "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(digest(u"SHA256", ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Bcrypt, HmacRfc4231) {
  EXPECT_EQ(digest(u"SHA256", "Hi There", std::string(20, '\x0b'), true),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(digest(u"SHA256", "what do ya want for nothing?", "Jefe", true),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Bcrypt, PropertiesAndErrors) {
  void* alg = nullptr;
  EXPECT_EQ(b::BCryptOpenAlgorithmProvider(&alg, u"MD4", nullptr, 0), STATUS_NOT_FOUND);
  ASSERT_EQ(b::BCryptOpenAlgorithmProvider(&alg, u"SHA512", nullptr, 0), STATUS_SUCCESS);
  sill::win::ULONG value = 0, got = 0;
  EXPECT_EQ(b::BCryptGetProperty(alg, u"ObjectLength", nullptr, 0, &got, 0), STATUS_SUCCESS);
  EXPECT_EQ(got, 4u);
  EXPECT_EQ(b::BCryptGetProperty(alg, u"ObjectLength", reinterpret_cast<unsigned char*>(&value), 2, &got, 0),
            STATUS_BUFFER_TOO_SMALL);
  EXPECT_EQ(b::BCryptGetProperty(alg, u"HashDigestLength", reinterpret_cast<unsigned char*>(&value), 4, &got, 0),
            STATUS_SUCCESS);
  EXPECT_EQ(value, 64u);
  void* h = nullptr;
  ASSERT_EQ(b::BCryptCreateHash(alg, &h, nullptr, 0, nullptr, 0, 0), STATUS_SUCCESS);
  unsigned char out[64];
  EXPECT_EQ(b::BCryptFinishHash(h, out, 32, 0), STATUS_INVALID_PARAMETER);  // not the digest's length
  EXPECT_EQ(b::BCryptHashData(alg, out, 1, 0), STATUS_INVALID_HANDLE);      // a provider is not a hash
  EXPECT_EQ(b::BCryptDestroyHash(h), STATUS_SUCCESS);
  EXPECT_EQ(b::BCryptGenRandom(alg, out, 8, 0), STATUS_INVALID_PARAMETER);  // not an RNG provider
  EXPECT_EQ(b::BCryptCloseAlgorithmProvider(alg, 0), STATUS_SUCCESS);
}

TEST(Bcrypt, Random) {
  unsigned char a[32] = {}, b2[32] = {};
  EXPECT_EQ(b::BCryptGenRandom(nullptr, a, sizeof a, 0x2), STATUS_SUCCESS);
  void* rng = nullptr;
  ASSERT_EQ(b::BCryptOpenAlgorithmProvider(&rng, u"RNG", nullptr, 0), STATUS_SUCCESS);
  EXPECT_EQ(b::BCryptGenRandom(rng, b2, sizeof b2, 0), STATUS_SUCCESS);
  EXPECT_NE(std::string(reinterpret_cast<char*>(a), 32), std::string(reinterpret_cast<char*>(b2), 32));
  EXPECT_EQ(b::BCryptGenRandom(rng, a, 8, 0x2), STATUS_INVALID_PARAMETER);  // a handle with the system RNG flag
  EXPECT_EQ(b::BCryptCloseAlgorithmProvider(rng, 0), STATUS_SUCCESS);
}
