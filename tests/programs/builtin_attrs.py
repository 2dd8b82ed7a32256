# Data attributes of builtin types (their getset entries), the class and static methods of
# builtin types, the methods __getnewargs__/__getformat__/__complex__/__reduce__/__setstate__,
# and divmod() through the number slots.


def t(code, env=None):
    """Evaluates (or, with a leading '!', executes) code and prints the result or the error."""
    scope = dict(globals())
    if env:
        scope.update(env)
    try:
        if code.startswith("!"):
            exec(code[1:], scope)
            print(code[1:].replace("\n", "; "), "-> ok")
        else:
            print(code, "->", repr(eval(code, scope)))
    except Exception as e:
        print(code.lstrip("!").replace("\n", "; "), "!!", type(e).__name__ + ":", e)


print("== BaseException ==")
e = ValueError(1, 2)
print(e.args, e.__cause__, e.__context__, e.__suppress_context__, e.__traceback__, e.__dict__)
e.args = [3]
print(e.args, repr(e))
e.args = "ab"
print(e.args)
cause = KeyError("k")
e.__cause__ = cause
print(e.__cause__ is cause, e.__suppress_context__)
e.__cause__ = None
print(e.__cause__, e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
e.__context__ = cause
print(e.__context__ is cause)
e.__context__ = None
print(e.__context__)
for code in [
    "!ValueError().args = 1",
    "!del ValueError().args",
    "!ValueError().__cause__ = 1",
    "!ValueError().__cause__ = KeyError",
    "!del ValueError().__cause__",
    "!ValueError().__context__ = 'x'",
    "!del ValueError().__context__",
    "!ValueError().__suppress_context__ = 1",
    "!del ValueError().__suppress_context__",
    "!ValueError().__traceback__ = 1",
    "!del ValueError().__traceback__",
    "!ValueError().__dict__ = 1",
    "!del ValueError().__dict__",
    "ValueError().with_traceback(5)",
    "ValueError().with_traceback()",
    "ValueError().with_traceback(None).__traceback__",
    "ValueError().add_note(5)",
    "ValueError().add_note()",
    "!e = ValueError(); e.__notes__ = 5; e.add_note('a')",
    "ValueError().__reduce__(1)",
    "ValueError().__setstate__()",
    "ValueError().__setstate__(5)",
    "ValueError().__setstate__(None)",
    "!ValueError().__setstate__({1: 2})",
    "ValueError() .foo",
]:
    t(code)
try:
    1 / 0
except ZeroDivisionError as z:
    tb = z.__traceback__
e = ValueError()
e.__traceback__ = tb
print(e.__traceback__.tb_lineno, e.__traceback__.tb_next)
print(ValueError().with_traceback(tb).__traceback__.tb_lineno)
e.__traceback__ = None
print(e.__traceback__)
e = ValueError()
e.add_note("a")
e.add_note("b")
print(e.__notes__, e.__dict__)
e = ValueError()
e.__dict__ = {"q": 1}
print(e.q, e.__dict__)
print(ValueError(1, 2).__reduce__())
e = ValueError(1)
e.x = 5
print(e.__reduce__())
e = ValueError()
e.__setstate__({"args": (1, 2), "x": 3})
print(e.args, e.x, e.__dict__)
e.__dict__["args"] = "shadowed"
print(e.args)


class MyError(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b


m = MyError(1, 2)
print(m.args, m.b, m.__dict__, m.__reduce__())
m.__cause__ = KeyError()
print(repr(m.__cause__), m.__suppress_context__)
t("!MyError(1, 2).__cause__ = 5")
t("!MyError(1, 2).__suppress_context__ = 'yes'")

print("== StopIteration, SystemExit ==")
print(StopIteration().value, StopIteration(1).value, StopIteration(1, 2).value)
print(SystemExit().code, SystemExit(3).code, SystemExit(1, 2).code)
s = StopIteration(1)
s.args = (2,)
print(s.value)
s.value = 3
print(s.value, s.args)
del s.value
print(s.value)
x = SystemExit(1)
x.code = 4
print(x.code, x.args)


class S1(StopIteration):
    def __init__(self, x):
        pass


class S2(StopIteration):
    def __init__(self, x):
        super().__init__(x * 2)


print(S1(5).value, S1(5).args, S2(5).value, S2(5).args)


def gen():
    yield 1
    return "done"


g = gen()
next(g)
try:
    next(g)
except StopIteration as stop:
    print(stop.value, stop.args)


def delegating():
    r = yield from gen()
    print("yield from gave", r)


list(delegating())
t("StopAsyncIteration(1).value")

print("== OSError ==")
for code in [
    "OSError(2, 'no', 'f').errno",
    "OSError(2, 'no', 'f').strerror",
    "OSError(2, 'no', 'f').filename",
    "OSError(2, 'no', 'f').filename2",
    "OSError(2, 'no', 'f', None, 'g').filename2",
    "OSError(2, 'no', 'f').args",
    "OSError(2, 'no').args",
    "OSError(1, 2, 3, 4).args",
    "OSError(1, 2, 3, 4, 5, 6).args",
    "OSError(1, 2, 3, 4, 5, 6).errno",
    "OSError(1).errno",
    "type(OSError(2, 'no'))",
    "type(OSError(13, 'x'))",
    "OSError(2, 'no', 'f').__dict__",
    "str(OSError(2, 'no', 'f', None, 'g'))",
    "str(OSError(None, 'x'))",
    "str(OSError(1, None))",
    "OSError().characters_written",
    "BlockingIOError(1, 'x', 3).characters_written",
    "BlockingIOError(1, 'x', 3).args",
    "BlockingIOError(1, 'x', 3).filename",
    "BlockingIOError(1, 'x', 'f').characters_written",
    "BlockingIOError(1, 'x', 2.5)",
    "!e = OSError(); e.characters_written = 'x'",
    "!e = OSError(); e.characters_written = 2**80",
    "!e = OSError(); del e.characters_written",
    "OSError(2, 'no', 'f', None, 'g').__reduce__()",
    "OSError(2, 'no', 'f').__reduce__()",
    "OSError(2, 'no').__reduce__()",
    "OSError(foo=1)",
]:
    t(code)
o = OSError(1, "x")
o.errno = 5
o.filename = "f"
print(str(o), o.args)
o.filename = None
print(str(o))
del o.filename
print(str(o), o.filename)
o.characters_written = 7
print(o.characters_written)
del o.characters_written
t("o.characters_written", {"o": o})
o = OSError()
o.filename = "f"
print(str(o))


class MyOSError(OSError):
    def __init__(self, *args):
        super().__init__(*args)


mo = MyOSError(2, "gone", "path")
print(mo.errno, mo.strerror, mo.filename, mo.args, str(mo))

print("== SyntaxError ==")
for code in [
    "SyntaxError().msg",
    "SyntaxError('m').msg",
    "SyntaxError('m', 5)",
    "SyntaxError('m', (1, 2, 3))",
    "SyntaxError('m', (1, 2, 3, 4, 5, 6, 7))",
    "SyntaxError('m', ('f', 1, 2, 't')).end_lineno",
    "SyntaxError('m', ('f', 1, 2, 't', 5, 6)).end_offset",
    "SyntaxError('m', ('f', 1, 2, 't')).text",
    "SyntaxError('m', ('f', 1, 2, 't')).offset",
    "SyntaxError('m', ('f', 1, 2, 't')).print_file_and_line",
    "SyntaxError('m', 'abcd').filename",
    "SyntaxError(1, 2, 3).msg",
    "SyntaxError('a', 'b', 'c').filename",
    "SyntaxError('m', ('f', 1, 2, 't')).args",
    "SyntaxError('m', ('f', 1, 2, 't')).__dict__",
    "str(SyntaxError('m', ('f', 1, 2, 't', 5, 6)))",
    "str(SyntaxError('m', ('/a/b/f.py', 1, 2, 't')))",
    "str(SyntaxError('m', (None, 1, 2, 't')))",
    "str(SyntaxError('m', ('f', None, 2, 't')))",
    "str(SyntaxError('m', ('f', 'x', 2, 't')))",
    "SyntaxError(msg=1)",
    "IndentationError('m', ('f', 3, 1, 'x')).lineno",
]:
    t(code)
se = SyntaxError("m")
se.msg = "z"
print(str(se), se.args)
se.lineno = 4
print(str(se))
se.filename = "dir/file.py"
print(str(se))
try:
    compile("1 +", "<src>", "exec")
except SyntaxError as err:
    print(err.msg, err.filename, err.lineno, err.offset)

print("== ImportError, NameError, AttributeError ==")
for code in [
    "ImportError('a', 'b').msg",
    "ImportError('a', name='n', path='p').msg",
    "ImportError('a', name='n', path='p').name",
    "ImportError('a', name='n', path='p').path",
    "ImportError('a', name='n', path='p').args",
    "str(ImportError('a', name='n'))",
    "str(ImportError(name='n'))",
    "ImportError(foo=1)",
    "ModuleNotFoundError(foo=1)",
    "ModuleNotFoundError('x', name='y').name",
    "ImportError(name='n').__reduce__()",
    "ImportError('a', name='n', path='p').__reduce__()",
    "ImportError('a').__reduce__()",
    "ImportError('a', 'b').__reduce__()",
    "NameError('m', name='n').name",
    "NameError(1, 2, name=3).args",
    "NameError('m').name",
    "UnboundLocalError(name=1).name",
    "NameError(obj=1)",
    "AttributeError('m', name='n', obj=5).name",
    "AttributeError('m', name='n', obj=5).obj",
    "AttributeError('m').obj",
    "AttributeError(foo=1)",
    "ValueError(foo=1)",
    "StopIteration(foo=1)",
    "BaseException.__init__(ValueError(), foo=1)",
]:
    t(code)
ie = ImportError("a")
ie.msg = "changed"
print(str(ie))
ie.name = "mod"
print(ie.name, ie.__dict__)
try:
    import no_such_module_here
except ImportError as err:
    print(type(err).__name__, err.name, err.msg)
try:
    undefined_name_here
except NameError as err:
    print(err.name)


def unbound():
    print(later)
    later = 1


try:
    unbound()
except UnboundLocalError as err:
    print(type(err).__name__, err.name)


class Holder:
    pass


holder = Holder()
try:
    holder.missing
except AttributeError as err:
    print(err.name, err.obj is holder)
try:
    Holder.missing_too
except AttributeError as err:
    print(err.name, err.obj is Holder)
try:
    (1).nope
except AttributeError as err:
    print(err.name, err.obj)
try:
    getattr([], "nope")
except AttributeError as err:
    print(err.name, err.obj)
try:
    del holder.absent
except AttributeError as err:
    print(err.name, err.obj)
ae = AttributeError("x", name="n", obj=1)
ae.name = "m"
ae.obj = 2
print(ae.name, ae.obj)

print("== Unicode errors ==")
for code in [
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad').object",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad').encoding",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad').start",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad').end",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad').reason",
    "str(UnicodeEncodeError('utf-8', 'abc', 1, 2, 'bad'))",
    "str(UnicodeEncodeError('utf-8', 'a\\u20acc', 1, 2, 'bad'))",
    "str(UnicodeEncodeError('utf-8', 'abc', 1, 3, 'bad'))",
    "UnicodeEncodeError('utf-8', b'abc', 1, 2, 'bad')",
    "UnicodeEncodeError(1, 'abc', 1, 2, 'bad')",
    "UnicodeEncodeError('utf-8', 'abc', 'x', 2, 'bad')",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2, 3)",
    "UnicodeEncodeError('utf-8', 'abc', 1, 2)",
    "UnicodeEncodeError('utf-8', 'abc', 2**70, 2, 'r')",
    "UnicodeEncodeError('utf-8', 'abc', True, 2, 'r').start",
    "UnicodeDecodeError('utf-8', bytearray(b'abc'), 1, 2, 'bad').object",
    "UnicodeDecodeError('utf-8', memoryview(b'abc'), 1, 2, 'bad').object",
    "UnicodeDecodeError('utf-8', 'abc', 1, 2, 'bad')",
    "str(UnicodeDecodeError('utf-8', b'abc', 1, 2, 'bad'))",
    "str(UnicodeDecodeError('utf-8', b'abc', 1, 3, 'bad'))",
    "UnicodeTranslateError('abc', 1, 2, 'bad').encoding",
    "str(UnicodeTranslateError('abc', 1, 2, 'bad'))",
    "str(UnicodeTranslateError('abc', 1, 3, 'bad'))",
    "UnicodeTranslateError(b'abc', 1, 2, 'bad')",
    "issubclass(UnicodeTranslateError, UnicodeError)",
    "UnicodeError('a', 'b').args",
    "str(UnicodeError('a', 'b'))",
    "[c.__name__ for c in ValueError.__subclasses__()].count('UnicodeError')",
]:
    t(code)
