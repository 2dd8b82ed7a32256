# The case, on the default native stack: a recursion limit the stack cannot hold, and a
# function that recurses without end, is a RecursionError (CPython's too), never a crash.
import sys

sys.setrecursionlimit(400000)


def f():
    f()


try:
    f()
except RecursionError as e:
    print("RecursionError:", e)
print("after")
