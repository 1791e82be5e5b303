/* advapi32's identity functions as programs use them: the process token (user, groups,
 * elevation), privileges (lookup, AdjustTokenPrivileges and ERROR_NOT_ALL_ASSIGNED),
 * SIDs (allocation, comparison, string form), GetUserName, OpenThreadToken without
 * impersonation. Values that depend on the account are checked for consistency only. */
#include <windows.h>
#include <sddl.h>

#include "tap.h"

int main(void)
{
    HANDLE token = NULL;
    tap_ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY | TOKEN_ADJUST_PRIVILEGES, &token),
           "OpenProcessToken");

    DWORD needed = 0;
    tap_ok(!GetTokenInformation(token, TokenUser, NULL, 0, &needed), "TokenUser without a buffer fails");
    tap_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
    tap_ok(needed >= sizeof(TOKEN_USER) + 8, "... and says how much it needs");
    BYTE user_buf[256];
    TOKEN_USER *user = (TOKEN_USER *)user_buf;
    tap_ok(GetTokenInformation(token, TokenUser, user, sizeof user_buf, &needed), "TokenUser");
    tap_ok(IsValidSid(user->User.Sid), "the user SID is valid");
    LPWSTR text = NULL;
    tap_ok(ConvertSidToStringSidW(user->User.Sid, &text), "ConvertSidToStringSidW");
    tap_ok(text && wcsncmp(text, L"S-1-5-", 6) == 0, "the user SID is an NT authority SID");
    LocalFree(text);

    BYTE groups_buf[1024];
    TOKEN_GROUPS *groups = (TOKEN_GROUPS *)groups_buf;
    tap_ok(GetTokenInformation(token, TokenGroups, groups, sizeof groups_buf, &needed), "TokenGroups");
    SID_IDENTIFIER_AUTHORITY world = {SECURITY_WORLD_SID_AUTHORITY};
    PSID everyone = NULL;
    tap_ok(AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0, &everyone),
           "AllocateAndInitializeSid (Everyone)");
    int found = 0;
    for (DWORD i = 0; i < groups->GroupCount; ++i)
        if (EqualSid(groups->Groups[i].Sid, everyone)) found = 1;
    tap_ok(found, "the token's groups include Everyone");
    BOOL member = FALSE;
    tap_ok(CheckTokenMembership(NULL, everyone, &member) && member, "CheckTokenMembership(Everyone)");
    tap_int(GetLengthSid(everyone), 12, "GetLengthSid of a one-part SID");
    tap_ok(ConvertSidToStringSidW(everyone, &text), "ConvertSidToStringSidW (Everyone)");
    tap_wstr(text, L"S-1-1-0", "Everyone is S-1-1-0");
    LocalFree(text);

    SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
    PSID admins = NULL;
    AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0, 0, 0, 0, 0, 0, &admins);
    tap_ok(!EqualSid(everyone, admins), "different SIDs are not equal");
    tap_ok(ConvertSidToStringSidW(admins, &text), "ConvertSidToStringSidW (Administrators)");
    tap_wstr(text, L"S-1-5-32-544", "Administrators is S-1-5-32-544");
    LocalFree(text);

    TOKEN_ELEVATION elevation;
    tap_ok(GetTokenInformation(token, TokenElevation, &elevation, sizeof elevation, &needed), "TokenElevation");
    tap_int(needed, sizeof elevation, "TokenElevation's size");
    BOOL is_admin = FALSE;
    CheckTokenMembership(NULL, admins, &is_admin);
    tap_int(!!elevation.TokenIsElevated, !!is_admin, "elevated exactly when an enabled administrator");
    FreeSid(admins);
    FreeSid(everyone);

    LUID luid;
    tap_ok(LookupPrivilegeValueW(NULL, L"SeChangeNotifyPrivilege", &luid), "LookupPrivilegeValueW");
    tap_int(luid.LowPart, 23, "SeChangeNotifyPrivilege is 23 (SE_CHANGE_NOTIFY_PRIVILEGE)");
    tap_ok(LookupPrivilegeValueA(NULL, "sebackupprivilege", &luid) && luid.LowPart == 17,
           "names are case-insensitive; SeBackupPrivilege is 17");
    tap_ok(!LookupPrivilegeValueW(NULL, L"SeNoSuchPrivilege", &luid), "an unknown privilege name fails");
    tap_int(GetLastError(), ERROR_NO_SUCH_PRIVILEGE, "... with ERROR_NO_SUCH_PRIVILEGE");

    TOKEN_PRIVILEGES tp = {1};
    LookupPrivilegeValueW(NULL, L"SeChangeNotifyPrivilege", &tp.Privileges[0].Luid);
    tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
    SetLastError(0xdead);
    tap_ok(AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL), "AdjustTokenPrivileges on a held privilege");
    tap_int(GetLastError(), ERROR_SUCCESS, "... sets ERROR_SUCCESS");
    LookupPrivilegeValueW(NULL, L"SeCreateTokenPrivilege", &tp.Privileges[0].Luid);
    tap_ok(AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL), "AdjustTokenPrivileges on one not held returns TRUE");
    tap_int(GetLastError(), ERROR_NOT_ALL_ASSIGNED, "... and reports ERROR_NOT_ALL_ASSIGNED");
    CloseHandle(token);

    HANDLE thread_token = (HANDLE)1;
    tap_ok(!OpenThreadToken(GetCurrentThread(), TOKEN_QUERY, TRUE, &thread_token), "OpenThreadToken without impersonation");
    tap_int(GetLastError(), ERROR_NO_TOKEN, "... fails with ERROR_NO_TOKEN");

    WCHAR name[256];
    DWORD size = 1;
    tap_ok(!GetUserNameW(name, &size), "GetUserNameW with a small buffer fails");
    tap_int(GetLastError(), ERROR_INSUFFICIENT_BUFFER, "... with ERROR_INSUFFICIENT_BUFFER");
    DWORD want = size;
    size = 256;
    tap_ok(GetUserNameW(name, &size), "GetUserNameW");
    tap_int(size, want, "the size counts the NUL, as asked for before");
    tap_int(size, (long long)wcslen(name) + 1, "the size is the name's length plus one");
    return tap_done();
}
