# Allocation tracebacks when the same function allocates, called from different places and at
# different depths, many times over (the tracers remember tracebacks per stack shape: the same
# callee under another caller, or deeper in a recursion, is another shape).
import tracemalloc

tracemalloc.start(3)


class Node:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def make():
    return Node(0)


def site_a():
    return make()


def site_b():
    return make()


def lines(obj):
    return [f.lineno for f in tracemalloc.get_object_traceback(obj)]


objs = []
for i in range(3000):
    objs.append(site_a() if i % 3 else site_b())
print(lines(objs[0]), lines(objs[1]), lines(objs[-1]), lines(objs[-3]))


def rec(n):
    return Node(n) if n == 0 else rec(n - 1)


deep = []
for rounds in range(200):
    for k in range(5):
        deep.append(rec(k))
print([lines(d) for d in deep[:2]])

snap = tracemalloc.take_snapshot()
print(sorted({t.traceback.total_nframe for t in snap.traces if t.traceback[-1].lineno == 39}))
counts = sorted(
    (tuple(f.lineno for f in s.traceback), s.count >= 1000)
    for s in snap.statistics("traceback")
    if s.traceback[-1].lineno == 17
)
print(counts)
tracemalloc.stop()
