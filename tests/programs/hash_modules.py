import _md5, _sha1, _sha256, _sha512, _sha3, _blake2
print(type(_md5.md5()).__name__, type(_md5.md5()).__module__, type(_sha256.sha224()).__name__, type(_sha3.shake_128()).__module__)
h = _sha3.sha3_256(); print(h._capacity_bits, h._rate_bits, h._suffix, h.block_size)
for c in ['_md5.md5("x")', '_md5.md5(1)', '_md5.md5().update("x")', '_md5.md5().update(1)',
          '_md5.md5(string=b"a").hexdigest()', '_md5.md5(b"a", usedforsecurity=False).hexdigest()',
          '_sha3.shake_128(b"x").digest()', '_sha3.shake_128(b"x").hexdigest(-1)',
          '_sha3.shake_128(b"x").hexdigest(5)', '_sha3.shake_256(b"x").digest(7)', '_blake2.blake2b(digest_size=0)',
          '_blake2.blake2b(key=b"x"*65)', '_blake2.blake2b(salt=b"x"*17)', '_blake2.blake2s(person=b"x"*9)',
          '_blake2.blake2b(b"a",digest_size=20,key=b"k",salt=b"s",person=b"p").hexdigest()',
          '_blake2.blake2s(b"a",digest_size=20,key=b"k"*32,salt=b"s",person=b"p").hexdigest()',
          '_blake2.blake2b(key=b"k").hexdigest()',
          '_blake2.blake2s(b"abc").hexdigest()', '_blake2.blake2b(data=b"x")',
          '_sha3.sha3_224(data=b"x")', '_md5.md5(b"", b"")', '_blake2.blake2b.SALT_SIZE', '_blake2.blake2s.MAX_DIGEST_SIZE', '_blake2.BLAKE2S_SALT_SIZE',
          '_sha256.sha256().name', '_sha512.sha384().digest_size', '_blake2.blake2b(digest_size=7).digest_size',
          '_sha1.sha1(b"abc").hexdigest()', '_sha256.sha224(b"abc").hexdigest()', '_sha256.sha256(bytearray(b"abc")).hexdigest()',
          '_sha512.sha384(memoryview(b"abc")).hexdigest()', '_sha512.sha512(b"abc").hexdigest()',
          '[getattr(_sha3, n)(b"abc").hexdigest() for n in ("sha3_224","sha3_256","sha3_384","sha3_512")]',
          '[(getattr(_sha3, n)().block_size, getattr(_sha3, n)().digest_size, getattr(_sha3, n)().name) for n in ("sha3_224","sha3_256","sha3_384","sha3_512","shake_128","shake_256")]',
          ]:
    try:
        print(c, repr(eval(c)))
    except Exception as e:
        print(c, type(e).__name__, e)
h = _md5.md5(b"ab"); g = h.copy(); g.update(b"c"); print(h.hexdigest(), g.hexdigest(), h.digest())
h = _blake2.blake2b(b"ab", digest_size=10); g = h.copy(); g.update(b"c"); print(h.hexdigest(), g.hexdigest(), g.digest_size)
big = bytes(range(256)) * 40
for ctor in (_md5.md5, _sha1.sha1, _sha256.sha256, _sha512.sha512, _sha3.sha3_256, _blake2.blake2b, _blake2.blake2s):
    h = ctor()
    for i in range(0, len(big), 333):
        h.update(big[i:i + 333])
    print(h.name, h.hexdigest() == ctor(big).hexdigest(), h.hexdigest()[:16])
