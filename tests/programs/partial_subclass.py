# functools.partial and its Python subclasses: repr, copies, pickling state, keywords.
import copy
import functools
import pickle


class Sub(functools.partial):
    pass


def capture(*args, **kw):
    return args, kw


for cls in (functools.partial, Sub):
    f = cls(capture, ['asdf'], bar=[True])
    print(repr(f).split('(')[0])
    g = copy.copy(f)
    print("copy shares", g.args is f.args, g.keywords is f.keywords)
    state = cls(capture).__reduce__()[2]
    print("state", state[1], state[2], state[3])
    h = pickle.loads(pickle.dumps(cls(capture, 1, a=2)))
    print("pickled", type(h).__name__, h.args, h.keywords, h())
    p = cls(capture)
    p.keywords[1234] = 'value'
    r = repr(p)
    print('1234' in r, "'value'" in r)
    try:
        p()
    except TypeError as e:
        print("TypeError:", e)
    f = cls(capture)
    args = (1,)
    f.__setstate__((capture, args, dict(a=10), dict(attr=[])))
    print(f.args, f.args is args, f.keywords, f.attr)
    f.__setstate__((capture, (2,), None, None))
    print(f.args, f.keywords, hasattr(f, "attr"))
    try:
        f.__setstate__((capture, [1], None, None))
    except TypeError as e:
        print("TypeError:", e)

s = Sub(capture)
s.__setstate__((capture, (), {}, {'x': 1}))
print(s.x)
s = Sub(capture)
s.__setstate__((s, (), {}, None))
print(repr(s).split('(')[0], "...)" in repr(s))


# An exception from __set_name__ is wrapped in a RuntimeError (CPython 3.11).
class Named:
    def __set_name__(self, owner, name):
        raise ValueError("boom")


try:
    class Owner:
        attr = Named()
except RuntimeError as e:
    print("RuntimeError:", e, repr(e.__cause__), e.__suppress_context__)


class Fatal:
    def __set_name__(self, owner, name):
        raise KeyboardInterrupt


try:
    class Owner2:
        attr = Fatal()
except KeyboardInterrupt:
    print("KeyboardInterrupt passes through")
except RuntimeError as e:
    print("RuntimeError:", e, repr(e.__cause__))
