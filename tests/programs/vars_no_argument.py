# vars() with no argument is locals(), at module level, in functions and in class bodies.
x = 1
print(sorted(k for k in vars() if not k.startswith("__")))
def f(a, b=2):
    c = a + b
    return vars()
print(f(1))
class K:
    y = 3
    names = sorted(k for k in vars() if not k.startswith("__"))
print(K.names)
print(vars(K)["y"])
try:
    vars(1)
except TypeError as e:
    print("TypeError", e)
