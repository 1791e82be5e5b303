// PeFile: a well-formed image with every directory, then one malformed image
// per check, each expected to fail with a sentence naming the structure.
#include "loader/pe_file.h"

#include <gtest/gtest.h>

#include <cstring>

#include "tests/fuzz/pe_builder.h"

namespace sill::pe {
namespace {

using testing::build_sample;
using testing::PeBuilder;
using testing::Sample;

template <class T>
void poke(std::vector<std::uint8_t>& v, std::size_t off, T value) {
  std::memcpy(v.data() + off, &value, sizeof value);
}

// Offset of a field of the n-th section header in a built file.
std::size_t section_field(unsigned n, std::size_t field) {
  return PeBuilder::kSectionTable + n * sizeof(SectionHeader) + field;
}

std::string parse_error(const std::vector<std::uint8_t>& bytes) {
  auto pe = PeFile::parse(bytes);
  return pe ? std::string("(parsed)") : pe.error().message;
}

#define EXPECT_ERROR_HAS(expr, text)                                                   \
  do {                                                                                 \
    auto r_ = (expr);                                                                  \
    ASSERT_FALSE(r_.has_value()) << "expected an error containing: " << text;          \
    EXPECT_NE(r_.error().message.find(text), std::string::npos) << r_.error().message; \
  } while (0)

TEST(PeFile, SampleHeadersAndSections) {
  auto bytes = build_sample();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  EXPECT_EQ(pe->headers().machine, kMachineAmd64);
  EXPECT_TRUE(pe->headers().is_dll());
  EXPECT_EQ(pe->headers().image_base, 0x140000000ull);
  EXPECT_EQ(pe->headers().subsystem, kSubsystemWindowsCui);
  EXPECT_EQ(pe->headers().entry_point_rva, 0x1000u);
  ASSERT_EQ(pe->sections().size(), 6u);
  EXPECT_EQ(pe->sections()[0].name, ".text");
  EXPECT_EQ(pe->sections()[1].virtual_address, 0x11000u);
  EXPECT_EQ(pe->rva_to_offset(0x1000), pe->sections()[0].raw_offset);
  EXPECT_EQ(pe->string_at_rva(0x7FFFFFFF), std::nullopt);
  EXPECT_EQ(pe->at_rva(0x1000, 0x40)->size(), 0x40u);
  EXPECT_FALSE(pe->at_rva(0x1000, 0x10000));
}

TEST(PeFile, SampleImports) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto imports = pe->imports();
  ASSERT_TRUE(imports) << imports.error().message;
  ASSERT_EQ(imports->size(), 2u);
  const ImportDll& k32 = (*imports)[0];
  EXPECT_EQ(k32.dll_name, "KERNEL32.dll");
  ASSERT_EQ(k32.entries.size(), 2u);
  EXPECT_FALSE(k32.entries[0].by_ordinal);
  EXPECT_EQ(k32.entries[0].name, "ExitProcess");
  EXPECT_EQ(k32.entries[0].hint, 0x120);
  EXPECT_EQ(k32.entries[0].iat_rva, s.kernel32_iat);
  EXPECT_TRUE(k32.entries[1].by_ordinal);
  EXPECT_EQ(k32.entries[1].ordinal, 7);
  EXPECT_EQ(k32.entries[1].iat_rva, s.kernel32_iat + 8);
  const ImportDll& msvcrt = (*imports)[1];  // no ILT: names come from the IAT
  EXPECT_EQ(msvcrt.dll_name, "msvcrt.dll");
  ASSERT_EQ(msvcrt.entries.size(), 1u);
  EXPECT_EQ(msvcrt.entries[0].name, "printf");
  EXPECT_EQ(msvcrt.entries[0].iat_rva, s.msvcrt_iat);
}

TEST(PeFile, SampleDelayImports) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto delay = pe->delay_imports();
  ASSERT_TRUE(delay) << delay.error().message;
  ASSERT_EQ(delay->size(), 1u);
  EXPECT_EQ((*delay)[0].dll_name, "user32.dll");
  EXPECT_EQ((*delay)[0].module_handle_rva, s.delay_handle);
  ASSERT_EQ((*delay)[0].entries.size(), 2u);
  EXPECT_EQ((*delay)[0].entries[0].name, "MessageBoxA");
  EXPECT_EQ((*delay)[0].entries[0].iat_rva, s.delay_iat);
  EXPECT_TRUE((*delay)[0].entries[1].by_ordinal);
  EXPECT_EQ((*delay)[0].entries[1].ordinal, 9);
}

