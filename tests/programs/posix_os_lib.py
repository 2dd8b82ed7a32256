# CPython's own os, os.path, stat and genericpath over the native posix module, in a
# scratch tree of this process.
import os, os.path, stat

base = "posix_os_scratch_%d" % os.getpid()
os.makedirs(os.path.join(base, "a", "b"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print("FileExistsError", str(e).replace(base, "BASE"))
with open(os.path.join(base, "a", "f.txt"), "w") as f:
    f.write("data")
os.symlink("f.txt", os.path.join(base, "a", "link"))
print(os.path.getsize(os.path.join(base, "a", "f.txt")), os.path.isdir(base), os.path.islink(base))
print(os.path.islink(os.path.join(base, "a", "link")), os.path.exists(os.path.join(base, "nope")))
print(os.path.samefile(base, "./" + base), os.path.realpath(os.path.join(base, "a", "link")).endswith("f.txt"))

def show(walker):
    for root, dirs, files in walker:
        print(root.replace(base, "BASE"), sorted(dirs), sorted(files))

show(os.walk(base))
show(os.walk(base, topdown=False))
print("fwalk" in dir(os))
for root, dirs, files, rootfd in os.fwalk(base):
    print(root.replace(base, "BASE"), sorted(dirs), sorted(files), os.stat(".", dir_fd=rootfd).st_mode == os.stat(root).st_mode)

fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY)
print(sorted(os.listdir(fd)), os.stat("a", dir_fd=fd).st_nlink)
os.mkdir("c", dir_fd=fd)
os.rename("c", "d", src_dir_fd=fd, dst_dir_fd=fd)
print(sorted(e.name for e in os.scandir(fd)), [e.is_dir() for e in os.scandir(fd) if e.name == "d"])
os.rmdir("d", dir_fd=fd)
print(os.readlink("a/link", dir_fd=fd), os.access("a/f.txt", os.R_OK, dir_fd=fd))
os.close(fd)
print(stat.filemode(os.lstat(os.path.join(base, "a", "link")).st_mode)[0])

os.environ["ARENAPY_TEST_VAR"] = "value"
print(os.environ["ARENAPY_TEST_VAR"], os.getenv("ARENAPY_TEST_VAR"), os.environb[b"ARENAPY_TEST_VAR"])
del os.environ["ARENAPY_TEST_VAR"]
print(os.getenv("ARENAPY_TEST_VAR", "gone"))
print(os.fsencode("abc"), os.fsdecode(b"abc"), os.fspath("x"), isinstance(os.get_exec_path(), list))
print(os.path.abspath(".") == os.getcwd())
for root, dirs, files in os.walk(base, topdown=False):
    for name in files:
        os.remove(os.path.join(root, name))
    for name in dirs:
        os.rmdir(os.path.join(root, name))
os.rmdir(base)
print(os.path.exists(base))
print(os.stat in os.supports_fd, os.open in os.supports_dir_fd, os.stat in os.supports_follow_symlinks)
print(os.SEEK_SET, os.SEEK_CUR, os.SEEK_END, os.O_RDONLY, os.O_CREAT, os.sep, os.pathsep, os.devnull)
print(os.waitstatus_to_exitcode(256), os.strerror(2), type(os.times()).__name__, len(os.times()))
r, w = os.pipe()
os.write(w, b"abc")
print(os.read(r, 3))
os.close(r)
os.close(w)
try:
    os.stat(os.path.join(base, "gone"))
except FileNotFoundError as e:
    print(e.errno, e.strerror, e.filename.replace(base, "BASE"))
print(repr(os.stat_result(range(10))))
print(os.terminal_size((80, 24)), os.terminal_size((80, 24)).columns)
