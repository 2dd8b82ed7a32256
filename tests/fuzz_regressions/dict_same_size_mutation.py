# fuzz crash: hang
# flags:
# found by: a hazard of the generator
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
        d[k + 100] = 0
except RuntimeError as e:
    print('RuntimeError', e)
print(len(d))
