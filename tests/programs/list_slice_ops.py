# List slicing and slice assignment on the in-place paths: copies, reversed and stepped
# slices, assignments that grow, shrink or keep the length, extended slices of the wrong size,
# deletion, bounds computed by __index__ (which may change the list), and subclasses.


class Idx:
    def __init__(self, v, victim=None):
        self.v = v
        self.victim = victim

    def __index__(self):
        if self.victim is not None:
            del self.victim[:3]  # the list shrinks while the slice is evaluated
        return self.v


a = list(range(10))
print(a[:], a[:] is a, a[::-1], a[8:2:-2], a[-3:], a[:-7], a[100:], a[-100:2])
print(a[5::-1], a[Idx(2):Idx(-2)], a[::Idx(3)], a[Idx(20)::-3])

# fannkuch's flip: a prefix replaced by its reverse
perm = [3, 1, 4, 0, 2]
k = perm[0]
while k:
    perm[: k + 1] = perm[k::-1]
    print(perm)
    k = perm[0]

b = list("abcdef")
b[1:3] = []
print(b)
b[1:1] = "XYZ"
print(b)
b[2:4] = ("p", "q", "r", "s", "t")
print(b)
b[-2:] = b
print(b)
b[5:2] = [0]  # an empty range: inserted at 5
print(b)
b[:] = range(3)
print(b)
b[1:2] = iter([7, 8, 9])
print(b)
del b[::2]
print(b)
del b[:]
print(b, len(b))

c = list(range(8))
c[::2] = "wxyz"
print(c)
c[::-3] = [None, None, None]
print(c)
for bad in ([1, 2], [1, 2, 3, 4, 5]):
    try:
        c[::2] = bad
    except ValueError as e:
        print("ValueError:", e)
try:
    c[::2] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    c[1:3] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    c[::0]
except ValueError as e:
    print("ValueError:", e)
print(c)

# bounds whose __index__ shortens the list: the length is read after them
d = list(range(10))
print(d[Idx(-1, d)::-1], d)
e = list(range(10))
e[Idx(1, e) : 4] = ["a"]
print(e)
f = list(range(10))
print(f[: Idx(8, f)], f[Idx(0, f) :: 2], f)


class L(list):
    def __getitem__(self, key):
        return ("L", super().__getitem__(key))


g = L(range(5))
print(g[1:3], g[::-1], list.__getitem__(g, slice(None, None, 2)), type(g[:]))
h = L(range(5))
h[1:4] = [9]
print(h, type(h))


class LI(list):
    def __iter__(self):
        return iter("zz")


x = [1, 2, 3]
x[0:1] = LI([9, 8, 7])  # a list's items are taken as they are, not through __iter__
print(x)
x[1:] = LI([6])
print(x, list(LI([5])))
x[::2] = LI([4, 3])
print(x)

# indexes and their errors
m = [1, 2, 3]
print(m[-1], m[-3], m[Idx(1)])
for i in (3, -4, 2**70):
    try:
        m[i]
    except IndexError as e:
        print("IndexError:", e)
for i in (3, -4):
    try:
        m[i] = 0
    except IndexError as e:
        print("IndexError:", e)
try:
    m["x"]
except TypeError as e:
    print("TypeError:", e)

# pop(0) / insert(0, x) as fannkuch rotates
r = list(range(6))
for _ in range(4):
    r.insert(3, r.pop(0))
    print(r)
print(r.pop(-1), r.pop(0), r)
try:
    [].pop(0)
except IndexError as e:
    print("IndexError:", e)
try:
    r.pop(10)
except IndexError as e:
    print("IndexError:", e)


class TI(tuple):
    def __iter__(self):
        return iter("t")


y = [0, 0]
y[:1] = TI((1, 2))
print(y)
y[:] = y
print(y)
