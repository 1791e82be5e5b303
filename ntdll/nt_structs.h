// The process and thread structures Windows programs read directly:
// TEB (through GS), PEB, loader data, process parameters, KUSER_SHARED_DATA.
// Only fields Sill fills or programs are known to read are named; the rest
// is padding so that every named offset matches Windows x64.
#pragma once
#include <cstddef>
#include <cstdint>

#include "base/wintypes.h"

namespace sill::nt {

using namespace sill::win;

struct CURDIR {
  UNICODE_STRING DosPath;
  HANDLE Handle;
};
static_assert(sizeof(CURDIR) == 24);

struct RTL_USER_PROCESS_PARAMETERS {
  ULONG MaximumLength;
  ULONG Length;
  ULONG Flags;
  ULONG DebugFlags;
  HANDLE ConsoleHandle;
  ULONG ConsoleFlags;
  HANDLE StandardInput;
  HANDLE StandardOutput;
  HANDLE StandardError;
  CURDIR CurrentDirectory;
  UNICODE_STRING DllPath;
  UNICODE_STRING ImagePathName;
  UNICODE_STRING CommandLine;
  WCHAR* Environment;
  ULONG StartingX, StartingY, CountX, CountY, CountCharsX, CountCharsY, FillAttribute;
  ULONG WindowFlags;
  ULONG ShowWindowFlags;
  UNICODE_STRING WindowTitle;
  UNICODE_STRING DesktopInfo;
  UNICODE_STRING ShellInfo;
  UNICODE_STRING RuntimeData;
  BYTE CurrentDirectories[32 * 24];
  SIZE_T EnvironmentSize;
  SIZE_T EnvironmentVersion;
};
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, StandardInput) == 0x20);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CurrentDirectory) == 0x38);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, ImagePathName) == 0x60);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, CommandLine) == 0x70);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, Environment) == 0x80);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, WindowFlags) == 0xA4);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, WindowTitle) == 0xB0);
static_assert(offsetof(RTL_USER_PROCESS_PARAMETERS, EnvironmentSize) == 0x3F0);

struct PEB_LDR_DATA {
  ULONG Length;
  BOOLEAN Initialized;
  HANDLE SsHandle;
  LIST_ENTRY InLoadOrderModuleList;
  LIST_ENTRY InMemoryOrderModuleList;
  LIST_ENTRY InInitializationOrderModuleList;
  void* EntryInProgress;
  BOOLEAN ShutdownInProgress;
  HANDLE ShutdownThreadId;
};
static_assert(offsetof(PEB_LDR_DATA, InLoadOrderModuleList) == 0x10);
static_assert(offsetof(PEB_LDR_DATA, InMemoryOrderModuleList) == 0x20);
static_assert(offsetof(PEB_LDR_DATA, InInitializationOrderModuleList) == 0x30);
static_assert(sizeof(PEB_LDR_DATA) == 0x58);

struct LDR_DATA_TABLE_ENTRY {
  LIST_ENTRY InLoadOrderLinks;
  LIST_ENTRY InMemoryOrderLinks;
  LIST_ENTRY InInitializationOrderLinks;
  void* DllBase;
  void* EntryPoint;
  ULONG SizeOfImage;
  UNICODE_STRING FullDllName;
  UNICODE_STRING BaseDllName;
  ULONG Flags;
  USHORT LoadCount;  // obsolete on Windows 8+, kept current for old readers
  USHORT TlsIndex;
  LIST_ENTRY HashLinks;
  ULONG TimeDateStamp;
};
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, DllBase) == 0x30);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, SizeOfImage) == 0x40);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, FullDllName) == 0x48);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, BaseDllName) == 0x58);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, Flags) == 0x68);
static_assert(offsetof(LDR_DATA_TABLE_ENTRY, HashLinks) == 0x70);

struct PEB {
  BOOLEAN InheritedAddressSpace;
  BOOLEAN ReadImageFileExecOptions;
  BOOLEAN BeingDebugged;
  BOOLEAN BitField;
  BYTE Padding0[4];
  HANDLE Mutant;
  void* ImageBaseAddress;
  PEB_LDR_DATA* Ldr;
  RTL_USER_PROCESS_PARAMETERS* ProcessParameters;
  void* SubSystemData;
  HANDLE ProcessHeap;
  void* FastPebLock;
  BYTE Padding1[0x70 - 0x40];
  ULONG TlsExpansionCounter;
  BYTE Padding2[4];
  void* TlsBitmap;
  ULONG TlsBitmapBits[2];
  BYTE Padding3[0xB8 - 0x88];
  ULONG NumberOfProcessors;
  ULONG NtGlobalFlag;
  BYTE Padding4[0x118 - 0xC0];
  ULONG OSMajorVersion;
  ULONG OSMinorVersion;
  USHORT OSBuildNumber;
  USHORT OSCSDVersion;
  ULONG OSPlatformId;
  ULONG ImageSubsystem;
  ULONG ImageSubsystemMajorVersion;
  ULONG ImageSubsystemMinorVersion;
  BYTE Padding5[0x7C8 - 0x134];
};
static_assert(offsetof(PEB, BeingDebugged) == 0x02);
static_assert(offsetof(PEB, ImageBaseAddress) == 0x10);
static_assert(offsetof(PEB, Ldr) == 0x18);
static_assert(offsetof(PEB, ProcessParameters) == 0x20);
static_assert(offsetof(PEB, ProcessHeap) == 0x30);
static_assert(offsetof(PEB, TlsBitmap) == 0x78);
static_assert(offsetof(PEB, NumberOfProcessors) == 0xB8);
static_assert(offsetof(PEB, OSMajorVersion) == 0x118);
static_assert(offsetof(PEB, OSBuildNumber) == 0x120);
static_assert(offsetof(PEB, OSPlatformId) == 0x124);
static_assert(offsetof(PEB, ImageSubsystem) == 0x128);
static_assert(sizeof(PEB) == 0x7C8);

