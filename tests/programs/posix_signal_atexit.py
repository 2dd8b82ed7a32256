# Python signal handlers run at safe points; atexit callbacks run last-first at exit.
import _signal, posix, atexit

got = []
def handler(sig, frame):
    got.append(sig)

print(_signal.signal(_signal.SIGUSR1, handler))
print(_signal.getsignal(_signal.SIGUSR1) is handler)
posix.kill(posix.getpid(), _signal.SIGUSR1)
print(got)
_signal.raise_signal(_signal.SIGUSR1)
print(got)
# (SIGINT is ignored when the test runs in the background: install the handler explicitly.)
_signal.signal(_signal.SIGINT, _signal.default_int_handler)
print(_signal.getsignal(_signal.SIGINT) is _signal.default_int_handler)
try:
    _signal.raise_signal(_signal.SIGINT)
except KeyboardInterrupt:
    print("KeyboardInterrupt")

def on_alarm(sig, frame):
    raise RuntimeError("alarm went off")
_signal.signal(_signal.SIGALRM, on_alarm)
_signal.alarm(1)
try:
    for i in range(10**9):
        pass
except RuntimeError as e:
    print(e)
import time
_signal.alarm(1)
started = time.monotonic()
try:
    time.sleep(30)
except RuntimeError as e:
    print("sleep interrupted:", e, time.monotonic() - started < 10)
print(_signal.signal(_signal.SIGUSR1, _signal.SIG_IGN) is handler)
posix.kill(posix.getpid(), _signal.SIGUSR1)
print(_signal.getsignal(_signal.SIGUSR1))
for args in [(99, 0), (_signal.SIGKILL, 0), (_signal.SIGINT, 5)]:
    try:
        _signal.signal(*args)
    except Exception as e:
        print(type(e).__name__, e)
print(len(_signal.valid_signals()), _signal.strsignal(_signal.SIGTERM), _signal.NSIG)

def first():
    print("first registered, runs last")
def second(a, b=0):
    print("second", a, b)
def failing():
    raise ValueError("from atexit")
atexit.register(first)
atexit.register(failing)
atexit.register(second, 1, b=2)
atexit.register(print, "unregistered")
atexit.unregister(print)
print(atexit._ncallbacks())
print(atexit.register(first) is first)
atexit.unregister(first)
atexit.register(first)
try:
    atexit.register(5)
except TypeError as e:
    print(e)
print("end of program")
