# _opcode.stack_effect and Lib/dis.py over arenapy's code objects (co_code, co_exceptiontable,
# co_positions and co_lines in CPython 3.11's formats).
import dis
import opcode
import _opcode

print(_opcode.stack_effect(opcode.opmap["LOAD_CONST"], 0))
print(_opcode.stack_effect(opcode.opmap["FOR_ITER"], 3), _opcode.stack_effect(93, 3, jump=True),
      _opcode.stack_effect(93, 3, jump=False))
print(dis.stack_effect(opcode.opmap["BUILD_TUPLE"], 4), dis.stack_effect(opcode.opmap["POP_TOP"]))
print(dis.stack_effect(opcode.opmap["MAKE_FUNCTION"], 0x0f), dis.stack_effect(opcode.opmap["LOAD_GLOBAL"], 3))
for bad in [(1, 1), (100,), (3,), (100, 0, 1)]:
    try:
        if len(bad) == 3:
            _opcode.stack_effect(bad[0], bad[1], jump=bad[2])
        else:
            _opcode.stack_effect(*bad)
    except ValueError as e:
        print("ValueError", e)


def add(a, b):
    return a + b * 2


def loop(n):
    total = 0
    for i in n:
        total += i
    return total


def attr(o):
    o.x = o.y
    return o[0]


for f in (add, attr):
    dis.dis(f)
    co = f.__code__
    print(len(co.co_code), co.co_code == co._co_code_adaptive, list(co.co_lines())[:3])

code = compile("try:\n    x = 1\nexcept E:\n    x = 2\n", "<m>", "exec")
entries = dis._parse_exception_table(code)
offsets = {i.offset for i in dis.get_instructions(code)}
print(len(entries) > 0, all(e.target in offsets and e.start in offsets for e in entries))
print(len(list(code.co_positions())) * 2 == len(code.co_code))
print([i.opname for i in dis.get_instructions(add)])
