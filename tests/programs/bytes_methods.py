# the methods bytes and bytearray share, %-formatting, codecs, int.to_bytes/from_bytes
print(b"a,b,c".split(b","), b" x  y ".split(), b"-".join([b"a", b"b"]), b"  pad ".strip())
print(b"Hello".upper(), b"Hello".lower(), b"hello".replace(b"l", b"L"), b"abc".startswith(b"ab"))
print(b"\x00\x01\xfe".hex(), b"abc".hex("-"), b"abcdef".hex(":", 2), b"abcdef".hex(":", -4), b"ab".hex(b"|"))
print(b"abc".find(b"c"), b"abcabc".count(b"bc"), b"abcabc".rfind(b"b"), b"abc".find(99), b"abc".find(b"c", -1))
print(b"abcabc".index(b"c", 3), b"abcabc".rindex(b"a"), b"abc".count(b""), b"abc".find(b"", 4))
print(b"a b".split(maxsplit=1), b"ab".split(None, 1), b"  a  b  ".rsplit(None, 1), b"a,b,c".rsplit(b",", 1))
print(b"  a  b  ".split(None, 1), b"a,,b".split(b","), b"".split(), b"".split(b","))
print(b"abc".strip(None), b"xxaxx".strip(b"x"), b"xxaxx".lstrip(b"x"), b"xxaxx".rstrip(b"x"))
print(b"hello world".title(), b"hello world".capitalize(), b"AbC".swapcase(), b"Ab1".istitle())
print(b"abc".isalpha(), b"12".isdigit(), b"a1".isalnum(), b" \t".isspace(), b"ab".islower(), b"AB".isupper(), b"\x80".isascii())
print(b"a\tb".expandtabs(), b"a\tb".expandtabs(4), b"-5".zfill(4), b"7".zfill(3), b"a".ljust(3, b"-"), b"a".rjust(3))
print(b"abc".center(7, b"*"), b"ab".center(5), b"ab".center(6), b"abc".center(2))
print(b"abc".endswith((b"x", b"c")), b"abc".startswith(b"b", 1), b"abc".endswith(b"b", 0, 2))
print(b"abc".replace(b"", b"-"), b"aaa".replace(b"a", b"b", 2), b"abc".replace(b"x", b"y"))
print(b"a\nb\r\nc".splitlines(), b"a\nb\n".splitlines(True), b"abc".partition(b"b"), b"abc".rpartition(b"x"))
print(bytearray(b"abc").split(b"b"), bytearray(b"abc").partition(b"b"), b"xab".removeprefix(b"x"), b"abx".removesuffix(b"x"))
print(b"".join([b"a", bytearray(b"b")]), bytearray(b"").join([b"a", bytearray(b"b")]), b",".join([]))
print(bytes.maketrans(b"ab", b"xy")[97:99], b"hello".translate(bytes.maketrans(b"el", b"ip")), b"hello".translate(None, b"l"))
print(type(bytearray(b"abc").translate(None)).__name__)
print(b"%d-%s-%x" % (5, b"bb", 255), b"%r %a" % ("\xe9", "\xe9"), b"%c %c" % (65, b"B"))
print(b"%5.2f|%-4d|%04x|%X|%o|%e" % (3.14159, 7, 255, 255, 8, 12345.678), b"%(a)s" % {b"a": b"x"})
print(b"%b" % bytearray(b"zz"), b"%%" % (), b"%5s|%-5s|" % (b"ab", b"cd"), bytearray(b"a%sb") % b"x", b"%.1s" % b"xyz")
print(b"caf\xc3\xa9".decode("utf-8"), b"caf\xc3\xa9".decode(), b"\xe9".decode("latin1"), b"abc".decode(encoding="ascii"))
print(b"\xffa\xfe".decode("utf-8", "replace"), b"\xffa".decode("utf-8", "ignore"), b"\xffa".decode("utf-8", "backslashreplace"))
print("é".encode(), "é".encode("utf-16-be"), "é".encode("utf-16"), "é😀".encode("utf-32"), "x".encode("Latin_1"))
print("éa€".encode("ascii", "replace"), "éa€".encode("latin-1", "ignore"), "éa€".encode("latin-1", "backslashreplace"), "éa€".encode("latin-1", "xmlcharrefreplace"))
print(b"\xff\xfe\xe9\x00".decode("utf-16"), str(b"ab", "ascii"), str(bytearray(b"ab"), encoding="ascii"), str(b"\xff", "utf-8", "replace"), str(b"ab"))
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (-1).to_bytes(1, "big", signed=True), (1).to_bytes(), (0).to_bytes(0, "big"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True), int.from_bytes([1, 2], "big"), int.from_bytes(b""), bool.from_bytes(b"\x01"))
print((2**70).to_bytes(10, "big"), int.from_bytes((2**70).to_bytes(10, "big"), "big") == 2**70, int(b"12"))
for bad in (lambda: b"abc".find("c"), lambda: b"abc".split(","), lambda: b"abc".join(["a"]),
            lambda: b"abc".join([1]), lambda: b"abc".startswith("a"), lambda: b"abc".replace("a", "b"),
            lambda: b"abc".strip("a"), lambda: b"abc".center(7, "*"), lambda: b"abc".center(7, b"**"),
            lambda: b"abc".index(b"z"), lambda: b"abc".rindex(b"z"), lambda: b"abc".count(),
            lambda: b"abc".find(), lambda: b"abc".hex(1), lambda: b"abc".hex(b"--"), lambda: b"abc".hex("\xe9"),
            lambda: bytes.fromhex("a"), lambda: b"abc".partition(b""), lambda: b"abc".split(b""),
            lambda: b"abc".zfill(), lambda: b"abc".translate(b"x"), lambda: bytes.maketrans(b"a", b"bc"),
            lambda: b"abc".find(300), lambda: b"%d" % "a", lambda: b"%s" % "a", lambda: b"%c" % 300,
            lambda: b"%c" % "a", lambda: b"%d %d" % (1,), lambda: b"%d" % (1, 2), lambda: b"%y" % 1,
            lambda: b"%(a)s" % {"a": b"x"}, lambda: (1024).to_bytes(1, "big"), lambda: (-1).to_bytes(1, "big"),
            lambda: (1).to_bytes(1, "middle"), lambda: (1).to_bytes(-1), lambda: (128).to_bytes(1, "little", signed=True),
            lambda: int.from_bytes("ab", "big"), lambda: int.from_bytes(b"\x01", "mid"), lambda: b"abc".upper(1)):
    try:
        print("OK", bad())
    except (TypeError, ValueError, IndexError, OverflowError, KeyError) as e:
        print(type(e).__name__, e)
