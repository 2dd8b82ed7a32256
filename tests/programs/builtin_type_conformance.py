# Builtin types as CPython's test suite checks them: pickling of range, slice and long
# range iterators, subclass construction rules, comparison blocking, round() and complex().
import copy
import operator
import pickle
from fractions import Fraction

# range, slice and their pickles
for r in (range(5), range(1, 20, 3), range(-1, -10, -2), range(2**70, 2**70 + 5)):
    for proto in (0, 2, 4):
        assert pickle.loads(pickle.dumps(r, proto)) == r
    it = iter(r)
    next(it)
    print(r, r.__reduce__(), list(pickle.loads(pickle.dumps(it))), list(copy.deepcopy(it)))
big = iter(range(2**70, 2**70 + 10, 3))
big.__setstate__(2)
print(list(big))
s = slice(1, None, "x")
print(s.__reduce__(), pickle.loads(pickle.dumps(s)), copy.deepcopy(slice(1, 2)))


# subclasses: their own type, keywords only for their own __init__
class T(tuple):
    pass


class TI(tuple):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


class FS(frozenset):
    pass


class SI(set):
    def __init__(self, arg, newarg=None):
        super().__init__(arg)
        self.newarg = newarg


for cls in (T, FS):
    try:
        cls([1], newarg=2)
    except TypeError as e:
        print(cls.__name__, e)
t = TI([1, 2], newarg=3)
print(type(t).__name__, t, t.newarg)
s = SI([1, 2], newarg=4)
print(type(s).__name__, sorted(s), s.newarg)


class E(enumerate):
    pass


class Z(zip):
    pass


print(type(E("ab")).__name__, list(E("ab")), type(Z("ab", "cd")).__name__)

# tuple identity and repetition
t = (1, 2)
print(tuple(t) is t, T(t) is t, type(T(t) * 1).__name__, T(t) * 1 is T(t))


class LyingTuple(tuple):
    def __iter__(self):
        yield 1


class LyingList(list):
    def __iter__(self):
        yield 1


print(tuple(LyingTuple((2,))), list(LyingList([2])), tuple(LyingList([5, 6])))


# a set subclass as a key: looked up as a frozenset
class SetSub(set):
    pass


s = {frozenset([1]), 2}
print(SetSub([1]) in s, s.discard(SetSub([1])), sorted(s, key=repr))


# comparison methods set to None block the fallback
class SupEq:
    def __eq__(self, other):
        return True


class S(SupEq):
    __eq__ = None


class X:
    __eq__ = None


class SN(SupEq):
    __ne__ = None


for op, a, b in [(operator.eq, X(), SupEq()), (operator.eq, SupEq(), S()),
                 (operator.ne, SupEq(), SN()), (operator.ne, SN(), SupEq())]:
    try:
        op(a, b)
    except TypeError as e:
        print(op.__name__, type(a).__name__, type(b).__name__, e)
print(SupEq() == X(), SupEq() != SupEq())

# round() and complex() use the class's methods
print(round(Fraction(-1, 10)), round(Fraction(-150), -2), round(Fraction(7, 3), 2))


class R:
    def __round__(self, n=None):
        return ("rounded", n)


print(round(R()), round(R(), 3), round(R(), None))
print(complex(Fraction(1, 10)), Fraction(1, 10) + (1.0 + 0j))


class Flt:
    def __float__(self):
        return 2.5


class Idx:
    def __index__(self):
        return 3


class Cx:
    def __complex__(self):
        return 1 + 1j


print(complex(Flt()), complex(Idx()), complex(Cx()), complex(1, Flt()))
for bad in (object(), [1]):
    try:
        complex(bad)
    except TypeError as e:
        print(e)
print(operator.length_hint(iter([1, 2, 3])), operator.length_hint(object(), 7))


# list comparison over lists an item's __eq__ changes
class Clear2:
    def __eq__(self, other):
        list2.clear()
        return NotImplemented


class Clear1:
    def __eq__(self, other):
        list1.clear()
        return NotImplemented


list1, list2 = [Clear2()], [Clear1()]
print(list1 == list2, list1, list2)
list3, list4 = [Clear1()], [1]
list1 = [5]
print(list3 == list4, [1, 2] < [1, 3], [1, 2] <= [1], [2] != [2])
