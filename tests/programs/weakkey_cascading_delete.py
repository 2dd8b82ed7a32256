# A key's __eq__ that deletes other keys of the dict being probed (here through weak
# reference callbacks of a WeakKeyDictionary) does not restart the lookup: each deletion
# compares once, as in CPython.
import weakref

d = weakref.WeakKeyDictionary()
mutate = False
calls = []


class C:
    def __init__(self, i):
        self.value = i

    def __hash__(self):
        return hash(self.value)

    def __eq__(self, other):
        if mutate:
            calls.append((self.value, other.value))
            del objs[-1]
        return self.value == other.value


objs = [C(i) for i in range(4)]
for o in objs:
    d[o] = o.value
del o
objs = list(d.keys())
objs.reverse()
mutate = True
count = 0
for o in objs:
    count += 1
    del d[o]
print(count, len(d), calls)

# The same with a plain dict: an __eq__ that removes another entry.
plain = {}


class K:
    def __init__(self, name, h):
        self.name = name
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        calls.append(self.name)
        plain.pop("victim", None)
        return self.name == other.name


calls = []
plain[K("a", 1)] = 1
plain["victim"] = 2
print(plain[K("a", 1)], len(plain), calls)
calls = []
plain[K("b", 1)] = 3
print(len(plain), calls)
