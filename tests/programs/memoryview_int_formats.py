# memoryview casts to native integer formats (re._compiler reads its BIGCHARSET words through
# memoryview(b).cast('I')), and int() of bytes with a base.
data = bytes(range(16))
m = memoryview(data).cast('I')
print(m.format, m.itemsize, len(m), m.nbytes, m.shape, m.strides, m.ndim)
print(m.tolist(), m[0], m[-1], list(m))
for fmt in 'bBhHiIlLqQnN':
    v = memoryview(b'\xff' * 8 + b'\x01' * 8).cast(fmt)
    print(fmt, v.itemsize, len(v), v.tolist()[:3], v[1])
print(memoryview(bytearray(b'\x01\x00\x02\x00')).cast('H').tolist())
back = m.cast('B')
print(back.format, len(back), back[:3].tolist())
print(memoryview(m).format, memoryview(m).tolist()[:2], m[1:3].tolist(), m[1:3].format, len(m[3:1]))
for bad in (lambda: memoryview(b'abc').cast('I'), lambda: m.cast('x')):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(int(b'1011', 2), int(b'ff', 16), int(bytearray(b'  17 '), 8), int(b'0x1f', 0))
for bad in (b'12a', b'\xff', b''):
    try:
        int(bad, 10)
    except ValueError as e:
        print('ValueError', e)
