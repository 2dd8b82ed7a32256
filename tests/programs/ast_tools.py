# The pure-Python helpers of Lib/ast.py over the native nodes: unparse round-trips,
# literal_eval, docstrings, source segments, line number helpers, walk and visitors.
import ast

SOURCES = [
    "x = 1 + 2 * (3 - y) ** -z",
    "def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    '''Doc.'''\n    return a if b else c",
    "class C(B, metaclass=M):\n    x: int = 1\n    @property\n    def p(self): ...",
    "for i in range(10):\n    if i % 2:\n        continue\n    print(f'{i!r:>4}')\nelse:\n    pass",
    "with a as b, c as (d, e):\n    del b[0], d.x",
    "try:\n    pass\nexcept ValueError as e:\n    raise TypeError() from e\nfinally:\n    x = [i for i in y if i]",
    "async def g():\n    async with a:\n        await b\n    return {k: v async for k, v in c}",
    "lambda x, *y, z=3, **w: (x, y, z, w)",
    "match p:\n    case Point(x=0) | [1, *rest] if rest:\n        pass\n    case {'a': 1, **kw}:\n        pass",
    "x = a[1:2, ::3]; y = not a and b or c; z = (w := 5)",
    "import a.b as c\nfrom ..d import (e, f as g)\nglobal h",
]
for src in SOURCES:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    print(text)
    again = ast.unparse(ast.parse(text))
    print(again == text, ast.dump(ast.parse(text)) == ast.dump(tree))

for expr in ["[1, 2.5, -3, 'a', b'b', (True, None), {1: {2}}]", "1+2j", "-(1)", "set()",
             "{'x': [1, (2,)]}", "0x10", "...", "frozenset()", "f(x)", "1 + y", "'a' 'b'"]:
    try:
        print(repr(ast.literal_eval(expr)))
    except ValueError as e:
        print("ValueError", str(e).split(" object at ")[0])

tree = ast.parse('"""Module doc.\n\n    Indented."""\ndef f():\n    "F doc."\n    pass\nclass C:\n    x = 1\n')
print(repr(ast.get_docstring(tree, clean=False)))
print(repr(ast.get_docstring(tree.body[1], False)), repr(ast.get_docstring(tree.body[2], False)))

src = "a = 1\nif a:\n    b = [x,\n         y]\n"
tree = ast.parse(src)
for node in ast.walk(tree):
    seg = ast.get_source_segment(src, node)
    if seg is not None and isinstance(node, (ast.stmt, ast.List)):
        print(type(node).__name__, repr(seg), repr(ast.get_source_segment(src, node, padded=True)))

tree = ast.parse("x = 1\ny = 2")
ast.increment_lineno(tree, 10)
print([(n.lineno, n.end_lineno) for n in tree.body])
print(sorted(type(n).__name__ for n in ast.walk(tree)))
print([type(n).__name__ for n in ast.iter_child_nodes(tree.body[0])])
print(list(ast.iter_fields(tree.body[0]))[1][0])

class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []
    def visit_Name(self, node):
        self.names.append((node.id, type(node.ctx).__name__))
        self.generic_visit(node)
c = Counter()
c.visit(ast.parse("a = b + c(d, e=f)\ndel g"))
print(c.names)

new = ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Call(ast.Name('print', ast.Load()), [ast.Constant('hi')], []))], type_ignores=[]))
print(ast.dump(new, include_attributes=True))
print(ast.unparse(new))
