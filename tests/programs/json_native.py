# The native _json module under CPython's json package: the scanner, the encoder, the string
# escapers, their error messages and positions, and cycles through their references.
import gc
import json
import sys
import _json
from collections import OrderedDict
from json import decoder, encoder, scanner


def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        extra = ""
        if isinstance(e, json.JSONDecodeError):
            extra = " pos=%d lineno=%d colno=%d" % (e.pos, e.lineno, e.colno)
        elif isinstance(e, StopIteration):
            extra = " value=%r" % (e.value,)
        print(type(e).__name__ + ":", e, extra)


print("-- module")
print(json.__file__.endswith("json/__init__.py"), json.__file__.startswith(sys.prefix) or True)
print(decoder.scanstring is _json.scanstring, scanner.make_scanner is _json.make_scanner)
print(encoder.c_make_encoder is _json.make_encoder, _json.make_scanner.__module__)
print(_json.make_scanner.__name__, _json.make_encoder.__name__)

print("-- scanstring")
ss = _json.scanstring
show(ss, '"plain"', 1)
show(ss, 'x"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t"y', 2)
show(ss, '"\\u00e9\\u20AC"', 1)
show(ss, '"\\ud83d\\ude00"', 1)
show(ss, '"\\ud83d"', 1)
show(ss, '"\\ude00\\ud83d"', 1)
show(ss, '"\\ud83d\\u0041"', 1)
show(ss, '"\\ud83dx\\ude00"', 1)
show(ss, '"caf\xe9 \U0001f600"', 1)
show(ss, '"\ud800 raw"', 1)
show(ss, '"abc', 1)
show(ss, '"abc\\', 1)
show(ss, '"\\x"', 1)
show(ss, '"\\u12"', 1)
show(ss, '"\\u12x4"', 1)
show(ss, '"\\ud800\\u12"', 1)
show(ss, '"\\ud800\\uzzzz"', 1)
show(ss, '"\\ud800\\ud', 1)
show(ss, '"a\x01b"', 1)
show(ss, '"a\tb"', 1, False)
show(ss, '"a\nb"', 1, 0)
show(ss, '"ab"', 5)
show(ss, '"ab"', -1)
show(ss, '"ab"', 4)
show(ss, b'"ab"', 1)
show(ss, '"ab"', "1")

print("-- escapers")
for f in (_json.encode_basestring, _json.encode_basestring_ascii):
    show(f, 'a"b\\c\x00\x1f\x7f\b\f\n\r\t/')
    show(f, "\xe9\u20ac\U0001f600")
    show(f, "\ud800\udfff")
    show(f, 42)

print("-- loads")
docs = [
    '{"a": [1, 2.5, -0, -0.0, 1e2, 1E-2, 2e+1, true, false, null], "b": {}}',
    '  [ ]  ', '[1,]', '{"a":1,}', '[1 2]', '{"a" 1}', '{"a":}', '{1:2}', '{',
    '[', '', '-', '-x', '01', '1.', '1.e5', '1e', '1e+', '-Infinity', 'Infinity', 'NaN',
    'nul', 'tru', '[1]x', '"\\ud83d\\ude00"', '123456789012345678901234567890',
    '  \n\n  [1,\n  2,\n  x]',
]
for doc in docs:
    show(json.loads, doc)
show(json.loads, "[" + "1" * 5000 + "]")

print("-- hooks")
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict,
                 object_hook=lambda d: "unused"))
print(json.loads('{"x": {"y": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[1, 2.5, 3e1, -0]', parse_int=lambda s: "int:" + s,
                 parse_float=lambda s: "float:" + s))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('[1.25]', parse_float=float), json.loads('[7]', parse_int=int))
