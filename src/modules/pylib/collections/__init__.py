"""Container datatypes: deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
(arenapy's implementation)."""

import sys as _sys
_GenericAlias = type(list[int])
from collections.abc import MutableMapping as _MutableMapping, Mapping as _Mapping
from collections.abc import MutableSequence as _MutableSequence
from collections import abc  # noqa: F401  (collections.abc as an attribute)
from keyword import iskeyword as _iskeyword

__all__ = [
    "ChainMap", "Counter", "OrderedDict", "UserDict", "UserList", "UserString",
    "defaultdict", "deque", "namedtuple",
]

_repr_running = set()


def _recursive_repr_guard(self, build):
    key = id(self)
    if key in _repr_running:
        return "..."
    _repr_running.add(key)
    try:
        return build()
    finally:
        _repr_running.discard(key)


# ----- deque -----

class deque:
    """deque([iterable[, maxlen]]) --> deque object

    A list-like sequence optimized for data accesses near its endpoints.

    Storage is a ring buffer: `_buf` is a list whose length is the capacity (a power of two),
    `_head` the buffer index of the leftmost element and `_len` the number of elements; element
    i lives at `_buf[(_head + i) & (capacity - 1)]`. Both ends are O(1); a full buffer doubles.
    `_state` counts mutations so iterators can detect changes.
    """

    __class_getitem__ = classmethod(_GenericAlias)

    __slots__ = ("_buf", "_head", "_len", "_maxlen", "_state", "__weakref__")

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._buf = [None] * 8
        self._head = 0
        self._len = 0
        self._maxlen = maxlen
        self._state = 0
        if iterable is not self:
            self.extend(iterable)
        else:
            self.extend(list(iterable))

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    # -- ring buffer primitives --

    def _grow(self):
        buf = self._buf
        cap = len(buf)
        h = self._head
        # Unroll into a new buffer of twice the capacity, head at 0.
        new = buf[h:] + buf[:h]
        new.extend([None] * cap)
        self._buf = new
        self._head = 0

    def _push_right(self, x):
        if self._len == len(self._buf):
            self._grow()
        buf = self._buf
        buf[(self._head + self._len) & (len(buf) - 1)] = x
        self._len += 1

    def _push_left(self, x):
        if self._len == len(self._buf):
            self._grow()
        buf = self._buf
        self._head = (self._head - 1) & (len(buf) - 1)
        buf[self._head] = x
        self._len += 1

    def _pop_right(self):
        buf = self._buf
        self._len -= 1
        i = (self._head + self._len) & (len(buf) - 1)
        x = buf[i]
        buf[i] = None
        return x

    def _pop_left(self):
        buf = self._buf
        x = buf[self._head]
        buf[self._head] = None
        self._head = (self._head + 1) & (len(buf) - 1)
        self._len -= 1
        return x

    def _index(self, i):
        n = self._len
        if not isinstance(i, int):
            if hasattr(i, "__index__"):
                i = i.__index__()
            else:
                raise TypeError(
                    "sequence index must be integer, not '%s'" % type(i).__name__)
        if i < 0:
            i += n
        if i < 0 or i >= n:
            raise IndexError("deque index out of range")
        return (self._head + i) & (len(self._buf) - 1)

    # -- public API --

    def append(self, x):
        """Add an element to the right side of the deque."""
        self._state += 1
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop_left()
        self._push_right(x)

    def appendleft(self, x):
        """Add an element to the left side of the deque."""
        self._state += 1
        if self._maxlen is not None and self._len >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop_right()
        self._push_left(x)

    def pop(self):
        """Remove and return the rightmost element."""
        if not self._len:
            raise IndexError("pop from an empty deque")
        self._state += 1
        return self._pop_right()

    def popleft(self):
        """Remove and return the leftmost element."""
        if not self._len:
            raise IndexError("pop from an empty deque")
        self._state += 1
        return self._pop_left()

    def extend(self, iterable):
        """Extend the right side of the deque with elements from the iterable."""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        """Extend the left side of the deque with elements from the iterable."""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        """Remove all elements from the deque."""
        self._state += 1
        self._buf = [None] * 8
        self._head = 0
        self._len = 0

    def copy(self):
        """Return a shallow copy of a deque."""
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def count(self, value):
        """Return number of occurrences of value."""
        n = 0
        state = self._state
        for i in range(self._len):
            x = self._buf[(self._head + i) & (len(self._buf) - 1)]
            if x is value or x == value:
                n += 1
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
        return n

    def index(self, value, start=0, stop=None):
        """Return first index of value.

        Raises ValueError if the value is not present."""
        n = self._len
        if stop is None or stop > n:
            stop = n
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop = max(stop + n, 0)
        state = self._state
        for i in range(start, stop):
            x = self._buf[(self._head + i) & (len(self._buf) - 1)]
            if x is value or x == value:
                return i
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
        raise ValueError("%r is not in deque" % (value,))

    def insert(self, i, x):
        """Insert value before index."""
        n = self._len
        if self._maxlen is not None and n >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        if i < 0:
            i = max(i + n, 0)
        if i >= n:
            self.append(x)
            return
        if i == 0:
            self.appendleft(x)
            return
        self.rotate(-i)
        self.appendleft(x)
        self.rotate(i)

    def remove(self, value):
        """Remove first occurrence of value."""
        for i in range(self._len):
            x = self._buf[(self._head + i) & (len(self._buf) - 1)]
            if x is value or x == value:
                del self[i]
                return
        raise ValueError("%r is not in deque" % (value,))

    def reverse(self):
        """Reverse *IN PLACE*."""
        self._state += 1
        items = list(self)
        items.reverse()
        self._set_items(items)

    def rotate(self, n=1):
        """Rotate the deque n steps to the right (default n=1). If n is negative, rotates
        left."""
        size = self._len
        if size <= 1:
            return
        n %= size
        if n == 0:
            return
        self._state += 1
        if n > size // 2:
            for _ in range(size - n):
                self._push_right(self._pop_left())
        else:
            for _ in range(n):
                self._push_left(self._pop_right())

    def _set_items(self, items):
        cap = 8
        while cap < len(items):
            cap *= 2
        self._buf = items + [None] * (cap - len(items))
        self._head = 0
        self._len = len(items)

    # -- sequence protocol --

    def __len__(self):
        return self._len

    def __bool__(self):
        return self._len > 0

    def __getitem__(self, i):
        if isinstance(i, slice):
            raise TypeError("sequence index must be integer, not 'slice'")
        return self._buf[self._index(i)]

    def __setitem__(self, i, x):
        self._buf[self._index(i)] = x

    def __delitem__(self, i):
        n = self._len
        j = i + n if i < 0 else i
        if j < 0 or j >= n:
            raise IndexError("deque index out of range")
        self.rotate(-j)
        self.popleft()
        self.rotate(j)

    def __iter__(self):
        state = self._state
        n = self._len
        i = 0
        while i < n:
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
            buf = self._buf
            yield buf[(self._head + i) & (len(buf) - 1)]
            i += 1
        if state != self._state:
            raise RuntimeError("deque mutated during iteration")

    def __reversed__(self):
        state = self._state
        i = self._len - 1
        while i >= 0:
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
            buf = self._buf
            yield buf[(self._head + i) & (len(buf) - 1)]
            i -= 1

    def __contains__(self, value):
        for x in self:
            if x is value or x == value:
                return True
        return False

    def __repr__(self):
        def build():
            body = "[" + ", ".join(repr(x) for x in self) + "]"
            if self._maxlen is None:
                return "%s(%s)" % (type(self).__name__, body)
            return "%s(%s, maxlen=%d)" % (type(self).__name__, body, self._maxlen)

        r = _recursive_repr_guard(self, build)
        return "[...]" if r == "..." else r

    # -- comparisons and arithmetic --

    def _cmp(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(list(self), list(other))

    def __eq__(self, other):
        return self._cmp(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._cmp(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._cmp(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._cmp(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._cmp(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._cmp(other, lambda a, b: a >= b)

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "%s") to deque'
                            % type(other).__name__)
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        new = self.copy()
        new *= n
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        items = list(self)
        self.clear()
        for _ in range(n):
            self.extend(items)
        return self

    def __reduce__(self):
        return type(self), (list(self), self._maxlen)


_MutableSequence.register(deque)


# ----- defaultdict -----

class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default factory

    The default factory is called without arguments to produce a new value when a key is not
    present, in __getitem__ only."""

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        dict.update(self, *args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        def build():
            return "%s(%s, %s)" % (
                type(self).__name__,
                _factory_repr(self.default_factory),
                dict.__repr__(self),
            )

        return _recursive_repr_guard(self, build)

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        return type(self), (self.default_factory,), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


def _factory_repr(f):
    if f is None:
        return "None"
    key = id(f)
    if key in _repr_running:
        return "..."
    return repr(f)


# ----- OrderedDict -----

class OrderedDict(dict):
    """Dictionary that remembers insertion order, with move_to_end and popitem(last=...);
    equality between two OrderedDicts is order-sensitive.

    dict keeps insertion order already; this class adds the reordering operations."""

    def __init__(self, other=(), /, **kwds):
        self.update(other, **kwds)

    def update(self, other=(), /, **kwds):
        if isinstance(other, dict) or hasattr(other, "keys"):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwds.items():
            self[k] = v

    def move_to_end(self, key, last=True):
        """Move an existing element to the end (or beginning if last is false)."""
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def popitem(self, last=True):
        """Remove and return a (key, value) pair from the dictionary, LIFO order if last is
        true or FIFO order if false."""
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(self)) if last else next(iter(self))
        value = dict.pop(self, key)
        return key, value

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = None

    def __repr__(self):
        if not self:
            return "%s()" % (type(self).__name__,)

        def build():
            return "%s(%r)" % (type(self).__name__, list(self.items()))

        return _recursive_repr_guard(self, build)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    @classmethod
    def fromkeys(cls, iterable, value=None):
        self = cls()
        for key in iterable:
            self[key] = value
        return self

    def setdefault(self, key, default=None):
        if key in self:
            return self[key]
        self[key] = default
        return default

    def __reduce__(self):
        return type(self), (), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


# ----- namedtuple -----

class _FieldGetter:
    # The descriptor of a namedtuple field: reads item `index`, refuses assignment.

    __slots__ = ("index", "__doc__")

    def __init__(self, index, doc):
        self.index = index
        self.__doc__ = doc

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return tuple.__getitem__(obj, self.index)

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")


def _join_names(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return "%s and %s" % (quoted[0], quoted[1])
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _bind_fields(qualname, fields, defaults, args, kwargs):
    """Binds a call's arguments to the fields, with CPython's messages for a bad call."""
    n = len(fields)
    if len(args) > n:
        ndef = len(defaults)
        if ndef:
            takes = "from %d to %d positional arguments" % (n - ndef + 1, n + 1)
        else:
            takes = "%d positional argument%s" % (n + 1, "" if n + 1 == 1 else "s")
        given = len(args) + 1
        raise TypeError("%s() takes %s but %d %s given"
                        % (qualname, takes, given, "was" if given == 1 else "were"))
    values = list(args)
    if kwargs:
        for name in kwargs:
            if name not in fields:
                raise TypeError("%s() got an unexpected keyword argument '%s'"
                                % (qualname, name))
            if fields.index(name) < len(args):
                raise TypeError("%s() got multiple values for argument '%s'"
                                % (qualname, name))
    missing = []
    first_default = n - len(defaults)
    for i in range(len(args), n):
        name = fields[i]
        if name in kwargs:
            values.append(kwargs[name])
        elif i >= first_default:
            values.append(defaults[i - first_default])
        else:
            missing.append(name)
            values.append(None)
    if missing:
        raise TypeError("%s() missing %d required positional argument%s: %s"
                        % (qualname, len(missing), "" if len(missing) == 1 else "s",
                           _join_names(missing)))
    return values


def _caller_module():
    getframe = getattr(_sys, "_getframe", None)
    if getframe is not None:
        try:
            return getframe(2).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass
    return "__main__"


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Returns a new subclass of tuple with named fields.

    >>> Point = namedtuple('Point', ['x', 'y'])
    >>> Point(11, y=22)
    Point(x=11, y=22)
    """
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or _iskeyword(name) or name.startswith("_")
                    or name in seen):
                field_names[index] = "_%d" % index
            seen.add(name)
    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid identifiers: %r"
                             % name)
        if _iskeyword(name):
            raise ValueError("Type names and field names cannot be a keyword: %r" % name)
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: %r" % name)
        if name in seen:
            raise ValueError("Encountered duplicate field name: %r" % name)
        seen.add(name)

    fields = tuple(field_names)
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
    else:
        defaults = ()
    field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))
    num_fields = len(fields)
    new_qualname = typename + ".__new__"

    def __new__(_cls, *args, **kwargs):
        if not kwargs and len(args) == num_fields:
            return tuple.__new__(_cls, args)
        return tuple.__new__(_cls, _bind_fields(new_qualname, fields, defaults, args, kwargs))

    __new__.__qualname__ = new_qualname
    __new__.__doc__ = "Create new instance of %s(%s)" % (typename, ", ".join(fields))
    if defaults:
        __new__.__defaults__ = defaults

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError("Expected %d arguments, got %d" % (num_fields, len(result)))
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value) for name, value in zip(fields, self)])
        if kwds:
            raise ValueError("Got unexpected field names: %r" % list(kwds))
        return result

    def __repr__(self):
        return self.__class__.__name__ + "(" + ", ".join(
            "%s=%r" % (name, value) for name, value in zip(fields, self)) + ")"

    def _asdict(self):
        """Return a new dict which maps field names to their values."""
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": "%s(%s)" % (typename, ", ".join(fields)),
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    for index, name in enumerate(fields):
        namespace[name] = _FieldGetter(index, "Alias for field number %d" % index)
    result = type(typename, (tuple,), namespace)
    result.__module__ = module if module is not None else _caller_module()
    return result


