/* user32's character helpers: CharUpper/CharLower on strings, buffers and single
 * characters passed in the pointer, and CharNext/CharPrev (one UTF-16 unit at a time). */
#include <windows.h>

#include "tap.h"

int main(void)
{
    WCHAR s[] = L"Hello \x00e9t\x00e9 \x0434\x043e\x043c";
    tap_ok(CharUpperW(s) == s, "CharUpperW returns its argument");
    tap_wstr(s, L"HELLO \x00c9T\x00c9 \x0414\x041e\x041c", "CharUpperW maps Latin-1 and Cyrillic");
    CharLowerW(s);
    tap_wstr(s, L"hello \x00e9t\x00e9 \x0434\x043e\x043c", "CharLowerW maps them back");

    WCHAR buf[] = L"abcdef";
    tap_int(CharUpperBuffW(buf, 3), 3, "CharUpperBuffW returns the count");
    tap_wstr(buf, L"ABCdef", "only the first three characters change");
    tap_int(CharLowerBuffW(buf, 6), 6, "CharLowerBuffW returns the count");
    tap_wstr(buf, L"abcdef", "all six lower case");

    tap_int((ULONG_PTR)CharUpperW((LPWSTR)(ULONG_PTR)L'q'), L'Q', "a single character in the pointer's low word");
    tap_int((ULONG_PTR)CharLowerA((LPSTR)(ULONG_PTR)'Z'), 'z', "a single ANSI character");

    char a[] = "MiXeD 123";
    CharUpperA(a);
    tap_str(a, "MIXED 123", "CharUpperA");

    const WCHAR word[] = L"abc";
    tap_ok(CharNextW(word) == word + 1, "CharNextW steps one character");
    tap_ok(CharPrevW(word, word + 2) == word + 1, "CharPrevW steps back one");
    tap_ok(CharPrevW(word, word) == word, "CharPrevW stops at the start");
    tap_ok(CharNextW(word + 3) == word + 3, "CharNextW stays on the terminator");

    const char *text = "xyz";
    tap_ok(CharNextA(text) == text + 1, "CharNextA");
    tap_ok(CharPrevExA(CP_ACP, text, text + 2, 0) == text + 1, "CharPrevExA");
    tap_ok(CharNextExA(CP_ACP, text + 3, 0) == text + 3, "CharNextExA stays on the terminator");
    return tap_done();
}
