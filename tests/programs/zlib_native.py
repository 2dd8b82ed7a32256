import zlib as z
print(sorted((k, getattr(z, k)) for k in dir(z) if k[0].isupper()))
print(z.error.__module__, z.error.__mro__)
data = b"hello world " * 200 + bytes(range(256)) * 4
cases = [
    lambda: z.compress(b"x", 10), lambda: z.compress(b"x", wbits=40), lambda: z.decompress(b"abc"),
    lambda: z.decompress(z.compress(b"hello")[:-3]), lambda: z.decompress(z.compress(b"hello")[:-1] + b"x"),
    lambda: z.decompress(z.compress(b"a", wbits=31), wbits=15),
    lambda: z.decompressobj().decompress(b"a", -1), lambda: z.decompressobj(wbits=3), lambda: z.compressobj(wbits=3),
    lambda: z.compressobj(level=11), lambda: z.decompress(b""), lambda: z.decompressobj().flush(0),
    lambda: z.compressobj().flush(7), lambda: z.crc32("a"), lambda: z.adler32(b"abc"), lambda: z.adler32(b"abc", 5),
    lambda: z.crc32(b"abc", 1 << 40), lambda: z.decompress(z.compress(b"hi", wbits=31), wbits=47),
    lambda: z.decompress(z.compress(b"hi"), wbits=47), lambda: z.decompress(z.compress(b"hi") + b"junk"),
    lambda: z.decompress(z.compress(b"hi"), wbits=0), lambda: z.decompress(z.compress(b"hi", 9, -9), -15),
    lambda: z.compress(b"hello", wbits=31)[:10], lambda: z.compress(b"", 9, 31)[:10], lambda: z.compress(b"", 1, 31)[:10],
    lambda: z.crc32(data), lambda: z.adler32(data), lambda: z.decompress(z.compress(data, 0)) == data,
    lambda: len(z.compress(b"")) > 0, lambda: z.decompressobj(zdict=1),
]
for i, c in enumerate(cases):
    try:
        print(i, repr(c()))
    except Exception as e:
        print(i, type(e).__name__, e)
for level in range(-1, 10):
    for wbits in (15, -15, 31, 9):
        comp = z.compress(data, level, wbits)
        assert z.decompress(comp, wbits if wbits != 9 else 15) == data, (level, wbits)
        assert z.decompress(comp, 47 if wbits > 0 else wbits) == data
c = z.compressobj(6, z.DEFLATED, 31)
parts = [c.compress(data[i:i + 100]) for i in range(0, len(data), 100)]
c2 = c.copy()
parts.append(c.flush(z.Z_SYNC_FLUSH))
parts.append(c.compress(b"tail"))
parts.append(c.flush())
blob = b"".join(parts)
print(z.decompress(blob, 31) == data + b"tail", z.decompress(c2.flush(), 31) == data if False else "")
d = z.decompressobj(47)
out = b""
for i in range(0, len(blob), 37):
    out += d.decompress(blob[i:i + 37])
print(out == data + b"tail", d.eof, d.unused_data, d.unconsumed_tail)
d = z.decompressobj()
comp = z.compress(data) + b"EXTRA"
out = d.decompress(comp, 100)
print(len(out), len(d.unconsumed_tail) > 0, d.eof)
for _ in range(100):
    if d.eof:
        break
    out += d.decompress(d.unconsumed_tail, 100)
print(out == data, d.eof, d.unused_data)
d = z.decompressobj()
x = d.decompress(comp[:50]); dc = d.copy()
print(x + d.decompress(comp[50:]) == data, x + dc.decompress(comp[50:]) == data, d.unused_data, dc.unused_data)
d = z.decompressobj(); r = d.decompress(comp, 10); r += d.flush(); print(r == data, d.eof, d.unused_data)
print(z.decompressobj().decompress(b"", 5))
