# Changing a dict or a set while iterating over it: the errors CPython 3.11 raises, what the
# iterators yield meanwhile, and that no such loop runs forever.


def step(it):
    try:
        return next(it)
    except StopIteration:
        return "STOP"
    except RuntimeError as e:
        return "RuntimeError: " + str(e)


def loop(title, d, body, limit=50):
    seen = []
    try:
        for k in d:
            seen.append(k)
            body(d, k)
            if len(seen) > limit:
                seen.append("LIMIT")
                break
        print(title, seen, "ok", d)
    except RuntimeError as e:
        print(title, seen, "RuntimeError:", e, d)


# The loop of the issue: each step deletes the key and adds another, so the size never changes.
def swap(d, k):
    del d[k]
    d[k + 100] = 1


loop("swap 2", {0: 0, 1: 1}, swap)
loop("swap 1", {0: 0}, swap)
loop("swap 5", {i: i for i in range(5)}, swap)
loop("swap 6", dict.fromkeys(range(6)), swap)
loop("swap 20", dict.fromkeys(range(20)), swap)
loop("swap str", {"a": 1, "b": 2, "c": 3}, lambda d, k: (d.pop(k), d.__setitem__(k + "x", 0)))


def swap_mixed(d, k):
    del d[k]
    d[len(d) * 1000 + 7] = 1


loop("swap str->int", {"a": 1, "b": 2, "c": 3}, swap_mixed)
loop("swap mixed 8", {"a": 1, 2: 2, "c": 3, 4: 4, "e": 5, 6: 6, "g": 7, 8: 8}, swap_mixed)

# Size changes.
loop("insert", {0: 0, 1: 1}, lambda d, k: d.__setitem__(k + 10, 0))
loop("delete", {0: 0, 1: 1, 2: 2}, lambda d, k: d.__delitem__(k))
loop("pop", {0: 0, 1: 1, 2: 2}, lambda d, k: d.pop(k))
loop("popitem", {0: 0, 1: 1, 2: 2}, lambda d, k: d.popitem())
loop("clear", {0: 0, 1: 1, 2: 2}, lambda d, k: d.clear())
loop("setdefault new", {0: 0, 1: 1}, lambda d, k: d.setdefault(k + 5, 0))
loop("update new", {0: 0, 1: 1}, lambda d, k: d.update({k + 5: 0}))

# No size change and no new key: no error.
loop("set value", {0: 0, 1: 1, 2: 2}, lambda d, k: d.__setitem__(k, k * 10))
loop("update existing", {0: 0, 1: 1, 2: 2}, lambda d, k: d.update({0: "x", 2: "y"}))
loop("update kwargs", {"a": 0, "b": 1}, lambda d, k: d.update(a=5, b=6))
loop("setdefault existing", {0: 0, 1: 1}, lambda d, k: d.setdefault(0, 9))
loop("pop missing", {0: 0, 1: 1}, lambda d, k: d.pop(99, None))
loop("ior existing", {0: 0, 1: 1}, lambda d, k: d.__ior__({1: 5}))


# Deleting and re-adding the same key moves it to the end.
def readd(d, k):
    v = d.pop(k)
    d[k] = v


loop("readd", {0: 0, 1: 1, 2: 2}, readd)
loop("readd big", dict.fromkeys(range(12), 0), readd)


# Deleting a later key and adding a new one.
def del_next(d, k):
    if k + 1 in d:
        del d[k + 1]
        d[-k - 1] = 0


loop("del next", dict.fromkeys(range(6)), del_next)

# Every kind of iterator.
for name, make in [
    ("keys", lambda d: iter(d.keys())),
    ("values", lambda d: iter(d.values())),
    ("items", lambda d: iter(d.items())),
    ("reversed", lambda d: reversed(d)),
    ("reversed keys", lambda d: reversed(d.keys())),
    ("reversed values", lambda d: reversed(d.values())),
    ("reversed items", lambda d: reversed(d.items())),
]:
    d = {0: "a", 1: "b", 2: "c"}
    it = make(d)
    out = [step(it)]
    del d[0]
    d[5] = "e"
    out += [step(it) for _ in range(4)]
    d[6] = "f"
    out.append(step(it))
    print(name, out)
    d = {0: "a", 1: "b"}
    it = make(d)
    out = [step(it)]
    d[3] = "c"
    out += [step(it), step(it)]
    del d[3]
    out += [step(it), it.__length_hint__()]
    print(name, "sticky", out)

# The reversed iterator starts at the last entry the dict had.
d = {1: 1, 2: 2, 3: 3}
it = reversed(d)
del d[2]
d[4] = 4
print("reversed skip", list(it))
d = dict.fromkeys(range(5))
it = reversed(d)
print(step(it))
del d[0], d[1]
d[10] = d[11] = 1
print("reversed after compaction", [step(it) for _ in range(5)])

# Once "keys changed" was raised the iterator is exhausted.
d = {0: 0}
it = iter(d)
print(step(it))
del d[0]
d[1] = 1
print([step(it) for _ in range(3)], it.__length_hint__())

# __length_hint__ and __reduce__ during mutation.
d = dict.fromkeys(range(5))
it = iter(d)
print(it.__length_hint__(), step(it), it.__length_hint__())
d[0] = "x"
print(it.__length_hint__(), it.__reduce__()[1])
d[9] = 1
print(it.__length_hint__())
try:
    it.__reduce__()
except RuntimeError as e:
    print("reduce:", e)

# Copies keep (or drop) the holes of the original, as CPython's do.
src = dict.fromkeys(range(8))
for k in (1, 3):
    del src[k]
