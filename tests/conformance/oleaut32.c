/* oleaut32's BSTRs and VARIANTs: the length prefix and terminator, embedded NULs,
 * reallocation, VariantClear/VariantCopy ownership, and VariantChangeType between
 * numbers, booleans and text (rounding half to even, overflow, text that is no number). */
#define COBJMACROS
#include <windows.h>
#include <oleauto.h>

#include "tap.h"

static void bstrs(void)
{
    BSTR b = SysAllocString(L"hello");
    tap_int(SysStringLen(b), 5, "SysStringLen counts characters");
    tap_int(SysStringByteLen(b), 10, "SysStringByteLen counts bytes");
    tap_int(((DWORD *)b)[-1], 10, "the prefix before the string holds the byte count");
    tap_int(b[5], 0, "the string is NUL-terminated");
    tap_ok(((ULONG_PTR)b & 7) == 0, "the string is 8-byte aligned");

    BSTR nul = SysAllocStringLen(L"a\0b", 3);
    tap_int(SysStringLen(nul), 3, "an embedded NUL is part of the length");
    tap_int(nul[2], 'b', "characters after an embedded NUL are kept");

    tap_ok(SysReAllocString(&b, L"longer text"), "SysReAllocString succeeds");
    tap_int(SysStringLen(b), 11, "reallocated length");
    tap_ok(SysReAllocStringLen(&b, b, 4), "SysReAllocStringLen from the string itself");
    tap_ok(memcmp(b, L"long", 8) == 0 && b[4] == 0, "the shortened string is copied and terminated");

    BSTR bytes = SysAllocStringByteLen("abc", 3);
    tap_int(SysStringByteLen(bytes), 3, "SysAllocStringByteLen keeps an odd byte count");
    tap_ok(memcmp(bytes, "abc", 4) == 0, "its bytes are copied and a NUL follows");

    BSTR blank = SysAllocStringLen(NULL, 4);
    tap_int(SysStringLen(blank), 4, "SysAllocStringLen(NULL, n) allocates n characters");

    tap_int(SysStringLen(NULL), 0, "a null BSTR has length 0");
    SysFreeString(NULL);
    SysFreeString(b);
    SysFreeString(nul);
    SysFreeString(bytes);
    SysFreeString(blank);
}

static void variants(void)
{
    VARIANT a, b;
    VariantInit(&a);
    VariantInit(&b);
    tap_int(V_VT(&a), VT_EMPTY, "VariantInit makes VT_EMPTY");

    V_VT(&a) = VT_BSTR;
    V_BSTR(&a) = SysAllocString(L"copied");
    tap_int(VariantCopy(&b, &a), S_OK, "VariantCopy of a BSTR");
    tap_ok(V_BSTR(&b) != V_BSTR(&a) && wcscmp(V_BSTR(&b), L"copied") == 0, "the copy has its own string");
    tap_int(VariantClear(&a), S_OK, "VariantClear of a BSTR");
    tap_int(V_VT(&a), VT_EMPTY, "a cleared variant is VT_EMPTY");
    VariantClear(&b);

    V_VT(&a) = VT_R8;
    V_R8(&a) = 2.5;
    tap_int(VariantChangeType(&b, &a, 0, VT_I4), S_OK, "double to VT_I4");
    tap_int(V_I4(&b), 2, "2.5 rounds to the even 2");
    V_R8(&a) = 3.5;
    VariantChangeType(&b, &a, 0, VT_I4);
    tap_int(V_I4(&b), 4, "3.5 rounds to the even 4");

    V_VT(&a) = VT_I4;
    V_I4(&a) = 300;
    tap_int(VariantChangeType(&b, &a, 0, VT_UI1), DISP_E_OVERFLOW, "300 does not fit VT_UI1");
    V_I4(&a) = -5;
    tap_int(VariantChangeType(&b, &a, 0, VT_UI1), DISP_E_OVERFLOW, "-5 does not fit VT_UI1");

    V_I4(&a) = 12345;
    tap_int(VariantChangeType(&b, &a, 0, VT_BSTR), S_OK, "VT_I4 to text");
    tap_ok(V_VT(&b) == VT_BSTR && wcscmp(V_BSTR(&b), L"12345") == 0, "12345 as text");
    VariantClear(&b);

    V_VT(&a) = VT_BSTR;
    V_BSTR(&a) = SysAllocString(L"42");
    tap_int(VariantChangeType(&b, &a, 0, VT_I2), S_OK, "text to VT_I2");
    tap_int(V_I2(&b), 42, "\"42\" as a number");
    tap_int(VariantChangeType(&b, &a, 0, VT_BOOL), S_OK, "text to VT_BOOL");
    tap_int(V_BOOL(&b), VARIANT_TRUE, "a non-zero number is VARIANT_TRUE");
    SysFreeString(V_BSTR(&a));
    V_BSTR(&a) = SysAllocString(L"forty-two");
    tap_int(VariantChangeType(&b, &a, 0, VT_I4), DISP_E_TYPEMISMATCH, "text that is no number");
    VariantClear(&a);

    V_VT(&a) = VT_BOOL;
    V_BOOL(&a) = VARIANT_TRUE;
    tap_int(VariantChangeType(&b, &a, 0, VT_I4), S_OK, "VT_BOOL to VT_I4");
    tap_int(V_I4(&b), -1, "VARIANT_TRUE is -1");

    V_VT(&a) = VT_I4;
    V_I4(&a) = 7;
    tap_int(VariantChangeType(&a, &a, 0, VT_R8), S_OK, "conversion in place");
    tap_ok(V_VT(&a) == VT_R8 && V_R8(&a) == 7.0, "the variant now holds 7.0");
}

int main(void)
{
    bstrs();
    variants();
    return tap_done();
}
