# os.utime with float seconds rounds the nanoseconds toward minus infinity, as CPython.
import os
fn = "utime_floor_tmp.txt"
with open(fn, "w") as f:
    f.write("x")
try:
    for at, mt in [(1.002003 + 0.5e-9, 4.005006 + 0.5e-9), (-1.5, 2.25), (1e9 + 0.999999999, 5.0)]:
        os.utime(fn, (at, mt))
        st = os.stat(fn)
        print(st.st_atime_ns, st.st_mtime_ns)
    for bad in [(float("nan"), 1.0), (1e300, 1.0)]:
        try:
            os.utime(fn, bad)
        except (ValueError, OverflowError) as e:
            print(type(e).__name__, e)
finally:
    os.unlink(fn)
