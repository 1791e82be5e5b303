#!/usr/bin/env python3
"""`sill icon` on a PE built with windres from .ico files generated at build time
(icon_make_ico.py): the hicolor layout, sizes and sampled pixels of every PNG, group selection
by index and by ID, a .ico file as input, and clear errors (never a crash) for files without
icons, malformed and corrupted files.

Usage: icon_test.py SILL BUILD_DIR CASE
"""
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import icon_make_ico as gen  # noqa: E402  (the pixels the icons were made of)

SILL, BUILD, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
APP = os.path.join(BUILD, "icon_app.exe")
HELLO = os.path.join(BUILD, "hello_cli.exe")
SIZES = [16, 22, 24, 32, 48, 64, 128, 256]
WORK = tempfile.TemporaryDirectory(prefix="sill-icon-")  # removed when the test ends


def new_dir():
    return tempfile.mkdtemp(dir=WORK.name)


class Failure(Exception):
    """A check that did not hold; the case stops and reports it."""


def check(cond, message, out="", err=""):
    if not cond:
        shown = f"\n--- stdout ---\n{out}\n--- stderr ---\n{err}" if out or err else ""
        raise Failure(message + shown)


def run(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("SILLDEBUG", "WINEDEBUG")}
    p = subprocess.run([SILL, *args], capture_output=True, env=env, timeout=25)
    out, err = p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")
    check(p.returncode >= 0, f"sill {' '.join(args)} was killed by signal {-p.returncode}", out, err)
    return p.returncode, out, err


def expect_error(args, status, pattern):
    code, out, err = run(*args)
    check(code == status, f"expected exit status {status}, got {code}", out, err)
    check(err.startswith("sill: "), "the error must be a 'sill: ...' sentence on stderr", out, err)
    check(re.search(pattern, err, re.I), f"stderr should match /{pattern}/", out, err)


def read_png(path):
    """(width, height, rows of (r, g, b, a)) of an 8-bit RGBA or RGB PNG, with zlib and struct only."""
    data = open(path, "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        body = data[pos + 8:pos + 8 + length]
        check(zlib.crc32(kind + body) == struct.unpack_from(">I", data, pos + 8 + length)[0], f"bad CRC in {path}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    check(depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header} in {path}")
    channels = 4 if colour == 6 else 3
    raw, stride = zlib.decompress(idat), width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:(x + 1) * channels]) + ((255,) if channels == 3 else ())
                     for x in range(width)])
        prev = line
    return width, height, rows


def near(actual, expected, tolerance=1):
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected))


def extract(*extra, source=APP):
    out_dir = new_dir()
    code, out, err = run("icon", source, out_dir, *extra)
    check(code == 0, f"sill icon failed with {code}", out, err)
    return out_dir, out, err


def case_layout():
    out_dir, out, err = extract()
    written = out.split()
    check(len(written) == len(SIZES), "one path printed per size", out, err)
    for size in SIZES:
        path = os.path.join(out_dir, f"{size}x{size}", "apps", "icon_app.png")
        check(path in written, f"{path} is printed", out, err)
        width, height, _ = read_png(path)
        check((width, height) == (size, size), f"{path} is {width}x{height}")
    check(sorted(os.listdir(out_dir)) == sorted(f"{s}x{s}" for s in SIZES), "nothing else is written")


def check_pixels(rows, samples, size):
    for (x, y), expected in samples:
        check(near(rows[y][x], expected), f"{size}x{size} pixel ({x}, {y}) is {rows[y][x]}, expected {expected}")


def case_pixels():
    out_dir, _, _ = extract()
    def rows(size):
        return read_png(os.path.join(out_dir, f"{size}x{size}", "apps", "icon_app.png"))[2]
    # Exact sizes are the images themselves, pixel for pixel.
    for size, pixel in ((16, gen.pixel16), (32, gen.pixel32), (48, gen.pixel48), (256, gen.pixel256)):
        r = rows(size)
        for y in range(size):
            for x in range(size):
                check(r[y][x] == pixel(x, y), f"{size}x{size} pixel ({x}, {y}) is {r[y][x]}, expected {pixel(x, y)}")
    # 128 and 64 shrink the 256 PNG (the nearest larger image): quadrants keep their colours.
    white_half = (255, 255, 255, 128)
    check_pixels(rows(128), [((10, 10), (255, 0, 0, 255)), ((63, 63), (255, 0, 0, 255)), ((64, 10), (0, 255, 0, 255)),
                             ((10, 100), (0, 0, 255, 255)), ((64, 64), white_half), ((127, 127), white_half)], 128)
    check_pixels(rows(64), [((20, 20), (255, 0, 0, 255)), ((40, 10), (0, 255, 0, 255)), ((10, 40), (0, 0, 255, 255)),
                            ((40, 40), white_half)], 64)
    # 24 and 22 shrink the 32x32 8-bit image: its masked right columns stay transparent, and the
    # top-left pixel averages palette entries 0 and 8 (3/4 and 1/4 of it).
    for size in (24, 22):
        r = rows(size)
        check(all(r[y][size - 1][3] == 0 for y in range(size)), f"{size}x{size}: the masked edge is transparent")
    check_pixels(rows(24), [((0, 0), (2, 253, 128, 255))], 24)


