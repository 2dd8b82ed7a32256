"""The JSON scanner: parses one JSON value at a given index (arenapy's implementation; there is
no C accelerator, so `c_make_scanner` is None)."""

__all__ = ["make_scanner"]

c_make_scanner = None

_DIGITS = "0123456789"


def _number_end(s, start):
    """(end, is_float) of the JSON number at `start`, or None when there is none."""
    n = len(s)
    i = start
    if i < n and s[i] == "-":
        i += 1
    if i >= n or s[i] not in _DIGITS:
        return None
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
    return i, is_float


def py_make_scanner(context):
    """A `scan_once(string, idx)` function parsing with `context`'s settings (a JSONDecoder):
    returns (value, end index), or raises StopIteration(idx) when no value starts at idx."""
    parse_object = context.parse_object
    parse_array = context.parse_array
    parse_string = context.parse_string
    parse_float = context.parse_float
    parse_int = context.parse_int
    parse_constant = context.parse_constant
    object_hook = context.object_hook
    object_pairs_hook = context.object_pairs_hook
    strict = context.strict
    memo = context.memo

    def _scan_once(string, idx):
        try:
            nextchar = string[idx]
        except IndexError:
            raise StopIteration(idx) from None
        if nextchar == '"':
            return parse_string(string, idx + 1, strict)
        if nextchar == "{":
            return parse_object((string, idx + 1), strict, _scan_once, object_hook,
                                object_pairs_hook, memo)
        if nextchar == "[":
            return parse_array((string, idx + 1), _scan_once)
        if nextchar == "n" and string[idx:idx + 4] == "null":
            return None, idx + 4
        if nextchar == "t" and string[idx:idx + 4] == "true":
            return True, idx + 4
        if nextchar == "f" and string[idx:idx + 5] == "false":
            return False, idx + 5
        number = _number_end(string, idx)
        if number is not None:
            end, is_float = number
            text = string[idx:end]
            return (parse_float(text) if is_float else parse_int(text)), end
        if nextchar == "N" and string[idx:idx + 3] == "NaN":
            return parse_constant("NaN"), idx + 3
        if nextchar == "I" and string[idx:idx + 8] == "Infinity":
            return parse_constant("Infinity"), idx + 8
        if nextchar == "-" and string[idx:idx + 9] == "-Infinity":
            return parse_constant("-Infinity"), idx + 9
        raise StopIteration(idx)

    def scan_once(string, idx):
        try:
            return _scan_once(string, idx)
        finally:
            memo.clear()

    return scan_once


make_scanner = c_make_scanner or py_make_scanner
