"""Weak references (arenapy's implementation, on top of the native _weakref module)."""

from _weakref import (ref, proxy, getweakrefcount, getweakrefs,
                      ReferenceType, ProxyType, CallableProxyType)

import itertools
import sys

ProxyTypes = (ProxyType, CallableProxyType)
_GenericAlias = type(list[int])

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize"]


class KeyedRef(ref):
    """A weak reference with a `key` attribute (what WeakValueDictionary's callbacks use to
    find the entry to remove)."""

    __slots__ = ("key",)

    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


class WeakMethod(ref):
    """A weak reference to a bound method that does not keep the instance alive."""

    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None

        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)
        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self

    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = ref.__hash__


class WeakValueDictionary:
    """A mapping whose values are held weakly: an entry goes away when its value dies."""

    __class_getitem__ = classmethod(_GenericAlias)

    def __init__(self, other=(), **kw):
        self._data = {}
        self_ref = ref(self)

        def remove(wr, key=None):
            s = self_ref()
            if s is not None:
                k = wr._key_of_arenapy
                if s._data.get(k) is wr:
                    del s._data[k]
        self._remove = remove
        self.update(other, **kw)

    def __getitem__(self, key):
        o = self._data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self._data[key] = _KeyedRef(value, self._remove, key)

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        try:
            o = self._data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return sum(1 for wr in list(self._data.values()) if wr() is not None)

    def __iter__(self):
        for k, wr in list(self._data.items()):
            if wr() is not None:
                yield k

    def keys(self):
        return list(iter(self))

    def values(self):
        out = []
        for wr in list(self._data.values()):
            o = wr()
            if o is not None:
                out.append(o)
        return out

    def items(self):
        out = []
        for k, wr in list(self._data.items()):
            o = wr()
            if o is not None:
                out.append((k, o))
        return out

    def get(self, key, default=None):
        try:
            wr = self._data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def pop(self, key, *args):
        try:
            o = self._data.pop(key)()
        except KeyError:
            if args:
                return args[0]
            raise
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), **kw):
        if hasattr(other, "items"):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def copy(self):
        return WeakValueDictionary(self.items())

    def valuerefs(self):
        return list(self._data.values())

    def clear(self):
        self._data.clear()

    def __repr__(self):
        return "<WeakValueDictionary at %#x>" % id(self)


class _KeyedRef(ref):
    """A weak reference that remembers the key it is stored under."""

    __slots__ = ("key", "_key_of_arenapy")

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        self._key_of_arenapy = key
        return self

    def __init__(self, ob, callback, key):
        pass


class WeakKeyDictionary:
    """A mapping whose keys are held weakly: an entry goes away when its key dies."""

    __class_getitem__ = classmethod(_GenericAlias)

    def __init__(self, dict=None):
        self._data = {}
        self_ref = ref(self)

        def remove(k):
            s = self_ref()
            if s is not None:
                try:
                    del s._data[k]
                except KeyError:
                    pass
        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self._data[ref(key)]

    def __setitem__(self, key, value):
        self._data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self._data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self._data

    def __len__(self):
        return sum(1 for wr in list(self._data) if wr() is not None)

    def __iter__(self):
        for wr in list(self._data):
            o = wr()
            if o is not None:
                yield o

    def keys(self):
        return list(iter(self))

    def values(self):
        return [v for wr, v in list(self._data.items()) if wr() is not None]

    def items(self):
        out = []
        for wr, v in list(self._data.items()):
            o = wr()
            if o is not None:
                out.append((o, v))
        return out

    def get(self, key, default=None):
        return self._data.get(ref(key), default)

    def pop(self, key, *args):
        return self._data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self._data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for k, v in dict:
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def keyrefs(self):
        return list(self._data)

    def copy(self):
        return WeakKeyDictionary(self.items())

    def clear(self):
        self._data.clear()

    def __repr__(self):
        return "<WeakKeyDictionary at %#x>" % id(self)


class WeakSet:
    """A set whose members are held weakly."""

    __class_getitem__ = classmethod(_GenericAlias)

    def __init__(self, data=None):
        self.data = set()
        self_ref = ref(self)

        def remove(item):
            s = self_ref()
            if s is not None:
                s.data.discard(item)
        self._remove = remove
        if data is not None:
            self.update(data)

    def __iter__(self):
        for wr in list(self.data):
            o = wr()
            if o is not None:
                yield o

    def __len__(self):
        return sum(1 for wr in list(self.data) if wr() is not None)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        while True:
            wr = self.data.pop()
            o = wr()
            if o is not None:
                return o

    def update(self, other):
        for item in other:
            self.add(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return WeakSet(self)

    def __repr__(self):
        return "<WeakSet at %#x>" % id(self)


class finalize:
    """Calls func(*args, **kwargs) when obj is garbage collected (or at exit, if atexit)."""

    __slots__ = ("_ref", "_func", "_args", "_kwargs", "atexit", "__weakref__")
    _registry = {}
    _index = 0

    def __init__(self, obj, func, /, *args, **kwargs):
        self._func = func
        self._args = args
        self._kwargs = kwargs or None
        self.atexit = True
        finalize._index += 1
        self._ref = ref(obj, self)
        finalize._registry[self] = finalize._index

    def __call__(self, _=None):
        if finalize._registry.pop(self, None) is not None:
            func, args, kwargs = self._func, self._args, self._kwargs or {}
            self._func = self._args = self._kwargs = None
            return func(*args, **kwargs)

    def detach(self):
        obj = self._ref()
        if obj is not None and finalize._registry.pop(self, None) is not None:
            info = (obj, self._func, self._args, self._kwargs or {})
            self._func = self._args = self._kwargs = None
            return info

    def peek(self):
        obj = self._ref()
        if obj is not None and self in finalize._registry:
            return (obj, self._func, self._args, self._kwargs or {})

    @property
    def alive(self):
        return self in finalize._registry

    def __repr__(self):
        obj = self._ref()
        if obj is None:
            return "<finalize object at %#x; dead>" % id(self)
        return "<finalize object at %#x; for %r at %#x>" % (id(self), type(obj).__name__, id(obj))