TEST(PeFile, SampleExports) {
  auto bytes = build_sample();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto exp = pe->exports();
  ASSERT_TRUE(exp) << exp.error().message;
  EXPECT_EQ(exp->dll_name, "sample.dll");
  EXPECT_EQ(exp->ordinal_base, 5u);
  ASSERT_EQ(exp->entries.size(), 5u);
  EXPECT_EQ(exp->entries[0].ordinal, 5u);
  EXPECT_EQ(exp->entries[0].name, "Alpha");
  EXPECT_EQ(exp->entries[0].rva, 0x1000u);
  EXPECT_EQ(exp->entries[1].ordinal, 6u);  // ordinal only
  EXPECT_EQ(exp->entries[1].name, "");
  EXPECT_EQ(exp->entries[2].ordinal, 7u);
  EXPECT_EQ(exp->entries[2].name, "Fwd");
  EXPECT_EQ(exp->entries[2].forwarder, "kernel32.ExitProcess");
  EXPECT_EQ(exp->entries[3].ordinal, 9u);  // ordinal 8 is an empty slot, two names for ordinal 9
  EXPECT_EQ(exp->entries[3].name, "Beta");
  EXPECT_EQ(exp->entries[4].name, "Gamma");
  EXPECT_EQ(exp->entries[4].rva, 0x1030u);
  EXPECT_TRUE(exp->entries[4].forwarder.empty());
}

TEST(PeFile, SampleRelocations) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto rel = pe->relocations();
  ASSERT_TRUE(rel) << rel.error().message;
  ASSERT_EQ(rel->size(), 4u);  // the two ABSOLUTE padding entries are dropped
  EXPECT_EQ((*rel)[0].rva, s.data);
  EXPECT_EQ((*rel)[0].type, kRelDir64);
  EXPECT_EQ((*rel)[2].rva, s.data + 0x10);
  EXPECT_EQ((*rel)[3].rva, s.text + 0x10);
  EXPECT_EQ((*rel)[3].type, kRelHighLow);
}

TEST(PeFile, SampleTls) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto tls = pe->tls();
  ASSERT_TRUE(tls) << tls.error().message;
  ASSERT_TRUE(tls->has_value());
  const TlsInfo& t = **tls;
  EXPECT_EQ(t.end_va - t.start_va, 16u);
  EXPECT_EQ(t.index_va, 0x140000000ull + s.tls_index);
  ASSERT_EQ(t.callbacks.size(), 2u);
  EXPECT_EQ(t.callbacks[0], 0x140000000ull + s.text + 0x20);
  EXPECT_EQ(t.callbacks[1], 0x140000000ull + s.text + 0x28);
}

TEST(PeFile, SampleResourcesAndPdata) {
  auto bytes = build_sample();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto res = pe->resource_types();
  ASSERT_TRUE(res) << res.error().message;
  ASSERT_EQ(res->size(), 3u);
  EXPECT_EQ((*res)[0].name, "MYTYPE");
  EXPECT_EQ((*res)[0].count, 1u);
  EXPECT_EQ((*res)[1].id, 3u);
  EXPECT_EQ((*res)[1].count, 2u);
  EXPECT_EQ((*res)[2].id, 16u);
  auto pdata = pe->runtime_functions();
  ASSERT_TRUE(pdata) << pdata.error().message;
  ASSERT_EQ(pdata->size(), 2u);
  EXPECT_EQ((*pdata)[1].BeginAddress, 0x1010u);
}

