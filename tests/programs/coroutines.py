# async def, await, coroutine objects, a minimal event loop, async generators, async with/for
import types


class Sleep:
    """An awaitable that suspends once, yielding a request to the loop."""

    def __init__(self, label):
        self.label = label

    def __await__(self):
        got = yield ("sleep", self.label)
        return f"woke {self.label} with {got!r}"


async def leaf(x):
    r = await Sleep(x)
    print("leaf got", r)
    return x * 2


async def middle():
    a = await leaf(1)
    b = await leaf(2)
    return a + b


def run(coro):
    """Drive a coroutine with send(None)/send(value) until it returns."""
    value = None
    steps = 0
    while True:
        try:
            req = coro.send(value)
        except StopIteration as e:
            print("finished after", steps, "steps with", e.value)
            return e.value
        steps += 1
        print("loop got", req)
        value = steps


c = middle()
print(type(c).__name__, repr(c).startswith("<coroutine object middle at"))
print(c.cr_running, c.__name__, c.__qualname__)
run(c)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)

# a coroutine is not iterable, and can't be sent a value first
c2 = leaf(3)
try:
    iter(c2)
except TypeError as e:
    print("TypeError", e)
try:
    c2.send(5)
except TypeError as e:
    print("TypeError", e)
c2.close()


# throw and close
async def guarded():
    try:
        await Sleep("g")
    except ValueError as e:
        print("caught inside", e)
        return "recovered"
    finally:
        print("guarded finally")


g = guarded()
print(g.send(None))
try:
    g.throw(ValueError("boom"))
except StopIteration as e:
    print("returned", e.value)

g = guarded()
g.send(None)
g.close()
print("closed")


# await errors
async def bad_await(x):
    return await x


for obj in (1, Sleep):
    co = bad_await(obj)
    try:
        co.send(None)
    except TypeError as e:
        print("TypeError", e)


class BadAwait:
    def __await__(self):
        return 42


class CoroAwait:
    def __await__(self):
        return leaf(1)


for obj in (BadAwait(), CoroAwait()):
    try:
        bad_await(obj).send(None)
    except TypeError as e:
        print("TypeError", e)

# awaiting the same coroutine twice
inner = leaf(7)


async def twice():
    await inner


t1 = twice()
t1.send(None)
try:
    twice().send(None)
except RuntimeError as e:
    print("RuntimeError", e)
t1.close()


# __await__ of a coroutine
async def simple():
    return "simple result"


w = simple().__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print("wrapper stop", e.value)


# StopIteration inside a coroutine
async def raises_stop():
    raise StopIteration("x")


try:
    raises_stop().send(None)
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)


# async generators
async def agen(n):
    for i in range(n):
        got = await Sleep(f"agen{i}")
        yield i * 10
    print("agen done")


async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    print("consumed", out)
    ag = agen(2)
    print(type(ag).__name__, repr(ag).startswith("<async_generator object agen at"))
    print(await ag.__anext__())
    print(await ag.asend(None))
    try:
        await ag.__anext__()
    except StopAsyncIteration:
        print("StopAsyncIteration")
    return [x async for x in agen(2)]


print("result", run(consume()))


async def agen_finally():
    try:
        yield 1
        yield 2
    finally:
        print("agen cleanup")


async def closer():
    ag = agen_finally()
    print(await ag.__anext__())
    await ag.aclose()
    print("aclosed")
    ag2 = agen_finally()
    await ag2.__anext__()
    try:
        await ag2.athrow(KeyError("k"))
    except KeyError as e:
        print("athrow propagated", e)


run(closer())


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def stubborn_close():
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError", e)


run(stubborn_close())


# async with
class ACM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await Sleep("enter " + self.name)
        print("enter", self.name)
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return self.suppress


async def use_acm():
    async with ACM("a") as x, ACM("b", True) as y:
        print("body", x, y)
        raise ValueError("inside")
    print("after with")
    try:
        async with 5:
            pass
    except TypeError as e:
        print("TypeError", e)
    try:
        async for _ in 5:
            pass
    except TypeError as e:
        print("TypeError", e)


run(use_acm())


# a custom async iterator
class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await Sleep(self.n)
        return self.n


async def count():
    async for i in Countdown(3):
        print("count", i)


run(count())


# a tiny round-robin scheduler
def scheduler(coros):
    queue = list(coros)
    while queue:
        co = queue.pop(0)
        try:
            co.send(None)
        except StopIteration as e:
            print("task done", e.value)
            continue
        queue.append(co)


class Yield:
    def __await__(self):
        yield


async def task(name, n):
    for i in range(n):
        print(name, i)
        await Yield()
    return name


scheduler([task("A", 2), task("B", 3)])


@types.coroutine
def legacy():
    yield "legacy-step"
    return "legacy-done"


async def uses_legacy():
    return await legacy()


run(uses_legacy())
