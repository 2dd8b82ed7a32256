# Fast paths of BINARY_SUBSCR / STORE_SUBSCR, FOR_ITER, UNPACK_SEQUENCE and conditional jumps
# on exact builtin containers, their edges, and subclasses taking the generic path.


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


lst = [10, 20, 30]
tup = (1, "two", 3.0)
for i in [0, 2, -1, -3, 3, -4, True, False, 2 ** 63, -(2 ** 63)]:
    attempt("list[%r]" % (i,), lambda: lst[i])
    attempt("tuple[%r]" % (i,), lambda: tup[i])
attempt("list['a']", lambda: lst["a"])
attempt("tuple[1.0]", lambda: tup[1.0])


def store(i, v):
    lst[i] = v
    return list(lst)


for i in [0, -1, 3, -4, True, 2 ** 64]:
    attempt("list[%r] = 99" % (i,), lambda: store(i, 99))

# dict subscripts: keys with __eq__/__hash__ run exactly as often as in CPython
calls = []


class K:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "K(%d)" % self.v

    def __hash__(self):
        calls.append("hash %d" % self.v)
        return hash(self.v)

    def __eq__(self, other):
        calls.append("eq %d" % self.v)
        return isinstance(other, K) and self.v == other.v


d = {K(1): "one", 2: "two"}
print(d[K(1)], d[2], d[2.0])
attempt("d[K(3)]", lambda: d[K(3)])
attempt("d[[]]", lambda: d[[]])
d[K(1)] = "uno"
d[K(4)] = "four"
print(len(d), calls)


class BadHash:
    def __hash__(self):
        raise RuntimeError("no hash")


attempt("d[BadHash()]", lambda: d[BadHash()])


def store_bad():
    d[BadHash()] = 1


attempt("d[BadHash()] = 1", store_bad)


# subclasses take the generic path
class L(list):
    def __getitem__(self, i):
        return "L.__getitem__(%r)" % (i,)

    def __setitem__(self, i, v):
        print("L.__setitem__", i, v)

    def __iter__(self):
        yield "L.__iter__"


class T(tuple):
    def __getitem__(self, i):
        return "T.__getitem__"

    def __iter__(self):
        return iter(["T0", "T1"])


class D(dict):
    def __missing__(self, k):
        return "D.__missing__(%r)" % (k,)

    def __setitem__(self, k, v):
        print("D.__setitem__", k, v)


ll = L([1, 2])
print(ll[0])
ll[0] = 5
print([x for x in ll])
tt = T((1, 2))
print(tt[0], [x for x in tt])
a, b = tt
print(a, b)
dd = D()
print(dd["x"])
dd["y"] = 1
print(dict(dd))
try:
    a, b = ll
except ValueError as e:
    print("ValueError", e)

# a list mutated while iterated
x = [1, 2, 3, 4]
out = []
for v in x:
    out.append(v)
    if v == 2:
        x.append(5)
    if v == 3:
        del x[0]
print(out, x)
y = [1, 2, 3]
for v in y:
    y.clear()
    print("saw", v)
it = iter([1, 2])
print(list(it), list(it), next(it, "done"))
z = [0, 1]
for v in z:
    if len(z) < 5:
        z.append(v + 10)
print(z)

# tuple iteration and range iterators at their bounds
for t in [(), (1,), (1, 2, 3)]:
    print([v for v in t])
for r in [range(0), range(3), range(-3, 3, 2), range(5, 0, -2),
          range(9223372036854775805, 9223372036854775807),
          range(-9223372036854775808, -9223372036854775806),
          range(2 ** 64, 2 ** 64 + 2), range(0, 10, 10 ** 20)]:
    print([v for v in r])
ri = iter(range(2))
print(next(ri), next(ri), next(ri, "end"), next(ri, "end"))
total = 0
for i in range(1000):
    total += i
print(total)

# unpacking
for seq in [(1, 2), [3, 4], (1,), [1, 2, 3], (), "ab", {5: 0, 6: 0}, iter([7, 8])]:
    try:
        p, q = seq
        print("unpacked", p, q)
    except ValueError as e:
        print("ValueError", e)
for seq in [(1, 2, 3), [1, 2, 3], (1, 2), [1, 2, 3, 4]]:
    try:
        p, q, r = seq
        print("unpacked", p, q, r)
    except ValueError as e:
        print("ValueError", e)
try:
    p, q = 5
except TypeError as e:
    print("TypeError", e)
m = [[1, 2], [3, 4]]
for p, q in m:
    print(p + q)
p, q = q, p
print(p, q)

# truth tests of conditional jumps
for v in [0, 1, -1, 2 ** 70, 0.0, -0.0, 0.1, float("nan"), "", "a", [], [0], (), (0,), {},
          {0: 0}, None, True, False, set(), object]:
    r = []
    if v:
        r.append("T")
    else:
        r.append("F")
    r.append("T" if not not v else "F")
    r.append(repr(v and "and"))
    r.append(repr(v or "or"))
    while v:
        r.append("loop")
        break
    print(repr(v), r)


class B:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "B(%d)" % self.n

    def __len__(self):
        print("B.__len__")
        return self.n


class BI(int):
    def __bool__(self):
        print("BI.__bool__")
        return True


for v in [B(0), B(2), BI(0)]:
    if v:
        print("true")
    else:
        print("false")
    print(v and "x")
