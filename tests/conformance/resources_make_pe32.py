# Rewrites a PE32+ DLL as a 32-bit (PE32, i386) file with the same sections and
# resources: a fixture for reading the resources and version information of
# 32-bit files as data (mingw-w64's i686 compiler is not needed). Its code is
# not runnable. Usage: resources_make_pe32.py IN.dll OUT.dll
import struct
import sys

data = bytearray(open(sys.argv[1], "rb").read())
nt = struct.unpack_from("<I", data, 0x3C)[0]
fh = nt + 4
opt = fh + 20
sections, opt_size = struct.unpack_from("<H", data, fh + 2)[0], struct.unpack_from("<H", data, fh + 16)[0]
assert struct.unpack_from("<H", data, opt)[0] == 0x20B and opt_size == 240
old = bytes(data[opt:opt + 240])
table = bytes(data[opt + 240:opt + 240 + sections * 40])

new = bytearray(old[0:24])
struct.pack_into("<H", new, 0, 0x10B)
new += struct.pack("<II", 0, 0x10000000)           # BaseOfData, ImageBase
new += old[32:72]                                   # alignments .. DllCharacteristics
for off in (72, 80, 88, 96):                        # stack and heap sizes become 32-bit
    new += struct.pack("<I", struct.unpack_from("<Q", old, off)[0] & 0xFFFFFFFF)
new += old[104:112]                                 # LoaderFlags, NumberOfRvaAndSizes
new += old[112:240]                                 # the 16 data directories
assert len(new) == 224

struct.pack_into("<H", data, fh, 0x14C)             # IMAGE_FILE_MACHINE_I386
struct.pack_into("<H", data, fh + 16, 224)
struct.pack_into("<H", data, fh + 18, struct.unpack_from("<H", data, fh + 18)[0] | 0x100)  # 32BIT_MACHINE
data[opt:opt + 224] = new
data[opt + 224:opt + 224 + sections * 40] = table
data[opt + 224 + sections * 40:opt + 240 + sections * 40] = bytes(16)
open(sys.argv[2], "wb").write(data)
