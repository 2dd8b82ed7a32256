# Times a full collection (gc.collect()) over a heap of N live tracked objects: a list of N
# instances, each holding a reference to the next one. Runs unchanged under arenapy and
# CPython (python3 -S); benches/gc_collect.py drives both and prints the comparison.
#
#   arenapy benches/gc_collect_heap.py N [REPEAT]
#   python3 -S benches/gc_collect_heap.py N [REPEAT]
#
# Prints one line: "N <n> tracked <t> build <s> collect-best <s> collect-median <s>".
import gc
import sys
import time


class Node:
    def __init__(self, nxt):
        self.next = nxt


n = int(sys.argv[1])
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 5

gc.disable()  # no automatic collections while building: only the timed ones
t0 = time.perf_counter()
nodes = []
prev = None
for i in range(n):
    prev = Node(prev)
    nodes.append(prev)
prev = None
build = time.perf_counter() - t0

gc.collect()  # everything now sits in the oldest generation
times = []
for _ in range(repeat):
    t0 = time.perf_counter()
    gc.collect()
    times.append(time.perf_counter() - t0)
times.sort()
print(
    "N %d build %.3f collect-best %.6f collect-median %.6f"
    % (n, build, times[0], times[len(times) // 2])
)
