"""Compiling big flat code objects: the tables of names and constants must stay hashed.

A module of 100,000 assignments to distinct names (100,000 entries in `co_names` and in
`co_consts`, 100,000 STORE_NAMEs into the module's dict) and a function of 20,000 locals
(`co_varnames`) and 20,000 constants, each compiled and run. A compiler that looks entries up
by a linear scan is quadratic here: minutes instead of a fraction of a second.
"""


def module_of_names(n):
    src = "".join(f"v{i} = {i}\n" for i in range(n))
    ns = {}
    exec(src, ns)
    return sum(ns[f"v{i}"] for i in range(0, n, 1000)), len(ns)


def function_of_locals(n):
    src = "def f():\n" + "".join(f"    a{i} = {i}.5\n" for i in range(n))
    src += f"    return a0 + a{n - 1}\n"
    ns = {}
    exec(src, ns)
    f = ns["f"]
    return f(), len(f.__code__.co_varnames), len(f.__code__.co_consts)


def main():
    print(module_of_names(100_000))
    print(function_of_locals(20_000))


main()
