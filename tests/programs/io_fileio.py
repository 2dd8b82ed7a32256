# _io.FileIO: modes, reads and writes, seeking, truncation, descriptors, closefd, opener, and
# open() over descriptors, path-like objects and buffering=0
import _io
import os

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).replace(p, "P"))

with open("/proc/self/stat") as _f:
    pid = _f.read().split()[0]
p = "/tmp/_arenapy_io_fileio_" + pid + ".bin"
for stale in (p, p + ".x"):
    if os.path.exists(stale):
        os.remove(stale)

with _io.FileIO(p, "w") as f:
    print(repr(f).replace(p, "P"), f.mode, f.name == p, f.closefd, f.write(b"hello\nworld\n"),
          f.tell())
print(f, f.closed)
f = _io.FileIO(p)
print(f.read(3), f.readall(), f.seek(1), f.read(), f.readable(), f.writable(), f.seekable(),
      f.isatty())
ba = bytearray(4)
f.seek(0)
print(f.readinto(ba), ba, f.read(0), f.seek(-2, 2), f.read(), f.read(5))
t(lambda: f.write(b"x"))
t(lambda: f.truncate())
f.close()
f.close()
for m in (f.read, f.tell, f.fileno, f.readable, lambda: f.seek(0)):
    t(m)
for args in [(p, "q"), (p, "rw"), (p, "r++"), (3.5,), (-1,), ("/nonexistent/x",), ("/tmp",),
             (p, "r", False), (p, 5)]:
    t(lambda: _io.FileIO(*args))
g = _io.FileIO(p, "a")
print(g.tell(), g.write(b"!"), g.mode, g.readable())
g.close()
h = _io.FileIO(p, "r+")
print(h.truncate(5), h.read(), h.mode, h.tell())
h.close()
x = p + ".x"
with _io.FileIO(x, "x") as xf:
    print(xf.mode, xf.write(bytearray(b"ab")), xf.write(memoryview(b"cd")))
t(lambda: _io.FileIO(x, "x"))
with _io.FileIO(x, "xb+" if False else "rb+") as xf:
    print(xf.mode, xf.read())
r = open(p, "rb", buffering=0)
print(type(r).__name__, r.read())
r.close()

class P:
    def __fspath__(self):
        return p

with open(P()) as tf:
    print(type(tf).__name__, repr(tf.read()))
base = _io.FileIO(p, "r+")
n = base.fileno()
with open(n, "rb", closefd=False) as b2:
    print(b2.read(2), type(b2).__name__, b2.raw.closefd)
with open(n, "w", closefd=False) as tw:
    print(tw.write("XY"), tw.encoding, tw.mode)
base.seek(0)
print(base.read())
raw = _io.FileIO(n, "w", closefd=False)
print(raw.seek(0, 2), raw.write(b"END"), raw.tell(), raw.closefd, raw.name == n)
raw.close()
print(base.closed, open(p, "rb").read())
seen = []

def opener(path, flags):
    seen.append(path == p)
    return _io.FileIO(path, "r", closefd=False).fileno() if False else base.fileno()

with open(p, "rb", opener=opener, closefd=True) as o:
    print(o.read(3), seen)
t(lambda: open(p, "rb", opener=lambda path, flags: "x"))
t(lambda: open(p, "rb", opener=lambda path, flags: -3))
t(lambda: open(p, "r", buffering=0))
t(lambda: base.fileno() == n)
os.remove(p)
os.remove(x)