TEST(PeFile, ImageLayoutReadsRvasDirectly) {
  auto file = build_sample();
  auto pe = PeFile::parse(file);
  ASSERT_TRUE(pe);
  // Map it the way a loader does: headers at 0, each section at its RVA.
  std::vector<std::uint8_t> image(pe->headers().size_of_image);
  std::memcpy(image.data(), file.data(), pe->headers().size_of_headers);
  for (const Section& s : pe->sections())
    std::memcpy(image.data() + s.virtual_address, file.data() + s.raw_offset, s.raw_size);
  auto mapped = PeFile::parse(image, Layout::Image);
  ASSERT_TRUE(mapped) << mapped.error().message;
  auto imports = mapped->imports();
  ASSERT_TRUE(imports);
  EXPECT_EQ((*imports)[0].entries[0].name, "ExitProcess");
  auto exp = mapped->exports();
  ASSERT_TRUE(exp);
  EXPECT_EQ(exp->entries.size(), 5u);
  EXPECT_EQ(mapped->rva_to_offset(0x11000), 0x11000u);
  std::vector<std::uint8_t> small(image.begin(), image.begin() + 0x2000);
  EXPECT_ERROR_HAS(PeFile::parse(small, Layout::Image), "smaller than its SizeOfImage");
}

TEST(PeFile, ZeroFillTerminatesTables) {
  // An ILT whose terminator lies in the zero-filled tail past the raw data.
  PeBuilder b;
  unsigned text = b.section(".text", testing::kText);
  unsigned idata = b.section(".idata", testing::kData);
  b.reserve(text, 16);
  std::uint32_t name = b.append_string(idata, "a.dll");
  std::uint32_t hn = b.append_hint_name(idata, 0, "f");
  ImportDescriptor d[2] = {};
  std::uint32_t desc = b.append(idata, d, sizeof d, 4);
  std::uint64_t thunk = hn;
  while ((b.reserve(idata, 0) + 8) % 0x200) b.reserve(idata, 1, 1);
  std::uint32_t iat = b.append_value(idata, thunk);  // the raw data ends right after this thunk
  d[0] = {0, 0, 0, name, iat};
  b.patch(desc, d, sizeof d);
  b.set_virtual_extra(idata, 0x100);
  b.set_directory(kDirImport, desc, sizeof d);
  auto bytes = b.build();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  auto imports = pe->imports();
  ASSERT_TRUE(imports) << imports.error().message;
  ASSERT_EQ(imports->size(), 1u);
  EXPECT_EQ((*imports)[0].entries.size(), 1u);
}

// ---------------------------------------------------------------------------
// Malformed headers

TEST(PeFileMalformed, NotMz) {
  std::vector<std::uint8_t> elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0};
  EXPECT_EQ(parse_error(elf), "is not a Windows executable (no MZ header)");
  EXPECT_EQ(parse_error({}), "is not a Windows executable (no MZ header)");
}

TEST(PeFileMalformed, TruncatedDosHeader) {
  auto bytes = build_sample();
  bytes.resize(40);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "DOS header is truncated");
}

TEST(PeFileMalformed, LfanewPastEnd) {
  auto bytes = build_sample();
  poke<std::int32_t>(bytes, 0x3C, 0x7FFFFFF0);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "e_lfanew 0x7ffffff0) points past the end of the file");
  poke<std::int32_t>(bytes, 0x3C, -4);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "points past the end of the file");
}

TEST(PeFileMalformed, NoPeSignature) {
  auto bytes = build_sample();
  bytes[PeBuilder::kLfanew] = 'N';
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "is not a Windows executable (no PE signature");
}

TEST(PeFileMalformed, TruncatedHeaders) {
  auto bytes = build_sample();
  bytes.resize(PeBuilder::kFileHeader + 10);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "COFF file header is truncated");
  bytes = build_sample();
  bytes.resize(PeBuilder::kOptionalHeader + 100);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "optional header is truncated");
  bytes = build_sample();
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader + offsetof(FileHeader, SizeOfOptionalHeader), 0x60);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "optional header is too small");
  bytes = build_sample();
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader + offsetof(FileHeader, SizeOfOptionalHeader), 112 + 8 * 4);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "declares 16 data directories but has room for 4");
}

TEST(PeFileMalformed, Pe32Refused) {
  auto bytes = build_sample();
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader, kMachineI386);
  poke<std::uint16_t>(bytes, PeBuilder::kOptionalHeader, kPe32Magic);
  EXPECT_EQ(parse_error(bytes), "is a 32-bit (PE32) program; Sill runs only 64-bit (PE32+) programs");
}

