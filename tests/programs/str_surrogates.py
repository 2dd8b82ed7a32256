# Lone surrogates in str: construction, core operations, codecs, formatting, methods.

# Construction: literals, chr, decoding with surrogateescape/surrogatepass.
s = b'-\xff'.decode('utf-8', 'surrogateescape')
print(repr(s), ascii(s), len(s), ord(s[1]))
print(repr('\udcff'), repr('\U0000dc80'), repr(chr(0xd800)), hex(ord('\udfff')))
pair = '\ud83d' + '\ude00'
print(len(pair), pair == '\U0001f600', repr(pair))
print(repr(str(b'a\xfeb', 'utf-8', 'surrogateescape')))
print(repr(b'\xed\xa0\x80'.decode('utf-8', 'surrogatepass')))
print(repr(b'\x00\xd8'.decode('utf-16-le', 'surrogatepass')))
print(repr(b'\x00\xdc\x00\x00'.decode('utf-32-le', 'surrogatepass')))
print(repr('\\udc80'.encode().decode('unicode_escape')))

# Core operations.
t = 'ab' + s + 'cd'
print(repr(t), len(t), repr(t[2]), repr(t[3]), repr(t[-3:]), repr(t[::-1]), repr(t[1::2]))
print([ascii(c) for c in t])
print(repr(''.join(reversed(t))), repr(s * 3), repr('-'.join(['x', s, 'y'])))
print(t == 'ab-\udcffcd', t != 'ab-\udcfecd', hash(t) == hash('ab-' + '\udcff' + 'cd'))
print('\ud800' < '\ue000', '\ud7ff' < '\ud800', '\uffff' < '\U00010000', '\udfff' > '\ud800')
print(sorted(['\U00010000', '\ue000', '\ud800', 'z']) == ['z', '\ud800', '\ue000', '\U00010000'])
d = {s: 1, '\ud800': 2}
print(d[b'-\xff'.decode('utf-8', 'surrogateescape')], '\ud800' in d, '\udcff' in t, 'x\udcff' in t)
print(repr(f'<{s}>'), repr(f'{s!r}'), repr(f'{s:>5}'), repr(f'{s!a}'))
print(repr('%s|%r|%a|%5s' % (s, s, s, '\ud800')), repr('%s' % s))
print(repr('{}|{!r}|{:*^6}'.format(s, s, '\udc80')), repr(format(s, '<4')))
print(repr('{x}'.format_map({'x': '\udc81'})))
print(repr(str(s)), repr(str([s])), repr((s,)), repr({'\udc80': '\ud800'}))

# Methods (through the substitution).
u = 'x\ud800Y z\udcff'
print(repr(u.upper()), repr(u.lower()), repr(u.swapcase()), repr(u.title()), repr(u.casefold()))
print(repr(u.split()), repr(u.split('\ud800')), repr(u.rsplit('z', 1)), repr(u.partition('\udcff')))
print(u.find('\udcff'), u.index('Y'), u.count('\ud800'), u.rfind('x'), u.startswith('x\ud800'),
      u.endswith(('q', '\udcff')))
print(repr(u.replace('\ud800', '!')), repr(u.replace(' ', '\udc80')), repr(u.center(11, '\udc80')))
print(repr(u.strip('x\udcff')), repr(u.zfill(9)), repr(u.expandtabs()), repr(u.splitlines()))
print(u.isprintable(), '\ud800'.isalpha(), '\ud800'.isspace(), '\ud800'.isidentifier(), u.isascii())
print(repr(u.translate({ord('x'): 'X'})), repr(u.removeprefix('x\ud800')), repr(u.ljust(8, '.')))

# Encoding.
for errors in ('surrogateescape', 'surrogatepass', 'backslashreplace', 'replace', 'ignore',
               'xmlcharrefreplace'):
    try:
        print(errors, t.encode('utf-8', errors))
    except UnicodeEncodeError as e:
        print(errors, 'UnicodeEncodeError', e, e.start, e.end)
for codec in ('utf-8', 'ascii', 'latin-1', 'utf-16-le', 'utf-32-be'):
    try:
        print(codec, '\ud800a\udcff'.encode(codec))
    except UnicodeEncodeError as e:
        print(codec, e, e.start, e.end, ascii(e.object))
print('\ud800'.encode('utf-16-be', 'surrogatepass'), '\udcff'.encode('ascii', 'surrogateescape'))
print(s.encode('latin-1', 'surrogateescape'), '\udc80x'.encode('utf-8', 'namereplace'))
print(b'\xff'.decode('utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape') == b'\xff')
try:
    '\ud800'.encode('latin-1', 'surrogateescape')
except UnicodeEncodeError as e:
    print(e)

# Source text with a surrogate cannot be compiled; escapes in source can.
try:
    compile("x = '\udcff'", 'src', 'exec')
except UnicodeEncodeError as e:
    print('compile:', e.reason, e.start, e.end)
print(repr(eval("'\\udcff' + '\\ud800'")))

# The file-system encoding round-trips undecodable bytes.
import os
name = os.fsdecode(b'f\xe9\xff')
print(repr(name), os.fsencode(name))
try:
    os.fsencode('\ud800')
except UnicodeEncodeError as e:
    print('fsencode:', e.reason)

# re on surrogate text.
import re
print(re.findall('[\udc80-\udcff]+', 'a\udc80\udcffb\udcfe'))
print(repr(re.sub('\ud800', '-', 'x\ud800y')), repr(re.split('\udcff', s + 'q')))
m = re.search('(\udcff)(.)', 'ab\udcffc')
print(m.span(), repr(m.group(1)), repr(m.group(2)))

# json escapes surrogates and reads them back.
import json
print(json.dumps('\udcff'), json.dumps(['\ud800x']), repr(json.loads('"\\ud800"')))
print(repr(json.loads(json.dumps(s))), json.dumps(s, ensure_ascii=False) == '"' + s + '"')
