# super subclasses; __new__ returning a subclass instance runs that subclass's __init__; a
# descriptor with __set__ but no __get__ does not hide the instance attribute.
class A(object):
    def meth(self, a):
        return "A(%r)" % a
class B(A):
    def meth(self, a):
        return "B(%r)" % a + super().meth(a)
class mysuper(super):
    def __init__(self, *args):
        return super(mysuper, self).__init__(*args)
class E(B):
    def meth(self, a):
        return "E(%r)" % a + mysuper(E, self).meth(a)
print(E().meth(5))
class F(E):
    def meth(self, a):
        s = self.__super
        return "F(%r)[%s]" % (a, s.__class__.__name__) + s.meth(a)
F._F__super = mysuper(F)
print(F().meth(6))
class C(object):
    def __new__(cls, arg):
        if isinstance(arg, str): return [1, 2, 3]
        elif isinstance(arg, int): return object.__new__(D)
        else: return object.__new__(cls)
class D(C):
    def __init__(self, arg):
        self.foo = arg
print(C("1"), D("1"), D(None).foo, type(C(1)).__name__, C(1).foo, D(1).foo)
class Descr(object):
    def __init__(self, name):
        self.name = name
    def __set__(self, obj, value):
        obj.__dict__[self.name] = value
descr = Descr("a")
class X(object):
    a = descr
x = X()
print(x.a is descr)
x.a = 42
print(x.a)
class Meta(type):
    pass
class X(metaclass=Meta):
    pass
X.a = 42
Meta.a = Descr("a")
print(X.a)
