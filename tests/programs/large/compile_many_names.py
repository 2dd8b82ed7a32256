# Compiling many names and constants in one code object: module globals, function locals,
# attribute names, and constants shared by type and value. Results only (not timed).

N = 30000

# Module level: N distinct names (co_names) and N distinct constants (co_consts).
src = "".join(f"v{i} = {i * 7}\n" for i in range(N))
code = compile(src, "<many>", "exec")
print(len(code.co_names), len(code.co_consts))
ns = {}
exec(code, ns)
print(all(ns[f"v{i}"] == i * 7 for i in range(N)))
print(ns["v0"], ns[f"v{N - 1}"], len([k for k in ns if k.startswith("v")]))

# The same names and values again: no new entries.
code2 = compile(src + "".join(f"v{i} = {i * 7}\n" for i in range(0, N, 7)), "<many2>", "exec")
print(len(code2.co_names) == len(code.co_names), len(code2.co_consts) == len(code.co_consts))

# Function locals (co_varnames) and loads of each.
body = "".join(f"    a{i} = {i}\n" for i in range(N))
body += "    return [" + ", ".join(f"a{i}" for i in range(0, N, 1000)) + "], a%d\n" % (N - 1)
fns = {}
exec("def f():\n" + body, fns)
f = fns["f"]
print(f.__code__.co_nlocals, len(f.__code__.co_varnames))
print(f())

# Many parameters.
params = ", ".join(f"p{i}" for i in range(5000))
exec(f"def g({params}):\n    return p0 + p4999\n", fns)
print(fns["g"](*range(5000)), fns["g"].__code__.co_argcount)

# Many cells captured by an inner function.
cells = "".join(f"    c{i} = {i}\n" for i in range(3000))
exec("def h():\n" + cells + "    def inner():\n        return sum([" + ", ".join(
    f"c{i}" for i in range(3000)) + "])\n    return inner\n", fns)
inner = fns["h"]()
print(inner(), len(inner.__code__.co_freevars), len(fns["h"].__code__.co_cellvars))

# Constants are shared by type and value: 1, 1.0, True, 0.0 and -0.0 stay distinct.
c = compile("a = 1; b = 1.0; c = True; d = 0.0; e = -0.0; f = 1; g = 1.0; h = (1, 2); i = (1, 2); j = (1.0, 2)", "<k>", "exec")
print([type(x).__name__ for x in c.co_consts], c.co_consts)
n = {}
exec(c, n)
print(n["a"], n["b"], n["c"], n["d"], n["e"], n["h"] is n["i"], n["j"])

# Attribute names: N distinct ones on one object.
class O:
    pass
o = O()
exec("".join(f"o.x{i} = {i}\n" for i in range(N)), {"o": o})
print(sum(getattr(o, f"x{i}") for i in range(N)) == N * (N - 1) // 2)

# Many distinct string constants.
s = compile("".join(f"s{i} = 's{i}'\n" for i in range(N)), "<s>", "exec")
ns = {}
exec(s, ns)
print(all(ns[f"s{i}"] == f"s{i}" for i in range(N)), len(s.co_consts))
