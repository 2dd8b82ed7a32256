# A NUL anywhere in a struct format is refused with CPython's message.
import struct
for s in '\0', '2\0i', b'\0', 'i\0', b'<h\0':
    try:
        struct.calcsize(s)
    except struct.error as e:
        print(repr(s), e)
print(struct.calcsize('<hi'))
