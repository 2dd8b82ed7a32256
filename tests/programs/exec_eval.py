# exec, eval, compile, __import__, the builtins module, sys.displayhook
import builtins
import sys

print(builtins.len("abc"), builtins is sys.modules["builtins"], builtins.__name__)
print(builtins.__dict__ is vars(builtins), "print" in dir(builtins))
builtins.my_global_helper = lambda: "from builtins"
print(my_global_helper())
del builtins.my_global_helper

x = 10
print(eval("x + 1"), eval("  x * 2"), eval("y", {"y": 5}), eval("a + b", {"a": 1}, {"b": 2}))
g = {}
exec("z = 3\ndef f(n):\n    return n + z\n", g)
print(sorted(k for k in g if k != "__builtins__"), g["f"](4), "__builtins__" in g)
exec("q = x + 100")
print(q)


def in_function():
    local_value = 7
    print(eval("local_value * 6"))
    exec("print('exec sees', local_value)")
    ns = {}
    exec("r = local_value", {"local_value": 1}, ns)
    return ns


print(in_function())

code = compile("w = 2 ** 8", "<calc>", "exec")
print(type(code).__name__, code.co_name, code.co_filename)
exec(code)
print(w)
expr = compile("w // 2", "<e>", "eval")
print(eval(expr), eval(expr, {"w": 10}))
single = compile("w + 1", "<s>", "single")
exec(single)
exec(compile("None", "<s>", "single"))
print(builtins._)
exec(compile("for i in range(2): i\n", "<s>", "single"))

old_hook = sys.displayhook
sys.displayhook = lambda v: print("hook saw", repr(v))
exec(compile("'text'", "<s>", "single"))
sys.displayhook = old_hook
sys.__displayhook__(42)
print(builtins._)


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__, e)


attempt(lambda: eval("1 +"))
attempt(lambda: exec("def"))
attempt(lambda: eval(42))
attempt(lambda: exec(42))
attempt(lambda: eval("1", []))
attempt(lambda: exec("1", []))
attempt(lambda: exec("1", {}, 5))
attempt(lambda: eval("1", {}, 5))
attempt(lambda: compile("1", "f", "bad"))
attempt(lambda: compile("1", "f"))
attempt(lambda: compile(1, "f", "exec"))
attempt(lambda: eval())
attempt(lambda: eval("x", {}))
attempt(lambda: eval(b"1 + 2"))
attempt(lambda: eval("x = 1"))
attempt(lambda: exec("raise ValueError('from exec')"))
try:
    compile("a b", "myfile.py", "exec")
except SyntaxError as e:
    print(e.filename, e.lineno, e.msg)

m = __import__("json")
print(m.__name__, __import__("collections.abc").__name__)
print(__import__("collections.abc", fromlist=["Mapping"]).__name__)
attempt(lambda: __import__("no_such_module_xyz"))
attempt(lambda: __import__(""))
attempt(lambda: __import__(5))
attempt(lambda: __import__("json", level=-1))

# exec'd class and closures inside exec code
ns = {}
exec("""
class K:
    def m(self):
        return [i * 2 for i in range(3)]
def outer():
    v = 5
    def inner():
        return v
    return inner()
result = (K().m(), outer(), __name__)
""", ns)
print(ns["result"])
print(eval("__name__", {}), eval("__builtins__ is not None", {}))
