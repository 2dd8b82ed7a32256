# The instance __dict__ of the native I/O objects
import _io as io, gc
b = io.BytesIO(b"x"); b.name = "pic.png"; print(b.name, b.__dict__)
s = io.StringIO(); s.foo = [s]; print(s.foo[0] is s, sorted(s.__dict__))
del s.foo
try: del s.foo
except AttributeError as e: print("AttributeError", e)
f = io.FileIO("/tmp/_arenapy_io_instance_dict.bin", "w"); f.extra = 1; f.name = "renamed"; print(f.extra, f.name); f.close()
base = io._IOBase(); base.x = 3; print(base.x, base.__dict__)
class B(io.BytesIO): pass
bb = B(); bb.y = 2; print(bb.__dict__)
try: b.closed = True
except AttributeError as e: print("AttributeError", e)
s = io.StringIO(); s.me = s; del s; print(gc.collect() >= 0)
