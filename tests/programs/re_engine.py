# The re package (CPython's Lib/re) on arenapy's _sre engine: matching rules, the Pattern and
# Match APIs, substitution templates, errors.
import re
import copy


def show(label, value):
    print(label, '->', repr(value))


def err(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(label, '->', type(e).__name__, str(e))
    else:
        print(label, '->', repr(r))


# Literals, classes, anchors
show('match', re.match(r'ab+c', 'abbbcd'))
show('search', re.search(r'\d+', 'abc 1234 x'))
show('fullmatch', re.fullmatch(r'a.c', 'abc'))
show('fullmatch none', re.fullmatch(r'a.c', 'abcd'))
show('classes', re.findall(r'[A-Z][a-z]*|\d+', 'Hello World 42 Foo7'))
show('negated', re.findall(r'[^aeiou\s]+', 'regular expressions'))
show('anchors', re.findall(r'^\w+$', 'one\ntwo\nthree', re.M))
show('dollar', re.search(r'x$', 'ax\n').span())
show('\\A \\Z', (re.search(r'\Ab', 'ab'), re.search(r'a\Z', 'a\n')))
show('boundary', re.findall(r'\bcat\b', 'cat concat cat, bobcat'))
show('non-boundary', re.findall(r'\Bcat', 'cat concat bobcat'))
show('dotall', (re.match('a.b', 'a\nb'), re.match('a.b', 'a\nb', re.S).group()))
show('unicode \\w', re.findall(r'\w+', 'naïve café, Ελλάδα 2024'))
show('ascii \\w', re.findall(r'\w+', 'naïve café', re.A))
show('unicode digits', re.findall(r'\d', '1٢३4'))
show('spaces', re.split(r'\s+', 'a \t b\u3000c\x1cd'))

# Quantifiers: greedy, lazy, possessive, counted
show('greedy', re.match(r'<.*>', '<a><b>').group())
show('lazy', re.match(r'<.*?>', '<a><b>').group())
show('possessive', re.match(r'a*+a', 'aaa'))
show('possessive group', re.match(r'(?:ab)++c', 'ababc').group())
show('atomic', (re.match(r'(?>a+)b', 'aaab').group(), re.match(r'(?>a+)a', 'aaa')))
show('counted', re.findall(r'\d{2,3}', '1 12 123 1234 12345'))
show('counted lazy', re.match(r'a{2,4}?', 'aaaa').group())
show('optional', [m.group() for m in re.finditer(r'colou?r', 'color colour colouur')])

# Groups
m = re.match(r'(?P<first>\w+) (?P<last>\w+)(?: (\d+))?', 'Ada Lovelace 1815 rest')
show('groups', m.groups())
show('group names', (m.group('first'), m['last'], m.group(0, 3)))
show('groupdict', m.groupdict())
show('spans', (m.span(), m.span(1), m.start('last'), m.end(3), m.regs))
show('lastindex', (m.lastindex, m.lastgroup))
m = re.match(r'(a)|(b)', 'b')
show('unmatched', (m.groups(), m.groups('-'), m.span(1), m.start(1), m.lastindex))
show('groupdict default', re.match(r'(?P<x>a)?(?P<y>b)', 'b').groupdict('?'))
show('nested', re.match(r'((a)(b(c)))', 'abc').groups())
show('repeated group', re.match(r'(?:(\w)-)+', 'a-b-c-').groups())
show('lastindex nested', re.match(r'(a(b))', 'ab').lastindex)
show('backref', re.findall(r'(\w)\1', 'aabbcdde'))
show('named backref', re.sub(r'(?P<w>\w+) (?P=w)', r'\g<w>', 'the the cat cat sat'))
show('conditional', [bool(re.fullmatch(r'(<)?\w+(?(1)>)', s)) for s in ('<a>', 'a', '<a', 'a>')])
show('lookahead', re.findall(r'\w+(?=!)', 'hi! bye. yes!'))
show('neg lookahead', re.findall(r'\b\w+\b(?!\()', 'f(x) y g(z) w'))
show('lookbehind', re.findall(r'(?<=\$)\d+', 'cost $30, $45 and 12'))
show('neg lookbehind', re.findall(r'(?<!-)\b\d+', '-1 2 -3 4'))

# Case-insensitive matching (simple case folding, the extra cases of _casefix)
show('ignorecase', re.findall(r'straße', 'STRASSE Straße STRAßE', re.I))
show('ignorecase set', re.findall(r'[a-z]+', 'Hello WORLD', re.I))
show('kelvin', (re.match(r'k', '\u212a', re.I), re.match(r'k', '\u212a', re.I | re.A)))
show('sigma', re.findall(r'σ', 'Σσς', re.I))
show('i with dot', re.match(r'i', '\u0130', re.I))
show('backref ignorecase', re.match(r'(a)\1', 'aA', re.I).group())
show('ignorecase range', re.findall(r'[à-ÿ]+', 'ÀÉÎ àéî', re.I))

# Substitution
show('sub', re.sub(r'\s+', ' ', '  a   b \n c  '))
show('sub count', re.sub(r'a', 'X', 'aaaa', count=2))
show('subn', re.subn(r'(\w+)@(\w+)', r'\2 at \1', 'me@home you@work'))
show('sub template', re.sub(r'(?P<d>\d+)', r'<\g<d>|\g<0>|\1>', 'a1b22'))
show('sub function', re.sub(r'\d+', lambda m: str(int(m.group()) * 2), '3 apples and 12 pears'))
show('sub none', re.sub(r'x', lambda m: None if False else '', 'axbxc'))
show('sub empty matches', re.sub(r'x*', '-', 'abxd'))
show('sub escapes', re.sub(r'a', r'\n\t\\', 'bab'))
show('sub bytes', re.sub(rb'(\d)', rb'[\1]', b'a1b2'))
show('expand', re.match(r'(\w+) (\w+)', 'hello world').expand(r'\2, \1!'))

# split, findall, finditer
show('split', re.split(r'[,;]\s*', 'a, b;c,d'))
show('split groups', re.split(r'(,)', 'a,b,c'))
show('split maxsplit', re.split(r',', 'a,b,c,d', maxsplit=2))
show('split empty', re.split(r'\b', 'one two'))
show('split optional group', re.split(r'(a)?-', 'x-ya-z'))
show('findall tuples', re.findall(r'(\w)=(\d)?', 'a=1 b= c=3'))
show('finditer', [(m.start(), m.group()) for m in re.finditer(r'\w+', 'to be or')])
show('findall empty', re.findall(r'', 'abc'))
show('pos endpos', (re.compile(r'\w+').findall('abc def ghi', 2, 9), re.compile('c').match('abc', 2)))
p = re.compile(r'^\w')
show('pos anchor', (p.search('ab', 1), re.compile(r'\w$').search('abc', 0, 2)))

# Scanner
sc = re.compile(r'\d+|[a-z]+').scanner('ab12cd')
show('scanner', [sc.match().group(), sc.match().group(), sc.search().group(), sc.search()])
lex = re.Scanner([(r'\d+', lambda s, t: int(t)), (r'\s+', None), (r'[a-z]+', lambda s, t: t.upper())])
show('re.Scanner', lex.scan('abc 12 de 3 !'))

# bytes patterns
show('bytes', re.findall(rb'[a-z]+', b'abc DEF ghi'))
show('bytes ignorecase', re.findall(rb'[a-z]+', b'abc DEF \xe9', re.I))
show('bytearray subject', re.search(rb'b+', bytearray(b'abbbc')).group())
show('memoryview subject', re.search(rb'b+', memoryview(b'abbbc')).span())
show('bytes \\w', re.findall(rb'\w+', b'caf\xc3\xa9 x_1'))

# Pattern objects
p = re.compile(r'(?P<a>x)(y)', re.I | re.M)
show('pattern attrs', (p.pattern, p.flags, p.groups, dict(p.groupindex)))
show('repr', p)
show('repr flags', [re.compile('a', f) for f in (0, re.S, re.X | re.A, re.U, re.L | 0)] if False else [re.compile('a', f) for f in (0, re.S, re.X | re.A, re.U)])
show('repr bytes', re.compile(b'a', re.I))
show('repr long', re.compile('x' * 300))
show('eq', (re.compile('a') == re.compile('a'), re.compile('a') == re.compile('a', re.I), hash(re.compile('ab')) == hash(re.compile('ab'))))
show('copy', (copy.copy(p) is p, copy.deepcopy(p) is p))
show('class_getitem', (re.Pattern[str], re.Match[bytes]))
show('types', (type(p).__name__, type(p).__module__, type(re.match('a', 'a')).__name__))
show('flags values', (int(re.I), int(re.M | re.S)))
m = re.search(r'(b)(c)?', 'abx')
show('match repr', m)
show('match repr long', re.match(r'.*', 'y' * 100))
show('match attrs', (m.string, m.re.pattern, m.pos, m.endpos))
show('match copy', (copy.copy(m) is m, copy.deepcopy(m) is m))
show('escape', re.escape('a.b*c?[d]'))
show('template chars', re.sub('(a)', r'\g<1>0', 'a'))

# Errors
err('bad pattern', re.compile, r'(abc')
err('bad pattern pos', lambda: re.compile(r'a)b'))
err('bad repeat', re.compile, r'*a')
err('bad escape', re.compile, r'\q')
err('bad group ref', re.sub, r'(a)', r'\2', 'a')
err('unknown group name', re.sub, r'(a)', r'\g<x>', 'a')
err('str pattern bytes subject', re.match, 'a', b'a')
err('bytes pattern str subject', re.match, b'a', 'a')
err('bad subject', re.match, 'a', 5)
err('no such group', lambda: re.match('(a)', 'a').group(2))
err('no such group name', lambda: re.match('(a)', 'a').group('x'))
err('group negative', lambda: re.match('(a)', 'a').group(-1))
err('span bad group', lambda: re.match('(a)', 'a').span(3))
err('sub repl type', re.sub, 'a', 3, 'a')
err('sub repl returns int', re.sub, 'a', lambda m: 3, 'aa')
err('sub bytes repl on str', re.sub, 'a', b'b', 'a')
err('pos type', lambda: re.compile('a').match('a', 'x'))
err('pattern not instantiable', re.Pattern)
err('look-behind width', re.compile, r'(?<=a+)b')
print('error attrs', end=' ')
try:
    re.compile('a(b', re.X)
except re.error as e:
    print(e.msg, e.pos, e.lineno, e.colno, repr(e.pattern))
