"""The JSON decoder: a recursive-descent parser over the text with CPython's error messages.

The parts are CPython's: a scanner (`json.scanner.make_scanner(decoder)`) parses one value
and calls the decoder's `parse_object` (`JSONObject`), `parse_array` (`JSONArray`) and
`parse_string` (`scanstring`) for the containers and strings. There is no C accelerator:
`c_scanstring` is None.
"""

from json import scanner

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


NaN = float("nan")
PosInf = float("inf")
NegInf = float("-inf")

_CONSTANTS = {"-Infinity": NegInf, "Infinity": PosInf, "NaN": NaN}

BACKSLASH = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
             "t": "\t"}

WHITESPACE_STR = " \t\n\r"

c_scanstring = None


def _skip_ws(s, i):
    n = len(s)
    while i < n and s[i] in WHITESPACE_STR:
        i += 1
    return i


def _hex4(s, pos):
    h = s[pos + 1:pos + 5]
    if len(h) == 4 and all(c in "0123456789abcdefABCDEF" for c in h):
        return int(h, 16)
    raise JSONDecodeError("Invalid \\uXXXX escape", s, pos)


def py_scanstring(s, end, strict=True):
    """Scan the string literal whose opening quote is just before `end`; return its value
    and the index after the closing quote. Control characters are refused when `strict`."""
    n = len(s)
    begin = end - 1
    chunks = []
    i = end
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
            if esc not in BACKSLASH:
                raise JSONDecodeError("Invalid \\escape", s, j - 1)
            chunks.append(BACKSLASH[esc])
            i = j + 1
            continue
        code = _hex4(s, j)
        i = j + 5
        if 0xD800 <= code <= 0xDBFF and s[i:i + 2] == "\\u":
            low = _hex4(s, i + 1)
            if 0xDC00 <= low <= 0xDFFF:
                code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                i += 6
        chunks.append(chr(code))


scanstring = c_scanstring or py_scanstring


def JSONObject(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
    """Parse the object whose "{" is just before `end`; return it (through the hooks) and the
    index after its "}". Keys are interned through `memo`."""
    s, end = s_and_end
    pairs = []
    if memo is None:
        memo = {}
    end = _skip_ws(s, end)
    nextchar = s[end:end + 1]
    if nextchar != '"':
        if nextchar == "}":
            if object_pairs_hook is not None:
                return object_pairs_hook(pairs), end + 1
            pairs = {}
            if object_hook is not None:
                pairs = object_hook(pairs)
            return pairs, end + 1
        raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end)
    end += 1
    while True:
        key, end = scanstring(s, end, strict)
        key = memo.setdefault(key, key)
        end = _skip_ws(s, end)
        if s[end:end + 1] != ":":
            raise JSONDecodeError("Expecting ':' delimiter", s, end)
        end = _skip_ws(s, end + 1)
        try:
            value, end = scan_once(s, end)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", s, err.value) from None
        pairs.append((key, value))
        end = _skip_ws(s, end)
        nextchar = s[end:end + 1]
        end += 1
        if nextchar == "}":
            break
        if nextchar != ",":
            raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
        end = _skip_ws(s, end)
        nextchar = s[end:end + 1]
        end += 1
        if nextchar != '"':
            raise JSONDecodeError("Expecting property name enclosed in double quotes", s,
                                  end - 1)
    if object_pairs_hook is not None:
        return object_pairs_hook(pairs), end
    pairs = dict(pairs)
    if object_hook is not None:
        pairs = object_hook(pairs)
    return pairs, end


def JSONArray(s_and_end, scan_once):
    """Parse the array whose "[" is just before `end`; return it and the index after its
    "]"."""
    s, end = s_and_end
    values = []
    end = _skip_ws(s, end)
    nextchar = s[end:end + 1]
    if nextchar == "]":
        return values, end + 1
    while True:
        try:
            value, end = scan_once(s, end)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", s, err.value) from None
        values.append(value)
        end = _skip_ws(s, end)
        nextchar = s[end:end + 1]
        end += 1
        if nextchar == "]":
            break
        if nextchar != ",":
            raise JSONDecodeError("Expecting ',' delimiter", s, end - 1)
        end = _skip_ws(s, end)
    return values, end


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
        self.parse_object = JSONObject
        self.parse_array = JSONArray
        self.parse_string = scanstring
        self.memo = {}
        self.scan_once = scanner.make_scanner(self)

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
            obj, end = self.scan_once(s, idx)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", s, err.value) from None
        return obj, end
