# OSError subclasses, errno values, messages and file names as CPython reports them.
import posix, errno

def attempt(label, f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(label, type(e).__name__, "|", e, "|", e.args, getattr(e, "errno", None),
              getattr(e, "filename", None), getattr(e, "filename2", None))
    else:
        print(label, "no error")

attempt("stat", posix.stat, "no/such/file")
attempt("stat bytes", posix.stat, b"no-such")
attempt("lstat", posix.lstat, "no-such")
attempt("open", posix.open, "no-such", posix.O_RDONLY)
attempt("mkdir", posix.mkdir, ".")
attempt("rmdir", posix.rmdir, "no-such-dir")
attempt("unlink", posix.unlink, "no-such")
attempt("rename", posix.rename, "no-such-a", "no-such-b")
attempt("listdir", posix.listdir, "no-such-dir")
attempt("scandir", posix.scandir, "no-such-dir")
attempt("chdir", posix.chdir, "no-such-dir")
attempt("readlink", posix.readlink, "/")
attempt("close", posix.close, 987654)
attempt("read", posix.read, 987654, 1)
attempt("write", posix.write, 987654, b"x")
attempt("kill", posix.kill, 2**22 + 12345, 0)
attempt("waitpid", posix.waitpid, -1, 0)
attempt("type", posix.stat, [1])
attempt("type mkdir", posix.mkdir, 3)
attempt("type listdir", posix.listdir, 3.5)
attempt("null", posix.stat, "a\0b")
attempt("fspath", posix.fspath, 3)
attempt("write str", posix.write, 1, "text")
attempt("utime", posix.utime, ".", 5)
attempt("utime ns", posix.utime, ".", ns=5)

class Bad:
    def __fspath__(self):
        return 3
attempt("bad fspath", posix.fspath, Bad())
e = OSError(errno.ENOENT, "No such file or directory", "x")
print(type(e).__name__, e)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EAGAIN], errno.EWOULDBLOCK == errno.EAGAIN)
print(len(errno.errorcode), errno.ENOTSUP == errno.EOPNOTSUPP, errno.errorcode[95])
print(posix.strerror(errno.EACCES), posix.strerror(errno.EPIPE))
print(posix.error is OSError)
