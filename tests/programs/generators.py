# Generators: yield, yield from, send, throw, close, return values, generator expressions.
def count(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "done"
g = count(5)
print(next(g), next(g), g.send(3), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)

def inner():
    x = yield 1
    y = yield x * 10
    return x + y
def outer():
    r = yield from inner()
    yield "inner returned %d" % r
o = outer()
print(next(o), o.send(2), o.send(5))

def guarded():
    try:
        yield 1
        yield 2
    except ValueError as e:
        yield "caught " + str(e)
    finally:
        print("cleanup")
gg = guarded()
print(next(gg), gg.throw(ValueError("boom")))
gg.close()
def closer():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
c = closer()
next(c)
c.close()
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)
def raiser():
    yield 1
    raise StopIteration("inside")
try:
    list(raiser())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)

squares = (x * x for x in range(6) if x % 2)
print(type(squares).__name__, list(squares), list(squares))
print(sum(x for x in range(101)), sorted({x % 3 for x in range(10)}), {k: v for k, v in zip("ab", (1, 2))})
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
import itertools
print(list(itertools.islice(fib(), 10)))
def pipeline(data):
    evens = (x for x in data if x % 2 == 0)
    doubled = (x * 2 for x in evens)
    yield from doubled
print(list(pipeline(range(10))), 8 in pipeline(range(10)))
a, b, *c = (i for i in range(5))
print(a, b, c, dict(enumerate(count(3))))
gen = count(2)
print(gen.__name__, gen.__qualname__, iter(gen) is gen)
def running():
    yield gen_self.gi_running
gen_self = running()
print(next(gen_self), gen_self.gi_running)
try:
    next(gen_self)
except StopIteration:
    print("exhausted")
