import weakref, gc
class X:
    def m(self): return 'm'
a, b = X(), X()
wv = weakref.WeakValueDictionary(k1=a); wv['k2'] = b
print(sorted(wv), len(wv), wv['k1'] is a, 'k2' in wv)
del b; gc.collect(); print(sorted(wv), len(wv))
wk = weakref.WeakKeyDictionary(); c = X(); wk[c] = 1; wk[a] = 2
print(len(wk), wk[c]); del c; gc.collect(); print(len(wk), list(wk.values()))
ws = weakref.WeakSet([a]); d = X(); ws.add(d); print(len(ws), a in ws); del d; gc.collect(); print(len(ws))
wm = weakref.WeakMethod(a.m); print(wm()(), wm() == a.m)
f = weakref.finalize(a, print, 'finalized'); print(f.alive)
del a; gc.collect(); print(f.alive, wm())
e = X(); f2 = weakref.finalize(e, lambda: print('f2')); print(f2(), f2.alive, f2())
print(weakref.ref, weakref.ProxyType, weakref.getweakrefcount(X()))
for g in [lambda: weakref.WeakValueDictionary()[1], lambda: weakref.WeakKeyDictionary()[X()]]:
    try: g()
    except KeyError as e: print('KeyError')
print(repr(weakref.WeakSet()).startswith('<_weakrefset.WeakSet'), weakref.WeakSet([1]) if False else '')
