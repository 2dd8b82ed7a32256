import itertools as it
from itertools import *

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

c = count(5)
print(c, next(c), next(c), c)
print(count(), count(1.5, 0.5), count(2, 3), list(islice(count(1.5, 0.5), 4)), list(islice(count(10, -2), 3)))
print(list(islice(cycle('abc'), 8)), list(cycle([])))
r = repeat('a', 3)
print(r, list(r), r, repeat(None), list(repeat(1, -2)), list(islice(repeat(7), 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], initial=10)), list(accumulate([3, 1, 4, 1, 5], max)))
print(list(accumulate([], initial=0)), list(accumulate('abc')), list(accumulate([1, 2, 3], lambda a, b: a * b)))
print(list(chain('ab', [1, 2], ())), list(chain()), list(chain.from_iterable(['xy', 'z'])), list(it.chain.from_iterable([[1], [2, 3]])))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress(range(10), cycle([0, 1]))))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))
print(list(starmap(pow, [(2, 5), (3, 2)])), list(pairwise('ABCDE')), list(pairwise([1])))
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)), list(islice('ABCDEFG', 0, None, 2)), list(islice(range(100), 5, 50, 10)))
for k, g in groupby('AAAABBBCCDAABBB'):
    print(k, list(g))
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
gs = [(k, g) for k, g in groupby('aabbc')]
print([(k, list(g)) for k, g in gs])
g = groupby('xxy')
k1, g1 = next(g)
print(k1, next(g1), list(g1), next(g)[0])
a, b = tee(iter(range(5)))
print(list(a), list(b))
a, b, c2 = tee('abc', 3)
print(next(a), next(a), next(b), list(c2), list(a), list(b))
print(tee([1], 0), len(tee([1])))
x, y = tee(range(200))
print(sum(x), sum(y))
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest([1, 2], [3])), list(zip_longest()))
print(list(product('AB', 'xy')), list(product(range(2), repeat=3)), list(product()), list(product('ab', [])))
print(list(permutations('ABC', 2)), list(permutations(range(3))), list(permutations('AB', 3)), list(permutations([], 0)))
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)), list(combinations('AB', 3)), list(combinations('ABC', 0)))
print(list(combinations_with_replacement('ABC', 2)), list(combinations_with_replacement([], 2)), list(combinations_with_replacement('A', 0)))
print(len(list(permutations(range(6)))), len(list(combinations(range(12), 5))), sum(1 for _ in product(range(5), repeat=4)))
print(type(count()).__name__, type(chain()).__name__, type(groupby('')).__name__, iter(c) is c)
def gen():
    yield 1
    yield 2
print(list(chain(gen(), gen())), list(zip(count(), 'abc')), dict(zip_longest('ab', [1])))
print(sorted(set(map(tuple, map(sorted, permutations('aab', 2))))))

t(lambda: count('a'))
t(lambda: cycle())
t(lambda: repeat())
t(lambda: islice('abc', -1))
t(lambda: islice('abc', 1, -1))
t(lambda: islice('abc', 0, 2, 0))
t(lambda: islice('abc', 'x'))
t(lambda: combinations('abc'))
t(lambda: combinations('abc', -1))
t(lambda: permutations('abc', -2))
t(lambda: product('a', repeat=-1))
t(lambda: tee([], -1))
t(lambda: type(chain(1)).__name__)
t(lambda: islice('abc', -5))
t(lambda: islice('abc', 'x', 2))
t(lambda: list(chain([1], 2)))
t(lambda: next(count(1, 'a')))
t(lambda: list(starmap(pow, [1])))
