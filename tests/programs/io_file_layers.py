# The layers under open()'s file objects: buffer of text files, raw/peek/read1/readinto of
# binary files, reconfigure, and the standard streams' buffer
import sys

with open("/proc/self/stat") as _f:
    pid = _f.read().split()[0]
p = "/tmp/_arenapy_io_file_layers_" + pid + ".txt"

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, str(e).replace(p, "P"))

with open(p, "w") as f:
    f.write("h\xe9llo\n")
    f.buffer.write(b"raw\n")
    f.write("after\n")
print(repr(open(p).read()))
with open(p) as f:
    print(repr(f.readline()), f.buffer.read(3), repr(f.read()))
with open(p, "rb") as f:
    print(f.peek(2)[:2], f.read1(3), f.readinto(bytearray(2)), f.raw.mode, f.read())
with open(p, "r+") as f:
    f.reconfigure(encoding="latin-1")
    print(repr(f.read()), f.encoding, f.errors)
    f.reconfigure(newline="", errors="replace")
    print(f.errors)
t(lambda: open(p).reconfigure(newline="x"))
t(lambda: open(p).reconfigure("utf-8"))
t(lambda: open(p, "rb").reconfigure())
t(lambda: open(p).peek())
print(hasattr(open(p), "buffer"), hasattr(open(p, "rb"), "raw"), hasattr(open(p, "rb"), "buffer"))
print(type(open(p)), type(open(p, "rb")), type(open(p, "wb")), type(open(p, "r+b")))
print("x")
sys.stdout.buffer.write(b"bytes\n")
print("y", flush=True)
sys.stdout.buffer.write(b"more\n")
sys.stdout.write("z\n")
print(type(sys.stdout), sys.stdout.buffer.mode, sys.stdin.buffer.mode)
print(sys.stdout.errors, sys.stderr.errors, sys.stdout.mode, sys.stdin.mode, sys.stdout.newlines)
print(sys.stdout.writable(), sys.stdin.readable(), sys.stdout.readable(), sys.stdin.writable())
print(sys.stdout.reconfigure(line_buffering=False), sys.stdout.line_buffering)
t(lambda: print("x", file=sys.stdout.buffer))
t(lambda: sys.stdout.buffer.write("s"))
t(lambda: sys.stdout.reconfigure(1))
sys.stdout.writelines(["w1\n", "w2\n"])
open(p, "w").close()
