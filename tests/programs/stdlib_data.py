# The data group: dataclasses, typing, enum, collections, heapq, bisect, struct, pickle, json,
# csv, datetime, decimal, fractions, statistics.
import dataclasses, typing, enum, collections, heapq, bisect, struct, pickle, json, csv, io
import datetime, decimal, fractions, statistics

@dataclasses.dataclass(order=True)
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list)

p = Point(1, 2)
print(p, p == Point(1, 2), p < Point(2, 0), dataclasses.asdict(p), dataclasses.replace(p, y=5))
print([f.name for f in dataclasses.fields(Point)])

@dataclasses.dataclass(frozen=True)
class Frozen:
    a: int
try:
    Frozen(1).a = 2
except dataclasses.FrozenInstanceError as e:
    print("frozen:", e)

T = typing.TypeVar("T")
class Box(typing.Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
print(typing.get_type_hints(Box.__init__), Box[int], typing.Optional[int], typing.List[str])
print(typing.get_origin(typing.Dict[str, int]), typing.get_args(typing.Union[int, str]))
class Movie(typing.TypedDict):
    title: str
    year: int
print(Movie(title="x", year=1), typing.NamedTuple("P", [("a", int)])(1))

class Color(enum.Enum):
    RED = 1
    GREEN = 2
class Perm(enum.IntFlag):
    R = 4
    W = 2
print(Color.RED, Color(2), list(Color), Perm.R | Perm.W, Color["GREEN"].value, repr(Color.RED))

c = collections.Counter("abracadabra")
print(c.most_common(2), collections.OrderedDict(a=1, b=2), collections.ChainMap({"a": 1}, {"b": 2})["b"])
d = collections.defaultdict(list); d["k"].append(1); print(d)
dq = collections.deque([1, 2, 3], maxlen=3); dq.append(4); dq.rotate(1); print(dq)
P = collections.namedtuple("P", "x y"); print(P(1, 2), P._make([3, 4])._asdict())
h = []
for v in [5, 1, 4, 2]:
    heapq.heappush(h, v)
print([heapq.heappop(h) for _ in range(4)], heapq.merge([1, 3], [2, 4]).__next__())
a = [1, 2, 4]; bisect.insort(a, 3); print(a, bisect.bisect_left(a, 3))
packed = struct.pack("<iHd?", -5, 7, 1.5, True)
print(packed, struct.unpack("<iHd?", packed), struct.calcsize("@iHd"), struct.Struct(">I").pack(258))
obj = {"a": [1, 2.5, None, True], "b": ("t", b"x"), "c": {1, 2}, "p": Point(3, 4)}
print(pickle.loads(pickle.dumps(obj)) == obj, pickle.loads(pickle.dumps(obj, protocol=0)) == obj)
s = json.dumps({"x": [1, 2, {"y": None}], "z": "é"}, sort_keys=True, indent=2)
print(s, json.loads(s), json.dumps("é", ensure_ascii=False))
buf = io.StringIO()
w = csv.writer(buf); w.writerow(["a", "b,c", 'd"e']); w.writerow([1, 2, 3])
print(repr(buf.getvalue()), list(csv.reader(io.StringIO(buf.getvalue()))))
print(list(csv.DictReader(io.StringIO("h1,h2\n1,2\n"))))
dt = datetime.datetime(2024, 2, 29, 13, 45, 7)
print(dt + datetime.timedelta(days=1, hours=12), dt.strftime("%a %d %b %Y %H:%M:%S"), dt.isoformat())
print(tuple(datetime.date(2024, 1, 1).isocalendar()), datetime.datetime.strptime("2021-03-04", "%Y-%m-%d"))
print(decimal.Decimal("1.1") + decimal.Decimal("2.2"), decimal.Decimal(1) / decimal.Decimal(7))
with decimal.localcontext() as ctx:
    ctx.prec = 5
    print(decimal.Decimal(2).sqrt(), decimal.Decimal("1.23456789").quantize(decimal.Decimal("0.01")))
print(fractions.Fraction(3, 4) + fractions.Fraction(1, 6), fractions.Fraction("0.125"), fractions.Fraction(1.5))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1, 2, 3, 4]))
print(statistics.mode([1, 1, 2]), statistics.fmean([1.5, 2.5]), statistics.quantiles(range(1, 11), n=4))
