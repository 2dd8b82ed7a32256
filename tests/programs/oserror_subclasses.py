# OSError(errno, strerror[, filename]) constructs the subclass errno selects, as CPython does;
# I/O failures raise the same subclasses.
cases = [
    (1, "PermissionError"), (2, "FileNotFoundError"), (3, "ProcessLookupError"),
    (4, "InterruptedError"), (10, "ChildProcessError"), (11, "BlockingIOError"),
    (13, "PermissionError"), (17, "FileExistsError"), (20, "NotADirectoryError"),
    (21, "IsADirectoryError"), (32, "BrokenPipeError"), (103, "ConnectionAbortedError"),
    (104, "ConnectionResetError"), (110, "TimeoutError"), (111, "ConnectionRefusedError"),
    (5, "OSError"), (28, "OSError"),
]
for code, name in cases:
    e = OSError(code, "message")
    print(code, type(e).__name__, type(e).__name__ == name, e.errno, e.strerror, str(e))

print(type(OSError(2, "x", "f.txt")).__name__, OSError(2, "x", "f.txt"))
print(type(OSError(2)).__name__, OSError(2).errno)
print(type(OSError("a", "b")).__name__)


class Mine(OSError):
    pass


print(type(Mine(2, "x")).__name__)
print(isinstance(BrokenPipeError(32, "p"), ConnectionError))

for path, mode in [("/nonexistent/file", "r"), ("/", "r"), ("/proc/self", "w")]:
    try:
        open(path, mode)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)
