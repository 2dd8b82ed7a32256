s = {3, 1, 2}
s.add(5)
s.discard(1)
print(s, len(s), 2 in s, 9 in s)
t = set(range(10))
print(t & {2, 3, 20}, t - set(range(5)), {1, 2} | {3}, {1, 2} ^ {2, 3})
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2} == frozenset({2, 1}), {1}.isdisjoint([2]))
print(t.issubset(range(20)), t.issuperset([1, 2]), t.union([10], (11,)), t.intersection([1, 2], {2}))
u = set(range(20))
for i in range(0, 20, 3):
    u.discard(i)
u.add(100)
u.add(3)
print(u)
u -= {100}
u |= {50}
u &= set(range(40))
u ^= {1, 2, 200}
print(u)
print(frozenset({3, 1}), frozenset(), set(), hash(frozenset({1, 2})), hash(frozenset()))
print({frozenset({1}): "x"}, {1} in {frozenset({1})})
p = set(range(1, 11))
print([p.pop() for _ in range(3)], p)
print(sorted({9, 17, 1, 33, 25}), set([9, 17, 1, 33, 25]))
for bad in [lambda: set().pop(), lambda: {1}.remove(2), lambda: {[1]}, lambda: hash({1}), lambda: {1} | [2]]:
    try:
        bad()
    except (KeyError, TypeError) as e:
        print(type(e).__name__, e)
try:
    for x in s:
        s.add(x * 100)
except RuntimeError as e:
    print(e)