TEST(PeFileMalformed, ForeignMachinesRefused) {
  auto bytes = build_sample();
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader, kMachineArm64);
  EXPECT_EQ(parse_error(bytes), "is an ARM64 program; Sill runs only x86-64 (AMD64) programs");
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader, kMachineArmNt);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "is an ARMNT program");
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader, 0x1234);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "unknown machine type 0x1234");
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader, kMachineAmd64);
  poke<std::uint16_t>(bytes, PeBuilder::kOptionalHeader, 0x107);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "unknown magic number 0x107");
}

TEST(PeFileMalformed, SectionTablePastEnd) {
  auto bytes = build_sample();
  bytes.resize(PeBuilder::kSectionTable + 2 * sizeof(SectionHeader) + 7);
  EXPECT_EQ(parse_error(bytes), "the section table extends past the end of the file");
}

TEST(PeFileMalformed, AbsurdSectionCount) {
  auto bytes = build_sample();
  poke<std::uint16_t>(bytes, PeBuilder::kFileHeader + offsetof(FileHeader, NumberOfSections), 0xFFFF);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "declares 65535 sections; Windows allows at most 96");
}

TEST(PeFileMalformed, SectionRawDataPastEnd) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, section_field(5, offsetof(SectionHeader, PointerToRawData)), 0x7FFFFFF0);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "section 6 (.reloc)'s raw data (offset 0x7ffffff0");
  bytes = build_sample();
  poke<std::uint32_t>(bytes, section_field(5, offsetof(SectionHeader, PointerToRawData)), 0xFFFFFFF0);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "extends past the end of the file");
}

TEST(PeFileMalformed, OverlappingSections) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, section_field(1, offsetof(SectionHeader, VirtualAddress)), 0x1010);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "sections .text (RVA 0x1000, 0x40 bytes) and .rdata (RVA 0x1010) overlap");
}

TEST(PeFileMalformed, SectionOutsideImage) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, section_field(5, offsetof(SectionHeader, VirtualSize)), 0xFFFFFFFF);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "lies outside the image");
  bytes = build_sample();
  poke<std::uint32_t>(bytes, section_field(0, offsetof(SectionHeader, VirtualAddress)), 0x200);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "overlaps the headers");
}

TEST(PeFileMalformed, BadAlignmentAndEntry) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, PeBuilder::kOptionalHeader + offsetof(OptionalHeader64, SectionAlignment), 0x1001);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "section alignment 0x1001 is not a power of two");
  bytes = build_sample();
  poke<std::uint32_t>(bytes, PeBuilder::kOptionalHeader + offsetof(OptionalHeader64, AddressOfEntryPoint), 0x900000);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "entry point RVA 0x900000 is outside the image");
}

std::size_t dir_field(unsigned dir) {
  return PeBuilder::kOptionalHeader + offsetof(OptionalHeader64, DataDirectory) + dir * sizeof(DataDirectory);
}

TEST(PeFileMalformed, DirectoryOutOfRange) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, dir_field(kDirImport), 0x800000);
  EXPECT_EQ(parse_error(bytes), "import directory RVA 0x800000 is outside the image");
  bytes = build_sample();
  poke<std::uint32_t>(bytes, dir_field(kDirExport) + 4, 0x100000);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "the export directory (RVA 0x");
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "extends past the end of the image");
}

TEST(PeFileMalformed, DirectoryRvaPlusSizeOverflows) {
  auto bytes = build_sample();
  poke<std::uint32_t>(bytes, dir_field(kDirBaseReloc) + 4, 0xFFFFFF00);
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "base relocation directory (RVA 0x");
  EXPECT_ERROR_HAS(PeFile::parse(bytes), "wraps around the 32-bit address space");
}

// ---------------------------------------------------------------------------
// Malformed directories: built on the sample, with one structure broken.

TEST(PeFileMalformed, ImportNameRvaOutOfRange) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  // msvcrt has no ILT, so its IAT slot is what names the function.
  poke<std::uint64_t>(bytes, *pe->rva_to_offset(s.msvcrt_iat), 0x7FFF0000);
  pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  EXPECT_ERROR_HAS(pe->imports(), "import name RVA 0x7fff0000 of import #1 of msvcrt.dll is outside the image");
  poke<std::uint64_t>(bytes, *pe->rva_to_offset(s.msvcrt_iat), 0x123456789ull);
  EXPECT_ERROR_HAS(PeFile::parse(bytes)->imports(), "import name RVA 0x123456789");
}

