# The format mini-language, str.format, f-strings and printf-style formatting.
pi = 3.141592653589793
n = 1234567
print(format(n, ","), format(n, "_"), format(n, "_x"), format(255, "#b"), format(255, "#o"), format(255, "#X"))
print(format(pi, ".2f"), format(pi, "10.3f") + "|", format(pi, "<10.3f") + "|", format(pi, "^10.1f") + "|")
print(format(pi, "e"), format(pi, ".3E"), format(pi, "g"), format(1e-7, "g"), format(1e20, "g"), format(0.25, "%"))
print(format(-42, "+08d"), format(42, " d"), format(-42, "=8"), format(42, "*^9"), format(65, "c"))
print(format(1234.5678, ",.2f"), format(-0.0, "z.1f"), format(1.0, "#.0f"), format(12.0, ".3"))
print(format("text", ">8") + "|", format("text", ".2"), format("text", "-^10"))
print("{} and {}".format("this", "that"), "{1}{0}{1}".format("a", "b"), "{x}/{y}".format(x=1, y=2))
print("{0:>{1}}|".format("r", 5), "{:{fill}^{w}}".format("c", fill="=", w=7), "{!r}".format("q"))
point = (3, 4)
print("{0[0]},{0[1]}".format(point), "{p[1]}".format(p=point), "{z.real}+{z.imag}j".format(z=1 + 2j))
print("{{literal}} {}".format(5), "{:,}".format(10 ** 12))
name, value = "width", 7.25
print(f"{name}={value}", f"{name!r:>10}", f"{value:08.3f}", f"{value * 2:.1e}", f"{n:,}")
print(f"{'nested'}", f"{value:{'>'}{12}.{2}f}|", f"{3 + 4j}", f"{-0.5:+.0%}")
print("%s has %d items costing %.2f" % ("cart", 3, 9.5))
print("%5s|%-5s|%05d|%+d|%x|%#x|%o|%e|%g|%c%%" % ("ab", "cd", 42, 7, 255, 255, 8, 12345.678, 0.0001, 65))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%*d|%-*.*f|" % (6, 42, 9, 3, pi))
print("%r %a" % ("é", "é"))
for bad in ["{", "}", "{0}{}", "{:d}"]:
    try:
        print(bad.format("x"))
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
