"""The JSON decoder: a recursive-descent parser over the text with CPython's error messages."""

__all__ = ["JSONDecoder", "JSONDecodeError"]


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the error position:

    msg: the unformatted error message; doc: the JSON document being parsed; pos: the index
    in doc where parsing failed; lineno, colno: the line and column of pos.
    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        errmsg = "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_WS = " \t\n\r"
_CONSTANTS = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
            "t": "\t"}
_DIGITS = "0123456789"


class JSONDecoder:
    """Simple JSON <https://json.org> decoder.

    Objects become dicts (or what object_hook / object_pairs_hook make of them), arrays lists,
    strings str, numbers int or float (or what parse_int / parse_float make of their text),
    true/false/null True/False/None, and NaN/Infinity/-Infinity floats (parse_constant).
    """

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        """Return the Python representation of `s` (a str instance holding a JSON
        document)."""
        obj, end = self.raw_decode(s, _skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode a JSON document from `s` starting at `idx`; return (object, end index)."""
        try:
            return _Parser(self, s).value(idx)
        except _StopAt as e:
            raise JSONDecodeError("Expecting value", s, e.pos) from None


class _StopAt(Exception):
    def __init__(self, pos):
        self.pos = pos


def _skip_ws(s, i):
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


class _Parser:
    def __init__(self, decoder, s):
        self.d = decoder
        self.s = s

    def value(self, i):
        s = self.s
        if i >= len(s):
            raise _StopAt(i)
        c = s[i]
        if c == '"':
            return self.string(i + 1)
        if c == "{":
            return self.object(i + 1)
        if c == "[":
            return self.array(i + 1)
        if c == "n" and s.startswith("null", i):
            return None, i + 4
        if c == "t" and s.startswith("true", i):
            return True, i + 4
        if c == "f" and s.startswith("false", i):
            return False, i + 5
        if c == "N" and s.startswith("NaN", i):
            return self.d.parse_constant("NaN"), i + 3
        if c == "I" and s.startswith("Infinity", i):
            return self.d.parse_constant("Infinity"), i + 8
        if c == "-" and s.startswith("-Infinity", i):
            return self.d.parse_constant("-Infinity"), i + 9
        if c == "-" or c in _DIGITS:
            return self.number(i)
        raise _StopAt(i)

    def number(self, start):
        s = self.s
        n = len(s)
        i = start
        if s[i] == "-":
            i += 1
        if i >= n or s[i] not in _DIGITS:
            raise _StopAt(start)
        if s[i] == "0":
            i += 1
        else:
            while i < n and s[i] in _DIGITS:
                i += 1
        is_float = False
        if i + 1 < n and s[i] == "." and s[i + 1] in _DIGITS:
            is_float = True
            i += 2
            while i < n and s[i] in _DIGITS:
                i += 1
        if i < n and s[i] in "eE":
            j = i + 1
            if j < n and s[j] in "+-":
                j += 1
            if j < n and s[j] in _DIGITS:
                while j < n and s[j] in _DIGITS:
                    j += 1
                is_float = True
                i = j
        text = s[start:i]
        if is_float:
            return self.d.parse_float(text), i
        return self.d.parse_int(text), i

    def string(self, i):
        s = self.s
        n = len(s)
        begin = i - 1
        chunks = []
        strict = self.d.strict
        while True:
            j = i
            while j < n and s[j] != '"' and s[j] != "\\" and (s[j] >= " " or not strict):
                j += 1
            if j >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            chunks.append(s[i:j])
            c = s[j]
            if c == '"':
                return "".join(chunks), j + 1
            if c != "\\":
                raise JSONDecodeError("Invalid control character at", s, j)
            j += 1
            if j >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            esc = s[j]
            if esc != "u":
                if esc not in _ESCAPES:
                    raise JSONDecodeError("Invalid \\escape", s, j - 1)
                chunks.append(_ESCAPES[esc])
                i = j + 1
                continue
            code = self.hex4(j + 1)
            i = j + 5
            if 0xD800 <= code <= 0xDBFF and s.startswith("\\u", i):
                low = self.hex4(i + 2)
                if 0xDC00 <= low <= 0xDFFF:
                    code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                    i += 6
            chunks.append(chr(code))

    def hex4(self, i):
        s = self.s
        h = s[i:i + 4]
        if len(h) == 4 and all(c in "0123456789abcdefABCDEF" for c in h):
            return int(h, 16)
        raise JSONDecodeError("Invalid \\uXXXX escape", s, i - 1)

    def object(self, i):
        s = self.s
        pairs = []
        i = _skip_ws(s, i)
        if i < len(s) and s[i] == "}":
            return self.finish_object(pairs), i + 1
        while True:
            if i >= len(s) or s[i] != '"':
                raise JSONDecodeError(
                    "Expecting property name enclosed in double quotes", s, i)
            key, i = self.string(i + 1)
            i = _skip_ws(s, i)
            if i >= len(s) or s[i] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = _skip_ws(s, i + 1)
            try:
                value, i = self.value(i)
            except _StopAt as e:
                raise JSONDecodeError("Expecting value", s, e.pos) from None
            pairs.append((key, value))
            i = _skip_ws(s, i)
            if i < len(s) and s[i] == "}":
                return self.finish_object(pairs), i + 1
            if i >= len(s) or s[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip_ws(s, i + 1)

    def finish_object(self, pairs):
        if self.d.object_pairs_hook is not None:
            return self.d.object_pairs_hook(pairs)
        obj = dict(pairs)
        if self.d.object_hook is not None:
            return self.d.object_hook(obj)
        return obj

    def array(self, i):
        s = self.s
        items = []
        i = _skip_ws(s, i)
        if i < len(s) and s[i] == "]":
            return items, i + 1
        while True:
            try:
                value, i = self.value(i)
            except _StopAt as e:
                raise JSONDecodeError("Expecting value", s, e.pos) from None
            items.append(value)
            i = _skip_ws(s, i)
            if i < len(s) and s[i] == "]":
                return items, i + 1
            if i >= len(s) or s[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip_ws(s, i + 1)
