# The introspection group: inspect, ast, dis, traceback, timeit.
import inspect, ast, dis, traceback, timeit, sys, io

def f(a, b: int = 2, *args, c, d=4, **kw) -> str:
    """Doc of f."""
    return str(a)

sig = inspect.signature(f)
print(sig, list(sig.parameters), sig.parameters["b"].default, sig.return_annotation)
print(inspect.getdoc(f), inspect.isfunction(f), inspect.isclass(int), inspect.getmodule(f).__name__)
class K:
    def m(self): pass
print(inspect.ismethod(K().m), [n for n, _ in inspect.getmembers(K) if not n.startswith("_")])
print(inspect.getsource(f).splitlines()[0], inspect.getfile(f).endswith("stdlib_introspection.py"))
tree = ast.parse("x = 1 + 2 * y\nprint(x)")
print(ast.dump(tree.body[0]))
print(ast.unparse(tree), ast.literal_eval("[1, (2, 'a'), {'k': None}]"))
class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(node.value * 2) if isinstance(node.value, int) else node
new = ast.fix_missing_locations(Double().visit(ast.parse("print(21)")))
exec(compile(new, "<ast>", "exec"))
print([type(n).__name__ for n in ast.walk(ast.parse("a + b"))])
out = io.StringIO()
dis.dis("a + 1", file=out)
print([l.split()[-1] if l.split() else "" for l in out.getvalue().splitlines()][:3], dis.opname[100])
def fail():
    return 1 / 0
try:
    fail()
except ZeroDivisionError:
    text = traceback.format_exc()
print(text.splitlines()[0], text.splitlines()[-1])
try:
    fail()
except ZeroDivisionError as e:
    te = traceback.TracebackException.from_exception(e)
    print([fs.name for fs in te.stack], "".join(te.format_exception_only()).strip())
print([fs.name for fs in traceback.extract_stack()][-1:], len(traceback.format_stack()) >= 1)
print(timeit.timeit("sum(range(10))", number=10) >= 0, timeit.Timer("x = 1").repeat(repeat=2, number=5).__len__())