ue = UnicodeEncodeError("utf-8", "abc", 1, 2, "bad")
for code in ["!ue.start = 'x'", "!del ue.start", "!ue.end = 2**80"]:
    t(code, {"ue": ue})
ue.start = 0
ue.reason = 5
print(ue.start, ue.reason, str(ue))
ue.end = 10
print(str(ue))
del ue.encoding
print(ue.encoding)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as err:
    print(err.encoding, err.object, err.start, err.end, err.reason)
try:
    "\xe9".encode("ascii")
except UnicodeEncodeError as err:
    print(err.encoding, err.object, err.start, err.end, err.reason)

print("== exception groups ==")
eg = ExceptionGroup("msg", [ValueError(1), KeyError(2)])
print(eg.message, eg.exceptions, eg.args)
for code in ["!eg.message = 'x'", "!del eg.exceptions"]:
    t(code, {"eg": eg})

print("== numbers ==")


class I(int):
    pass


class Fl(float):
    pass


for v in [5, -3, True, I(7), 10**30]:
    print(repr(v), v.real, v.imag, v.numerator, v.denominator, type(v.real).__name__)
for v in [2.5, Fl(1.5), -0.0]:
    print(repr(v), v.real, v.imag, type(v.real).__name__)
print((1 + 2j).real, (1 + 2j).imag, (3j).real)
for code in [
    "!True.real = 1",
    "!(5).numerator = 1",
    "!del (1.0).imag",
    "!(1j).real = 1",
    "!del (1j).imag",
]:
    t(code)
