# The text group of the standard library: re, textwrap, string, pprint, difflib.
import re, textwrap, string, pprint, difflib

print(re.findall(r"\b(\w)(\w*)\b", "hello big world"))
m = re.match(r"(?P<year>\d{4})-(?P<month>\d\d)", "2024-05-17")
print(m.group("year"), m.groupdict(), m.span(), m)
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"))
print(re.split(r"[,;]\s*", "a, b;c,  d"), re.compile(r"x+", re.I).pattern, re.escape("a.b*c"))
print(re.fullmatch(r"[a-z]+@[a-z]+\.(com|org)", "me@example.org") is not None)
print([m.group() for m in re.finditer(r"\d+", "1 22 333")], re.subn("a", "b", "banana"))
print(re.search(r"(?<=-)\w+", "spam-egg").group(), re.match(r"(a|b)*c", "ababc").group(1))
print(textwrap.fill("The quick brown fox jumps over the lazy dog " * 3, width=30))
print(textwrap.dedent("""\
    indented
      more
    back"""), textwrap.shorten("Hello  world, this is a long line", width=20))
print(textwrap.indent("a\nb", "> "))
t = string.Template("$who likes ${what}")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
print(string.Formatter().format("{0:>5}|{name!r}", 42, name="n"), string.capwords("hello   world"))
print(string.ascii_letters, string.digits, string.punctuation)
pprint.pprint({"b": [1, 2, 3] * 10, "a": {"nested": tuple(range(20))}, "c": "x" * 50})
print(pprint.pformat(list(range(30)), width=40, compact=True))
print("".join(difflib.unified_diff(["a\n", "b\n", "c\n"], ["a\n", "c\n", "d\n"], "old", "new")))
print(difflib.SequenceMatcher(None, "abcd", "bcde").ratio(), difflib.get_close_matches("appel", ["ape", "apple", "peach"]))
