# A program whose heap is worth looking at: it builds a table of records (many small
# objects), keeps every tenth one, builds reference cycles that only the cycle collector can
# free, then grows one big list. Its output is the same under every allocator.

class Record:
    def __init__(self, key, payload):
        self.key = key
        self.payload = payload
        self.peer = None


def build_table(n):
    # Line 14: most of the program's allocations happen here.
    return [Record(i, [i] * 8) for i in range(n)]


def keep_some(table):
    return [r for r in table if r.key % 10 == 0]


def make_cycles(n):
    for i in range(n):
        a = Record(i, "a")
        b = Record(i, "b")
        a.peer = b
        b.peer = a


def grow(n):
    big = []
    for i in range(n):
        big.append(str(i))
    return big


table = build_table(5000)
kept = keep_some(table)
del table
make_cycles(2000)
big = grow(20000)
print("kept", len(kept), "records; big list of", len(big), "strings")
print("checksum", sum(r.key for r in kept) + len("".join(big)))
