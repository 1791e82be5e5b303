// Text-mode translation of low-level I/O, kept free of I/O so it can be tested alone:
// writing turns "\n" into "\r\n"; reading turns "\r\n" into "\n" and stops at Ctrl-Z.
#pragma once
#include <cstddef>

namespace sill::msvcrt::text_mode {

// Encodes src[*used..n) into dst (capacity cap >= 2); returns bytes stored and advances
// *used past the source bytes consumed. A "\n" is never split from its "\r".
inline std::size_t encode(const char* src, std::size_t n, std::size_t* used, char* dst, std::size_t cap) {
  std::size_t out = 0;
  std::size_t i = *used;
  while (i < n && out + 2 <= cap) {
    if (src[i] == '\n') dst[out++] = '\r';
    dst[out++] = src[i++];
  }
  *used = i;
  return out;
}

struct Decoded {
  std::size_t length = 0;       // bytes of text left at the start of the buffer
  bool ctrl_z = false;          // a Ctrl-Z ended the text
  std::size_t rest = 0;         // with ctrl_z: raw bytes from the Ctrl-Z on (not consumed)
  bool trailing_cr = false;     // the buffer ended in "\r": the caller decides with the next byte
};

// Decodes buf[0..n) in place. A final "\r" is left out of length and reported, since only
// the next byte tells whether it starts a "\r\n".
inline Decoded decode(char* buf, std::size_t n) {
  Decoded d;
  std::size_t out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = buf[i];
    if (c == 0x1A) {
      d.ctrl_z = true;
      d.rest = n - i;
      break;
    }
    if (c == '\r') {
      if (i + 1 == n) {
        d.trailing_cr = true;
        break;
      }
      if (buf[i + 1] == '\n') {
        buf[out++] = '\n';
        ++i;
        continue;
      }
    }
    buf[out++] = c;
  }
  d.length = out;
  return d;
}

}  // namespace sill::msvcrt::text_mode
