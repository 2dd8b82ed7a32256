def f():
    n = 0
    try:
        try:
            return 1
        finally:
            n += 1
            raise KeyError(n)
    except KeyError as e:
        print(repr(e), repr(e.__context__))

f()
def g():
    for i in range(3):
        try:
            return i
        finally:
            print("fin", i)
            raise ValueError(i)
try:
    g()
except ValueError as e:
    print(repr(e), repr(e.__context__))
class CM:
    def __init__(self): self.n = 0
    def __enter__(self): return self
    def __exit__(self, *a):
        self.n += 1
        print("exit", a[0])
        raise KeyError(self.n)

def w():
    cm = CM()
    try:
        with cm:
            return 1
    except KeyError as e:
        print(repr(e), repr(e.__context__))

w()

def h():
    try:
        try:
            raise ValueError
        except ValueError as e:
            try:
                return 2
            finally:
                raise KeyError("in handler")
    except KeyError as e:
        print(repr(e), type(e.__context__).__name__)
h()

def k():
    for i in range(2):
        try:
            break
        finally:
            print("fin-break", i)
            raise IndexError(i)
try:
    k()
except IndexError as e:
    print(repr(e), repr(e.__context__))

def m():
    for i in range(2):
        try:
            continue
        finally:
            print("fin-cont", i)
            if i == 1:
                raise IndexError(i)
try:
    m()
except IndexError as e:
    print(repr(e), repr(e.__context__))

def nested():
    try:
        try:
            return "x"
        finally:
            print("inner")
    finally:
        print("outer")
        raise OSError("o")
try:
    nested()
except OSError as e:
    print(repr(e), repr(e.__context__))

def exc_name():
    try:
        raise ValueError("v")
    except ValueError as e:
        try:
            return 3
        finally:
            print("f", repr(e))
            raise TypeError("t")
try:
    exc_name()
except TypeError as e:
    print(repr(e), repr(e.__context__))

def try_except_inside_finally():
    try:
        try:
            return 1
        except KeyError:
            print("wrong: the inner handler caught the outer finally's error")
    finally:
        raise KeyError("outer")
try:
    try_except_inside_finally()
except KeyError as e:
    print("caught", repr(e))

def with_break():
    cm = CM()
    for i in range(3):
        try:
            with cm:
                break
        except KeyError as e:
            print("break through with", repr(e), cm.n)
with_break()
