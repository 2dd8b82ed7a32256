import time

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = time.time()
b = time.time_ns()
print(type(a).__name__, type(b).__name__, a > 1.6e9, abs(b / 1e9 - a) < 5)
p1 = time.perf_counter(); m1 = time.monotonic(); c1 = time.process_time()
time.sleep(0.01)
p2 = time.perf_counter(); m2 = time.monotonic(); c2 = time.process_time()
print(p2 - p1 >= 0.009, m2 >= m1, c2 >= c1, type(time.perf_counter_ns()).__name__, type(time.monotonic_ns()).__name__, type(time.process_time_ns()).__name__)
g = time.gmtime(0)
print(g)
print(g.tm_year, g.tm_mon, g.tm_wday, g.tm_yday, g[0], len(g), tuple(g))
for s in [1700000000, 951782400, 86399, -1, -86400 * 365, 4102444800, 1234567890.9]:
    g = time.gmtime(s)
    print(tuple(g), time.asctime(g), time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %w %U %W %y %%', g))
    print(time.mktime(g) if False else time.strftime('%c|%x|%X|%D|%T|%F|%e|%u', g))
print(time.strftime('%Y', (2024, 2, 29, 12, 0, 0, 3, 60, 0)), time.asctime((2024, 2, 9, 1, 2, 3, 4, 40, 0)))
print(time.gmtime(1e9).tm_hour, time.struct_time((2000, 1, 1, 0, 0, 0, 5, 1, 0)))
print(isinstance(time.gmtime(), time.struct_time), time.gmtime(None).tm_year > 2000, len(time.ctime()))
t(lambda: time.sleep(-1))
t(lambda: time.sleep('a'))
t(lambda: time.strftime(5))
t(lambda: time.strftime('%Y', (1, 2)))
t(lambda: time.gmtime(float('nan')))
t(lambda: time.time(1))
