# File-system calls of the native posix module, in a scratch directory of its own.
import posix

base = "posix_fs_scratch_%d" % posix.getpid()

posix.mkdir(base, 0o755)
st = posix.stat(base)
print("dir mode", oct(st.st_mode & 0o170000), st.st_nlink >= 2)
fd = posix.open(base + "/a.txt", posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print("inheritable", posix.get_inheritable(fd), "blocking", posix.get_blocking(fd))
print("wrote", posix.write(fd, b"hello world\n"))
print("wrote", posix.write(fd, bytearray(b"again\n")), posix.write(fd, memoryview(b"mv")))
posix.close(fd)
st = posix.stat(base + "/a.txt")
print("size", st.st_size, st[6], len(st), type(st.st_mtime).__name__, type(st[8]).__name__)
print("mode", oct(st.st_mode & 0o777), st.st_mtime_ns // 10**9 == st[8])
print(posix.stat_result.n_fields, posix.stat_result.n_sequence_fields, posix.stat_result.n_unnamed_fields)

fd = posix.open(base + "/a.txt", posix.O_RDONLY)
print(posix.read(fd, 5), posix.lseek(fd, 0, 1), posix.lseek(fd, -3, 2), posix.read(fd, 100))
print(posix.fstat(fd).st_size, posix.isatty(fd))
fd2 = posix.dup(fd)
print("dup inheritable", posix.get_inheritable(fd2))
posix.set_inheritable(fd2, True)
print("now", posix.get_inheritable(fd2))
posix.close(fd2)
posix.close(fd)

posix.rename(base + "/a.txt", base + "/b.txt")
posix.link(base + "/b.txt", base + "/c.txt")
posix.symlink("b.txt", base + "/l.txt")
print(sorted(posix.listdir(base)), sorted(posix.listdir(base.encode())))
print(posix.readlink(base + "/l.txt"), posix.readlink((base + "/l.txt").encode()))
print(posix.stat(base + "/c.txt").st_nlink, posix.lstat(base + "/l.txt").st_mode & 0o170000 == 0o120000)
print(posix.stat(base + "/l.txt", follow_symlinks=False).st_size)
posix.chmod(base + "/b.txt", 0o600)
print(oct(posix.stat(base + "/b.txt").st_mode & 0o777))
posix.utime(base + "/b.txt", (1000000000, 1000000001))
st = posix.stat(base + "/b.txt")
print(st.st_atime, st.st_mtime, st.st_mtime_ns)
posix.utime(base + "/b.txt", ns=(5 * 10**9 + 5, 6 * 10**9 + 6))
print(posix.stat(base + "/b.txt").st_mtime_ns)
posix.truncate(base + "/b.txt", 4)
print(posix.stat(base + "/b.txt").st_size)
print(posix.access(base + "/b.txt", posix.R_OK), posix.access(base + "/nope", posix.F_OK))

with posix.scandir(base) as it:
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path.replace(base, 'BASE'), e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_file(follow_symlinks=False), e.stat().st_size, e.inode() == e.stat(follow_symlinks=False).st_ino)
print(posix.fspath(entries[0]).replace(base, 'BASE'))
for e in posix.scandir(base.encode()):
    print(type(e.name).__name__, type(e.path).__name__)
    break

class P:
    def __fspath__(self):
        return base + "/b.txt"
print(posix.stat(P()).st_size, posix.fspath(P()).replace(base, "BASE"), posix.fspath(b"x"), posix.fspath("y"))

old = posix.getcwd()
posix.chdir(base)
print(posix.getcwd() == old + "/" + base, posix.getcwdb() == (old + "/" + base).encode())
posix.chdir("..")
for n in posix.listdir(base):
    posix.remove(base + "/" + n)
posix.rmdir(base)
print(base in posix.listdir("."))
r, w = posix.pipe()
posix.write(w, b"through the pipe")
posix.close(w)
print(posix.read(r, 100), posix.read(r, 100))
posix.close(r)
old_mask = posix.umask(0o22)
print(posix.umask(old_mask) == 0o22)
