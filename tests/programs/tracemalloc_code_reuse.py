# Allocation tracebacks stay right when code objects are freed and new ones take their place
# (the tracers cache what they derive from a frame position, keyed on the code object).
import tracemalloc

tracemalloc.start(2)


def where(obj):
    tb = tracemalloc.get_object_traceback(obj)
    return [(f.filename, f.lineno) for f in tb]


for i in range(30):
    src = "\n" * (i % 7) + "def make():\n    return bytearray(10)\nx = make()\n"
    ns = {}
    exec(compile(src, "gen%d.py" % i, "exec"), ns)
    print(i, where(ns["x"]))
    del ns, src

snap = tracemalloc.take_snapshot()
stats = snap.filter_traces([tracemalloc.Filter(True, "gen*.py")]).statistics("filename")
print(sorted(s.traceback[0].filename for s in stats)[:3])
tracemalloc.stop()
