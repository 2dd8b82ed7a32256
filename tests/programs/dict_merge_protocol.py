# dict(x)/update/{**x} of dict subclasses that iterate their own way, mutation during a
# merge, and setdefault hashing and comparing once.
import collections
od = collections.OrderedDict([('a', 1), ('b', 2)])
od.move_to_end('a')
print(list(dict(od).items()), list({**od}.items()))
d = {}
d.update(od)
print(list(d.items()))
class CustomDict(dict):
    pass
cd = CustomDict([('x', 1), ('y', 2)])
print(dict(cd))
class RevDict(dict):
    def __iter__(self):
        return reversed(list(super().__iter__()))
    def keys(self):
        return list(self)
print(dict(RevDict([('x', 1), ('y', 2)])))

class X:
    def __hash__(self):
        return 0
    def __eq__(self, o):
        other.clear()
        return False
l = [(i, 0) for i in range(1, 1337)]
other = dict(l)
other[X()] = 0
d = {X(): 0, 1: 1}
try:
    d.update(other)
except RuntimeError as e:
    print("RuntimeError", e)

class Hashed(object):
    def __init__(self):
        self.hash_count = 0
        self.eq_count = 0
    def __hash__(self):
        self.hash_count += 1
        return 42
    def __eq__(self, other):
        self.eq_count += 1
        return id(self) == id(other)
hashed1 = Hashed()
y = {hashed1: 5}
hashed2 = Hashed()
print(y.setdefault(hashed2, []), y.setdefault(hashed1, 0))
print(hashed1.hash_count, hashed2.hash_count, hashed1.eq_count + hashed2.eq_count)
