# gc.callbacks that allocate, build cycles and call gc.collect() themselves: no collection may
# start while one (its callbacks included) is running — automatic, stress or explicit.
import gc

phases = []


def allocating(phase, info):
    junk = [[i] for i in range(30)]
    cyc = []
    cyc.append(cyc)
    phases.append(phase)


def collecting(phase, info):
    if gc.collect() != 0:
        print("nested collection ran during", phase)


gc.callbacks.append(allocating)
gc.callbacks.append(collecting)

nodes = [[] for i in range(2000)]
for i in range(500):
    a = {}
    b = {"a": a}
    a["b"] = b
print("explicit collect found", gc.collect() >= 0)
print("starts and stops pair up:", phases.count("start") == phases.count("stop"))
print("phases alternate:", all(phases[i] != phases[i + 1] for i in range(len(phases) - 1)))
gc.callbacks.clear()
print("after clearing, collect returns an int:", isinstance(gc.collect(), int))
