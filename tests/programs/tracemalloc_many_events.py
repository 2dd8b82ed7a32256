# tracemalloc over hundreds of thousands of allocations (its counts kept beside the program, in
# batches) and across os.fork(): every query sees every allocation made before it, in the
# parent and in the child.
import os
import tracemalloc

tracemalloc.start()


class Node:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v


def line(obj):
    tb = tracemalloc.get_object_traceback(obj)
    return tb[0].lineno if tb is not None else None


keep = [Node(i) for i in range(200_000)]
print("nodes", line(keep[0]), line(keep[-1]))
cur, peak = tracemalloc.get_traced_memory()
print("traced", cur > 200_000 * 16, peak >= cur)

more = [str(i) * 3 for i in range(100_000)]
print("strings", line(more[-1]), tracemalloc.is_tracing())

pid = os.fork()
if pid == 0:
    extra = [bytes(20 + i % 3) for i in range(50_000)]
    print("child", line(keep[1]), line(more[5]), line(extra[-1]), flush=True)
    snap = tracemalloc.take_snapshot()
    counts = {s.traceback[0].lineno: s.count for s in snap.statistics("lineno")}
    print("child counts", counts.get(22, 0) >= 200_000, counts.get(32, 0) >= 50_000, flush=True)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print("child status", status)
print("parent", line(keep[2]), line(more[-2]))

del keep
after, _ = tracemalloc.get_traced_memory()
print("freed", after < cur)
tracemalloc.reset_peak()
_, peak = tracemalloc.get_traced_memory()
print("peak reset", peak == tracemalloc.get_traced_memory()[0])
tracemalloc.stop()
print("stopped", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
