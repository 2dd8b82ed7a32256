a = list(range(10))
print(a[2:5], a[::3], a[::-1], a[-3:], a[:-7], a[8:2:-2], a[100:], a[-100:2])
print((1, 2, 3, 4)[1:3], "hello world"[::2], "abc"[::-1], range(10)[2:8:3], range(10)[::-1])
s = slice(1, 8, 2)
print(s, s.start, s.stop, s.step, s.indices(5), a[s])
print(slice(None, None, -1).indices(5), slice(5).indices(3))
b = list(range(10))
b[2:5] = ["x"]
print(b)
b[::2] = "ABCD"
print(b)
del b[::3]
print(b)
b[1:1] = [7, 7]
print(b)
b[:] = b
print(b, len(b))
c = [1, 2, 3]
c[5:2] = [9]
print(c)
for bad in [lambda: a.__setitem__(slice(0, 4, 2), [1]), lambda: a[::0], lambda: a["x":], lambda: hash(slice(1))]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(slice(1, 2) == slice(1, 2), slice(1, 2) < slice(1, 3))
