"""Abstract base classes: ABCMeta, ABC, abstractmethod (arenapy's implementation)."""


def abstractmethod(funcobj):
    """Marks a method abstract: a class with abstract methods cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractclassmethod(classmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractproperty(property):
    __isabstractmethod__ = True


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    # property, classmethod and staticmethod wrap the function that carries the mark.
    for attr in ("__func__", "fget", "fset", "fdel"):
        inner = getattr(value, attr, None)
        if inner is not None and getattr(inner, "__isabstractmethod__", False):
            return True
    return False


def _compute_abstracts(cls):
    abstracts = set()
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, "__abstractmethods__", ()):
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    """Metaclass for abstract base classes: tracks abstract methods, supports register() and
    __subclasshook__-driven isinstance/issubclass checks."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _compute_abstracts(cls)
        cls._abc_registry = []
        cls._abc_cache = set()
        cls._abc_negative_cache = set()
        cls._abc_cache_version = _abc_version[0]
        for b in bases:
            if isinstance(b, ABCMeta):
                _abc_children.setdefault(id(b), []).append(cls)
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__dict__.get("__abstractmethods__", None)
        if abstracts is None:
            abstracts = getattr(cls, "__abstractmethods__", ())
        if abstracts:
            names = sorted(abstracts)
            plural = "s" if len(names) > 1 else ""
            raise TypeError(
                "Can't instantiate abstract class %s with abstract method%s %s"
                % (cls.__name__, plural, ", ".join(names))
            )
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Registers a virtual subclass of this ABC."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        # CPython's `_abc_register`: a registered class becomes a sequence or mapping for
        # `match` (a builtin type cannot be changed).
        flags = getattr(cls, "__abc_tpflags__", 0)
        if flags and not getattr(subclass, "__abc_tpflags__", 0):
            try:
                subclass.__abc_tpflags__ = flags
            except (TypeError, AttributeError):
                pass
        _invalidate_caches()
        return subclass

    def __instancecheck__(cls, instance):
        subclass = type(instance)
        if subclass in cls._abc_cache:
            return True
        explicit = getattr(instance, "__class__", subclass)
        if explicit is not subclass and cls.__subclasscheck__(explicit):
            return True
        return cls.__subclasscheck__(subclass)

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        if cls._abc_cache_version != _abc_version[0]:
            cls._abc_negative_cache = set()
            cls._abc_cache_version = _abc_version[0]
        if subclass in cls._abc_cache:
            return True
        if subclass in cls._abc_negative_cache:
            return False
        ok = cls.__subclasshook__(subclass)
        if ok is not NotImplemented:
            if ok:
                cls._abc_cache.add(subclass)
            else:
                cls._abc_negative_cache.add(subclass)
            return bool(ok)
        if cls in subclass.__mro__:
            cls._abc_cache.add(subclass)
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                cls._abc_cache.add(subclass)
                return True
        for scls in _subclasses_of(cls):
            if issubclass(subclass, scls):
                cls._abc_cache.add(subclass)
                return True
        cls._abc_negative_cache.add(subclass)
        return False

    def _dump_registry(cls, file=None):
        print("Class: %s.%s" % (cls.__module__, cls.__qualname__), file=file)


_abc_version = [0]


def _invalidate_caches():
    _abc_version[0] += 1


# Direct subclasses of each ABC that are themselves ABCs (for register() on a parent ABC to
# reach classes registered with a child). Filled by ABCMeta.__new__.
_abc_children = {}


def _subclasses_of(cls):
    return _abc_children.get(id(cls), ())


def get_cache_token():
    return _abc_version[0]


class ABC(metaclass=ABCMeta):
    """Helper class: subclass it to get ABCMeta as the metaclass."""

    __slots__ = ()

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented


def _default_subclasshook(cls, subclass):
    return NotImplemented


if not hasattr(object, "__subclasshook__"):
    ABCMeta.__subclasshook__ = classmethod(_default_subclasshook)


def update_abstractmethods(cls):
    if not hasattr(cls, "__abstractmethods__"):
        return cls
    cls.__abstractmethods__ = _compute_abstracts(cls)
    return cls
