# Fast-path calls whose frames hold cells and free variables next to arguments and defaults:
# each slot of the callee's locals must get exactly its own value, call after call.


def outer(scale):
    offset = 10

    def inner(x, y=1, z=2):
        # `x` is captured by `get` below: a parameter that is also a cell.
        w = x * scale + offset

        def get():
            return x + y + z + w

        return get()

    return inner


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


class Box:
    def __init__(self, v):
        self.v = v

    def add(self, a, b=100):
        k = a

        def f():
            return self.v + k + b

        return f()


inner = outer(3)
bump = counter()
box = Box(7)
total = 0
for i in range(200):
    total += inner(i) + inner(i, 5) + inner(i, 5, 6)
    total += bump() + bump(2)
    total += box.add(i) + box.add(i, 1)
    m = box.add
    total += m(i, 2)
print(total, bump(0))

# A local read before assignment in a fast-path frame is still unbound.


def unbound(flag, d=0):
    if flag:
        late = d
    return late


for i in range(50):
    unbound(True)
try:
    unbound(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
