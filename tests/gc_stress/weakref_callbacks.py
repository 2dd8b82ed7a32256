# Weak reference callbacks: they run after the referents are cleared, may create new objects
# and cycles, may resurrect objects they can reach, and may call gc.collect() themselves.
import gc
import weakref

log = []
saved = []


class Obj:
    def __init__(self, name):
        self.name = name


def make_cycle(name):
    o = Obj(name)
    o.me = o
    return o


# 1. A callback that creates new cycles while the collector runs.
def creating(wr):
    log.append("creating callback")
    fresh = make_cycle("fresh")
    saved.append(fresh)
    junk = []
    junk.append(junk)


o = make_cycle("victim1")
w1 = weakref.ref(o, creating)
del o
gc.collect()
print(log, w1() is None, saved[0].name)

# 2. A callback that resurrects an object reachable from the callback (not garbage) and
# stores the dead weak reference itself.
keeper = Obj("keeper")


def resurrecting(wr, keeper=keeper):
    log.append("resurrecting callback")
    saved.append(keeper)
    saved.append(wr)


o = make_cycle("victim2")
o.keeper = keeper
w2 = weakref.ref(o, resurrecting)
del o, keeper
gc.collect()
print(log[-1], saved[-2].name, saved[-1] is w2, w2() is None)


# 3. A callback that calls gc.collect() (a nested collection while one is running).
def collecting(wr):
    log.append("collecting callback")
    gc.collect()
    log.append("collect inside callback returned")


o = make_cycle("victim3")
w3 = weakref.ref(o, collecting)
del o
gc.collect()
print(log[-2:])

# 4. A weak reference that is part of the garbage: its callback never runs.
o = make_cycle("victim4")
o.wr = weakref.ref(o, lambda wr: log.append("must not run"))
del o
gc.collect()
print("garbage weakref callback ran:", "must not run" in log)

# 5. Callbacks run when reference counting frees the referent, too; one callback per weakref,
# newest first.
o = Obj("plain")
refs = [weakref.ref(o, lambda wr, i=i: log.append("plain %d" % i)) for i in range(3)]
del o
print(log[-3:])

# 6. Many referents, callbacks allocating, under collection.
for i in range(20):
    o = make_cycle("many%d" % i)
    refs.append(weakref.ref(o, lambda wr, i=i: saved.append([i, [i]])))
    del o
gc.collect()
print(len(saved), sorted(x[0] for x in saved if isinstance(x, list)) == list(range(20)))

# 7. WeakValueDictionary entries vanish with their cycles.
wvd = weakref.WeakValueDictionary()
for i in range(5):
    wvd[i] = make_cycle("wvd%d" % i)
gc.collect()
print("wvd", len(wvd))
# 8. weakref.finalize on a cycle.
o = make_cycle("finalized")
f = weakref.finalize(o, log.append, "finalize ran")
del o
gc.collect()
print(log[-1], f.alive)

# 9. Callbacks and finalizers that trigger collections while reference counting frees their
# referent (threshold 1: every container allocation may collect). The dying object must not
# be found by those collections.
gc.set_threshold(1, 1, 1)
for i in range(5):
    o = Obj("dying%d" % i)
    o.child = [Obj("child")]
    w = weakref.ref(o, lambda wr: saved.append([[], {}, Obj("made in callback")]))
    del o
gc.set_threshold(700, 10, 10)
print("callbacks under threshold 1", len(saved))
