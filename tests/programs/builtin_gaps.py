# min/max with key= and default=, reversed() on classes, __length_hint__, StopIteration.value,
# SystemExit.code, and the __init__ of list/dict/set subclasses
def t(f):
    try:
        print("OK", repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: min())
t(lambda: min(1))
t(lambda: min([]))
t(lambda: min([], default=5))
t(lambda: min(1, 2, default=3))
t(lambda: min([1], foo=1))
t(lambda: max([1, 3, 2], key=lambda x: -x))
t(lambda: max("abc", "xy", key=len))
t(lambda: min([3, 1], key=None))
t(lambda: max(key=len))
t(lambda: max([], key=len))
t(lambda: min([(1, 'a'), (1, 'b')], key=lambda p: p[0]))
t(lambda: max([(1, 'a'), (1, 'b')], key=lambda p: p[0]))
t(lambda: max(1, "a"))
t(lambda: iter(reversed([1,2,3])).__length_hint__())
t(lambda: reversed({1:2}).__length_hint__())
t(lambda: reversed(range(3)).__length_hint__())
t(lambda: iter([1,2]).__length_hint__())
t(lambda: StopIteration(5).value)
t(lambda: StopIteration().value)
t(lambda: StopIteration(1, 2).value)
t(lambda: SystemExit(3).code)
t(lambda: SystemExit().code)
t(lambda: SystemExit(1, 2).code)
class R:
    def __reversed__(self): return iter([3, 2, 1])
class S:
    def __len__(self): return 3
    def __getitem__(self, i): return i * 10
class N: pass
t(lambda: list(reversed(R())))
t(lambda: list(reversed(S())))
t(lambda: reversed(N()))
t(lambda: reversed(S()).__length_hint__())
class L(list):
    def __init__(self, x):
        super().__init__(x)
        self.extra = 1
class D(dict):
    def __init__(self, **kw):
        super().__init__(**kw)
class St(set):
    def __init__(self, it):
        super().__init__(it)
t(lambda: (L([1, 2]), L("ab").extra))
t(lambda: D(a=1))
t(lambda: St([1, 1, 2]))
t(lambda: list.__init__([5], [1, 2]))
l = [9]; l.__init__((1, 2)); print(l)
d = {1: 2}; d.__init__([(3, 4)], x=5); print(d)
s = {9}; s.__init__([1]); print(s)
t(lambda: [].__init__(1, 2))
t(lambda: {}.__init__(1, 2))
t(lambda: set().__init__(1, 2))
t(lambda: set().__init__(x=1))
t(lambda: [].__init__(x=1))
class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


print([10, 20, 30][Idx(1)], "abc"[Idx(2)], b"xyz"[Idx(0)], (1, 2)[Idx(-1)], bytes(Idx(2)), bytearray(b"ab")[Idx(1)])
lst = [1, 2, 3]
lst[Idx(0)] = 9
print(lst, [1, 2, 3, 4][Idx(1):Idx(3)], "x" * Idx(3))


class Rev(list):
    pass


print(list(reversed(Rev([1, 2]))), type(D()).__name__, type(St([])).__name__)


class NoRev:
    __reversed__ = None

    def __len__(self):
        return 1

    def __getitem__(self, i):
        return i


t(lambda: reversed(NoRev()))
