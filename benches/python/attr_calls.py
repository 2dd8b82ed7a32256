"""Calls, attributes and dict stores: the instruction-count probe for lookup changes.

fib(18) by recursion, 30,000 instance creations each followed by method calls and attribute
reads, and 20,000 dict stores. Run under `valgrind --tool=callgrind` for a repeatable count.
"""


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def moved(self, dx):
        return Point(self.x + dx, self.y)


def main():
    total = fib(18)
    acc = 0
    for i in range(30000):
        p = Point(i, -i)
        acc += p.moved(1).norm1()
    d = {}
    for i in range(20000):
        d[i] = i * 2
    print(total, acc, len(d))


main()
