# The _csv native module directly (no Lib/csv.py): dialects, the reader's state machine,
# the writer's quoting rules, the registry, field_size_limit and garbage collection.
import _csv
import gc
import io
import weakref


def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ":", e)


def read(lines, **kwargs):
    r = _csv.reader(lines, **kwargs)
    out = []
    try:
        for row in r:
            out.append(row)
    except Exception as e:
        out.append(type(e).__name__ + ": " + str(e))
    print(repr(lines), kwargs, "->", out, "lines:", r.line_num)


def label(rows):
    return repr(rows) if isinstance(rows, list) else type(rows).__name__


def write(rows, **kwargs):
    s = io.StringIO()
    w = _csv.writer(s, **kwargs)
    try:
        for row in rows:
            w.writerow(row)
    except Exception as e:
        print(label(rows), kwargs, "->", type(e).__name__ + ":", e)
        return
    print(label(rows), kwargs, "->", repr(s.getvalue()))


print("== module")
print(_csv.__version__, _csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC, _csv.QUOTE_NONE)
print(_csv.Dialect, _csv.Reader, _csv.Writer, _csv.Error, _csv.Error.__bases__)
print(_csv.Dialect.__name__, _csv.Dialect.__module__, _csv.Error.__module__)
print(sorted(n for n in dir(_csv) if not n.startswith("__")))

print("== dialects")
d = _csv.Dialect()
for name in ("delimiter", "doublequote", "escapechar", "lineterminator", "quotechar",
             "quoting", "skipinitialspace", "strict"):
    print(name, repr(getattr(d, name)))
d2 = _csv.Dialect(delimiter=";", quotechar="'", escapechar="\\", doublequote=0,
                  skipinitialspace=1, lineterminator="\n", quoting=_csv.QUOTE_ALL, strict=[1])
print(d2.delimiter, d2.quotechar, d2.escapechar, d2.doublequote, d2.skipinitialspace,
      repr(d2.lineterminator), d2.quoting, d2.strict)
print(_csv.Dialect(d2) is d2, _csv.Dialect(d2, delimiter="|").delimiter)
print(_csv.Dialect(quotechar=None).quoting)


class FromAttrs:
    delimiter = "-"
    quotechar = "#"
    quoting = _csv.QUOTE_NONNUMERIC


fa = _csv.Dialect(FromAttrs, strict=True)
print(fa.delimiter, fa.quotechar, fa.quoting, fa.strict, fa.doublequote)


class Sub(_csv.Dialect):
    pass


