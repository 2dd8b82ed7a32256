"""In-memory text and byte streams (arenapy's implementation of part of `io`).

`StringIO` and `BytesIO` keep their contents as a list of pieces while writes only append at
the end (the common `print(..., file=stream)` pattern), and join them into one value when a
read, seek or overwrite needs random access. File streams are the builtin `open`'s (native);
`UnsupportedOperation` is the one they raise.
"""

__all__ = ["BytesIO", "SEEK_CUR", "SEEK_END", "SEEK_SET", "StringIO", "UnsupportedOperation",
           "DEFAULT_BUFFER_SIZE", "open"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2

DEFAULT_BUFFER_SIZE = 8192


from _io import UnsupportedOperation

open = open  # the builtin: file objects come from the native file layer


class _MemoryIO:
    """What StringIO and BytesIO share; `_empty` is '' or b''."""

    _empty = ""
    _closed_message = "I/O operation on closed file."

    def _init(self, initial):
        self._pieces = [initial] if initial else []
        self._len = len(initial)
        self._pos = 0
        self._closed = False

    def _value(self):
        if len(self._pieces) != 1:
            self._pieces = [self._empty.join(self._pieces)] if self._pieces else []
        return self._pieces[0] if self._pieces else self._empty

    def _check_open(self):
        if self._closed:
            raise ValueError(self._closed_message)

    def _store(self, s):
        """Writes `s` (already converted) at the position, returns its length."""
        n = len(s)
        if not n:
            return 0
        if self._pos == self._len:
            self._pieces.append(s)
        else:
            v = self._value()
            if self._pos > self._len:
                v = v + self._pad(self._pos - self._len)
            v = v[:self._pos] + s + v[self._pos + n:]
            self._pieces = [v]
        self._pos += n
        if self._pos > self._len:
            self._len = self._pos
        return n

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def flush(self):
        self._check_open()

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def tell(self):
        self._check_open()
        return self._pos

    def seek(self, pos, whence=0):
        self._check_open()
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._len + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("negative size value %d" % size)
        if size < self._len:
            self._pieces = [self._value()[:size]]
            self._len = size
        return size

    def read(self, size=-1):
        self._check_open()
        v = self._value()
        if size is None or size < 0:
            end = self._len
        else:
            end = min(self._len, self._pos + size)
        if self._pos >= end:
            return self._empty
        out = v[self._pos:end]
        self._pos = end
        return out

    def readline(self, size=-1):
        self._check_open()
        v = self._value()
        if self._pos >= self._len:
            return self._empty
        nl = v.find(self._newline_char, self._pos)
        end = self._len if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        out = v[self._pos:end]
        self._pos = end
        return out

    def readlines(self, hint=-1):
        out = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            out.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return out

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()


class StringIO(_MemoryIO):
    """Text I/O over an in-memory str."""

    _empty = ""
    _newline_char = "\n"
    _closed_message = "I/O operation on closed file"

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s" % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._init(self._translate(initial_value))

    def _translate(self, s):
        nl = self._newline
        if nl is None:
            if "\r" in s:
                s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif nl in ("\r", "\r\n") and "\n" in s:
            s = s.replace("\n", nl)
        return s

    def _pad(self, n):
        return "\0" * n

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None

    def write(self, s):
        self._check_open()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        self._store(self._translate(s))
        return n

    def getvalue(self):
        self._check_open()
        return self._value()

    def __repr__(self):
        return "<_io.StringIO object>"


class BytesIO(_MemoryIO):
    """Binary I/O over in-memory bytes."""

    _empty = b""
    _newline_char = b"\n"

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._init(bytes(initial_bytes))

    def _pad(self, n):
        return b"\0" * n

    def write(self, b):
        self._check_open()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        return self._store(b)

    def getvalue(self):
        self._check_open()
        return self._value()

    def read1(self, size=-1):
        return self.read(size)

    def __repr__(self):
        return "<_io.BytesIO object>"
