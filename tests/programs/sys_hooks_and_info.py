# sys: struct sequences, limits and intervals, hooks (excepthook, unraisablehook,
# breakpointhook, audit, asyncgen hooks, trace/profile), coroutine origins, misc names
import sys

# -- struct sequences --
fi = sys.float_info
print(type(fi).__name__, fi.max == fi[0], fi.dig, fi.mant_dig, fi.radix, fi.rounds, len(fi))
print(type(fi).n_fields, type(fi).n_sequence_fields, type(fi).n_unnamed_fields)
print(type(fi).__match_args__[:4])
print(fi == tuple(fi), hash(fi) == hash(tuple(fi)), isinstance(fi, tuple))
try:
    fi.max = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    type(fi)()
except TypeError as e:
    print("TypeError", e)
try:
    type(fi)((1, 2))
except TypeError as e:
    print("TypeError", e)
copy = type(fi)(list(fi))
print(copy == fi, type(copy) is type(fi), copy.epsilon == sys.float_info.epsilon)
red = fi.__reduce__()
print(red[0] is type(fi), red[1][0] == tuple(fi), red[1][1])
for name in ("flags", "version_info"):
    try:
        type(getattr(sys, name))()
    except TypeError as e:
        print("TypeError", e)
f = sys.flags
print(f.optimize, f.no_site, f.dev_mode, f.safe_path, f.int_max_str_digits, f.debug, f.isolated)
print(len(f), type(f).n_fields, type(f).__match_args__[-2:])
ii = sys.int_info
print(ii.default_max_str_digits, ii.str_digits_check_threshold, ii._fields if hasattr(ii, "_fields") else "-")
hi = sys.hash_info
print(hi.width, hi.modulus == 2 ** 61 - 1, hi.inf, hi.nan, hi.imag, hi.cutoff, hi.inf == hash(float("inf")))
print(sys.thread_info.name, len(sys.thread_info))
vi = sys.version_info
print(vi >= (3, 11), vi[:2], vi.releaselevel, type(vi).n_fields)
match vi:
    case (major, minor, *_):
        print("match", major, minor)

# -- plain values --
print(sys.api_version, sys.abiflags == "", sys.float_repr_style, sys.platlibdir, sys.pycache_prefix)
print(sys.prefix == sys.base_prefix == sys.exec_prefix == sys.base_exec_prefix, isinstance(sys.prefix, str))
print(sys.warnoptions, isinstance(sys.orig_argv, list), isinstance(sys.copyright, str))
print(type(sys.stdlib_module_names).__name__, "os" in sys.stdlib_module_names, "sys" in sys.stdlib_module_names, "arenapy" in sys.stdlib_module_names)
print(sys.getfilesystemencodeerrors(), sys.getdefaultencoding(), sys.maxunicode, sys.is_finalizing())
for f, args in ((sys.getdefaultencoding, (1,)), (sys.is_finalizing, (1,)), (sys.getswitchinterval, (1,))):
    try:
        f(*args)
    except TypeError as e:
        print("TypeError", e)

# -- switch interval, dlopen flags --
print(sys.getswitchinterval())
sys.setswitchinterval(0.01)
print(sys.getswitchinterval())
for bad in (0, -1.5, "x"):
    try:
        sys.setswitchinterval(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    sys.setswitchinterval(interval=1)
except TypeError as e:
    print("TypeError", e)
sys.setswitchinterval(0.005)
old = sys.getdlopenflags()
sys.setdlopenflags(3)
print(old, sys.getdlopenflags())
sys.setdlopenflags(old)
try:
    sys.setdlopenflags("a")
except TypeError as e:
    print("TypeError", e)

# -- int/str digit limit --
print(sys.get_int_max_str_digits())
for bad in (5, -1, 639):
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    sys.set_int_max_str_digits()
except TypeError as e:
    print("TypeError", e)
sys.set_int_max_str_digits(maxdigits=700)
print(sys.get_int_max_str_digits(), len(str(10 ** 699)))
try:
    int("1" * 701)
except ValueError as e:
    print("ValueError", e)
try:
    str(10 ** 701)
except ValueError as e:
    print("ValueError", e)
try:
    f"{10 ** 701:d}"
except ValueError as e:
    print("ValueError", e)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)), len(repr(int("7" * 5000))))
sys.set_int_max_str_digits(4300)
print(hex(10 ** 5000)[:6])

# -- call_tracing, trace and profile functions --
print(sys.call_tracing(max, (3, 9, 4)))
for args in ((print, [1]), (print,)):
    try:
        sys.call_tracing(*args)
    except TypeError as e:
        print("TypeError", e)
def quiet(*args):
    return None
print(sys.gettrace(), sys.getprofile())
sys.settrace(quiet)
print(sys.gettrace() is quiet)
sys.settrace(None)
sys.setprofile(quiet)
print(sys.getprofile() is quiet)
sys.setprofile(None)
print(sys.gettrace(), sys.getprofile())
for f, args in ((sys.settrace, ()), (sys.settrace, (None, 1)), (sys.gettrace, (1,))):
    try:
        f(*args)
    except TypeError as e:
        print("TypeError", e)