s = Sub(delimiter=":")
print(type(s).__name__, s.delimiter, isinstance(s, _csv.Dialect), _csv.Dialect(s) is s)
show(_csv.Dialect, delimiter="ab")
show(_csv.Dialect, delimiter="")
show(_csv.Dialect, delimiter=None)
show(_csv.Dialect, delimiter=b",")
show(_csv.Dialect, quotechar=4)
show(_csv.Dialect, quotechar="ab")
show(_csv.Dialect, escapechar=b"x")
show(_csv.Dialect, lineterminator=4)
show(_csv.Dialect, lineterminator=None)
show(_csv.Dialect, quoting=None)
show(_csv.Dialect, quoting=True)
show(_csv.Dialect, quoting=4)
show(_csv.Dialect, quoting=-1)
show(_csv.Dialect, quoting=2**40)
show(_csv.Dialect, quoting=_csv.QUOTE_ALL, quotechar=None)
show(_csv.Dialect, bad_attr=0)
show(_csv.Dialect, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
show(_csv.Dialect, "nonesuch")
show(setattr, d, "delimiter", ":")
show(delattr, d, "quoting")
show(d.__reduce_ex__, 2)

print("== registry")
print(_csv.list_dialects())
_csv.register_dialect("semi", delimiter=";")
_csv.register_dialect("tabs", _csv.Dialect(delimiter="\t"), quoting=_csv.QUOTE_ALL)
print(_csv.list_dialects(), _csv.get_dialect("semi").delimiter,
      repr(_csv.get_dialect("tabs").delimiter), _csv.get_dialect("tabs").quoting)
read(["a;b;c"], dialect="semi")
write([["a", "b"]], dialect="tabs")
_csv.unregister_dialect("semi")
print(_csv.list_dialects())
show(_csv.get_dialect, "semi")
show(_csv.unregister_dialect, "semi")
show(_csv.get_dialect)
show(_csv.register_dialect)
show(_csv.register_dialect, None)
show(_csv.register_dialect, "x", 0, 0)
show(_csv.register_dialect, "x", delimiter=5)
show(_csv.list_dialects, None)
show(_csv.reader, [], "semi")
_csv.unregister_dialect("tabs")

print("== field_size_limit")
print(_csv.field_size_limit())
print(_csv.field_size_limit(5), _csv.field_size_limit())
read(["abcde,f", "abcdef"])
print(_csv.field_size_limit(new_limit=131072))
show(_csv.field_size_limit, None)
show(_csv.field_size_limit, 1.0)
show(_csv.field_size_limit, 1, 2)
show(_csv.field_size_limit, limit=3)

print("== reader")
read([])
read([""])
read(["a,b,c", "1,2,3\n", "x\r\n", "y\r"])
read(['"a,b",c', '"x""y",z', '"multi', 'line",end'])
read(['a,"', 'b'])
read(['a,"'])
read(['"ab'], strict=True)
read(['"ab"c'])
read(['"ab"c'], strict=True)
read(['"ab"c'], doublequote=False)
read(["a,b\rc,d"])
read(["a,b\nc"])
read(["a,\\b,c", 'x,"y\\"z"'], escapechar="\\")
read(["a\\", "b"], escapechar="\\")
read(["^"], escapechar="^")
read(["^"], escapechar="^", strict=True)
read(["a\0b,\0"])
read(["1,'2',3.5,  4", "x"], quoting=_csv.QUOTE_NONNUMERIC, quotechar="'")
read(['1,",3,",5'], quoting=_csv.QUOTE_NONE, escapechar="\\")
read(["a, b,  c,\td"], skipinitialspace=True)
read(["a b", " c"], delimiter=" ", skipinitialspace=True)
read(["é€,𝄞"])
read([b"abc"])
read([1])
show(_csv.reader)
show(_csv.reader, 5)
show(_csv.reader, [], "excel", 3)
show(_csv.reader, [], bad=1)
r = _csv.reader(["a,b"])
print(iter(r) is r, type(r).__name__, r.dialect.delimiter, r.line_num)
show(setattr, r, "line_num", 3)


class Lines:
    def __repr__(self):
        return "Lines()"

    def __init__(self, data):
        self.data = list(data)

    def __iter__(self):
        return self

    def __next__(self):
        if not self.data:
            raise StopIteration
        item = self.data.pop(0)
        if item is None:
            raise OSError("read failed")
        return item


read(Lines(["a", None, "b"]))

print("== writer")
write([["a", 1, "p,q", None, 1.5, 1e20, 10**25, 0.1, True, 3 + 4j]])
write([[]])
write([[None]])
write([[""]])
write([["", ""]])
write([[None, None]])
write([["a\nb", "c\rd", 'e"f', "g h", " lead", "trail "]])
write([["a", 1, "p,q"]], quoting=_csv.QUOTE_ALL)
write([["a", 1, 2.5, None, True, 3 + 4j, "", "x"]], quoting=_csv.QUOTE_NONNUMERIC)
write([["a", "p,q"]], quoting=_csv.QUOTE_NONE)
write([[""]], quoting=_csv.QUOTE_NONE)
write([["p,q", 'a"b', "c\\d", "e\nf"]], quoting=_csv.QUOTE_NONE, escapechar="\\")
write([['a"b']], doublequote=False)
write([['a"b', "c\\d", "x,y"]], doublequote=False, escapechar="\\")
write([["a", "b"], [1, 2]], lineterminator="!@#")
write([["a!b", "c\nd"]], lineterminator="!")
write([["a;b", "c'd", "e,f"]], delimiter=";", quotechar="'")
write((iter(["x", "y"]) for _ in range(1)))
write([None])
write([5])
write([["é€", "𝄞,x"]])


class Boom:
    def __repr__(self):
        return "Boom()"

    def __str__(self):
        raise ValueError("no str")


write([["a", Boom()]])
s = io.StringIO()
w = _csv.writer(s)
print(w.writerow(["abc", "de"]), w.writerows([["x"], ["y", "z"]]), repr(s.getvalue()))
print(type(w).__name__, w.dialect.lineterminator == "\r\n")
show(w.writerow)
show(w.writerows, None)
show(w.writerows, [["ok"], 5])
show(_csv.writer)
show(_csv.writer, 5)


class Recorder:
    def __init__(self):
        self.calls = []

    def write(self, text):
        self.calls.append(text)
        return len(self.calls) * 100


rec = Recorder()
w = _csv.writer(rec)
print(w.writerow(["a"]), w.writerow(["b"]), rec.calls)


class BadWrite:
    @property
    def write(self):
        raise OSError("no write")


show(_csv.writer, BadWrite())


class NotCallable:
    write = 5


show(_csv.writer, NotCallable())

print("== round trip")
rows = [["a\nb", "b"], ["c", "x\r\nd"], ['q"', ""], [None, 1.25]]
s = io.StringIO(newline="")
_csv.writer(s).writerows(rows)
s.seek(0)
print(list(_csv.reader(s)))
s = io.StringIO(newline="")
_csv.writer(s, quoting=_csv.QUOTE_NONE, escapechar="\\").writerows(rows[:2])
s.seek(0)
print(list(_csv.reader(s, quoting=_csv.QUOTE_NONE, escapechar="\\")))

print("== garbage collection")


class Source:
    def __init__(self):
        self.reader = _csv.reader(self)

    def __iter__(self):
        return iter(["a,b"])


src = Source()
ref = weakref.ref(src)
print(next(src.reader) if False else "made")
del src
gc.collect()
print("reader cycle freed:", ref() is None)


class Sink:
    def __init__(self):
        self.writer = _csv.writer(self)

    def write(self, text):
        return len(text)


sink = Sink()
ref = weakref.ref(sink)
print(sink.writer.writerow(["x", "y"]))
del sink
gc.collect()
print("writer cycle freed:", ref() is None)
print(gc.is_tracked(_csv.reader([])), gc.is_tracked(_csv.writer(io.StringIO())))

print("== edge cases")


class Text(str):
    pass


class Number:
    def __repr__(self):
        return "Number()"

    def __index__(self):
        return 7

    def __str__(self):
        return "seven"


write([[Text("a,b"), Text("c"), Number(), 1j, None]], quoting=_csv.QUOTE_NONNUMERIC)
read([Text("x,y")])


class Failing:
    @property
    def delimiter(self):
        raise ValueError("ignored, as in CPython")

    quotechar = "'"


fd = _csv.Dialect(Failing())
print(repr(fd.delimiter), repr(fd.quotechar))


class BadBool:
    def __bool__(self):
        raise ValueError("no truth")


show(_csv.Dialect, strict=BadBool())
show(_csv.reader, [], "excel", dialect="excel")
show(_csv.Dialect, "excel", dialect="excel")
