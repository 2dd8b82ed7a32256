# LOAD_GLOBAL specialization (warm sites, then the globals or builtins change under them).
X = 1


def get_x():
    return X


out = []
for i in range(200):
    out.append(get_x())
    if i == 100:
        X = 2  # rebound: a value overwrite, seen at once
print(out[99], out[100], out[101], out[-1])


def get_len(s):
    return len(s)


res = []
for i in range(200):
    res.append(get_len("abc"))
    if i == 120:
        len = lambda s: 42  # a global now shadows the builtin
print(res[120], res[121], res[-1])
del len
print(get_len("abcd"))


def get_abs():
    return abs(-5)


for i in range(100):
    get_abs()
abs = lambda x: "mine"
print(get_abs())
del abs
print(get_abs())

Y = 7


def get_y():
    return Y


for i in range(100):
    get_y()
del Y
try:
    get_y()
except NameError as e:
    print("NameError:", e)
Y = 8
print(get_y())

# One code object run under two globals dicts.
code = compile("def f():\n    return Z\n", "<s>", "exec")
g1 = {"Z": "one"}
exec(code, g1)
g2 = {"Z": "two"}
exec(code, g2)
f1, f2 = g1["f"], g2["f"]
for i in range(100):
    r = (f1(), f2(), f1())
print(r)
for i in range(100):
    f1()
print(f1(), f2())
g1["Z"] = "uno"
del g2["Z"]
try:
    f2()
except NameError as e:
    print("NameError:", e)
print(f1())


# Globals added (the dict resizes) while a site is warm.
def get_w():
    return W


W = 0
vals = []
for i in range(300):
    globals()["k%d" % i] = i
    vals.append(get_w())
    W = i
print(vals[-1], sum(vals))

# builtins changed under a warm LOAD_GLOBAL_BUILTIN.
import builtins


def get_min():
    return min(3, 4)


for i in range(100):
    get_min()
saved = builtins.min
builtins.min = max
print(get_min())
builtins.min = saved
print(get_min())
