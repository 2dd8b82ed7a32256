# sum() with start=, repr/str results checked, float() via __float__/__index__/bytes, classes'
# __format__, dict __missing__, unicode_escape codecs, exception __init__ and keyword arguments
def t(f):
    try:
        print("OK", repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: sum())
t(lambda: sum([1], 2, 3))
t(lambda: sum([1], start=2))
t(lambda: sum([1], foo=2))
t(lambda: sum(["a"], ""))
t(lambda: sum([b"a"], b""))
t(lambda: sum([b"a"], bytearray()))
t(lambda: sum([1], start=2, x=1))
t(lambda: sum(iterable=[1]))
class A:
    def __repr__(self): return 1
    def __str__(self): return 2
t(lambda: repr(A()))
t(lambda: str(A()))
t(lambda: "%s" % A())
t(lambda: print(A()))
t(lambda: "tab\tx'\"\\\x7f\x00é€😀".encode("unicode_escape"))
t(lambda: "tab\tx\\é€😀".encode("raw_unicode_escape"))
t(lambda: b"a\\tb\\x41\\u20ac\\U0001f600\\101\\'\\q\xe9".decode("unicode_escape"))
t(lambda: b"\\x4".decode("unicode_escape"))
t(lambda: b"ab\\".decode("unicode_escape"))
t(lambda: b"\\u20ac\\x41\xe9".decode("raw_unicode_escape"))
t(lambda: "x".encode("unicode-escape"))
t(lambda: ValueError(x=1))
class E(Exception): pass
t(lambda: E(x=1))
class F(Exception):
    def __init__(self, a, code=0):
        super().__init__(a)
        self.code = code
t(lambda: (F("m", code=4).args, F("m", code=4).code))
class G(Exception):
    def __init__(self, a, b):
        self.b = b
t(lambda: G(1, 2).args)
e = ValueError(1)
e.__init__(2, 3)
print(e.args)
t(lambda: ValueError(1).__init__(x=2))
t(lambda: BaseException.__init__(ValueError(1), 5))
class H(Exception):
    def __new__(cls, *a, **k):
        return super().__new__(cls, *a, **k)
t(lambda: H(1, x=2).args)
print(float(b"1.5"), float(bytearray(b" 2 ")))


class Fl:
    def __float__(self):
        return 2.5


class Ix:
    def __index__(self):
        return 3


print(float(Fl()), float(Ix()), bin(Ix()), hex(Ix()), list(range(Ix())), "abcdef"[Ix():])


class P:
    def __format__(self, spec):
        return f"P<{spec}>"


class BadFormat:
    def __format__(self, spec):
        return 1


p = P()
print(f"{p} {p:abc}", format(p, "zz"), "{:q}".format(p))
t(lambda: format(BadFormat(), "x"))


class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"


print("{name} is {age}".format_map(Default(name="Ann")), Default()["k"])
t(lambda: {}["k"])