keys = json.loads('[{"key": 1}, {"key": 2}]')
print(list(keys[0])[0] is list(keys[1])[0])
try:
    json.loads('{"a": 1}', object_hook=lambda d: 1 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

print("-- scanner object")


class Ctx:
    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": "nan!"}.__getitem__
    memo = {}


scan = _json.make_scanner(Ctx())
print(scan.strict, scan.parse_int is int, scan.object_hook)
show(scan, '  [1, "two", {"3": NaN}]', 2)
show(scan, "[1]", 3)
show(scan, "[1]", -1)
show(scan, "xyz", 0)
show(scan, "-", 0)
show(scan, "[1, ]", 0)
show(scan, b"[1]", 0)
show(_json.make_scanner, 1)
try:
    scan.strict = False
except AttributeError as e:
    print("AttributeError", e)

print("-- dumps")
class MyInt(int):
    def __repr__(self):
        return "MyInt!"


class MyFloat(float):
    def __repr__(self):
        return "MyFloat!"


class MyStr(str):
    pass


class MyList(list):
    pass


class MyDict(dict):
    def items(self):
        return sorted(super().items(), reverse=True)


print(json.dumps([MyInt(3), MyFloat(2.5), MyStr("s"), MyList([1]), (1, 2), True, None]))
print(json.dumps(MyDict(a=1, b=2)), json.dumps(OrderedDict([("z", 1), ("y", 2)])))
print(json.dumps({3: 1, 2.5: 2, None: 3, True: 4, False: 5, "s": 6}))
print(json.dumps({"b": 1, "a": [1.0, 1e300, -0.0, 1e-7]}, sort_keys=True))
print(json.dumps([float("inf"), float("-inf"), float("nan")]))
show(json.dumps, [float("inf")], allow_nan=False)
show(json.dumps, {float("nan"): 1}, allow_nan=False)
show(json.dumps, {(1, 2): 1})
print(json.dumps({(1, 2): 1, "k": 2}, skipkeys=True))
show(json.dumps, {"a": 1, 1: "a"}, sort_keys=True)
show(json.dumps, object())
print(json.dumps({"d": {1, 2}}, default=sorted))
print(json.dumps("\xe9\U0001f600\ud800"), json.dumps("\xe9\U0001f600", ensure_ascii=False))
print(json.dumps([1, {"a": 2}], separators=(",", ":")))
print(json.dumps([]), json.dumps({}), json.dumps([[]]), json.dumps(""))
cyc = []
cyc.append(cyc)
show(json.dumps, cyc)
d = {}
d["self"] = d
show(json.dumps, d)


class Node:
    pass


n = Node()
show(json.dumps, n, default=lambda o: o)
print(len(json.dumps(cyc[:0] + [1], check_circular=False)))
show(json.dumps, "x" * 3, default=None)
show(json.dumps, [10 ** 5000])

print("-- encoder object")
enc = _json.make_encoder(None, str, _json.encode_basestring, None, ": ", ", ", False, False, True)
print(enc([1, "é", {"a": None}], 0), enc.key_separator, enc.sort_keys, enc.markers)
enc2 = _json.make_encoder({}, lambda o: "dflt", lambda s: "<" + s + ">", None, "=", ";",
                          True, True, False)
print(enc2({"b": object(), "a": [1, 2], "c": "z"}, 0))
show(enc2, {"b": 1, (1,): 0}, 0)
bad = _json.make_encoder(None, str, lambda s: 5, None, ":", ",", False, False, True)
show(bad, "text", 0)
show(bad, {"k": 1}, 0)
show(_json.make_encoder, 1, None, None, None, ": ", ", ", False, False, False)
show(_json.make_encoder, None, None, None, None, 5, ", ", False, False, False)
show(_json.make_encoder, None, None, None, None, ":", b",", False, False, False)
show(_json.make_encoder, None, None, None)

print("-- recursion")
try:
    json.loads("[" * 100000 + "]" * 100000)
except RecursionError:
    print("RecursionError decoding arrays")
try:
    json.loads('{"a":' * 100000 + "1" + "}" * 100000)
except RecursionError:
    print("RecursionError decoding objects")
deep = []
for _ in range(100000):
    deep = [deep]
try:
    json.dumps(deep)
except RecursionError:
    print("RecursionError encoding")
print(json.loads("[" * 50 + "]" * 50) == eval("[" * 50 + "]" * 50))

print("-- cycles through scanners and encoders")
gc.collect()


class Decoder(json.JSONDecoder):
    pass


def make_cycle():
    dec = Decoder()
    dec.keep = dec.scan_once  # decoder -> scanner -> (hooks) ... and back through bound methods
    dec.object_hook = dec.decode
    dec.scan_once = _json.make_scanner(dec)
    enc = json.JSONEncoder()
    enc.it = _json.make_encoder({}, enc.default, _json.encode_basestring, None, ":", ",",
                                False, False, True)
    markers = {}
    holder = _json.make_encoder(markers, None, None, None, ":", ",", False, False, True)
    markers["me"] = holder


for _ in range(3):
    make_cycle()
print("collected", gc.collect() > 0)


class Flag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def encoder_cycle():
    markers = {}
    enc = _json.make_encoder(markers, None, None, None, ":", ",", False, False, True)
    markers["enc"] = enc
    markers["flag"] = Flag("through an encoder's markers")


def scanner_cycle():
    ctx = Ctx()
    flag = Flag("through a scanner's hook")
    ctx.object_hook = flag
    flag.scanner = _json.make_scanner(ctx)


encoder_cycle()
print("after encoder_cycle")
gc.collect()
scanner_cycle()
print("after scanner_cycle")
gc.collect()
print(gc.is_tracked(scan), gc.is_tracked(enc))
print("done")
