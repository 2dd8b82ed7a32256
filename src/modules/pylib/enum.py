"""Enumerations (arenapy's implementation): Enum, IntEnum, StrEnum, Flag, IntFlag, auto,
unique.

EnumType.__prepare__ hands the class body an _EnumDict, which records member names in
definition order and resolves auto() values. EnumType.__new__ removes the members from the
namespace, creates the class, then creates each member (an instance of the class, built with
the mixed-in data type's __new__ when there is one), binding aliases to the first member with
the same value.
"""

import sys
import builtins as bltns
from functools import reduce
from types import MappingProxyType, DynamicClassAttribute

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag", "IntFlag",
           "ReprEnum", "auto", "unique", "property", "verify", "member", "nonmember",
           "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP", "global_flag_repr",
           "global_enum_repr", "global_str", "global_enum", "EnumCheck", "CONTINUOUS",
           "NAMED_FLAGS", "UNIQUE", "pickle_by_global_name", "pickle_by_enum_name"]

Enum = Flag = ReprEnum = None  # the bases, defined below
STRICT = KEEP = EJECT = CONFORM = None  # the flag boundaries, defined below


def _is_single_bit(num):
    """Whether exactly one bit of `num` is set (`num` an int, or a member of an int-based
    flag)."""
    if num == 0:
        return False
    return num & (num - 1) == 0


def _bits_low_first(num):
    """The set bits of a non-negative int (or of a member's value), lowest first."""
    given = num
    if isinstance(num, Enum):
        num = num.value
    if num < 0:
        raise ValueError("%r is not a positive integer" % (given,))
    while num:
        low = num & -num
        yield low
        num ^= low


def show_flag_values(value):
    """The single-bit values making up `value`, lowest first."""
    return list(_bits_low_first(value))


def bin(num, max_bits=None):
    """Like the builtin bin(), but a negative number shows in two's complement and the first
    digit, set apart, is the sign (0 positive, 1 negative): bin(5) == '0b0 101'."""
    width = num.bit_length()
    if num >= 0:
        digits = format(num, "b") if num else ""
        digits = digits.rjust(width, "0")
        sign = "0"
    else:
        digits = format((1 << width) + num, "b").rjust(width, "0")[-width:] if width else ""
        sign = "1"
    if max_bits is not None and len(digits) < max_bits:
        digits = (sign * max_bits + digits)[-max_bits:]
    return "0b%s %s" % (sign, digits)


class property(DynamicClassAttribute):
    """An attribute of enum members that, looked up on the enum class itself, gives the member
    of that name instead (so that members may be called `name` or `value`)."""

    member = None

    def __get__(self, instance, ownerclass=None):
        if instance is not None and self.fget is not None:
            return self.fget(instance)
        try:
            return ownerclass._member_map_[self.name]
        except KeyError:
            raise AttributeError("%r has no attribute %r" % (ownerclass, self.name)) from None

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("<enum %r> cannot set attribute %r"
                                 % (self.clsname, self.name))
        return self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("<enum %r> cannot delete attribute %r"
                                 % (self.clsname, self.name))
        return self.fdel(instance)

    def __set_name__(self, ownerclass, name):
        self.name = name
        self.clsname = ownerclass.__name__


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    _counter = 0

    def __init__(self, value=None):
        self.value = value if value is not None else _AUTO

    def __repr__(self):
        return "auto(%r)" % (self.value,)


_AUTO = object()


class member:
    def __init__(self, value):
        self.value = value


class nonmember:
    def __init__(self, value):
        self.value = value


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(obj):
    return (hasattr(obj, "__get__") or hasattr(obj, "__set__")
            or hasattr(obj, "__delete__"))


def _is_private(cls_name, name):
    prefix = "_%s__" % cls_name.lstrip("_")
    return name.startswith(prefix) and not name.endswith("__")