for v in [5, True, I(7), 2.5, Fl(1.5), 1 + 2j, "ab", b"cd", (1, 2)]:
    r = v.__getnewargs__()
    print(repr(v), r, [type(x).__name__ for x in r])
for code in [
    "float.__getformat__('double')",
    "float.__getformat__('float')",
    "(1.0).__getformat__('double')",
    "Fl.__getformat__('double')",
    "float.__getformat__('x')",
    "float.__getformat__(1)",
    "float.__getformat__()",
    "float.__getformat__('double', 1)",
    "(1 + 2j).__complex__()",
    "(1j).__complex__(1)",
    "(5).__getnewargs__(1)",
    "complex.__complex__(1)",
    "type(float.__dict__['__getformat__']).__name__",
]:
    t(code)


class C(complex):
    pass


print(C(1).__complex__(), type(C(1).__complex__()).__name__)

print("== divmod ==")
for code in [
    "divmod(7, 2)",
    "divmod(-7, 2)",
    "divmod(7, -2)",
    "divmod(True, 2)",
    "divmod(7, 2.0)",
    "divmod(7.5, -2)",
    "divmod(-7.5, 2)",
    "divmod(10**30, 7)",
    "divmod(-(10**30), 7)",
    "divmod(2**70, -3.5)",
    "divmod(1, 0)",
    "divmod(1.0, 0)",
    "divmod(1, 0.0)",
    "divmod('a', 1)",
    "divmod(1, 'a')",
    "divmod(1j, 1)",
    "divmod(object(), 1)",
    "divmod(1)",
    "divmod(1, 2, 3)",
    "divmod(x=1, y=2)",
]:
    t(code)


