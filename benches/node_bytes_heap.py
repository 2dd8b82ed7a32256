# Builds N live nodes of a linked structure and reports what one node is: runs unchanged under
# arenapy and CPython (python3 -S); benches/node_bytes.py drives both and prints the comparison.
#
#   arenapy benches/node_bytes_heap.py KIND N
#   python3 -S benches/node_bytes_heap.py KIND N
#
# KIND "slots": node i is one instance of `Node` (`__slots__ = ('a', 'b', 'c', 'd')`) with
#   a = node i - 1 (None for the first), b = a 2-tuple of two ints made for it,
#   (i*3 + 1000, i*7 + 1000) -- distinct, never small ints (-5..256), never shared --, and
#   c, d = those same two ints (references, no further objects). So each node is exactly one
#   4-slot instance, one 2-tuple and two ints.
# KIND "plain": node i is one instance of `Plain` (no __slots__) whose `__init__` sets two
#   attributes: a = node i - 1, b = None. Each node is exactly one instance (with whatever its
#   attribute values need: CPython 3.11's values array, arenapy's inline values).
#
# Only the last node is held (by a global); each holds the one before it, so the whole chain
# is live when the program ends (arenapy's `--stats-json` figures are taken then, before
# teardown); both interpreters free it at exit without deep recursion (their trashcans).
# The cycle collector is disabled while building (the nodes form no cycle; this keeps
# collections of a growing heap out of the build) and re-enabled afterwards.
#
# Prints "kind <k> N <n> getsizeof <bytes of one node's objects by sys.getsizeof>".
import gc
import sys


class Node:
    __slots__ = ("a", "b", "c", "d")


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def build_slots(n):
    prev = None
    for i in range(n):
        x = i * 3 + 1000
        y = i * 7 + 1000
        node = Node()
        node.a = prev
        node.b = (x, y)
        node.c = x
        node.d = y
        prev = node
    return prev


def build_plain(n):
    prev = None
    for i in range(n):
        prev = Plain(prev, None)
    return prev


kind = sys.argv[1]
n = int(sys.argv[2])
gc.disable()
if kind == "slots":
    last = build_slots(n)
    one = sys.getsizeof(last) + sys.getsizeof(last.b) + sys.getsizeof(last.c) + sys.getsizeof(last.d)
elif kind == "plain":
    last = build_plain(n)
    one = sys.getsizeof(last)
else:
    sys.exit("kind is slots or plain")
gc.enable()
print("kind %s N %d getsizeof %d" % (kind, n, one))
