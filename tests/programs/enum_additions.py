# enum: FlagBoundary, EnumCheck/verify, global_enum and its reprs, enum.property, helpers
import enum, sys
from enum import (Enum, IntEnum, StrEnum, Flag, IntFlag, auto, verify, global_enum,
                  FlagBoundary, STRICT, CONFORM, EJECT, KEEP, EnumCheck, UNIQUE, CONTINUOUS,
                  NAMED_FLAGS)

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(list(EnumCheck), UNIQUE, str(UNIQUE), format(KEEP), list(FlagBoundary))
print(STRICT is FlagBoundary.STRICT, KEEP == "keep", enum.show_flag_values(7), enum.show_flag_values(10))
t(lambda: enum.show_flag_values(-1))
for args in ((5,), (-5,), (5, 8), (-5, 8), (0,), (-1,), (5, 2), (10,), (~10,)):
    print(args, enum.bin(*args))
print(enum.bltns is __builtins__ if isinstance(__builtins__, type(sys)) else enum.bltns.len is len)
print(enum.reduce(lambda a, b: a + b, [1, 2, 3]), enum.sys is sys, enum.MappingProxyType({1: 2})[1])
print(issubclass(enum.property, enum.DynamicClassAttribute))

class Color(Flag):
    RED = 1
    GREEN = 2
    BLUE = 4
print(Color._boundary_, Flag._boundary_, IntFlag._boundary_, Enum.__dict__.get("_boundary_"))
t(lambda: Color(8))
t(lambda: Color(7))
t(lambda: Color(-1))
t(lambda: ~Color.RED)
t(lambda: Color("x"))
class Conform(Flag, boundary=CONFORM):
    A = 1
    B = 2
t(lambda: Conform(7))
t(lambda: Conform(4))
t(lambda: Conform(-1))
class Eject(Flag, boundary=EJECT):
    A = 1
    B = 2
t(lambda: Eject(7))
t(lambda: Eject(3))
class Keep(Flag, boundary=KEEP):
    A = 1
    B = 2
t(lambda: Keep(7))
t(lambda: Keep(4))
t(lambda: (Keep(4).name, Keep(7).name))
t(lambda: ~Keep.A)
class Perm(IntFlag):
    R = 4
    W = 2
    X = 1
t(lambda: Perm(15))
t(lambda: Perm(8))
t(lambda: Perm(-1))
t(lambda: ~Perm.R)
t(lambda: Perm.R | 8)
class Strict(IntFlag, boundary=STRICT):
    A = 1
t(lambda: Strict(2))
class Multi(Flag):
    A = 1
    B = 2
    AB = 3
    NONE = 0
print(list(Multi), len(Multi), Multi._member_names_, list(Multi.__members__), Multi(3), Multi.AB)
print(list(Multi.AB), len(Multi.AB), ~Multi.A, Multi.A in Multi.AB, Multi(0), Multi.NONE)
print(Multi._flag_mask_, Multi._all_bits_, Multi._singles_mask_)
class Backwards(Flag):
    B = 2
    A = 1
    C = 4
print(list(Backwards(7)), Backwards(3))
t(lambda: Flag("Q", "X Y", boundary=CONFORM)(7))

# verify
@verify(UNIQUE)
class U(Enum):
    A = 1
    B = 2
print(U.A)
try:
    @verify(UNIQUE)
    class U2(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print("ValueError", e)
try:
    @verify(CONTINUOUS)
    class U3(IntEnum):
        A = 1
        B = 2
        C = 5
        D = 8
except ValueError as e:
    print("ValueError", e)
try:
    @verify(CONTINUOUS)
    class U4(Flag):
        A = 1
        B = 4
except ValueError as e:
    print("ValueError", e)
try:
    @verify(NAMED_FLAGS)
    class U5(Flag):
        A = 1
        B = 2
        C = 11
        D = 24
except ValueError as e:
    print("ValueError", e)
try:
    @verify(NAMED_FLAGS)
    class U6(Flag):
        A = 1
        C = 5
except ValueError as e:
    print("ValueError", e)
@verify(CONTINUOUS)
class U7(Enum):
    A = "a"
@verify(UNIQUE, CONTINUOUS)
class U8(IntEnum):
    A = 1
    B = 2
print(U7.A, U8.B)
t(lambda: verify(UNIQUE)(int))

# global_enum: members become module globals; reprs name the module
@global_enum
class Shade(Enum):
    DARK = 1
    LIGHT = 2
print(DARK, repr(LIGHT), str(DARK), Shade.LIGHT is LIGHT)
@global_enum
class Mode(IntFlag):
    RD = 4
    WR = 2
    EX = 1
print(repr(RD), repr(RD | WR), repr(Mode(0)), repr(Mode(8)), repr(Mode(15)), str(RD | WR))
def upd(cls):
    return global_enum(cls, update_str=True)
@upd
class Size(StrEnum):
    SMALL = "s"
print(repr(SMALL), str(SMALL), format(SMALL))
print(enum.global_str(Shade.DARK), enum.global_enum_repr(Shade.DARK),
      enum.global_flag_repr(Mode.RD | Mode.EX), enum.global_flag_repr(Mode(9)))
t(lambda: enum.global_flag_repr(Color.RED))
print(enum.pickle_by_enum_name(Shade.DARK, 2)[1], enum.pickle_by_global_name(Shade.DARK, 2))

# enum.property and members named like it
class P(Enum):
    A = 1
    @enum.property
    def double(self):
        return self.value * 2
print(P.A.double, P.A.name, type(Enum.__dict__["name"]).__name__)
t(lambda: Enum.__dict__["value"].__get__(None, P))
t(lambda: setattr(P.A, "name", "q"))
t(lambda: delattr(P.A, "value"))
class W(Enum):
    name = 1
    value = 2
print(W.name, W.value, W.name.name, W.name.value, W.value.value)
t(lambda: P.FOO)
print(sorted(dir(Color)))