# ----- Counter -----

class Counter(dict):
    """Dict subclass for counting hashable items (a multiset): elements are keys, their counts
    values; a missing element counts zero."""

    def __init__(self, iterable=None, /, **kwds):
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        """Sum of the counts."""
        return sum(self.values())

    def most_common(self, n=None):
        """List the n most common elements and their counts from the most common to the
        least. If n is None, then list all element counts."""
        ordered = sorted(self.items(), key=_count_of, reverse=True)
        if n is None:
            return ordered
        return ordered[:max(n, 0)]

    def elements(self):
        """Iterator over elements repeating each as many times as its count."""
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        """Like dict.update() but add counts instead of replacing them."""
        if iterable is not None:
            if isinstance(iterable, _Mapping) or isinstance(iterable, dict):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self.get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                get = self.get
                for elem in iterable:
                    self[elem] = get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Like dict.update() but subtracts counts instead of replacing them."""
        if iterable is not None:
            get = self.get
            if isinstance(iterable, _Mapping) or isinstance(iterable, dict):
                for elem, count in iterable.items():
                    self[elem] = get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    __copy__ = copy

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, elem):
        if elem in self:
            dict.__delitem__(self, elem)

    def __repr__(self):
        if not self:
            return "%s()" % self.__class__.__name__
        try:
            items = ", ".join("%r: %r" % kv for kv in self.most_common())
        except TypeError:
            items = dict.__repr__(self)[1:-1]
        return "%s({%s})" % (self.__class__.__name__, items)

    # -- comparisons: missing elements count zero --

    def _all(self, other, pred):
        if not isinstance(other, Counter):
            return NotImplemented
        for e in set(self) | set(other):
            if not pred(self[e], other[e]):
                return False
        return True

    def __eq__(self, other):
        return self._all(other, lambda a, b: a == b)

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __le__(self, other):
        return self._all(other, lambda a, b: a <= b)

    def __lt__(self, other):
        r = self.__le__(other)
        return r if r is NotImplemented else (r and self != other)

    def __ge__(self, other):
        return self._all(other, lambda a, b: a >= b)

    def __gt__(self, other):
        r = self.__ge__(other)
        return r if r is NotImplemented else (r and self != other)

    __hash__ = None

    # -- multiset arithmetic: results keep positive counts only --

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            dict.__delitem__(self, elem)
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in list(self.items()):
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


def _count_of(item):
    return item[1]


# ----- ChainMap -----

class ChainMap(_MutableMapping):
    """A ChainMap groups multiple dicts (or other mappings) together to create a single,
    updateable view. Lookups search the maps in order; writes go to the first."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        def build():
            return "%s(%s)" % (type(self).__name__, ", ".join(map(repr, self.maps)))

        return _recursive_repr_guard(self, build)

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        """New ChainMap or subclass with a new copy of maps[0] and refs to maps[1:]"""
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        """New ChainMap with a new map followed by all previous maps."""
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        """New ChainMap from maps[1:]."""
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,)) from None

    def popitem(self):
        """Remove and return an item pair from maps[0]. Raise KeyError is maps[0] is empty."""
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.") from None

    def pop(self, key, *args):
        """Remove *key* from maps[0] and return its value. Raise KeyError if *key* not in
        maps[0]."""
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError("Key not found in the first mapping: %r" % (key,)) from None

    def clear(self):
        """Clear maps[0], leaving maps[1:] intact."""
        self.maps[0].clear()

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return self.__class__(m)


# ----- UserDict, UserList, UserString (wrappers around a `data` attribute) -----

class UserDict(_MutableMapping):
    """A dict-like class wrapping a real dict in `data`."""

    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def copy(self):
        c = self.__class__()
        c.data = self.data.copy()
        return c


class UserList(list):
    """A list-like class (arenapy: a list subclass keeping `data` as an alias view)."""

    @property
    def data(self):
        return list(self)


class UserString(str):
    """A str-like class (arenapy: a str subclass exposing `data`)."""

    @property
    def data(self):
        return str(self)
