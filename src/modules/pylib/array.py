"""Arrays of numeric values (arenapy's implementation).

An `array(typecode, initializer)` holds values of one C type, kept here as a list of Python
ints, floats or one-character strings that were range-checked (or, for 'f', rounded to single
precision) on the way in, so reading an item back gives what CPython would. `tobytes` and
`frombytes` use the machine layout CPython has on a 64-bit little-endian Linux host: sizes
b/B 1, u 4, h/H 2, i/I 4, l/L 8, q/Q 8, f 4, d 8.

Out-of-range values raise CPython's messages, which come from the layered C conversions
(first to `long`, then to the narrower type), so `array('b', [2**20])` names a short.
"""

__all__ = ["ArrayType", "array", "typecodes"]

typecodes = "bBuhHiIlLqQfd"

_ITEMSIZE = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
             "q": 8, "Q": 8, "f": 4, "d": 8}
_SIGNED = {"b": True, "B": False, "h": True, "H": False, "i": True, "I": False,
           "l": True, "L": False, "q": True, "Q": False}

_LONG_MIN = -(1 << 63)
_LONG_MAX = (1 << 63) - 1
_ULONG_MAX = (1 << 64) - 1


def _index(v):
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float) or not hasattr(type(v), "__index__"):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    return type(v).__index__(v)


def _range(v, lo, hi, what):
    if v > hi:
        raise OverflowError("%s is greater than maximum" % what)
    if v < lo:
        raise OverflowError("%s is less than minimum" % what)


def _as_long(v):
    if v < _LONG_MIN or v > _LONG_MAX:
        raise OverflowError("Python int too large to convert to C long")


def _as_ulong(v):
    if v < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if v > _ULONG_MAX:
        raise OverflowError("Python int too large to convert to C unsigned long")


def _check_int(tc, v):
    """The int `v` stored with typecode `tc`, or CPython's OverflowError for it."""
    if tc == "b":
        _as_long(v)
        _range(v, -(1 << 15), (1 << 15) - 1, "signed short integer")
        _range(v, -128, 127, "signed char")
    elif tc == "B":
        _as_long(v)
        _range(v, 0, 255, "unsigned byte integer")
    elif tc == "h":
        _as_long(v)
        _range(v, -(1 << 15), (1 << 15) - 1, "signed short integer")
    elif tc == "H":
        _as_long(v)
        _range(v, -(1 << 31), (1 << 31) - 1, "signed integer")
        _range(v, 0, (1 << 16) - 1, "unsigned short")
    elif tc == "i":
        _as_long(v)
        _range(v, -(1 << 31), (1 << 31) - 1, "signed integer")
    elif tc == "I":
        _as_ulong(v)
        _range(v, 0, (1 << 32) - 1, "unsigned int")
    elif tc == "l":
        _as_long(v)
    elif tc == "L":
        _as_ulong(v)
    elif tc == "q":
        if v < _LONG_MIN or v > _LONG_MAX:
            raise OverflowError("int too big to convert")
    elif tc == "Q":
        if v < 0:
            raise OverflowError("can't convert negative int to unsigned")
        if v > _ULONG_MAX:
            raise OverflowError("int too big to convert")
    return v


def _double_bits(x):
    """The IEEE 754 binary64 bits of the float `x` (read off `float.hex`)."""
    if x != x:
        return 0xFFF8000000000000 if x.hex().startswith("-") else 0x7FF8000000000000
    if x in (float("inf"), float("-inf")):
        return (0xFFF0000000000000 if x < 0 else 0x7FF0000000000000)
    h = x.hex()
    sign = 0
    if h[0] == "-":
        sign = 1
        h = h[1:]
    # h is '0xL.FFFFFFFFFFFFFpE' with L 1 (normal) or 0 (zero, subnormal)
    lead = h[2]
    dot = h.find(".")
    p = h.find("p")
    frac = h[dot + 1:p] if dot >= 0 else ""
    exp = int(h[p + 1:])
    mant = int((frac + "0" * 13)[:13], 16)
    if lead == "0":
        return sign << 63 | mant
    return sign << 63 | (exp + 1023) << 52 | mant


def _double_from_bits(b):
    sign = -1.0 if b >> 63 else 1.0
    e = (b >> 52) & 0x7FF
    m = b & ((1 << 52) - 1)
    if e == 0x7FF:
        return sign * float("inf") if m == 0 else float("nan")
    if e == 0:
        return sign * (m * 2.0 ** -1074)
    return sign * ((m | 1 << 52) * 2.0 ** (e - 1075))


