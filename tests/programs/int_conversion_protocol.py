# int(x): __int__, __index__, the deprecated __trunc__, their result checks and warnings.
import warnings
warnings.simplefilter("always")
def show(f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f()
            print(type(r).__name__, r, [str(x.message) for x in w])
        except Exception as e:
            print(type(e).__name__, e, [str(x.message) for x in w])
class Missing: pass
class MyInt(int):
    def __int__(self): return 42
class BadInt(int):
    def __int__(self): return 42.0
class BadIndex:
    def __index__(self): return True
class Trunc:
    def __trunc__(self): return 7
class TruncBad:
    def __trunc__(self): return 7.5
class TruncIdx:
    def __trunc__(self): return BadIndex()
class IntSub:
    def __int__(self): return True
show(lambda: int(Missing()))
show(lambda: int(MyInt(7)))
show(lambda: int(BadInt(7)))
show(lambda: int(BadIndex()))
show(lambda: int(Trunc()))
show(lambda: int(TruncBad()))
show(lambda: int(TruncIdx()))
show(lambda: int(IntSub()))
show(lambda: int(True))
show(lambda: int(3.9))
show(lambda: int(memoryview(b'123')[1:3]))
show(lambda: int(" 12 "))
show(lambda: int(b"12"))
show(lambda: int(2**70))
import fractions, decimal
show(lambda: int(fractions.Fraction(7, 2)))
show(lambda: int(decimal.Decimal("7.9")))

# Conversions and unary operators on an instance whose class defines none of them.
class M: pass
m = M()
for name, f in [("float", lambda: float(m)), ("complex", lambda: complex(m)), ("abs", lambda: abs(m)), ("neg", lambda: -m), ("pos", lambda: +m), ("inv", lambda: ~m), ("index", lambda: __import__('operator').index(m)), ("round", lambda: round(m)), ("trunc", lambda: __import__('math').trunc(m)), ("floor", lambda: __import__('math').floor(m)), ("hex", lambda: hex(m)), ("len", lambda: len(m)), ("iter", lambda: iter(m)), ("bool", lambda: bool(m)), ("range", lambda: range(m)), ("list idx", lambda: [1][m]), ("mul", lambda: [1]*m)]:
    try:
        r = f()
        print(name, "ok", type(r).__name__)
    except Exception as e:
        print(name, type(e).__name__, e)
