# Precisions and widths past 65535 (Rust's formatter's limit) and absurd ones: CPython prints
# every digit of the exact value, then zeros; too large ones raise its errors.


def show(label, thunk):
    try:
        r = thunk()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
        return
    if isinstance(r, (str, bytes, bytearray)) and len(r) > 70:
        print(label, "->", len(r), repr(r[:30]), repr(r[-30:]), r.count("0" if isinstance(r, str) else b"0"))
    else:
        print(label, "->", repr(r))


cases = [
    ("f 65536", lambda: format(1.5, ".65536f")),
    ("f 70000", lambda: format(1.5, ".70000f")),
    ("F neg", lambda: format(-2.75, ".70000F")),
    ("f tiny", lambda: format(5e-324, ".70000f")),
    ("f tiny 1100", lambda: format(5e-324, ".1100f")),
    ("f huge", lambda: format(1e300, ".70000f")),
    ("f max", lambda: format(1.7976931348623157e308, ".66000f")),
    ("f third", lambda: format(1 / 3, ".70000f")),
    ("f exact tail", lambda: format(0.1, ".70000f")[:80]),
    ("e", lambda: f"{1.5:.70000e}"),
    ("E", lambda: format(-1e-300, ".70000E")),
    ("e tiny", lambda: format(5e-324, ".66000e")[730:770]),
    ("e zero", lambda: format(0.0, ".70000e")),
    ("g", lambda: format(1.5, ".70000g")),
    ("g third", lambda: format(1 / 3, ".70000g")),
    ("g big", lambda: format(1e300, ".70000g")),
    ("g small", lambda: format(1e-300, ".70000g")),
    ("G alt", lambda: format(1.5, "#.70000G")),
    ("g alt small", lambda: format(1e-300, "#.70000g")),
    ("n", lambda: format(1.25, ".70000n")),
    ("none", lambda: format(1.5, ".70000")),
    ("none 1e16", lambda: format(1e16, ".70000")),
    ("none alt", lambda: format(123.0, "#.70000")),
    ("percent", lambda: format(1.5, ".70000%")),
    ("percent alt", lambda: format(0.25, "#.70000%")),
    ("grouping", lambda: format(1234567.5, ",.70000f")),
    ("z", lambda: format(-0.0, "z.70000f")),
    ("padded", lambda: format(-1.5, "080000.70000f")),
    ("inf", lambda: format(float("inf"), ".200000000f")),
    ("nan", lambda: format(float("nan"), ".70000e")),
    ("complex f", lambda: format(1.5 + 2j, ".70000f")),
    ("complex g", lambda: format(1.5 - 2j, ".70000")),
    ("complex e", lambda: format(-1.5j, "^.70000e")),
    ("int f", lambda: format(3, ".70000f")),
    ("int e", lambda: format(2**70, ".70000e")),
    ("int %", lambda: format(7, ".70000%")),
    ("int g", lambda: format(10**20, ".70000g")),
    ("str precision", lambda: format("abc", ".70000")),
    ("str precision huge", lambda: format("abc", ".2147483648")),
    ("str width", lambda: format("abc", "^70000")),
    ("int width", lambda: format(1, "70000d")),
    ("int width grouped", lambda: format(-1234, "070000,d")),
    ("f-string width", lambda: f"{12:*>70001x}"),
    ("str.format", lambda: "{:.70000f}|{:>70000}".format(0.5, "x")),
    ("nested spec", lambda: "{0:{1}}".format(2.5, ".70000e")),
    ("printf f", lambda: "%.70000f" % 1.5),
    ("printf e", lambda: "%.70000e" % 1.5),
    ("printf g", lambda: "%.70000g" % 1.5),
    ("printf alt g", lambda: "%#.70000g" % 1.5),
    ("printf star", lambda: "%.*f" % (70000, 0.125)),
    ("printf width", lambda: "%70000d" % 1),
    ("printf left", lambda: "%-70000s|" % "a"),
    ("printf zero", lambda: "%070000.2f" % -1.5),
    ("printf star width", lambda: "%*d" % (-70000, 5)),
    ("printf d precision", lambda: "%.70000d" % 1),
    ("printf x precision", lambda: "%#.70000x" % 255),
    ("printf s precision", lambda: "%.70000s" % "abc"),
    ("printf r precision", lambda: "%.2147483647r" % "abc"),
    ("printf inf", lambda: "%.2147483647f" % float("inf")),
    ("bytes f", lambda: b"%.70000f" % 1.5),
    ("bytes width", lambda: b"%70000d" % 1),
    ("bytearray e", lambda: bytearray(b"%.70000e") % 2.5),
    # Too large.
    ("f int max", lambda: format(1.5, ".2147483648f")),
    ("g int max", lambda: format(1.5, ".2147483648g")),
    ("none int max", lambda: format(1.5, ".2147483648")),
    ("nan int max", lambda: format(float("nan"), ".2147483648f")),
    ("complex int max", lambda: format(1j, ".2147483648f")),
    ("int f int max", lambda: format(1, ".2147483648f")),
    ("int d precision", lambda: format(1, ".2147483648d")),
    ("unknown first", lambda: format(1.5, ".2147483648q")),
    ("too many digits", lambda: format(1.5, ".99999999999999999999f")),
    ("width digits", lambda: format(1, "99999999999999999999d")),
    ("width ssize max", lambda: format(1, "9223372036854775807d")),
    ("width ssize max+1", lambda: format(1, "9223372036854775808d")),
    ("width unknown", lambda: format(1.5, "9999999999999q")),
    ("width str", lambda: format("x", "9999999999999")),
    ("width precision int", lambda: format(1, "9999999999999.3d")),
    ("str.format digits", lambda: "{:99999999999999999999}".format(1)),
    ("f-string digits", lambda: f"{1.5:.99999999999999999999f}"),
    ("printf precision", lambda: "%.2147483648f" % 1.5),
    ("printf precision digits", lambda: "%.99999999999999999999f" % 1.5),
    ("printf width digits", lambda: "%99999999999999999999d" % 1),
    ("printf width huge", lambda: "%*d" % (2**40, 1)),
    ("printf star int", lambda: "%.*f" % (2**31, 1.5)),
    ("printf star ssize", lambda: "%*d" % (2**63, 1)),
    ("printf star min", lambda: "%*d" % (-(2**63), 1)),
    ("printf star negative", lambda: "%.*f" % (-5, 1.5)),
    ("printf star negative s", lambda: "%.*s" % (-5, "abc")),
    ("printf star float", lambda: "%*d" % (1.5, 1)),
    ("printf star bool", lambda: "%*d" % (True, 1)),
    ("printf incomplete", lambda: "%.2147483648" % ()),
    ("printf width then missing", lambda: "%2147483648" % ()),
    ("printf key first", lambda: "%(a)99999999999999999999d" % {}),
    ("bytes precision", lambda: b"%.2147483648f" % 1.5),
    ("bytes width", lambda: b"%99999999999999999999d" % 1),
    ("bytes star", lambda: b"%.*f" % (2**31, 1.5)),
]
for label, thunk in cases:
    show(label, thunk)

# Every precision past the exact digits gives the exact digits and then zeros.
x = 0.1
exact = format(x, ".1100f")
print(exact.rstrip("0")[-20:], len(exact.rstrip("0")))
for p in (1100, 5000, 65535, 65536, 100000):
    s = format(x, ".%df" % p)
    print(p, len(s), s.startswith(exact.rstrip("0")), s[len(exact.rstrip("0")):].strip("0") == "")
