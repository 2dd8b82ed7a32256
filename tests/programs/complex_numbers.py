# complex: construction, arithmetic, repr, comparison, hash.
z = complex(3, 4)
w = 1 - 2j
print(z, w, z + w, z - w, z * w, z / w, -z, +w)
print(abs(z), z.real, z.imag, z.conjugate(), z ** 2, z ** 0.5, 1j ** 2, 2 ** 1j)
print(complex("1+2j"), complex(" (-1.5-2.5j) "), complex("j"), complex("-j"), complex("1e3"), complex(2.5))
print(complex(), complex(0, -0.0), complex(-0.0, -1), 1j, -1j, complex(float("nan"), float("inf")))
print(z == complex(3, 4), z != w, (1 + 0j) == 1, (1 + 0j) == 1.0, 1j == 1)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5))
print(format(z, ""), format(z, ".2f"), format(z, ">12"), format(1j, "g"), f"{w:+.1e}")
for bad in ["1 + 2j", "x", "(1+2j"]:
    try:
        complex(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    z < w
except TypeError as e:
    print("TypeError:", e)
try:
    z // 2
except TypeError as e:
    print("TypeError:", e)
try:
    0j ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
