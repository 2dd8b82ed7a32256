# math.pow's special values (C99 Annex F, as CPython): infinities to a zero power are 1.
import math
INF = float("inf"); NAN = float("nan")
for x in [INF, -INF, NAN, 1.0, -1.0, 0.0, -0.0, 2.0, 0.5]:
    for y in [0.0, -0.0, 1.0, 2.0, 3.0, -1.0, -2.0, -3.0, 0.5, INF, -INF, NAN]:
        try:
            r = math.pow(x, y)
            print(x, y, r, math.copysign(1.0, r) if r == r else "")
        except (ValueError, OverflowError) as e:
            print(x, y, type(e).__name__, e)
