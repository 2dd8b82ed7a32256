# A generator lambda returns its body's value; unpacking a non-iterable instance; a
# GenericAlias subclass takes attributes.
import types
from dataclasses import dataclass, is_dataclass

f = lambda: (yield 1)


def g():
    return (yield 1)


f2 = lambda: (yield from g())
f3 = lambda: (yield from f())
for fn in (f, f2, f3):
    gen = fn()
    print(next(gen))
    try:
        gen.send(2)
    except StopIteration as e:
        print("value", e.value)


class Plain:
    pass


class Items:
    def __getitem__(self, i):
        raise TypeError("from __getitem__")


class Iter:
    def __iter__(self):
        raise TypeError("from __iter__")


for obj in (Plain(), Items(), Iter(), 5):
    try:
        x, y = obj
    except TypeError as e:
        print("TypeError:", e)


@dataclass
class Alias(types.GenericAlias):
    origin: type
    args: type


a = Alias(list, int)
print(is_dataclass(Alias), is_dataclass(a), a.__origin__, a.__args__)
try:
    a.__origin__ = int
except AttributeError as e:
    print("AttributeError:", e)
