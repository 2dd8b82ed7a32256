# Cycles through the core natives' containers (deque and its iterators, partial, the lru
# cache, cmp_to_key wrappers, contextvars, defaultdict, _tuplegetter): the collector frees
# them, weak reference callbacks report each death.
import gc
import _weakref
from _collections import deque, defaultdict, _tuplegetter
from _functools import partial, _lru_cache_wrapper, cmp_to_key
import _contextvars

dead = []


class Node:
    pass


def watch(obj, tag):
    return _weakref.ref(obj, lambda r: dead.append(tag))


refs = []
for round in range(3):
    n = Node()
    d = deque([n])
    n.d = d
    n.it = iter(d)
    n.rit = reversed(d)
    refs.append(watch(n, "deque"))

    m = Node()
    m.p = partial(print, m)
    refs.append(watch(m, "partial"))

    c = Node()
    c.f = _lru_cache_wrapper(lambda x: c, 4, False, tuple)
    c.f(1)
    refs.append(watch(c, "lru"))

    k = Node()
    k.key = cmp_to_key(lambda a, b: 0)(k)
    refs.append(watch(k, "key"))

    v = Node()
    v.var = _contextvars.ContextVar("v", default=v)
    v.ctx = _contextvars.Context()
    v.ctx.run(v.var.set, v)
    refs.append(watch(v, "context"))

    dd = Node()
    dd.map = defaultdict(lambda: dd)
    dd.map["x"]
    refs.append(watch(dd, "defaultdict"))

    t = Node()
    t.g = _tuplegetter(0, t)
    refs.append(watch(t, "tuplegetter"))

    del n, d, m, c, k, v, dd, t
    gc.collect()
    print(round, sorted(dead))
    dead.clear()
print(all(r() is None for r in refs))
