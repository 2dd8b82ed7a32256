"""Shallow and deep copy operations (arenapy's implementation).

copy(x): immutable atoms are returned as they are; builtin containers are copied by type;
a class may define __copy__; other instances are copied by creating an empty instance of the
same class and copying its __dict__ and __slots__ values.

deepcopy(x, memo): as copy, recursively, with `memo` (id -> copy) so shared and recursive
structures copy once; a class may define __deepcopy__(memo).
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, complex, str, type, range,
           type(len), type(Ellipsis), type(NotImplemented))


def _function_types():
    def f():
        pass
    return (type(f),)


_ATOMIC = _ATOMIC + _function_types()


# Reduction functions by class (copyreg's table, shared): copy and deepcopy use them before
# the object's own __reduce_ex__.
from copyreg import dispatch_table


def _is_atomic(x):
    cls = type(x)
    if cls in _ATOMIC:
        return True
    if cls in (tuple, frozenset):
        return False
    return isinstance(x, type)


def _slot_names(cls):
    names = []
    for klass in cls.__mro__:
        slots = klass.__dict__.get("__slots__", ()) if hasattr(klass, "__dict__") else ()
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ("__dict__", "__weakref__") or name in names:
                continue
            if name.startswith("__") and not name.endswith("__"):
                name = "_%s%s" % (klass.__name__.lstrip("_"), name)
            names.append(name)
    return names


def _new_empty(cls):
    # A blank instance without running __init__ (as pickle's copyreg does).
    for klass in cls.__mro__:
        if klass in (list, dict, set, tuple, frozenset, int, str, float):
            return klass.__new__(cls)
    return object.__new__(cls)


def _copy_state(src, dst, transform):
    d = getattr(src, "__dict__", None)
    if d is not None:
        for k, v in d.items():
            setattr(dst, k, transform(v))
    for name in _slot_names(type(src)):
        try:
            value = getattr(src, name)
        except AttributeError:
            continue
        setattr(dst, name, transform(value))


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if cls in (tuple, frozenset):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    reductor = dispatch_table.get(cls)
    rv = reductor(x) if reductor is not None else _reduce(x)
    if rv is not None:
        return _reconstruct(x, None, *rv)
    y = _new_empty(cls)
    if isinstance(x, list):
        list.extend(y, x)
    elif isinstance(x, dict):
        dict.update(y, x)
    elif isinstance(x, set):
        set.update(y, x)
    _copy_state(x, y, lambda v: v)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif cls is tuple or cls is frozenset:
        items = [deepcopy(a, memo) for a in x]
        # A tuple that contains itself through a mutable child is copied already.
        if d in memo:
            return memo[d]
        if all(a is b for a, b in zip(items, x)):
            y = x
        else:
            y = cls(items)
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and not isinstance(x, type):
            y = copier(memo)
        else:
            reductor = dispatch_table.get(cls)
            rv = reductor(x) if reductor is not None else _reduce(x)
            if rv is not None:
                y = _reconstruct(x, memo, *rv)
            else:
                y = _new_empty(cls)
                memo[d] = y
                if isinstance(x, list):
                    for a in x:
                        list.append(y, deepcopy(a, memo))
                elif isinstance(x, dict):
                    for key, value in x.items():
                        dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
                elif isinstance(x, set):
                    for a in x:
                        set.add(y, deepcopy(a, memo))
                _copy_state(x, y, lambda v: deepcopy(v, memo))
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _reduce(x):
    """The object's own reduction (`__reduce_ex__(4)` or `__reduce__()`) when its class
    defines one, as a tuple; None otherwise."""
    for name, args in (("__reduce_ex__", (4,)), ("__reduce__", ())):
        method = getattr(type(x), name, None)
        if method is None:
            continue
        rv = method(x, *args)
        if isinstance(rv, tuple):
            return rv
        return None
    return None


def _keep_alive(x, memo):
    # Keep the originals alive for the memo's lifetime, so their ids are not reused.
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None, *rest):
    deep = memo is not None
    if deep and args:
        args = tuple(deepcopy(a, memo) for a in args)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, "__setstate__"):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y
