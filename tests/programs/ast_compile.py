# compile() of node objects: NodeTransformer + compile + exec, the three modes, and
# CPython's errors for malformed trees; node class facts and constructors.
import ast
import _ast


class Tenfold(ast.NodeTransformer):
    def visit_Constant(self, node):
        if type(node.value) is int:
            return ast.copy_location(ast.Constant(node.value * 10), node)
        return node

    def visit_Name(self, node):
        if node.id == "old":
            return ast.copy_location(ast.Name("new", node.ctx), node)
        return node


src = "total = 0\nfor i in range(3):\n    total += i + 1\nprint(total, old)\n"
tree = ast.parse(src)
new = 7
exec(compile(tree, "<orig>", "exec"), {"old": 1})
tree = ast.fix_missing_locations(Tenfold().visit(tree))
ns = {"new": 2}
exec(compile(tree, "<changed>", "exec"), ns)
print(ns["total"])
print(eval(compile(ast.parse("1 + 2 * x", mode="eval"), "<e>", "eval"), {"x": 5}))
exec(compile(ast.parse("6 * 7", mode="single"), "<s>", "single"))

# Functions, classes, closures, comprehensions, try and match from a hand-made tree.
code = '''
def outer(n):
    def inner(k):
        return [j * n for j in range(k) if j % 2]
    return inner
class K:
    def m(self, *a, **kw):
        try:
            return sum(a) / kw.get("d", 1)
        except ZeroDivisionError:
            return None
def classify(v):
    match v:
        case [x, *_]:
            return f"seq {x}"
        case {"k": y}:
            return f"map {y}"
        case _:
            return "other"
print(outer(3)(6), K().m(1, 2, d=3), K().m(1, d=0), classify([4]), classify({"k": 1}), classify(2))
'''
exec(compile(ast.parse(code), "<code>", "exec"), {})
print(compile(ast.parse("x"), "f", "exec", ast.PyCF_ONLY_AST).__class__.__name__)


def attempt(tree, mode="exec"):
    try:
        compile(tree, "<t>", mode)
        print("ok")
    except (TypeError, ValueError, SyntaxError) as e:
        print(type(e).__name__, str(e).split(" object at ")[0])


P = dict(lineno=1, col_offset=0)
attempt(ast.Module([ast.Expr(1)], []))
attempt(ast.Module([ast.Expr(1, **P)], []))
attempt(ast.Module([1], []))
attempt(ast.Module([ast.Expr(ast.Name("x", ast.Load(), **P), **P)], []))
attempt(ast.Module([ast.Expr(None, **P)], []))
attempt(ast.Module([ast.Expr(ast.Constant(value=[1], **P), **P)], []))
attempt(ast.Module((), []))
attempt(ast.Module([]))
attempt(ast.Expression(ast.Name("x", ast.Store(), **P)), "eval")
attempt(ast.Module([], []), "eval")
attempt(ast.Expression(ast.Name(1, ast.Load(), **P)), "eval")
attempt(ast.Expression(ast.BinOp(ast.Constant(1, **P), ast.Load(), ast.Constant(1, **P), **P)), "eval")
attempt(ast.Module([ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], **P)], []))
attempt(ast.Module([ast.ImportFrom("x", [ast.alias("y", **P)], -1, **P)], []))
attempt(ast.Expression(ast.Constant("x", 1, **P)), "eval")
attempt(ast.Expression(ast.Compare(ast.Constant(1, **P), [], [], **P)), "eval")
attempt(ast.Module([ast.Assign([ast.Constant(1, **P)], ast.Constant(2, **P), **P)], []))
attempt(ast.Module([ast.Assign([ast.Name("x", ast.Load(), **P)], ast.Constant(2, **P), **P)], []))
attempt(ast.Module([ast.Delete([], **P)], []))
attempt(ast.Expression(ast.BoolOp(ast.And(), [ast.Constant(1, **P)], **P)), "eval")
attempt(ast.Expression(ast.Name("None", ast.Load(), **P)), "eval")
attempt(ast.Module([ast.Try([ast.Pass(**P)], [], [], [], **P)], []))
attempt(ast.Module([ast.Raise(None, ast.Constant(1, **P), **P)], []))
attempt(ast.Expression(ast.Dict([None], [], **P)), "eval")
attempt(ast.Expression(ast.Call(ast.Name("f", ast.Load(), **P), [], [ast.keyword("a", ast.Constant(1, **P))], **P)), "eval")
attempt("x", "exec")
attempt(42, "exec")

