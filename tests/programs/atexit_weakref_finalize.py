import atexit, weakref
def bye(*a, **k): print('bye', a, k)
def boom(): raise ValueError('x')
atexit.register(bye, 1, k=2)
atexit.register(boom)
atexit.register(print, 'first registered last run')
atexit.register(bye, 'dropped'); atexit.unregister(print)
print(atexit._ncallbacks())
class X: pass
x = X()
f = weakref.finalize(x, print, 'finalized at exit')
print(f.alive, f.atexit)
try: atexit.register(1)
except TypeError as e: print(e)
