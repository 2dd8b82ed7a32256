# "Did you mean" hints of the default exception display (sys.__excepthook__) for NameError
# (locals, then globals, then builtins of the innermost frame) and AttributeError (dir of the
# object), and the name/obj the errors carry.
import io
import sys

global_for_suggestions = None


def shown(f):
    """The final line(s) the default hook prints for what f raises (the stack lines, which
    name this file's path, are left out)."""
    try:
        f()
    except BaseException as e:
        old = sys.stderr
        sys.stderr = io.StringIO()
        try:
            sys.__excepthook__(type(e), e, e.__traceback__)
            text = sys.stderr.getvalue()
        finally:
            sys.stderr = old
        return [line for line in text.splitlines() if not line.startswith(" ")][-1]


def local_typo():
    blech = 1
    return bluch


def global_typo():
    return global_for_suggestio


def builtin_typo():
    return ZeroDivisionErrrrr


def no_match():
    vvv = mom = w = None
    return b


def too_long():
    somethingverywronghehehehehehe = None
    return somethingverywronghe


def case_only():
    Value = 1
    return value


class A:
    blech = 1
    noise = more_noise = None


class Failing:
    blech = None

    def __getattr__(self, name):
        raise AttributeError()


class BadDir:
    bluch = 1

    def __dir__(self):
        raise AttributeError("oh no!")


class Nested:
    def __getattribute__(self, name):
        return A().blich


for f in [
    local_typo,
    global_typo,
    builtin_typo,
    no_match,
    too_long,
    case_only,
    lambda: A().bluch,
    lambda: A().blech_(),
    lambda: getattr(A(), "blehc"),
    lambda: object.__getattribute__(A(), "bluch"),
    lambda: Failing().bluch,
    lambda: BadDir().blich,
    lambda: Nested().something,
    lambda: sys.maxsiz,
    lambda: [].apend,
    lambda: (_ for _ in ()).sen,
]:
    print(shown(f))

# The hint needs a str name and an object.
print(shown(lambda: (_ for _ in ()).throw(AttributeError("x", name=12, obj=23))))
print(shown(lambda: (_ for _ in ()).throw(AttributeError("x", name="blehc"))))
print(shown(lambda: (_ for _ in ()).throw(AttributeError("x", name="blehc", obj=A()))))
print(shown(lambda: (_ for _ in ()).throw(NameError("x", name="lcoal_typo"))))

# What the errors carry.
obj = A()
for get in (lambda: obj.bluch, lambda: obj.bluch(), lambda: getattr(obj, "bluch"),
            lambda: object.__getattribute__(obj, "bluch")):
    try:
        get()
    except AttributeError as e:
        print(e.name, e.obj is obj)
try:
    sys.nothing_here
except AttributeError as e:
    print(e.name, e.obj is sys)
try:
    Nested().something
except AttributeError as e:
    print(e.name, type(e.obj).__name__)
try:
    undefined_name
except NameError as e:
    print(e.name)
e = AttributeError("m", name="n", obj=3)
print(e.args, e.name, e.obj)
e = NameError("m", name="n")
print(e.args, e.name)
for bad in (lambda: AttributeError(other=1), lambda: NameError(obj=1)):
    try:
        bad()
    except TypeError as err:
        print(err)
