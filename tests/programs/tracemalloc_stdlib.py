# CPython's own Lib/tracemalloc.py over the native _tracemalloc: snapshots pickle to a file
# and back, closure cells made in a frame's prologue belong to the caller's line, and
# -X tracemalloc / PYTHONTRACEMALLOC start tracing (or refuse bad frame counts).
import os
import subprocess
import sys
import tempfile
import tracemalloc

print(hasattr(tracemalloc, "linecache"), hasattr(tracemalloc, "pickle"))
tracemalloc.start(4)


def make_closure(x):
    def inner():
        return x
    return inner


cell = make_closure(1).__closure__[0]  # the cell's line
tb = tracemalloc.get_object_traceback(cell)
print(tb[-1].lineno, os.path.basename(tb[-1].filename))

data = [bytes(100) for _ in range(50)]
snapshot = tracemalloc.take_snapshot()
fd, path = tempfile.mkstemp()
os.close(fd)
try:
    snapshot.dump(path)
    loaded = tracemalloc.Snapshot.load(path)
    print(loaded.traceback_limit, len(loaded.traces) == len(snapshot.traces))
    print(loaded.statistics("lineno")[:3] == snapshot.statistics("lineno")[:3])
finally:
    os.unlink(path)
tracemalloc.stop()

# Files opened in binary mode take any bytes-like object.
fd, path = tempfile.mkstemp()
os.close(fd)
try:
    with open(path, "wb") as f:
        print(f.write(memoryview(b"abcdef")[1:4]), f.write(bytearray(b"gh")))
    with open(path, "rb") as f:
        print(f.read())
finally:
    os.unlink(path)


def run(args, env_value=None):
    env = dict(os.environ)
    env.pop("PYTHONTRACEMALLOC", None)
    if env_value is not None:
        env["PYTHONTRACEMALLOC"] = env_value
    code = "import tracemalloc; print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())"
    p = subprocess.run([sys.executable, *args, "-c", code], env=env,
                       capture_output=True, text=True)
    return p.returncode, p.stdout.strip(), "invalid number of frames" in p.stderr or \
        "must be in range" in p.stderr


print(run(["-X", "tracemalloc=7"]))
print(run(["-X", "tracemalloc"]))
print(run(["-X", "tracemalloc=0"]))
print(run([], "5"))
print(run([], "0"))
print(run(["-E"], "5"))
print(run(["-X", "tracemalloc=3"], "5"))
for bad in ("-1", "abc", "1073741824"):
    rc, out, msg = run(["-X", "tracemalloc=" + bad])
    print(rc != 0, out, msg)
    rc, out, msg = run([], bad)
    print(rc != 0, out, msg)
