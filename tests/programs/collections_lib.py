import collections, functools, copy, weakref, enum
from collections import namedtuple, Counter, OrderedDict, ChainMap, deque, defaultdict, UserDict
P = namedtuple('P', 'x y')
p = P(1, 2); print(p, p.x, p._replace(x=3), p._asdict(), P._fields)
c = Counter('abracadabra'); print(c.most_common(2), sorted(c.elements())[:4])
o = OrderedDict(a=1, b=2); o.move_to_end('a'); print(o, list(o))
print(ChainMap({'a':1},{'b':2})['b'], deque(range(3)), defaultdict(int))
@functools.lru_cache(maxsize=2)
def f(x): return x*2
print(f(1), f(1), f(2), f.cache_info())
print(functools.reduce(lambda a,b:a+b, range(5)), functools.partial(max, 1)(0))
print(sorted([3,1,2], key=functools.cmp_to_key(lambda a,b: b-a)))
print(copy.deepcopy({'a':[1,2]}), copy.copy(deque([1])))
class Color(enum.Enum):
    RED = 1
    GREEN = 2
print(Color.RED, list(Color), Color(2))
class X: pass
x = X(); ws = weakref.WeakSet([x]); print(len(ws)); del x; print(len(ws))
wv = weakref.WeakValueDictionary(); y = X(); wv['a'] = y; print(list(wv)); del y; print(list(wv))
