"""Dumps the Python traceback on request (arenapy's `faulthandler`).

arenapy reports its own fatal errors (a panic is an internal error with a message, never a
signal), so there is no signal handler to install: `enable()` validates its file and records
that the handler is on, and `dump_traceback()` writes the calling thread's stack in CPython's
format. `dump_traceback_later()` dumps from a watchdog thread after a timeout.
"""

import sys as _sys
import _thread

_enabled = False
_enabled_file = None
_later = None


def _fd_of(file):
    """The file descriptor to write to for `file` (None: sys.stderr), after flushing it."""
    if file is None:
        file = _sys.stderr
        if file is None:
            raise RuntimeError("sys.stderr is None")
    if isinstance(file, int):
        if file < 0:
            # CPython 3.11's message, spelling included.
            raise ValueError("file is not a valid file descripter")
        return file, None
    fd = file.fileno()
    if not isinstance(fd, int):
        raise TypeError("an integer is required (got type %s)" % type(fd).__name__)
    if fd < 0:
        raise RuntimeError("file.fileno() is not a valid file descriptor")
    try:
        file.flush()
    except Exception:
        pass
    return fd, file


def _write(fd, text):
    import os
    data = text.encode("ascii", "backslashreplace")
    while data:
        n = os.write(fd, data)
        data = data[n:]


def _format_stack(frame, header):
    lines = [header]
    depth = 0
    while frame is not None:
        if depth >= 100:
            lines.append("  ...\n")
            break
        code = frame.f_code
        lineno = frame.f_lineno
        lines.append('  File "%s", line %s in %s\n' % (
            code.co_filename, "???" if lineno is None else lineno, code.co_name))
        frame = frame.f_back
        depth += 1
    return "".join(lines)


def _dump(fd, all_threads, frame):
    if all_threads:
        header = "Current thread 0x%016x (most recent call first):\n" % _thread.get_ident()
    else:
        header = "Stack (most recent call first):\n"
    _write(fd, _format_stack(frame, header))


def dump_traceback(file=None, all_threads=True):
    """Dump the traceback of the current thread into file."""
    fd, _ = _fd_of(file)
    _dump(fd, all_threads, _sys._getframe(1))


def enable(file=None, all_threads=True):
    """Enable the fault handler."""
    global _enabled, _enabled_file
    fd, keep = _fd_of(file)
    _enabled = True
    _enabled_file = (fd, keep, bool(all_threads))


def disable():
    """Disable the fault handler; whether it was enabled."""
    global _enabled, _enabled_file
    was = _enabled
    _enabled = False
    _enabled_file = None
    return was


def is_enabled():
    """Check if the handler is enabled."""
    return _enabled


class _Watchdog:
    def __init__(self, timeout, repeat, fd, keep, exit):
        self.timeout = timeout
        self.repeat = repeat
        self.fd = fd
        self.keep = keep
        self.exit = exit
        self.cancel = _thread.allocate_lock()
        self.cancel.acquire()
        self.done = _thread.allocate_lock()
        self.done.acquire()

    def run(self):
        try:
            while not self.cancel.acquire(True, self.timeout):
                seconds = int(self.timeout)
                text = "Timeout (%d:%02d:%02d)!\n" % (
                    seconds // 3600, seconds // 60 % 60, seconds % 60)
                _write(self.fd, text)
                frame = _sys._current_frames().get(_main_ident) \
                    if hasattr(_sys, "_current_frames") else None
                if frame is not None:
                    _write(self.fd, _format_stack(
                        frame, "Thread 0x%016x (most recent call first):\n" % _main_ident))
                if self.exit:
                    import os
                    os._exit(1)
                if not self.repeat:
                    break
        finally:
            self.done.release()


_main_ident = _thread.get_ident()


def dump_traceback_later(timeout, repeat=False, file=None, exit=False):
    """Dump the traceback of all threads in timeout seconds, or each timeout seconds if
    repeat is true."""
    global _later
    timeout = float(timeout)
    if timeout <= 0:
        raise ValueError("timeout must be greater than 0")
    if timeout * 1e6 >= 2 ** 63:
        raise OverflowError("timeout value is too large")
    fd, keep = _fd_of(file)
    cancel_dump_traceback_later()
    w = _Watchdog(timeout, bool(repeat), fd, keep, bool(exit))
    _later = w
    _thread.start_new_thread(w.run, ())


def cancel_dump_traceback_later():
    """Cancel the previous call to dump_traceback_later()."""
    global _later
    w = _later
    _later = None
    if w is not None:
        w.cancel.release()
        w.done.acquire()
