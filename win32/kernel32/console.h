// Console state shared by consoleapi.cpp and fileapi.cpp: code pages and the
// tty read/write paths (a Windows console handle is a tty fd here).
#pragma once
#include "base/wintypes.h"
#include "ntdll/file.h"

namespace sill::kernel32 {

win::UINT console_input_cp();
win::UINT console_output_cp();

// Writes bytes in the console output code page to a tty (converted to UTF-8).
win::NTSTATUS console_write_bytes(nt::File& f, const char* data, std::size_t len, std::size_t* done);
// Reads console input as bytes in the console input code page, with "\r\n" line ends.
win::NTSTATUS console_read_bytes(nt::File& f, char* buf, std::size_t len, std::size_t* done);

// SIGINT/SIGTERM/SIGHUP become console control events (consoleapi_ctrl.cpp).
void install_console_control_signals();

}  // namespace sill::kernel32
