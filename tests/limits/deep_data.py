# args: --stack-size 2M
# Deep data and iterator chains: native recursion without Python frames stops at the stack's end.
import sys
N = 5 * 10**4
def attempt(name, fn):
    try:
        fn()
        print(name, "returned")
    except (RecursionError, MemoryError) as e:
        print(name, type(e).__name__)
t = ()
for i in range(N): t = (t,)
attempt("hash tuple", lambda: hash(t))
attempt("eq tuple", lambda: t == t[0])
attempt("lt tuple", lambda: t < t[0])
attempt("repr tuple", lambda: repr(t))
l = []
for i in range(N): l = [l]
attempt("lt list", lambda: l < l[0])
attempt("str list", lambda: str(l))
attempt("in list", lambda: 5 in l)
fs = frozenset()
for i in range(N // 10): fs = frozenset([fs])
attempt("hash frozenset", lambda: hash(fs))
attempt("eq frozenset", lambda: fs == frozenset([fs]))
it = iter([1])
for i in range(N): it = map(abs, it)
attempt("map chain", lambda: list(it))
it = iter([1])
for i in range(N): it = zip(it)
attempt("zip chain", lambda: list(it))
it = iter([1])
for i in range(N): it = filter(None, it)
attempt("filter chain", lambda: list(it))
import itertools
it = iter([1])
for i in range(N): it = itertools.chain(it)
attempt("chain chain", lambda: list(it))
print("done")