class A:
    def __divmod__(self, o):
        return ("A", o)

    def __rdivmod__(self, o):
        return ("rA", o)


class R(int):
    def __rdivmod__(self, o):
        return "R-r"


class FD(float):
    def __divmod__(self, o):
        return "FD"


class N:
    def __divmod__(self, o):
        return NotImplemented


print(divmod(A(), 1), divmod(1, A()), divmod(A(), A())[0])
print(divmod(7, R(2)), divmod(R(7), 2), divmod(I(7), 2), divmod(7, I(2)))
print(divmod(FD(1), 2), divmod(2.0, FD(1)), divmod(2, FD(1)))
t("divmod(N(), 1)")
t("divmod(1, N())")

print("== range ==")
r = range(1, 10, 3)
print(r.start, r.stop, r.step, range(5).start, range(5).step, range(-5, -20, -5).step)
for code in [
    "r.count(4)",
    "r.count(5)",
    "r.count(4.0)",
    "r.count(True)",
    "range(3).count(True)",
    "r.index(7)",
    "r.index(5)",
    "r.index(5.0)",
    "r.index(4.0)",
    "r.index(2**80)",
    "r.count(2**80)",
    "r.count()",
    "r.index()",
    "r.index(1, 2)",
    "r.count(x=1)",
    "range(3).index('a')",
    "range(-5, -20, -5).index(-15)",
    "range(10**5).index(99999)",
    "!r.start = 1",
    "!del r.stop",
]:
    t(code, {"r": r})


