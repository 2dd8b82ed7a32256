# int and float: parsing, methods, rounding, divmod, pow, bases.
print(int("42"), int("  -17  "), int("1_000_000"), int("ff", 16), int("0x1F", 0), int("0b101", 0), int("0o17", 0), int("z", 36))
for bad in ["", "1__0", "0x", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
print((255).bit_length(), (255).bit_count(), (-1).bit_length(), (10).as_integer_ratio(), (5).real, (5).imag)
print((5).numerator, (5).denominator, (7).conjugate(), True + True)
print(bin(10), oct(64), hex(255), hex(-255), bin(-5))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(17.5, 5), divmod(-17.5, 5))
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 100, 2 ** -2, 10 / 4)
print(pow(2, 10), pow(2, 10, 1000), pow(3, -1, 7), pow(-2, 3, 5), pow(2, 0.5))
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(0.125, 2), round(1234.5678, -2), round(1250, -2), round(1350, -2))
print(round(5), round(5.5), round(-0.5), round(123.456, 1), round(1e300, -400))
print(float("3.5"), float("  -1e-3 "), float("inf"), float("-Infinity"), float("nan"), float("1_0.5"))
print((1.5).is_integer(), (2.0).is_integer(), (0.75).as_integer_ratio(), (0.1).as_integer_ratio())
print((1.5).hex(), (0.1).hex(), float.fromhex("0x1.8p1"), float.fromhex("-0x1p-2"), (2.5).conjugate(), (2.5).real, (2.5).imag)
print(0.1 + 0.2, 1 / 3, 1e16, 1e-5, 123456789.0 * 1000, -0.0, 2.0 ** 0.5)
print((-8) ** (1 / 3))
print(abs(-7), abs(-2.5), abs(3 + 4j), abs(-2 ** 70))
print(hash(1) == hash(1.0), hash(2 ** 61 - 1), hash(-1), hash(1.5))
for expr in [lambda: 1 / 0, lambda: 1 % 0, lambda: 1.0 // 0, lambda: divmod(1.0, 0.0), lambda: pow(2, 3, 0), lambda: pow(2, -1, 4)]:
    try:
        expr()
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__, e)
# Exponents far below the subnormal range round to (signed) zero without building huge ints.
print(float.fromhex('0x1p-99999999999999'), float.fromhex('-0x1p-2000'), float.fromhex('0x1.8p-1075'))
