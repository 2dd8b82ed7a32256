# types.coroutine marks a generator function's code as an iterable coroutine (no wrapper);
# other generator-like results are wrapped; builtin methods compare by function and self.
import collections.abc as cabc
import inspect
import types


@types.coroutine
def coro():
    x = yield 1
    return x


c = coro()
print(type(c).__name__, isinstance(c, cabc.Awaitable), inspect.isawaitable(c),
      bool(c.gi_code.co_flags & 0x100))
c.close()


async def main():
    return await coro()


m = main()
print(m.send(None))
try:
    m.send(42)
except StopIteration as e:
    print("result", e.value)


async def native():
    return 5


@types.coroutine
def delegate():
    return (yield from native())


try:
    delegate().send(None)
except StopIteration as e:
    print("from native", e.value)


class GenLike(cabc.Generator):
    def send(self, value):
        raise StopIteration(value)

    def throw(self, *args):
        raise StopIteration


wrapped = types.coroutine(lambda: GenLike())()
print(type(wrapped).__name__, isinstance(wrapped, cabc.Awaitable), iter(wrapped) is wrapped)
print(types.coroutine(native) is native)
try:
    types.coroutine(1)
except TypeError as e:
    print("TypeError:", e)

lst = []
print(lst.append == lst.append, [].append == [].append, hash(lst.append) == hash(lst.append))
print(object.__init_subclass__ == object.__init_subclass__, len == len, len != abs)
print(dict.fromkeys == dict.fromkeys, lst.append != lst.pop)
