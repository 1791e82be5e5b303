// Declarations of Sill's user32 exports (Windows signatures). So far the
// character helpers of winuser.h; the window manager will join them.
#pragma once
#include "base/wintypes.h"

namespace sill::user32 {

using namespace sill::win;

// char_case.cpp
LPWSTR WINAPI CharUpperW(LPWSTR s) noexcept;
LPWSTR WINAPI CharLowerW(LPWSTR s) noexcept;
LPSTR WINAPI CharUpperA(LPSTR s) noexcept;
LPSTR WINAPI CharLowerA(LPSTR s) noexcept;
DWORD WINAPI CharUpperBuffW(LPWSTR s, DWORD length) noexcept;
DWORD WINAPI CharLowerBuffW(LPWSTR s, DWORD length) noexcept;
DWORD WINAPI CharUpperBuffA(LPSTR s, DWORD length) noexcept;
DWORD WINAPI CharLowerBuffA(LPSTR s, DWORD length) noexcept;

// char_step.cpp
LPWSTR WINAPI CharNextW(LPCWSTR s) noexcept;
LPWSTR WINAPI CharPrevW(LPCWSTR start, LPCWSTR s) noexcept;
LPSTR WINAPI CharNextA(LPCSTR s) noexcept;
LPSTR WINAPI CharPrevA(LPCSTR start, LPCSTR s) noexcept;
LPSTR WINAPI CharNextExA(WORD code_page, LPCSTR s, DWORD flags) noexcept;
LPSTR WINAPI CharPrevExA(WORD code_page, LPCSTR start, LPCSTR s, DWORD flags) noexcept;

// load_string.cpp
int WINAPI LoadStringW(HINSTANCE module, UINT id, LPWSTR buffer, int max) noexcept;
int WINAPI LoadStringA(HINSTANCE module, UINT id, LPSTR buffer, int max) noexcept;

}  // namespace sill::user32
