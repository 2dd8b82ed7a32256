# LOAD_METHOD of a builtin method inherited by a class (a list subclass's append): pushed
# unbound with the instance, whether the instance shadows it, a foreign descriptor's type check
# at the call (after the arguments), and a later override in the class.
order = []


class Coll(list):
    pass


class Slotted(list):
    __slots__ = ()


def grow(c, n):
    for i in range(n):
        c.append(i)
    c.extend([n, n + 1])
    return len(c), c.count(1), c.index(n)


for cls in (Coll, Slotted):
    for _ in range(30):
        r = grow(cls(), 5)
    print(cls.__name__, r)

c = Coll()
c.append = lambda x: order.append(("shadow", x))
for i in range(3):
    c.append(i)
print(order, list(c))


def arg(v):
    order.append(("arg", v))
    return v


class Foreign:
    append = list.append


f = Foreign()
for i in range(25):
    try:
        f.append(arg(i))
    except TypeError as e:
        msg = str(e)
print(msg, order[-1])

Coll.append = lambda self, x: order.append(("override", x))
d = Coll()
for i in range(2):
    d.append(i)
print(order[-2:], list(d))
