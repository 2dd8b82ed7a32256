# fuzz crash: panic: src/object/layout.rs:265
# flags: 
# found by: generated: case seed 16388559154803369449, 30 statements
def show(x, d=0):
    return r[:300]
try:
    class C1:
        def __init__(self, v=0):
            self.v = v
        __slots__ = ('v', 'other', 'me', '__dict__', '__weakref__')
    class C12(dict, C1):
        def __len__(self):
            return 3
    class C15(C12):
        kind = C1((10**20))
    print(23, show(o16))
except Exception as e:
    o16 = []
    print(28, show(sorted([o16, C15(1), C15(-1)])))
