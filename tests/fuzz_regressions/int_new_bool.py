# fuzz crash: panic: src/object/layout.rs:265
# flags:
# found by: a probe of X.__new__(Y) over builtin types, now a hazard of the generator
try:
    print(int.__new__(bool, 1))
except TypeError as e:
    print('TypeError', e)