class Seven:
    def __eq__(self, other):
        return other == 7


print(r.count(Seven()), r.index(Seven()))

print("== slice ==")
sl = slice(1, 2)
print(sl.start, sl.stop, sl.step, slice(3).start, slice(1, 2, 3).step)
for code in ["!sl.start = 1", "!del sl.step"]:
    t(code, {"sl": sl})

print("== memoryview ==")
names = [
    "obj",
    "nbytes",
    "readonly",
    "itemsize",
    "format",
    "ndim",
    "shape",
    "strides",
    "suboffsets",
    "c_contiguous",
    "f_contiguous",
    "contiguous",
]
print([getattr(memoryview(b"abcdef"), a) for a in names])
print([getattr(memoryview(bytearray(b"abcdef"))[::2], a) for a in names])
print([getattr(memoryview(b""), a) for a in names])
rv = memoryview(b"abcdef")[::-1]
print(rv.strides, rv.contiguous, rv[1:2].contiguous, rv[1:1].contiguous, rv[::2][0:1].c_contiguous)
mv = memoryview(b"abcdef")
for code in [
    "mv.cast('B').tolist()",
    "mv.cast('@B').nbytes",
    "mv.cast('B', [6]).tolist()",
    "mv.cast('B', (6,)).shape",
    "mv.cast(format='B').format",
    "mv.cast('B', [6]).obj",
    "mv[1:3].cast('B').tobytes()",
    "mv[::-1][0:1].cast('B').tolist()",
    "memoryview(b'').cast('B').tolist()",
    "memoryview(bytearray(b'ab')).cast('B').readonly",
    "mv.cast('e')",
    "mv.cast('x')",
    "mv.cast('BB')",
    "mv.cast('<B')",
    "mv.cast(1)",
    "mv.cast('i')",
    "mv.cast('B', [5])",
    "mv.cast('B', 6)",
    "mv.cast('B', [])",
    "mv.cast('B', ['a'])",
    "mv.cast('B', [-6])",
    "mv.cast('B', [1] * 65)",
    "mv[::2].cast('B')",
    "memoryview(b'').cast('B', [0])",
    "mv.cast()",
    "mv.cast('B', shape=[6], x=1)",
    "!mv.obj = 1",
    "!mv.nbytes = 1",
    "mv.released",
]:
    t(code, {"mv": mv})
mv.release()
for a in names + ["cast"]:
    t("getattr(mv, a)" if a != "cast" else "mv.cast('B')", {"mv": mv, "a": a})

print("== property, classmethod, staticmethod, super ==")


def f(x):
    "doc"


