print(list(enumerate("abc")), list(enumerate("ab", 10)), list(enumerate("ab", start=-1)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as e:
    print(e)
try:
    list(zip([1], [3], [5, 6], strict=True))
except ValueError as e:
    print(e)
print(list(map(len, ["a", "bb"])), list(map(max, [1, 5], [4, 2, 9])), list(filter(None, [0, 1, "", 2])))
print(list(filter(lambda v: v % 2, range(10))), list(reversed(range(0, 10, 3))), list(reversed((1, 2, 3))))
print(any([0, 0, 1]), any([]), all([1, 2]), all([1, 0]), sorted("hello"), sorted([3, 1, 2], reverse=True))
stack = [4, 3, 2, 1]
print(list(iter(stack.pop, 3)))
it = enumerate([1])
print(type(it).__name__, type(reversed([])).__name__, type(reversed(())).__name__, type(zip()).__name__)
for bad in [lambda: reversed(1), lambda: map(len), lambda: iter(1, 2), lambda: enumerate()]:
    try:
        bad()
    except TypeError as e:
        print(e)