# -- excepthook --
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
print(sys.excepthook is sys.__excepthook__, sys.excepthook.__name__)
cap = Capture()
saved = sys.stderr
sys.stderr = cap
try:
    raise KeyError("k")
except KeyError as e:
    sys.excepthook(type(e), e, e.__traceback__)
sys.excepthook(int, 5, None)
sys.stderr = saved
text = "".join(cap.parts)
print(text.splitlines()[0], "|", text.splitlines()[-2], "|", text.splitlines()[-1])
try:
    sys.excepthook(1, 2)
except TypeError as e:
    print("TypeError", e)

# -- unraisablehook --
print(sys.unraisablehook is sys.__unraisablehook__)
seen = []
def hook(u):
    seen.append((type(u).__name__, u.exc_type.__name__, str(u.exc_value), u.err_msg, type(u.object).__name__))
sys.unraisablehook = hook
class Bad:
    def __del__(self):
        raise ValueError("in del")
Bad()
import gc
def failing_callback(phase, info):
    raise RuntimeError("in callback " + phase)
gc.callbacks.append(failing_callback)
gc.collect()
gc.callbacks.remove(failing_callback)
def agen_fail():
    try:
        yield 1
    finally:
        raise OSError("in finally")
g = agen_fail()
next(g)
del g
for s in seen:
    print(s)
def broken_hook(u):
    raise TypeError("hook failed")
sys.unraisablehook = broken_hook
cap = Capture()
sys.stderr = cap
Bad()
sys.stderr = saved
print("".join(cap.parts).splitlines()[0].split(" at ")[0])
sys.unraisablehook = sys.__unraisablehook__
cap = Capture()
sys.stderr = cap
Bad()
sys.stderr = saved
lines = "".join(cap.parts).splitlines()
print(lines[0].split(" at ")[0], "|", lines[-1])
for args in ((), (1,)):
    try:
        sys.unraisablehook(*args)
    except TypeError as e:
        print("TypeError", e)

# -- breakpointhook --
print(sys.breakpointhook is sys.__breakpointhook__)
def bp(*args, **kwargs):
    print("breakpoint", args, kwargs)
    return 7
sys.breakpointhook = bp
print(breakpoint(1, b=2))
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError", e)
sys.breakpointhook = sys.__breakpointhook__

# -- audit hooks --
events = []
def audit_hook(event, args):
    if event.startswith("my.") or event == "sys.addaudithook":
        events.append((event, args))
print(sys.audit("my.before", 1))
sys.addaudithook(audit_hook)
sys.audit("my.event", 1, "two")
sys.audit("my.none")
def veto(event, args):
    if event == "sys.addaudithook":
        raise RuntimeError("no more hooks")
sys.addaudithook(veto)
sys.addaudithook(lambda e, a: events.append(("never", e)))
print(events)
for args in ((), (1,)):
    try:
        sys.audit(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    sys.addaudithook()
except TypeError as e:
    print("TypeError", e)

# -- asynchronous generator hooks --
print(sys.get_asyncgen_hooks())
hooks = sys.get_asyncgen_hooks()
print(type(hooks).__name__, hooks.firstiter, hooks[1], len(hooks))
for kwargs in ({"firstiter": 1}, {"finalizer": 1}, {"foo": 1}):
    try:
        sys.set_asyncgen_hooks(**kwargs)
    except TypeError as e:
        print("TypeError", e)
try:
    sys.set_asyncgen_hooks(None, None, None)
except TypeError as e:
    print("TypeError", e)
log = []
def firstiter(agen):
    log.append(("firstiter", agen.__name__))
def finalizer(agen):
    log.append(("finalizer", agen.__name__))
sys.set_asyncgen_hooks(firstiter, finalizer)
print(sys.get_asyncgen_hooks().firstiter is firstiter)
async def numbers():
    yield 1
    yield 2
def drive(aw):
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
agen = numbers()
print(drive(agen.__anext__()))
del agen
agen = numbers()
print(drive(agen.__anext__()), drive(agen.__anext__()))
sys.set_asyncgen_hooks(firstiter=None, finalizer=None)
del agen
print(log, sys.get_asyncgen_hooks())

# -- coroutine origin tracking --
async def coro():
    pass
def make():
    return coro()
print(sys.get_coroutine_origin_tracking_depth())
c = make()
print(c.cr_origin)
c.close()
sys.set_coroutine_origin_tracking_depth(2)
c = make()
print([(f.split("/")[-1], line, name) for f, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
for bad in (-1, 1.5):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# -- finalizing: True only while the interpreter shuts down --
class AtExit:
    def __del__(self):
        print("finalizing in __del__:", sys.is_finalizing())
keep = AtExit()
print("end of program")
