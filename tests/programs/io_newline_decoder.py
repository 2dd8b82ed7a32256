# _io.IncrementalNewlineDecoder: pending \r, translation, recorded newlines, state, errors
import _io

class Dec:
    """An incremental decoder of ASCII that keeps an odd trailing byte for the next call."""
    def __init__(self):
        self.buf = b""
    def decode(self, data, final=False):
        data = self.buf + data
        keep = 0 if final else len(data) % 2
        self.buf = data[len(data) - keep:]
        return data[:len(data) - keep].decode("ascii")
    def getstate(self):
        return (self.buf, 5)
    def setstate(self, st):
        print("setstate", st)
        self.buf = st[0]
    def reset(self):
        print("reset")
        self.buf = b""

d = _io.IncrementalNewlineDecoder(None, translate=True)
print(repr(d.decode("a\r")), repr(d.decode("\nb\r")), repr(d.decode("", final=True)),
      d.newlines, d.getstate())
d = _io.IncrementalNewlineDecoder(None, False)
for chunk in ("x\r", "\r\n", "y\n", "\r"):
    print(repr(d.decode(chunk)), d.newlines)
print(repr(d.decode("", True)), d.newlines)
d = _io.IncrementalNewlineDecoder(Dec(), translate=True, errors="ignore")
print(repr(d.decode(b"ab\r\nc")), d.getstate(), repr(d.decode(b"d\r")), d.getstate())
d.setstate((b"q", 3))
print(repr(d.decode(b"r", final=True)), d.newlines)
d.reset()
print(d.newlines, d.getstate())
for f in (lambda: _io.IncrementalNewlineDecoder(),
          lambda: _io.IncrementalNewlineDecoder(None, True).decode(b"x"),
          lambda: _io.IncrementalNewlineDecoder(None, True).setstate(5),
          lambda: _io.IncrementalNewlineDecoder(None, True, "strict", 1)):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

class Sub(_io.IncrementalNewlineDecoder):
    def __init__(self):
        super().__init__(None, translate=True)

print(repr(Sub().decode("p\r\nq\r", final=True)))
