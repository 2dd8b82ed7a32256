# A def or class declared global in its enclosing scope is qualified by its bare name.
def f():
    global C1, g
    class C1:
        def m(self): pass
    def g():
        def h(): pass
        return h
    class Local: pass
    return Local
L = f()
print(C1.__qualname__, C1.m.__qualname__, g.__qualname__, g().__qualname__, L.__qualname__)
class K:
    global kf
    def kf(self): pass
    def __p(self): pass
print(kf.__qualname__, K._K__p.__qualname__)
