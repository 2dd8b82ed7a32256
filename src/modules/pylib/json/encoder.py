"""The JSON encoder: Python objects to JSON text, byte-identical to CPython's output."""

__all__ = ["JSONEncoder"]

_ESCAPE_MAP = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\b": "\\b", "\f": "\\f"}
for _i in range(0x20):
    _ESCAPE_MAP.setdefault(chr(_i), "\\u%04x" % _i)
del _i

ESCAPE_DCT = _ESCAPE_MAP

# There is no C accelerator: the Python implementations below are used.
c_encode_basestring = None
c_encode_basestring_ascii = None
c_make_encoder = None

INFINITY = float("inf")


def py_encode_basestring(s):
    """A JSON string literal for `s`, non-ASCII characters kept."""
    out = ['"']
    for c in s:
        e = _ESCAPE_MAP.get(c)
        out.append(c if e is None else e)
    out.append('"')
    return "".join(out)


def py_encode_basestring_ascii(s):
    """A JSON string literal for `s` in ASCII: others as \\uXXXX (surrogate pairs above the
    BMP)."""
    out = ['"']
    for c in s:
        e = _ESCAPE_MAP.get(c)
        if e is not None:
            out.append(e)
        elif c < "\x7f":
            out.append(c)
        else:
            n = ord(c)
            if n < 0x10000:
                out.append("\\u%04x" % n)
            else:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
    out.append('"')
    return "".join(out)


encode_basestring = py_encode_basestring
encode_basestring_ascii = py_encode_basestring_ascii


class JSONEncoder:
    """Extensible JSON <https://json.org> encoder for Python data structures: dict, list,
    tuple, str, int, float, True, False and None; override default() for other types."""

    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True,
                 allow_nan=True, sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        """Return a serializable object for `o`, or raise TypeError."""
        raise TypeError("Object of type %s is not JSON serializable" % o.__class__.__name__)

    def encode(self, o):
        """Return a JSON string representation of a Python data structure."""
        if isinstance(o, str):
            if self.ensure_ascii:
                return encode_basestring_ascii(o)
            return encode_basestring(o)
        return "".join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        """Encode `o`, yielding the JSON text in chunks."""
        markers = {} if self.check_circular else None
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        out = []
        _Writer(self, markers, indent, out).encode(o, 0)
        return iter(out)

    def _float(self, o):
        if o != o:
            text = "NaN"
        elif o == INFINITY:
            text = "Infinity"
        elif o == -INFINITY:
            text = "-Infinity"
        else:
            return float.__repr__(o)
        if not self.allow_nan:
            raise ValueError("Out of range float values are not JSON compliant")
        return text


class _Writer:
    def __init__(self, enc, markers, indent, out):
        self.enc = enc
        self.markers = markers
        self.indent = indent
        self.out = out
        self.string = encode_basestring_ascii if enc.ensure_ascii else encode_basestring

    def encode(self, o, level):
        w = self.out.append
        if isinstance(o, str):
            w(self.string(o))
        elif o is None:
            w("null")
        elif o is True:
            w("true")
        elif o is False:
            w("false")
        elif isinstance(o, int):
            w(int.__repr__(o))
        elif isinstance(o, float):
            w(self.enc._float(o))
        elif isinstance(o, (list, tuple)):
            self.array(o, level)
        elif isinstance(o, dict):
            self.object(o, level)
        else:
            marker = self.enter(o)
            self.encode(self.enc.default(o), level)
            self.leave(marker)

    def enter(self, o):
        if self.markers is None:
            return None
        key = id(o)
        if key in self.markers:
            raise ValueError("Circular reference detected")
        self.markers[key] = o
        return key

    def leave(self, marker):
        if marker is not None:
            del self.markers[marker]

    def newline(self, level):
        if self.indent is None:
            return None
        return "\n" + self.indent * level

    def array(self, seq, level):
        w = self.out.append
        if not seq:
            w("[]")
            return
        marker = self.enter(seq)
        w("[")
        nl = self.newline(level + 1)
        sep = self.enc.item_separator
        if nl is not None:
            w(nl)
            sep = sep + nl
        first = True
        for v in seq:
            if not first:
                w(sep)
            first = False
            self.encode(v, level + 1)
        if nl is not None:
            w(self.newline(level))
        w("]")
        self.leave(marker)

    def key_text(self, k):
        if isinstance(k, str):
            return k
        if isinstance(k, float):
            return self.enc._float(k)
        if k is True:
            return "true"
        if k is False:
            return "false"
        if k is None:
            return "null"
        if isinstance(k, int):
            return int.__repr__(k)
        if self.enc.skipkeys:
            return None
        raise TypeError("keys must be str, int, float, bool or None, not %s"
                        % k.__class__.__name__)

    def object(self, d, level):
        w = self.out.append
        if not d:
            w("{}")
            return
        marker = self.enter(d)
        w("{")
        nl = self.newline(level + 1)
        sep = self.enc.item_separator
        if nl is not None:
            w(nl)
            sep = sep + nl
        items = sorted(d.items()) if self.enc.sort_keys else d.items()
        first = True
        for k, v in items:
            key = self.key_text(k)
            if key is None:
                continue
            if not first:
                w(sep)
            first = False
            w(self.string(key))
            w(self.enc.key_separator)
            self.encode(v, level + 1)
        if nl is not None:
            w(self.newline(level))
        w("}")
        self.leave(marker)
