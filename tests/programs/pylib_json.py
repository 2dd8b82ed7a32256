# json: dumps options, loads with hooks, CPython's error messages, dump/load on file objects
import json
from json import JSONDecodeError

doc = {"id": 7, "ratio": 0.1, "big": 12345678901234567890, "tiny": 5e-324, "neg": -0.0,
       "text": "tab\there \"q\" \\ \u2603 \U0001F40D \x7f\x1f", "ok": True, "none": None,
       "list": [1, [2, []], {}], "tuple": (1, 2)}
print(json.dumps(doc))
print(json.dumps(doc, ensure_ascii=False, sort_keys=True))
print(json.dumps(doc["list"], indent=4))
print(json.dumps({"a": [1, {"b": None}]}, indent="--", separators=(";", "=")))
print(json.dumps({3: 1, 1.5: 2, False: 3, None: 4}), json.dumps({(1, 2): 0, "k": 1}, skipkeys=True))
print(json.dumps([1e16, 1.5e300, 123.456, 1 / 3, 2.0, -1e-5, float("inf")]))
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
print(json.dumps([Pt(1, 2)], default=lambda o: {"x": o.x, "y": o.y}))
class PtEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Pt):
            return [o.x, o.y]
        return super().default(o)
print(json.dumps({"p": Pt(3, 4)}, cls=PtEncoder), PtEncoder().encode("é"))
for bad in ([Pt(0, 0)], float("nan")):
    try:
        json.dumps(bad, allow_nan=False)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
loop = []
loop.append(loop)
try:
    json.dumps(loop)
except ValueError as e:
    print("ValueError", e)
try:
    json.dumps({(1,): 2})
except TypeError as e:
    print("TypeError", e)

print(json.loads(' {"a" : [1, 2.5, -3e2, true, false, null], "b": "\\ud83d\\ude00\\u00e9\\/"} '))
print(json.loads("[0, -0, 0.5, 1E2, -1.0e-2]"), json.loads('"\\t\\"x\\""'), json.loads("Infinity"))
print(json.loads('{"x": {"y": 1}}', object_hook=lambda d: sorted(d)), json.loads("1.25", parse_float=str))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list), json.loads("NaN", parse_constant=lambda c: c))
for bad in ["", "   ", "[", "[1,]", "[1 2]", '{"a":}', '{"a" 1}', "{1: 2}", '{"a": 1,}', '"abc',
            '"a\\qb"', '"\\u12"', "nul", "[1]]", '"tab\there"', "-", "01", "{\n\n  x"]:
    try:
        json.loads(bad)
        print("parsed", repr(bad))
    except JSONDecodeError as e:
        print(repr(bad), "->", e, "|", e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
try:
    json.loads(5)
except TypeError as e:
    print("TypeError", e)

class Sink:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
    def read(self):
        return "".join(self.parts)
f = Sink()
json.dump({"k": [1, 2], "s": "v"}, f, indent=2, sort_keys=True)
print(f.read())
print(json.load(f), json.loads(json.dumps(doc)) == {**doc, "tuple": [1, 2]})
