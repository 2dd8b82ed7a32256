# A global declaration anywhere makes the module body use that name as a global (exec with
# separate globals and locals shows it); declarations alone compile to nothing.
local_ns = {}
global_ns = {}
exec("""if 1:
    def f():
        y = 1
        def g():
            global y
            return y
        def h():
            return y + 1
        return g, h
    y = 9
    g, h = f()
    result9 = g()
    result2 = h()
    """, local_ns, global_ns)
print(global_ns["result2"], global_ns["result9"], sorted(local_ns), sorted(global_ns))
def f():
    global y
    y = 2
y = 1
f()
class K:
    global z
    z = 5
print(y, z)
def f():
    global y
print(f())
def g():
    x = 1
    def h():
        nonlocal x
    return h
print(g()())
