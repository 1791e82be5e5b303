// The export table of bcrypt.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/bcrypt/bcrypt.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("BCryptCloseAlgorithmProvider", bcrypt::BCryptCloseAlgorithmProvider),
    SILL_EXPORT_AS("BCryptCreateHash", bcrypt::BCryptCreateHash),
    SILL_EXPORT_AS("BCryptDestroyHash", bcrypt::BCryptDestroyHash),
    SILL_EXPORT_AS("BCryptDuplicateHash", bcrypt::BCryptDuplicateHash),
    SILL_EXPORT_AS("BCryptFinishHash", bcrypt::BCryptFinishHash),
    SILL_EXPORT_AS("BCryptGenRandom", bcrypt::BCryptGenRandom),
    SILL_EXPORT_AS("BCryptGetProperty", bcrypt::BCryptGetProperty),
    SILL_EXPORT_AS("BCryptHash", bcrypt::BCryptHash),
    SILL_EXPORT_AS("BCryptHashData", bcrypt::BCryptHashData),
    SILL_EXPORT_AS("BCryptOpenAlgorithmProvider", bcrypt::BCryptOpenAlgorithmProvider),
};
}  // namespace

extern const loader::BuiltinDll bcrypt_dll;
const loader::BuiltinDll bcrypt_dll{"bcrypt.dll", exports, nullptr};

}  // namespace sill::builtin
