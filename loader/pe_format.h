// PE/COFF on-disk structures (PE/COFF specification), PE32+ only where it differs.
#pragma once
#include <cstddef>
#include <cstdint>

namespace sill::pe {

inline constexpr std::uint16_t kDosMagic = 0x5A4D;         // "MZ"
inline constexpr std::uint32_t kNtSignature = 0x00004550;  // "PE\0\0"
inline constexpr std::uint16_t kPe32Magic = 0x10B;
inline constexpr std::uint16_t kPe32PlusMagic = 0x20B;

inline constexpr std::uint16_t kMachineI386 = 0x014C;
inline constexpr std::uint16_t kMachineAmd64 = 0x8664;
inline constexpr std::uint16_t kMachineArm64 = 0xAA64;
inline constexpr std::uint16_t kMachineArmNt = 0x01C4;
inline constexpr std::uint16_t kMachineArm = 0x01C0;
inline constexpr std::uint16_t kMachineIa64 = 0x0200;
inline constexpr std::uint16_t kMachineArm64Ec = 0xA641;
inline constexpr std::uint16_t kMachineArm64X = 0xA64E;
inline constexpr std::uint16_t kMachineRiscV64 = 0x5064;
inline constexpr std::uint16_t kMachineLoongArch64 = 0x6264;

// FileHeader.Characteristics
inline constexpr std::uint16_t kFileRelocsStripped = 0x0001;
inline constexpr std::uint16_t kFileExecutable = 0x0002;
inline constexpr std::uint16_t kFileLargeAddressAware = 0x0020;
inline constexpr std::uint16_t kFileDll = 0x2000;

// OptionalHeader.DllCharacteristics
inline constexpr std::uint16_t kDllHighEntropyVa = 0x0020;
inline constexpr std::uint16_t kDllDynamicBase = 0x0040;
inline constexpr std::uint16_t kDllNxCompat = 0x0100;
inline constexpr std::uint16_t kDllForceIntegrity = 0x0080;
inline constexpr std::uint16_t kDllNoIsolation = 0x0200;
inline constexpr std::uint16_t kDllNoSeh = 0x0400;
inline constexpr std::uint16_t kDllNoBind = 0x0800;
inline constexpr std::uint16_t kDllAppContainer = 0x1000;
inline constexpr std::uint16_t kDllWdmDriver = 0x2000;
inline constexpr std::uint16_t kDllGuardCf = 0x4000;
inline constexpr std::uint16_t kDllTerminalServerAware = 0x8000;

// Section characteristics
inline constexpr std::uint32_t kScnCntCode = 0x00000020;
inline constexpr std::uint32_t kScnCntInitializedData = 0x00000040;
inline constexpr std::uint32_t kScnCntUninitializedData = 0x00000080;
inline constexpr std::uint32_t kScnMemDiscardable = 0x02000000;
inline constexpr std::uint32_t kScnMemShared = 0x10000000;
inline constexpr std::uint32_t kScnMemExecute = 0x20000000;
inline constexpr std::uint32_t kScnMemRead = 0x40000000;
inline constexpr std::uint32_t kScnMemWrite = 0x80000000;

// Data directory indices
enum Directory : unsigned {
  kDirExport = 0,
  kDirImport = 1,
  kDirResource = 2,
  kDirException = 3,
  kDirSecurity = 4,
  kDirBaseReloc = 5,
  kDirDebug = 6,
  kDirArchitecture = 7,
  kDirGlobalPtr = 8,
  kDirTls = 9,
  kDirLoadConfig = 10,
  kDirBoundImport = 11,
  kDirIat = 12,
  kDirDelayImport = 13,
  kDirComDescriptor = 14,
  kDirCount = 16,
};

// Base relocation types used by PE32+ images (others are refused).
inline constexpr unsigned kRelAbsolute = 0;
inline constexpr unsigned kRelHigh = 1;
inline constexpr unsigned kRelLow = 2;
inline constexpr unsigned kRelHighLow = 3;
inline constexpr unsigned kRelHighAdj = 4;  // takes a second slot: the low 16 bits of the addend
inline constexpr unsigned kRelDir64 = 10;

// Subsystems
inline constexpr std::uint16_t kSubsystemNative = 1;
inline constexpr std::uint16_t kSubsystemWindowsGui = 2;
inline constexpr std::uint16_t kSubsystemWindowsCui = 3;
inline constexpr std::uint16_t kSubsystemOs2Cui = 5;
inline constexpr std::uint16_t kSubsystemPosixCui = 7;
inline constexpr std::uint16_t kSubsystemWindowsCeGui = 9;
inline constexpr std::uint16_t kSubsystemEfiApplication = 10;
inline constexpr std::uint16_t kSubsystemEfiBootServiceDriver = 11;
inline constexpr std::uint16_t kSubsystemEfiRuntimeDriver = 12;
inline constexpr std::uint16_t kSubsystemEfiRom = 13;
inline constexpr std::uint16_t kSubsystemXbox = 14;
inline constexpr std::uint16_t kSubsystemWindowsBootApplication = 16;

// Limits the Windows loader enforces.
inline constexpr unsigned kMaxSections = 96;

struct DosHeader {
  std::uint16_t e_magic;
  std::uint16_t e_cblp, e_cp, e_crlc, e_cparhdr, e_minalloc, e_maxalloc, e_ss, e_sp, e_csum, e_ip, e_cs,
      e_lfarlc, e_ovno;
  std::uint16_t e_res[4];
  std::uint16_t e_oemid, e_oeminfo;
  std::uint16_t e_res2[10];
  std::int32_t e_lfanew;
};
static_assert(sizeof(DosHeader) == 64 && offsetof(DosHeader, e_lfanew) == 0x3C);

struct FileHeader {
  std::uint16_t Machine;
  std::uint16_t NumberOfSections;
  std::uint32_t TimeDateStamp;
  std::uint32_t PointerToSymbolTable;
  std::uint32_t NumberOfSymbols;
  std::uint16_t SizeOfOptionalHeader;
  std::uint16_t Characteristics;
};
static_assert(sizeof(FileHeader) == 20);

struct DataDirectory {
  std::uint32_t VirtualAddress;
  std::uint32_t Size;
};
static_assert(sizeof(DataDirectory) == 8);

struct OptionalHeader64 {
  std::uint16_t Magic;
  std::uint8_t MajorLinkerVersion, MinorLinkerVersion;
  std::uint32_t SizeOfCode, SizeOfInitializedData, SizeOfUninitializedData;
  std::uint32_t AddressOfEntryPoint;
  std::uint32_t BaseOfCode;
  std::uint64_t ImageBase;
  std::uint32_t SectionAlignment, FileAlignment;
  std::uint16_t MajorOperatingSystemVersion, MinorOperatingSystemVersion;
  std::uint16_t MajorImageVersion, MinorImageVersion;
  std::uint16_t MajorSubsystemVersion, MinorSubsystemVersion;
  std::uint32_t Win32VersionValue;
  std::uint32_t SizeOfImage, SizeOfHeaders, CheckSum;
  std::uint16_t Subsystem, DllCharacteristics;
  std::uint64_t SizeOfStackReserve, SizeOfStackCommit, SizeOfHeapReserve, SizeOfHeapCommit;
  std::uint32_t LoaderFlags;
  std::uint32_t NumberOfRvaAndSizes;
  pe::DataDirectory DataDirectory[kDirCount];
};
static_assert(sizeof(OptionalHeader64) == 240 && offsetof(OptionalHeader64, ImageBase) == 24 &&
              offsetof(OptionalHeader64, DataDirectory) == 112);

struct NtHeaders64 {
  std::uint32_t Signature;
  pe::FileHeader FileHeader;
  pe::OptionalHeader64 OptionalHeader;
};
static_assert(sizeof(NtHeaders64) == 264 && offsetof(NtHeaders64, OptionalHeader) == 24);

struct SectionHeader {
  char Name[8];
  std::uint32_t VirtualSize;
  std::uint32_t VirtualAddress;
  std::uint32_t SizeOfRawData;
  std::uint32_t PointerToRawData;
  std::uint32_t PointerToRelocations;
  std::uint32_t PointerToLinenumbers;
  std::uint16_t NumberOfRelocations;
  std::uint16_t NumberOfLinenumbers;
  std::uint32_t Characteristics;
};
static_assert(sizeof(SectionHeader) == 40);

struct ImportDescriptor {
  std::uint32_t OriginalFirstThunk;  // RVA of the import lookup table (0: use FirstThunk)
  std::uint32_t TimeDateStamp;
  std::uint32_t ForwarderChain;
  std::uint32_t Name;
  std::uint32_t FirstThunk;  // RVA of the IAT
};
static_assert(sizeof(ImportDescriptor) == 20);

inline constexpr std::uint64_t kImportByOrdinal64 = 0x8000000000000000ull;

struct DelayImportDescriptor {
  std::uint32_t Attributes;  // 1: RVAs (the only form on x64)
  std::uint32_t DllNameRVA;
  std::uint32_t ModuleHandleRVA;
  std::uint32_t ImportAddressTableRVA;
  std::uint32_t ImportNameTableRVA;
  std::uint32_t BoundImportAddressTableRVA;
  std::uint32_t UnloadInformationTableRVA;
  std::uint32_t TimeDateStamp;
};
static_assert(sizeof(DelayImportDescriptor) == 32);

struct ExportDirectory {
  std::uint32_t Characteristics;
  std::uint32_t TimeDateStamp;
  std::uint16_t MajorVersion, MinorVersion;
  std::uint32_t Name;
  std::uint32_t Base;
  std::uint32_t NumberOfFunctions;
  std::uint32_t NumberOfNames;
  std::uint32_t AddressOfFunctions;
  std::uint32_t AddressOfNames;
  std::uint32_t AddressOfNameOrdinals;
};
static_assert(sizeof(ExportDirectory) == 40);

struct BaseRelocationBlock {
  std::uint32_t VirtualAddress;
  std::uint32_t SizeOfBlock;
};
static_assert(sizeof(BaseRelocationBlock) == 8);

struct TlsDirectory64 {
  std::uint64_t StartAddressOfRawData;
  std::uint64_t EndAddressOfRawData;
  std::uint64_t AddressOfIndex;
  std::uint64_t AddressOfCallBacks;
  std::uint32_t SizeOfZeroFill;
  std::uint32_t Characteristics;
};
static_assert(sizeof(TlsDirectory64) == 40);

struct ResourceDirectory {
  std::uint32_t Characteristics;
  std::uint32_t TimeDateStamp;
  std::uint16_t MajorVersion, MinorVersion;
  std::uint16_t NumberOfNamedEntries;
  std::uint16_t NumberOfIdEntries;
};
static_assert(sizeof(ResourceDirectory) == 16);

struct ResourceDirectoryEntry {
  std::uint32_t Name;          // high bit: offset of a name string; else an integer id
  std::uint32_t OffsetToData;  // high bit: offset of a subdirectory; else of a data entry
};
static_assert(sizeof(ResourceDirectoryEntry) == 8);

struct ResourceDataEntry {
  std::uint32_t OffsetToData;  // an RVA
  std::uint32_t Size;
  std::uint32_t CodePage;
  std::uint32_t Reserved;
};
static_assert(sizeof(ResourceDataEntry) == 16);

struct RuntimeFunction {
  std::uint32_t BeginAddress;
  std::uint32_t EndAddress;
  std::uint32_t UnwindData;
};
static_assert(sizeof(RuntimeFunction) == 12);

}  // namespace sill::pe
