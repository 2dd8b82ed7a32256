"""The Python part of `_ast` (arenapy's implementation), run in the namespace of the native
module: the base class `AST` of every syntax tree node. The native part then makes the node
classes themselves from its table of CPython 3.11's abstract syntax description."""


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()
    __module__ = "ast"

    def __init__(self, *args, **kwargs):
        cls = type(self)
        fields = getattr(cls, "_fields", None)
        count = 0 if fields is None else len(fields)
        if len(args) > count:
            plural = "" if count == 1 else "s"
            raise TypeError(
                f"{cls.__name__} constructor takes at most {count} positional argument{plural}"
            )
        for position, value in enumerate(args):
            setattr(self, fields[position], value)
        for key, value in kwargs.items():
            if fields is not None and key in fields and list(fields).index(key) < len(args):
                raise TypeError(f"{cls.__name__} got multiple values for argument '{key}'")
            setattr(self, key, value)

    def __reduce__(self):
        state = getattr(self, "__dict__", None)
        if state is None:
            return type(self), ()
        return type(self), (), state


globals().update(_make_node_classes(AST))
del _make_node_classes