TEST(PeFileMalformed, ImportDllNameOutOfRange) {
  Sample s;
  PeBuilder b;
  auto bytes = build_sample(&s, &b);
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe);
  auto desc = pe->headers().directories[kDirImport].VirtualAddress;
  poke<std::uint32_t>(bytes, *pe->rva_to_offset(desc + offsetof(ImportDescriptor, Name)), 0x00F00000);
  EXPECT_ERROR_HAS(PeFile::parse(bytes)->imports(), "the name of imported DLL #1 (RVA 0xf00000) is outside the image");
}

TEST(PeFileMalformed, UnterminatedNames) {
  // A name running to the very end of its section's data, with no zero after.
  PeBuilder b;
  unsigned idata = b.section(".idata", testing::kData);
  ImportDescriptor d[2] = {};
  std::uint32_t desc = b.append(idata, d, sizeof d, 4);
  std::uint64_t thunk[2] = {0, 0};
  std::uint32_t iat = b.append(idata, thunk, sizeof thunk);
  std::uint32_t dll = b.append_string(idata, "x.dll");
  std::uint32_t hn = b.reserve(idata, 2, 2);
  std::string long_name(0x200 - (hn + 2 - PeBuilder::section_rva(idata)) % 0x200, 'A');
  b.append(idata, long_name.data(), long_name.size(), 1);
  thunk[0] = hn;
  b.patch(iat, thunk, sizeof thunk);
  d[0] = {0, 0, 0, dll, iat};
  b.patch(desc, d, sizeof d);
  b.set_directory(kDirImport, desc, sizeof d);
  auto bytes = b.build();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  EXPECT_ERROR_HAS(pe->imports(), "the name of import #1 of x.dll");
  EXPECT_ERROR_HAS(pe->imports(), "is not terminated");
  EXPECT_FALSE(pe->string_at_rva(hn + 2));
  EXPECT_FALSE(pe->string_at_rva(hn + 2, 0x10000));  // no zero fill follows the section's data
}

TEST(PeFileMalformed, ImportTableWithoutTerminator) {
  PeBuilder b;
  unsigned idata = b.section(".idata", testing::kData);
  std::uint32_t dll = b.append_string(idata, "y.dll");
  std::vector<std::uint64_t> thunks(0x40, kImportByOrdinal64 | 1);
  while ((b.reserve(idata, 0) + thunks.size() * 8) % 0x200) b.reserve(idata, 4, 4);
  ImportDescriptor d[2] = {};
  std::uint32_t desc = b.append(idata, d, sizeof d, 4);
  std::uint32_t iat = b.append(idata, thunks.data(), thunks.size() * 8);
  d[0] = {0, 0, 0, dll, iat};
  b.patch(desc, d, sizeof d);
  b.set_directory(kDirImport, desc, sizeof d);
  auto bytes = b.build();
  // Make the raw size the virtual size, so nothing zero-fills past the table.
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  poke<std::uint32_t>(bytes, section_field(0, offsetof(SectionHeader, VirtualSize)), pe->sections()[0].raw_size);
  EXPECT_ERROR_HAS(PeFile::parse(bytes)->imports(), "import lookup table of y.dll");
  EXPECT_ERROR_HAS(PeFile::parse(bytes)->imports(), "without a terminating null entry");
}

TEST(PeFileMalformed, SharedThunkTablesAreBounded) {
  // Thousands of descriptors all pointing at one long table: refused, not walked quadratically.
  PeBuilder b;
  unsigned idata = b.section(".idata", testing::kData);
  std::uint32_t dll = b.append_string(idata, "z.dll");
  std::uint32_t hn = b.append_hint_name(idata, 0, "f");
  std::vector<std::uint64_t> thunks(0x1000, hn);
  thunks.push_back(0);
  std::uint32_t iat = b.append(idata, thunks.data(), thunks.size() * 8);
  std::vector<ImportDescriptor> d(0x400, ImportDescriptor{0, 0, 0, dll, iat});
  d.push_back({});
  std::uint32_t desc = b.append(idata, d.data(), d.size() * sizeof d[0], 4);
  b.set_directory(kDirImport, desc, static_cast<std::uint32_t>(d.size() * sizeof d[0]));
  auto bytes = b.build();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  EXPECT_ERROR_HAS(pe->imports(), "than the file");
}

