# ast.parse and ast.dump over the whole grammar: fields, contexts, operators, positions.
import ast

SOURCES = [
    "x = 1 + 2 * y - -z ** 2",
    "a, *b = c[1:2, ::3] = d.e",
    "del a[0], b.c, (d, e)",
    "x += 1; y @= z; w //= 2; v >>= 1",
    "x: int = 5\n(y): list[str]\nz.w: 'T'",
    "if a and b or not c:\n    pass\nelif d:\n    x = 1\nelse:\n    y = 2",
    "while x < 10 <= y != z:\n    x += 1\n    if x is None or x is not y:\n        break\nelse:\n    continue",
    "for i, j in enumerate(x, start=1):\n    print(i, *j, sep='', **kw)",
    "async def f(a, /, b: int = 1, *args, c, d=2, **kw) -> None:\n    async for x in y:\n        await z\n    async with a as b, c:\n        yield\n    return (yield from q)",
    "@dec\n@dec2(1)\nclass C(B, metaclass=M):\n    '''doc'''\n    def m(self): return lambda x, *, y=1: x + y",
    "try:\n    pass\nexcept (A, B) as e:\n    raise C from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass",
    "try:\n    pass\nexcept* ValueError:\n    pass",
    "with open(f) as (a, b), g():\n    pass",
    "import a.b.c as d, e\nfrom . import x\nfrom ..m import (y as z, w)\nfrom m import *",
    "global g\nnonlocal_ = 1\nassert x, 'msg'",
    "[x for x in y if x if not x]\n{k: v for k, v in d.items()}\n{s for s in t}\n(g for g in h for i in g)",
    "f(x for x in y)",
    "x = {1: 2, **d, 3: 4}; s = {1, 2}; t = (); l = []",
    "f'{a!r} {b=} {c}' 'tail'",
    "b'bytes'; u'text'; ...; None; True; False; 1.5; 2j; 0xff; 1_000",
    "(y := 10) if x else z[a:b:c]",
    "match command:\n    case [Point(x=0, y=0)]:\n        pass\n    case {'k': v, **rest} if v > 0:\n        pass\n    case [1, 2, *others] | (3 | 4) as n:\n        pass\n    case Color.RED | None | -1 | 1+2j:\n        pass\n    case str() | _:\n        pass",
    "é = 'ñ'; x = é + 'ü' + f'{é}'",
]

for src in SOURCES:
    tree = ast.parse(src)
    print(ast.dump(tree))
    print(ast.dump(tree, include_attributes=True))
    print()

print(ast.dump(ast.parse("f'{a!r:>{width}} {b=} {c:%Y}'")))
print(ast.dump(ast.parse("1 + x", mode="eval"), indent=2))
print(ast.dump(ast.parse("x = 1", mode="single")))
print(ast.dump(ast.parse("def f():\n    return 1\n"), indent="  ", include_attributes=True))
tree = ast.parse("x = y; z = x")
print(tree.body[0].targets[0].ctx is tree.body[1].value.ctx.__class__())
print(tree.body[0].value.ctx is tree.body[1].value.ctx)
print(type(tree.body[0].value.ctx).__name__, type(tree).__mro__)
for s in ["() -> int", "(int, str) -> bool", "(*int, **str) -> List[int]"]:
    print(ast.dump(ast.parse(s, mode="func_type"), include_attributes=True))
src = "a = 1\nb = 2 # type: ignore\nd = 4 # type: ignore@tag\n# type:ignore[x]\ns = '# type: ignore'\n"
print(ast.dump(ast.parse(src, type_comments=True)))
print(ast.parse(src).type_ignores)
