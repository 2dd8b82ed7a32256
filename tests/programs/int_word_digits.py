# Ints across the machine-word boundary: values kept as two 32-bit digits and values kept as a
# sign and magnitude digits must agree on every operation, and on their sizes where CPython's
# are the same (a small int is 28 bytes, 2**64 is 36).
import sys

print(sys.getsizeof(1000), sys.getsizeof(-1), sys.getsizeof(2**64), sys.getsizeof(-(2**64)))
edges = [0, 1, -1, 2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32 - 1, 2**32, -2**32,
         2**62, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64 - 1, 2**64, -2**64, 2**64 + 1,
         3**100, -(7**77)]
for v in edges:
    print(v, v + 1, v - 1, v * 3, hash(v), v // 7, v % 1000, -v, abs(v), v.bit_length(),
          v.to_bytes(40, "little", signed=True).hex(), v == int(str(v)), v >> 33, v << 5,
          v & 0xFFFF_FFFF_FFFF, v | 1, v ^ -1, float(v) if abs(v) < 2**200 else None)
for a in edges:
    print([(a < b) - (a > b) for b in edges])
total = 0
for i in range(-5, 5):
    total += (2**63 + i) - (2**63) + (-2**63 + i) + 2**63
print(total, sum(edges), max(edges), min(edges), sorted(edges)[:4])
print(int.from_bytes(b"\xff" * 8, "little", signed=True), int.from_bytes(b"\xff" * 8, "little"))
print(int.__itemsize__)