TEST(PeFileMalformed, DelayImportOldFormat) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  auto dd = pe->headers().directories[kDirDelayImport].VirtualAddress;
  poke<std::uint32_t>(bytes, *pe->rva_to_offset(dd), 0);
  EXPECT_ERROR_HAS(PeFile::parse(bytes)->delay_imports(), "uses virtual addresses");
}

TEST(PeFileMalformed, RelocationBlockSizes) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  std::size_t block = *pe->rva_to_offset(s.reloc_dir);
  auto with_size = [&](std::uint32_t size) {
    auto copy = bytes;
    poke<std::uint32_t>(copy, block + 4, size);
    return copy;
  };
  auto zero = with_size(0);
  EXPECT_ERROR_HAS(PeFile::parse(zero)->relocations(), "has size 0");
  auto odd = with_size(13);
  EXPECT_ERROR_HAS(PeFile::parse(odd)->relocations(), "has an odd size (13)");
  auto past = with_size(0x1000);
  EXPECT_ERROR_HAS(PeFile::parse(past)->relocations(), "extends past the end of the directory");
  auto wrong = bytes;
  poke<std::uint16_t>(wrong, block + 8, 7 << 12);
  EXPECT_ERROR_HAS(PeFile::parse(wrong)->relocations(), "base relocation type 7");
  auto outside = bytes;
  poke<std::uint32_t>(outside, block, 0x00FFF000);
  EXPECT_ERROR_HAS(PeFile::parse(outside)->relocations(), "is outside the image");
}

TEST(PeFileMalformed, ExportCountAbsurd) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  std::size_t ed = *pe->rva_to_offset(s.export_dir);
  auto copy = bytes;
  poke<std::uint32_t>(copy, ed + offsetof(ExportDirectory, NumberOfFunctions), 0x40000000);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->exports(), "the export address table (1073741824 entries");
  copy = bytes;
  poke<std::uint32_t>(copy, ed + offsetof(ExportDirectory, NumberOfNames), 0xFFFFFFFF);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->exports(), "does not fit in the file");
  copy = bytes;
  poke<std::uint32_t>(copy, ed + offsetof(ExportDirectory, NumberOfFunctions), 4);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->exports(), "refers to function index 4, but there are only 4");
  copy = bytes;
  poke<std::uint32_t>(copy, ed + offsetof(ExportDirectory, Base), 0xFFFFFFFE);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->exports(), "exceed 32 bits");
}

TEST(PeFileMalformed, TlsCallbacksPastEnd) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  auto copy = bytes;
  // Point the callback array at the last 8 bytes of .rdata's virtual size: one
  // non-null entry and then the end of the section.
  const Section& rdata = pe->sections()[1];
  std::uint32_t last = rdata.virtual_address + rdata.virtual_size - 8;
  poke<std::uint64_t>(copy, *pe->rva_to_offset(last), 0x140000000ull + s.text);
  poke<std::uint64_t>(copy, *pe->rva_to_offset(s.tls_dir) + offsetof(TlsDirectory64, AddressOfCallBacks),
                      0x140000000ull + last);
  // Give .rdata exactly its raw size as virtual size so no zero fill follows.
  poke<std::uint32_t>(copy, section_field(1, offsetof(SectionHeader, VirtualSize)), rdata.virtual_size);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->tls(), "TLS callback array at RVA");
  copy = bytes;
  poke<std::uint64_t>(copy, *pe->rva_to_offset(s.tls_callbacks), 0x1000);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->tls(), "TLS callback #1 (0x1000) is outside the image");
  copy = bytes;
  poke<std::uint64_t>(copy, *pe->rva_to_offset(s.tls_dir) + offsetof(TlsDirectory64, AddressOfCallBacks), 5);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->tls(), "TLS callback array 0x5 is outside the image");
}