class _EnumDict(dict):
    """The class namespace of an enum: records member names and resolves auto()."""

    def __init__(self):
        super().__init__()
        self._member_names = []
        self._last_values = []
        self._ignore = []
        self._generate_next_value = None
        self._cls_name = None

    def __setitem__(self, key, value):
        if _is_private(self._cls_name or "", key):
            pass
        elif _is_sunder(key):
            if key == "_ignore_":
                if isinstance(value, str):
                    value = value.replace(",", " ").split()
                else:
                    value = list(value)
                self._ignore = value
            elif key == "_generate_next_value_":
                self._generate_next_value = value
        elif _is_dunder(key):
            if key == "__order__":
                key = "_order_"
        elif key in self._member_names:
            raise TypeError("%r already defined as %r" % (key, self[key]))
        elif key in self._ignore:
            pass
        elif isinstance(value, nonmember):
            value = value.value
        elif _is_descriptor(value) and not isinstance(value, member):
            pass
        else:
            if key in self:
                raise TypeError("%r already defined as %r" % (key, self[key]))
            if isinstance(value, member):
                value = value.value
            if isinstance(value, auto):
                if value.value is _AUTO:
                    gen = self._generate_next_value
                    value.value = gen(key, 1, len(self._member_names), self._last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                resolved = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _AUTO:
                            v.value = self._generate_next_value(
                                key, 1, len(self._member_names), self._last_values[:])
                        v = v.value
                    resolved.append(v)
                value = tuple(resolved)
            self._member_names.append(key)
            self._last_values.append(value)
        dict.__setitem__(self, key, value)


def _find_data_type(bases):
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                if base._member_type_ is not object:
                    return base._member_type_
                continue
            if "__new__" in base.__dict__ or base in (int, str, float, tuple, list, dict):
                return base
    return object


def _first_enum(bases):
    for b in reversed(bases):
        if isinstance(b, EnumType):
            return b
    return None


class EnumType(type):
    """Metaclass for Enum."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        classdict = _EnumDict()
        classdict._cls_name = cls
        first = _first_enum(bases)
        if first is not None:
            classdict._generate_next_value = first._generate_next_value_
        else:
            classdict._generate_next_value = _generate_next_value_default
        return classdict

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        if not isinstance(classdict, _EnumDict):
            members = {}
            ns = dict(classdict)
        else:
            members = {k: classdict[k] for k in classdict._member_names}
            ns = {k: v for k, v in classdict.items() if k not in members}
        ignore = ns.pop("_ignore_", [])
        for name in (ignore.replace(",", " ").split() if isinstance(ignore, str) else ignore):
            ns.pop(name, None)
        first = _first_enum(bases)
        if first is not None and first._member_names_:
            raise TypeError("%s: cannot extend enumeration %r" % (cls, first.__name__))
        member_type = _find_data_type(bases)
        ns["_member_names_"] = []
        ns["_member_map_"] = {}
        ns["_value2member_map_"] = {}
        ns["_unhashable_values_"] = []
        ns["_member_type_"] = member_type
        is_flag = (Flag is None and cls == "Flag") or (
            Flag is not None and any(issubclass(b, Flag) for b in bases))
        if is_flag:
            ns["_boundary_"] = boundary or getattr(first, "_boundary_", None)
            ns["_flag_mask_"] = 0
            ns["_singles_mask_"] = 0
            ns["_all_bits_"] = 0
            ns["_inverted_"] = None
        order = ns.pop("_order_", None)
        custom_new = ns.get("__new__")
        if custom_new is _enum_lookup_new:
            custom_new = None
        if custom_new is not None:
            ns["_new_member_"] = custom_new
        # Calling the class looks members up, whatever the data type's __new__ (int comes
        # before Enum in IntEnum's MRO).
        ns["__new__"] = _enum_lookup_new
        enum_class = super().__new__(metacls, cls, bases, ns, **kwds)
        if custom_new is None:
            new_member = None
            for base in enum_class.__mro__[1:]:
                nm = base.__dict__.get("_new_member_")
                if nm is not None:
                    new_member = nm
                    break
            if new_member is None:
                new_member = member_type.__new__ if member_type is not object else None
            type.__setattr__(enum_class, "_new_member_", new_member)
        if member_type is not object:
            type.__setattr__(enum_class, "_value_repr_", member_type.__repr__)
        # The data type's repr/str/format must not shadow Enum's (int comes before Enum in
        # IntEnum's MRO): copy the enum's own method in front when it would.
        for name in ("__repr__", "__str__", "__format__"):
            if name in ns:
                continue
            data_first = False
            for base in enum_class.__mro__[1:]:
                if isinstance(base, EnumType):
                    if name in base.__dict__:
                        if data_first:
                            type.__setattr__(enum_class, name, base.__dict__[name])
                        break
                elif base is not object:
                    data_first = True
        if Flag is not None and issubclass(enum_class, Flag):
            # Likewise int's operators must not shadow Flag's (IntFlag).
            for name in ("__or__", "__and__", "__xor__", "__ror__", "__rand__", "__rxor__",
                         "__invert__"):
                if name not in ns:
                    type.__setattr__(enum_class, name, Flag.__dict__[name])
        for name, value in members.items():
            _add_member(enum_class, name, value, member_type)
        if is_flag:
            # Members not defined in increasing value order are listed in definition order.
            values = [enum_class._member_map_[n]._value_ for n in enum_class._member_names_]
            if values != sorted(values):
                type.__setattr__(enum_class, "_iter_member_",
                                 enum_class._iter_member_by_def_)
        if order is not None:
            if isinstance(order, str):
                order = order.replace(",", " ").split()
            if is_flag:
                # Multi-bit aliases may be listed or not.
                order = [o for o in order if o not in enum_class._member_map_
                         or _is_single_bit(enum_class._member_map_[o]._value_)]
            if order != enum_class._member_names_:
                raise TypeError("member order does not match _order_:\n  %r\n  %r"
                                % (enum_class._member_names_, order))
        return enum_class

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start, boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        classdict = metacls.__prepare__(class_name, bases)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original = names
            names = []
            last_values = []
            for count, name in enumerate(original):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        items = names.items() if hasattr(names, "items") else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        classdict["__module__"] = module if module is not None else "__main__"
        if qualname is not None:
            classdict["__qualname__"] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @bltns.property
    def __members__(cls):
        return MappingProxyType(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__,)
        return "<enum %r>" % (cls.__name__,)

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get("_member_map_", {})
        if name in member_map:
            raise AttributeError("cannot reassign member %r" % (name,))
        super().__setattr__(name, value)

    def __dir__(cls):
        names = {"__class__", "__contains__", "__doc__", "__getitem__", "__iter__", "__len__",
                 "__members__", "__module__", "__name__", "__qualname__"}
        names.update(cls._member_names_)
        if cls._new_member_ not in (None, object.__new__):
            names.add("__new__")
        if cls.__init_subclass__ is not object.__init_subclass__:
            names.add("__init_subclass__")
        if cls._member_type_ is not object:
            names.update(dir(cls._member_type_))
        return sorted(names)

    def __getattr__(cls, name):
        """The member called `name` (members named like an attribute of members, such as
        `name` or `value`, are found here)."""
        if _is_dunder(name):
            raise AttributeError(name)
        try:
            return cls._member_map_[name]
        except KeyError:
            raise AttributeError(name) from None


EnumMeta = EnumType


def _add_member(enum_class, name, value, member_type):
    args = value if isinstance(value, tuple) else (value,)
    if member_type is tuple:
        args = (args,)
    new_member = enum_class._new_member_
    if new_member is None:
        m = object.__new__(enum_class)
    else:
        m = new_member(enum_class, *args)
    if not hasattr(m, "_value_"):
        if member_type is object:
            m._value_ = value
        else:
            m._value_ = member_type(*args)
    value = m._value_
    m._name_ = name
    m.__objclass__ = enum_class
    m._sort_order_ = len(enum_class._member_names_)
    m.__init__(*args)
    # An alias: the value belongs to an existing member already.
    existing = None
    try:
        existing = enum_class._value2member_map_.get(value)
    except TypeError:
        for other in enum_class._unhashable_values_:
            if other._value_ == value:
                existing = other
                break
    if existing is None:
        for other_name in enum_class._member_names_:
            other = enum_class._member_map_[other_name]
            if other._value_ == value and type(other._value_) is type(value):
                existing = other
                break
    is_flag = "_flag_mask_" in enum_class.__dict__
    if is_flag:
        type.__setattr__(enum_class, "_flag_mask_", enum_class._flag_mask_ | value)
        if _is_single_bit(value):
            type.__setattr__(enum_class, "_singles_mask_", enum_class._singles_mask_ | value)
        type.__setattr__(enum_class, "_all_bits_",
                         2 ** enum_class._flag_mask_.bit_length() - 1)
    if existing is not None:
        m = existing
    else:
        # A flag member whose value is not a single bit is an alias: it is not listed.
        if not is_flag or _is_single_bit(value):
            enum_class._member_names_.append(name)
        try:
            enum_class._value2member_map_.setdefault(value, m)
        except TypeError:
            enum_class._unhashable_values_.append(m)
    enum_class._member_map_[name] = m
    # A member named like a property of members (`name`, `value`): the class attribute stays a
    # property for members, and gives the member when looked up on the class.
    inherited = None
    for base in enum_class.__mro__[1:]:
        d = base.__dict__.get(name)
        if d is None:
            continue
        if isinstance(d, (bltns.property, DynamicClassAttribute)):
            inherited = d
            break
        if hasattr(d, "fget") and hasattr(d, "fset") and hasattr(d, "fdel"):
            inherited = d
    if inherited is not None:
        redirect = property(inherited.fget, inherited.fset, inherited.fdel)
        redirect.member = m
        redirect.__set_name__(enum_class, name)
        type.__setattr__(enum_class, name, redirect)
    else:
        type.__setattr__(enum_class, name, m)


def _generate_next_value_default(name, start, count, last_values):
    for last_value in reversed(last_values):
        try:
            return last_value + 1
        except TypeError:
            pass
    return start


def _enum_lookup_new(cls, value):
    # Enum.__new__ after class creation: finds the member for `value`.
    if type(value) is cls:
        return value
    try:
        return cls._value2member_map_[value]
    except KeyError:
        pass
    except TypeError:
        for m in cls._unhashable_values_:
            if m._value_ == value:
                return m
    for name in cls._member_names_:
        m = cls._member_map_[name]
        if m._value_ == value:
            return m
    try:
        error = None
        result = cls._missing_(value)
    except Exception as e:
        error = e
        result = None
    if isinstance(result, cls):
        return result
    if (Flag is not None and issubclass(cls, Flag) and cls._boundary_ is EJECT
            and isinstance(result, int)):
        return result
    not_valid = ValueError("%r is not a valid %s" % (value, cls.__qualname__))
    if error is None:
        if result is None:
            raise not_valid
        error = TypeError("error in %s._missing_: returned %r instead of None or a valid member"
                          % (cls.__name__, result))
    if not isinstance(error, ValueError):
        error.__context__ = not_valid
    raise error


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs.

    >>> class Color(Enum):
    ...     RED = 1
    >>> Color.RED
    <Color.RED: 1>
    """

    __new__ = _enum_lookup_new
    _value_repr_ = None

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return _generate_next_value_default(name, start, count, last_values)

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = type(self)._value_repr_ or repr
        return "<%s.%s: %s>" % (type(self).__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        names = ["__class__", "__doc__", "__eq__", "__hash__", "__module__", "name", "value"]
        names.extend(k for k in type(self).__dict__ if not k.startswith("_"))
        return sorted(set(names))

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""

    __str__ = int.__repr__

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError("too many arguments for str(): %r" % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError("%r is not a string" % (values[0],))
        value = str(*values)
        m = str.__new__(cls, value)
        m._value_ = value
        return m

    def __str__(self):
        return str.__str__(self)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(StrEnum):
    """What a Flag does with a value holding bits no member has: raise ("strict", Flag's
    default), drop those bits ("conform"), give the plain int ("eject"), or keep them
    ("keep", IntFlag's default)."""

    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


def _high_bit(value):
    return value.bit_length() - 1


class Flag(Enum, boundary=STRICT):
    """Support for bit flags: members combine with |, & and ^; combinations are pseudo-members
    named `A|B`."""

    _numeric_repr_ = repr

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high = _high_bit(last_value)
        except Exception:
            raise TypeError("invalid flag value %r" % (last_value,)) from None
        return 2 ** (high + 1)

    @classmethod
    def _iter_member_by_value_(cls, value):
        """The members whose bits are in `value`, in increasing value order."""
        for bit in _bits_low_first(value & cls._flag_mask_):
            yield cls._value2member_map_.get(bit)

    _iter_member_ = _iter_member_by_value_

    @classmethod
    def _iter_member_by_def_(cls, value):
        """The members whose bits are in `value`, in definition order."""
        found = list(cls._iter_member_by_value_(value))
        found.sort(key=lambda m: m._sort_order_)
        yield from found

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        singles = cls._singles_mask_
        all_bits = cls._all_bits_
        out_of_range = not (~all_bits <= value <= all_bits)
        if out_of_range or value & (all_bits ^ flag_mask):
            boundary = cls._boundary_
            if boundary is STRICT:
                width = max(value.bit_length(), flag_mask.bit_length())
                raise ValueError("%r invalid value %r\n    given %s\n  allowed %s"
                                 % (cls, value, bin(value, width), bin(flag_mask, width)))
            if boundary is CONFORM:
                value &= flag_mask
            elif boundary is EJECT:
                return value
            elif boundary is KEEP:
                if value < 0:
                    value += max(all_bits + 1, 2 ** value.bit_length())
            else:
                raise ValueError("%r unknown flag boundary %r" % (cls, boundary))
        negative = None
        if value < 0:
            negative = value
            value += all_bits + 1
        unknown = value & ~flag_mask
        multi = value & ~singles
        single = value & singles
        if unknown and cls._boundary_ is not KEEP:
            raise ValueError("%s(%r) -->  unknown values %r [%s]"
                             % (cls.__name__, value, unknown, bin(unknown)))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        if not hasattr(pseudo, "_value_"):
            pseudo._value_ = value
        name = None
        if single or multi:
            parts = list(cls._iter_member_(single))
            covered = 0
            for m in parts:
                covered |= m._value_
            if multi:
                value = single | multi
                for m in cls._member_map_.values():
                    v = m._value_
                    if m not in parts and v and v & value == v:
                        parts.append(m)
                        covered |= v
            rest = value ^ covered
            if covered:
                name = "|".join(m._name_ for m in parts)
                if rest and cls._boundary_ is STRICT:
                    raise ValueError("%r: no members with value %r" % (cls, rest))
                if rest:
                    name += "|%s" % cls._numeric_repr_(rest)
        pseudo._name_ = name
        pseudo.__objclass__ = cls
        pseudo = cls._value2member_map_.setdefault(value, pseudo)
        if negative is not None:
            cls._value2member_map_[negative] = pseudo
        return pseudo

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        yield from self._iter_member_(self._value_)

    def __len__(self):
        return self._value_.bit_count()

    def __repr__(self):
        cls_name = type(self).__name__
        v_repr = type(self)._value_repr_ or repr
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = type(self).__name__
        if self._name_ is None:
            return "%s(%r)" % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _coerce(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._coerce(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._coerce(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._coerce(other)
        if v is NotImplemented:
            return v
        return self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        if self._inverted_ is None:
            if self._boundary_ in (EJECT, KEEP):
                inverted = self.__class__(~self._value_)
            else:
                inverted = self.__class__(self._singles_mask_ & ~self._value_)
            self._inverted_ = inverted
        return self._inverted_


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags."""

    __str__ = int.__repr__

    def __format__(self, format_spec):
        return int.__format__(int(self), format_spec)

    def __repr__(self):
        return Flag.__repr__(self)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != m._name_:
            duplicates.append((name, m._name_))
    if duplicates:
        alias_details = ", ".join("%s -> %s" % (alias, name) for alias, name in duplicates)
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration


def pickle_by_global_name(self, proto):
    """A __reduce_ex__ pickling a member as the module-level name it is bound to."""
    return self.name


_reduce_ex_by_global_name = pickle_by_global_name


def pickle_by_enum_name(self, proto):
    """A __reduce_ex__ pickling a member as its enum class and member name."""
    return getattr, (self.__class__, self._name_)


def _module_of(member):
    return member.__class__.__module__.split(".")[-1]


def global_enum_repr(self):
    """repr() of a member as `module.NAME` (the last part of a dotted module name)."""
    return "%s.%s" % (_module_of(self), self._name_)


def global_flag_repr(self):
    """repr() of a flag member as `module.A|module.B`."""
    module = _module_of(self)
    if self._name_ is None:
        return "%s.%s(%r)" % (module, self.__class__.__name__, self._value_)
    if _is_single_bit(self):
        return "%s.%s" % (module, self._name_)
    keep = self._boundary_ is FlagBoundary.KEEP
    parts = self._name_.split("|") if keep else self.name.split("|")
    return "|".join(p if keep and p[0].isdigit() else "%s.%s" % (module, p) for p in parts)


def global_str(self):
    """str() of a member as its bare name."""
    if self._name_ is None:
        return "%s(%r)" % (self.__class__.__name__, self._value_)
    return self._name_


def global_enum(cls, update_str=False):
    """Class decorator: the members become globals of the enum's module, and their repr()
    names the module instead of the class (their str(), the bare name)."""
    if issubclass(cls, Flag):
        cls.__repr__ = global_flag_repr
    else:
        cls.__repr__ = global_enum_repr
    if update_str or not issubclass(cls, ReprEnum):
        cls.__str__ = global_str
    sys.modules[cls.__module__].__dict__.update(cls.__members__)
    return cls


class EnumCheck(StrEnum):
    """The conditions verify() can check an enumeration for."""

    CONTINUOUS = "no skipped integer values"
    NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags"
    UNIQUE = "one name per value"


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


def _or_all(values):
    return reduce(lambda a, b: a | b, values)


class verify:
    """Class decorator checking an enumeration for the given EnumCheck conditions."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        name = enumeration.__name__
        if Flag is not None and issubclass(enumeration, Flag):
            kind = "flag"
        elif issubclass(enumeration, Enum):
            kind = "enum"
        else:
            raise TypeError("the 'verify' decorator only works with Enum and Flag")
        for check in self.checks:
            if check is UNIQUE:
                aliases = ["%s -> %s" % (alias, m.name)
                           for alias, m in enumeration.__members__.items() if alias != m.name]
                if aliases:
                    raise ValueError("aliases found in %r: %s"
                                     % (enumeration, ", ".join(aliases)))
            elif check is CONTINUOUS:
                values = {m.value for m in enumeration}
                if len(values) < 2:
                    continue
                low, high = min(values), max(values)
                if kind == "flag":
                    expected = [2 ** i for i in range(_high_bit(low) + 1, _high_bit(high))]
                else:
                    expected = list(range(low + 1, high))
                missing = [v for v in expected if v not in values]
                if missing:
                    text = "invalid %s %r: missing values %s" % (
                        kind, name, ", ".join(str(v) for v in missing))
                    raise ValueError(text[:256])
            elif check is NAMED_FLAGS:
                canonical = enumeration._member_names_
                known = [m.value for m in enumeration]
                missing_names = []
                missing_bits = 0
                for alias, m in enumeration._member_map_.items():
                    if alias in canonical or m.value < 0:
                        continue
                    missed = [b for b in _bits_low_first(m.value) if b not in known]
                    if missed:
                        missing_names.append(alias)
                        missing_bits |= _or_all(missed)
                if missing_names:
                    if len(missing_names) == 1:
                        who = "alias %s is missing" % missing_names[0]
                    else:
                        who = "aliases %s and %s are missing" % (
                            ", ".join(missing_names[:-1]), missing_names[-1])
                    if _is_single_bit(missing_bits):
                        what = "value 0x%x" % missing_bits
                    else:
                        what = "combined values of 0x%x" % missing_bits
                    raise ValueError("invalid Flag %r: %s %s [use enum.show_flag_values(value)"
                                     " for details]" % (name, who, what))
        return enumeration


def _simple_enum(etype=Enum, *, boundary=None, use_args=None):
    """Class decorator used by the standard library for its own enums: the decorated plain
    class is rebuilt as an enumeration whose base is `etype`, its attributes becoming members
    (auto() included) and its functions methods."""
    def convert_class(cls):
        metacls = type(etype)
        classdict = metacls.__prepare__(cls.__name__, (etype,))
        for key, value in cls.__dict__.items():
            if key in ("__dict__", "__weakref__"):
                continue
            classdict[key] = value
        kwds = {} if boundary is None else {"boundary": boundary}
        enum_class = metacls(cls.__name__, (etype,), classdict, **kwds)
        enum_class.__qualname__ = cls.__qualname__
        return enum_class
    return convert_class
