# A bounded lru_cache whose key comparison calls the cached function again (a hit in the
# middle of a lookup must not disturb the outer lookup), and its LRU order.
import functools


@functools.lru_cache(maxsize=10)
def cached(x):
    return x


class DoubleEq:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        return self.x

    def __eq__(self, other):
        if self.x == 2:
            cached(DoubleEq(1))
        return self.x == other.x


cached(DoubleEq(1))
cached(DoubleEq(2))
print(cached(DoubleEq(2)).x, cached.cache_info())


@functools.lru_cache(maxsize=2)
def double(x):
    print("computing", x)
    return 2 * x


print([double(x) for x in (1, 2, 1, 3, 2, 1)], double.cache_info())
double.cache_clear()
print(double(1), double.cache_info())


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())
