# string (constants, capwords, Template, Formatter), copy (copy/deepcopy), keyword
import string
import copy
import keyword

print(string.ascii_letters, string.digits + string.octdigits, string.hexdigits)
print(repr(string.whitespace), string.punctuation, len(string.printable))
print(string.capwords("  the QUICK  brown\tfox "), string.capwords("x_y_z", "_"))
t = string.Template("${greet}, $name! You owe $$${amount}.")
print(t.substitute(greet="Hi", name="Bo", amount=3), t.safe_substitute({"name": "Al"}, greet="Yo"))
print(t.get_identifiers(), t.is_valid(), string.Template("$ x").is_valid())
for bad in (lambda: t.substitute(greet="x"), lambda: string.Template("a\n $ b").substitute(b=1)):
    try:
        bad()
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
class Dollar(string.Template):
    delimiter = "#"
print(Dollar("#a and ##b").substitute(a=1))
f = string.Formatter()
print(f.format("{} + {} = {total:>5}", 1, 2, total=3), f.format("{0[1]}{p.real!r}", "ab", p=2))
print(list(f.parse("a{x:3}b{{c}}{!r}")))
class Upper(string.Formatter):
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
print(Upper().format("{}-{:x}", "abc", 255))

class Node:
    def __init__(self, val, kids=()):
        self.val = val
        self.kids = list(kids)
class Slotted:
    __slots__ = ("a", "b")
class Custom:
    def __init__(self):
        self.log = []
    def __copy__(self):
        c = Custom()
        c.log = self.log + ["copied"]
        return c
    def __deepcopy__(self, memo):
        c = Custom()
        c.log = ["deep"]
        return c
tree = Node(1, [Node(2), Node(3, [Node(4)])])
shallow = copy.copy(tree)
deep = copy.deepcopy(tree)
tree.kids[1].val = 30
print(shallow.kids is tree.kids, deep.kids[1].val, deep.kids[1].kids[0].val, shallow.kids[1].val)
s = Slotted()
s.a = [1]
s2 = copy.copy(s)
s3 = copy.deepcopy(s)
print(s2.a is s.a, s3.a == s.a, s3.a is s.a, hasattr(s3, "b"))
c = Custom()
print(copy.copy(c).log, copy.deepcopy([c, c])[0].log)
shared = [1, 2]
both = {"x": shared, "y": shared, "t": (shared, 5), "f": frozenset([1]), "s": {3}}
bc = copy.deepcopy(both)
print(bc["x"] is bc["y"], bc["t"][0] is bc["x"], bc["x"] is shared, bc == both)
loop = {"self": None}
loop["self"] = loop
lc = copy.deepcopy(loop)
print(lc["self"] is lc, lc is not loop)
tup = (1, "a", (2, 3))
print(copy.deepcopy(tup) is tup, copy.copy([1, [2]])[1] is not None, copy.copy(5), copy.deepcopy(len) is len)
from collections import OrderedDict, defaultdict, Counter, deque
dq = deque([[1], [2]], maxlen=5)
print(copy.deepcopy(dq), copy.copy(defaultdict(list, a=[1])), copy.deepcopy(Counter("aab")), copy.deepcopy(OrderedDict(z=[1])))
print(keyword.iskeyword("yield"), keyword.iskeyword("match"), keyword.issoftkeyword("match"), len(keyword.kwlist), keyword.softkwlist)
