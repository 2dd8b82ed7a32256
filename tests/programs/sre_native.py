CODES = [
    ('(?P<word>[a-z]+)(\\d+)?', 32, [14, 4, 0, 1, 4294967295, 17, 0, 24, 10, 1, 4294967295, 13, 5, 22, 97, 122, 0, 1, 17, 1, 23, 17, 0, 1, 17, 2, 24, 9, 1, 4294967295, 13, 4, 8, 10, 0, 1, 17, 3, 18, 1], 2, {'word': 1}),
    ('(a|bc)*d', 32, [14, 4, 0, 1, 4294967295, 23, 21, 0, 4294967295, 17, 0, 7, 5, 16, 97, 15, 9, 7, 16, 98, 16, 99, 15, 2, 0, 17, 1, 18, 16, 100, 1], 1, {}),
    ('x*', 32, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}),
    ('(?i)straße', 34, [14, 4, 0, 6, 6, 39, 6, 16, 115, 16, 383, 0, 40, 116, 40, 114, 40, 97, 40, 223, 40, 101, 1], 0, {}),
    ('\\bfo+\\b', 32, [14, 4, 0, 2, 4294967295, 6, 10, 16, 102, 24, 6, 1, 4294967295, 16, 111, 1, 6, 10, 1], 0, {}),
    ('(?<=a)b', 32, [14, 4, 0, 1, 1, 4, 5, 1, 16, 97, 1, 16, 98, 1], 0, {}),
    ('a(?=b)', 32, [14, 8, 1, 1, 1, 1, 1, 97, 0, 16, 97, 4, 5, 0, 16, 98, 1, 1], 0, {}),
    ('(?>a+)b', 32, [14, 4, 0, 2, 4294967295, 27, 9, 24, 6, 1, 4294967295, 16, 97, 1, 1, 16, 98, 1], 0, {}),
    ('a++b', 32, [14, 4, 0, 2, 4294967295, 29, 6, 1, 4294967295, 16, 97, 1, 16, 98, 1], 0, {}),
    ('(a)?(?(1)b|c)', 32, [14, 4, 0, 1, 2, 23, 9, 0, 1, 17, 0, 16, 97, 17, 1, 18, 12, 0, 6, 16, 98, 15, 3, 16, 99, 1], 1, {}),
    ('[à-ÿ]+', 34, [14, 4, 0, 1, 4294967295, 24, 10, 1, 4294967295, 39, 5, 22, 224, 255, 0, 1, 1], 0, {}),
    ('^\\w+$', 40, [14, 4, 0, 1, 4294967295, 6, 1, 24, 9, 1, 4294967295, 13, 4, 8, 14, 0, 1, 6, 6, 1], 0, {}),
    ('(?:ab)*?c', 32, [14, 4, 0, 1, 4294967295, 23, 7, 0, 4294967295, 16, 97, 16, 98, 19, 16, 99, 1], 0, {}),
    ('(.)\\1', 32, [14, 4, 0, 2, 2, 17, 0, 2, 17, 1, 11, 0, 1], 1, {}),
    ('\\d+', 256, [14, 4, 0, 1, 4294967295, 24, 9, 1, 4294967295, 13, 4, 8, 0, 0, 1, 1], 0, {}),
    ('[А-я]+', 34, [14, 4, 0, 1, 4294967295, 24, 13, 1, 4294967295, 39, 8, 22, 1072, 1103, 22, 7296, 7302, 0, 1, 1], 0, {}),
]

# The _sre module on its own (without Lib/re): code words as re._compiler produces them for
# the patterns above (generated with CPython 3.11), run by _sre's engine.
import _sre

print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.copyright)
print([_sre.ascii_iscased(c) for c in (65, 97, 49, 0xe9)], [_sre.unicode_iscased(c) for c in (0xe9, 0xdf, 0x131, 49)])
print([_sre.ascii_tolower(c) for c in (65, 0xc9, 97)], [_sre.unicode_tolower(c) for c in (65, 0xc9, 0x130, 0x212a, 0x3a3)])

patterns = {}
for src, flags, code, groups, groupindex in CODES:
    indexgroup = [None] * (groups + 1)
    for k, i in groupindex.items():
        indexgroup[i] = k
    patterns[src] = _sre.compile(src, flags, code, groups, groupindex, tuple(indexgroup))

def run(src, method, *args):
    p = patterns[src]
    r = getattr(p, method)(*args)
    if type(r).__name__ == 'Match':
        r = (r.span(), r.groups(), r.lastindex, r.lastgroup, r.group())
    print(src, method, args, '->', repr(r))

run('(?P<word>[a-z]+)(\\d+)?', 'match', 'abc123!')
run('(?P<word>[a-z]+)(\\d+)?', 'search', '--xy--')
run('(?P<word>[a-z]+)(\\d+)?', 'findall', 'a1 bb cc22')
run('(?P<word>[a-z]+)(\\d+)?', 'fullmatch', 'abc12')
run('(a|bc)*d', 'match', 'abcbcad')
run('(a|bc)*d', 'match', 'abcbcaX')
run('x*', 'findall', 'axxb')
run('x*', 'split', 'axxbx')
run('(?i)straße', 'search', 'die STRASSE, die STRAẞE')
run('\\bfo+\\b', 'findall', 'fo foo fooo xfoo foox')
run('(?<=a)b', 'findall', 'ab cb ab')
run('a(?=b)', 'search', 'ac ab')
run('(?>a+)b', 'search', 'aaac aab')
run('a++b', 'match', 'aaab')
run('(a)?(?(1)b|c)', 'findall', 'ab c b ac')
run('[à-ÿ]+', 'findall', 'ÀÉÎ àéî xyz')
run('^\\w+$', 'findall', 'one\ntwo words\nthree')
run('(?:ab)*?c', 'search', 'xababc')
run('(.)\\1', 'findall', 'aabccdee')
run('\\d+', 'findall', '12 ٣٤ 5')
run('[\u0410-\u044f]+', 'findall', 'Привет МИР hello')
p = patterns['(?P<word>[a-z]+)(\\d+)?']
print(p.groups, dict(p.groupindex), p.pattern, p.flags)
print(repr(p))
m = p.search('  hello42 ')
print(repr(m), m.group('word'), m[2], m.start(2), m.end(), m.regs, m.string, m.pos, m.endpos)
print(m.groupdict(), m.span('word'))
print(p.sub('<>', 'ab12 cd'), p.subn(lambda m: m.group(1).upper(), 'ab12 cd'))
print([m.span() for m in p.finditer('ab1 c d22')])
sc = p.scanner('ab1 c')
print(sc.match().span(), sc.match(), sc.search())
b = _sre.compile(b'x*', 32 & 0, [14, 4, 0, 0, 4294967295, 24, 6, 0, 4294967295, 16, 120, 1, 1], 0, {}, (None,))
print(b.findall(b'axxb'), b.sub(b'-', bytearray(b'axb')), repr(b))

for bad in ([99], [17, 40, 1], [24, 0, 0, 0, 1], [13, 50, 0]):
    try:
        _sre.compile('x', 0, bad, 0, {}, (None,))
    except RuntimeError as e:
        print('RuntimeError', e)
for args in (('x', 0, (1,), 0, {}, (None,)), ('x', 0, [-1], 0, {}, (None,)), ('x', 0, [2**32], 0, {}, (None,)), (3, 0, [1], 0, {}, (None,))):
    try:
        _sre.compile(*args)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
for call in (lambda: p.match(b'x'), lambda: b.match('x'), lambda: p.search(1), lambda: m.group(3), lambda: m.group('nope'), lambda: p.match('x', 'y')):
    try:
        call()
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
