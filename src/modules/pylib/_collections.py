"""The Python part of arenapy's native `_collections`: `defaultdict`."""


class defaultdict(dict):
    """A dict that calls a factory to supply missing values."""

    __slots__ = ("default_factory",)

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        dict.__init__(self, *args, **kwargs)

    def __missing__(self, key):
        factory = getattr(self, "default_factory", None)
        if factory is None:
            raise KeyError(key)
        self[key] = value = factory()
        return value

    def __repr__(self):
        factory = getattr(self, "default_factory", None)
        if factory is None:
            shown = "None"
        else:
            shown = _repr_factory(self, factory)
        return f"{type(self).__name__}({shown}, {dict.__repr__(self)})"

    def copy(self):
        return type(self)(getattr(self, "default_factory", None), self)

    __copy__ = copy

    def __reduce__(self):
        factory = getattr(self, "default_factory", None)
        args = () if factory is None else (factory,)
        return type(self), args, None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(getattr(self, "default_factory", None), other)
        new.update(self)
        return new


_repr_running = set()


def _repr_factory(d, factory):
    # A factory whose repr shows the dict again (a bound method of it) prints as "...".
    key = id(d)
    if key in _repr_running:
        return "..."
    _repr_running.add(key)
    try:
        return repr(factory)
    finally:
        _repr_running.discard(key)


defaultdict.__module__ = "collections"
