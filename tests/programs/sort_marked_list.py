# While list.sort runs, the list is empty and marked: changes that leave an empty list empty
# are not changes (CPython 3.11), anything that adds an item is, even if it is removed again;
# a sort of the same list from inside the sort leaves it marked.
ops = [
    "L.clear()",
    "L.extend([])",
    "L.extend(())",
    "L += []",
    "L *= 2",
    "L[:] = []",
    "del L[:]",
    "L.reverse()",
    "L.sort()",
    "L.sort(key=str)",
    "L.append(1); L.pop()",
    "L.insert(0, 1); L.pop()",
    "L.append(1); L.clear()",
    "L.append(1); del L[:]",
    "L[:] = [5]; L.pop()",
    "L.extend([1, 2]); L[:] = []",
    "L.append(1)",
]
for op in ops:
    L = [3, 1, 2]
    calls = []

    def key(x, op=op):
        calls.append(len(L))
        exec(op, {"L": L})
        return x

    try:
        L.sort(key=key)
        print(op, "->", L, calls)
    except ValueError as e:
        print(op, "-> ValueError:", e, L, calls)
