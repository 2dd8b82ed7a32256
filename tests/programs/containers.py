xs = [3, 1, 2]
xs.append(4)
xs[0] = 30
print(xs, len(xs), xs[-1], 2 in xs, 5 not in xs)
t = (1, "two", 3.0, None)
print(t, t[1], len(t), (1,), ())
d = {"a": 1, "b": 2}
d["c"] = 3
d["a"] = 10
print(d, d["b"], len(d), "c" in d, d.get("z"), d.get("z", 0))
for k in d:
    print(k, d[k])
nested = [[1, 2], [3, [4, 5]]]
print(nested[1][1][0])
print([1, 2] + [3], [0] * 3, (1, 2) + (3,), "ab" * 3)
print([1, 2] == [1, 2], (1, 2) < (1, 3), "abc" < "abd")
a = [1]
a.append(a)
print(a)
print({1: "one", 2.5: "x", (1, 2): "tuple", True: "t"})
print(list(range(5)), tuple("hi"), str(42), int("17"), float("2.5"), repr("it's"))