p = property(f)
print(p.fget is f, p.fset, p.fdel, p.__doc__, p.__isabstractmethod__)
p.__doc__ = "z"
print(p.__doc__)
del p.__doc__
print(p.__doc__)
print(property().__doc__, property(f, f, f).fdel is f)
for code in ["!p.__isabstractmethod__ = 1", "!p.fget = 1", "!del p.fset", "!p.zz = 1"]:
    t(code, {"p": p})


class P(property):
    pass


pp = P(f)
pp.zz = 3
print(pp.zz, pp.__doc__)
c = classmethod(f)
print(c.__dict__)
print(c.__name__, c.__doc__, c.__isabstractmethod__, c.__wrapped__ is f, c.__func__ is f)
c.x = 5
print(c.x, list(c.__dict__))
c.__dict__ = {"q": 1}
print(c.q)
for code in [
    "!c.__dict__ = 5",
    "!del c.__dict__",
    "!c.__func__ = 1",
    "!c.__wrapped__ = 1",
    "!c.__isabstractmethod__ = 1",
    "!del c.nope",
]:
    t(code, {"c": c})
sm = staticmethod(len)
print(sorted(sm.__dict__), sm.__name__, sm.__func__ is len)
f.__isabstractmethod__ = True
print(classmethod(f).__isabstractmethod__, staticmethod(f).__isabstractmethod__)
print(property(f).__isabstractmethod__, property(None, f).__isabstractmethod__)
print(classmethod(len).__isabstractmethod__)


class K:
    def __init_subclass__(cls):
        pass

    def __new__(cls):
        return object.__new__(cls)

    @classmethod
    def cm(cls):
        return cls.__name__

    @staticmethod
    def st():
        return "st"

    @property
    def prop(self):
        return "prop"


print(K.__dict__["__init_subclass__"].__dict__, K.__dict__["__new__"].__dict__)
print(K.cm(), K().cm(), K.st(), K().st(), K().prop, K.__dict__["cm"].__name__)


class SM(staticmethod):
    pass


ss = SM(f)
ss.y = 2
print(ss.y, ss.__dict__)
sup = super(int, 1)
print(sup.__thisclass__, sup.__self__, sup.__self_class__)


class Base:
    def who(self):
        return "base"


class Derived(Base):
    def who(self):
        return "derived"

    def check(self):
        s = super()
        return s.__thisclass__, s.__self__ is self, s.__self_class__, s.who()


print(Derived().check())
t("!sup.__self__ = 1", {"sup": sup})

print("== class and static methods of builtin types ==")
for code in [
    "type(dict.__dict__['fromkeys']).__name__",
    "type(int.__dict__['from_bytes']).__name__",
    "type(float.__dict__['fromhex']).__name__",
    "type(bytes.__dict__['fromhex']).__name__",
    "type(bytearray.__dict__['fromhex']).__name__",
    "type(str.__dict__['maketrans']).__name__",
    "type(bytes.__dict__['maketrans']).__name__",
    "type(bytearray.__dict__['maketrans']).__name__",
    "type(object.__dict__['__init_subclass__']).__name__",
    "type(dict.__dict__['keys']).__name__",
    "dict.__dict__['fromkeys']",
    "str.__dict__['maketrans'].__dict__",
    "str.__dict__['maketrans'].__isabstractmethod__",
    "str.__dict__['maketrans'].__name__",
    "dict.__dict__['fromkeys'].__name__",
    "dict.__dict__['fromkeys'].__qualname__",
    "dict.__dict__['fromkeys'].__objclass__",
    "dict.__dict__['keys'].__qualname__",
    "dict.__dict__['fromkeys'](dict, 'ab')",
    "dict.__dict__['fromkeys'].__get__(None, dict)('a')",
    "dict.__dict__['fromkeys']([1])",
    "dict.__dict__['fromkeys'](list, [1])",
    "dict.__dict__['fromkeys']()",
    "dict.__dict__['fromkeys'].__get__(None, list)",
    "dict.__dict__['fromkeys'].__get__(1)",
    "str.maketrans.__self__",
    "''.maketrans.__self__",
    "str.maketrans('a', 'b')",
    "str.maketrans.__qualname__",
    "dict.fromkeys.__self__",
    "{}.fromkeys.__self__",
    "dict.fromkeys([1])",
    "{}.fromkeys('ab', 0)",
    "int.from_bytes(b'\\x01\\x00', 'big')",
    "(5).from_bytes(b'\\x02', 'little')",
    "float.fromhex('0x1p3')",
    "bytes.fromhex('41')",
    "bytearray.fromhex('41')",
    "bytes.maketrans(b'a', b'b')[97]",
    "bytearray.maketrans(b'a', b'b')[97]",
    "b''.maketrans.__self__",
]:
    t(code)


