/* The process code pages and user locale, as the machine is set up: the
 * expected ANSI page, OEM page and locale name come as arguments (the tests
 * start this program under several Linux locales), and CP_ACP conversions
 * follow the ANSI page. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        printf("usage: nls_acp ACP OEMCP LOCALE\n");
        return 2;
    }
    UINT acp = (UINT)atoi(argv[1]), oemcp = (UINT)atoi(argv[2]);
    tap_int(GetACP(), acp, "GetACP");
    tap_int(GetOEMCP(), oemcp, "GetOEMCP");
    WCHAR name[LOCALE_NAME_MAX_LENGTH];
    char narrow[LOCALE_NAME_MAX_LENGTH];
    GetUserDefaultLocaleName(name, LOCALE_NAME_MAX_LENGTH);
    WideCharToMultiByte(CP_UTF8, 0, name, -1, narrow, sizeof narrow, NULL, NULL);
    tap_str(narrow, argv[3], "GetUserDefaultLocaleName");
    CPINFO info;
    tap_ok(GetCPInfo(CP_ACP, &info) && GetCPInfo(acp, &info), "GetCPInfo(CP_ACP)");
    /* A character of the page survives CP_ACP both ways. */
    WCHAR w[4];
    char back[4];
    const char *sample = acp == 932 ? "\x82\xa0" : acp == 1251 ? "\xc0" : "\xe9";
    int n = MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, sample, -1, w, 4);
    int k = WideCharToMultiByte(CP_ACP, WC_NO_BEST_FIT_CHARS, w, -1, back, 4, NULL, NULL);
    tap_ok(n >= 2 && k == (int)strlen(sample) + 1 && strcmp(back, sample) == 0, "CP_ACP round trip");
    tap_ok(IsDBCSLeadByte(0x82) == (acp == 932), "IsDBCSLeadByte follows the ANSI page");
    return tap_done();
}
