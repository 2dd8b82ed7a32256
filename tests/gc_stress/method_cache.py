# The method cache under collection pressure: classes made and dropped while their methods are
# cached, class attributes reassigned between calls, hooks added to classes with live
# instances, finalizers that look attributes up while the collector runs.
import gc
import weakref


def make_class(i):
    class Node:
        def __init__(self, v):
            self.v = v
            self.me = self  # a cycle through the instance

        def value(self):
            return self.v + i

    return Node


refs = []
total = 0
for i in range(30):
    cls = make_class(i)
    n = cls(i)
    total += n.value() + n.value()
    refs.append(weakref.ref(cls))
    del cls, n
gc.collect()
print("total", total, "classes alive", sum(r() is not None for r in refs))


class Base:
    def f(self):
        return "base"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


leaf = Leaf()
out = []
for step in range(6):
    out.append(leaf.f())
    if step == 1:
        Mid.f = lambda self: "mid"
    elif step == 3:
        del Mid.f
    elif step == 4:
        Base.f = lambda self: "new base"
print(out)


class Finalized:
    def __del__(self):
        # Looks attributes up while the collector is finalizing.
        print("del sees", Leaf().f(), type(self).label)


Finalized.label = "label"
for _ in range(3):
    x = Finalized()
    x.cycle = x
    del x
    gc.collect()


class Late:
    pass


objs = [Late() for _ in range(5)]
Late.__getattr__ = lambda self, name: "late " + name
print([o.anything for o in objs][:2])
del Late.__getattr__
try:
    objs[0].anything
except AttributeError as e:
    print("AttributeError:", e)


class Holder:
    pass


class Payload:
    def __del__(self):
        print("payload freed")


Holder.p = Payload()
Holder.p
Holder.p
del Holder.p
print("after del")
gc.collect()
print("done")
