# open(): text and binary files, reading, writing, modes, errors
# Per-process names (the test may run concurrently with itself); Linux's /proc gives the pid.
with open("/proc/self/stat") as _f:
    pid = _f.read().split()[0]
base = "/tmp/_arenapy_files_io_" + pid
path = base + ".txt"

with open(path, "w") as f:
    print(type(f).__name__, f.mode, f.encoding, f.closed, f.name == path, f.writable(), f.readable())
    print(f.write("first line\n"), f.write("second line\n"))
    f.writelines(["third\n", "fourth"])
    print(f"{f.tell()}")
print(f.closed)

f = open(path)
print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()))
print(f.readlines())
print(repr(f.read()), repr(f.readline()))
f.seek(0)
print(repr(f.read(5)), f.tell())
f.close()
for op in (f.read, f.readline, lambda: iter(f), lambda: f.write("x")):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)

with open(path) as f:
    for i, line in enumerate(f):
        print(i, repr(line))

with open(path, "a") as f:
    f.write("\nappended")
with open(path) as f:
    print(f.read().splitlines())

# print to a file
with open(path, "w") as f:
    print("via print", 1, 2, sep="-", file=f)
    print("second", file=f)
with open(path) as f:
    print(repr(f.read()))

# newline handling
with open(path, "w", newline="") as f:
    f.write("a\r\nb\rc\n")
with open(path) as f:
    print(repr(f.read()))
with open(path, newline="") as f:
    print(f.readlines())
with open(path, "rb") as f:
    print(f.read())
with open(path, "w", newline="\r\n") as f:
    f.write("x\ny\n")
with open(path, "rb") as f:
    data = f.read()
    print(type(f).__name__, f.mode, data, len(data))

# binary
bpath = base + ".bin"
with open(bpath, "wb") as f:
    print(type(f).__name__, f.write(b"\x00\x01binary\xff"), f.write(bytearray(b"!")))
with open(bpath, "rb") as f:
    print(f.read(2), f.tell(), f.read())
    f.seek(-3, 2)
    print(f.read(), f.seek(1), f.read(3))
with open(bpath, "r+b") as f:
    print(type(f).__name__)
    f.seek(2)
    f.write(b"BIN")
    f.seek(0)
    print(f.read())

# r+ and w+ text
with open(path, "w+") as f:
    f.write("hello world")
    f.seek(0)
    print(repr(f.read()))
with open(path, "r+") as f:
    print(repr(f.read(5)))
    f.write("!!")
with open(path) as f:
    print(repr(f.read()))

# encodings
with open(path, "w", encoding="latin-1") as f:
    print(f.encoding)
    f.write("caf\xe9")
with open(path, "rb") as f:
    print(f.read())
with open(path, encoding="latin-1") as f:
    print(f.read())
try:
    with open(path, encoding="utf-8") as f:
        f.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
with open(path, "w", encoding="utf-8") as f:
    f.write("\u00e9\u4e2d")
with open(path, encoding="utf-8") as f:
    print(f.read(1), f.read())

# errors
def attempt(fn):
    try:
        fn()
        print("no error")
    except OSError as e:
        print(type(e).__name__, str(e).replace(pid, "PID"), e.errno, e.strerror)
    except (ValueError, TypeError, LookupError) as e:
        print(type(e).__name__, e)


attempt(lambda: open("definitely_missing_file.txt"))
attempt(lambda: open("."))
attempt(lambda: open(path, "rw"))
attempt(lambda: open(path, "rr"))
attempt(lambda: open(path, "b"))
attempt(lambda: open(path, "rb", encoding="utf-8"))
attempt(lambda: open(path, newline="x"))
attempt(lambda: open(path, encoding="no-such-codec"))
attempt(lambda: open(path, "x"))
attempt(lambda: open(3.5))
attempt(lambda: open(path, "wb").write("text"))
attempt(lambda: open(path, "w").write(b"bytes"))
attempt(lambda: open(path, "w").read())
attempt(lambda: open(path).write("x"))

e = OSError(2, "No such file or directory", "x.txt")
print(type(e).__name__, e, e.args, e.errno, e.filename)
print(type(OSError(13, "denied")).__name__, OSError("plain"), OSError("plain").errno)
print(IOError is OSError, EnvironmentError is OSError)
print(isinstance(FileNotFoundError(), OSError))

# No os.remove yet: leave the files empty.
open(path, "w").close()
open(bpath, "wb").close()

# input() at the end of standard input (the tests run with stdin closed)
try:
    input("name? ")
except EOFError as e:
    print("EOFError", e)
try:
    input("a", "b")
except TypeError as e:
    print("TypeError", e)
