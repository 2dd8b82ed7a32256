# gen.throw(): the exception a generator handles while suspended is its own, even when it is the
# caller's exception thrown in; making the thrown exception fails inside the generator; the
# checks of throw's arguments.
import sys


def store_raise():
    try:
        print("start", sys.exc_info()[0])
        yield
    except Exception as exc:
        print("caught", sys.exc_info()[0].__name__, exc.__context__)
        yield
        print("still", sys.exc_info()[0].__name__)
        yield
        raise


g = store_raise()
next(g)
try:
    raise ValueError("v")
except Exception as exc:
    g.throw(exc)
next(g)
try:
    next(g)
except ValueError as e:
    print("reraised", repr(e), e.__context__)
print("after", sys.exc_info())


def plain():
    print("plain sees", sys.exc_info()[0])
    yield 1
    print("plain sees", sys.exc_info()[0])
    yield 2


p = plain()
try:
    raise KeyError
except KeyError:
    next(p)
next(p)


class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


def catcher():
    try:
        yield
    except TypeError as e:
        print("inside:", e)
        yield "recovered"


c = catcher()
next(c)
print(c.throw(E))


def boring():
    yield


b = boring()
try:
    b.throw(E)
except TypeError as e:
    print("outside:", e)
print(next(b, "exhausted"))

for args in [(), (ValueError, 1, 2, 3), (ValueError, None, 5), (ValueError(), 1), (1,)]:
    try:
        boring().throw(*args)
    except TypeError as e:
        print(e)
try:
    boring().throw(ValueError, (1, 2))
except ValueError as e:
    print(e.args)
