import _random
r = _random.Random(42)
print(r.random(), r.random(), r.getrandbits(1), r.getrandbits(32), r.getrandbits(100))
for seed in [0, 1, -1, 2**32, 2**100 + 7, True, 3.5, (1, 2)]:
    print(repr(seed), _random.Random(seed).random())
r.seed(12345)
s = r.getstate()
print(len(s), s[-1], s[0], s[623])
a = [r.random() for _ in range(700)]
r.setstate(s)
print(a == [r.random() for _ in range(700)])
print(r.getstate()[-1])


class Sub(_random.Random):
    def __init__(self, x):
        self.x = x
        self.seed(x)

    def double(self):
        return self.random() * 2


t = Sub(42)
print(t.x, t.double(), type(t).__mro__[1].__name__, type(t).__mro__[1].__module__)
c = _random.Random(5)
for bad in [lambda: c.setstate(1), lambda: c.setstate((1,) * 5), lambda: c.getrandbits(-1),
            lambda: c.seed(1, 2), lambda: _random.Random(1, 2), lambda: c.setstate((0,) * 624 + (700,)),
            lambda: _random.Random(x=1), lambda: c.getrandbits(1.5), lambda: c.setstate((-1,) * 625)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(c.getrandbits(0), c.random() < 1.0)