class D(dict):
    pass


class B(bytes):
    pass


print(type(D.fromkeys("ab")).__name__, type(D().fromkeys("a")).__name__, D.fromkeys("ab", 1))
print(type(I.from_bytes(b"\x01", "big")).__name__, type(Fl.fromhex("0x1p1")).__name__)
print(type(B.fromhex("41")).__name__, bool.from_bytes(b"\x01", "big"))
import itertools

print(list(itertools.chain.from_iterable([[1], [2]])))
print(type(itertools.chain.__dict__["from_iterable"]).__name__)


class WithHook:
    def __init_subclass__(cls, **kw):
        print("subclass", cls.__name__, kw)
        super().__init_subclass__()


class Hooked(WithHook, flag=1):
    pass


print("== functions ==")
import builtins


def fn(a, b=1, *, c=2):
    "fn doc"
    return a


print(fn.__name__, fn.__qualname__, fn.__defaults__, fn.__kwdefaults__, fn.__doc__)
print(fn.__module__, fn.__annotations__, fn.__dict__, fn.__closure__, fn.__code__.co_name)
print(fn.__globals__ is globals(), fn.__builtins__ is builtins.__dict__)
fn.__name__ = "renamed"
fn.__qualname__ = "Q.renamed"
fn.__defaults__ = (5,)
fn.__kwdefaults__ = None
fn.__doc__ = None
fn.__module__ = "elsewhere"
print(fn.__name__, fn.__qualname__, fn.__defaults__, fn.__kwdefaults__, fn.__doc__, fn.__module__)
fn.__annotations__ = {"a": int}
print(fn.__annotations__)
del fn.__annotations__
print(fn.__annotations__)
fn.__annotations__ = None
print(fn.__annotations__)
fn.__defaults__ = None
print(fn.__defaults__)
del fn.__defaults__
print(fn.__defaults__)
del fn.__doc__
print(fn.__doc__)
fn.__dict__ = {"z": 1}
print(fn.z)
fn.w = 2
print(fn.__dict__)
del fn.w
fn.__dict__["__name__"] = "from dict"
print(fn.__name__)


def answer():
    return 42


fn.__code__ = answer.__code__
print(fn())


def outer():
    x = 1

    def inner():
        return x

    return inner


inner = outer()
print(inner.__closure__[0].cell_contents)
for code in [
    "!fn.__code__ = 1",
    "!inner.__code__ = answer.__code__",
    "!fn.__globals__ = {}",
    "!fn.__closure__ = ()",
    "!fn.__name__ = 1",
    "!del fn.__name__",
    "!fn.__qualname__ = 1",
    "!fn.__defaults__ = 1",
    "!fn.__kwdefaults__ = 1",
    "!fn.__annotations__ = 1",
    "!fn.__dict__ = 1",
    "!del fn.__dict__",
    "!fn.__builtins__ = 1",
    "!del fn.nope",
]:
    t(code, {"fn": fn, "inner": inner, "answer": answer})


class Meth:
    def m(self):
        "method doc"


obj = Meth()
bm = obj.m
print(bm.__func__ is Meth.m, bm.__self__ is obj, bm.__doc__, bm.__name__, bm.__qualname__)
print(bm.__module__, bm.__class__.__name__)
for code in ["!bm.__func__ = 1", "!bm.__self__ = 1", "!bm.__doc__ = 1", "!bm.x = 1", "bm.nope"]:
    t(code, {"bm": bm})

