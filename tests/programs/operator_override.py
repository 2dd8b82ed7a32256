# Operator dispatch: three-argument pow() calls a class's __pow__; a subclass goes first only
# when it overrides the reflected method.
class I(int):
    def __repr__(self):
        return "I(%r)" % int(self)
    def __add__(self, other):
        return I(int(self) + int(other))
    __radd__ = __add__
    def __pow__(self, other, mod=None):
        if mod is None:
            return I(pow(int(self), int(other)))
        else:
            return I(pow(int(self), int(other), int(mod)))
    def __rpow__(self, other, mod=None):
        if mod is None:
            return I(pow(int(other), int(self), mod))
        else:
            return I(pow(int(other), int(self), int(mod)))
print(repr(I(1) + I(2)), repr(I(1) + 2), repr(1 + I(2)), repr(I(2) ** I(3)), repr(2 ** I(3)), repr(I(2) ** 3), repr(pow(I(2), I(3), I(5))), repr(pow(2, I(3), 5)))
class J(int): pass
print(pow(J(2), 3, 5), type(pow(J(2), 3, 5)).__name__)
class B(int):
    def __floordiv__(self, other):
        return "B.__floordiv__"
    def __rfloordiv__(self, other):
        return "B.__rfloordiv__"
print(B(1) // 1, 1 // B(1))
class C(object):
    def __floordiv__(self, other):
        return "C.__floordiv__"
    def __rfloordiv__(self, other):
        return "C.__rfloordiv__"
class D(C):
    def __floordiv__(self, other):
        return "D.__floordiv__"
    def __rfloordiv__(self, other):
        return "D.__rfloordiv__"
print(C() // 1, 1 // C(), D() // C(), C() // D())
class E(C):
    pass
print(E.__rfloordiv__ == C.__rfloordiv__, E() // 1, 1 // E(), E() // C(), C() // E())
