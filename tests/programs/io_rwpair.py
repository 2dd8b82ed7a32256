# _io.BufferedRWPair: a reader and a writer joined into one stream
import _io as io
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
p = io.BufferedRWPair(io.BytesIO(b'in\nput'), io.BytesIO(), 4)
t(lambda: (p.read(2), p.peek(1)[:1], p.read1(1), p.readline(), p.readinto(bytearray(2)), p.readinto1(bytearray(1))))
t(lambda: (p.write(b'out'), p.flush()))
t(lambda: (p.readable(), p.writable(), p.seekable(), p.isatty(), p.closed))
t(lambda: p.seek(0)); t(lambda: p.tell()); t(lambda: p.fileno()); t(lambda: p.detach()); t(lambda: p.truncate())
t(lambda: io.BufferedRWPair()); t(lambda: io.BufferedRWPair(1)); t(lambda: io.BufferedRWPair(io.BytesIO(), io.BytesIO(), 0)); t(lambda: io.BufferedRWPair(io.BytesIO(), io.BytesIO(), a=1))
t(lambda: io.BufferedRWPair(io.BufferedWriter(io.BytesIO()), io.BytesIO()))
t(lambda: p.close()); t(lambda: p.closed); t(lambda: p.read())
t(lambda: repr(p)[:20])