TEST(PeFileMalformed, ResourceDirectoryLoop) {
  Sample s;
  auto bytes = build_sample(&s);
  auto pe = PeFile::parse(bytes);
  std::size_t root = *pe->rva_to_offset(s.resource_dir);
  // The first type entry's subdirectory becomes the root itself.
  auto copy = bytes;
  poke<std::uint32_t>(copy, root + sizeof(ResourceDirectory) + 4, 0x80000000u);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->resource_types(), "reached twice (a loop in the resource tree)");
  copy = bytes;
  poke<std::uint16_t>(copy, root + offsetof(ResourceDirectory, NumberOfIdEntries), 0xFFFF);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->resource_types(), "do not fit in the resource section");
}

TEST(PeFileMalformed, PdataChecks) {
  auto bytes = build_sample();
  auto pe = PeFile::parse(bytes);
  auto copy = bytes;
  poke<std::uint32_t>(copy, dir_field(kDirException) + 4, 13);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->runtime_functions(), "not a multiple of 12");
  copy = bytes;
  auto at = *pe->rva_to_offset(pe->headers().directories[kDirException].VirtualAddress);
  poke<std::uint32_t>(copy, at + 4, 0x00FFFFFF);
  EXPECT_ERROR_HAS(PeFile::parse(copy)->runtime_functions(), "RUNTIME_FUNCTION #1");
}

TEST(PeFile, NoDirectoriesIsFine) {
  PeBuilder b;
  unsigned text = b.section(".text", testing::kText);
  b.reserve(text, 16);
  auto bytes = b.build();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  EXPECT_TRUE(pe->imports()->empty());
  EXPECT_TRUE(pe->delay_imports()->empty());
  EXPECT_TRUE(pe->exports()->entries.empty());
  EXPECT_TRUE(pe->relocations()->empty());
  EXPECT_FALSE(pe->tls()->has_value());
  EXPECT_TRUE(pe->resource_types()->empty());
  EXPECT_TRUE(pe->runtime_functions()->empty());
}

TEST(PeFile, PrintableNames) {
  EXPECT_EQ(printable("kernel32.dll"), "kernel32.dll");
  EXPECT_EQ(printable(""), "(unnamed)");
  EXPECT_EQ(printable("a\nb\x1b[31m"), "a\\x0ab\\x1b[31m");
  EXPECT_EQ(printable("caf\xc3\xa9"), "caf\xc3\xa9");  // UTF-8 stays
  EXPECT_EQ(printable("\xc3"), "\\xc3");             // a truncated sequence does not
}

TEST(PeFile, HighAdjRelocationAndZeroPadding) {
  PeBuilder b;
  unsigned text = b.section(".text", testing::kText);
  unsigned reloc = b.section(".reloc", testing::kRdata);
  b.reserve(text, 0x20);
  std::uint16_t entries[4] = {static_cast<std::uint16_t>(kRelHighAdj << 12 | 0x10), 0x8000,
                              static_cast<std::uint16_t>(kRelDir64 << 12 | 0x18), 0};
  BaseRelocationBlock h{0x1000, 8 + sizeof entries};
  std::uint32_t at = b.append_value(reloc, h, 4);
  b.append(reloc, entries, sizeof entries, 2);
  b.reserve(reloc, 8, 1);  // trailing zeros some linkers leave
  b.set_directory(kDirBaseReloc, at, 8 + sizeof entries + 8);
  auto bytes = b.build();
  auto pe = PeFile::parse(bytes);
  ASSERT_TRUE(pe) << pe.error().message;
  auto rel = pe->relocations();
  ASSERT_TRUE(rel) << rel.error().message;
  ASSERT_EQ(rel->size(), 2u);
  EXPECT_EQ((*rel)[0].type, kRelHighAdj);
  EXPECT_EQ((*rel)[0].rva, 0x1010u);
  EXPECT_EQ((*rel)[0].param, 0x8000);
  EXPECT_EQ((*rel)[1].type, kRelDir64);
}

TEST(PeFile, NamesForPrinting) {
  EXPECT_STREQ(machine_name(kMachineArm64), "ARM64");
  EXPECT_STREQ(subsystem_name(kSubsystemWindowsGui), "Windows GUI");
  EXPECT_STREQ(directory_name(kDirBaseReloc), "base relocation");
}

}  // namespace
}  // namespace sill::pe
