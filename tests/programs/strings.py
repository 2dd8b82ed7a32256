# str methods: case, search, split/join, padding, classification, translate.
text = "The quick brown fox jumps over the lazy dog"
words = text.split()
print(len(words), words[0], words[-1])
print("-".join(w.capitalize() for w in words))
print(text.upper())
print(text.lower().count("o"), text.find("fox"), text.rfind("o"), text.find("cat"))
print(text.replace(" ", "_", 3))
print(text.startswith(("A", "The")), text.endswith("dog"), text.startswith("quick", 4))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1))
print("  padded  ".strip() + "|", "xxhixx".strip("x"), "  left".lstrip(), "right  ".rstrip() + "|")
print("[" + "hi".center(10, "*") + "]", "[" + "hi".ljust(6) + "]", "[" + "hi".rjust(6, ".") + "]")
print("42".zfill(6), "-42".zfill(6), "+7".zfill(4))
print("line one\nline two\r\nline three".splitlines())
print("a\tb\tc".expandtabs(4))
print("key=value=more".partition("="), "no-sep".partition("="), "a.b.c".rpartition("."))
print("Hello World".swapcase(), "hello wORLD".title(), "ß".upper(), "Straße".casefold())
for s in ["abc", "ABC", "Abc Def", "123", "½", "٣", "  ", "", "a_1", "1a", "hé"]:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(),
          s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isidentifier(), s.isascii())
table = str.maketrans("abc", "xyz", "d")
print("aabbccdd".translate(table))
print("TestCase".removeprefix("Test"), "file.txt".removesuffix(".txt"))
print("héllo wörld".index("w"), "héllo"[1], len("héllo"))
print(repr("tab\there"), repr("quote's"), repr('both\'"'), repr("\x00\u200b\xa0é"))
print(ascii("héllo ☃"), ord("☃"), chr(9731), chr(65) + chr(0x1F600))
try:
    "abc".index("z")
except ValueError as e:
    print("ValueError:", e)
try:
    "abc".center(5, "xy")
except TypeError as e:
    print("TypeError:", e)
