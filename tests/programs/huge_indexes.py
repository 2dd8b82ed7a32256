# Indexes too large for a machine word: IndexError as CPython raises it, per sequence type.
for src in ["[1][2**64]", "[1][-2**64]", "(1,)[2**64]", "'a'[2**64]", "'a'[-2**64]",
            "b'a'[2**64]", "bytearray(b'a')[2**64]", "range(10)[2**64]", "range(10)[-2**64]",
            "[1, 2][2**64:]", "'abc'[:2**64]", "range(10)[2**64:]", "'abc'[True]"]:
    try:
        print(src, eval(src))
    except (IndexError, TypeError, OverflowError) as e:
        print(src, type(e).__name__, e)
