# stress: 20000
# Deep structures: freed by reference counting and by the collector without overflowing the
# native stack.
import gc
import weakref

# Automatic collections every 700 allocations would each be verified over the whole (large)
# heap under --gc-verify; the stress interval above still collects every 20000 allocations.
gc.disable()


class Holder:
    pass


deep = []
for i in range(100000):
    deep = [deep]
del deep
print("deep list freed")

d = {}
for i in range(20000):
    d = {"k": d}
del d
print("deep dict freed")

# A deep chain hanging off a cycle: the collector clears the cycle and the chain goes with it.
h = Holder()
h.me = h
chain = []
for i in range(100000):
    chain = [chain]
h.chain = chain
del chain
w = weakref.ref(h)
del h
gc.collect()
print("deep chain in a cycle collected", w() is None)

# A long ring of instances (a cycle of length 5000).
first = Holder()
node = first
for i in range(5000):
    nxt = Holder()
    node.next = nxt
    node = nxt
node.next = first
w = weakref.ref(first)
del first, node, nxt
gc.collect()
print("long ring collected", w() is None)

# A deep tuple chain.
t = ()
for i in range(20000):
    t = (t, i)
del t
print("deep tuple freed")

# A deep chain of instances whose finalizers allocate (and so may collect) while most of the
# chain waits in the deferred-deallocation queue.
gc.enable()
finalized = []


class Link:
    def __del__(self):
        finalized.append([None])


head = None
for i in range(20000):
    link = Link()
    link.next = head
    head = link
del link
head = None
gc.collect()
print("deep finalizer chain freed", len(finalized))
