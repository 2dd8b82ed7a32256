import _heapq, _bisect
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    _heapq.heappush(h, x)
print(h)
print([_heapq.heappop(h) for _ in range(len(h))])
h = [9, 4, 7, 1, 0, 3, 8]
_heapq.heapify(h); print(h)
print(_heapq.heapreplace(h, 5), h)
print(_heapq.heappushpop(h, -1), _heapq.heappushpop(h, 6), h)
m = [1, 5, 2, 8, 3]
_heapq._heapify_max(m); print(m)
print(_heapq._heappop_max(m), m, _heapq._heapreplace_max(m, 4), m)
for f, a in [(_heapq.heappop, ()), (_heapq.heappush, (1,)), (_heapq.heapify, (1,)),
             (_heapq.heappushpop, ([],)), (_heapq.heappop, ([],)), (_heapq.heappush, (1, 2)),
             (_heapq.heapreplace, ([], 1)), (_bisect.bisect_left, ([],)),
             (_bisect.bisect_left, ([], 1, -1)), (_bisect.insort_left, (1, 2)),
             (_bisect.bisect_right, ((), 1, 0, 'x')), (_bisect.bisect_right, (None, 1)),
             (_bisect.bisect_right, ([], 1, 'a'))]:
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)
a = [1, 2, 2, 3, 5]
print(_bisect.bisect_left(a, 2), _bisect.bisect_right(a, 2), _bisect.bisect_left(a, 2, 2), _bisect.bisect_right(a, 4, hi=3))
print(_bisect.bisect_left(a, 4, key=lambda v: v), _bisect.bisect_right(a, 2, key=None))
_bisect.insort_left(a, 2); _bisect.insort_right(a, 4); _bisect.insort(a, 0) if hasattr(_bisect, 'insort') else None
print(a)
recs = [(1, 'a'), (3, 'b'), (5, 'c')]
_bisect.insort_right(recs, (4, 'z'), key=lambda r: r[0]); print(recs)
class L(list):
    def insert(self, i, x):
        print('insert', i, x); super().insert(i, x)
l = L([1, 3]); _bisect.insort_left(l, 2); print(l)
class Bad:
    def __lt__(self, o):
        h.clear(); return True
h = [1, 2, 3, 4]
try:
    _heapq.heappush(h, Bad())
except RuntimeError as e:
    print('RuntimeError', e)
print(_bisect.bisect_left(range(100), 37), _bisect.bisect_right("acegi", "d"))
