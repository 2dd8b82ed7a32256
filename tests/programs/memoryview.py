mv = memoryview(b"abcdef")
print(mv[1], bytes(mv[1:4]), mv.tobytes(), len(mv), mv[-1])
print(mv[::2].tobytes(), mv[::-1].tobytes(), mv[::-2].tolist(), mv[4:1:-1].tobytes())
print(list(mv[:3]), mv.readonly, mv.nbytes, mv.format, mv.itemsize, mv.ndim, mv.shape, mv.strides)
print(mv == b"abcdef", mv[:2] == b"ab", mv != b"x", mv.hex(), mv.hex(":"))
ba = bytearray(b"hello")
m = memoryview(ba)
m[0] = 74
m[1:3] = b"EL"
print(ba, m.readonly, m.obj is ba, bytes(m[::2]))
try:
    memoryview(b"x")[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    m[0:2] = b"abc"
except ValueError as e:
    print("ValueError", e)
try:
    m[10]
except IndexError as e:
    print("IndexError", e)
try:
    m["a"]
except TypeError as e:
    print("TypeError", e)
with memoryview(b"abc") as r:
    print(r.tobytes())
try:
    r.tobytes()
except ValueError as e:
    print("ValueError", e)
print(repr(r).startswith("<released memory at 0x"), repr(mv).startswith("<memory at 0x"))
print(hash(memoryview(b"ab")) == hash(b"ab"), b"-".join([memoryview(b"a"), b"b"]), b"xyz".startswith(memoryview(b"xy")))
try:
    hash(m)
except ValueError as e:
    print("ValueError", e)
try:
    memoryview(5)
except TypeError as e:
    print("TypeError", e)
try:
    memoryview("abc")
except TypeError as e:
    print("TypeError", e)
print(bytearray(memoryview(b"zz")), memoryview(memoryview(b"qq")).tobytes(), bool(memoryview(b"")), type(mv).__name__)
print(b"ab" == mv[:2], bytearray(b"a") < mv, b"ab" != mv)
try:
    b"a" < mv
except TypeError as e:
    print("TypeError", e)
