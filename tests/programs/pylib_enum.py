# enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique, _missing_, functional API
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
    def describe(self):
        return f"{self.name}={self.value}"
print(Color.RED, repr(Color.GREEN), Color(3), Color["BLUE"], Color.CRIMSON is Color.RED, list(Color), len(Color))
print(Color.RED.describe(), Color.RED == Color.RED, Color.RED != Color.BLUE, Color.RED == 1, f"{Color.RED}", hash(Color.RED) == hash("RED"))
print(list(Color.__members__), Color, type(Color.RED), isinstance(Color.RED, Color))
try: Color(7)
except ValueError as e: print("ValueError", e)
try: Color["X"]
except KeyError as e: print("KeyError", e)
try: Color.RED = 5
except AttributeError as e: print("AttributeError", e)
try: Color.RED < Color.BLUE
except TypeError as e: print("TypeError", e)
class N(IntEnum):
    ONE = 1
    TWO = auto()
    THREE = auto()
print(N.TWO, repr(N.THREE), N.ONE + 1, N(2), N.ONE < N.TWO, f"{N.TWO:03d}", sorted([N.THREE, N.ONE]), N.TWO == 2)
class P(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = P.R | P.W
print(rw, repr(rw), P.R in rw, P.X in rw, list(rw), ~P.R, bool(P(0)), repr(P(0)), str(P(0)))
class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, repr(Perm.R | Perm.X), Perm.R | 8, Perm(7), Perm.R & 4)
@unique
class U(Enum):
    A = 1
    B = 2
try:
    @unique
    class V(Enum):
        A = 1
        B = 1
except ValueError as e: print("ValueError", e)
class S(StrEnum):
    A = auto()
    B = "bee"
print(S.A, repr(S.B), S.A == "a", S.B.upper())
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    MARS = (6.42e23, 3.39e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.MARS.mass, Planet.EARTH.value, Planet((5.97e24, 6.37e6)))
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value)
class Shape(Enum):
    SQUARE = 2
    @classmethod
    def _missing_(cls, value):
        return cls.SQUARE
print(Shape(99))
try:
    class Bad(Enum):
        A = 1
        A = 2
except TypeError as e: print("TypeError", e)
print(Color.RED.name, Color.RED.value, Color.RED in Color)
