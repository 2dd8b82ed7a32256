import operator as o, _operator as _o
print(o.itemgetter(1,2).__reduce__(), o.attrgetter('a','b.c').__reduce__(), o.methodcaller('f',1).__reduce__(), o.methodcaller('f',1,k=2).__reduce__())
for a,b in [('a','a'),(b'a',b'b'),('\xe9','\xe9'),(1,2),('a',b'a'),(bytearray(b'x'), b'x')]:
  try: print(_o._compare_digest(a,b))
  except Exception as e: print(type(e).__name__, e)
print(o.itemgetter.__module__, type(o.itemgetter(1)).__name__, o.itemgetter(1), o.add(1, 2), o.__add__(1, 2))
import copy; print(copy.copy(o.itemgetter(1))([5, 6]), copy.deepcopy(o.methodcaller('upper'))('a'))
print(o.length_hint([1,2]), o.index(5), o.call(len, 'ab'), sorted(o.__all__)[:5])

# length_hint falls back from a __len__ or __length_hint__ that raises TypeError.

class X(object):
    def __init__(self, value):
        self.value = value
    def __length_hint__(self):
        if type(self.value) is type:
            raise self.value
        else:
            return self.value
import operator
print(operator.length_hint([], 2), operator.length_hint(iter([1, 2, 3])))
print(operator.length_hint(X(2)), operator.length_hint(X(NotImplemented), 4), operator.length_hint(X(TypeError), 12))
for v, exc in (("abc", TypeError), (-2, ValueError), (LookupError, LookupError)):
    try:
        operator.length_hint(X(v))
    except exc as e:
        print(type(e).__name__, e)
class BadLen:
    def __len__(self):
        raise TypeError("no")
    def __length_hint__(self):
        return 7
print(operator.length_hint(BadLen()))