print("== builtin functions ==")
import math
import sys

print(math.sqrt.__module__, math.sqrt.__self__ is math, len.__module__, len.__self__ is builtins)
print(sys.getrefcount.__module__, sys.getrefcount.__self__ is sys)
print([].append.__module__, [].append.__self__, [].append.__name__, [].append.__qualname__)
print(int.from_bytes.__qualname__, len.__qualname__, math.sqrt.__qualname__, len.__name__)
for code in ["!len.__name__ = 1", "!len.__self__ = 1", "![].append.__self__ = 3"]:
    t(code)

print("== code objects ==")


def h(a, b=2, *args, c, **kw):
    y = a

    def inner():
        return y

    return inner


co = h.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_nlocals, co.co_varnames, co.co_cellvars, co.co_freevars, co.co_names)
print(co.co_firstlineno, co.co_filename.endswith("builtin_attrs.py"), co.co_flags & 0xF)
print(h(1, c=2).__code__.co_freevars)
for code in ["!co.co_name = 'x'", "!del co.co_argcount", "!co.co_varnames = ()"]:
    t(code, {"co": co})

print("== generators and coroutines ==")


def inner_gen():
    yield 1
    yield 2


def outer_gen():
    yield from inner_gen()
    yield 3


it = outer_gen()
print(it.gi_code.co_name, it.gi_running, it.gi_suspended, it.gi_yieldfrom, it.__name__, it.__qualname__)
next(it)
print(it.gi_suspended, it.gi_yieldfrom.__name__)
next(it)
next(it)
print(it.gi_yieldfrom, it.gi_suspended)
list(it)
print(it.gi_code.co_name, it.gi_suspended, it.gi_running)
it.__name__ = "renamed"
it.__qualname__ = "Q.renamed"
print(it.__name__, it.__qualname__)
for code in [
    "!it.__name__ = 1",
    "!del it.__qualname__",
    "!it.gi_code = 1",
    "!it.gi_running = 1",
    "!it.gi_yieldfrom = 1",
]:
    t(code, {"it": it})


def running_check():
    yield me.gi_running


me = running_check()
print(next(me), me.gi_running)


class Aw:
    def __await__(self):
        yield "x"


async def co_fn():
    await Aw()


cr = co_fn()
print(cr.cr_code.co_name, cr.cr_running, cr.cr_suspended, cr.cr_await, cr.cr_origin, cr.__name__)
print(cr.send(None), type(cr.cr_await).__name__, cr.cr_suspended)
cr.close()
print(cr.cr_await, cr.cr_suspended)


async def agen():
    yield 1


ag = agen()
print(ag.ag_code.co_name, ag.ag_await, ag.__name__, ag.__qualname__)
for code in ["!ag.ag_code = 1", "!cr.cr_origin = 1", "!cr.cr_await = 1"]:
    t(code, {"ag": ag, "cr": cr})

print("== cells, modules, tracebacks, namespaces ==")


def make_cell():
    x = 1

    def read():
        return x

    return read.__closure__[0], read


cell, read = make_cell()
print(cell.cell_contents)
cell.cell_contents = 5
print(read())
del cell.cell_contents
t("cell.cell_contents", {"cell": cell})
del cell.cell_contents
cell.cell_contents = 7
print(read())
print(type(sys.__dict__).__name__, sys.__dict__ is vars(sys), math.__dict__["sqrt"] is math.sqrt)
for code in ["!sys.__dict__ = {}", "!del sys.__dict__"]:
    t(code)
print(tb.tb_lineno, tb.tb_next)
for code in ["!tb.tb_lineno = 3"]:
    t(code, {"tb": tb})
import types

ns = types.SimpleNamespace(a=1)
print(ns.__dict__)
t("!ns.__dict__ = {}", {"ns": ns})
u = int | str
print(u.__args__)
t("!u.__args__ = 1", {"u": u})
import weakref

wr = weakref.ref(holder)
print(wr.__callback__)
t("!wr.__callback__ = 1", {"wr": wr})


class Slotted:
    __slots__ = ("a",)


print(Slotted.__dict__["a"].__name__)
