// Writes a small seed corpus for the PE parser fuzzer: the full sample image
// from pe_builder.h, variants of it, and a minimal image.
#include <cstdio>
#include <string>
#include <vector>

#include "tests/fuzz/pe_builder.h"

using namespace sill::pe;
using namespace sill::pe::testing;

namespace {

bool write(const std::string& dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
  std::string path = dir + "/" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok;
}

// The sample laid out as a loader maps it, for the Layout::Image paths.
std::vector<std::uint8_t> as_image(const std::vector<std::uint8_t>& file) {
  std::vector<std::uint8_t> image(PeBuilder::kFirstSection + 6 * PeBuilder::kSectionSpan);
  SectionHeader sh[6];
  std::memcpy(sh, file.data() + PeBuilder::kSectionTable, sizeof sh);
  std::memcpy(image.data(), file.data(), PeBuilder::kSectionTable + sizeof sh);
  for (const SectionHeader& s : sh)
    if (s.SizeOfRawData)
      std::memcpy(image.data() + s.VirtualAddress, file.data() + s.PointerToRawData, s.SizeOfRawData);
  return image;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: pe_seed_gen DIR\n");
    return 2;
  }
  std::string dir = argv[1];
  bool ok = true;
  auto sample = build_sample();
  ok &= write(dir, "sample.dll", sample);
  ok &= write(dir, "sample-image.bin", as_image(sample));
  {
    PeBuilder b;
    b.oh.ImageBase = 0x10000;
    b.oh.SectionAlignment = 0x200;
    ok &= write(dir, "sample-lowbase.dll", build_sample(nullptr, &b));
  }
  {
    PeBuilder b;
    unsigned text = b.section(".text", kText);
    b.reserve(text, 16);
    ok &= write(dir, "minimal.exe", b.build());
  }
  if (!ok) std::perror("pe_seed_gen");
  return ok ? 0 : 1;
}
