import tracemalloc
tracemalloc.start(5)
class Box:
    pass
def inner():
    return Box()
def outer():
    return inner()
keep = outer()
tb = tracemalloc.get_object_traceback(keep)
print(len(tb), [f.lineno for f in tb])
print(tb.format()[-1].strip())
print(tracemalloc.get_object_traceback(object) is None)
