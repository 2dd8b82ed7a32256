# types, contextlib, warnings
import types, contextlib, warnings, sys
print(types.FunctionType, types.GeneratorType, types.ModuleType, types.NoneType, types.MethodType, types.BuiltinFunctionType)
ns = types.SimpleNamespace(a=1)
print(ns)
mp = types.MappingProxyType({"a": 1})
print(mp["a"], mp)
@contextlib.contextmanager
def cm(x):
    print("enter", x)
    try:
        yield x * 2
    finally:
        print("exit", x)
with cm(3) as v:
    print("body", v)
with contextlib.suppress(KeyError):
    {}["x"]
with contextlib.ExitStack() as st:
    st.callback(print, "cb1")
    st.enter_context(cm(1))
warnings.warn("careful")
warnings.warn("careful")
def f():
    warnings.warn("dep", DeprecationWarning)
f()
warnings.simplefilter("error")
try:
    warnings.warn("boom", RuntimeWarning)
except RuntimeWarning as e:
    print("raised", e)
@contextlib.contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError as e:
        print("swallowed", e)
with swallow():
    1 / 0
class Res:
    def close(self):
        print("closed")
with contextlib.closing(Res()) as r:
    print(type(r).__name__)
with contextlib.nullcontext(5) as n:
    print(n)
try:
    with contextlib.ExitStack() as st:
        st.callback(print, "unwound")
        raise ValueError("inner")
except ValueError as e:
    print("propagated", e)
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("recorded", UserWarning)
print(len(log), log[0].category.__name__, str(log[0].message))
