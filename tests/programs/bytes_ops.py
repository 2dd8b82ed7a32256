# bytes and bytearray: construction, operators, indexing, slicing, iteration, hashing
b = b"hello\x00\xffworld"
print(b, len(b), b[0], b[-1], b[1:5], b[::3], b[::-1], b[100:])
print(list(b"abc"), bytes([65, 66, 67]), bytes(3), bytes(range(5)), bytes(), bytes(b"xy"))
print(bytes("héllo", "utf-8"), bytes("abc", "ascii"), bytes("é", encoding="latin-1"))
print(b"abc" + b"def", b"ab" * 3, 3 * b"ab", b"ab" * -1, b"b" in b"abc", 98 in b"abc", b"" in b"x")
print(b"abc" < b"abd", b"abc" == bytearray(b"abc"), b"" < b"\x00", b"a" != "a", b"ab" >= b"a")
print(repr(b"'"), repr(b'"'), repr(b"'\""), b"\x7f\x80\t\n\r\\", bytes(range(30, 40)))
print(hash(b"abc") == hash(b"abc"), hash(b"abc") == hash("abc"), {b"k": 1}[b"k"], len({b"a", b"a", b"b"}))
for x in b"hi":
    print(x, end=" ")
print(sorted(b"dcba"), max(b"az"), min(b"az"), sum(b"\x01\x02\x03"), list(reversed(b"abc")))
print(bool(b""), bool(b"\x00"), b"abc"[True], b"%s" % b"x")
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba.extend([103, 104])
ba[0] = 65
ba[1:3] = b"XYZ"
print(ba, len(ba))
ba.insert(0, 33)
ba.insert(-1, 34)
ba.insert(100, 35)
print(ba.pop(), ba.pop(0), ba)
ba.remove(ord("X"))
print(ba)
del ba[0]
del ba[-2:]
print(ba, ba.index(b"Z"), ba.find(b"q"))
ba.reverse()
print(ba, bytes(ba), ba.decode(), ba.copy(), ba.copy() is ba)
ba2 = bytearray(5)
ba2[::2] = b"\x01\x02\x03"
print(ba2)
del ba2[::2]
print(ba2)
ba3 = bytearray(b"xyz") * 2
ba3 += b"!"
ba3 += bytearray(b"?")
ba3 *= 2
print(ba3, ba3.upper(), type(ba3.upper()).__name__, type(b"a".upper()).__name__)
ba4 = bytearray(b"0123456789")
ba4[2:5] = []
ba4[0:0] = range(65, 68)
ba4[-1:] = bytearray(b"ZZ")
print(ba4, ba4[3], ba4[-1], ba4[1:4])
ba4.clear()
print(ba4, len(ba4))
print(bytearray(b"q") + b"r", b"r" + bytearray(b"q"), bytearray([1, 2]) == b"\x01\x02")
print(bytearray(b"abc").__len__(), bytes.__len__(b"ab"), bytearray(range(3)))
print(bytearray.fromhex("61 62"), bytes.fromhex("de ad be ef"), b"abc".fromhex("41"))


class B(bytes):
    pass


class BA(bytearray):
    pass


class BA2(bytearray):
    def __init__(self, n):
        super().__init__(b"x" * n)


x = B(b"sub")
print(x, type(x).__name__, len(x), x.upper(), type(x.upper()).__name__, isinstance(x, bytes))
y = BA(b"arr")
y.append(33)
print(y, type(y).__name__, BA2(3), type(BA2(2)).__name__)
print(B.fromhex("4142"), type(B.fromhex("4142")).__name__)


class WithBytes:
    def __bytes__(self):
        return b"custom"


print(bytes(WithBytes()), bytearray(b"z") * 3)
for bad in (lambda: bytes("abc"), lambda: bytes(1, "utf-8"), lambda: bytes(-1),
            lambda: bytes(1.5), lambda: bytes([1.5]), lambda: bytes([300]),
            lambda: bytes(object()), lambda: bytearray(object()), lambda: bytearray([300]),
            lambda: b"a" + "b", lambda: b"a" + 1, lambda: "b" + b"a",
            lambda: bytearray(b"a") + "b", lambda: b"abc"[5], lambda: bytearray(b"abc")[5],
            lambda: bytearray(b"abc")["x"], lambda: "a" in b"abc", lambda: 300 in b"abc",
            lambda: b"a" < "b", lambda: hash(bytearray()), lambda: b"abc" * 1.5,
            lambda: bytearray(b"a").pop(5), lambda: bytearray().pop(),
            lambda: bytearray(b"a").remove(9), lambda: bytearray(b"a").append(300),
            lambda: bytearray(b"a").append("a"), lambda: bytearray(b"a").extend(1),
            lambda: bytearray(b"abc").__setitem__(slice(None, None, 2), b"x"),
            lambda: bytearray(b"abc").__setitem__(0, b"x"),
            lambda: bytearray(b"abc").__setitem__(slice(0, 1), 5),
            lambda: bytearray(b"abc").__delitem__(5), lambda: bytes(x=1),
            lambda: bytes.fromhex("zz"), lambda: bytes.fromhex(b"ab")):
    try:
        print("OK", bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__, e)
try:
    b"abc"[0] = 1
except TypeError as e:
    print("TypeError", e)
