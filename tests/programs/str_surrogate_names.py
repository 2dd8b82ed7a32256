"""Lone surrogates in attribute names, keyword names, import names, class names, codec error
handlers called from Python, and unicodedata normalization."""
import operator
def f(a=1): pass
for thunk in [lambda: f(**{'\udcff': 1}), lambda: getattr(object(), '\udcff'),
              lambda: operator.attrgetter('\udcff')(1), lambda: operator.methodcaller('\udcff')(1),
              lambda: setattr(object(), '\udcff', 1), lambda: type('\udcff', (), {}),
              ]:
    try:
        r = thunk()
        print("ok", ascii(r))
    except Exception as e:
        print(type(e).__name__, ascii(str(e)))
class C: pass
c = C()
setattr(c, '\udcff', 5)
print(ascii(list(vars(c))))
print(getattr(c, '\udcff'))

class C: pass
c = C()
setattr(c, '\udcff', 5)
print(ascii(list(vars(c))), getattr(c, '\udcff'), hasattr(c, '\udcff'))
delattr(c, '\udcff')
print(hasattr(c, '\udcff'))
try:
    delattr(c, '\udcff')
except AttributeError as e:
    print(ascii(str(e)), ascii(e.name), e.obj is c)
class G:
    def __getattr__(self, n): return ('ga', n)
    def __setattr__(self, n, v): print('set', ascii(n), v)
    def __delattr__(self, n): print('del', ascii(n))
g = G()
print(ascii(getattr(g, '\udc80')))
setattr(g, '\udc80', 1); delattr(g, '\udc80')
D = type('D', (), {'\udcff': 42})
print(getattr(D, '\udcff'), getattr(D(), '\udcff'))
for o in (1, int, object()):
    try:
        getattr(o, '\ud800')
    except AttributeError as e:
        print(ascii(str(e)), ascii(e.name))
    try:
        setattr(o, '\ud800', 1)
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, ascii(str(e)))
print(getattr(1, '\ud800', 'dflt'))
setattr(D, '\udc81', 7)
print(D.__dict__['\udc81'], getattr(D(), '\udc81'))
delattr(D, '\udc81')
print(hasattr(D, '\udc81'))
try:
    delattr(D, '\udc81')
except AttributeError as e:
    print(ascii(str(e)), ascii(e.name))

import codecs, unicodedata
for h in ['backslashreplace', 'xmlcharrefreplace', 'namereplace', 'replace', 'ignore', 'surrogateescape', 'surrogatepass', 'strict']:
    e = UnicodeEncodeError('ascii', 'a\udcffb\ud800c', 1, 4, 'x')
    try:
        print(h, ascii(codecs.lookup_error(h)(e)))
    except Exception as ex:
        print(h, type(ex).__name__, ascii(str(ex)))
print(ascii('a\udcff\u00e9'.encode('ascii', 'namereplace')))
print(ascii(unicodedata.normalize('NFC', 'e\u0301\udcff')))
print(unicodedata.is_normalized('NFC', 'e\u0301\udcff'), unicodedata.is_normalized('NFC', '\udcff'))
for enc in ['utf-8', 'UTF8', 'utf_16_le', 'utf-16-be', 'utf-32le', 'UTF-32-BE', 'latin-1']:
    e = UnicodeEncodeError(enc, 'a\ud800\udfffb', 1, 3, 'x')
    try:
        print(enc, codecs.lookup_error('surrogatepass')(e))
    except UnicodeEncodeError as ex:
        print(enc, 'raised', ex is e)
    data = '\ud800x'.encode(enc if enc != 'latin-1' else 'utf-8', 'surrogatepass')
    d = UnicodeDecodeError(enc, b'ab' + data, 2, 3, 'x')
    try:
        print(enc, ascii(codecs.lookup_error('surrogatepass')(d)))
    except UnicodeDecodeError as ex:
        print(enc, 'raised', ex is d)
for obj, s, e in [(b'a\xff\xfe\x80\x81\x82b', 1, 7), (b'a\x41\xff', 1, 3)]:
    d = UnicodeDecodeError('utf-8', obj, s, e, 'x')
    try:
        print(ascii(codecs.lookup_error('surrogateescape')(d)))
    except UnicodeDecodeError as ex:
        print('raised', ex is d)
for t in ['\udc80\udcff', '\udc80a', 'x']:
    e = UnicodeEncodeError('ascii', t, 0, len(t), 'x')
    try:
        print(codecs.lookup_error('surrogateescape')(e))
    except UnicodeEncodeError as ex:
        print('raised', ex is e)
print(ascii(b'a\xed\xa0\x80b'.decode('utf-8', 'surrogatepass')))
