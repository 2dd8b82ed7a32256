"""Compare arenapy's API surface (the names its builtin types and modules have) with CPython 3.11's.

One script, run by both interpreters:

    python3 -S scripts/api_surface.py --record tests/api_surface/cpython311.txt
        Under CPython 3.11: write, one line per target, the names CPython has
        (`type int: name ...`, `module sys: name ...`, sorted).

    arenapy scripts/api_surface.py [--expected tests/api_surface/cpython311.txt]
            [--notes tests/api_surface/notes.txt]
            [--check tests/api_surface/missing.txt] [--update-missing FILE]
        Under arenapy: compute the same names in-process and print, for each target,
        the names it lacks (`type int: missing 3 of 73: ...`), then `missing N of M`.
        --check compares the missing (target, name) pairs with a file of known-missing
        names (same format as the recorded file): a name missing but not listed there is a
        regression (exit 1); a name listed there but now present is reported, exit 0, so it
        can be dropped with --update-missing, which rewrites that file from this run.

Targets: the builtin types (a fixed list, plus every exception class in `builtins` and the
iterator, view and other internal types reached from expressions), whose names are `dir(T)`;
and every module arenapy ships (natively in Rust or as bundled Python source, read from
src/modules/native.rs and src/modules/pylib.rs when recording), whose names are the public
names of `dir(module)` plus `__doc__`, `__name__` and `__all__` where present.

A name dir() leaves out counts as missing even when getattr finds it (arenapy's dir() omits
some slot methods it does have); the report marks those. When run from the repository, modules
arenapy ships that the recorded file lacks are pointed out (record again under CPython).

The notes file (`target name: reason` per line, e.g. `module json scanner: reason`) gives
reasons printed under the missing names they explain.

The script only uses what arenapy supports: no imports beyond `sys` and `builtins`.
"""

import sys
import builtins

MODULE_DUNDERS = ("__doc__", "__name__", "__all__")

# Builtin types named in `builtins`, checked in this order.
BUILTIN_TYPES = (
    "int", "float", "complex", "bool", "str", "bytes", "bytearray", "memoryview",
    "list", "tuple", "dict", "set", "frozenset", "range", "slice", "object", "type",
    "property", "classmethod", "staticmethod", "super",
)


def _generator():
    yield 0


class _Holder:
    def method(self):
        return self


def _frame():
    getframe = getattr(sys, "_getframe", None)
    if getframe is not None:
        return getframe(0)
    try:
        raise ValueError("probe")
    except ValueError as e:
        return e.__traceback__.tb_frame


# Types reached through expressions, labelled with CPython 3.11's `__name__` for them.
REACHED_TYPES = (
    ("list_iterator", lambda: type(iter([]))),
    ("tuple_iterator", lambda: type(iter(()))),
    ("str_ascii_iterator", lambda: type(iter(""))),
    ("range_iterator", lambda: type(iter(range(1)))),
    ("dict_keyiterator", lambda: type(iter({}))),
    ("dict_keys", lambda: type({}.keys())),
    ("dict_values", lambda: type({}.values())),
    ("dict_items", lambda: type({}.items())),
    ("dict_itemiterator", lambda: type(iter({}.items()))),
    ("set_iterator", lambda: type(iter(set()))),
    ("list_reverseiterator", lambda: type(reversed([]))),
    ("zip", lambda: type(zip())),
    ("map", lambda: type(map(len, []))),
    ("filter", lambda: type(filter(None, []))),
    ("enumerate", lambda: type(enumerate([]))),
    ("generator", lambda: type(_generator())),
    ("function", lambda: type(_generator)),
    ("builtin_function_or_method", lambda: type(len)),
    ("method", lambda: type(_Holder().method)),
    ("code", lambda: type(_generator.__code__)),
    ("frame", lambda: type(_frame())),
    ("NoneType", lambda: type(None)),
    ("NotImplementedType", lambda: type(NotImplemented)),
    ("ellipsis", lambda: type(...)),
    ("module", lambda: type(sys)),
)

USAGE = """usage:
  python3 -S scripts/api_surface.py --record FILE
  arenapy scripts/api_surface.py [--expected FILE] [--notes FILE] [--check FILE] [--update-missing FILE]"""


def fail(message, status=2):
    print(message)
    sys.exit(status)


def repo_root():
    script = sys.argv[0]
    scripts_dir = script.rpartition("/")[0]
    if scripts_dir == "":
        scripts_dir = "."
    return scripts_dir + "/.."


