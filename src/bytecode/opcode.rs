//! The instruction set: CPython 3.11's opcodes, by name and meaning.
//!
//! Instructions are kept as a `Vec<Instr>` (an opcode and a 32-bit argument), not as a byte string
//! with `EXTENDED_ARG`; `dis` shows offsets as `2 * index` so listings read like CPython's.
//! **Jump arguments are absolute instruction indexes** (not CPython's relative deltas); `dis`
//! shows the target as `to OFFSET` the way CPython 3.11 does.
//!
//! Stack effects use CPython's notation: `TOS` is the top of the stack, `TOS1` the one below.

use std::fmt;

macro_rules! opcodes {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// One operation of the evaluation loop.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(non_camel_case_types)]
        pub enum Opcode {
            $($(#[$doc])* $name,)*
        }

        impl Opcode {
            /// CPython's name for the opcode, as `dis` prints it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Opcode::$name => $text,)*
                }
            }
        }
    };
}

opcodes! {
    /// Does nothing.
    NOP = "NOP",
    /// Marks the start of a code object (CPython 3.11 emits it first); no effect here.
    RESUME = "RESUME",
    /// Pops TOS.
    POP_TOP = "POP_TOP",
    /// Pushes a copy of the `arg`-th item from the top (1 = TOS).
    COPY = "COPY",
    /// Swaps TOS with the `arg`-th item from the top (2 = TOS1).
    SWAP = "SWAP",
    /// Pushes the NULL marker used by `CALL`.
    PUSH_NULL = "PUSH_NULL",
    /// Pushes `co_consts[arg]`.
    LOAD_CONST = "LOAD_CONST",
    /// Pushes the value of `co_names[arg]` looked up in locals, globals, then builtins.
    LOAD_NAME = "LOAD_NAME",
    /// Binds `co_names[arg]` in the local namespace to TOS (pops it).
    STORE_NAME = "STORE_NAME",
    /// Deletes `co_names[arg]` from the local namespace.
    DELETE_NAME = "DELETE_NAME",
    /// Pushes the value of `co_names[arg]` from globals, then builtins.
    LOAD_GLOBAL = "LOAD_GLOBAL",
    /// Binds `co_names[arg]` in globals to TOS (pops it).
    STORE_GLOBAL = "STORE_GLOBAL",
    /// Deletes `co_names[arg]` from globals.
    DELETE_GLOBAL = "DELETE_GLOBAL",
    /// Pushes local variable `co_varnames[arg]`; unbound raises `UnboundLocalError`.
    LOAD_FAST = "LOAD_FAST",
    /// Stores TOS into local variable `co_varnames[arg]`.
    STORE_FAST = "STORE_FAST",
    /// Deletes local variable `co_varnames[arg]`.
    DELETE_FAST = "DELETE_FAST",
    /// Turns local slot `arg` (a cell variable) into a cell, keeping a value already there.
    MAKE_CELL = "MAKE_CELL",
    /// Copies the function's closure cells into the free-variable slots (arg = how many).
    COPY_FREE_VARS = "COPY_FREE_VARS",
    /// Pushes the cell in slot `arg` (cellvars then freevars, after the locals).
    LOAD_CLOSURE = "LOAD_CLOSURE",
    /// Pushes the contents of the cell in slot `arg`.
    LOAD_DEREF = "LOAD_DEREF",
    /// Stores TOS into the cell in slot `arg`.
    STORE_DEREF = "STORE_DEREF",
    /// Empties the cell in slot `arg`.
    DELETE_DEREF = "DELETE_DEREF",
    /// Replaces TOS with `getattr(TOS, co_names[arg])`.
    LOAD_ATTR = "LOAD_ATTR",
    /// `TOS.name = TOS1` for `name = co_names[arg]`; pops both.
    STORE_ATTR = "STORE_ATTR",
    /// `del TOS.name`; pops TOS.
    DELETE_ATTR = "DELETE_ATTR",
    /// Replaces TOS (`obj`) with `[meth, obj]` for an unbound method, or `[NULL, getattr(obj, name)]`.
    LOAD_METHOD = "LOAD_METHOD",
    /// `TOS = -TOS`.
    UNARY_NEGATIVE = "UNARY_NEGATIVE",
    /// `TOS = +TOS`.
    UNARY_POSITIVE = "UNARY_POSITIVE",
    /// `TOS = not TOS`.
    UNARY_NOT = "UNARY_NOT",
    /// `TOS = ~TOS`.
    UNARY_INVERT = "UNARY_INVERT",
    /// `TOS = TOS1 op TOS` for the operator `arg` (see [`BinaryOp`]).
    BINARY_OP = "BINARY_OP",
    /// `TOS = TOS1 op TOS` for the comparison `arg` (see [`CompareOp`]).
    COMPARE_OP = "COMPARE_OP",
    /// `TOS = TOS1 is TOS` (`arg` = 1: `is not`).
    IS_OP = "IS_OP",
    /// `TOS = TOS1 in TOS` (`arg` = 1: `not in`).
    CONTAINS_OP = "CONTAINS_OP",
    /// `TOS = TOS1[TOS]`.
    BINARY_SUBSCR = "BINARY_SUBSCR",
    /// `TOS1[TOS] = TOS2`; pops all three.
    STORE_SUBSCR = "STORE_SUBSCR",
    /// `del TOS1[TOS]`; pops both.
    DELETE_SUBSCR = "DELETE_SUBSCR",
    /// Replaces the top `arg` items with a tuple of them.
    BUILD_TUPLE = "BUILD_TUPLE",
    /// Replaces the top `arg` items with a list of them.
    BUILD_LIST = "BUILD_LIST",
    /// Replaces the top `2 * arg` items (key, value, key, value, ...) with a dict.
    BUILD_MAP = "BUILD_MAP",
    /// TOS is a tuple of keys; below it `arg` values. Builds a dict.
    BUILD_CONST_KEY_MAP = "BUILD_CONST_KEY_MAP",
    /// Replaces the top `arg` items with a set of them.
    BUILD_SET = "BUILD_SET",
    /// Replaces the top `arg` (2 or 3) items with a slice.
    BUILD_SLICE = "BUILD_SLICE",
    /// Concatenates the top `arg` strings.
    BUILD_STRING = "BUILD_STRING",
    /// `list.append(STACK[-arg - 1], TOS)`, pops TOS (comprehensions).
    LIST_APPEND = "LIST_APPEND",
    /// `set.add(STACK[-arg - 1], TOS)`, pops TOS.
    SET_ADD = "SET_ADD",
    /// `dict.__setitem__(STACK[-arg - 2], TOS1, TOS)`, pops both.
    MAP_ADD = "MAP_ADD",
    /// `list.extend(STACK[-arg - 1], TOS)`, pops TOS.
    LIST_EXTEND = "LIST_EXTEND",
    /// Converts the list TOS into a tuple.
    LIST_TO_TUPLE = "LIST_TO_TUPLE",
    /// Unpacks TOS into `arg` items, pushed so that the first item is on top.
    UNPACK_SEQUENCE = "UNPACK_SEQUENCE",
    /// Formats TOS (`arg & 3`: 0 none, 1 `str`, 2 `repr`, 3 `ascii`; `arg & 4`: a spec is below).
    FORMAT_VALUE = "FORMAT_VALUE",
    /// Jumps to instruction `arg` (forward).
    JUMP_FORWARD = "JUMP_FORWARD",
    /// Jumps to instruction `arg` (backward: a loop; checks for signals and recursion budget).
    JUMP_BACKWARD = "JUMP_BACKWARD",
    /// Pops TOS; jumps to `arg` if it is false.
    POP_JUMP_IF_FALSE = "POP_JUMP_IF_FALSE",
    /// Pops TOS; jumps to `arg` if it is true.
    POP_JUMP_IF_TRUE = "POP_JUMP_IF_TRUE",
    /// Pops TOS; jumps to `arg` if it is `None`.
    POP_JUMP_IF_NONE = "POP_JUMP_IF_NONE",
    /// Pops TOS; jumps to `arg` if it is not `None`.
    POP_JUMP_IF_NOT_NONE = "POP_JUMP_IF_NOT_NONE",
    /// If TOS is false jumps to `arg` keeping it, otherwise pops it (`and`).
    JUMP_IF_FALSE_OR_POP = "JUMP_IF_FALSE_OR_POP",
    /// If TOS is true jumps to `arg` keeping it, otherwise pops it (`or`).
    JUMP_IF_TRUE_OR_POP = "JUMP_IF_TRUE_OR_POP",
    /// Replaces TOS with `iter(TOS)`.
    GET_ITER = "GET_ITER",
    /// TOS is an iterator: pushes its next value, or pops it and jumps to `arg` when exhausted.
    FOR_ITER = "FOR_ITER",
    /// Calls a callable with `arg` positional arguments (minus the `KW_NAMES` count).
    /// Below the arguments: `[NULL, callable]` or `[method, self]` (see `LOAD_METHOD`).
    /// As in CPython 3.11 the `[method, self]` form is also used for calls the compiler builds
    /// itself: decorators (`[decorator, function]; CALL 0`), comprehensions
    /// (`[function, iterator]; CALL 0`), `__exit__(None, None, None)` (`[exit, None, None,
    /// None]; CALL 2`) and `AssertionError(msg)` (`[AssertionError, msg]; CALL 0`).
    CALL = "CALL",
    /// Sets the keyword names (`co_consts[arg]`, a tuple of str) of the next `CALL`.
    KW_NAMES = "KW_NAMES",
    /// `CALL_FUNCTION_EX`: calls `TOS2(*TOS1, **TOS)` (`arg & 1`) or `TOS1(*TOS)`; NULL below.
    /// The compiler always passes a tuple (`LIST_TO_TUPLE`/`BUILD_TUPLE`) and a fresh dict.
    CALL_FUNCTION_EX = "CALL_FUNCTION_EX",
    /// Builds a function from the code object TOS; `arg` flags say what is below it:
    /// 0x01 a tuple of defaults, 0x02 a dict of keyword-only defaults, 0x04 annotations,
    /// 0x08 a tuple of closure cells (pushed in that order, so the closure is nearest TOS).
    MAKE_FUNCTION = "MAKE_FUNCTION",
    /// Returns TOS to the caller.
    RETURN_VALUE = "RETURN_VALUE",
    /// Raises: `arg` 0 re-raises, 1 raises TOS, 2 raises TOS1 from TOS.
    RAISE_VARARGS = "RAISE_VARARGS",
    /// Pushes `builtins.__build_class__`.
    LOAD_BUILD_CLASS = "LOAD_BUILD_CLASS",
    /// Imports module `co_names[arg]`; TOS is the fromlist, TOS1 the level.
    IMPORT_NAME = "IMPORT_NAME",
    /// Pushes attribute `co_names[arg]` of the module TOS (`from m import name`).
    IMPORT_FROM = "IMPORT_FROM",
    /// `from m import *`: binds the public names of module TOS; pops it.
    IMPORT_STAR = "IMPORT_STAR",
    /// Pops a value from the generator's stack and yields it.
    YIELD_VALUE = "YIELD_VALUE",
    /// First instruction of a generator's code (after the cell prologue): makes the generator
    /// and returns it. When the generator is first resumed, the value sent (None) is pushed;
    /// the compiler follows this with `POP_TOP` (stack effect counted as +1).
    RETURN_GENERATOR = "RETURN_GENERATOR",
    /// `yield from` / `await`: pops the value TOS and sends it into the sub-iterator TOS1.
    /// If the sub-iterator yields, pushes the yielded value (falls through to `YIELD_VALUE`);
    /// if it returns, replaces the sub-iterator with the return value and jumps to `arg`.
    /// The compiler emits `GET_YIELD_FROM_ITER; LOAD_CONST None; SEND exit; YIELD_VALUE;
    /// RESUME 2; JUMP_BACKWARD <SEND>; exit:`.
    SEND = "SEND",
    /// Pushes the exception being handled (in an except block).
    PUSH_EXC_INFO = "PUSH_EXC_INFO",
    /// Restores the exception state that `PUSH_EXC_INFO` saved.
    POP_EXCEPT = "POP_EXCEPT",
    /// Re-raises TOS (`arg` set: also restores `f_lasti`).
    RERAISE = "RERAISE",
    /// Pushes whether the exception TOS1 matches the class TOS (TOS is popped).
    CHECK_EXC_MATCH = "CHECK_EXC_MATCH",
    /// Sets up a `with` block: replaces the context manager with `__exit__` and `__enter__()`.
    BEFORE_WITH = "BEFORE_WITH",
    /// Calls `__exit__` with the exception in an exceptional `with` exit. Stack on entry:
    /// `[exit, lasti, prev_exc, exc]` (after `PUSH_EXC_INFO`); calls `exit(type(exc), exc, tb)`
    /// and pushes the result.
    WITH_EXCEPT_START = "WITH_EXCEPT_START",
    /// Pushes `AssertionError`.
    LOAD_ASSERTION_ERROR = "LOAD_ASSERTION_ERROR",
    /// Pushes `len(TOS)`, keeping TOS (match statements). Stack effect +1.
    GET_LEN = "GET_LEN",
    /// Pushes `True` if TOS is a mapping (its type has `Py_TPFLAGS_MAPPING`: `dict`, or a
    /// `collections.abc.Mapping` registered type), else `False`, keeping TOS. Stack effect +1.
    MATCH_MAPPING = "MATCH_MAPPING",
    /// Pushes `True` if TOS is a sequence for pattern matching (`Py_TPFLAGS_SEQUENCE`: `list`,
    /// `tuple`, `range`, `memoryview`, `collections.deque`, `collections.abc.Sequence` types;
    /// never `str`, `bytes` or `bytearray`), else `False`, keeping TOS. Stack effect +1.
    MATCH_SEQUENCE = "MATCH_SEQUENCE",
    /// TOS is a tuple of keys, TOS1 a mapping: pushes a tuple of the mapping's values for those
    /// keys (looked up with `TOS1.get(key, sentinel)`), or `None` if any key is missing,
    /// keeping both. Stack effect +1.
    MATCH_KEYS = "MATCH_KEYS",
    /// Class pattern: TOS is a tuple of keyword attribute names, TOS1 the class, TOS2 the
    /// subject. Pops all three; if the subject is an instance of the class, pushes a tuple of
    /// `arg` positional attributes (named by `__match_args__`, or the subject itself for the
    /// self-matching builtins) followed by the keyword attributes; else (or if an attribute is
    /// missing) pushes `None`. Stack effect -2.
    MATCH_CLASS = "MATCH_CLASS",
    /// Unpacks TOS with a starred target: `arg & 0xFF` before, `arg >> 8` after.
    UNPACK_EX = "UNPACK_EX",
    /// `set.update(STACK[-arg - 1], TOS)`, pops TOS.
    SET_UPDATE = "SET_UPDATE",
    /// `dict.update(STACK[-arg - 1], TOS)`, pops TOS.
    DICT_UPDATE = "DICT_UPDATE",
    /// `dict.update` with the duplicate-keyword check of calls.
    DICT_MERGE = "DICT_MERGE",
    /// Module and class bodies that contain annotations: makes `__annotations__` a new dict in
    /// the local namespace unless it is already there. Stack effect 0.
    SETUP_ANNOTATIONS = "SETUP_ANNOTATIONS",
    /// Class bodies: pushes the class namespace's value of the free variable in local slot
    /// `arg` (looked up by name), falling back to the cell's contents.
    LOAD_CLASSDEREF = "LOAD_CLASSDEREF",
    /// Replaces TOS with `iter(TOS)` for `yield from`.
    GET_YIELD_FROM_ITER = "GET_YIELD_FROM_ITER",
    /// Replaces TOS with `get_awaitable(TOS)`: TOS itself if a coroutine (or a generator with
    /// CO_ITERABLE_COROUTINE), else `TOS.__await__()`, which must return an iterator (else
    /// `TypeError`). `arg`: 0 plain `await`, 1 after `__aenter__`, 2 after `__aexit__` (for the
    /// error message). Stack effect 0.
    GET_AWAITABLE = "GET_AWAITABLE",
    /// `async for`: replaces TOS with `TOS.__aiter__()`. Stack effect 0.
    GET_AITER = "GET_AITER",
    /// `async for`: pushes `get_awaitable(TOS.__anext__())`, leaving the async iterator TOS1.
    /// Stack effect +1.
    GET_ANEXT = "GET_ANEXT",
    /// `async with`: pops the context manager, pushes its bound `__aexit__`, then the result
    /// of calling `__aenter__()` (an awaitable, awaited next). Stack effect +1.
    BEFORE_ASYNC_WITH = "BEFORE_ASYNC_WITH",
    /// Ends an `async for` loop (the handler of `GET_ANEXT`'s await): TOS is the exception,
    /// TOS1 the async iterator. If the exception is a `StopAsyncIteration`, pops both and
    /// continues; otherwise re-raises it. Stack effect -2 when it continues.
    END_ASYNC_FOR = "END_ASYNC_FOR",
    /// In an async generator, wraps TOS (the value about to be yielded) so that the async
    /// generator machinery can tell a yielded value from an awaited one. Stack effect 0.
    ASYNC_GEN_WRAP = "ASYNC_GEN_WRAP",
    /// `except*`: TOS is the exception type(s) to match, TOS1 the exception (group). Pops both;
    /// pushes the non-matching rest (or the original exception when nothing matched), then the
    /// matching part as an exception group (or `None`). Stack effect 0.
    CHECK_EG_MATCH = "CHECK_EG_MATCH",
    /// End of an `except*` statement: TOS is the list of exceptions raised or re-raised by the
    /// handlers (plus the unhandled rest), TOS1 the original exception group. Pops both, pushes
    /// the exception group to re-raise, or `None`. Stack effect -1.
    PREP_RERAISE_STAR = "PREP_RERAISE_STAR",
    /// Interactive mode (`Mode::Single`): calls `sys.displayhook(TOS)` and pops it. Stack
    /// effect -1.
    PRINT_EXPR = "PRINT_EXPR",
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Opcode {
    /// Whether `arg` is an absolute jump target.
    pub fn is_jump(self) -> bool {
        matches!(
            self,
            Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::JUMP_IF_FALSE_OR_POP
                | Opcode::JUMP_IF_TRUE_OR_POP
                | Opcode::FOR_ITER
                | Opcode::SEND
        )
    }
}

/// One instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instr {
    /// The operation.
    pub op: Opcode,
    /// Its argument (0 when the opcode takes none).
    pub arg: u32,
}
