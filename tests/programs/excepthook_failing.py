# sys.excepthook raising: CPython prints "Error in sys.excepthook" and the original exception
# to stderr; stdout has only what ran before, and the exit status is 1.
import sys

def hook(exc_type, value, tb):
    print("hook called with", exc_type.__name__)
    1 / 0

sys.excepthook = hook
raise ValueError("original")
