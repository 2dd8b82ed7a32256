"""The Python part of arenapy's native `_thread`: thread-local data.

arenapy runs one thread per interpreter, so a `_local` object is a plain attribute namespace.
"""


class _local:
    """Thread-local data (one thread: an ordinary attribute namespace)."""

    __slots__ = ("__dict__", "__weakref__")

    def __new__(cls, /, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        return object.__new__(cls)


_local.__module__ = "_thread"
