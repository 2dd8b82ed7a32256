import cmath
vals = [0j, 1 + 0j, -1 + 0j, 1j, -1j, 0.5 + 0.5j, -2.5 + 3.25j, 3 - 4j, 1e-310 + 1e-310j, 1e300 + 1e300j,
        -1e300 - 2e-300j, 0.9 + 0.3j, 1 + 1e-200j, -0.0 + 0j, complex(0.0, -0.0), 2, 0.75]
names = ["sqrt", "exp", "log", "log10", "acos", "asin", "atan", "acosh", "asinh", "atanh", "cos", "sin", "tan",
         "cosh", "sinh", "tanh"]
for n in names:
    f = getattr(cmath, n)
    row = []
    for v in vals:
        try:
            row.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__ + ":" + str(e))
    print(n, row)
print(cmath.phase(-1), cmath.phase(complex(-1, -0.0)), cmath.polar(3 + 4j), cmath.rect(2, cmath.pi / 3), cmath.rect(1, 0))
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 2j, abs_tol=1))
print(cmath.isfinite(1j), cmath.isinf(complex("inf")), cmath.isnan(cmath.nanj), cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.infj)
class Z:
    def __complex__(self):
        return 2j
print(cmath.sqrt(Z()), cmath.exp(True))
for bad in [lambda: cmath.sqrt("x"), lambda: cmath.exp(1000), lambda: cmath.cosh(1000 + 1j), lambda: cmath.log(0),
            lambda: cmath.polar(1e308 + 1e308j), lambda: cmath.sqrt(), lambda: cmath.isclose(1, 2, rel_tol=-1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
