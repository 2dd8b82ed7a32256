# Class-level access to the data attributes of builtin types: each type's own __dict__ holds
# its getset entries (not its bases'), dir() lists them, and the descriptors found there read
# and write instances as attribute access does (including instances of subclasses).
import types


def t(code, env=None):
    scope = dict(globals())
    if env:
        scope.update(env)
    try:
        if code.startswith("!"):
            exec(code[1:], scope)
            print(code[1:], "-> ok")
        else:
            print(code, "->", repr(eval(code, scope)))
    except Exception as e:
        print(code.lstrip("!"), "!!", type(e).__name__ + ":", e)


def gen():
    yield


async def coro():
    pass


async def agen():
    yield


def make_cell():
    x = 1
    return (lambda: x).__closure__[0]


try:
    1 / 0
except ZeroDivisionError as z:
    tb = z.__traceback__

own = [
    (BaseException, ["args", "__cause__", "__context__", "__suppress_context__", "__traceback__", "__dict__"]),
    (StopIteration, ["value"]),
    (SystemExit, ["code"]),
    (OSError, ["errno", "strerror", "filename", "filename2", "characters_written"]),
    (SyntaxError, ["msg", "filename", "lineno", "offset", "text", "end_lineno", "end_offset", "print_file_and_line"]),
    (ImportError, ["msg", "name", "path"]),
    (UnicodeEncodeError, ["encoding", "object", "start", "end", "reason"]),
    (UnicodeDecodeError, ["encoding", "object", "start", "end", "reason"]),
    (UnicodeTranslateError, ["encoding", "object", "start", "end", "reason"]),
    (BaseExceptionGroup, ["message", "exceptions"]),
    (NameError, ["name"]),
    (AttributeError, ["name", "obj"]),
    (int, ["numerator", "denominator", "real", "imag"]),
    (float, ["real", "imag"]),
    (complex, ["real", "imag"]),
    (range, ["start", "stop", "step"]),
    (slice, ["start", "stop", "step"]),
    (memoryview, ["obj", "nbytes", "readonly", "itemsize", "format", "ndim", "shape", "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous"]),
    (property, ["fget", "fset", "fdel", "__isabstractmethod__", "__doc__"]),
    (classmethod, ["__func__", "__wrapped__", "__isabstractmethod__", "__dict__"]),
    (staticmethod, ["__func__", "__wrapped__", "__isabstractmethod__", "__dict__"]),
    (super, ["__self__", "__self_class__", "__thisclass__"]),
    (types.FunctionType, ["__name__", "__qualname__", "__code__", "__defaults__", "__kwdefaults__", "__globals__", "__closure__", "__doc__", "__module__", "__annotations__", "__dict__", "__builtins__"]),
    (types.MethodType, ["__func__", "__self__", "__doc__"]),
    (types.BuiltinFunctionType, ["__name__", "__qualname__", "__self__", "__module__"]),
    (types.CodeType, ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_stacksize", "co_flags", "co_nlocals", "co_consts", "co_names", "co_filename", "co_name", "co_qualname", "co_firstlineno", "co_varnames", "co_cellvars", "co_freevars"]),
    (types.GeneratorType, ["gi_code", "gi_running", "gi_yieldfrom", "gi_suspended", "__name__", "__qualname__"]),
    (types.CoroutineType, ["cr_code", "cr_running", "cr_await", "cr_suspended", "cr_origin", "__name__", "__qualname__"]),
    (types.AsyncGeneratorType, ["ag_code", "ag_await", "__name__", "__qualname__"]),
    (types.CellType, ["cell_contents"]),
    (types.ModuleType, ["__dict__"]),
    (types.TracebackType, ["tb_next", "tb_lineno"]),
]
for ty, names in own:
    missing = [n for n in names if n not in ty.__dict__]
    print(ty.__name__, "missing:", missing, "all found:", all(hasattr(ty, n) for n in names))

print("== only where the class defines them ==")
for name, cls, base in [
    ("errno", OSError, Exception),
    ("errno", FileNotFoundError, OSError),
    ("value", StopIteration, Exception),
    ("msg", IndentationError, SyntaxError),
    ("name", ModuleNotFoundError, ImportError),
    ("args", Exception, BaseException),
    ("message", ExceptionGroup, BaseExceptionGroup),
    ("real", bool, int),
    ("encoding", UnicodeError, ValueError),
]:
    print(name, name in cls.__dict__, name in base.__dict__, hasattr(cls, name))
print(sorted(set(dir(OSError)) - set(dir(Exception))))
print(sorted(set(dir(SyntaxError)) - set(dir(Exception))))
print(sorted(set(dir(ImportError)) - set(dir(Exception))))
print(sorted(set(dir(int)) & {"real", "imag", "numerator", "denominator"}))
print("value" in dir(StopIteration), "value" in dir(StopAsyncIteration))

print("== descriptors read and write instances ==")
e = OSError(2, "no", "f")
print(OSError.errno.__get__(e), OSError.filename.__get__(e), BaseException.args.__get__(e))
OSError.errno.__set__(e, 5)
print(e.errno, str(e))
print(int.real.__get__(5), int.denominator.__get__(True), float.imag.__get__(2.0))
print(range.start.__get__(range(3, 9)), slice.step.__get__(slice(1, 2, 3)))
print(StopIteration.value.__get__(StopIteration(4)), SystemExit.code.__get__(SystemExit(2)))
for code in [
    "OSError.errno.__get__(ValueError())",
    "int.real.__get__('x')",
    "!OSError.errno.__set__(ValueError(), 1)",
    "!int.real.__set__(5, 1)",
    "!range.start.__set__(range(3), 1)",
    "!BaseException.__cause__.__set__(ValueError(), 1)",
    "OSError.characters_written.__get__(OSError())",
]:
    t(code)

print("== subclasses of builtin types ==")


class I(int):
    pass


class Fl(float):
    pass


class Cx(complex):
    pass


class MyErr(OSError):
    pass


class Fn(Exception):
    pass


for code in [
    "!I(1).imag = 1",
    "!I(1).x = 1",
    "!Fl(1).real = 1",
    "!Cx(1).real = 1",
    "!MyErr().characters_written = 'x'",
    "!Fn().__cause__ = 1",
    "!Fn().args = 5",
    "MyErr(2, 'no').errno",
]:
    t(code)
m = MyErr(1, "x")
m.__dict__["errno"] = "shadow"
print(m.errno)
f = Fn(1)
f.__dict__["args"] = "shadow"
print(f.args)
