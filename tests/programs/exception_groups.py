# ExceptionGroup / BaseExceptionGroup behaviour and except*
import sys


def show(f):
    try:
        r = f()
        print("ok", repr(r))
    except BaseException as e:
        print(type(e).__name__, e)


# constructor validation
show(lambda: ExceptionGroup("m"))
show(lambda: ExceptionGroup(1, [ValueError()]))
show(lambda: ExceptionGroup("m", ValueError()))
show(lambda: ExceptionGroup("m", {ValueError()}))
show(lambda: ExceptionGroup("m", []))
show(lambda: ExceptionGroup("m", [ValueError(), 3]))
show(lambda: ExceptionGroup("m", [KeyboardInterrupt()]))
show(lambda: BaseExceptionGroup("m", (ValueError(), KeyboardInterrupt())))
show(lambda: type(BaseExceptionGroup("m", (ValueError(),))))
show(lambda: ExceptionGroup("m", [ValueError()], x=1))

eg = ExceptionGroup("msg", (ValueError(1), TypeError(2)))
print(repr(eg), str(eg), eg.args, eg.exceptions, eg.message)
one = ExceptionGroup("one", [ValueError(1)])
print(str(one), repr(one))
print(ExceptionGroup.__mro__)
print(BaseExceptionGroup.__mro__)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), isinstance(eg, ExceptionGroup))
print(issubclass(BaseExceptionGroup, Exception))

# split / subgroup with types, tuples and predicates
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [TypeError("b"), ValueError("c")]), KeyError("d")])
m, r = nested.split((ValueError, KeyError))
print(repr(m))
print(repr(r))
print(nested.split(ZeroDivisionError))
print(nested.split(Exception)[0] is nested)
print(repr(nested.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")))
print(repr(nested.subgroup(lambda e: str(e) == "c")))
show(lambda: nested.split(1))
show(lambda: nested.split((ValueError, 1)))

# metadata copied to the parts
try:
    try:
        raise KeyError("ctx")
    except KeyError:
        raise ExceptionGroup("with ctx", [ValueError(1), TypeError(2)])
except ExceptionGroup as g:
    g.add_note("note!")
    a, b = g.split(ValueError)
    print(repr(a.__context__), a.__notes__, b.__notes__, a.__notes__ is g.__notes__)
    print(a.__traceback__ is not None)

# subclasses and derive
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)

mine = MyEG("mine", [ValueError(1), TypeError(2)])
print(type(mine).__name__, repr(mine.split(ValueError)[0]), type(mine.subgroup(TypeError)).__name__)
print(MyEG.__mro__[:3])
show(lambda: MyEG("x", [KeyboardInterrupt()]))

# except* flows
def run(exc, *handled):
    try:
        try:
            raise exc
        except* ValueError as g:
            print("  V:", repr(g))
            if "reraise-v" in handled:
                raise
        except* TypeError as g:
            print("  T:", repr(g))
            if "raise-new" in handled:
                raise RuntimeError("new")
        except* (KeyError, IndexError) as g:
            print("  K/I:", repr(g), sys.exc_info()[1] is g)
        else:
            print("  else")
        print("  after")
    except BaseException as e:
        print("  escaped:", repr(e))


run(ValueError("solo"))
run(ExceptionGroup("g", [ValueError(1), TypeError(2), KeyError(3), OSError(4)]))
run(ExceptionGroup("g", [ValueError(1), TypeError(2)]), "reraise-v")
run(ExceptionGroup("g", [ValueError(1), TypeError(2)]), "raise-new")
run(ExceptionGroup("g", [ValueError(1), TypeError(2)]), "reraise-v", "raise-new")
run(TypeError("naked"), "raise-new")
run(ValueError("naked"), "reraise-v")
run(OSError("unhandled"))


def no_exception():
    try:
        pass
    except* ValueError:
        print("never")
    else:
        print("no exception: else")
    finally:
        print("finally")


no_exception()


def bad_type():
    try:
        raise ValueError
    except* ExceptionGroup:
        pass


def bad_type2():
    try:
        raise ValueError
    except* 42:
        pass


for f in (bad_type, bad_type2):
    show(f)

# an except* clause sees nested structure
try:
    raise ExceptionGroup("o", [ExceptionGroup("i", [ValueError(1)]), ValueError(2)])
except* ValueError as g:
    print(repr(g))

# a group caught by plain except
try:
    raise BaseExceptionGroup("b", [KeyboardInterrupt()])
except BaseExceptionGroup as g:
    print("caught", type(g).__name__, type(g.exceptions[0]).__name__)
