# _io.BufferedReader, BufferedWriter, BufferedRandom over BytesIO, FileIO and raw streams
# written in Python: buffering, peek/read1/readline, seeking, flushing, detach, errors
import _io as io

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Raw(io._RawIOBase):
    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.reads = []
    def readable(self):
        return True
    def readinto(self, b):
        n = min(len(b), 3, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        self.reads.append(len(b))
        return n

class W(io._RawIOBase):
    def __init__(self):
        self.out = []
    def writable(self):
        return True
    def write(self, b):
        self.out.append(bytes(b))
        return len(b)

r = Raw(b"hello\nworld\nlast")
br = io.BufferedReader(r, 4)
print(br.readline(), br.read(3), br.peek(1)[:1], br.read1(2), br.read(), br.read(), r.reads[:3])
br = io.BufferedReader(io.BytesIO(b"line1\nline2\nline3\n"), 4)
t(lambda: br.peek(1)[:1])
t(lambda: br.read1(3))
t(lambda: br.readline())
t(lambda: br.tell())
t(lambda: br.seek(1, 1))
t(lambda: br.read(2))
t(lambda: br.seek(0))
t(lambda: br.readlines())
t(lambda: br.readinto(bytearray(3)))
t(lambda: br.read(-2))
t(lambda: br.seek(0, 5))
t(lambda: br.write(b"x"))
t(lambda: br.truncate())
t(lambda: (br.readable(), br.writable(), br.seekable(), br.closed))
t(lambda: br.raw.getvalue()[:5])
t(lambda: br.detach().getvalue()[:5])
t(lambda: br.read())
t(lambda: repr(br))
w = W()
bw = io.BufferedWriter(w, 4)
t(lambda: (bw.write(b"ab"), w.out))
t(lambda: (bw.write(b"cdefg"), w.out))
t(lambda: (bw.write(b"h"), bw.flush(), w.out))
t(lambda: bw.read())
b = io.BytesIO()
bw = io.BufferedWriter(b, 8)
t(lambda: (bw.write(b"abc"), b.getvalue(), bw.tell()))
t(lambda: (bw.seek(1), b.getvalue()))
t(lambda: (bw.write(memoryview(b"Z")), bw.flush(), b.getvalue()))
bw.close()
t(lambda: (bw.closed, b.closed))
t(lambda: bw.write(b"x"))
t(lambda: bw.flush())
t(lambda: bw.seek(0))
rnd = io.BufferedRandom(io.BytesIO(b"0123456789"), 4)
t(lambda: rnd.read(3))
t(lambda: rnd.write(b"AB"))
t(lambda: rnd.tell())
t(lambda: rnd.seek(0))
t(lambda: rnd.read())
t(lambda: (rnd.seek(2), rnd.write(b"x"), rnd.read(2), rnd.raw.getvalue()))
t(lambda: (rnd.truncate(4), rnd.seek(0), rnd.read()))
t(lambda: io.BufferedReader(io.BytesIO(), 0))
t(lambda: io.BufferedReader(3))
t(lambda: io.BufferedReader())
t(lambda: io.BufferedWriter(io.BufferedReader(io.BytesIO())))
t(lambda: io.BufferedRandom(Raw(b"")))
with open("/proc/self/stat") as _f:
    pid = _f.read().split()[0]
p = "/tmp/_arenapy_io_buffered_" + pid + ".bin"
with io.BufferedWriter(io.FileIO(p, "w")) as f:
    f.write(b"file data\n" * 3)
    print(f.raw.mode, f.mode, f.name == p)
with io.BufferedReader(io.FileIO(p)) as f:
    print(f.readline(), f.peek(3)[:3], f.read(4), len(f.read()))
g = io.BufferedWriter(io.FileIO(p, "w"))
g.write(b"unflushed")
del g
print(open(p, "rb").read())

class Sub(io.BufferedReader):
    def __init__(self, data):
        super().__init__(io.BytesIO(data), 2)

s = Sub(b"sub\nclass")
s.extra = 1
print(s.readline(), s.read(), s.extra, isinstance(s, io._BufferedIOBase))
open(p, "w").close()
