# The symbol table refuses a walrus that rebinds a comprehension iteration variable (and the
# reverse), a walrus in a comprehension iterable, and one binding in a class body.
for src in ["[i := 0 for i in range(3)]", "[(j := 0) for i in range(3) for j in range(2)]",
            "{i for i in range(5) if (j := 0) for j in range(5)}", "[i for i in (j := range(3)) for j in range(2)]",
            "[[(j := j) for i in range(5)] for j in range(5)]", "class A: [(x := 1) for i in range(2)]",
            "[(i, j) for i in range(2) if (j := i) for k in range(2)]"]:
    try:
        compile(src, "<s>", "exec")
        print("ok", src)
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
for src in ["[x for x in [(y := 1) for _ in range(2)]]", "def f():\n    return [(y := i) for i in range(3)], y",
            "[(a, b) for a, (b, c) in [(1, (2, 3))] if (d := a)]", "[(a := 1) for b in range(2) for (c, a) in []]",
            "class B:\n    def g(self): return [(z := 1) for i in ()]", "[(lambda: (q := 1)) for q in range(2)]",
            "[q for q in range(2) if (lambda: (w := 1))]", "[[w for w in range(2)] for q in range(2) if (w := 1)]"]:
    try:
        compile(src, "<s>", "exec")
        print("ok", src)
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
for src in ['[x for x in (lambda: (y := 1))()]', '[x for x in [[(y := 1) for _ in range(2)] for _ in ()]]','[x for x in (lambda: [(y := 1) for _ in range(2)])()]', "def f():\n    global g\n    return [(g := i) for i in range(2)]", "[(i := 1) for i in ()]" ]:
    try:
        compile(src, "<s>", "exec")
        print("ok", src)
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
def f():
    return [(y := i * 2) for i in range(3)], y
print(f())
print([(last := c) for c in "ab"], last)
