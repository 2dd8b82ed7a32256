# fuzz crash: abort: stack overflow
# flags:
# found by: trying bad input by hand (a gc.callbacks callback allocating re-entered the collector)
import gc
gc.callbacks.append(lambda phase, info: None)
x = [[] for i in range(2000)]
print("ok")
