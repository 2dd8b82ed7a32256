# time's POSIX clocks: ids, gettime/getres on every clock, CPython's errors.
import time
ids = ['CLOCK_REALTIME', 'CLOCK_MONOTONIC', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_THREAD_CPUTIME_ID', 'CLOCK_MONOTONIC_RAW', 'CLOCK_BOOTTIME', 'CLOCK_TAI']
print([getattr(time, n) for n in ids])
for n in ids:
    c = getattr(time, n)
    t = time.clock_gettime(c); ns = time.clock_gettime_ns(c); r = time.clock_getres(c)
    print(n, type(t).__name__, type(ns).__name__, t >= 0, ns >= 0, r)
print(abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 1)
for bad in [(999,), (1.5,), ('x',), (2**40,)]:
    try: time.clock_gettime(*bad)
    except Exception as e: print(type(e).__name__, e)
for f, args in [(time.clock_settime, (time.CLOCK_MONOTONIC, 1.0)), (time.clock_settime_ns, (time.CLOCK_MONOTONIC, 10)), (time.clock_settime, (time.CLOCK_MONOTONIC,))]:
    try: f(*args)
    except Exception as e: print(type(e).__name__, e)
