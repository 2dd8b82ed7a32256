# Code objects with more than 65,535 names, constants and locals: instruction arguments that
# need three bytes (two EXTENDED_ARG prefixes in CPython's encoding) must reach the right
# entry, and a jump over more than 65,535 instructions must land. Each value is checked
# against the index it was stored under.

N = 70000
EDGES = (0, 1, 255, 256, 65535, 65536, 65537, N - 1)


class Box:
    pass


# One module code object: 2 * N names (n* globals, y* attributes), N + 4 constants, all under
# an `if` whose false branch jumps over every assignment.
src = "if flag:\n"
src += "".join(f"    n{i} = b.y{i} = {i}.5\n" for i in range(N))
src += "    total = " + " + ".join(f"n{i}" for i in EDGES) + "\n"
src += "    last = (n69999, b.y65536, 'tail', 69999.5)\n"
src += "    del n65536\n    n65537 += 1\n    n69999 = -n69999\n"
src += "else:\n    total = 'skipped'\n"
code = compile(src, "<big>", "exec")
print(len(code.co_names), len(code.co_consts))
print(code.co_names.index("n65536"), code.co_names.index("y65536"))
print(code.co_consts.index(65536.5), code.co_consts[65535], code.co_consts[N - 1])

for flag in (True, False):
    b = Box()
    ns = {"flag": flag, "b": b}
    exec(code, ns)
    print(ns["total"], ns.get("last"), len(vars(b)))
    if flag:
        print(all(ns[f"n{i}"] == i + 0.5 for i in range(N) if i not in (65536, 65537, N - 1)))
        print(all(getattr(b, f"y{i}") == i + 0.5 for i in range(N)))
        print("n65536" in ns, ns["n65537"], ns["n69999"])

# One function: N locals (STORE_FAST/LOAD_FAST), N global names (LOAD_GLOBAL, whose argument
# also carries the push-NULL bit), N + 1 constants.
g = {f"g{i}": i for i in range(N)}
body = "".join(f"    a{i} = g{i} + {i}.25\n" for i in range(N))
body += "    return " + ", ".join(f"a{i}" for i in EDGES) + ", len(g69999 * [0])\n"
exec("def f():\n" + body, g)
f = g["f"]
print(len(f.__code__.co_varnames), len(f.__code__.co_names), len(f.__code__.co_consts))
print(f())
g["g65536"] = -1
print(f()[5])
