# list.sort notices any change of the list's length made while it sorts (even one undone
# before the sort ends), including by a key's finalizer.
from functools import cmp_to_key
L = [1, 2]
def mutating_cmp(x, y):
    L.append(3)
    L.pop()
    return (x > y) - (x < y)
try:
    L.sort(key=cmp_to_key(mutating_cmp))
except ValueError as e:
    print("VE", e, L)
def mutating_cmp2(x, y):
    L.append(3)
    del L[:]
    return (x > y) - (x < y)
L = [1, 2]
try:
    L.sort(key=cmp_to_key(mutating_cmp2))
except ValueError as e:
    print("VE", e, L)
data = list(range(10))
class SortKiller(object):
    def __init__(self, x):
        pass
    def __del__(self):
        del data[:]
        data[:] = range(20)
    def __lt__(self, other):
        return id(self) < id(other)
try:
    data.sort(key=SortKiller)
except ValueError as e:
    print("VE", e, len(data))
