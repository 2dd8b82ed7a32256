"""Warning control (arenapy's implementation): warn() prints `file:line: Category: message`
to stderr, once per location by default; filterwarnings/simplefilter choose the action."""

import sys
import sys as _sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

# (action, message text prefix (lowercased) or None, category, module or None, lineno)
filters = []
defaultaction = "default"
onceregistry = {}
_registry = {}
_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def _default_filters():
    return [
        ("default", None, DeprecationWarning, "__main__", 0),
        ("ignore", None, DeprecationWarning, None, 0),
        ("ignore", None, PendingDeprecationWarning, None, 0),
        ("ignore", None, ImportWarning, None, 0),
        ("ignore", None, ResourceWarning, None, 0),
    ]


filters[:] = _default_filters()


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    s = "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)
    if line:
        s += "  %s\n" % line.strip()
    return s


def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    if file is None:
        file = _sys.stderr
        if file is None:
            return
    try:
        file.write(formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    """Insert an entry into the list of warnings filters (at the front)."""
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))
    if not isinstance(category, type) or not issubclass(category, Warning):
        raise TypeError("category must be a Warning subclass")
    _add_filter(action, message.lower() or None, category, module or None, lineno,
                append=append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry into the list of warnings filters (at the front)."""
    if action not in _ACTIONS:
        raise ValueError("invalid action: %r" % (action,))
    _add_filter(action, None, category, None, lineno, append=append)


def _add_filter(*item, append):
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _registry.clear()


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    filters[:] = []
    _registry.clear()


def _caller(stacklevel):
    getframe = getattr(_sys, "_getframe", None)
    if getframe is not None:
        try:
            frame = getframe(stacklevel + 1)
            return (frame.f_code.co_filename, frame.f_lineno,
                    frame.f_globals.get("__name__", "<string>"))
        except (ValueError, AttributeError):
            pass
    main = _sys.modules.get("__main__")
    filename = getattr(main, "__file__", None) or (_sys.argv[0] if _sys.argv else "sys")
    return filename, 1, "__main__"


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'"
                        % type(category).__name__)
    filename, lineno, module = _caller(stacklevel)
    warn_explicit(message, category, filename, lineno, module)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    """Low-level interface to warnings: applies the filters to one warning."""
    if module is None:
        module = filename or "<unknown>"
        if module.endswith(".py"):
            module = module[:-3]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    if registry is None:
        registry = _registry
    key = (text, category, lineno, filename)
    if registry.get(key):
        return
    for action, msg, cat, mod, ln in filters:
        if ((msg is None or text.lower().startswith(msg)) and issubclass(category, cat)
                and (mod is None or mod == module) and (ln == 0 or lineno == ln)):
            break
    else:
        action = defaultaction
    if action == "ignore":
        return
    if action == "error":
        raise message
    if action == "once":
        registry[key] = 1
        okey = (text, category)
        if onceregistry.get(okey):
            return
        onceregistry[okey] = 1
    elif action == "module":
        registry[key] = 1
        mkey = (text, category, 0, filename)
        if registry.get(mkey):
            return
        registry[mkey] = 1
    elif action == "default":
        registry[key] = 1
    showwarning(message, category, filename, lineno)


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None,
                 source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self.category.__name__ if self.category else None,
                   self.filename, self.lineno, self.line))


class catch_warnings:
    """A context manager that saves and restores the warnings filters (and, with
    record=True, collects the warnings in a list instead of printing them)."""

    def __init__(self, *, record=False, module=None, action=None, category=Warning,
                 lineno=0, append=False):
        self._record = record
        self._action = action
        self._category = category
        self._lineno = lineno
        self._append = append
        self._entered = False

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        global showwarning
        self._filters = filters[:]
        self._showwarning = showwarning
        self._registry = dict(_registry)
        _registry.clear()
        if self._action is not None:
            simplefilter(self._action, self._category, self._lineno, self._append)
        if self._record:
            log = []

            def record(message, category, filename, lineno, file=None, line=None):
                log.append(WarningMessage(message, category, filename, lineno, file, line))

            showwarning = record
            return log
        return None

    def __exit__(self, *exc_info):
        global showwarning
        filters[:] = self._filters
        showwarning = self._showwarning
        _registry.clear()
        _registry.update(self._registry)
