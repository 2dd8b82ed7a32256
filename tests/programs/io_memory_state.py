# __getstate__/__setstate__ of StringIO and BytesIO, and copying them
import io, copy
s=io.StringIO('ab\r\nc', newline=None); s.read(1); print(s.__getstate__())
b=io.BytesIO(b'xyz'); b.read(1); b.foo=1; print(b.__getstate__())
s2=io.StringIO(); s2.__setstate__(('hello', '\n', 2, {'a': 1})); print(s2.read(), s2.a)
b2=io.BytesIO(); b2.__setstate__((b'hello', 1, None)); print(b2.read())
for bad in [5, ('a',), ('a', 5, 0, None), ('a', '\n', -1, None), ('a','\n',0,5)]:
    try: io.StringIO().__setstate__(bad)
    except Exception as e: print(type(e).__name__, e)
for bad in [5, (b'a',), ('a', 0, None), (b'a', -1, None), (b'a', 0, 5), (b'a', 'x', None)]:
    try: io.BytesIO().__setstate__(bad)
    except Exception as e: print(type(e).__name__, e)
for obj in (s, b):
    try:
        c = obj.__class__(); c.__setstate__(obj.__getstate__())
        print(type(c).__name__, c.getvalue(), c.tell())
    except Exception as e: print(type(e).__name__, e)
    try:
        c = copy.copy(obj); print(c.getvalue(), c.tell())
    except Exception as e: print(type(e).__name__, e)
s.close()
try: s.__getstate__()
except Exception as e: print(type(e).__name__, e)