for bad in (lambda: b"\xff".decode(), lambda: b"a\xffb\xc3".decode(), lambda: b"\xc3".decode(),
            lambda: b"\xe2\x82".decode(), lambda: b"\xe2\x82x".decode(), lambda: b"\xed\xa0\x80".decode(),
            lambda: b"\xff".decode("ascii"), lambda: b"\xff".decode("foo"), lambda: b"\xffa".decode("utf-8", "bogus"),
            lambda: "é".encode("ascii"), lambda: "éé€a".encode("ascii"), lambda: "a😀".encode("latin-1"),
            lambda: "é".encode(1), lambda: "é".encode("bogus"), lambda: "é".encode("ascii", "bogus"),
            lambda: b"\xe9\x00\x00".decode("utf-16-le"), lambda: bytes("a", 1), lambda: str(b"a", 1),
            lambda: str("x", "ascii")):
    try:
        print("OK", bad())
    except (UnicodeError, LookupError, TypeError) as e:
        print(type(e).__name__, e)
        if isinstance(e, UnicodeDecodeError):
            print(e.encoding, e.object, e.start, e.end, e.reason, e.args, isinstance(e, ValueError))
print(str(UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "bad")), UnicodeEncodeError("ascii", "\xe9", 0, 1, "bad").start)
