# Results whose size comes from a number the program chose: padding, repetition, joining,
# replacing, tab expansion, formatting widths, sized constructors. Their size is computed
# (and checked) before they are built; the values must stay CPython's, and the overflow
# errors too.
import sys
import itertools
import math


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r) if len(repr(r)) < 200 else (type(r).__name__, len(r)))


# Repetition, including empty operands with huge counts (nothing to build).
show("str*", lambda: "ab" * 3)
show("str*0", lambda: "ab" * 0)
show("str*-5", lambda: "ab" * -5)
show("empty str*maxsize", lambda: "" * sys.maxsize)
show("empty list*maxsize", lambda: [] * sys.maxsize)
show("empty tuple*maxsize", lambda: () * sys.maxsize)
show("empty bytes*maxsize", lambda: b"" * sys.maxsize)
show("empty bytearray*maxsize", lambda: bytearray() * sys.maxsize)
show("unicode*", lambda: "é€😀" * 4)
show("bytes*", lambda: b"xy" * 5)
show("bytearray*", lambda: bytearray(b"xy") * 5)
show("list*", lambda: [1, 2] * 3)
show("tuple*", lambda: (1, 2) * 3)
show("str overflow", lambda: "ab" * (sys.maxsize // 2 + 1))
show("bytes overflow", lambda: b"ab" * (sys.maxsize // 2 + 1))
show("index overflow", lambda: "x" * 2**63)
show("bytes(maxsize)", lambda: bytes(sys.maxsize))
show("bytes(2**63)", lambda: bytes(2**63))
show("bytes(-1)", lambda: bytes(-1))
show("bytes(5)", lambda: bytes(5))
show("bytearray(3)", lambda: bytearray(3))
show("bytes(iter)", lambda: bytes(itertools.islice(itertools.repeat(7), 5)))
x = [0, 1]
x *= 3
show("list*=", lambda: x)
y = bytearray(b"ab")
y *= 3
show("bytearray*=", lambda: y)

# Concatenation.
show("str+", lambda: "ab" + "cd")
show("list+", lambda: [1] + [2, 3])
show("tuple+", lambda: (1,) + (2, 3))
show("bytes+", lambda: b"a" + bytearray(b"b"))
show("bytearray+", lambda: bytearray(b"a") + b"b")
s = "xy"
show("f-string", lambda: f"<{s}|{s!r}|{s:>5}|{3:03d}>")

# Padding.
for w in (0, 3, 7, 8):
    show(f"center {w}", lambda: "abc".center(w, "*"))
show("ljust", lambda: "ab".ljust(6, "é"))
show("rjust", lambda: "ab".rjust(6))
show("zfill", lambda: "-42".zfill(7))
show("zfill+", lambda: "+4".zfill(1))
show("bytes center", lambda: b"abc".center(8, b"-"))
show("bytes ljust", lambda: b"ab".ljust(5))
show("bytes zfill", lambda: b"-42".zfill(6))
show("bytearray rjust", lambda: bytearray(b"ab").rjust(4, b"0"))
show("bytes ljust maxsize", lambda: b" ".ljust(sys.maxsize))
show("ljust 2**63", lambda: "ab".ljust(2**63))

# Tabs.
for t in (None, 0, 1, 4, -3):
    show(f"expandtabs {t}", lambda: ("a\tbc\t\td\r\n\tx" .expandtabs() if t is None else "a\tbc\t\td\r\n\tx".expandtabs(t)))
    show(f"bytes expandtabs {t}", lambda: (b"a\tb\n\tc".expandtabs() if t is None else b"a\tb\n\tc".expandtabs(t)))
show("expandtabs 2**62", lambda: "\t".expandtabs(2**62))
show("expandtabs -2**62", lambda: "\t".expandtabs(-2**62))
show("bytes expandtabs 2**40", lambda: b"\t".expandtabs(2**40))

# Replacing and translating.
show("replace", lambda: "aXbXc".replace("X", "--"))
show("replace count", lambda: "aXbXcX".replace("X", "", 2))
show("replace empty old", lambda: "abc".replace("", "-"))
show("replace empty old count", lambda: "abc".replace("", "-", 2))
show("replace unicode", lambda: "éaé".replace("é", "€€"))
show("replace none", lambda: "abc".replace("z", "y"))
show("replace overlapping", lambda: "aaaa".replace("aa", "b"))
show("bytes replace", lambda: b"aXbX".replace(b"X", b"yz"))
show("bytes replace empty", lambda: b"ab".replace(b"", b"."))
show("bytes replace count", lambda: b"aaaa".replace(b"a", b"b", 3))
show("translate", lambda: "abc".translate({97: "xyz", 98: None, 99: 100}))

# Joining.
show("join", lambda: "-".join(["a", "bc", ""]))
show("join empty", lambda: "-".join([]))
show("join gen", lambda: ", ".join(str(i) for i in range(5)))
show("join bad", lambda: "-".join(["a", 1]))
show("bytes join", lambda: b"-".join([b"a", bytearray(b"b"), memoryview(b"c")]))
show("bytes join bad", lambda: b"".join([b"a", "b"]))
show("bytearray join", lambda: bytearray(b",").join([b"1", b"2"]))

# Formatting widths and precisions.
show("format >", lambda: format(42, ">8"))
show("format =", lambda: format(-42, "=+8"))
show("format ^ fill", lambda: format("ab", "é^7"))
show("format group", lambda: format(1234567, "015,"))
show("format group _x", lambda: format(0xABCDEF, "_x"))
show("format float", lambda: format(-3.14159, "=12.3f"))
show("format float g", lambda: format(1.5, ".1000g"))
show("format float #g", lambda: format(1.5, "#.20g"))
show("format float e", lambda: format(12345.678, ".3e"))
show("format float repr-like", lambda: format(1e22, ".30"))
show("format precision too big", lambda: format(1.5, ".2147483648f"))
show("format complex", lambda: format(1 + 2j, ">20.2f"))
show("format str precision", lambda: format("abcdef", ".2147483648s"))
show("printf", lambda: "%-6d|%06.2f|%+x|%#o|%.3d|%5s|%-5s|" % (42, -3.5, 255, 8, 7, "ab", "cd"))
show("printf star", lambda: "%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
show("printf precision too big", lambda: "%.2147483648d" % 1)
show("printf precision too large", lambda: "%.2147483645d" % 1)
show("printf width too big", lambda: "%99999999999999999999d" % 1)
show("bytes printf", lambda: b"%5d|%-4s|%.2f" % (3, b"ab", 1.0))
show("bytes printf prec", lambda: b"%.2147483648d" % 1)
show("str.format", lambda: "{:>6}|{:<4}|{:^5}|{!r:>6}".format(1, 2, 3, "x"))

# Integers in text.
show("hex", lambda: hex(-(2**100)))
show("bin", lambda: bin(2**70 + 1))
show("oct", lambda: oct(8**30))
show("%x big", lambda: "%x" % (2**100))
show("format b big", lambda: format(2**65, "b"))
show("str big", lambda: str(-(10**50)))
show("digit limit", lambda: str(10**5000))
show("to_bytes", lambda: (1024).to_bytes(4, "big"))
show("to_bytes neg", lambda: (-1).to_bytes(3, "little", signed=True))
show("to_bytes small", lambda: (1024).to_bytes(1, "big"))
show("to_bytes 0", lambda: (0).to_bytes(0, "big"))
show("to_bytes maxsize", lambda: (0).to_bytes(sys.maxsize, "big"))
show("pow", lambda: 3**40)
show("pow big", lambda: (2**100) ** 3 % 1000003)
show("pow 0", lambda: 0**10**9)
show("pow 1", lambda: 1**10**9)
show("pow -1", lambda: (-1) ** (10**9 + 1))
show("lshift", lambda: 5 << 100)
show("lshift 0", lambda: 0 << 10**9)
show("factorial", lambda: math.factorial(30))
show("comb", lambda: math.comb(60, 30))
show("comb 0", lambda: math.comb(10**20, 0))
show("perm", lambda: math.perm(20, 7))
show("perm k=n", lambda: math.perm(12))

# Collecting iterables.
show("list range", lambda: list(range(3, 20, 4)))
show("tuple range", lambda: tuple(range(5, 0, -2)))
show("list empty range", lambda: list(range(10, 0)))
show("sorted repeat", lambda: sorted(itertools.repeat(1, 5)))
show("extend", lambda: [0] + [*itertools.repeat(2, 3)])
show("combinations", lambda: list(itertools.combinations("abc", 2)))
show("combinations r>n", lambda: list(itertools.combinations("ab", 5)))
show("cwr", lambda: list(itertools.combinations_with_replacement("ab", 2)))
show("permutations", lambda: list(itertools.permutations("abc", 2)))
show("product repeat", lambda: list(itertools.product("ab", repeat=2)))
show("product none", lambda: list(itertools.product(repeat=10**6)))
show("repr nested", lambda: repr([("a", {1: "b"}), {2}]))
