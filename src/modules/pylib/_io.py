"""The Python part of `_io` (arenapy's implementation), run in the namespace of the native
module, which provides the base classes, FileIO, BytesIO, StringIO, IncrementalNewlineDecoder
and UnsupportedOperation.

`BufferedReader`/`BufferedWriter`/`BufferedRandom`/`BufferedRWPair` buffer any raw stream and
`TextIOWrapper` decodes and encodes text over any buffered one. The builtin `open()` returns the
interpreter's own file objects for paths, and comes here (`_open_stack`) for descriptors,
path-like objects, openers and unbuffered files.

Text read through a `TextIOWrapper` is decoded from the whole rest of the stream on the first
read (the same choice as the native files); `tell()` cookies are byte offsets.
"""

open = open

_CLOSED = "I/O operation on closed file."


def _parse(fname, names, required, args, kwargs):
    """Arguments of a constructor or method taking `names` (the first `required` of them
    required), with Argument Clinic's messages. Missing optional ones are absent."""
    given = len(args) + len(kwargs)
    if given > len(names):
        raise TypeError("%s() takes at most %d argument%s (%d given)"
                        % (fname, len(names), "" if len(names) == 1 else "s", given))
    out = dict(zip(names, args))
    for k, v in kwargs.items():
        if k not in names:
            raise TypeError("'%s' is an invalid keyword argument for %s()" % (k, fname))
        if k in out:
            raise TypeError("argument for %s() given by name ('%s') and position (%d)"
                            % (fname, k, names.index(k) + 1))
        out[k] = v
    for i, n in enumerate(names[:required]):
        if n not in out:
            raise TypeError("%s() missing required argument '%s' (pos %d)" % (fname, n, i + 1))
    return out


def _index(value):
    if value is None:
        return -1
    if not hasattr(type(value), "__index__"):
        raise TypeError("argument should be integer or None, not '%s'" % type(value).__name__)
    return value.__index__()


def _unsupported(name):
    raise UnsupportedOperation(name)


# ----- text ---------------------------------------------------------------------------------

def _check_encoding(encoding):
    "".encode(encoding)
    return encoding


