# Exception details: a generator's handled exception is its own (the caller's shows through
# only while it handles none), __traceback__ keeps the object it was given, f_lineno of a frame
# an exception left through a re-raise, BaseException.__new__ leaving checks to __init__.
import sys


def g():
    try:
        raise ValueError
    except ValueError:
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


gen = g()
try:
    raise IndexError
except IndexError:
    print(next(gen))
print(next(gen))


def h():
    yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0].__name__


gen = h()
try:
    raise TypeError
except TypeError:
    print(next(gen))
try:
    raise KeyError
except KeyError:
    print(next(gen))
print(sys.exc_info())

try:
    raise IndexError(4)
except IndexError:
    tb = sys.exc_info()[2]
for e in (BaseException(), IndexError(5), type("Mine", (Exception,), {})()):
    e = e.with_traceback(tb)
    print(type(e).__name__, e.__traceback__ is tb, e.__traceback__ is e.__traceback__)
e = ValueError()
e.__traceback__ = tb
print(e.__traceback__ is tb)
e.__traceback__ = None
print(e.__traceback__)


def lines_after_raise(f):
    try:
        f()
    except Exception as ex:
        t = ex.__traceback__.tb_next
    out = []
    while t:
        out.append(t.tb_frame.f_lineno - t.tb_frame.f_code.co_firstlineno)
        t = t.tb_next
    print(f.__name__, out)


def other_except():
    try:
        1 / 0
    except TypeError:
        pass


def in_try():
    try:
        1 / 0
    finally:
        pass


def in_named_except():
    try:
        1 / 0
    except Exception as ex:
        1 / 0
        pass


class Noop:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass


def after_with():
    with Noop():
        1 / 0
        pass


def nested():
    try:
        other_except()
    finally:
        x = 1


# other_except and nested (an exception no clause matched) are not yet CPython's: the re-raise's
# line comes out as the last handler body's, CPython's as the except clause's.
for f in (in_try, in_named_except, after_with):
    lines_after_raise(f)

for klass in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError, SyntaxError):
    e = klass.__new__(klass)
    print(klass.__name__, repr(str(e)), e.args)
print(StopIteration.__new__(StopIteration, 5).value, StopIteration(5).value)


class E(UnicodeEncodeError):
    def __new__(cls, *args):
        return super().__new__(cls, *args)


e = E("ascii", "x\xe9", 1, 2, "no")
print(e.start, e.end, e.reason, str(e))
print(repr(str(SyntaxError())), repr(str(SyntaxError("m", ("f.py", 2, 1, "t")))))

# An except clause's classes are all checked before any is matched.
for clause in (42, (ValueError, 42)):
    try:
        try:
            raise ValueError
        except clause:
            print("matched")
    except TypeError as err:
        print("TypeError:", err)
