import tracemalloc

print(tracemalloc.is_tracing())
tracemalloc.start()
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
snap1 = tracemalloc.take_snapshot()


def make_lists():
    return [list(range(10)) for _ in range(200)]


def make_strs():
    return ["x" * 1000 + str(i) for i in range(100)]


data = make_lists()
text = make_strs()
current, peak = tracemalloc.get_traced_memory()
print(current > 0, peak >= current)
snap2 = tracemalloc.take_snapshot()
stats = snap2.statistics("lineno")
top = stats[0]
print(type(top).__name__, top.traceback[0].filename.endswith("tm_basic.py"), top.traceback[0].lineno)
print(str(top).startswith("%s:%d: size=" % (top.traceback[0].filename, top.traceback[0].lineno)))
print([s.traceback[0].lineno for s in stats[:2]])
print(all(stats[i].size >= stats[i + 1].size for i in range(len(stats) - 1)))
diff = snap2.compare_to(snap1, "lineno")
print(type(diff[0]).__name__, diff[0].traceback[0].lineno in (10, 14), diff[0].size_diff > 0)
print(" (+" in str(diff[0]), "count=" in str(diff[0]))
fstats = snap2.statistics("filename")
print(fstats[0].traceback[0].lineno, str(fstats[0].traceback[0]).endswith("tm_basic.py:0"))
before, _ = tracemalloc.get_traced_memory()
del data
tracemalloc.reset_peak()
c2, p2 = tracemalloc.get_traced_memory()
print(c2 < before, p2 == c2)
tracemalloc.clear_traces()
print(tracemalloc.get_traced_memory())
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    tracemalloc.start(0)
except ValueError as e:
    print("ValueError:", e)
tracemalloc.start(5)
class Box:
    pass
def inner():
    return Box()
def outer():
    return inner()
keep = outer()
# (get_object_traceback: CPython 3.11.7 answers None for instances; arenapy's own test checks it)
s = tracemalloc.take_snapshot().statistics("traceback")
print(len(s[0].traceback) >= 1)
tracemalloc.stop()
from tracemalloc import Statistic, StatisticDiff, Traceback, _format_size
t = Traceback((("x.py", 3),))
print(Statistic(t, 1024, 10))
print(StatisticDiff(t, 2048, 1024, 20, 10))
print(Statistic(t, 5 * 1024 * 1024, 3))
print(_format_size(123456, True), _format_size(-99, True))
