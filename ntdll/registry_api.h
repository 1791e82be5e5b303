// Declarations of Sill's NT registry exports (Windows signatures): Nt*Key.
// advapi32's Reg* functions call these directly.
#pragma once
#include "base/wintypes.h"
#include "ntdll/ntdll_api.h"

namespace sill::ntdll {

using namespace sill::win;

enum KEY_INFORMATION_CLASS : ULONG {
  KeyBasicInformation = 0,
  KeyNodeInformation = 1,
  KeyFullInformation = 2,
  KeyNameInformation = 3,
  KeyCachedInformation = 4,
  KeyFlagsInformation = 5,
  KeyVirtualizationInformation = 6,
  KeyHandleTagsInformation = 7,
};

enum KEY_VALUE_INFORMATION_CLASS : ULONG {
  KeyValueBasicInformation = 0,
  KeyValueFullInformation = 1,
  KeyValuePartialInformation = 2,
  KeyValueFullInformationAlign64 = 3,
  KeyValuePartialInformationAlign64 = 4,
  KeyValueLayerInformation = 5,
};

struct KEY_BASIC_INFORMATION {
  LARGE_INTEGER LastWriteTime;
  ULONG TitleIndex;
  ULONG NameLength;
  WCHAR Name[1];
};
static_assert(offsetof(KEY_BASIC_INFORMATION, Name) == 16);

struct KEY_NODE_INFORMATION {
  LARGE_INTEGER LastWriteTime;
  ULONG TitleIndex;
  ULONG ClassOffset;
  ULONG ClassLength;
  ULONG NameLength;
  WCHAR Name[1];
};
static_assert(offsetof(KEY_NODE_INFORMATION, Name) == 24);

struct KEY_FULL_INFORMATION {
  LARGE_INTEGER LastWriteTime;
  ULONG TitleIndex;
  ULONG ClassOffset;
  ULONG ClassLength;
  ULONG SubKeys;
  ULONG MaxNameLen;
  ULONG MaxClassLen;
  ULONG Values;
  ULONG MaxValueNameLen;
  ULONG MaxValueDataLen;
  WCHAR Class[1];
};
static_assert(offsetof(KEY_FULL_INFORMATION, Class) == 44);

struct KEY_NAME_INFORMATION {
  ULONG NameLength;
  WCHAR Name[1];
};
static_assert(offsetof(KEY_NAME_INFORMATION, Name) == 4);

struct KEY_CACHED_INFORMATION {
  LARGE_INTEGER LastWriteTime;
  ULONG TitleIndex;
  ULONG SubKeys;
  ULONG MaxNameLen;
  ULONG Values;
  ULONG MaxValueNameLen;
  ULONG MaxValueDataLen;
  ULONG NameLength;
};
static_assert(sizeof(KEY_CACHED_INFORMATION) == 40);

struct KEY_VALUE_BASIC_INFORMATION {
  ULONG TitleIndex;
  ULONG Type;
  ULONG NameLength;
  WCHAR Name[1];
};
static_assert(offsetof(KEY_VALUE_BASIC_INFORMATION, Name) == 12);

struct KEY_VALUE_FULL_INFORMATION {
  ULONG TitleIndex;
  ULONG Type;
  ULONG DataOffset;
  ULONG DataLength;
  ULONG NameLength;
  WCHAR Name[1];
};
static_assert(offsetof(KEY_VALUE_FULL_INFORMATION, Name) == 20);

struct KEY_VALUE_PARTIAL_INFORMATION {
  ULONG TitleIndex;
  ULONG Type;
  ULONG DataLength;
  UCHAR Data[1];
};
static_assert(offsetof(KEY_VALUE_PARTIAL_INFORMATION, Data) == 12);

struct KEY_VALUE_PARTIAL_INFORMATION_ALIGN64 {
  ULONG Type;
  ULONG DataLength;
  UCHAR Data[1];
};
static_assert(offsetof(KEY_VALUE_PARTIAL_INFORMATION_ALIGN64, Data) == 8);

using PIO_APC_ROUTINE = void(WINAPI*)(void* context, IO_STATUS_BLOCK* iosb, ULONG reserved);

NTSTATUS WINAPI NtCreateKey(HANDLE* key, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG title_index,
                            UNICODE_STRING* class_name, ULONG options, ULONG* disposition) noexcept;
NTSTATUS WINAPI NtOpenKey(HANDLE* key, ULONG access, OBJECT_ATTRIBUTES* attr) noexcept;
NTSTATUS WINAPI NtOpenKeyEx(HANDLE* key, ULONG access, OBJECT_ATTRIBUTES* attr, ULONG options) noexcept;
NTSTATUS WINAPI NtDeleteKey(HANDLE key) noexcept;
NTSTATUS WINAPI NtRenameKey(HANDLE key, UNICODE_STRING* new_name) noexcept;
NTSTATUS WINAPI NtFlushKey(HANDLE key) noexcept;
NTSTATUS WINAPI NtSetValueKey(HANDLE key, UNICODE_STRING* name, ULONG title_index, ULONG type, const void* data,
                              ULONG size) noexcept;
NTSTATUS WINAPI NtDeleteValueKey(HANDLE key, UNICODE_STRING* name) noexcept;
NTSTATUS WINAPI NtQueryValueKey(HANDLE key, UNICODE_STRING* name, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                ULONG length, ULONG* result_length) noexcept;
NTSTATUS WINAPI NtEnumerateValueKey(HANDLE key, ULONG index, KEY_VALUE_INFORMATION_CLASS info_class, void* info,
                                    ULONG length, ULONG* result_length) noexcept;
NTSTATUS WINAPI NtQueryKey(HANDLE key, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                           ULONG* result_length) noexcept;
NTSTATUS WINAPI NtEnumerateKey(HANDLE key, ULONG index, KEY_INFORMATION_CLASS info_class, void* info, ULONG length,
                               ULONG* result_length) noexcept;
NTSTATUS WINAPI NtNotifyChangeKey(HANDLE key, HANDLE event, PIO_APC_ROUTINE apc, void* apc_context,
                                  IO_STATUS_BLOCK* iosb, ULONG filter, BOOLEAN subtree, void* buffer, ULONG length,
                                  BOOLEAN asynchronous) noexcept;

}  // namespace sill::ntdll
