d = {"a": 1, "b": 2}
d.update(c=3)
d.update([("d", 4)])
d.update({"e": 5})
print(d, d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("f", 6), d.setdefault("a", 0))
print(d.pop("f"), d.pop("z", None), d.popitem(), d)
print(d.keys(), d.values(), d.items())
k = d.keys()
d["g"] = 7
print(k, len(k), "g" in k, ("g", 7) in d.items(), 7 in d.values())
print(d.keys() & {"a", "zz"}, d.keys() - {"a", "b", "c", "d"}, sorted(d.keys() | {"q"}))
print(list(reversed(d)), list(reversed(d.items())), list(reversed(d.values())))
print(dict.fromkeys("xy"), dict.fromkeys([1, 2], 0), dict(a=1), dict([(1, 2)], z=3))
e = {"x": 1}
print(e | {"y": 2}, e)
e |= [("z", 3)]
print(e, e == {"z": 3, "x": 1}, e.copy() is e)
for bad in [lambda: d["nope"], lambda: {}.popitem(), lambda: d.update([1]), lambda: dict([(1, 2, 3)]), lambda: d | [1]]:
    try:
        bad()
    except (KeyError, TypeError, ValueError) as err:
        print(type(err).__name__, err)
try:
    for key in d:
        d[key + "!"] = 0
except RuntimeError as err:
    print(err)
d.clear()
print(d)