def _float_bits(x):
    """The binary32 bits of the float `x` rounded to single precision (half to even)."""
    d = _double_bits(x)
    sign = (d >> 63) << 31
    e = (d >> 52) & 0x7FF
    m = d & ((1 << 52) - 1)
    if e == 0x7FF:
        return sign | 0x7F800000 | (0x400000 if m else 0)
    if e == 0:
        return sign  # binary64 subnormals are far below binary32's range
    full = m | 1 << 52  # value = full * 2**(e - 1075)
    e32 = e - 1023 + 127
    shift = 29 if e32 > 0 else 29 + 1 - e32
    if shift > 60:
        return sign
    q, r = divmod(full, 1 << shift)
    half = 1 << (shift - 1)
    if r > half or (r == half and q & 1):
        q += 1
    if e32 > 0:
        # q has 24 bits, or 25 after a carry out of the mantissa
        if q >> 24:
            q >>= 1
            e32 += 1
        if e32 >= 0xFF:
            return sign | 0x7F800000
        return sign | e32 << 23 | (q & 0x7FFFFF)
    # subnormal (a carry into bit 23 makes the smallest normal, which the same sum encodes)
    return sign | q


def _float_from_bits(b):
    sign = -1.0 if b >> 31 else 1.0
    e = (b >> 23) & 0xFF
    m = b & 0x7FFFFF
    if e == 0xFF:
        return sign * float("inf") if m == 0 else float("nan")
    if e == 0:
        return sign * (m * 2.0 ** -149)
    return sign * ((m | 1 << 23) * 2.0 ** (e - 150))


def _check(tc, v):
    """`v` converted for storage under typecode `tc`."""
    if tc == "f" or tc == "d":
        if isinstance(v, float):
            x = v
        elif isinstance(v, int):
            x = float(v)
        elif hasattr(type(v), "__float__"):
            x = type(v).__float__(v)
        elif hasattr(type(v), "__index__"):
            x = float(type(v).__index__(v))
        else:
            raise TypeError("must be real number, not %s" % type(v).__name__)
        if tc == "f":
            return _float_from_bits(_float_bits(x))
        return x
    if tc == "u":
        if not isinstance(v, str) or len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    return _check_int(tc, _index(v))


def _item_bytes(tc, v):
    size = _ITEMSIZE[tc]
    if tc == "d":
        return _double_bits(v).to_bytes(8, "little")
    if tc == "f":
        return _float_bits(v).to_bytes(4, "little")
    if tc == "u":
        return ord(v).to_bytes(4, "little")
    return v.to_bytes(size, "little", signed=_SIGNED[tc])


def _item_from_bytes(tc, b):
    if tc == "d":
        return _double_from_bits(int.from_bytes(b, "little"))
    if tc == "f":
        return _float_from_bits(int.from_bytes(b, "little"))
    if tc == "u":
        return chr(int.from_bytes(b, "little"))
    return int.from_bytes(b, "little", signed=_SIGNED[tc])


