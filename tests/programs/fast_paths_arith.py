# Fast paths of BINARY_OP and COMPARE_OP on exact int, float and str operands, their edges,
# and subclasses taking the generic path.

BIG = 2 ** 63
MAXW = 9223372036854775807
MINW = -9223372036854775808


def show(label, f):
    try:
        r = f()
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, type(e).__name__, e)


# int + - * // % at the machine-word edges (overflow continues as a big int)
for x, y in [(MAXW, 1), (MINW, -1), (MINW, 1), (MAXW, MAXW), (3, -7), (-7, 2), (7, -2),
             (-7, -2), (0, 5), (MINW, MINW), (2 ** 31, 2 ** 32), (BIG, 1), (1, BIG)]:
    show("add %d %d" % (x, y), lambda: x + y)
    show("sub %d %d" % (x, y), lambda: x - y)
    show("mul %d %d" % (x, y), lambda: x * y)
    show("floordiv %d %d" % (x, y), lambda: x // y)
    show("mod %d %d" % (x, y), lambda: x % y)
    show("truediv %d %d" % (x, y), lambda: x / y)
    show("and/or/xor %d %d" % (x, y), lambda: (x & y, x | y, x ^ y))
show("MINW // -1", lambda: MINW // -1)
show("MINW % -1", lambda: MINW % -1)
show("1 // 0", lambda: 1 // 0)
show("1 % 0", lambda: 1 % 0)
show("1 / 0", lambda: 1 / 0)
show("2**53+1 / 1", lambda: (2 ** 53 + 1) / 1)
show("2**53 / 3", lambda: (2 ** 53) / 3)
for s in [0, 1, 62, 63, 64, 100]:
    show("1 << %d" % s, lambda: 1 << s)
    show("-1 << %d" % s, lambda: -1 << s)
    show("MAXW >> %d" % s, lambda: MAXW >> s)
    show("MINW >> %d" % s, lambda: MINW >> s)
show("1 << -1", lambda: 1 << -1)
show("1 >> -1", lambda: 1 >> -1)
show("3 << 61", lambda: 3 << 61)

# small ints are shared, as in CPython
a = 200
b = 56
c256 = 256
c144 = 144
print("small int shared", (a + b) is c256, (a - b) is c144)

# floats: -0.0, NaN, inf, division by zero, mixed with ints
nan = float("nan")
inf = float("inf")
for x, y in [(0.1, 0.2), (-0.0, 0.0), (-0.0, -0.0), (1.5, -0.0), (inf, -inf), (nan, 1.0),
             (1e308, 10.0), (3.0, 2), (2, 3.0), (-7.5, 2), (7, -2.5), (2 ** 60, 1.0),
             (1.0, 2 ** 60), (BIG, 1.5), (1.5, BIG)]:
    show("fadd %r %r" % (x, y), lambda: x + y)
    show("fsub %r %r" % (x, y), lambda: x - y)
    show("fmul %r %r" % (x, y), lambda: x * y)
    show("fdiv %r %r" % (x, y), lambda: x / y)
    show("ffloordiv %r %r" % (x, y), lambda: x // y)
    show("fmod %r %r" % (x, y), lambda: x % y)
    show("fpow %r %r" % (x, y), lambda: x ** y)
show("1.0 / 0.0", lambda: 1.0 / 0.0)
show("1.0 / 0", lambda: 1.0 / 0)
show("1 / 0.0", lambda: 1 / 0.0)
show("1.0 // 0.0", lambda: 1.0 // 0.0)
show("1.0 % 0.0", lambda: 1.0 % 0.0)
show("0.0 ** -1.0", lambda: 0.0 ** -1.0)
show("(-8.0) ** (1/3)", lambda: (-8.0) ** (1 / 3))
show("10.0 ** 400", lambda: 10.0 ** 400)
show("2.0 ** 0.5", lambda: 2.0 ** 0.5)
show("1.0 + 10**400", lambda: 1.0 + 10 ** 400)
show("-0.0 + 0", lambda: -0.0 + 0)
show("-0.0 * 1", lambda: -0.0 * 1)

# comparisons (and fused comparison + jump)
vals = [0, 1, -1, MAXW, MINW, BIG, 0.0, -0.0, 0.5, nan, inf, -inf, 2 ** 53, 2 ** 53 + 1,
        float(2 ** 53), "", "a", "b", "ab", "\ud800", "\U0001f600", "\uffff"]
for x in vals:
    row = []
    for y in vals:
        try:
            r = (x < y, x <= y, x == y, x != y, x > y, x >= y)
            row.append("".join("1" if t else "0" for t in r))
        except TypeError:
            row.append("T")
        jumps = 0
        try:
            if x < y:
                jumps += 1
            if not (x == y):
                jumps += 2
            if x >= y:
                jumps += 4
        except TypeError:
            jumps = -1
        row.append(str(jumps))
    print("cmp %r:" % (x,), " ".join(row))
print("nan is nan, nan == nan:", nan is nan, nan == nan, nan != nan)
try:
    if 1 < "a":
        pass
except TypeError as e:
    print("TypeError", e)

# str concatenation, including surrogates (never joined) and in-place concat
s = ""
for piece in ["a", "\ud83d", "\ude00", "b", "", "\u00e9"]:
    s += piece
    print("concat", ascii(s), len(s))
t = "x" * 3
u = t + ""
print("empty operand gives the str itself", u is t, ("" + t) is t)
try:
    "a" + 1
except TypeError as e:
    print("TypeError", e)
try:
    s = "a"
    s += 1
except TypeError as e:
    print("TypeError", e)


# subclasses with overridden dunders take the generic path
class I(int):
    def __add__(self, other):
        return "I.__add__"

    def __radd__(self, other):
        return "I.__radd__"

    def __lt__(self, other):
        return "I.__lt__"

    def __bool__(self):
        print("I.__bool__ called")
        return False


class F(float):
    def __sub__(self, other):
        return "F.__sub__"

    def __rtruediv__(self, other):
        return "F.__rtruediv__"

    def __eq__(self, other):
        return "F.__eq__"

    __hash__ = float.__hash__


class S(str):
    def __add__(self, other):
        return "S.__add__"

    def __radd__(self, other):
        return "S.__radd__"

    def __gt__(self, other):
        return "S.__gt__"


print(I(1) + 2, 2 + I(1), I(1) < 5, 5 > I(1))
print(F(1.0) - 1.0, 1.0 / F(2.0), F(1.0) == 1.0, 1.0 == F(1.0))
print(S("a") + "b", "b" + S("a"), S("a") > "b", "b" < S("a"))
x = I(3)
x += 4
print(x)
if I(0):
    print("true")
else:
    print("false")
print(True + True, True * 3, 1.5 + True, True / 2, type(True & True).__name__)
