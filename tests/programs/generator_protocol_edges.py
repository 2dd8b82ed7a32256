"""Generator protocol edge cases: a finished generator's frame, StopIteration values through
every way of resuming, re-entry, close/throw, GeneratorExit, and frames reused after a
generator finished (its locals must not leak into the next frame)."""

import sys


def counter(n):
    for i in range(n):
        yield i
    return "done-%d" % n


def check(label, f):
    try:
        print(label, repr(f()))
    except BaseException as e:
        print(label, "raised", type(e).__name__, e.args)


# Exhaustion through for, next, send, list, yield from; the return value where visible.
print(list(counter(3)))
g = counter(1)
print(next(g))
check("next at end", lambda: next(g))
check("next again", lambda: next(g))
check("next default", lambda: next(g, "dflt"))
g = counter(1)
print(g.send(None))
check("send at end", lambda: g.send(None))


def delegate(n):
    r = yield from counter(n)
    print("delegate got", r)
    return r + "!"


g = delegate(2)
for v in g:
    print("v", v)
g = delegate(0)
check("delegate value", lambda: next(g))


def ret_none():
    return
    yield


def ret_value():
    return [1, 2]
    yield


for f in (ret_none, ret_value):
    g = f()
    try:
        next(g)
    except StopIteration as e:
        print(f.__name__, "value", e.value, "args", e.args)

# A tuple return value is one argument of the StopIteration.
def ret_tuple():
    return (1, 2)
    yield


try:
    next(ret_tuple())
except StopIteration as e:
    print("tuple value", e.value, e.args)

# gi_frame, gi_running, gi_suspended across the life.
def watch():
    me = yield "started"
    print("running inside:", me.gi_running, me.gi_frame is not None)
    yield "again"


g = watch()
print(g.gi_frame is not None, g.gi_running, g.gi_suspended, g.gi_frame.f_lineno)
print(next(g))
print(g.gi_suspended, g.gi_frame.f_lineno)
print(g.send(g))
print(g.gi_frame.f_locals["me"] is g)
check("finish", lambda: next(g))
print(g.gi_frame, g.gi_running, g.gi_suspended)

# Re-entry: a generator resuming itself.
def reenter():
    yield next(me)


me = reenter()
check("reenter", lambda: next(me))
check("after reenter", lambda: next(me))

# StopIteration raised inside a generator becomes RuntimeError, with the cause chained.
def leaks():
    yield 1
    raise StopIteration("inner")


g = leaks()
next(g)
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__, e.__cause__.args, e.__suppress_context__)
g = leaks()
try:
    for x in g:
        print("got", x)
except RuntimeError as e:
    print("for loop RuntimeError", e)

# close(): GeneratorExit inside, finally blocks run; yielding from it is a RuntimeError.
def closer():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
    finally:
        print("finally ran")


g = closer()
next(g)
g.close()
print("closed", g.gi_frame)
g.close()


def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("ignoring")


g = stubborn()
next(g)
check("stubborn close", g.close)


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


g = returns_on_close()
next(g)
print("close returns", g.close())

# throw(): into a fresh, a suspended, a delegating and a finished generator.
def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("caught", e)
            yield "after catch"


g = catcher()
check("throw fresh", lambda: g.throw(ValueError("early")))
g = catcher()
next(g)
print(g.throw(ValueError("x")))
print(next(g))


def outer():
    r = yield from catcher()
    return r


g = outer()
next(g)
print(g.throw(ValueError("through")))
print(g.gi_yieldfrom.__name__)
g.close()
print(g.gi_yieldfrom)
check("throw finished", lambda: g.throw(KeyError("late")))

# send() of a non-None value to a just-started generator.
g = counter(2)
check("send non-None first", lambda: g.send(5))
print(next(g))

# Many short generators in a row: each gets a fresh frame, no stale locals or stack.
def fresh(i):
    if i % 2:
        x = i
    try:
        yield x
    except UnboundLocalError:
        yield "unbound"


print([v for i in range(6) for v in fresh(i)])


def deep(n):
    if n:
        yield from deep(n - 1)
    yield n


print(sum(deep(50)), list(deep(3)))
total = 0
for i in range(2000):
    for v in counter(i % 4):
        total += v
print("total", total)

# Generator expressions as arguments, early exit leaves them suspended then collected.
print(sum(x * x for x in range(10)), any(x > 3 for x in range(10)), max(x for x in "abc"))
gen = (x for x in range(5))
print(next(gen), list(gen), list(gen))

# The exception state a generator handles is its own across yields.
def in_handler():
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


g = in_handler()
print(next(g))
try:
    raise ValueError("outer")
except ValueError:
    print(next(g), sys.exc_info()[0].__name__)
print(next(g))
print("end")
