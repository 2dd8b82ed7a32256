# _io.StringIO and _io.BytesIO: newline modes, seeking, truncation, closed streams, subclasses
import _io as io
s=io.StringIO('a\r\nb\rc\n', newline=None); print(repr(s.getvalue()), s.newlines)
s=io.StringIO('a\r\nb\rc\n', newline=''); print(repr(s.getvalue()), s.newlines, s.readlines())
s=io.StringIO('a\nb', newline='\r\n'); print(repr(s.getvalue()), s.newlines, s.readlines())
s=io.StringIO(); s.close()
for f in (s.flush, s.isatty, s.tell, s.getvalue, lambda: s.read(), lambda: s.readable(), lambda: next(s), lambda: s.__enter__()):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
s=io.StringIO('abc')
for f in (lambda: s.seek(-1), lambda: s.seek(1,1), lambda: s.seek(0,3), lambda: s.truncate(-1), lambda: s.read('x'), lambda: s.write(b'x'), lambda: s.seek(5), lambda: s.write('z'), lambda: s.getvalue(), lambda: io.StringIO(newline=5), lambda: io.StringIO(newline='x'), lambda: io.StringIO(3), lambda: s.seek(0,2), lambda: s.truncate(1), lambda: s.tell()):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
b=io.BytesIO(b'abc')
for f in (lambda: b.seek(-1), lambda: b.seek(-10,1), lambda: b.seek(0,3), lambda: b.truncate(-1), lambda: b.read('x'), lambda: b.write('x'), lambda: b.seek(5), lambda: b.write(b'z'), lambda: b.getvalue(), lambda: io.BytesIO('x'), lambda: b.tell(), lambda: b.readinto(bytearray(2)), lambda: b.seek(0), lambda: b.read1(), lambda: bytes(b.getbuffer())):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
b.close()
for f in (b.flush, b.isatty, b.tell, b.getvalue, lambda: b.read(), lambda: b.readable(), lambda: next(b), lambda: b.closed):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
class S(io.StringIO):
    def __init__(self, x, y):
        super().__init__(x + y)
s = S('ab', 'cd'); print(s.read(), isinstance(s, io._TextIOBase), type(s).__mro__)
class B(io.BytesIO): pass
b = B(b'xy\nz'); print(list(b), b.closed, isinstance(b, io._BufferedIOBase))
with io.StringIO() as s:
    print('hi', file=s); s.writelines(['a', 'b']); print(repr(s.getvalue()))
print(s.closed)
s = io.StringIO('l1\nl2\nl3'); print([x for x in s], s.tell())
ba = bytearray(3); b = io.BytesIO(b'hello'); print(b.readinto(ba), ba, b.readlines(), b.tell())