struct NT_TIB {
  void* ExceptionList;
  void* StackBase;
  void* StackLimit;
  void* SubSystemTib;
  void* FiberData;
  void* ArbitraryUserPointer;
  NT_TIB* Self;
};
static_assert(sizeof(NT_TIB) == 0x38);

struct CLIENT_ID {
  HANDLE UniqueProcess;
  HANDLE UniqueThread;
};

inline constexpr unsigned kTlsMinimumSlots = 64;
inline constexpr unsigned kTlsExpansionSlots = 1024;

struct TEB {
  NT_TIB Tib;
  void* EnvironmentPointer;
  CLIENT_ID ClientId;
  void* ActiveRpcHandle;
  void** ThreadLocalStoragePointer;  // array of per-module TLS blocks, indexed by the TLS index
  PEB* ProcessEnvironmentBlock;
  ULONG LastErrorValue;
  ULONG CountOfOwnedCriticalSections;
  void* CsrClientThread;
  void* Win32ThreadInfo;
  BYTE Padding0[0x100 - 0x80];
  ULONG CurrentLocale;
  BYTE Padding1[0x1250 - 0x104];
  ULONG LastStatusValue;
  BYTE Padding2[0x1478 - 0x1254];
  void* DeallocationStack;
  void* TlsSlots[kTlsMinimumSlots];
  LIST_ENTRY TlsLinks;
  BYTE Padding3[0x1780 - 0x1690];
  void** TlsExpansionSlots;
  BYTE Padding4[0x1838 - 0x1788];
};
static_assert(offsetof(TEB, Tib.StackBase) == 0x08);
static_assert(offsetof(TEB, Tib.Self) == 0x30);
static_assert(offsetof(TEB, ClientId) == 0x40);
static_assert(offsetof(TEB, ThreadLocalStoragePointer) == 0x58);
static_assert(offsetof(TEB, ProcessEnvironmentBlock) == 0x60);
static_assert(offsetof(TEB, LastErrorValue) == 0x68);
static_assert(offsetof(TEB, CurrentLocale) == 0x100);
static_assert(offsetof(TEB, LastStatusValue) == 0x1250);
static_assert(offsetof(TEB, DeallocationStack) == 0x1478);
static_assert(offsetof(TEB, TlsSlots) == 0x1480);
static_assert(offsetof(TEB, TlsExpansionSlots) == 0x1780);
static_assert(sizeof(TEB) == 0x1838);

// The current thread's TEB, through the GS base exactly as Windows code reads it.
inline TEB* current_teb() {
  TEB* teb;
  asm volatile("movq %%gs:0x30, %0" : "=r"(teb));
  return teb;
}
inline PEB* current_peb() { return current_teb()->ProcessEnvironmentBlock; }

// KUSER_SHARED_DATA, mapped read-only at 0x7ffe0000 (fields MSVC code reads directly).
inline constexpr std::uintptr_t kUserSharedDataAddress = 0x7FFE0000;

struct KSYSTEM_TIME {
  ULONG LowPart;
  LONG High1Time;
  LONG High2Time;
};

struct KUSER_SHARED_DATA {
  ULONG TickCountLowDeprecated;
  ULONG TickCountMultiplier;
  volatile KSYSTEM_TIME InterruptTime;
  volatile KSYSTEM_TIME SystemTime;
  volatile KSYSTEM_TIME TimeZoneBias;
  USHORT ImageNumberLow;
  USHORT ImageNumberHigh;
  WCHAR NtSystemRoot[260];
  ULONG MaxStackTraceDepth;
  ULONG CryptoExponent;
  ULONG TimeZoneId;
  ULONG LargePageMinimum;
  ULONG AitSamplingValue;
  ULONG AppCompatFlag;
  ULONGLONG RNGSeedVersion;
  ULONG GlobalValidationRunlevel;
  LONG TimeZoneBiasStamp;
  ULONG NtBuildNumber;
  ULONG NtProductType;
  BOOLEAN ProductTypeIsValid;
  BYTE Reserved0[1];
  USHORT NativeProcessorArchitecture;
  ULONG NtMajorVersion;
  ULONG NtMinorVersion;
  BOOLEAN ProcessorFeatures[64];
  BYTE Padding0[0x2D4 - 0x2B4];
  ULONG ActiveConsoleId;
  BYTE Padding1[0x320 - 0x2D8];
  volatile KSYSTEM_TIME TickCount;
  BYTE Padding2[0x1000 - 0x32C];
};
static_assert(offsetof(KUSER_SHARED_DATA, InterruptTime) == 0x08);
static_assert(offsetof(KUSER_SHARED_DATA, SystemTime) == 0x14);
static_assert(offsetof(KUSER_SHARED_DATA, NtSystemRoot) == 0x30);
static_assert(offsetof(KUSER_SHARED_DATA, NtBuildNumber) == 0x260);
static_assert(offsetof(KUSER_SHARED_DATA, NtMajorVersion) == 0x26C);
static_assert(offsetof(KUSER_SHARED_DATA, ProcessorFeatures) == 0x274);
static_assert(offsetof(KUSER_SHARED_DATA, TickCount) == 0x320);
static_assert(sizeof(KUSER_SHARED_DATA) == 0x1000);

// The Windows version Sill reports (Windows 10 22H2).
inline constexpr ULONG kWindowsMajor = 10;
inline constexpr ULONG kWindowsMinor = 0;
inline constexpr ULONG kWindowsBuild = 19045;

}  // namespace sill::nt
