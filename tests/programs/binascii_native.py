import binascii as b
print(b.Error.__mro__, b.Incomplete.__mro__, b.Error.__module__)
cases = [
    lambda: b.hexlify(b"abc", "-"), lambda: b.hexlify(b"abcdef", b":", 2), lambda: b.hexlify(b"abcdefg", ":", -2),
    lambda: b.hexlify(b"abcdefg", ":", 2), lambda: b.hexlify(b"abcdefg", ":", 3), lambda: b.hexlify(b"abcdefg", ":", -3),
    lambda: b.hexlify(b"abc", "--"), lambda: b.hexlify(b"abc", 1), lambda: b.hexlify("abc"), lambda: b.unhexlify("6g"),
    lambda: b.unhexlify("6"), lambda: b.unhexlify("\xe9"), lambda: b.unhexlify(1), lambda: b.a2b_base64(b"YQ"),
    lambda: b.a2b_base64(b"YWJj\nZA=="), lambda: b.a2b_base64(b"Y"), lambda: b.a2b_base64(b"YWJjZ"),
    lambda: b.a2b_base64(b"=YQ==", strict_mode=True), lambda: b.a2b_base64(b"YQ==x", strict_mode=True),
    lambda: b.a2b_base64(b"Y!Q==", strict_mode=True), lambda: b.a2b_base64(b"YQ=a=", strict_mode=True),
    lambda: b.a2b_base64(b"YWJj=", strict_mode=True), lambda: b.a2b_base64(b"YQ===", strict_mode=True),
    lambda: b.a2b_base64(b"YW=Jj"), lambda: b.a2b_base64("YWJj ZGVm!!"), lambda: b.a2b_base64(b"YWJj", True),
    lambda: b.b2a_base64(b"abcd"), lambda: b.b2a_base64(b"abcd", newline=False), lambda: b.b2a_base64(b""),
    lambda: b.crc32(b"abc"), lambda: b.crc32(b"abc", -1), lambda: b.crc32(b"abc", 1 << 40), lambda: b.crc_hqx(b"abc", 0),
    lambda: b.crc_hqx(b"abc", 0x1ffff), lambda: b.b2a_uu(b"abc"), lambda: b.b2a_uu(b"", backtick=True),
    lambda: b.b2a_uu(b"\x00\x00\x00", backtick=True), lambda: b.b2a_uu(b"x" * 46), lambda: b.a2b_uu(b""),
    lambda: b.a2b_uu(b"#86)C\n"), lambda: b.a2b_uu(b"#86)C x"), lambda: b.a2b_uu(b"#8\x016)C"), lambda: b.a2b_uu(b"&86)C"),
    lambda: b.b2a_qp(b"h\xe9llo = world\t\nx.\n.\n"), lambda: b.b2a_qp(b"a b", header=True),
    lambda: b.b2a_qp(b"a\tb ", quotetabs=True), lambda: b.b2a_qp(b"x" * 100), lambda: b.b2a_qp(b"a\r\nb \r\n"),
    lambda: b.b2a_qp(b"a\r\nb\n", istext=False), lambda: b.b2a_qp(b"=" * 30 + b"\n" + b"y" * 80 + b"\n"),
    lambda: b.a2b_qp(b"h=E9llo=\nx=3D=zz==_", header=True), lambda: b.a2b_qp("a="), lambda: b.a2b_qp(b"a=\r\nb=\rc"),
    lambda: b.crc_hqx(b"abc"), lambda: b.b2a_hex(b"\x01\xff"), lambda: b.a2b_hex(b"01FF"),
    lambda: b.hexlify(b"", "-"), lambda: b.crc32("x"), lambda: b.crc32(b"a", 1.0),
]
for i, c in enumerate(cases):
    try:
        print(i, repr(c()))
    except Exception as e:
        print(i, type(e).__name__, e)
rnd = bytes((i * 37 + 11) % 256 for i in range(300))
for n in range(0, 46, 7):
    assert b.a2b_uu(b.b2a_uu(rnd[:n])) == rnd[:n]
assert b.a2b_base64(b.b2a_base64(rnd)) == rnd
assert b.a2b_qp(b.b2a_qp(rnd)) == rnd
assert b.unhexlify(b.hexlify(rnd)) == rnd
print(b.b2a_qp(rnd)[:200])
print("ok")
