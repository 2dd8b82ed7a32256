import operator as o

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(o.add(1, 2), o.sub(5, 3), o.mul('ab', 3), o.truediv(7, 2), o.floordiv(7, 2), o.mod(7, 3), o.pow(2, 10), o.matmul if False else 0)
print(o.neg(5), o.pos(-5), o.abs(-3.5), o.invert(5), o.inv(5), o.lshift(1, 10), o.rshift(1024, 3), o.and_(12, 10), o.or_(12, 10), o.xor(12, 10))
print(o.not_(0), o.truth([]), o.truth([1]), o.is_(None, None), o.is_not(1, None))
print(o.eq(1, 1.0), o.ne(1, 2), o.lt(1, 2), o.le(2, 2), o.gt('b', 'a'), o.ge([1], [2]))
print(o.contains([1, 2, 3], 2), o.contains('abc', 'z'), o.getitem([1, 2, 3], 1), o.getitem({'a': 1}, 'a'), o.getitem('hello', slice(1, 3)))
L = [1, 2, 3]
o.setitem(L, 0, 'x'); o.delitem(L, 1)
print(L, o.index(7), o.index(True), o.concat([1], [2]), o.concat('a', 'b'), o.concat((1,), (2,)))
print(o.countOf([1, 2, 1, 1], 1), o.indexOf('abc', 'c'), o.length_hint([1, 2]), o.length_hint(5, 7))
x = [1]
y = o.iadd(x, [2])
print(x, y is x, o.iadd(1, 2), o.isub(5, 1), o.imul([0], 3), o.itruediv(1, 4), o.ifloordiv(9, 2), o.imod(9, 4), o.ipow(3, 3))
print(o.ilshift(1, 3), o.irshift(16, 2), o.iand(6, 3), o.ior(6, 3), o.ixor(6, 3), o.iconcat([1], [2]))
print(o.__add__(1, 2), o.__not__(1), o.__inv__(3), o.__and__(3, 1), o.__getitem__('ab', 0), o.__concat__('a', 'b'))
print(o.add, o.__add__)

g = o.itemgetter(1)
print(g, g([5, 6, 7]), g('xyz'), o.itemgetter(0, 2)([5, 6, 7]), o.itemgetter('k')({'k': 'v'}))
print(sorted([(1, 'b'), (0, 'c'), (2, 'a')], key=o.itemgetter(1)))
class P:
    def __init__(self, n):
        self.n = n
        self.child = self if n == 0 else P(n - 1)
    def greet(self, who, punct='!'):
        return 'hi ' + who + punct + str(self.n)
p = P(2)
a = o.attrgetter('n')
print(a, a(p), o.attrgetter('child.child.n')(p), o.attrgetter('n', 'child.n')(p), o.attrgetter('a.b', 'c'))
m = o.methodcaller('greet', 'bob', punct='?')
print(m, m(p), o.methodcaller('upper')('abc'), o.methodcaller('split', ',')('a,b'), o.methodcaller('g'))
print(type(g).__name__, type(a).__name__, type(m).__name__)
print(list(map(o.attrgetter('real'), [1, 2.5])), list(map(o.mul, [1, 2], [3, 4])))

t(lambda: o.add(1))
t(lambda: o.neg())
t(lambda: o.neg(1, 2))
t(lambda: o.not_())
t(lambda: o.abs('a'))
t(lambda: o.index('a'))
t(lambda: o.concat(1, 2))
t(lambda: o.indexOf([1], 5))
t(lambda: o.countOf(5, 5))
t(lambda: o.length_hint(5, 'a'))
t(lambda: o.itemgetter())
t(lambda: o.attrgetter(1))
t(lambda: o.attrgetter())
t(lambda: o.methodcaller())
t(lambda: o.methodcaller(1))
t(lambda: o.itemgetter(1)())
t(lambda: o.itemgetter(1)([1], [2]))
t(lambda: o.itemgetter(5)([1]))
t(lambda: o.attrgetter('zz')(1))
t(lambda: o.getitem(1, 2))
t(lambda: o.contains(1, 2))
t(lambda: o.neg('a'))
t(lambda: o.delitem([1, 2], 0))
t(lambda: o.truediv(1, 0))
t(lambda: o.add(1, 'a'))
t(lambda: o.lt(1, 'a'))
