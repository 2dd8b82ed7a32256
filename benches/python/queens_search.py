"""Recursive search in the spirit of nqueens: counts the placements of N queens three ways —
backtracking over sets of attacked diagonals, bit masks, and a generator of partial
solutions — and checks that they agree.

Exercises: deep recursion, set membership and mutation, int bit operations, generators with
`yield from`, tuple building.
"""


def count_sets(n):
    cols = set()
    diag1 = set()
    diag2 = set()

    def place(row):
        if row == n:
            return 1
        total = 0
        for c in range(n):
            if c in cols or (row + c) in diag1 or (row - c) in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            total += place(row + 1)
            cols.remove(c)
            diag1.remove(row + c)
            diag2.remove(row - c)
        return total

    return place(0)


def count_bits(n):
    full = (1 << n) - 1

    def place(cols, left, right):
        if cols == full:
            return 1
        total = 0
        free = full & ~(cols | left | right)
        while free:
            bit = free & -free
            free ^= bit
            total += place(cols | bit, ((left | bit) << 1) & full, (right | bit) >> 1)
        return total

    return place(0, 0, 0)


def solutions(n, partial=()):
    row = len(partial)
    if row == n:
        yield partial
        return
    for c in range(n):
        ok = True
        for r, pc in enumerate(partial):
            if pc == c or row - r == abs(c - pc):
                ok = False
                break
        if ok:
            yield from solutions(n, partial + (c,))


def main():
    for n in range(4, 12):
        a = count_sets(n)
        b = count_bits(n)
        print("n=%d sets=%d bits=%d" % (n, a, b))
    sols = list(solutions(9))
    print("n=9 generator solutions=%d first=%s last=%s" % (len(sols), sols[0], sols[-1]))
    checksum = 0
    for s in sols:
        for i, c in enumerate(s):
            checksum = (checksum * 13 + (i + 1) * (c + 1)) % 1000000007
    print("checksum=%d" % checksum)
    print("n=12 bits=%d" % count_bits(12))


main()
