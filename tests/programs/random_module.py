import random

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

random.seed(12345)
print([random.random() for _ in range(5)])
print([random.randint(1, 100) for _ in range(10)])
print([random.randrange(0, 1000, 7) for _ in range(5)], random.randrange(10), random.randrange(10, 0, -3))
xs = list(range(20))
random.shuffle(xs)
print(xs)
print(random.choice('abcdefg'), random.choice([10, 20, 30]), random.choice(range(1000)))
print(random.sample(range(100), 10))
print(random.sample(range(10**6), 8))
print(random.sample('abcdefghij', 4), random.sample([1, 2, 3], 3))
print(random.sample(['red', 'blue'], counts=[4, 2], k=5))
print([random.gauss(0, 1) for _ in range(5)])
print(random.gauss(10, 2), random.gauss(mu=5.0, sigma=0.5))
print([random.normalvariate(0, 1) for _ in range(3)])
print(random.uniform(1, 10), random.triangular(0, 10, 3), random.triangular())
print(random.expovariate(1.5), random.lognormvariate(0, 0.5), random.vonmisesvariate(1.0, 4.0), random.vonmisesvariate(0, 0))
print(random.gammavariate(2.5, 1.0), random.gammavariate(0.5, 2.0), random.gammavariate(1.0, 3.0))
print(random.betavariate(2, 3), random.paretovariate(2.0), random.weibullvariate(1.0, 1.5))
print(random.choices('abc', k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=6), random.choices('xy', cum_weights=[1, 5], k=4))
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(33), random.getrandbits(100), random.getrandbits(0))
print(random.randrange(10**30), random.randint(-10**20, 10**20))

for s in [0, 1, -1, 2**32, 2**100 + 7, 'hello', '', 3.5, True, 'ünïcode']:
    random.seed(s)
    print(repr(s), random.random(), random.randint(0, 10**6))

st = random.getstate()
a = [random.random() for _ in range(3)]
random.setstate(st)
print(a == [random.random() for _ in range(3)], st[0], len(st[1]), st[1][-1])
random.seed(7)
random.gauss()
st = random.getstate()
print(st[2])
g1 = random.gauss()
random.setstate(st)
print(g1 == random.gauss())

r = random.Random(42)
print(r.random(), r.randint(1, 6), r.choice('xyz'))
r2 = random.Random(42)
print(r2.random() == random.Random(42).random(), type(r).__name__, isinstance(r, random.Random))
r3 = random.Random()
r3.seed('abc')
print(r3.random(), random.Random('abc').random())

class MyRandom(random.Random):
    def __init__(self, seed, tag):
        super().__init__(seed)
        self.tag = tag
m = MyRandom(42, 'T')
print(m.tag, m.random(), m.randint(1, 6), [m.random() for _ in range(2)])

class Const(random.Random):
    def random(self):
        return 0.5
c = Const(1)
print(c.random(), c.uniform(0, 10), c.randrange(10), c.choice('abcd'), c.randint(0, 99))

class Bits(random.Random):
    def getrandbits(self, k):
        return 0
b = Bits(3)
print(b.randrange(10), b.choice('abc'), b.random())

random.seed(99)
big = list(range(1000))
random.shuffle(big)
print(big[:10], sum(big))

t(lambda: random.randrange(0))
t(lambda: random.randrange(5, 2))
t(lambda: random.randrange(5, 2, 2))
t(lambda: random.randrange(1, 10, 0))
t(lambda: random.randrange(1.5))
t(lambda: random.randrange(10.0, 20))
t(lambda: random.randrange(10, step=2))
t(lambda: random.choice([]))
t(lambda: random.sample([1, 2], 3))
t(lambda: random.sample({1, 2}, 1))
t(lambda: random.getrandbits(-1))
t(lambda: random.choices([1, 2], [1]))
t(lambda: random.choices([1, 2], [0, 0]))
t(lambda: random.choices([1, 2], [1, 1], cum_weights=[1, 2]))
t(lambda: random.gammavariate(-1, 1))
t(lambda: random.seed([1]))
t(lambda: random.setstate((3, (1, 2), None)))
t(lambda: random.setstate((9, (1, 2), None)))
t(lambda: random.setstate((3, 5, None)))
t(lambda: random.sample([1, 2, 3], 2, counts=[1, 2]))
t(lambda: random.getrandbits())
t(lambda: random.random(1))
