// The Windows structures of icons: BITMAPINFOHEADER (an RT_ICON image that is not a PNG), the
// ICONDIR of a .ico file and the GRPICONDIR of an RT_GROUP_ICON resource. All little-endian, read
// with std::memcpy from untrusted bytes (read_struct below).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

namespace sill::desktop {

struct BitmapInfoHeader {  // BITMAPINFOHEADER; V4/V5 headers extend it (biSize 108/124)
  std::uint32_t biSize;
  std::int32_t biWidth;
  std::int32_t biHeight;  // an icon's is twice its height: the colour image, then the AND mask
  std::uint16_t biPlanes;
  std::uint16_t biBitCount;
  std::uint32_t biCompression;
  std::uint32_t biSizeImage;
  std::int32_t biXPelsPerMeter;
  std::int32_t biYPelsPerMeter;
  std::uint32_t biClrUsed;
  std::uint32_t biClrImportant;
};
static_assert(sizeof(BitmapInfoHeader) == 40);
static_assert(offsetof(BitmapInfoHeader, biBitCount) == 14);
static_assert(offsetof(BitmapInfoHeader, biClrUsed) == 32);

inline constexpr std::uint32_t kBiRgb = 0;
inline constexpr std::uint32_t kBiBitfields = 3;
// Where BITMAPV2INFOHEADER and later keep their red, green and blue masks (V3 and later add the
// alpha mask after them); with a plain 40-byte header and BI_BITFIELDS, the three colour masks
// follow the header at the same place.
inline constexpr std::size_t kBitfieldMasksOffset = 40;
inline constexpr std::size_t kV2HeaderSize = 52;
inline constexpr std::size_t kV3HeaderSize = 56;

struct IconDir {  // ICONDIR and GRPICONDIR share this header
  std::uint16_t idReserved;  // 0
  std::uint16_t idType;      // 1: icon (2: cursor)
  std::uint16_t idCount;
};
static_assert(sizeof(IconDir) == 6);
inline constexpr std::uint16_t kIconType = 1;

struct IconDirEntry {  // ICONDIRENTRY, in a .ico file
  std::uint8_t bWidth;   // 0 means 256
  std::uint8_t bHeight;  // 0 means 256
  std::uint8_t bColorCount;
  std::uint8_t bReserved;
  std::uint16_t wPlanes;
  std::uint16_t wBitCount;
  std::uint32_t dwBytesInRes;
  std::uint32_t dwImageOffset;  // from the start of the file
};
static_assert(sizeof(IconDirEntry) == 16);
static_assert(offsetof(IconDirEntry, dwImageOffset) == 12);

#pragma pack(push, 2)
struct GroupIconDirEntry {  // GRPICONDIRENTRY, in an RT_GROUP_ICON resource
  std::uint8_t bWidth;
  std::uint8_t bHeight;
  std::uint8_t bColorCount;
  std::uint8_t bReserved;
  std::uint16_t wPlanes;
  std::uint16_t wBitCount;
  std::uint32_t dwBytesInRes;
  std::uint16_t nId;  // the RT_ICON resource's integer ID
};
#pragma pack(pop)
static_assert(sizeof(GroupIconDirEntry) == 14);
static_assert(offsetof(GroupIconDirEntry, nId) == 12);

// A T copied from bytes at offset, if all of it is there.
template <class T>
std::optional<T> read_struct(std::span<const std::uint8_t> bytes, std::size_t offset) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return std::nullopt;
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

}  // namespace sill::desktop
