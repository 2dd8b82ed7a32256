# Substituting type variables in types.GenericAlias / types.UnionType with PEP 646's variadic
# type variables: unpacked tuple arguments, TypeVarTuple parameters, spliced *Ts.
from typing import TypeVar, TypeVarTuple, Tuple, Generic, Callable, Annotated, List
import collections.abc as cabc

T = TypeVar('T'); T1 = TypeVar('T1'); T2 = TypeVar('T2')
Ts = TypeVarTuple('Ts')


class C(Generic[*Ts]):
    pass


cases = [
    ("list[T]", "[*tuple[int]]"), ("dict[T1, T2]", "[*tuple[int, str]]"),
    ("dict[T1, T2]", "[*tuple[()], *tuple[int, str]]"), ("dict[T1, T2]", "[int, *tuple[str]]"),
    ("tuple[*Ts]", "[()]"), ("tuple[*Ts]", "[int, str]"), ("tuple[*Ts]", "[int]"),
    ("tuple[*Ts]", "[str, *tuple[int, ...], bool]"), ("tuple[*Ts]", "[*tuple[*Ts]]"),
    ("tuple[*Ts]", "[T, *Ts]"), ("tuple[T, *Ts]", "[int, str, bool]"),
    ("tuple[*Ts, list[T]]", "[int, str, bool]"), ("tuple[T1, *Ts, T2]", "[*tuple[int, ...]]"),
    ("tuple[T, *Ts]", "[*Tuple[int, ...], str]"), ("C[T1, *tuple[C[*Ts], ...]]", "[int, str, bool]"),
    ("tuple[*tuple[tuple[*Ts], ...], T1]", "[int, str, bool]"),
    ("Tuple[T1, *tuple[Tuple[*Ts], ...]]", "[int, str, bool]"),
    # errors
    ("list[T]", "[*tuple[int, ...]]"), ("dict[T1, T2]", "[int]"), ("tuple[T, *Ts]", "[()]"),
    ("list[int]", "[int]"),
]
for alias, args in cases:
    try:
        r = repr(eval(alias + args))
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(alias + args, "->", r)

print((int | T)[str], (list[T] | None)[int])
print(Callable[[int, *Ts], T2][str, bool, float])
print(cabc.Callable[[int, *Ts, str], T2][bool, bytes, float])
print(Annotated[tuple[*Ts], 'dec'][str, int])
print(list[C[*Ts]][()])
print(tuple[*Ts].__parameters__, tuple[T, list[T1]].__parameters__)

# A union instance answers the class's __module__ (typing reads it).
print((int | str).__module__, Annotated[int | float, "const"])


# __init_subclass__ of a base after a builtin one in the MRO still runs.
class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)


class Sub(list, Base, flag=1):
    pass


U = TypeVar('U'); V = TypeVar('V')


class Multi(List[T][U][V]):
    pass


print(Multi.__parameters__, Multi.__bases__)
try:
    class Bad(List[T], Generic[U]):
        pass
except TypeError as e:
    print("TypeError:", e)
