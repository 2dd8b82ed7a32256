# not (a is b) compiles as a is not b (and in/not in likewise); argument annotations are folded.
import dis
def f(a, b):
    return not (a is b), not (a in b), not (a not in b), not (a is not b), not (a == b), not (a < 3 < 4)
print(f(1, [1]), f(2, [1]))
print([i.opname for i in dis.get_instructions(f) if i.opname in ("UNARY_NOT", "IS_OP", "CONTAINS_OP", "COMPARE_OP")])
print([i.arg for i in dis.get_instructions(f) if i.opname in ("IS_OP", "CONTAINS_OP")])
def g():
    def h(x: not (int is int), /, y: 2 * 3 = 1, *a: 1 + 1, k: -(-4), **kw: "a" "b") -> 1 << 2:
        pass
    return h
print(g().__annotations__)
print([i.opname for i in dis.get_instructions(g) if i.opname in ("UNARY_NOT", "BINARY_OP", "UNARY_NEGATIVE")])
