import _string
for s in ['a{{b', 'x{0!r:>{1}}y}}z', '{}', '{a.b[c]}', '', 'abc', '{!r}', '{0:}', '{0!}', '{', '}', 'a}b', '{0!rr}', '{0[}', '{:{}}']:
  try: print(repr(s), list(_string.formatter_parser(s)))
  except Exception as e: print(repr(s), type(e).__name__, e)
for s in ['a.b[c][0]', '0.x', '', '[1]', 'a..b', 'a[', 'a[]', 'a]', 'a.', '1a', 'a[x]y']:
  try: r=_string.formatter_field_name_split(s); print(repr(s), r[0], list(r[1]))
  except Exception as e: print(repr(s), type(e).__name__, e)
print('{0[a]}{1.real}{{x}}{2:>{3}}'.format({'a': 1}, 5, 'z', 3))
for f in ['{0[a]x}', '{0..a}', '{', '}']:
  try: f.format({'a':1})
  except Exception as e: print(type(e).__name__, e)
