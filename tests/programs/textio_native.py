# The native io.TextIOWrapper and open(): newline modes, tell/seek over multibyte text,
# BOMs, reconfigure, error handlers, iteration and closing.
import io
import os

PATH = "textio_native_tmp.txt"


def show(label, value):
    print(label, repr(value))


# Types of the open() stack.
with open(PATH, "w", encoding="utf-8") as f:
    show("text type", type(f).__name__)
    show("buffer type", type(f.buffer).__name__)
    show("raw type", type(f.buffer.raw).__name__)
    show("mode", f.mode)
    show("repr", repr(f).replace(PATH, "P"))
    f.write("a\nb\r\nc\rd")
with open(PATH, "rb") as f:
    show("rb type", type(f).__name__)
with open(PATH, "rb", buffering=0) as f:
    show("unbuffered type", type(f).__name__)

# Newline modes on reading.
for nl in (None, "", "\n", "\r", "\r\n"):
    with open(PATH, encoding="utf-8", newline=nl) as f:
        lines = f.readlines()
        show("newline=%r" % (nl,), lines)
        show("  newlines", f.newlines)

# Newline translation on writing.
for nl in (None, "", "\n", "\r", "\r\n"):
    b = io.BytesIO()
    t = io.TextIOWrapper(b, encoding="ascii", newline=nl)
    t.write("x\ny\rz\r\n")
    t.flush()
    show("write newline=%r" % (nl,), b.getvalue())

# read(n), readline(limit) and tell/seek round trips over multibyte text.
text = "héllo wörld\n€uro line\n\U0001f600 smile\nend"
with open(PATH, "w", encoding="utf-8") as f:
    f.write(text)
with open(PATH, encoding="utf-8") as f:
    f._CHUNK_SIZE = 5
    positions = []
    while True:
        pos = f.tell()
        c = f.read(3)
        if not c:
            break
        positions.append((pos, c))
    ok = True
    for pos, c in positions:
        f.seek(pos)
        if f.read(3) != c:
            ok = False
    show("utf-8 round trips", ok)
    f.seek(0)
    show("readline(4)", f.readline(4))
    show("readline()", f.readline())
    p = f.tell()
    show("after line", f.read(2))
    f.seek(p)
    show("again", f.read(2))
    f.seek(0, 2)
    show("at end", f.read())

# A stateful decoder: utf-16 with its BOM.
for enc in ("utf-16", "utf-8-sig", "utf-32"):
    with open(PATH, "w", encoding=enc) as f:
        f.write("ab")
        f.write("cd")
    with open(PATH, "rb") as f:
        raw = f.read()
    show(enc + " bytes", raw)
    with open(PATH, encoding=enc) as f:
        f._CHUNK_SIZE = 3
        show(enc + " read(1)", f.read(1))
        pos = f.tell()
        show(enc + " rest", f.read())
        f.seek(pos)
        show(enc + " after seek", f.read())
    # Appending writes no second BOM.
    with open(PATH, "a", encoding=enc) as f:
        f.write("ef")
    with open(PATH, encoding=enc) as f:
        show(enc + " appended", f.read())

# Iteration disables tell().
with open(PATH, "w", encoding="utf-8") as f:
    f.write("1\n2\n3\n")
with open(PATH, encoding="utf-8") as f:
    show("first", next(f))
    try:
        f.tell()
    except OSError as e:
        show("tell during iteration", str(e))
    show("rest", list(f))
    show("tell after", f.tell())

# Error handlers, surrogateescape round trip.
with open(PATH, "wb") as f:
    f.write(b"ok \xff\xfe bad\n")
with open(PATH, encoding="utf-8", errors="surrogateescape") as f:
    s = f.read()
    show("surrogateescape", ascii(s))
with open(PATH, "w", encoding="utf-8", errors="surrogateescape") as f:
    f.write(s)
with open(PATH, "rb") as f:
    show("round trip bytes", f.read())
with open(PATH, encoding="ascii", errors="replace") as f:
    show("replace", f.read())
try:
    with open(PATH, encoding="utf-8") as f:
        f.read()
except UnicodeDecodeError as e:
    show("strict", e.reason)

# reconfigure.
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="ascii")
t.write("abc")
t.reconfigure(encoding="latin-1", newline="\r\n")
t.write("é\n")
t.flush()
show("reconfigured", b.getvalue())
show("encoding", t.encoding)
t.reconfigure(line_buffering=True)
show("line_buffering", t.line_buffering)
r = io.TextIOWrapper(io.BytesIO(b"xyz"), encoding="ascii")
r.read(1)
try:
    r.reconfigure(encoding="utf-8")
except io.UnsupportedOperation as e:
    show("reconfigure after read", str(e))

# Argument errors.
for args in ((io.BytesIO(), 1), (io.BytesIO(), "ascii", 2), (io.BytesIO(), None, None, "x")):
    try:
        io.TextIOWrapper(*args)
    except (TypeError, ValueError) as e:
        show(type(e).__name__, str(e))
try:
    io.TextIOWrapper(io.BytesIO(), encoding="no-such-codec")
except LookupError as e:
    show("LookupError", str(e))
try:
    t.write(b"x")
except TypeError as e:
    show("write bytes", str(e))

# Detach, close, pickling.
t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
t.write("kept")
raw = t.detach()
show("detached value", raw.getvalue())
try:
    t.write("x")
except ValueError as e:
    show("after detach", str(e))
t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
t.close()
show("closed", t.closed)
try:
    t.read()
except ValueError as e:
    show("read closed", str(e))
import pickle
try:
    pickle.dumps(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
except TypeError as e:
    show("pickle", str(e))


class Upper(io.TextIOWrapper):
    def write(self, s):
        return super().write(s.upper())


b = io.BytesIO()
u = Upper(b, encoding="utf-8")
u.write("shout")
u.flush()
show("subclass", b.getvalue())

os.remove(PATH)
print("done")
