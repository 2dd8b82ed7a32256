xs = [5, 3, 8, 1, 9, 2]
xs.append(7)
xs.extend((4, 6))
xs.insert(0, 0)
xs.insert(-1, 10)
print(xs, len(xs), xs.count(3), xs.index(8), xs.index(6, 3))
print(xs.pop(), xs.pop(0), xs)
xs.remove(10)
xs.reverse()
print(xs)
ys = xs.copy()
xs.sort()
print(xs, ys)
ys.sort(reverse=True)
print(ys)
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
pairs = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
zs = [1, 2]
zs += [3]
zs *= 2
print(zs, [0] * -1, 3 * [1], [1, 2] < [1, 3], [1, 2] == [1, 2])
print(list(reversed(zs)), 3 in zs, 7 not in zs)
t = (1, 2, 1, 3) * 2
print(t, t.count(1), t.index(3), t[::-2])
for bad in [lambda: [].pop(), lambda: xs.index(99), lambda: [3, "a"].sort(), lambda: xs.remove(99), lambda: [1] * "a"]:
    try:
        bad()
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)
m = [3, 1, 2]
def key(v):
    m.append(v)
    return v
try:
    m.sort(key=key)
except ValueError as e:
    print(e, m)
xs.clear()
print(xs)
