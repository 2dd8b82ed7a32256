# faulthandler: enable/disable bookkeeping, argument checks and dump_traceback's format.
import faulthandler
import os
import re
import sys
import tempfile

print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.is_enabled())
print(faulthandler.disable())
try:
    faulthandler.dump_traceback_later(0)
except ValueError as e:
    print("ValueError:", e)
try:
    faulthandler.enable(file=-1)
except ValueError as e:
    print("ValueError:", e)

fd, path = tempfile.mkstemp()
try:
    def inner(all_threads):
        with open(path, "w") as f:
            faulthandler.dump_traceback(f, all_threads=all_threads)

    def outer(all_threads):
        inner(all_threads)

    for all_threads in (False, True):
        outer(all_threads)
        with open(path) as f:
            text = f.read()
        text = re.sub(r'File ".*?([^/"]+)"', r'File "\1"', text)
        text = re.sub(r"0x[0-9a-f]{16}", "0x...", text)
        print(text, end="")
finally:
    os.close(fd)
    os.unlink(path)
