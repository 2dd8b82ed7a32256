# One instruction seeing instances of several classes (polymorphic attribute sites): every
# class behaves as the generic lookup says, whatever the instruction specialized for first.


class Base:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def get_x(self):
        return self.x

    def set_x(self, v):
        self.x = v

    def call_who(self):
        return self.who()

    def who(self):
        return "base"


class Plain(Base):
    pass


class Other(Base):
    def who(self):
        return "other"


class Reordered(Base):
    def __init__(self, x, y):
        self.y = y
        self.x = x


class Big(Base):
    def __init__(self, x, y):
        self.a = 1
        self.b = 2
        self.c = 3
        self.d = 4
        super().__init__(x, y)


class Prop(Base):
    @property
    def x(self):
        return "prop"

    @x.setter
    def x(self, v):
        self.__dict__["_x"] = v


class Hooked(Base):
    def __getattribute__(self, name):
        if name == "x":
            return "hooked"
        return object.__getattribute__(self, name)


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class ClassAttr(Base):
    x = "class"

    def __init__(self, y):
        self.y = y


class Shadow(Base):
    def __init__(self, x, y):
        super().__init__(x, y)
        self.who = lambda: "shadow"


class ShadowDict(Big):
    def __init__(self, x, y):
        super().__init__(x, y)
        self.who = lambda: "shadow-dict"


def make():
    return [
        Base(1, 2),
        Plain(3, 4),
        Other(5, 6),
        Reordered(7, 8),
        Big(9, 10),
        Prop(11, 12),
        Hooked(13, 14),
        ClassAttr(15),
        Shadow(16, 17),
        ShadowDict(18, 19),
    ]


objs = make()
for rnd in range(3):
    seen = []
    for _ in range(40):
        for o in objs:
            seen.append((type(o).__name__, o.get_x(), o.call_who()))
    print(rnd, sorted(set(seen)))
    for i, o in enumerate(objs):
        o.set_x(i * 10 + rnd)
    print([o.get_x() for o in objs])

# a generic reader at one site, with slotted objects too
def read_x(o):
    return o.x


mixed = objs + [Slotted(1, 2)]
for _ in range(60):
    res = [read_x(o) for o in mixed]
print(res)

# changes after warm-up: a method replaced on the base, a data descriptor added to one
# subclass, a hook added to another, an attribute deleted
Base.who = lambda self: "base2"
Plain.x = property(lambda self: "plain-prop")
Other.__getattribute__ = lambda self, name: "other-hook" if name == "x" else object.__getattribute__(self, name)
del objs[3].x
out = []
for o in objs:
    try:
        out.append((type(o).__name__, o.get_x(), o.call_who()))
    except AttributeError as e:
        out.append((type(o).__name__, "AttributeError", str(e)))
print(out)
for o in objs:
    try:
        o.set_x("s")
    except AttributeError as e:
        print(type(o).__name__, "AttributeError")
print([sorted(k for k in vars(o)) for o in objs])
print([[v for v in vars(o).values() if not callable(v)] for o in objs])


# many classes at one store site, then __class__ assignment between them
class K1:
    pass


class K2:
    pass


def store_all(o, v):
    o.p = v
    o.q = v + 1
    return o.p + o.q


ks = [K1(), K2(), K1(), K2()]
for i in range(100):
    t = sum(store_all(k, i) for k in ks)
print(t)
ks[0].__class__ = K2
ks[1].__class__ = K1
for i in range(50):
    t = sum(store_all(k, i) for k in ks)
print(t, [type(k).__name__ for k in ks], [vars(k) for k in ks])