# The node classes.
print(ast.Name._fields, ast.Name.__match_args__, ast.expr._attributes, ast.Name.__doc__)
print(ast.stmt.__doc__.splitlines()[:2], ast.cmpop.__doc__, ast.arguments.__doc__)
print(ast.FunctionDef.returns, ast.alias.asname, ast.expr.end_lineno, ast.AST._fields)
print([c.__name__ for c in ast.BinOp.__mro__], ast.Load.__module__, repr(ast.Add))
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
n = ast.Name("x", ast.Load(), lineno=3)
print(n.id, type(n.ctx).__name__, n.lineno, n.__reduce__()[0].__name__, sorted(n.__reduce__()[2]))
for args, kw in [((1, 2, 3), {}), ((1,), {"id": 2}), ((), {"other": 1})]:
    try:
        m = ast.Name(*args, **kw)
        print("made", sorted(vars(m)))
    except TypeError as e:
        print("TypeError", e)
try:
    ast.Pass(1)
except TypeError as e:
    print("TypeError", e)
try:
    ast.Name().id
except AttributeError as e:
    print("AttributeError", e)


class MyName(ast.Name):
    extra = 1


m = MyName("z", ast.Load(), **P)
print(type(m).__name__, m.extra, isinstance(m, ast.expr), ast.dump(m))
print(eval(compile(ast.Expression(m), "<sub>", "eval"), {"z": 99}))
match ast.parse("a + 1").body[0].value:
    case ast.BinOp(ast.Name(name), ast.Add(), ast.Constant(value)):
        print("matched", name, value)

# Positions are checked as CPython's validator does.
for pos in [dict(lineno=2, col_offset=0, end_lineno=1, end_col_offset=1),
            dict(lineno=1, col_offset=5, end_lineno=1, end_col_offset=1),
            dict(lineno=-1, col_offset=-1, end_lineno=1, end_col_offset=1),
            dict(lineno=1, col_offset=-1, end_lineno=1, end_col_offset=1),
            dict(lineno=10**20, col_offset=0), dict(lineno=True, col_offset=0),
            dict(lineno=1.5, col_offset=0)]:
    try:
        attempt(ast.Module([ast.Expr(ast.Name("x", ast.Load(), **pos), **P)], []))
    except OverflowError as e:
        print("OverflowError", e)
print(eval(compile(ast.Expression(ast.Constant(10**100, **P)), "<big>", "eval")) == 10**100)

# Malformed match patterns.
for pat in [ast.MatchValue(ast.Constant(...)), ast.MatchSingleton("s"), ast.MatchOr([]),
            ast.MatchMapping([ast.Constant(1)], []), ast.MatchStar("x"), ast.MatchAs(name="_"),
            ast.MatchClass(ast.Constant(1), [], [], []),
            ast.MatchClass(ast.Name("C", ast.Load()), [], ["a"], []),
            ast.MatchAs(ast.MatchValue(ast.Constant(1))),
            ast.MatchSequence([ast.MatchStar("True")]),
            ast.MatchValue(ast.Name("x", ast.Load()))]:
    node = ast.Match(ast.Name("x", ast.Load()), [ast.match_case(pat, body=[ast.Pass()])])
    attempt(ast.fix_missing_locations(ast.Module([node], [])))