def read_text(path):
    with open(path) as f:
        return f.read()


def write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def describe(exc):
    message = str(exc)
    if message:
        return type(exc).__name__ + ": " + message
    return type(exc).__name__


# ---- the targets -------------------------------------------------------------------------


def exception_names():
    """The exception classes in `builtins`, under their own names (aliases left out)."""
    names = []
    for name in dir(builtins):
        value = getattr(builtins, name)
        if isinstance(value, type) and issubclass(value, BaseException):
            if value.__name__ == name:
                names.append(name)
    return names


def shipped_modules():
    """The modules arenapy ships, read from its sources (native table and bundled sources)."""
    root = repo_root() + "/src/modules/"
    names = []
    for line in read_text(root + "native.rs").splitlines():
        line = line.strip()
        if line.startswith('("') and "super::" in line:
            names.append(line.split('"')[1])
    for line in read_text(root + "pylib.rs").splitlines():
        line = line.strip()
        if line.startswith("module!(") and line.count('"') >= 4:
            names.append(line.split('"')[1])
    return sorted(set(names))


def default_targets():
    targets = []
    for name in BUILTIN_TYPES:
        targets.append("type " + name)
    for label, _ in REACHED_TYPES:
        targets.append("type " + label)
    for name in exception_names():
        targets.append("type " + name)
    for name in shipped_modules():
        targets.append("module " + name)
    return targets


def find_type(label):
    for name, get in REACHED_TYPES:
        if name == label:
            return get()
    value = getattr(builtins, label)
    if not isinstance(value, type):
        raise TypeError("builtins." + label + " is not a type")
    return value


def import_module(name):
    __import__(name)
    module = sys.modules.get(name)
    if module is None:
        module = __import__(name)
        for part in name.split(".")[1:]:
            module = getattr(module, part)
    return module


def target_object(target):
    """The type or module `target` names, or raises why there is none."""
    kind, _, label = target.partition(" ")
    if kind == "type":
        return find_type(label)
    if kind == "module":
        return import_module(label)
    raise ValueError("unknown kind of target " + repr(kind))


def actual_names(target):
    """(names, problem, obj): the names this interpreter's `dir()` gives for `target` (for a
    module, its public ones and the dunders above), or an empty set and the reason there are
    none (an import or lookup that failed); obj is the type or module, or None."""
    kind = target.partition(" ")[0]
    try:
        obj = target_object(target)
    except Exception as e:
        if kind == "module":
            return set(), "import failed (" + describe(e) + ")", None
        return set(), "not available (" + describe(e) + ")", None
    try:
        listed = dir(obj)
    except Exception as e:
        return set(), "dir() failed (" + describe(e) + ")", obj
    if kind == "type":
        return set(listed), None, obj
    names = set()
    for name in listed:
        if not name.startswith("_") or name in MODULE_DUNDERS:
            names.add(name)
    return names, None, obj


def reachable(obj, name):
    """Whether getattr finds `name` on obj (dir() may leave out what lookup still finds)."""
    try:
        getattr(obj, name)
        return True
    except Exception:
        return False


# ---- the files ---------------------------------------------------------------------------


