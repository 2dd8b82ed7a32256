# Where compile() places some SyntaxErrors (lineno, offset, end_lineno), as CPython 3.11 does.
cases = [
    "foo(1=2)",
    "f(a.b=1)",
    "f(x, (y)=2)",
    "f(True=1)",
    "f(None=1)",
    "def f():\n  from _ import *",
    "def f():\n  global x\n  nonlocal x",
    "def f():\n  nonlocal x\n  global x",
    "try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass",
    "def spam():\n  print(1)\n print(2)",
    "def spam():\n  print(1)\n print(2)\n",
    "if x:\n    a\n  b\n",
]
for src in cases:
    try:
        compile(src, "<fragment>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_lineno)
    else:
        print("compiled", repr(src))
for ok in ["f(x=1, y=2)", "f(x for x in y)", "try:\n  pass\nexcept ValueError:\n  pass\nexcept:\n  pass"]:
    compile(ok, "<fragment>", "exec")
    print("compiled", repr(ok))
