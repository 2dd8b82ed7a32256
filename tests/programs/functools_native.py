from _functools import partial, reduce, cmp_to_key, _lru_cache_wrapper
def f(*a, **k): return a, k
p = partial(f, 1, a=2); print(repr(p).split(' at ')[0], p.func is f, p.args, p.keywords, p(3, b=4), p(a=5))
q = partial(p, 5, c=6); print(q.func is f, q.args, q.keywords)
p.x=1; r = partial(p, 7); print(r.func is p, p.__dict__, p.x)
print(p.__reduce__()[0], p.__reduce__()[1][0] is f, p.__reduce__()[2][1:])
class P(partial): pass
print(repr(P(max, 1)), repr(partial(max, 1, 'a', k=3)))
for g in [lambda: partial(), lambda: partial(1), lambda: p.__setstate__((1,)), lambda: p.__setstate__((1,2,3,4)), lambda: partial(f).__setstate__((f, [1], {}, None)), lambda: reduce(), lambda: reduce(f, []), lambda: reduce(f, 1), lambda: cmp_to_key(), lambda: cmp_to_key(f)(1) < 2, lambda: hash(cmp_to_key(f)(1)), lambda: cmp_to_key(f)(), lambda: reduce(f,[],1,2)]:
  try: print(g())
  except Exception as e: print(type(e).__name__, e)
K=cmp_to_key(lambda a,b: a-b); print(type(K), type(K(1)), K(1).obj, K(1) < K(2), K(2)==K(2))
print(partial.__module__, partial.__name__)
p = partial(max, 1)
for g in [lambda: setattr(p, 'func', 1), lambda: delattr(p, '__dict__'), lambda: setattr(p, '__dict__', 1), lambda: delattr(p, 'zz')]:
  try: print(g())
  except Exception as e: print(type(e).__name__, e)
p2 = partial(max); p2.__setstate__((min, (1,), None, None)); print(p2.keywords, p2.args, repr(p2))
from collections import namedtuple
CI = namedtuple('CI', 'hits misses maxsize currsize')
calls = []
def g(x, y=0): calls.append(x); return x + y
w = _lru_cache_wrapper(g, 2, False, CI)
print(w(1), w(1), w(2), w(3), w(1), w(1, y=1), w.cache_info(), calls)
w.cache_clear(); print(w.cache_info())
u = _lru_cache_wrapper(g, None, True, CI); print(u(1), u(1.0), u(1), u.cache_info())
z = _lru_cache_wrapper(g, 0, False, CI); print(z(1), z(1), z.cache_info())
class A:
    m = _lru_cache_wrapper(lambda self, x: (type(self).__name__, x), 10, False, CI)
print(A().m(3), A.m is A.__dict__['m'])
w.__wrapped__ = g; print(w.__wrapped__ is g, w.__dict__.keys())
print(reduce(lambda a,b:a*b, range(1,6), 1), sorted([3,1,2], key=cmp_to_key(lambda a,b: b-a)))
rp = partial(f); rp.__setstate__((f, (rp,), {}, None)); print(repr(rp).count('...'))