for label, d in [
    ("copy", src.copy()),
    ("dict()", dict(src)),
    ("update", {}.__ior__(src)),
    ("or", src | {}),
    ("fromkeys", dict.fromkeys(src)),
    ("fromkeys set", dict.fromkeys(set(src))),
    ("display", {**src}),
    ("comprehension", {k: v for k, v in src.items()}),
]:
    it = iter(d)
    out = [step(it), step(it)]
    for k in list(d)[:3]:
        del d[k]
        d[k + 50] = 1
    out += [step(it) for _ in range(7)]
    print(label, out)

# dict.fromkeys of a set or dict is sized up front (21 keys get 64 slots in CPython 3.11),
# so the same churn runs differently than on a dict grown key by key.
for label, d in [
    ("fromkeys 21 set", dict.fromkeys(set(range(21)))),
    ("fromkeys 21 range", dict.fromkeys(range(21))),
    ("fromkeys 21 dict", dict.fromkeys(dict.fromkeys(range(21)))),
]:
    seen = []
    try:
        for k in d:
            seen.append(k)
            del d[k]
            d[k + 100] = 0
    except RuntimeError as e:
        seen.append(str(e))
    print(label, seen)

# Dict displays of mixed keys are sized for all their keys at once.
d = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, 8: 8}
it = iter(d)
out = [step(it)]
for k in "abcdefg":
    del d[k]
    d[k * 2] = 0
out += [step(it) for _ in range(9)]
print("display mixed", out)


# A key whose comparison changes the dict during a lookup.
class Meddler:
    def __init__(self, d):
        self.d = d

    def __hash__(self):
        return 0

    def __eq__(self, other):
        self.d.clear()
        return False


d = {}
d[Meddler(d)] = 1
d[Meddler(d)] = 2
print("meddler", len(d))
d = {Meddler(None): 1}
it = iter(d)
print(type(step(it)).__name__, step(it))


# A long same-size churn ends (as in CPython, after at most len(d) items).
d = dict.fromkeys(range(100))
n = 0
try:
    for k in d:
        n += 1
        del d[k]
        d[k + 1000] = None
except RuntimeError as e:
    print("churn", n, e)
else:
    print("churn", n, "no error")


# A small fuzz: random operations interleaved with next(), the same in every run.
class Rng:
    def __init__(self, seed):
        self.s = seed

    def below(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.s >> 33) % n


keys = list(range(12)) + ["a", "b", "c", "d", "e", 2.5, (1, 2)]
for seed in range(60):
    g = Rng(seed)
    d = {}
    for _ in range(g.below(14)):
        d[keys[g.below(len(keys))]] = 1
    it = reversed(d) if g.below(3) == 0 else iter(d)
    out = []
    for _ in range(30):
        op = g.below(10)
        k = keys[g.below(len(keys))]
        if op <= 2:
            out.append(step(it))
        elif op == 3:
            d[k] = 2
        elif op <= 5:
            d.pop(k, None)
        elif op == 6 and d:
            out.append(d.popitem()[0])
        elif op == 7:
            d.pop(k, None)
            d[keys[g.below(len(keys))]] = 3
        elif op == 8:
            d.update({keys[g.below(len(keys))]: 4 for _ in range(g.below(4))})
        elif op == 9 and g.below(5) == 0:
            d.clear()
    print(seed, out, list(d))


# Sets: a size change raises, and keeps raising.
def set_loop(title, s, body, limit=50):
    seen = []
    try:
        for x in s:
            seen.append(x)
            body(s, x)
            if len(seen) > limit:
                seen.append("LIMIT")
                break
        print(title, seen, "ok", sorted(s))
    except RuntimeError as e:
        print(title, seen, "RuntimeError:", e, sorted(s))


set_loop("set add", {1, 2, 3}, lambda s, x: s.add(x + 10))
set_loop("set discard", {1, 2, 3}, lambda s, x: s.discard(x))
set_loop("set clear", {1, 2, 3}, lambda s, x: s.clear())
set_loop("set pop", {1, 2, 3}, lambda s, x: s.pop())
set_loop("set swap", {1, 2, 3}, lambda s, x: (s.discard(x), s.add(x + 8)))
set_loop("set swap big", set(range(40)), lambda s, x: (s.discard(x), s.add(x + 64)))
set_loop("set readd", {1, 2, 3}, lambda s, x: (s.discard(x), s.add(x)))
set_loop("set add existing", {1, 2, 3}, lambda s, x: s.add(1))
set_loop("set update existing", {1, 2, 3}, lambda s, x: s.update({2, 3}))
set_loop("set ior", {1, 2, 3}, lambda s, x: s.__ior__({x + 20}))

s = {1, 2, 3}
it = iter(s)
out = [step(it)]
s.add(4)
out += [step(it), step(it)]
s.discard(4)
out += [step(it), it.__length_hint__()]
print("set sticky", out)
s = {1, 2, 3}
it = iter(s)
print(step(it), it.__length_hint__())
s.discard(1)
s.add(9)
print([step(it) for _ in range(4)], it.__length_hint__())

for seed in range(40):
    g = Rng(seed)
    s = set()
    for _ in range(g.below(20)):
        s.add(g.below(40))
    it = iter(s)
    out = []
    for _ in range(30):
        op = g.below(6)
        x = g.below(40)
        if op <= 2:
            out.append(step(it))
        elif op == 3:
            s.add(x)
        elif op == 4:
            s.discard(x)
        else:
            s.discard(x)
            s.add(g.below(40))
    print("set", seed, out, sorted(s))