class TextIOWrapper(_TextIOBase):
    """Text over a buffered binary stream: decoding, encoding and newline translation."""

    def __init__(self, *args, **kwargs):
        a = _parse("TextIOWrapper", ["buffer", "encoding", "errors", "newline",
                                     "line_buffering", "write_through"], 1, args, kwargs)
        self._buffer = None
        buffer = a["buffer"]
        encoding = a.get("encoding")
        errors = a.get("errors")
        newline = a.get("newline")
        for name, v in (("encoding", encoding), ("errors", errors), ("newline", newline)):
            if v is not None and not isinstance(v, str):
                raise TypeError("TextIOWrapper() argument '%s' must be str or None, not %s"
                                % (name, type(v).__name__))
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))
        encoding = text_encoding(encoding)
        if encoding == "locale":
            encoding = "UTF-8"
        _check_encoding(encoding)
        self._encoding = encoding
        self._errors = "strict" if errors is None else errors
        self._newline = newline
        self._line_buffering = bool(a.get("line_buffering", False))
        self._write_through = bool(a.get("write_through", False))
        self._buffer = buffer
        self._reset_read()
        self._pending = []

    def _reset_read(self):
        self._text = None        # decoded, newlines translated as reading asks
        self._tpos = 0
        self._joined = []        # positions in _text where "\r\n" became "\n"
        self._start = 0          # byte offset _text starts at
        self._raw_text = ""      # decoded, untranslated (for tell())
        self._decoder = IncrementalNewlineDecoder(None, translate=self._newline is None)

    def _live(self):
        if self._buffer is None:
            raise ValueError("underlying buffer has been detached")
        return self._buffer

    @property
    def buffer(self):
        return self._live()

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def newlines(self):
        return self._decoder.newlines

    @property
    def closed(self):
        return self._live().closed

    @property
    def name(self):
        return self._live().name

    def fileno(self):
        return self._live().fileno()

    def isatty(self):
        return self._live().isatty()

    def readable(self):
        return self._live().readable()

    def writable(self):
        return self._live().writable()

    def seekable(self):
        return self._live().seekable()

    def _check_open(self):
        if self._live().closed:
            raise ValueError(_CLOSED)

    # -- reading --

    def _load(self):
        if self._text is not None:
            return
        self._flush_pending()
        buf = self._live()
        try:
            self._start = buf.tell() if buf.seekable() else 0
        except (OSError, ValueError, AttributeError):
            self._start = 0
        data = buf.read()
        if data is None:
            data = b""
        raw = bytes(data).decode(self._encoding, self._errors)
        self._raw_text = raw
        text = self._decoder.decode(raw, final=True)
        if self._newline is None and "\r\n" in raw:
            # Where each "\r\n" became one "\n", for mapping positions back to bytes.
            joined = []
            shift = 0
            i = raw.find("\r\n")
            while i >= 0:
                joined.append(i - shift)
                shift += 1
                i = raw.find("\r\n", i + 2)
            self._joined = joined
        self._text = text
        self._tpos = 0

    def read(self, size=-1):
        self._check_open()
        self._checkReadable("not readable")
        size = _index(size)
        self._load()
        if size < 0:
            out = self._text[self._tpos:]
        else:
            out = self._text[self._tpos:self._tpos + size]
        self._tpos += len(out)
        return out

    def _line_end(self, text, pos):
        nl = self._newline
        if nl is None or nl == "\n":
            i = text.find("\n", pos)
            return -1 if i < 0 else i + 1
        if nl == "\r\n":
            i = text.find("\r\n", pos)
            return -1 if i < 0 else i + 2
        if nl == "\r":
            i = text.find("\r", pos)
            return -1 if i < 0 else i + 1
        # newline="": any of the three ends a line, untranslated.
        best = -1
        for i, ch in enumerate(text[pos:], pos):
            if ch == "\n":
                return i + 1
            if ch == "\r":
                if text[i + 1:i + 2] == "\n":
                    return i + 2
                return i + 1
        return best

    def readline(self, size=-1):
        self._check_open()
        size = _index(size)
        self._load()
        end = self._line_end(self._text, self._tpos)
        if end < 0:
            end = len(self._text)
        if size >= 0:
            end = min(end, self._tpos + size)
        out = self._text[self._tpos:end]
        self._tpos = end
        return out

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # -- writing --

    def write(self, s):
        self._check_open()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        n = len(s)
        if self._text is not None:
            # Go back to the logical position before writing over what was read ahead.
            pos = self.tell()
            self._reset_read()
            self._live().seek(pos)
        nl = self._newline
        has_nl = "\n" in s
        if nl not in (None, "", "\n") and has_nl:
            s = s.replace("\n", nl)
        data = s.encode(self._encoding, self._errors)
        self._pending.append(data)
        if self._write_through or self._line_buffering and (has_nl or "\r" in s):
            self._flush_pending()
            if self._line_buffering:
                self._live().flush()
        return n

    def _flush_pending(self):
        if self._pending:
            data = b"".join(self._pending)
            self._pending = []
            self._live().write(data)

    def flush(self):
        self._check_open()
        self._flush_pending()
        self._live().flush()

    # -- positions --

    def tell(self):
        buf = self._live()
        self._check_open()
        if not buf.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if self._text is None:
            self._flush_pending()
            return buf.tell()
        # Characters of the untranslated text consumed so far, as bytes.
        consumed = self._tpos
        for p in self._joined:
            if p < self._tpos:
                consumed += 1
            else:
                break
        return self._start + len(self._raw_text[:consumed].encode(self._encoding,
                                                                   self._errors))

    def seek(self, cookie, whence=0):
        buf = self._live()
        self._check_open()
        if not buf.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self.flush()
            self._reset_read()
            return buf.seek(0, 2)
        if whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        self.flush()
        self._reset_read()
        buf.seek(cookie)
        return cookie

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        self._reset_read()
        return self._live().truncate(pos)

    def detach(self):
        buf = self._live()
        self.flush()
        self._buffer = None
        return buf

    def close(self):
        buf = self._live()
        if not buf.closed:
            try:
                self.flush()
            finally:
                buf.close()

    def reconfigure(self, *, encoding=None, errors=None, newline=Ellipsis,
                    line_buffering=None, write_through=None):
        """Changes the encoding, error handler, newline handling or buffering."""
        if encoding is not None:
            _check_encoding(encoding)
        if newline is not Ellipsis and newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))
        self.flush()
        if encoding is not None:
            self._encoding = encoding
            if errors is None:
                errors = "strict"
        if errors is not None:
            self._errors = errors
        if newline is not Ellipsis:
            self._newline = newline
        if line_buffering is not None:
            self._line_buffering = bool(line_buffering)
        if write_through is not None:
            self._write_through = bool(write_through)

    def __repr__(self):
        out = "<_io.TextIOWrapper"
        try:
            out += " name=%r" % (self.name,)
        except (AttributeError, ValueError):
            pass
        mode = self.__dict__.get("mode")
        if mode is not None:
            out += " mode=%r" % (mode,)
        return out + " encoding=%r>" % (self._encoding,)


TextIOWrapper.__module__ = "_io"


def _open_stack(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
                closefd=True, opener=None):
    """open() for what the interpreter's own file objects do not cover (a descriptor, an
    os.PathLike, an opener, unbuffered binary files): a FileIO, buffered unless `buffering`
    is 0, wrapped in a TextIOWrapper in text mode."""
    modes = set(mode)
    if modes - set("axrwb+t") or len(mode) > len(modes):
        raise ValueError("invalid mode: '%s'" % mode)
    creating = "x" in modes
    reading = "r" in modes
    writing = "w" in modes
    appending = "a" in modes
    updating = "+" in modes
    text = "t" in modes
    binary = "b" in modes
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not (creating or reading or writing or appending):
        raise ValueError("Must have exactly one of create/read/write/append mode and at most "
                         "one plus")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if binary and buffering == 1:
        import warnings
        warnings.warn("line buffering (buffering=1) isn't supported in binary mode, the "
                      "default buffer size will be used", RuntimeWarning, 2)
    raw = FileIO(file, (creating and "x" or "") + (reading and "r" or "") +
                 (writing and "w" or "") + (appending and "a" or "") +
                 (updating and "+" or ""), closefd, opener=opener)
    result = raw
    try:
        line_buffering = False
        if buffering == 1 or buffering < 0 and raw.isatty():
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        encoding = text_encoding(encoding)
        if encoding == "locale":
            encoding = "UTF-8"
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except:
        result.close()
        raise

