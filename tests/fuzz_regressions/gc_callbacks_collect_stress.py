# fuzz crash: abort: stack overflow
# flags: --gc-stress 1
# found by: trying bad input by hand (a callback calling gc.collect() under stress)
import gc
gc.callbacks.append(lambda phase, info: gc.collect())
x = [[] for i in range(50)]
print("ok")
