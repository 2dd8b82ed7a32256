import unicodedata as u
print(u.unidata_version, u.ucd_3_2_0.unidata_version)
cases = [lambda: u.lookup("NOPE"), lambda: u.category("ab"), lambda: u.category(1), lambda: u.decimal("a"),
         lambda: u.numeric("\u00bd"), lambda: u.digit("\u00b2"), lambda: u.decomposition("\u00e9"),
         lambda: u.decomposition("\ufb01"), lambda: u.normalize("NFX", "a"), lambda: u.name("\uac00"),
         lambda: u.name("\u4e00"), lambda: u.lookup("HANGUL SYLLABLE GA"), lambda: u.lookup("CJK UNIFIED IDEOGRAPH-4E00"),
         lambda: u.lookup("LATIN SMALL LETTER GHA"), lambda: u.name("\U0001F600"), lambda: u.east_asian_width("\u4e00"),
         lambda: u.bidirectional("\u05d0"), lambda: u.mirrored("("), lambda: u.combining("\u0301"),
         lambda: u.decimal("a", None), lambda: u.numeric("a", 5), lambda: u.name("\x00", 1), lambda: u.name("\x00"),
         lambda: u.is_normalized("NFC", "e\u0301"), lambda: u.numeric("\u0f33"), lambda: u.numeric("\U0001ec4a", None),
         lambda: u.name("a"), lambda: u.lookup("latin small letter a"), lambda: u.category("\U000e0001"),
         lambda: u.category("\U0010ffff"), lambda: u.bidirectional("\u0600"),
         lambda: u.ucd_3_2_0.category("a"), lambda: u.digit("\u2460"), lambda: u.decimal("\u0660")]
for i, c in enumerate(cases):
    try:
        print(i, repr(c()))
    except Exception as e:
        print(i, type(e).__name__, e)
texts = ["e\u0301", "\u00e9", "\ufb01", "\uac01", "\u1100\u1161\u11a8", "a\u0323\u0302", "\u1e9b\u0323",
         "\u212b", "\u2126", "\u0958", "\u00c5\u0327", "caf\u00e9 \u2460 \u00bd \u3300", "\u0344", "\u0f73"]
for t in texts:
    print([ascii(u.normalize(f, t)) for f in ("NFC", "NFD", "NFKC", "NFKD")], [u.is_normalized(f, t) for f in ("NFC", "NFD", "NFKC", "NFKD")])
total = 0
for cp in range(0, 0x30000, 97):
    if 0xd800 <= cp < 0xe000:
        continue
    for f in ("NFC", "NFD", "NFKC", "NFKD"):
        total += len(u.normalize(f, chr(cp) + "\u0301\u0323"))
print(total)
