# Slot wrappers' __name__, __qualname__, __objclass__, __doc__ and __text_signature__.
for w in [int.__add__, int.__radd__, list.__iadd__, int.__pow__, int.__neg__, list.__len__, int.__lt__, int.__hash__, float.__bool__]:
    print(w.__name__, w.__qualname__, w.__objclass__, repr(w.__doc__), w.__text_signature__)
g = (x for x in [])
print(g.__next__.__doc__, g.__next__.__name__)
print((1).__add__.__doc__, (1).__add__.__name__, (1).__add__.__qualname__)
