# Exceptions stored in locals: frame -> traceback -> frame cycles.
import gc
import weakref

log = []


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


def fail(depth):
    if depth == 0:
        raise ValueError("deep")
    fail(depth - 1)


def keep_exception(name):
    t = Tracked(name)
    try:
        fail(3)
    except ValueError as e:
        saved = e  # the frame holds the exception, whose traceback holds the frame
    return weakref.ref(t)


refs = [keep_exception("t%d" % i) for i in range(4)]
gc.collect()
print(sorted(log), [r() is None for r in refs])


def chained():
    t = Tracked("chained")
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            raise RuntimeError("outer") from e
    except RuntimeError as e2:
        err = e2
    return weakref.ref(t), type(err.__cause__).__name__


r1, cause = chained()
gc.collect()
print(log[-1], r1() is None, cause)


class Catcher:
    def run(self):
        try:
            1 / 0
        except ZeroDivisionError as e:
            self.err = e  # instance -> exception -> traceback -> frame -> instance


c = Catcher()
c.run()
r = weakref.ref(c)
print(type(c.err).__name__, c.err.__traceback__ is not None)
del c
gc.collect()
print("catcher collected", r() is None)

# A traceback kept alive after the function returned, then dropped.
def tb_holder():
    try:
        raise TypeError("x")
    except TypeError as e:
        return e


e = tb_holder()
print(type(e).__name__, e.__traceback__ is not None)
del e
gc.collect()
print("done")
