# Processes: ids, wait statuses, fork_exec (what subprocess uses), select/poll and _exit.
import posix, _posixsubprocess, select

print(posix.getpid() > 0, posix.getppid() > 0, posix.getuid() == posix.geteuid())
print(posix.WIFEXITED(0), posix.WEXITSTATUS(3 << 8), posix.WIFSIGNALED(9), posix.WTERMSIG(9))
print(posix.waitstatus_to_exitcode(3 << 8), posix.waitstatus_to_exitcode(9))
print(posix.WIFSTOPPED(0x137f), posix.WSTOPSIG(0x137f))

def run(argv, exe, cwd=None, env=None):
    r, w = posix.pipe()
    er, ew = posix.pipe()
    pid = _posixsubprocess.fork_exec(
        argv, [exe], True, (ew,), cwd, env, -1, -1, r, w, -1, -1, er, ew,
        True, False, -1, None, None, None, -1, None, True)
    posix.close(w)
    posix.close(ew)
    out = b""
    while True:
        chunk = posix.read(r, 4096)
        if not chunk:
            break
        out += chunk
    err = posix.read(er, 100)
    posix.close(r)
    posix.close(er)
    _, status = posix.waitpid(pid, 0)
    return out, err, posix.waitstatus_to_exitcode(status)

print(run([b"echo", b"hello", b"child"], b"/bin/echo"))
print(run([b"sh", b"-c", b"echo $GREETING; exit 3"], b"/bin/sh", env=[b"GREETING=hi"]))
print(run([b"pwd"], b"/bin/pwd", cwd=b"/"))
print(run([b"x"], b"/no/such/program"))
print(run([b"x"], b"/bin/echo", cwd=b"/no/such/dir"))

r, w = posix.pipe()
p = select.poll()
p.register(r, select.POLLIN)
print(p.poll(0))
posix.write(w, b"x")
print([(fd == r, ev) for fd, ev in p.poll(1000)])
print(select.select([r], [w], [], 0) == ([r], [w], []))
p.unregister(r)
try:
    p.unregister(r)
except KeyError as e:
    print("KeyError", e.args[0] == r)
posix.close(r)
posix.close(w)

pid = posix.fork()
if pid == 0:
    posix._exit(7)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))

print(posix.major(0x10305), posix.minor(0x10305), posix.makedev(1, 2), len(posix.getloadavg()))
print(posix.getpgid(0) == posix.getpgrp(), posix.getsid(0) >= 0)
for f, a in [(posix.getpgid, (2**22 + 12345,)), (posix.major, (-1,)), (posix.makedev, (1,))]:
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)
