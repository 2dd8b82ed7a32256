# Pairs of LOAD_FAST / LOAD_CONST / STORE_FAST run in one dispatch (CPython 3.11's
# superinstructions); the second instruction of a pair must still run alone when jumped to,
# report its own errors and see the first one's effects.
import sys


def jump_into_pair(n):
    # The loop's back edge lands between the two halves of `x = y` / `y = i` pairs.
    x = y = 0
    out = []
    for i in range(n):
        if i % 2:
            x = i
        y = x
        z = y
        out.append((x, y, z))
    return out


print(jump_into_pair(5))


def unbound_second(flag):
    a = 1
    if flag:
        b = 2
    return a, b  # LOAD_FAST a; LOAD_FAST b: the second fails


print(unbound_second(True))
try:
    unbound_second(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print("line", tb.tb_lineno - unbound_second.__code__.co_firstlineno)


def unbound_first():
    try:
        return c, 1  # noqa: F821 (LOAD_FAST c fails before the LOAD_CONST)
    except UnboundLocalError as e:
        return str(e)
    c = 0


print(unbound_first())


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        # Runs while STORE_FAST releases the old value, between the two stores of a pair.
        f = sys._getframe(1)
        print("del", self.name, "in", f.f_code.co_name)


def stores():
    a = Noisy("a1")
    b = Noisy("b1")
    a, b = [Noisy("a2"), Noisy("b2")]  # STORE_FAST a; STORE_FAST b
    c = a
    a = 5  # STORE_FAST a then LOAD_FAST c: 'a2' survives in c
    print("c is", c.name)
    del b
    return a


print(stores())


def swap_chain(a, b, c, d):
    a, b, c, d = d, c, b, a
    e = f = g = h = a
    return a, b, c, d, e, f, g, h


print(swap_chain(1, 2, 3, 4))


def consts_and_locals(x):
    y = 10
    r = []
    for _ in range(3):
        r.append(x + 1)
        r.append(2 - y)
        x = y
        y = x + 3
    return r


for _ in range(20):  # enough runs for the code to be quickened
    res = consts_and_locals(1)
print(res)

# Many locals: pairs whose second instruction needs an EXTENDED_ARG prefix still run.
names = ["v%d" % i for i in range(300)]
src = "def many():\n"
src += "".join("    %s = %d\n" % (n, i) for i, n in enumerate(names))
src += "    return " + " + ".join(names) + "\n"
ns = {}
exec(src, ns)
print(ns["many"](), sum(range(300)))
