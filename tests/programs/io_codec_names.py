# namereplace and \\N{...} escapes (the Unicode name database)
import codecs
print('a\u20ac\U0001f600\x01\ue000'.encode('ascii','namereplace'))
print(codecs.namereplace_errors(UnicodeEncodeError('ascii', '\u20ac', 0, 1, 'x')))
print(b'\\N{EURO SIGN}x\\N{LATIN SMALL LETTER A}'.decode('unicode_escape'))
for b in (b'\\N{NOPE}', b'\\N{EURO', b'\\Nx', b'\\N{}'):
    try: print(b.decode('unicode_escape'))
    except Exception as e: print(e)
print(b'\\N{euro sign}'.decode('unicode_escape'), b'a\\N{NOPE}b'.decode('unicode_escape', 'replace'))
print(codecs.unicode_escape_decode(b'x\\N{EUR', 'strict', False))
