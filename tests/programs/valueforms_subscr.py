# BINARY_SUBSCR and STORE_SUBSCR forms, and their way back.


def get(c, k):
    return c[k]


def put(c, k, v):
    c[k] = v


def tryall(f, cases):
    out = []
    for args in cases:
        try:
            out.append(f(*args))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    return out


class Defaults(dict):
    def __missing__(self, key):
        return "missing " + repr(key)


class Shout(list):
    def __getitem__(self, i):
        return "Shout[%r]" % (i,)

    def __setitem__(self, i, v):
        print("Shout set", i, v)


class BigIndex(int):
    pass


lst = list(range(50))
tup = tuple(range(50))
d = {i: i * i for i in range(50)}
print(sum(get(lst, i) for i in range(200) if i < 50), sum(get(lst, -i - 1) for i in range(50)))
# A list subscript site given a dict, a tuple, a str, a subclass, errors.
cases = [(d, 3), (tup, 2), ("abc", 1), (Shout([1]), 0), (lst, 50), (lst, -51), (lst, "x"),
         (lst, 2**70), (lst, BigIndex(4)), (lst, True), (lst, slice(1, 3)), (Defaults(), 5),
         (d, 99), ({}, [1]), (None, 0), (tup, 50), (tup, -1)]
print(tryall(get, cases * 10)[:17])
print(sum(get(tup, i % 50) for i in range(200)), get(tup, -50))
print(sum(get(d, i % 50) for i in range(200)), tryall(get, [(d, 51), (Defaults(a=1), "a"),
                                                            (Defaults(), "b"), (lst, 1)] * 20)[:4])


def fill(seq, n):
    for i in range(n):
        seq[i % len(seq)] = i
    return seq


print(fill([0] * 10, 300))
print(tryall(put, [([0], 1, 5), ([0], -2, 5), ([0], "a", 5), ((0,), 0, 5), ({}, [], 1),
                   (Shout(), 3, 4), ([0, 1], -1, "last")] * 12)[:7])
dd = {}
for i in range(300):
    put(dd, i % 17, i)
print(sorted(dd.items())[:5], len(dd))
l2 = [0, 0]
put(l2, -1, 9)
put(l2, True, 8)
print(l2, tryall(put, [(l2, 2, 1), (l2, -3, 1)]))
