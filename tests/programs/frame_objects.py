import sys
def f(a, b=2):
    c = a + b
    fr = sys._getframe(); print(fr.f_code.co_name, fr.f_lineno, sorted(k for k in fr.f_locals if k != 'fr'), fr.f_back.f_code.co_name, fr.f_globals is globals())
    return sys._getframe(1)
outer = f(1)
print(outer.f_code.co_name, outer.f_back, type(outer).__name__)
def g():
    x = [1, 2]
    raise ValueError("boom")
try:
    g()
except ValueError as e:
    tb = e.__traceback__
    while tb.tb_next: tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_locals, tb.tb_frame.f_lineno)
    print('__name__' in e.__traceback__.tb_frame.f_globals, e.__traceback__.tb_frame.f_code.co_name)
try:
    sys._getframe(1000)
except ValueError as e:
    print(e)
class K:
    y = 3
    print(sorted(k for k in sys._getframe().f_locals if not k.startswith('__')), sys._getframe().f_back.f_code.co_name)
print(repr(sys._getframe()).startswith("<frame at 0x"), repr(sys._getframe()).endswith("line 25, code <module>>"))

import gc
def cyc():
    big = [1]
    try:
        raise KeyError(1)
    except KeyError as e:
        return e
e = cyc()
fr = e.__traceback__.tb_frame
print(fr.f_locals['big'], e.__traceback__.tb_lasti >= 0)
del e, fr
def deep(n):
    if n == 0:
        f = sys._getframe()
        names = []
        while f is not None:
            names.append(f.f_code.co_name)
            f = f.f_back
        return names
    return deep(n - 1)
print(deep(3))
