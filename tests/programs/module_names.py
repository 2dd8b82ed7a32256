# Public names added to functools, operator, copy, contextlib, json, random, time, weakref,
# warnings, tracemalloc, types and builtins (aiter, anext), with their behaviour
import functools, operator, copy, contextlib, json, json.decoder, json.encoder, json.scanner
import random, time, weakref, warnings, types, sys, gc

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# functools
r = functools.RLock()
print(repr(r).split(" object")[0], r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
r.release(); r.release()
t(lambda: r.release())
with r:
    print("held", r._is_owned())
print(r._is_owned(), r.acquire(blocking=False), r.acquire(timeout=1))
t(lambda: r.acquire(False, 1))
print(functools.RLock.__module__, functools.RLock.__name__)
print(isinstance(functools.get_cache_token(), object), functools.namedtuple("P", "x y")(1, 2))
class L(list):
    @functools.recursive_repr()
    def __repr__(self):
        return "L(" + ", ".join(map(repr, self)) + ")"
l = L([1]); l.append(l)
print(repr(l), L.__repr__.__name__, L.__repr__.__qualname__)
class M(list):
    @functools.recursive_repr("<...>")
    def __repr__(self):
        return "M" + list.__repr__(self)
m = M(); m.append([m])
print(repr(m))
print(functools.GenericAlias is types.GenericAlias)

# operator.call
print(operator.call(len, [1, 2]), operator.call(dict, a=1), operator.__call__ is operator.call)
t(lambda: operator.call())

# copy.dispatch_table
print(complex in copy.dispatch_table, types.UnionType in copy.dispatch_table)
u = int | str
print(copy.copy(u), copy.deepcopy(u) == u, copy.copy(3j))
class A:
    pass
copy.dispatch_table[A] = lambda a: (list, ([1],))
print(copy.copy(A()), copy.deepcopy(A()))
del copy.dispatch_table[A]

# contextlib
class CM:
    def __enter__(self):
        return 1
    def __exit__(self, *a):
        print("exit", a[0])
        return False
class ACM:
    async def __aenter__(self):
        return 2
    async def __aexit__(self, *a):
        print("aexit", a[0])
print(issubclass(CM, contextlib.AbstractContextManager), issubclass(int, contextlib.AbstractContextManager))
print(issubclass(ACM, contextlib.AbstractAsyncContextManager), isinstance(open(__file__), contextlib.AbstractContextManager))
class NoExit(contextlib.AbstractContextManager):
    pass
t(lambda: NoExit())
print(contextlib.MethodType is types.MethodType, contextlib.deque.__name__, contextlib.wraps is functools.wraps,
      contextlib.sys is sys, contextlib.abc.ABC.__name__)
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
@contextlib.asynccontextmanager
async def actx(x):
    print("enter", x)
    try:
        yield x * 2
    finally:
        print("leave", x)
async def cb(x):
    print(x)
async def main():
    async with actx(3) as v:
        print("got", v)
    try:
        async with actx(4) as v:
            raise KeyError(v)
    except KeyError as e:
        print("caught", e)
    print(sys.exc_info())
    async with contextlib.AsyncExitStack() as st:
        print(await st.enter_async_context(actx(5)))
        st.push_async_callback(cb, "async-cb")
        st.callback(print, "sync-cb")
        print(st.enter_context(CM()))
        print(await st.enter_async_context(ACM()))
    try:
        async with contextlib.AsyncExitStack() as st:
            await st.enter_async_context(3)
    except TypeError as e:
        print(e)
    class Thing:
        async def aclose(self):
            print("aclosed")
    async with contextlib.aclosing(Thing()) as th:
        print(type(th).__name__)
    async with contextlib.nullcontext(9) as n:
        print(n)
    @actx(7)
    async def deco():
        print("in deco")
        return 11
    print(await deco())
    return "done"
print(run(main()))
try:
    with CM():
        raise ValueError(1)
except ValueError:
    pass
print(sys.exc_info())

# json
print(json.detect_encoding(b'{}'), json.detect_encoding('{}'.encode('utf-16-le')),
      json.detect_encoding('{}'.encode('utf-16')), json.detect_encoding('{}'.encode('utf-32-be')),
      json.detect_encoding(b'\xef\xbb\xbf{}'), json.detect_encoding(b'\x00{'))
print(json.loads('{"a": [1]}'.encode('utf-16')), json.loads(b'\xef\xbb\xbf[1]'), json.loads(bytearray(b'["\xc3\xa9"]')))
d = json.decoder
print(d.BACKSLASH["n"] == "\n", repr(d.WHITESPACE_STR), d.NaN != d.NaN, d.PosInf, d.NegInf)
scan = json.scanner.py_make_scanner(json.JSONDecoder())
print(d.JSONObject(('{"a": 1}', 1), True, scan, None, None), d.JSONArray(('[1, 2]  x', 1), scan))
print(d.py_scanstring('"ab\\n" x', 1), scan('  [1,2]', 2), scan('12.5e1x', 0), scan('-Infinity', 0))
t(lambda: d.py_scanstring('"ab', 1))
try:
    scan('x', 0)
except StopIteration as e:
    print("StopIteration", e.value)
dec = json.JSONDecoder()
print(dec.parse_object is d.JSONObject, dec.parse_array is d.JSONArray, dec.memo)
print(json.encoder.ESCAPE_DCT["\n"], len(json.encoder.ESCAPE_DCT))

# random
print(random.BPF, random.LOG4, random.NV_MAGICCONST, random.RECIP_BPF, random.SG_MAGICCONST, random.TWOPI)
print(random.Random(5).randbytes(5), random.Random(5).getrandbits(40).to_bytes(5, "little"), random.randbytes(0))
random.seed(7); a = random.randbytes(3); random.seed(7); print(a == random.randbytes(3))
t(lambda: random.randbytes(-1))
s = random.SystemRandom()
print(random.SystemRandom.__mro__[0].__name__, isinstance(s, random.Random), type(s.random()).__name__)
t(lambda: s.getstate())
t(lambda: s.setstate(1))
print(s.seed(3), len(s.randbytes(4)), s.getrandbits(0), 0 <= s.randrange(10) < 10, sorted(s.sample(range(5), 5)))
t(lambda: s.getrandbits(-1))
print(all(0 <= s.random() < 1 for i in range(100)), len({s.getrandbits(64) for i in range(10)}) == 10)

# time
for name in ("time", "monotonic", "perf_counter"):
    print(time.get_clock_info(name))
for name in ("process_time", "thread_time"):
    info = time.get_clock_info(name)
    print(info.monotonic, info.adjustable, info.resolution)
t(lambda: time.get_clock_info("x"))
t(lambda: time.get_clock_info())
t(lambda: time.get_clock_info(1))
print(type(time.thread_time()).__name__, type(time.thread_time_ns()).__name__, time.thread_time() >= 0)

# weakref.KeyedRef, module names
class Obj:
    pass
o = Obj()
def died(ref):
    print("died", ref.key)
k = weakref.KeyedRef(o, died, "the key")
print(k.key, k() is o, k.__slots__, isinstance(k, weakref.ref))
del o
t(lambda: weakref.KeyedRef(Obj()))
print(weakref.sys is sys, weakref.itertools.__name__, warnings.sys is sys)
import tracemalloc, collections.abc
print(tracemalloc.Iterable is collections.abc.Iterable)
print(types.UnionType is type(int | str), types.GenericAlias is type(list[int]))
class Slotted:
    __slots__ = ("x",)
print(type(Slotted.__dict__["x"]) is types.MemberDescriptorType, types.MappingProxyType.__name__)
print(types.MethodType(len, [1, 2])())
for args in ((), (1, 2), (print, None), (print, 1, 2)):
    t(lambda: types.MethodType(*args))

# builtins aiter / anext
t(lambda: aiter(1))
t(lambda: aiter())
t(lambda: anext())
t(lambda: anext(1))
t(lambda: anext(1, 2, 3))
class BadAiter:
    def __aiter__(self):
        return 5
t(lambda: aiter(BadAiter()))
async def agen():
    yield 1
    yield 2
async def consume():
    it = aiter(agen())
    print(type(it).__name__, await anext(it), await anext(it, "d"), await anext(it, "d"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("stop")
    aw = anext(agen(), 0)
    print(type(aw).__name__, [n for n in dir(aw) if not n.startswith("__")], await aw)
    class It:
        def __aiter__(self):
            return self
        async def __anext__(self):
            raise StopAsyncIteration
    print(await anext(It(), "dflt"))
    return "ok"
print(run(consume()))
aw = anext(agen(), 0)
try:
    aw.__next__()
except StopIteration as e:
    print("StopIteration", e.value)
t(lambda: anext(agen(), 0).throw(ValueError("x")))
print(anext(agen(), 0).close())
