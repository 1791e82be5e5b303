#!/usr/bin/env python3
"""Writes the .ico files the icon integration test builds into a PE (icon_app.rc), at build time.

main.ico holds four images with known pixels: 16x16 at 4 bits (palette, AND mask), 32x32 at 8 bits
(palette, AND mask), 48x48 at 32 bits with alpha, and a 256x256 PNG. second.ico is a 16x16 24-bit
image of one colour. icon_test.py imports the pixel functions below to know what to expect.

Usage: icon_make_ico.py OUT_DIR
"""
import os
import struct
import sys
import zlib


# Each pixel function returns (r, g, b, a) for (x, y), top row first; a is 0 or 255 for the
# palette images (the AND mask).
def palette16(i):
    return (i * 16, 255 - i * 16, (i * 40) % 256)


def pixel16(x, y):
    if x < 2 and y < 2:
        return (0, 0, 0, 0)
    return palette16(x // 4 + 4 * (y // 4)) + (255,)


def palette256(i):
    return (i, 255 - i, 128)


def pixel32(x, y):
    if x >= 28:
        return (0, 0, 0, 0)
    return palette256(y * 8 + x // 4) + (255,)


def pixel48(x, y):
    alpha = 255 if x < 24 else 128
    if y >= 44:
        alpha = 0
    return (x * 5, y * 5, 77, alpha) if alpha else (0, 0, 0, 0)


def pixel256(x, y):
    if x < 128 and y < 128:
        return (255, 0, 0, 255)
    if x >= 128 and y < 128:
        return (0, 255, 0, 255)
    if x < 128:
        return (0, 0, 255, 255)
    return (255, 255, 255, 128)


SECOND_COLOUR = (10, 200, 30)


def row_bytes(values, bits):
    """Packs one row, most significant bits first, padded to 4 bytes."""
    out = bytearray()
    if bits >= 8:
        for v in values:
            out += v.to_bytes(bits // 8, "little")
    else:
        acc, n = 0, 0
        for v in values:
            acc = (acc << bits) | v
            n += bits
            if n == 8:
                out.append(acc)
                acc, n = 0, 0
        if n:
            out.append(acc << (8 - n))
    while len(out) % 4:
        out.append(0)
    return bytes(out)


def dib(size, bits, palette, value, transparent):
    """A DIB icon image: header, palette, colour rows and AND mask, both bottom-up."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, bits, 0, 0, 0, 0, len(palette), 0)
    pal = b"".join(struct.pack("<BBBB", b, g, r, 0) for (r, g, b) in palette)
    rows = b"".join(row_bytes([value(x, y) for x in range(size)], bits) for y in reversed(range(size)))
    mask = b"".join(row_bytes([1 if transparent(x, y) else 0 for x in range(size)], 1)
                    for y in reversed(range(size)))
    return header + pal + rows + mask


def png(size, pixel):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + bytes(c for x in range(size) for c in pixel(x, y)) for y in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(images):
    """images: (size, bits, bytes). A .ico file: ICONDIR, ICONDIRENTRYs, then the images."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, bits, data in images:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, bits, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _, _, data in images)


def main_ico():
    p16 = [palette16(i) for i in range(16)]
    p256 = [palette256(i) for i in range(256)]
    def bgra48(x, y):
        r, g, b, a = pixel48(x, y)
        return b | g << 8 | r << 16 | a << 24
    return ico([
        (16, 4, dib(16, 4, p16, lambda x, y: x // 4 + 4 * (y // 4), lambda x, y: pixel16(x, y)[3] == 0)),
        (32, 8, dib(32, 8, p256, lambda x, y: (y * 8 + x // 4) % 256, lambda x, y: pixel32(x, y)[3] == 0)),
        (48, 32, dib(48, 32, [], bgra48, lambda x, y: False)),
        (256, 32, png(256, pixel256)),
    ])


def second_ico():
    r, g, b = SECOND_COLOUR
    return ico([(16, 24, dib(16, 24, [], lambda x, y: b | g << 8 | r << 16, lambda x, y: False))])


if __name__ == "__main__":
    out_dir = sys.argv[1]
    for name, data in (("main.ico", main_ico()), ("second.ico", second_ico())):
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
