# A bound method's repr names the function by __qualname__, else __name__, else "?".
import types


class MyCallable:
    def __call__(self, arg):
        pass


class Owner:
    def __repr__(self):
        return "<Owner>"


func = MyCallable()
method = types.MethodType(func, Owner())
print(repr(method))
func.__name__ = "name"
print(repr(method))
func.__qualname__ = "qualname"
print(repr(method))
