# io: the ABCs, FileIO, buffered readers/writers, TextIOWrapper, IncrementalNewlineDecoder,
# open_code, text_encoding, and how the interpreter's own file objects fit in
import io, _io, sys

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

with open("/proc/self/stat") as _f:
    pid = _f.read().split()[0]
path = "/tmp/_arenapy_io_classes_" + pid + ".bin"

print(io.IOBase.__mro__, type(io.IOBase).__name__, type(io.TextIOWrapper).__name__)
print(io.TextIOWrapper.__mro__)
print(io.FileIO.__mro__, io.BufferedReader.__mro__)
print(io.StringIO.__mro__, io.BytesIO.__mro__)
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase),
      issubclass(io.FileIO, io.RawIOBase), isinstance(sys.stdout, io.TextIOBase),
      isinstance(sys.stdout, io.IOBase))
print(io.text_encoding(None), io.text_encoding("latin-1"), io.text_encoding(3))
print(io.DEFAULT_BUFFER_SIZE, io.BlockingIOError is BlockingIOError, io.abc.ABCMeta is type(io.IOBase))
print(_io.StringIO is io.StringIO, _io.open is open, io.SEEK_END)
t(lambda: io.open_code(3))
t(lambda: io.open_code("/nonexistent/x"))

b = io.IOBase()
t(lambda: b.read)
for name in ("seek", "tell", "truncate", "fileno"):
    t(lambda: getattr(b, name)() if name != "seek" else b.seek(0))
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed)
t(lambda: b.readline())
t(lambda: list(b))
print(b.flush(), b.close(), b.closed)
t(lambda: b.flush())
t(lambda: b.__enter__())
r = io.RawIOBase()
for f in (lambda: r.read(), lambda: r.readall(), lambda: r.readinto(bytearray(3)), lambda: r.write(b"x")):
    t(f)
bb = io.BufferedIOBase()
for f in (lambda: bb.read(), lambda: bb.read1(), lambda: bb.write(b""), lambda: bb.detach(),
          lambda: bb.readinto(bytearray(2))):
    t(f)
tb = io.TextIOBase()
for f in (lambda: tb.read(), lambda: tb.write(""), lambda: tb.readline(), lambda: tb.detach()):
    t(f)
print(tb.encoding, tb.newlines, tb.errors)

# FileIO
with io.FileIO(path, "w") as f:
    print(f.write(b"hello world\n"), f.mode, f.closefd, f.name == path, f.writable(), f.readable())
print(f.closed)
t(lambda: f.read())
f = io.FileIO(path)
print(f.read(5), f.readall(), f.seek(0))
buf = bytearray(4)
print(f.readinto(buf), buf, f.tell())
t(lambda: f.write(b"x"))
f.close()
for args in ((path, "q"), (path, "rw"), (path, "r++"), ("/nonexistent/x",)):
    t(lambda: io.FileIO(*args))
f = io.FileIO(path, "r+")
print(f.mode, f.truncate(5), f.read(), f.seek(0, 2))
f.close()
f = io.FileIO(path, "a")
print(f.mode, f.write(b"!"))
f.close()

# buffered
br = io.BufferedReader(io.FileIO(path))
print(br.read(2), br.peek(1)[:1], br.readline(), br.read(), br.name == path, br.mode)
br.close()
print(br.closed, br.raw.closed)
br = io.BufferedReader(io.BytesIO(b"hello\nworld"))
print(br.read(2), br.readline(), br.read1(3), br.read(), br.readable(), br.writable())
t(lambda: br.read(-2))
t(lambda: io.BufferedReader(io.BytesIO(), buffer_size=0))
t(lambda: io.BufferedReader(3))
t(lambda: io.BufferedReader())
bw = io.BufferedWriter(io.BytesIO())
print(bw.write(b"abc"), bw.raw.getvalue(), bw.flush(), bw.raw.getvalue(), bw.tell())
t(lambda: bw.read())
bw.close()
t(lambda: bw.write(b"x"))
rnd = io.BufferedRandom(io.BytesIO(b"0123456789"))
print(rnd.read(3), rnd.write(b"ab"), rnd.seek(0), rnd.read(), rnd.raw.getvalue())
pair = io.BufferedRWPair(io.BytesIO(b"in"), io.BytesIO())
print(pair.read(), pair.write(b"x"), pair.seekable(), pair.readable(), pair.writable())
class Raw(io.RawIOBase):
    def __init__(self):
        self.data = b"abc\ndef"
    def readinto(self, b):
        n = min(len(b), len(self.data))
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        return n
    def readable(self):
        return True
print(Raw().read(), Raw().read(2), io.BufferedReader(Raw()).read(5), list(Raw()))

# text
w = io.TextIOWrapper(io.BytesIO("h\u00e9llo\r\nw\u00f6rld\nx\ry".encode("utf-8")), encoding="utf-8")
print(repr(w.read(3)), repr(w.readline()), repr(w.read()), w.newlines)
print(w.encoding, w.errors, w.line_buffering, w.write_through, type(w.buffer).__name__, repr(w))
w2 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\r\n")
print(w2.write("a\nb"), w2.buffer.getvalue(), w2.flush(), w2.buffer.getvalue(), w2.tell())
print(w2.seek(0), repr(w2.read()))
raw = w2.detach()
print(type(raw).__name__)
t(lambda: w2.read())
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), encoding="nope"))
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), newline="x"))
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), newline=3))
t(lambda: io.TextIOWrapper(io.BytesIO(b"\xff"), encoding="utf-8").read())
t(lambda: io.TextIOWrapper(io.BytesIO(b"\xffa"), encoding="utf-8", errors="replace").read())
t(lambda: io.TextIOWrapper(io.BytesIO(b"a\nb\n"), encoding="utf-8").readlines())
t(lambda: list(io.TextIOWrapper(io.BytesIO(b"a\r\nb"), encoding="ascii", newline="")))
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), encoding="ascii").write(b"x"))
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), encoding="ascii").seek(1, 1))
t(lambda: io.TextIOWrapper(io.BytesIO(b"ab"), encoding="ascii").seek(-1))
tw = io.TextIOWrapper(io.BufferedWriter(io.FileIO(path, "w")), encoding="utf-8")
print(tw.write("\u00e9\n"), tw.name == path)
tw.close()
tw = io.TextIOWrapper(io.BufferedReader(io.FileIO(path)), encoding="utf-8")
print(repr(tw.read()), tw.tell(), tw.seek(0), repr(tw.readline()), tw.tell())
tw.close()
d = io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)), d.newlines, d.getstate())
d = io.IncrementalNewlineDecoder(None, False)
print(repr(d.decode("a\r\nb\rc\n")), d.newlines, d.reset(), d.newlines)
t(lambda: io.IncrementalNewlineDecoder())

# the interpreter's own file objects
with open(path, "w") as f:
    print(isinstance(f, io.TextIOBase), isinstance(f, io.IOBase), isinstance(f, io.BufferedIOBase))
    print(f.write("abcdef"), f.truncate(3), f.tell())
with open(path) as f:
    print(repr(f.read()))
with open(path, "rb") as f:
    print(isinstance(f, io.BufferedIOBase), isinstance(f, io.RawIOBase))
