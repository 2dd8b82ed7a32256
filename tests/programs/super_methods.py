# Method calls through super(): plain functions, class and static methods, properties, data
# descriptors of super itself, classes as the bound object, and a method replaced later.


class Base:
    def __init__(self, v):
        self.v = v

    def show(self, tag):
        return f"Base.show({tag}, {self.v})"

    @classmethod
    def make(cls, v):
        return f"make {cls.__name__} {v}"

    @staticmethod
    def helper(x):
        return x * 2

    @property
    def double(self):
        return self.v * 2

    value = 41


class Mid(Base):
    def __init__(self, v):
        super().__init__(v + 1)

    def show(self, tag):
        return "Mid>" + super().show(tag)


class Leaf(Mid):
    def __init__(self, v):
        super(Leaf, self).__init__(v * 10)

    def show(self, tag):
        return "Leaf>" + super().show(tag)

    def others(self):
        return (
            super().make(3),
            super().helper(4),
            super().double,
            super().value,
            super().__thisclass__.__name__,
            super().__self_class__.__name__,
            super().__class__.__name__,
        )

    @classmethod
    def on_class(cls):
        return super().make(5), super(Mid, cls).helper(7), super(Leaf, cls).show.__qualname__


for i in range(30):
    leaf = Leaf(i)
    r = leaf.show(i)
print(r, leaf.v)
for i in range(30):
    o = leaf.others()
print(o)
for i in range(30):
    c = Leaf.on_class()
print(c)


def missing(obj):
    try:
        return super(Leaf, obj).nope()
    except AttributeError as e:
        return str(e)


for i in range(30):
    m = missing(leaf)
print(m)

# a method replaced on a base after the calls warmed up; an instance attribute does not
# shadow what super() finds
Base.show = lambda self, tag: f"new Base.show({tag})"
leaf.show = "instance attribute"
print(Leaf.show(leaf, "x"))
del Mid.show
print(Leaf.show(leaf, "y"))


class WithGet:
    def __get__(self, obj, owner):
        return ("descriptor", obj is not None, owner.__name__)


class P:
    attr = WithGet()

    def method(self):
        return "P.method"


class Q(P):
    def run(self):
        return super().attr, super().method(), super().method.__name__


q = Q()
for i in range(30):
    res = q.run()
print(res)
