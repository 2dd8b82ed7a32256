def add(a, b=10):
    return a + b


def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)


def noreturn():
    pass


counter = 0


def bump():
    global counter
    counter = counter + 1
    return counter


print(add(1), add(1, 2), add(b=3, a=4))
print(fact(30))
print(noreturn())
bump()
bump()
print(counter)
print(len([1, 2, 3]), min(3, 1, 2), max([4, 9, 2]), sum(range(101)), abs(-5))
print(isinstance(True, int), isinstance(1.0, int), type(1), type("s"))