def read_table(path):
    """A file of `target: name name ...` lines, as (targets in order, {target: set})."""
    order = []
    table = {}
    for number, line in enumerate(read_text(path).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        target, sep, rest = line.partition(":")
        if not sep or " " not in target:
            fail(path + ":" + str(number) + ": expected 'type NAME: ...' or 'module NAME: ...'")
        if target not in table:
            order.append(target)
            table[target] = set()
        for name in rest.split():
            table[target].add(name)
    return order, table


def table_text(header, order, table):
    lines = [header]
    for target in order:
        names = sorted(table.get(target, ()))
        if names:
            lines.append(target + ": " + " ".join(names))
        else:
            lines.append(target + ":")
    return "\n".join(lines) + "\n"


def read_notes(path):
    notes = {}
    for number, line in enumerate(read_text(path).splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, reason = line.partition(": ")
        target, _, name = key.rpartition(" ")
        if not sep or " " not in target:
            fail(path + ":" + str(number) + ": expected 'type|module TARGET NAME: reason'")
        notes[(target, name)] = reason.strip()
    return notes


# ---- the commands ------------------------------------------------------------------------


def record(path):
    if sys.implementation.name != "cpython" or sys.version_info[:2] != (3, 11):
        fail("--record wants CPython 3.11 (python3 -S scripts/api_surface.py --record FILE)")
    order = default_targets()
    table = {}
    for target in order:
        names, problem, _ = actual_names(target)
        if problem is not None:
            fail("CPython: " + target + ": " + problem, 1)
        table[target] = names
    header = (
        "# CPython 3.11's names per target (dir() of each type; public names of each module\n"
        "# plus __doc__/__name__/__all__). Recorded by\n"
        "#   python3 -S scripts/api_surface.py --record tests/api_surface/cpython311.txt"
    )
    write_text(path, table_text(header, order, table))
    total = 0
    for target in order:
        total += len(table[target])
    print("recorded " + str(total) + " names of " + str(len(order)) + " targets in " + path)


def compare(expected_path, notes_path, check_path, update_path):
    order, expected = read_table(expected_path)
    notes = {}
    if notes_path is not None:
        notes = read_notes(notes_path)

    missing = {}
    total_missing = 0
    total_unlisted = 0
    total = 0
    for target in order:
        want = expected[target]
        have, problem, obj = actual_names(target)
        lacking = sorted(want - have)
        missing[target] = set(lacking)
        total += len(want)
        total_missing += len(lacking)
        if not lacking and problem is None:
            continue
        head = target + ": "
        if problem is not None:
            head += problem + ": "
        head += "missing " + str(len(lacking)) + " of " + str(len(want))
        if lacking:
            head += ": " + " ".join(lacking)
        print(head)
        unlisted = []
        if obj is not None:
            unlisted = [name for name in lacking if reachable(obj, name)]
        if unlisted:
            total_unlisted += len(unlisted)
            print("    getattr finds " + str(len(unlisted)) + " of these (dir() leaves them out): "
                  + " ".join(unlisted))
        for name in lacking:
            reason = notes.get((target, name))
            if reason is not None:
                print("    " + name + ": " + reason)

    status = 0
    try:
        unrecorded = sorted(set(shipped_modules()) - set(t[7:] for t in order if t.startswith("module ")))
    except OSError:
        unrecorded = []
    if unrecorded:
        print(
            "note: modules shipped but not in " + expected_path + " (record again under CPython): "
            + " ".join(unrecorded)
        )

    if check_path is not None:
        known_order, known = read_table(check_path)
        regressions = []
        fixed = []
        for target in order:
            listed = known.get(target, set())
            new = sorted(missing[target] - listed)
            if new:
                regressions.append(target + ": " + " ".join(new))
            present = sorted(listed - missing[target])
            if present:
                fixed.append(target + ": " + " ".join(present))
        for target in known_order:
            if target not in expected and known[target]:
                fixed.append(target + ": no longer a target (" + str(len(known[target])) + " names)")
        if fixed:
            print("note: present now but still listed in " + check_path
                  + " (drop them with --update-missing " + check_path + "):")
            for line in fixed:
                print("    " + line)
        if regressions:
            print("REGRESSION: missing but not listed in " + check_path + ":")
            for line in regressions:
                print("    " + line)
            status = 1

    if update_path is not None:
        header = (
            "# Names of tests/api_surface/cpython311.txt that arenapy does not have yet.\n"
            "# Rewritten by\n"
            "#   arenapy scripts/api_surface.py --update-missing tests/api_surface/missing.txt"
        )
        kept = [t for t in order if missing[t]]
        write_text(update_path, table_text(header, kept, missing))
        print("wrote " + update_path)

    if total_unlisted:
        print("(getattr finds " + str(total_unlisted) + " of the missing names: only dir() leaves them out)")
    print("missing " + str(total_missing) + " of " + str(total))
    return status


def main(argv):
    options = {}
    flags = ("--record", "--expected", "--notes", "--check", "--update-missing")
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            print(USAGE)
            return 0
        if arg not in flags or i + 1 >= len(argv):
            fail(USAGE)
        options[arg] = argv[i + 1]
        i += 2

    if "--record" in options:
        record(options["--record"])
        return 0

    root = repo_root()
    expected = options.get("--expected", root + "/tests/api_surface/cpython311.txt")
    notes = options.get("--notes")
    if notes is None:
        default_notes = root + "/tests/api_surface/notes.txt"
        try:
            read_text(default_notes)
            notes = default_notes
        except OSError:
            notes = None
    return compare(expected, notes, options.get("--check"), options.get("--update-missing"))


sys.exit(main(sys.argv[1:]))
