# gi_frame, cr_frame and ag_frame: the suspended frame, the running one, None once finished.
import inspect, sys
def gen(a):
    b = a + 1
    f = sys._getframe()
    yield f is not None
    yield inspect.currentframe().f_code.co_name
    c = 3
    yield 3
g = gen(1)
print(g.gi_frame.f_code.co_name, sorted(g.gi_frame.f_locals), inspect.getgeneratorstate(g))
print(next(g), inspect.getgeneratorstate(g), g.gi_frame.f_lineno, g.gi_frame.f_locals['b'])
def running():
    fr = r.gi_frame
    yield fr.f_code.co_name, fr.f_back.f_code.co_name
r = running()
print(next(r))
print(list(g), g.gi_frame, inspect.getgeneratorstate(g))
async def co():
    pass
c = co()
print(c.cr_frame.f_code.co_name)
c.close()
print(c.cr_frame)
async def ag():
    yield 1
a = ag()
print(a.ag_frame.f_code.co_name)