class array:
    """array(typecode[, initializer]) -> array

    An array of values of the one C type `typecode` names.
    """

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not %s"
                            % type(typecode).__name__)
        if typecode not in _ITEMSIZE:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self._tc = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode != "u":
                raise TypeError("cannot use a str to initialize an array with typecode '%s'"
                                % typecode)
            self._items = list(initializer)
        elif isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, array) and initializer._tc == "u" and typecode != "u":
            raise TypeError("cannot use a unicode array to initialize an array with "
                            "typecode '%s'" % typecode)
        elif isinstance(initializer, array) and initializer._tc != typecode:
            # Another typecode: the items are converted one by one (extend() would refuse).
            self._items = [_check(typecode, v) for v in initializer._items]
        else:
            self.extend(initializer)

    @property
    def typecode(self):
        """The typecode character used to create the array."""
        return self._tc

    @property
    def itemsize(self):
        """The length in bytes of one array item."""
        return _ITEMSIZE[self._tc]

    # -- sequence protocol ----------------------------------------------------------------

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __contains__(self, v):
        return v in self._items

    def __getitem__(self, i):
        if isinstance(i, slice):
            out = array(self._tc)
            out._items = self._items[i]
            return out
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError('can only assign array (not "%s") to array slice'
                                % type(v).__name__)
            if v._tc != self._tc:
                raise TypeError("bad argument type for built-in operation")
            self._items[i] = list(v._items)
            return
        v = _check(self._tc, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    # -- operators ------------------------------------------------------------------------

    def _same(self, other):
        if not isinstance(other, array) or other._tc != self._tc:
            raise TypeError("bad argument type for built-in operation")

    def __add__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        self._same(other)
        out = array(self._tc)
        out._items = self._items + other._items
        return out

    def __iadd__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        self._same(other)
        self._items += other._items
        return self

    def __mul__(self, n):
        out = array(self._tc)
        out._items = self._items * n
        return out

    __rmul__ = __mul__

    def __imul__(self, n):
        self._items *= n
        return self

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items != other._items

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items < other._items

    def __le__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items <= other._items

    def __gt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items > other._items

    def __ge__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items >= other._items

    __hash__ = None

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self._tc
        if self._tc == "u":
            return "array('u', %r)" % "".join(self._items)
        return "array('%s', %r)" % (self._tc, self._items)

    def __copy__(self):
        return self[:]

    def __deepcopy__(self, memo):
        return self[:]

    # -- methods --------------------------------------------------------------------------

    def append(self, v):
        """Append a new item to the end of the array."""
        self._items.append(_check(self._tc, v))

    def extend(self, iterable):
        """Append the items of `iterable` (an array must have the same typecode)."""
        if isinstance(iterable, array):
            self._same(iterable)
            self._items.extend(iterable._items)
            return
        tc = self._tc
        self._items.extend([_check(tc, v) for v in iterable])

    def insert(self, i, v):
        """Insert a new item `v` before position `i`."""
        self._items.insert(i, _check(self._tc, v))

    def pop(self, i=-1):
        """Remove and return the item at `i` (the last by default)."""
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        """Remove the first occurrence of `v`."""
        try:
            self._items.remove(v)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def index(self, v, start=0, stop=None):
        """The index of the first occurrence of `v`."""
        if stop is None:
            stop = len(self._items)
        try:
            return self._items.index(v, start, stop)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def count(self, v):
        """The number of occurrences of `v`."""
        return self._items.count(v)

    def reverse(self):
        """Reverse the order of the items in place."""
        self._items.reverse()

    def buffer_info(self):
        """(address, length): arenapy has no stable address to give, so 0."""
        return (0, len(self._items))

    def byteswap(self):
        """Swap the bytes of every item (for data from a machine of the other byte order)."""
        tc = self._tc
        size = _ITEMSIZE[tc]
        if size == 1:
            return
        self._items = [_item_from_bytes(tc, _item_bytes(tc, v)[::-1]) for v in self._items]

    def tolist(self):
        """The items as a list."""
        return list(self._items)

    def fromlist(self, lst):
        """Append the items of the list `lst`."""
        if not isinstance(lst, list):
            raise TypeError("arg must be list")
        tc = self._tc
        self._items.extend([_check(tc, v) for v in lst])

    def tobytes(self):
        """The items as machine values in bytes."""
        tc = self._tc
        if tc in "bBhHiIlLqQ":
            size = _ITEMSIZE[tc]
            signed = _SIGNED[tc]
            return b"".join([v.to_bytes(size, "little", signed=signed) for v in self._items])
        return b"".join([_item_bytes(tc, v) for v in self._items])

    def frombytes(self, data):
        """Append the items read from `data`, machine values in bytes."""
        data = bytes(data)
        size = _ITEMSIZE[self._tc]
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        tc = self._tc
        self._items.extend([_item_from_bytes(tc, data[k:k + size])
                            for k in range(0, len(data), size)])

    def tofile(self, f):
        """Write the items, as machine values, to the file object `f`."""
        f.write(self.tobytes())

    def fromfile(self, f, n):
        """Read `n` items, as machine values, from the file object `f`."""
        size = _ITEMSIZE[self._tc]
        data = f.read(n * size)
        self.frombytes(data[:len(data) - len(data) % size])
        if len(data) < n * size:
            raise EOFError("read() didn't return enough bytes")

    def tounicode(self):
        """The items of a 'u' array as a str."""
        if self._tc != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._items)

    def fromunicode(self, s):
        """Append the characters of `s` to a 'u' array."""
        if self._tc != "u":
            raise ValueError("fromunicode() may only be called on unicode type arrays")
        self._items.extend(s)


ArrayType = array
