# UNPACK_SEQUENCE on its fast paths (exact tuples and lists of the right length, pushed
# straight onto the stack) and on the generic one (subclasses, iterators, wrong lengths).


class T(tuple):
    def __iter__(self):
        return iter(("sub", "class"))


class Lst(list):
    def __iter__(self):
        yield "from"
        yield "iter"


def unpack_all(seqs):
    out = []
    for s in seqs:
        try:
            a, b = s
            out.append((a, b))
        except (ValueError, TypeError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


cases = [
    (1, 2),
    [3, 4],
    T((5, 6)),
    Lst([7, 8]),
    "xy",
    {"k": 1, "j": 2},
    range(2),
    (1, 2, 3),
    [1],
    (),
    5,
    None,
    iter([9, 10]),
    (x for x in "pq"),
]
for _ in range(3):
    res = unpack_all(cases)
for r in res:
    print(r)


def triples(rows):
    t = 0
    for a, (b, c), [d, e, f] in rows:
        t += a + b * c - d + e * f
    return t


rows = [(i, (i, 2), [i, i + 1, 3]) for i in range(50)]
print(triples(rows))


# A list mutated while being unpacked through its iterator (the generic path)
class Growing(list):
    def __iter__(self):
        for i in range(len(self)):
            self.append(i)
            yield self[i]


g = Growing([1, 2])
try:
    p, q = g
    print("unpacked", p, q, g)
except ValueError as e:
    print("ValueError:", e)

# The items stay alive after the container is gone
def fresh():
    return [object.__new__(object) for _ in range(3)], "done"


(x, y, z), w = fresh()
print(type(x).__name__, type(y).__name__, type(z).__name__, w)

# Star unpacking beside plain unpacking
first, *mid, last = [1, 2, 3, 4, 5]
print(first, mid, last)
(a, *rest), b = (range(3), "b")
print(a, rest, b)
try:
    a, *b, c = (1,)
except ValueError as e:
    print("ValueError:", e)

# Unpacking a tuple straight into locals: the old values' finalizers run store by store, each
# seeing the frame at its own line.
import sys


class Tell:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        f = sys._getframe(1)
        print("del", self.name, "at line", f.f_lineno - swap_del.__code__.co_firstlineno)


def swap_del():
    x = Tell("x0")
    y = Tell("y0")
    t = (Tell("x1"), Tell("y1"))
    x, y = t
    del t
    print("stored", x.name, y.name)
    x, y = (
        1,
        2,
    )
    return x, y


print(swap_del())


def loop_pairs(d):
    out = []
    for k, v in d.items():
        out.append(k * v)
    for i, (k, v) in enumerate(sorted(d.items())):
        out.append((i, k, v))
    return out


print(loop_pairs({1: 2, 3: 4, 5: 6}))


class E(int):
    pass


print(list(enumerate("ab", True)), list(enumerate("ab", 2**63 - 1)), list(enumerate([1, 2], -1)))
print([(type(i).__name__, i, c) for i, c in enumerate("ab", E(5))])
print([t for t in enumerate((x * 2 for x in range(3)), 10)], list(enumerate(())))
