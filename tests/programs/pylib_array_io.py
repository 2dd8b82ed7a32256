# array, io (StringIO/BytesIO) and __future__, as pyperformance's raytrace, hexiom and
# generators use them.
from __future__ import annotations
import __future__
import array
import io

print(__future__.annotations, __future__.all_feature_names[-1])
print(__future__.division.getMandatoryRelease(), hex(__future__.CO_FUTURE_ANNOTATIONS))

# array: construction, repr, items, slices, operators
a = array.array('B', [0] * 6)
for i in range(2):
    a[i * 3 + 2] = 255
a[0] = max(0, min(255, int(1.7 * 100)))
print(a, len(a), sum(a), a.itemsize, a.typecode, a.tobytes())
print(array.array('d'), array.array('u', 'hé'), array.array('f', [0.1, 1e300, -0.0]))
print(array.array('d', [0.1, -2.5]).tobytes(), array.array('f', [0.1]).tobytes())
print(array.array('h', [-2, 3]).tobytes(), array.array('q', [-1]).tobytes())
b = array.array('i', [1, 2, 3])
b[1:2] = array.array('i', [7, 8, 9])
print(b, b[::2], b[-1], 8 in b, b.index(8), b.count(7))
del b[::2]
print(b, b + b, b * 2, 2 * b, b == array.array('i', [7, 9]), b < array.array('i', [8]))
b.extend([4, 5])
b.append(6)
b.insert(0, -1)
print(b, b.pop(), b.pop(0), b.tolist(), list(reversed(b)))
b.frombytes(b'\x01\x00\x00\x00')
b.reverse()
print(b, array.array('i', b'\x02\x00\x00\x00'), array.array('b', range(3)))
print(array.array('d', array.array('d', [1.5]).tobytes()), array.array('H', [1, 2]).tolist())
c = array.array('h', [1, 256])
c.byteswap()
print(c)
for tc, v in [('b', 300), ('b', 2 ** 20), ('B', -1), ('h', 2 ** 40), ('H', 2 ** 20), ('H', 2 ** 40),
              ('i', 2 ** 40), ('I', -1), ('I', 2 ** 40), ('L', 2 ** 70), ('q', 2 ** 70),
              ('Q', -1), ('i', 1.5), ('d', 'x'), ('u', 'ab')]:
    try:
        array.array(tc, [v])
    except (OverflowError, TypeError) as e:
        print(tc, type(e).__name__, e)
for bad in [lambda: array.array('z'), lambda: b[10], lambda: b.__setitem__(slice(0, 1), [1]),
            lambda: b + array.array('d'), lambda: b.remove(99), lambda: b.index(99),
            lambda: b.frombytes(b'123')]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)

# io.StringIO: print(file=...), reads, seeks, overwrite, iteration
s = io.StringIO()
print(" " * 2, end="", file=s)
for ch in "ab.":
    print("%s " % ch, end="", file=s)
print(end="\n", file=s)
s.write("second line\nthird")
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read(6)), repr(s.read()), repr(s.read()))
s.seek(2)
s.write("XY")
print(repr(s.getvalue()), s.tell(), s.seek(0, 2))
s.seek(0)
print([line for line in s])
s.truncate(3)
print(repr(s.getvalue()), s.closed)
with io.StringIO("a\r\nb\rc", newline=None) as t:
    print(t.readlines())
print(t.closed)
try:
    t.getvalue()
except ValueError as e:
    print(type(e).__name__, e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print(type(e).__name__, e)
bio = io.BytesIO(b"xyz")
bio.close()
try:
    bio.read()
except ValueError as e:
    print(type(e).__name__, e)
bio = io.BytesIO(b"xyz")
bio.seek(0, io.SEEK_END)
bio.write(b"\n12")
bio.seek(0)
print(bio.getvalue(), bio.readline(), bio.read(), issubclass(io.UnsupportedOperation, OSError))
# io re-exports the file layer's UnsupportedOperation and the builtin open
with open("pylib_array_io.py") as f:
    try:
        f.write("x")
    except io.UnsupportedOperation as e:
        print("caught", type(e).__name__, e)
print(io.open is open)

# An array initialised from an array of another typecode converts item by item.
from array import array
print(array('q', array('i', [1, 2])), array('d', array('b', [3])))
for a, b in (('q', array('u', 'ab')), ('u', array('i', [1])), ('b', array('i', [300]))):
    try:
        print(array(a, b))
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
