# stress: 50
# A weak reference whose target sits in a long chain of deallocations (unwound iteratively,
# so the target is dead before it is freed) must read as dead, not hand the target out again;
# and a class whose dict holds its own `__dict__`/`__weakref__` descriptors is collected.
import gc
import weakref


def chain(n, with_callbacks):
    seen = []

    class C:
        def __init__(self, parent):
            if not parent:
                return
            wself = weakref.ref(self)

            def cb(wparent):
                seen.append(wself() is None)

            if with_callbacks:
                self.wparent = weakref.ref(parent, cb)
            else:
                self.wparent = weakref.ref(parent)

    d = weakref.WeakKeyDictionary()
    root = c = C(None)
    for _ in range(n):
        d[c] = c = C(c)
    del root
    gc.collect()
    alive = len(d)
    del c
    gc.collect()
    return alive, len(d), all(seen)


for n in (10, 100, 1000):
    print(n, chain(n, True), chain(n, False))


def classes(n):
    refs = []
    for i in range(n):
        class K:
            pass

        class L(K):
            __slots__ = ('a',)

        refs.append(weakref.ref(K))
        refs.append(weakref.ref(L))
    gc.collect()
    return sum(r() is not None for r in refs)


print(classes(50))
