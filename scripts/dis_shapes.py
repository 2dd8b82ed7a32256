"""Compare arenapy's bytecode with CPython 3.11's for one source file.

    python3 scripts/dis_shapes.py FILE.py [--arenapy target/debug/arenapy]

Both listings are normalized to opcode names and argument reprs, one code object after
another (PRECALL/CACHE/KW_NAMES/PUSH_NULL dropped, jump targets and code addresses
ignored, CPython's directional jump names folded), then diffed. Prints SAME or a diff.
"""
import dis, sys, subprocess, re, io, os
HERE = os.path.dirname(os.path.abspath(__file__))
ARENAPY = sys.argv[sys.argv.index("--arenapy") + 1] if "--arenapy" in sys.argv else os.path.join(HERE, "..", "target", "debug", "arenapy")
TMP = os.path.join(os.environ.get("TMPDIR", "/tmp"), "arenapy_dis_shapes.py")
def norm_cpython(src):
    code = compile(src, "x.py", "exec")
    out = []
    def walk(co):
        out.append("CODE " + co.co_name)
        for ins in dis.get_instructions(co):
            if ins.opname in ("PRECALL", "CACHE", "KW_NAMES"): continue
            arg = ins.argrepr if ins.opname not in ("JUMP_FORWARD","JUMP_BACKWARD","POP_JUMP_FORWARD_IF_FALSE","POP_JUMP_BACKWARD_IF_FALSE","POP_JUMP_FORWARD_IF_TRUE","POP_JUMP_BACKWARD_IF_TRUE","POP_JUMP_FORWARD_IF_NONE","POP_JUMP_FORWARD_IF_NOT_NONE","POP_JUMP_BACKWARD_IF_NONE","POP_JUMP_BACKWARD_IF_NOT_NONE","FOR_ITER","SEND","JUMP_IF_FALSE_OR_POP","JUMP_IF_TRUE_OR_POP","JUMP_BACKWARD_NO_INTERRUPT") else ""
            name = re.sub(r"_(FORWARD|BACKWARD)(?=_IF)", "", ins.opname)
            if name == "JUMP_BACKWARD_NO_INTERRUPT": name = "JUMP_BACKWARD"
            if name == "LOAD_GLOBAL": arg = arg.replace("NULL + ", "")
            if name == "LOAD_METHOD": name = "LOAD_ATTR"
            if "code object" in arg: arg = "<code>"
            out.append(f"{name} {arg}".strip())
        for c in co.co_consts:
            if hasattr(c, "co_code"): walk(c)
    walk(code)
    return out
def norm_ours(src):
    open(TMP,"w").write(src)
    txt = subprocess.run([ARENAPY,"-m","dis",TMP],capture_output=True,text=True).stdout
    out=[]
    for line in txt.splitlines():
        m = re.match(r"Disassembly of <code object (\S+)", line)
        if m: out.append("CODE "+m.group(1)); continue
        m = re.match(r"\s*(?:\d+\s+)?(?:>>\s*)?\d+ ([A-Z_]+)\s*(\S*)\s*(?:\((.*)\))?$", line.rstrip())
        if not m: continue
        name, num, rep = m.group(1), m.group(2), m.group(3)
        if name in ("PUSH_NULL", "KW_NAMES"): continue
        arg = rep if rep is not None else ""
        if name.startswith(("JUMP","POP_JUMP","FOR_ITER","SEND")): arg=""
        if "code object" in arg: arg = "<code>"
        if name == "LOAD_GLOBAL": arg = arg.replace("NULL + ", "")
        if name == "LOAD_METHOD": name = "LOAD_ATTR"
        out.append(f"{name} {arg}".strip())
    if not out or out[0] != "CODE <module>": out.insert(0,"CODE <module>")
    return out
src=open(sys.argv[1]).read()
a=norm_cpython(src); b=norm_ours(src)
import difflib
d=list(difflib.unified_diff(a,b,"cpython","arenapy",lineterm="",n=1))
print("\n".join(d) if d else "SAME")
