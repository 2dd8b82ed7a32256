# Exceptions: handlers in every combination, finally with return/break/continue, chaining.
def f(kind):
    try:
        if kind == 1:
            raise ValueError("v")
        if kind == 2:
            raise KeyError("k")
        print("no error")
    except ValueError as e:
        print("ValueError", e)
    except (KeyError, IndexError) as e:
        print("lookup", repr(e))
    else:
        print("else")
    finally:
        print("finally", kind)
for k in range(3):
    f(k)

def ret_in_finally():
    try:
        return "try"
    finally:
        return "finally"
def ret_overrides_exception():
    try:
        raise ValueError
    finally:
        return "swallowed"
print(ret_in_finally(), ret_overrides_exception())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
for i in range(5):
    try:
        if i == 2:
            break
    finally:
        print("fin-break", i)
while True:
    try:
        raise TypeError
    except TypeError:
        break
    finally:
        print("loop finally")

try:
    try:
        {}["x"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("during")
except RuntimeError as e:
    print(repr(e.__context__), e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("quiet") from None
except RuntimeError as e:
    print(e.__suppress_context__, e.__cause__, type(e.__context__).__name__)
try:
    raise ValueError("with tb")
except ValueError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_next)
    try:
        raise KeyError("x").with_traceback(tb)
    except KeyError as k:
        print(k.__traceback__.tb_lineno, k.__traceback__.tb_next.tb_lineno)

class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
class Sub(AppError):
    pass
try:
    raise Sub(7, "bad")
except AppError as e:
    print(type(e).__name__, e.code, e.args, str(e))
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), [c.__name__ for c in FileNotFoundError.__mro__])
for thunk in (lambda: [][1], lambda: {}["k"], lambda: 1 / 0, lambda: int("x"), lambda: undefined_name,
              lambda: None.attr, lambda: "a" + 1, lambda: len(5), lambda: [].pop(), lambda: (1, 2).index(3),
              lambda: next(iter([])), lambda: 2 ** 10000.0, lambda: chr(-1), lambda: b"a"[5], lambda: int.x):
    try:
        thunk()
    except Exception as e:
        print(type(e).__name__ + ":", e)
try:
    assert 1 == 2, "math broke"
except AssertionError as e:
    print("AssertionError", e)
def reraise():
    try:
        raise OSError(2, "No such file")
    except OSError:
        raise
try:
    reraise()
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e)
e = Exception("a", 1)
e.add_note("note!")
print(e.args, e.__notes__, repr(BaseException()), str(KeyError("k")), str(KeyError()))
try:
    raise SystemExit(3)
except SystemExit as e:
    print("SystemExit", e.code)
try:
    raise KeyboardInterrupt
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException", type(e).__name__)
class E(ImportError):
    def __init__(self, m):
        super().__init__(m, name="n", path="p")
print(E("x").name, E("x").path, E("x").args, ImportError("a", path="q").path)
try:
    ImportError(bad=1)
except TypeError as e:
    print(e)

# A context chain that already loops does not hang the next raise.
def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)
try:
    cycle()
except Exception as e:
    exc = e
print(type(exc).__name__, type(exc.__context__).__name__, exc.__context__.__context__ is exc.__context__)
def cycle2():
    try:
        raise ValueError(1)
    except ValueError as a:
        try:
            raise KeyError(2)
        except KeyError as b:
            a.__context__ = b
            b.__context__ = a
            raise IndexError(3)
try:
    cycle2()
except Exception as e:
    print(type(e).__name__, type(e.__context__).__name__, type(e.__context__.__context__).__name__)
