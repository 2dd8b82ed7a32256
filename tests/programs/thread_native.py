# _thread in a single-threaded interpreter: locks, RLock, identity, _local.
import _thread

l = _thread.allocate_lock()
print(type(l).__name__, l.locked(), l.acquire(), l.locked(), l.acquire(False), l.acquire(True, 0.01))
l.release()
try:
    l.release()
except RuntimeError as e:
    print(e)
with l:
    print("inside", l.locked())
print(l.locked(), repr(l).split(" at ")[0])
for args in [(False, 1), (True, -2)]:
    try:
        l.acquire(*args)
    except ValueError as e:
        print(e)

r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), repr(r).split(" at ")[0].split(" owner=")[0])
r.release()
r.release()
try:
    r.release()
except RuntimeError as e:
    print(e)
with r:
    with r:
        print("nested", r._is_owned())
state = (r.acquire(), r._release_save())[1]
print(state[0], r._is_owned())
r._acquire_restore(state)
print(r._is_owned())
r.release()

print(_thread.get_ident() == _thread.get_ident(), _thread.get_ident() != 0, _thread._count())
print(_thread.error is RuntimeError, _thread.TIMEOUT_MAX > 1e6, _thread.stack_size())
print(_thread.LockType is type(l))

loc = _thread._local()
loc.x = 1
print(loc.x, loc.__dict__)
try:
    _thread._local(1)
except TypeError as e:
    print(e)


class L(_thread._local):
    def __init__(self, v):
        self.v = v


print(L(5).v)
args = _thread._ExceptHookArgs((SystemExit, SystemExit(), None, None))
print(type(args).__name__, args.exc_type.__name__, args.thread, _thread._excepthook(args))
