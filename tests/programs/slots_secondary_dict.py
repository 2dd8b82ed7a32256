# A class whose secondary base has a __dict__ gets one of its own layout (was a panic).
class A(object):
    __slots__=()
class B(object):
    pass
class C(A,B) :
    __slots__=()
print(hasattr(C, "__dict__"))
C().x = 2
print("ok")
c = C()
c.y = 3
print(c.__dict__, C.__basicsize__ == B.__basicsize__ if hasattr(C, "__basicsize__") else True)
class D(A, B):
    __slots__ = ("s",)
d = D()
d.s = 1
d.z = 2
print(d.s, d.__dict__)
