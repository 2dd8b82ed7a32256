# super(C) unbound and super's argument errors; the __class__ cell: set before a metaclass's
# mro() runs, checked after the metaclass call; __class__ in a class body inside a method.
class A:
    def f(self): return 'A'
class T:
    def m(self):
        class X(A):
            def f(self):
                return super().f()
            __class__ = 413
        x = X()
        print(x.f(), x.__class__)
        class X:
            x = __class__
            def f():
                __class__
        print(X.x is T)
        try:
            exec("""class X:
                __class__
                def f():
                    __class__""", globals(), {})
        except NameError as e:
            print(type(e).__name__, e)
        class X:
            global __class__
            __class__ = 42
            def f():
                __class__
        print(globals()["__class__"])
        del globals()["__class__"]
        print("__class__" in X.__dict__)
T().m()
for args in [(int, int, int), (1, int)]:
    try:
        super(*args)
    except TypeError as e:
        print(e)
s = super(int)
print(type(s).__name__, s.__thisclass__, s.__self__, s.__self_class__)
class Meta(type):
    def __new__(cls, name, bases, namespace):
        namespace.pop('__classcell__', None)
        return super().__new__(cls, name, bases, namespace)
try:
    class WithClassRef(metaclass=Meta):
        def f(self):
            return __class__
except RuntimeError as e:
    print(e)
class Meta2(type):
    def __new__(cls, name, bases, namespace, cell):
        namespace['__classcell__'] = cell
        return super().__new__(cls, name, bases, namespace)
for bad_cell in (None, 0, "", object()):
    try:
        class A2(metaclass=Meta2, cell=bad_cell):
            pass
    except TypeError as e:
        print(str(e).split(" at ")[0])
class Meta3(type):
    def __new__(cls, name, bases, namespace):
        cls = super().__new__(cls, name, bases, namespace)
        B = type("B", (), namespace)
        return cls
try:
    class A3(metaclass=Meta3):
        def f(self):
            return __class__
except TypeError as e:
    print(e)
test_class = None
class Meta4(type):
    def mro(self):
        self.__dict__["f"]()
        return super().mro()
class A4(metaclass=Meta4):
    def f():
        global test_class
        test_class = __class__
print(test_class is A4)
class Meta5(type):
    def mro(cls):
        return [cls, 1]
try:
    class A5(metaclass=Meta5):
        pass
except TypeError as e:
    print(e)
class Meta6(type):
    def mro(cls):
        return [cls, int, object]
try:
    class A6(metaclass=Meta6):
        pass
except TypeError as e:
    print(e)
class Meta7(type):
    def mro(cls):
        return list(reversed(super().mro()))
class A7(metaclass=Meta7):
    pass
class B7(A7):
    pass
print([c.__name__ for c in B7.__mro__])
class P:
    def who(self):
        return "P"
class Q(P):
    def who(self):
        return "Q"
class R(Q):
    pass
R.sup = super(Q)
print(R().sup.who(), repr(super(Q)), super(Q, R()).who())
