# Iterators' __reduce__/__setstate__, copy of iterators, code object methods,
# builtin_function_or_method.__text_signature__.
import copy


def show(x):
    # Iterator objects in reductions print by type, not address.
    if isinstance(x, tuple):
        return "(" + ", ".join(show(i) for i in x) + ("," if len(x) == 1 else "") + ")"
    if type(x).__name__.endswith("iterator") and type(x) not in (type, ):
        return "<%s>" % type(x).__name__
    return repr(x)


def err(f):
    try:
        r = f()
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)
    return show(r)


# list / tuple / str / bytes / bytearray iterators
for seq in ([1, 2, 3], (1, 2, 3), "abc", "h\xe9llo", b"ab", bytearray(b"ab")):
    it = iter(seq)
    print(type(it).__name__, show(it.__reduce__()))
    next(it)
    print(" after next", show(it.__reduce__()))
    it.__setstate__(100)
    print(" setstate(100)", show(it.__reduce__()), it.__length_hint__(), list(it))
    print(" exhausted", show(it.__reduce__()))
    it = iter(seq)
    it.__setstate__(-5)
    print(" setstate(-5)", show(it.__reduce__()))
    it.__setstate__(True)
    print(" setstate(True)", show(it.__reduce__()), list(it))

print(err(lambda: iter([]).__setstate__()))
print(err(lambda: iter([]).__setstate__(2 ** 70)))
print(err(lambda: iter([]).__setstate__(1.0)))
print(err(lambda: iter([]).__setstate__("a")))
print(err(lambda: iter([]).__reduce__(1)))
print(err(lambda: iter(()).__reduce__(x=1)))

# range iterators
r = iter(range(1, 10, 2))
next(r)
print(show(r.__reduce__()))
r.__setstate__(3)
print(list(r), show(r.__reduce__()))
r.__setstate__(100)
print(show(r.__reduce__()), list(r))
r.__setstate__(-2)
print(show(r.__reduce__()), list(r))
rr = reversed(range(3))
next(rr)
print(show(rr.__reduce__()))
print(show(iter(range(0)).__reduce__()))

# list_reverseiterator and reversed
rv = reversed([1, 2, 3])
next(rv)
print(type(rv).__name__, show(rv.__reduce__()))
rv.__setstate__(5)
print(list(rv), show(rv.__reduce__()))
rv = reversed([1, 2, 3])
rv.__setstate__(-3)
print(show(rv.__reduce__()), list(rv))
r2 = reversed((1, 2, 3))
print(type(r2).__name__, show(r2.__reduce__()))
r2.__setstate__(9)
print(show(r2.__reduce__()))
r2.__setstate__(-9)
print(show(r2.__reduce__()), list(r2), show(r2.__reduce__()))

# getitem iterator and callable iterator
class G:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i

g = iter(G())
next(g)
red = g.__reduce__()
print(type(g).__name__, red[0], type(red[1][0]).__name__, red[2])
g.__setstate__(-4)
print(g.__reduce__()[2])
g.__setstate__(50)
print(g.__reduce__()[2], list(g), g.__reduce__())
g = iter(G())
g.__setstate__(2)
print(list(g))
ci = iter(lambda: 1, 1)
red = ci.__reduce__()
print(type(ci).__name__, red[0], len(red[1]), red[1][1])
list(ci)
print(ci.__reduce__())

# zip, map, filter, enumerate
z = zip([1], [2])
print(show(z.__reduce__()))
z = zip([1, 2], [3], strict=True)
print(show(z.__reduce__()))
z.__setstate__(False)
print(show(z.__reduce__()), list(z))
z = zip([1, 2], [3])
z.__setstate__(1)
print(err(lambda: list(z)))
print(show(zip().__reduce__()))
z = zip([1], [])
list(z)
print(show(z.__reduce__()))
print(show(map(str, [1], [2]).__reduce__()))
print(show(filter(None, [1]).__reduce__()))
e = enumerate("ab", 3)
next(e)
print(show(e.__reduce__()))
list(e)
print(show(e.__reduce__()))

