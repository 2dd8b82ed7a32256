# An uncaught exception goes to sys.excepthook when the program replaced it; the hook's own
# failure is reported with the original exception (on stderr), and the exit status is 1.
import sys

def hook(exc_type, value, tb):
    print("hook:", exc_type.__name__, repr(value), type(tb).__name__, tb.tb_lineno)
    print("stderr is still usable:", sys.stderr is sys.__stderr__)

sys.excepthook = hook
print("before")
raise KeyError("lost key")
