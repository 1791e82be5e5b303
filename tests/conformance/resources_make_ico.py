# Writes a tiny icon file (one 16x16 32-bit BMP entry with its AND mask) for
# resources.rc, so no binary fixture is checked in. Usage: resources_make_ico.py OUT.ico
import struct,sys
w=h=16
hdr=struct.pack('<IiiHHIIiiII',40,w,2*h,1,32,0,0,0,0,0,0)
xor=b''.join(struct.pack('<BBBB',x*16,y*16,128,255) for y in range(h) for x in range(w))
andm=b'\0'*(4*h)
img=hdr+xor+andm
out=struct.pack('<HHH',0,1,1)+struct.pack('<BBBBHHII',w,h,0,0,1,32,len(img),22)+img
open(sys.argv[1],'wb').write(out)
