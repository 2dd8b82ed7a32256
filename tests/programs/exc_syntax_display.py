# The default exception display of a SyntaxError built by Python code: its location block
# (file, line, source text without indentation, carets from offset to end_offset) comes from
# its attributes; and SyntaxError's constructor checks its location tuple.
import io
import sys


def shown(e):
    old = sys.stderr
    sys.stderr = io.StringIO()
    try:
        sys.__excepthook__(type(e), e, None)
        return sys.stderr.getvalue()
    finally:
        sys.stderr = old


for args in [
    ("bad.py", 1, 2, "abcdefg", 1, 7),
    ("bad.py", 1, 2, "abcdefg", 1, 3),
    ("bad.py", 1, 2, "abcdefg", 1, -2),
    ("bad.py", 1, 4, "abcdefg", 1, 2),
    ("bad.py", 1, -4, "abcdefg", 1, -2),
    ("bad.py", 1, 0, "abcdefg", 1, 5),
    ("bad.py", 1, 2, "abcdefg", 1, 100),
    ("bad.py", 1, 2, "abcdefg", 3, 4),
    ("bad.py", 2, 6, "    if x y:\n", 2, 9),
    ("bad.py", 2, 6, "first\nsecond\n", 2, 9),
    (None, 5, None, "text", None, None),
    ("bad.py", 1, 2, None),
]:
    print(repr(shown(SyntaxError("bad bad", args))))

# A subclass underlines one column; unusable attributes fall back to the plain line.
print(repr(shown(IndentationError("bad indent", ("bad.py", 1, 2, "abcdefg", 1, 5)))))
e = SyntaxError("bad bad", ("bad.py", 1, 2, "abcdefg", 1, 5))
e.lineno = None
print(repr(shown(e)))
e = SyntaxError("bad bad", ("bad.py", 1, 2, "abcdefg", 1, 5))
e.msg = "changed"
e.text = "  xyz"
print(repr(shown(e)))
print(repr(shown(SyntaxError())))
print(repr(shown(SyntaxError("only a message"))))

for info in [("bad.py", 1, 2), ("bad.py", 1, 2, 4, 5, 6, 7), ("bad.py", 1, 2, "abcdefg", 1), 5]:
    try:
        SyntaxError("bad bad", info)
    except TypeError as err:
        print("TypeError:", err)
e = SyntaxError("bad bad", ["f", 1, 2, "t"])
print(e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
