"""Allocation-heavy: build and drop many small objects — tuples, lists, dicts, instances with
and without __slots__, closures — plus doubly linked structures and parent/child reference
cycles that only the cycle collector can free.

Exercises: the allocator's small-size classes (alloc/free churn), reference counting, the
trashcan for deep structures, and cycle collection.
"""

import gc


class Node:
    def __init__(self, value, parent):
        self.value = value
        self.parent = parent
        self.children = []


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Cell:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


def tree(depth, width, value, parent=None):
    node = Node(value, parent)
    if depth:
        for i in range(width):
            node.children.append(tree(depth - 1, width, value * width + i, node))
    return node


def tree_sum(node):
    total = node.value
    for c in node.children:
        total += tree_sum(c)
    return total


def ring(n):
    first = Cell(0)
    last = first
    for i in range(1, n):
        c = Cell(i)
        c.prev = last
        last.next = c
        last = c
    last.next = first
    first.prev = last
    return first


def churn_small(rounds):
    acc = 0
    for r in range(rounds):
        pts = [Point(i, r) for i in range(200)]
        pairs = [(p.x, p.y) for p in pts]
        d = {i: [i, i + 1] for i in range(50)}
        acc += len(pairs) + sum(len(v) for v in d.values()) + pts[-1].x
        fns = [(lambda k: lambda: k + r)(k) for k in range(20)]
        acc += sum(f() for f in fns)
    return acc


def churn_cycles(rounds):
    acc = 0
    for r in range(rounds):
        t = tree(4, 4, r)
        acc += tree_sum(t) % 1000
        c = ring(100)
        acc += c.prev.value
        d = {}
        d["self"] = d
        lst = [d, [1, 2, 3]]
        lst.append(lst)
    return acc


def main(small=5000, cycles=1000, depth_n=100000, strings_n=100000):
    """The benchmark at its full size; smaller sizes serve instruction counts."""
    print("small", churn_small(small))
    print("cycles", churn_cycles(cycles))
    gc.collect()
    deep = None
    for i in range(depth_n):
        deep = [deep, i]
    depth = 0
    node = deep
    while node is not None:
        depth += 1
        node = node[0]
    deep = None
    print("deep", depth)
    strings = ["%d-%s" % (i, "x" * (i % 7)) for i in range(strings_n)]
    print("strings", len(strings), sum(len(s) for s in strings))
    del strings


if __name__ == "__main__":
    main()
