import _struct as s
print(s.error.__module__, s.error.__name__, s.Struct.__module__, s.Struct.__name__)
tests=[('b',200),('B',-1),('h',1<<20),('H',-1),('i',1<<40),('I',-1),('l',1<<70),('L',-1),('q',1<<70),('Q',-1),('n',1<<70),('N',-1),('<i',1<<40),('<I',-1),('<l',1<<40),('<q',1<<70),('<Q',-1),('>b',300),('>B',-1),('>h',1<<20),('>H',-1),('P',-1),('i','x'),('i',1.5),('c',b'ab'),('c','a'),('s',1),('f','x'),('f',1e300),('e',1e10),('<e',1e300),('?',[]),('<n',1),('z',1),('3',1),('i',),('ii',1),
('I',1<<40),('H',70000),('B',300),('i',-(1<<40)),('<Q',1<<70),('Q',1<<64),('q',-(1<<70)),('L',1<<64),('P',1<<64),('P',-(1<<64)),('P',1.0),('>H',70000),('<I',1<<40),('<I',1<<70),('<i',1<<70),('<h',1<<70),('<b',1<<70),('b',1<<70),('B',-(1<<70)),('h',-(1<<70)),('H',1<<70),('i',1<<70),('I',1<<70), ('<L',1<<33), ('<L',-5), ('<l',-(1<<70)),('e',float('inf')),('<e',float('nan')),('f',float('inf')),('d',1), ('f', 3.4e38*1.0000001), ('<f',3.5e38), ('f',10**400), ('5s', b'abcdefgh'), ('5p', b'abcdefgh'), ('1p', b'ab'), ('300p', b'a'*300), ('2x',), ('@c3xi', b'z', 5), ('<?', 5), ('0s', b'x'),
('>qQhHiIlLbB?', -5, 2**64-1, -3, 65535, -7, 2**32-1, -9, 7, -1, 255, 1), ('<dfe', 1.5, -2.25, 0.1), ('>dfe', 1.5, -2.25, 0.1), ('@bq?hd', 1, 2, 3, 4, 5.0), ('4s3p', bytearray(b'ab'), b'xyz'), ('!i', True)]
for t in tests:
  try: print(t if len(repr(t)) < 80 else t[0], s.pack(*t))
  except Exception as e: print(t if len(repr(t)) < 80 else t[0], type(e).__name__, e)
for f,a in [(s.unpack,('i',b'abc')),(s.unpack_from,('i',b'abc')),(s.unpack_from,('i',b'abcdefg',5)),(s.unpack_from,('i',b'abcdefg',-10)),(s.iter_unpack,('i',b'abc')),(s.iter_unpack,('',b'abc')),(s.pack_into,('i',bytearray(3),0,1)),(s.pack_into,('i',bytearray(8),6,1)),(s.pack_into,('i',bytearray(8),-10,1)),(s.pack_into,('i',b'abcdefgh',0,1)),(s.calcsize,(1,)),(s.Struct,(1,)),(s.unpack,('i','abcd')),(s.unpack_from,('i',b'abcdefg',-2)),(s.pack_into,('i',bytearray(8),-2,1))]:
  try: print(f(*a))
  except Exception as e: print(type(e).__name__, e)
print(s.calcsize('@ci'), s.calcsize('@cq'),s.calcsize('=cq'), s.calcsize('@hc'), s.calcsize('@c?e'), s.calcsize('@0i'), s.calcsize('ci0l'), s.calcsize('@3s1P'),s.calcsize(' 2i x '))
print(s.unpack('<e', b'\x00\x7c'), s.unpack('<e',b'\x01\x00'), s.unpack('5p', b'\x03abcd'), s.unpack('5p', b'\xffabcd'), s.unpack('?', b'\x05'))
print(s.pack('e', 65504.0), s.pack('<e',1e-8), s.pack('<e', 5.960464477539063e-08), s.pack('<e', 2.9802322387695312e-08), s.pack('<e', 2.98023223876953125e-08*1.0000001))
try: s.pack('e', 65520.0)
except Exception as e: print(type(e).__name__, e)
print(s.pack('e', 65519.99))
st=s.Struct(b'<ih'); print(st.format, st.size, st.pack(1,2), st.unpack(st.pack(1,2)), list(st.iter_unpack(b'\x01\x00\x00\x00\x02\x00'*2)))
it = s.iter_unpack('h', b'\x01\x00\x02\x00'); print(it.__length_hint__(), type(it).__name__, next(it), it.__length_hint__())
print(s.unpack_from('h', buffer=b'xx\x01\x00', offset=2), s.unpack(b'b', memoryview(b'\x05')))
for c in ['s.pack(\'i\', 1, 2)', 's.Struct(\'i\').pack(1, 2)', 's.pack()', 's.unpack(\'i\')', 's.Struct()', 's.Struct(\'i\').unpack_from(b\'\', offset=1)', 's.pack_into(\'i\')', 's.calcsize(\'99999999999999999999i\')','s.Struct(\'i\').size', 's.unpack(\'s\', b\'x\')', 's.unpack(\'c\', b\'x\')', 's.unpack(\'>Q\', bytes([255])*8)', 's.unpack(\'<q\', bytes([255])*8)','s.unpack(\'P\', bytes([255])*8)', 's.unpack(\'n\', bytes([255])*8)', 's.unpack(\'d\', bytes(8))','s.pack(\'?\', None)','s.pack(\'x\', 1)', 's.unpack(\'>qQhHiIlLbB?\', s.pack(\'>qQhHiIlLbB?\', -5, 2**64-1, -3, 65535, -7, 2**32-1, -9, 7, -1, 255, 1))', 's.unpack(\'<dfe\', s.pack(\'<dfe\', 1.5, -2.25, 0.1))', 's.unpack(\'@bq?hd\', s.pack(\'@bq?hd\', 1, 2, 3, 4, 5.0))']:
  try: print(c, repr(eval(c)))
  except Exception as e: print(c, type(e).__name__, e)
class I:
  def __index__(self): return 7
print(s.pack('b', I()), s.pack('<q', True))
b = bytearray(10); s.pack_into('<hi', b, 2, 5, -1); print(b)
m = memoryview(b); s.pack_into('>h', m, 0, 258); print(b, s.unpack_from('<i', m, 4))
s.Struct('<h').pack_into(b, -2, 7); print(b)
try: s.pack_into('h', memoryview(b'abcd'), 0, 1)
except Exception as e: print(type(e).__name__, e)
class S(s.Struct): pass
print(S('>h').pack(3), isinstance(S('h'), s.Struct))