# dict and set iterators
d = {1: 2, 3: 4, 5: 6}
di = iter(d)
next(di)
print(show(di.__reduce__()), list(di))
print(show(iter(d.values()).__reduce__()), show(iter(d.items()).__reduce__()))
print(show(reversed(d).__reduce__()), show(reversed(d.items()).__reduce__()))
di = iter(d)
list(di)
print(show(di.__reduce__()))
di = iter(d)
d[7] = 8
print(err(lambda: di.__reduce__()))
s = {1, 2, 3}
si = iter(s)
next(si)
print(show(si.__reduce__()), si.__length_hint__())
list(si)
print(show(si.__reduce__()))

# copy and deepcopy go through __reduce_ex__
it = iter([1, 2, 3])
next(it)
c = copy.copy(it)
print(list(c), list(it))
lst = [[1], [2], [3]]
it = iter(lst)
next(it)
c = copy.deepcopy(it)
got = list(c)
print(got, got[0] is lst[1], list(it))
r = iter(range(4))
next(r)
print(list(copy.copy(r)), list(r))
print(list(copy.deepcopy(zip([1, 2], [3, 4]))))
print(list(copy.copy(enumerate("xyz", 1))))
print(list(copy.deepcopy(reversed([1, 2, 3]))))
t = iter((1, 2, 3))
next(t)
print(list(copy.deepcopy(t)), list(t))
print(list(copy.copy(iter({1: 2, 3: 4}.items()))))

# which types have what
for t in (type(iter([])), type(iter(range(0))), type(iter({})), type(iter(set())),
          type(reversed([])), reversed, zip, map, filter, enumerate,
          type(iter(lambda: 1, 2)), type(iter(G()))):
    print(t.__name__, "__reduce__" in t.__dict__, "__setstate__" in t.__dict__)

# code objects
def f(a):
    return a

co = f.__code__
print(list(co.co_lines()))
print(list(co.co_positions())[1:])
print(type(co.co_lines()).__name__, type(co.co_positions()).__name__)
print(sorted(type(co.co_lines()).__dict__))

def outer(x, y=2):
    z = x
    def h():
        return z
    return h

co = outer.__code__
print(list(co.co_lines()))
print([co._varname_from_oparg(i) for i in range(3)])
print(err(lambda: co._varname_from_oparg(99)))
print(err(lambda: co._varname_from_oparg(-1)))
print(err(lambda: co._varname_from_oparg("a")))
print(err(lambda: co.replace(1)))
print(err(lambda: co.replace(co_foo=1)))
print(err(lambda: co.replace(co_consts=[1])))
print(err(lambda: co.replace(co_name=1)))
print(err(lambda: co.replace(co_argcount="a")))
print(err(lambda: co.replace(co_nlocals=9)))
print(err(lambda: co.replace(co_argcount=9)))
print(err(lambda: co.replace(co_varnames=("a",))))
print(err(lambda: co.replace(co_names=(1,))))
print(err(lambda: co.replace(co_linetable=1)))
for k in ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
          "co_stacksize", "co_flags", "co_firstlineno"):
    print(k, err(lambda: co.replace(**{k: -1})), err(lambda: co.replace(**{k: 2 ** 31})))
c2 = co.replace(co_name="gg", co_qualname="q.gg", co_firstlineno=50, co_filename="x.py")
print(c2.co_name, c2.co_qualname, c2.co_firstlineno, c2.co_filename, c2 == co, c2 is co)
print(co.replace() == co, co.replace() is co, hash(co.replace()) == hash(co), co != c2)
print(co.replace(co_varnames=("p", "q", "r")).co_varnames)

def k(x, y=2):
    pass

k.__code__ = co.replace(co_consts=co.co_consts + (99,), co_name="k2")
print(k(5)(), k.__code__.co_name, k.__code__.co_consts[-1])
m = compile("x=1\ny=2\n", "m", "exec")
print(list(m.co_lines()))
print(list(m.co_positions())[1:])
print(co.co_lines.__doc__, co.co_positions.__doc__)

# builtin_function_or_method.__text_signature__
print("__text_signature__" in dir(len), "__text_signature__" in type(len).__dict__)
print(type(type(len).__dict__["__text_signature__"]).__name__)
