# FOR_ITER and UNPACK_SEQUENCE forms, and their way back.


def total(it):
    t = 0
    for x in it:
        t += x
    return t


def gen(n):
    for i in range(n):
        yield i


class Seq:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * 10


for _ in range(3):
    print(total([1, 2, 3] * 50), total(range(300)), total((4, 5) * 80))
# The same site over other iterables.
print(total(gen(100)), total(Seq()), total({1: 0, 2: 0}), total(iter([7, 8])), total(range(5, 0, -1)))
print(total(range(2**64, 2**64 + 3)) - 3 * 2**64, total(x for x in (1, 2)))


def grow(lst):
    out = []
    for x in lst:
        out.append(x)
        if len(lst) < 40:
            lst.append(x + 100)
    return out


def shrink(lst):
    out = []
    for x in lst:
        out.append(x)
        if lst:
            del lst[0]
    return out


def swap_type(lst):
    out = []
    for x in lst:
        out.append(x)
        if x == 3:
            lst[:] = ["a", "b", "c", "d", "e"]
    return out


for _ in range(20):
    g = grow([1, 2, 3])
    s = shrink(list(range(20)))
    w = swap_type([1, 2, 3, 4, 5, 6])
print(g)
print(s)
print(w)


def pairs(items):
    t = 0
    for a, b in items:
        t += a * b
    return t


def triples(items):
    out = []
    for a, b, c in items:
        out.append(c)
    return out


def unpack_stack(items):
    # Unpacked onto the stack (not straight into locals).
    out = []
    for item in items:
        out.append(tuple(reversed([*item])))
        x, [y, z] = item[0], item[1:]
        out.append((x, y, z))
    return out


print(pairs([(i, i + 1) for i in range(200)]))
print(pairs([[i, 2] for i in range(200)]))
print(triples([(1, 2, 3), [4, 5, 6]] * 60)[-4:])
print(unpack_stack([(1, 2, 3)] * 100 + [[4, 5, 6]])[-2:])
for bad in ([(1, 2), (1, 2, 3)], [(1, 2), (1,)], [(1, 2), [1, 2, 3]], [(1, 2), []],
            [(1, 2), 5], [(1, 2), "ab"], [(1, 2), {3: 0, 4: 0}], [(1, 2), iter([5, 6, 7])]):
    try:
        print(pairs([(1, 2)] * 100 + bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)


class T(tuple):
    def __iter__(self):
        return iter((7, 7))


print(pairs([(1, 2)] * 100 + [T((1, 2, 3))]))