def case_index():
    for extra in ((), ("--index", "0"), ("--index=-1",)):
        out_dir, out, err = extract(*extra)
        _, _, rows = read_png(os.path.join(out_dir, "16x16", "apps", "icon_app.png"))
        check(rows[0][0] == (0, 0, 0, 0) and rows[8][8] == gen.pixel16(8, 8) , f"{extra}: the first group", out, err)
    for extra in (("--index", "1"), ("--index", "-7")):
        out_dir, out, err = extract(*extra, "--name", "second")
        for size in (16, 48):
            _, _, rows = read_png(os.path.join(out_dir, f"{size}x{size}", "apps", "second.png"))
            check(rows[5][5] == gen.SECOND_COLOUR + (255,), f"{extra}: the second group at {size}", out, err)
    expect_error(["icon", APP, new_dir(), "--index", "2"], 1, r"index 2 is out of range.*2 icon group")
    expect_error(["icon", APP, new_dir(), "--index", "-2"], 1, r"no icon group with ID 2")
    expect_error(["icon", APP, new_dir(), "--index", "x"], 2, r"--index takes an integer")


def case_ico_file():
    source = os.path.join(new_dir(), "Main.ICO")
    with open(source, "wb") as f:
        f.write(gen.main_ico())
    out_dir, out, err = extract(source=source)
    _, _, rows = read_png(os.path.join(out_dir, "48x48", "apps", "main.png"))
    check(rows[3][30] == gen.pixel48(30, 3), "the .ico's 48x48 image", out, err)


def case_errors():
    out_dir = new_dir()
    expect_error(["icon", HELLO, out_dir], 1, r"no icon")
    expect_error(["icon", os.path.join(out_dir, "absent.exe"), out_dir], 1, r"cannot read .*absent\.exe: No such file")
    truncated = os.path.join(out_dir, "truncated.exe")
    with open(truncated, "wb") as f:
        f.write(open(APP, "rb").read()[:300])
    expect_error(["icon", truncated, out_dir], 1, r"no icon from .*truncated\.exe: ")
    garbage = os.path.join(out_dir, "garbage.exe")
    with open(garbage, "wb") as f:
        f.write(b"not a program at all" * 10)
    expect_error(["icon", garbage, out_dir], 1, r"no icon from .*garbage\.exe")
    expect_error(["icon", out_dir, out_dir], 1, r"Is a directory")
    expect_error(["icon", APP], 2, r"takes a program and an output folder")
    expect_error(["icon", APP, out_dir, "--name", "a/b"], 2, r"cannot be an icon's file name")
    expect_error(["icon", APP, out_dir, "--colour"], 2, r"unknown option")
    check(not os.path.exists(os.path.join(out_dir, "16x16")), "nothing is written on an error")


def rsrc_range(data):
    """(offset, size) of the .rsrc section's raw data in a PE file."""
    nt = struct.unpack_from("<I", data, 0x3C)[0]
    count, optional_size = struct.unpack_from("<H", data, nt + 6)[0], struct.unpack_from("<H", data, nt + 20)[0]
    table = nt + 24 + optional_size
    for i in range(count):
        name, _, _, raw_size, raw_offset = struct.unpack_from("<8sIIII", data, table + 40 * i)
        if name.rstrip(b"\0") == b".rsrc":
            return raw_offset, raw_size
    raise Failure("icon_app.exe has no .rsrc section")


def case_corrupted():
    original = open(APP, "rb").read()
    start, size = rsrc_range(original)
    rng = random.Random(20261123)
    work = new_dir()
    outcomes = {0: 0, 1: 0}
    for round in range(60):
        data = bytearray(original)
        # The first 0x200 bytes of the section hold the directories and data entries; hit them
        # more often than the images.
        for _ in range(rng.randint(1, 6)):
            at = start + (rng.randrange(min(size, 0x200)) if rng.random() < 0.6 else rng.randrange(size))
            data[at] = rng.randrange(256)
        if round % 10 == 9:
            data = data[:rng.randrange(start, start + size)]
        path = os.path.join(work, "mutant.exe")
        with open(path, "wb") as f:
            f.write(data)
        code, out, err = run("icon", path, os.path.join(work, "out"))
        check(code in outcomes, f"round {round}: exit status {code}", out, err)
        check(code == 0 or err.startswith("sill: "), f"round {round}: an error says why", out, err)
        outcomes[code] += 1
    check(outcomes[0] > 0 and outcomes[1] > 0, f"both outcomes occur: {outcomes}")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
try:
    if CASE not in CASES:
        raise Failure(f"unknown case {CASE}")
    CASES[CASE]()
except Failure as failure:
    print(f"FAIL [{CASE}]: {failure}")
    sys.exit(1)
print(f"ok [{CASE}]")
