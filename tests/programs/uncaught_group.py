def f():
    raise ValueError("inner")
def g():
    try:
        f()
    except ValueError as e:
        raise TypeError("chained") from e
excs = []
for fn in (f, g):
    try:
        fn()
    except Exception as e:
        excs.append(e)
e2 = KeyError("k")
e2.add_note("a note")
excs.append(ExceptionGroup("nested", [e2, OSError("x")]))
print("before")
raise ExceptionGroup("top", excs)
