# int / int is correctly rounded, whatever the operands' size (CPython's long_true_divide).
cases = [
    (10**400, 10**399 + 1), (2**1100, 3), (1, 3), (10**30, 7), (2**53 + 1, 1),
    (-(2**64) - 1, 3), (10**400, 7), (1, 10**400), (-1, 10**400), (3**200, 5**90),
    (2**1023 * 3, 2), (2**1024, 1), (2**1024 - 2**971, 1), (2**1024 - 2**970, 1),
    (1, 2**1074), (1, 2**1075), (3, 2**1076), (-(10**500), 10**100), (0, -(10**400)),
]
for a, b in cases:
    try:
        print(repr(a / b))
    except OverflowError as e:
        print('OverflowError:', e)
# A deterministic sweep of mixed sizes (a linear congruential sequence, no random module).
x = 12345
total = 0
mismatch = 0
for i in range(400):
    x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
    a = (x << (x % 900)) + i
    x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
    b = (x << (x % 700)) + 1
    try:
        q = a / b
    except OverflowError:
        continue
    # Correct rounding: q is the double nearest a / b (ties to even) — check through exact
    # integer arithmetic on the ratio q has.
    n, d = q.as_integer_ratio()
    err = abs(n * b - a * d)
    total += 1
    # The next doubles above and below are no closer.
    import math
    for other in (math.nextafter(q, math.inf), math.nextafter(q, -math.inf)):
        if other == 0.0 or math.isinf(other):
            continue
        n2, d2 = other.as_integer_ratio()
        if abs(n2 * b - a * d2) * d < err * d2:
            mismatch += 1
print(total, mismatch)
try:
    1 / 0
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
try:
    10**400 / 0
except ZeroDivisionError as e:
    print('ZeroDivisionError:', e)
