//! The specializing adaptive interpreter (PEP 659; CPython 3.11's `Python/specialize.c`).
//!
//! A code object carries a [`Quickened`] state beside its instructions (`CodeObject::quick`):
//! cold at first, then — after [`cache::WARMUP`] executions of its family instructions — an
//! array of [`CacheEntry`]s indexed like the instructions. The instructions themselves never
//! change (`co_code` is the unspecialized code); an instruction's *form* lives in its entry:
//!
//! * **adaptive**: runs the generic path and counts down; at zero it looks at its operands and
//!   either specializes (records versions and indexes in the entry, sets a specialized form)
//!   or backs off exponentially (`cache.rs`);
//! * **specialized** (`LOAD_GLOBAL_MODULE`, `LOAD_ATTR_WITH_HINT`, ...): checks its guards —
//!   a type's version tag, a dict's keys version, a key at a position — and on success takes
//!   the short path; on a miss it runs the generic path (so a miss never changes behaviour)
//!   and spends one of its [`cache::MISS_BUDGET`] misses; when they are spent it returns to
//!   the adaptive form.
//!
//! Entries hold numbers only. What a guard proves: a type's version tag unchanged means its
//! MRO and every dict along it unchanged (`typeready::modified` resets tags before a class
//! attribute changes, `__class__` assignment gives the instance another type, and tags are
//! never reused), so a lookup through the method cache finds what it found when the entry
//! was filled; a dict's keys version unchanged (versions are process-wide and never reused)
//! means the same dict with the same keys at the same positions, so entry `i` is still the
//! key that was found there.
//!
//! `_co_code_adaptive` shows each entry's form under CPython 3.11's specialized opcode number
//! ([`cpython_number`]), so `dis.dis(f, adaptive=True)` reads like CPython's;
//! `arenapy -m dis --adaptive FILE` runs FILE first. `-X specialization_stats` prints
//! counters at exit (`stats.rs`).
//!
//! The value forms (`BINARY_OP`, `COMPARE_OP`, `BINARY_SUBSCR`, `STORE_SUBSCR`, `FOR_ITER`,
//! `UNPACK_SEQUENCE`: `binary_op.rs`, `compare_op.rs`, `subscr.rs`, `iteration.rs`) keep no
//! words in their entries: the form names the operand types, and its guard is their identity
//! (exact `int`, `float`, `str`, `list`, `tuple`, `dict`, or the iterator's type). They decide
//! before running (CPython does too): an adaptive instruction that is due looks at its operands,
//! picks a form or backs off, and runs that form at once.
//!
//! **Adding a family** (say `BINARY_OP`): add its forms to [`Form`] (and their CPython
//! numbers to [`cpython_number`], the adaptive one included), a [`Family`], and a file with
//! one entry function the loop's arm calls with the instruction index. The function gets the
//! entry with [`entry`]; in a specialized form it checks its guards and returns the fast
//! result (counting [`hit`]) or calls [`miss`] and falls through to the generic path; in the
//! adaptive form it asks [`due`] and, when due, inspects the operands and calls
//! [`specialize_to`] or [`fail`]; then it runs the generic path.

pub mod binary_op;
mod binary_py;
pub mod cache;
pub mod call;
pub mod compare_op;
pub mod globals;
mod init;
pub mod instance;
pub mod iteration;
pub mod load_attr;
pub mod method;
mod poly;
pub mod stats;
pub mod store_attr;
pub mod subscr;

use crate::bytecode::Opcode;
use crate::objects::code::CodeObject;
pub use cache::{CacheEntry, Quickened};
use stats::{Event, Failure};

/// The instruction families that specialize.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// `LOAD_GLOBAL`.
    LoadGlobal = 0,
    /// `LOAD_ATTR`.
    LoadAttr = 1,
    /// `LOAD_METHOD`.
    LoadMethod = 2,
    /// `STORE_ATTR`.
    StoreAttr = 3,
    /// `CALL` (CPython 3.11's `PRECALL` and `CALL` families together: arenapy's `CALL` does
    /// both).
    Call = 4,
    /// `BINARY_OP` (`value forms`, see `binary_op.rs`).
    BinaryOp = 5,
    /// `COMPARE_OP`, fused with the conditional jump after it.
    CompareOp = 6,
    /// `BINARY_SUBSCR`.
    BinarySubscr = 7,
    /// `STORE_SUBSCR`.
    StoreSubscr = 8,
    /// `FOR_ITER` (3.12's specialized forms; 3.11 has none).
    ForIter = 9,
    /// `UNPACK_SEQUENCE`.
    UnpackSequence = 10,
}

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 11] = [
        Family::LoadGlobal,
        Family::LoadAttr,
        Family::LoadMethod,
        Family::StoreAttr,
        Family::Call,
        Family::BinaryOp,
        Family::CompareOp,
        Family::BinarySubscr,
        Family::StoreSubscr,
        Family::ForIter,
        Family::UnpackSequence,
    ];

    /// CPython's name of the family's instruction.
    pub fn name(self) -> &'static str {
        match self {
            Family::LoadGlobal => "LOAD_GLOBAL",
            Family::LoadAttr => "LOAD_ATTR",
            Family::LoadMethod => "LOAD_METHOD",
            Family::StoreAttr => "STORE_ATTR",
            Family::Call => "CALL",
            Family::BinaryOp => "BINARY_OP",
            Family::CompareOp => "COMPARE_OP",
            Family::BinarySubscr => "BINARY_SUBSCR",
            Family::StoreSubscr => "STORE_SUBSCR",
            Family::ForIter => "FOR_ITER",
            Family::UnpackSequence => "UNPACK_SEQUENCE",
        }
    }
}

macro_rules! forms {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// The form of a family instruction, kept in its cache entry.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u8)]
        pub enum Form {
            $($(#[$doc])* $name,)*
        }

        impl Form {
            /// Every form, by number.
            pub const ALL: &'static [Form] = &[$(Form::$name,)*];
            /// How many forms there are.
            pub const COUNT: usize = Form::ALL.len();

            /// The name `dis` and the statistics show (CPython's where it has one).
            pub fn name(self) -> &'static str {
                match self {
                    $(Form::$name => $text,)*
                }
            }

            /// The form stored as `byte`.
            #[inline]
            pub fn from_byte(byte: u8) -> Form {
                Form::ALL.get(byte as usize).copied().unwrap_or(Form::Adaptive)
            }
        }
    };
}

forms! {
    /// Not specialized: counting down to the next try.
    Adaptive = "ADAPTIVE",
    /// `LOAD_GLOBAL` from the globals: (globals keys version, entry index).
    GlobalModule = "LOAD_GLOBAL_MODULE",
    /// `LOAD_GLOBAL` from the builtins: (globals keys version, builtins keys version, index).
    GlobalBuiltin = "LOAD_GLOBAL_BUILTIN",
    /// `LOAD_ATTR` of an instance attribute: (type version, entry index hint).
    AttrWithHint = "LOAD_ATTR_WITH_HINT",
    /// `LOAD_ATTR` of a `__slots__` member: (type version, slot).
    AttrSlot = "LOAD_ATTR_SLOT",
    /// `LOAD_ATTR` of a module attribute: (module dict keys version, entry index).
    AttrModule = "LOAD_ATTR_MODULE",
    /// `LOAD_ATTR` of a property: (type version); the getter is called.
    AttrProperty = "LOAD_ATTR_PROPERTY",
    /// `LOAD_ATTR` of a plain class attribute on a class object: (class version).
    AttrClass = "LOAD_ATTR_CLASS",
    /// `LOAD_METHOD` of a function on the class, the instance dict not shadowing it: (type version).
    MethodWithDict = "LOAD_METHOD_WITH_DICT",
    /// `LOAD_METHOD` on an instance without a `__dict__`: (type version).
    MethodNoDict = "LOAD_METHOD_NO_DICT",
    /// `LOAD_METHOD` on a class object: (class version).
    MethodClass = "LOAD_METHOD_CLASS",
    /// `LOAD_METHOD` of a module attribute: (module dict keys version, entry index).
    MethodModule = "LOAD_METHOD_MODULE",
    /// `STORE_ATTR` into the instance dict: (type version, entry index hint).
    StoreWithHint = "STORE_ATTR_WITH_HINT",
    /// `STORE_ATTR` of a `__slots__` member: (type version, slot).
    StoreSlot = "STORE_ATTR_SLOT",
    /// `LOAD_ATTR` of an inline value: (type version, value index | `instance::INLINE`).
    AttrInstanceValue = "LOAD_ATTR_INSTANCE_VALUE",
    /// `STORE_ATTR` of an inline value: (type version, value index | `instance::INLINE`).
    StoreInstanceValue = "STORE_ATTR_INSTANCE_VALUE",
    /// `LOAD_METHOD` of a function on the class, the instance's inline values not shadowing
    /// it: (type version). Runs as `MethodWithDict`, which checks either storage.
    MethodWithValues = "LOAD_METHOD_WITH_VALUES",
    /// `CALL` of a Python function whose parameters the arguments fill exactly: (function
    /// version, positional count with `self`).
    CallPyExactArgs = "CALL_PY_EXACT_ARGS",
    /// `CALL` of a Python function, trailing parameters from its defaults: as above.
    CallPyWithDefaults = "CALL_PY_WITH_DEFAULTS",
    /// `CALL` of a bound method of a Python function, the arguments (with `self`) filling its
    /// parameters, exactly or with defaults: as above.
    CallBoundMethod = "PRECALL_BOUND_METHOD",
    /// `CALL` of the builtin `len` with one argument: (the function's definition, see
    /// `call::def_key`).
    CallLen = "PRECALL_NO_KW_LEN",
    /// `CALL` of the builtin `isinstance` with two arguments: (definition).
    CallIsinstance = "PRECALL_NO_KW_ISINSTANCE",
    /// `CALL` of a builtin function with one argument: (definition).
    CallBuiltinO = "PRECALL_NO_KW_BUILTIN_O",
    /// `CALL` of a builtin function with another number of arguments: (definition).
    CallBuiltinFast = "PRECALL_NO_KW_BUILTIN_FAST",
    /// `type(x)`.
    CallType1 = "PRECALL_NO_KW_TYPE_1",
    /// `str(x)`.
    CallStr1 = "PRECALL_NO_KW_STR_1",
    /// `tuple(x)`.
    CallTuple1 = "PRECALL_NO_KW_TUPLE_1",
    /// `list.append(x)` on an exact list, from `LOAD_METHOD`: (definition).
    CallListAppend = "PRECALL_NO_KW_LIST_APPEND",
    /// A builtin type's method from `LOAD_METHOD`, no argument: (definition).
    CallMethodNoargs = "PRECALL_NO_KW_METHOD_DESCRIPTOR_NOARGS",
    /// A builtin type's method from `LOAD_METHOD`, one argument: (definition).
    CallMethodO = "PRECALL_NO_KW_METHOD_DESCRIPTOR_O",
    /// A builtin type's method from `LOAD_METHOD`, more arguments: (definition).
    CallMethodFast = "PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST",
    /// A builtin type called (`int(x)`, `list(it)`, `dict()`, `range(a, b)`, ...; not the
    /// one-argument `type`/`str`/`tuple` forms): (the type's static, as `call::def_key`).
    CallBuiltinClass = "PRECALL_BUILTIN_CLASS",
    /// `CALL` of a class (metatype `type`) whose `__new__` is its builtin base's and whose
    /// `__init__` is a Python function taking the arguments by position: (class version,
    /// `__init__` function version, positional count with `self`). 3.12's; `dis` shows 3.11's
    /// `CALL_ADAPTIVE`.
    CallAllocAndEnterInit = "CALL_ALLOC_AND_ENTER_INIT",
    /// `BINARY_OP` `+` of two exact ints.
    BinaryAddInt = "BINARY_OP_ADD_INT",
    /// `BINARY_OP` `-` of two exact ints.
    BinarySubtractInt = "BINARY_OP_SUBTRACT_INT",
    /// `BINARY_OP` `*` of two exact ints.
    BinaryMultiplyInt = "BINARY_OP_MULTIPLY_INT",
    /// `BINARY_OP` `+` of two exact floats.
    BinaryAddFloat = "BINARY_OP_ADD_FLOAT",
    /// `BINARY_OP` `-` of two exact floats.
    BinarySubtractFloat = "BINARY_OP_SUBTRACT_FLOAT",
    /// `BINARY_OP` `*` of two exact floats.
    BinaryMultiplyFloat = "BINARY_OP_MULTIPLY_FLOAT",
    /// `BINARY_OP` `+` of two exact strs.
    BinaryAddUnicode = "BINARY_OP_ADD_UNICODE",
    /// `BINARY_OP` `+` of two exact strs whose result goes back, by the `STORE_FAST` that
    /// follows, into the local holding the left one (`s += t`): the store is done here.
    BinaryInplaceAddUnicode = "BINARY_OP_INPLACE_ADD_UNICODE",
    /// `BINARY_OP` on an instance of a class whose method for the operator (`__sub__`) is a
    /// Python function, the right operand of that class or a builtin type: (class version,
    /// function version). arenapy's own; `dis` shows 3.11's `BINARY_OP_ADAPTIVE`.
    BinaryOpPy = "BINARY_OP_PY",
    /// `COMPARE_OP` of two exact ints that fit a machine word, and the jump after it.
    CompareIntJump = "COMPARE_OP_INT_JUMP",
    /// `COMPARE_OP` of two exact floats, and the jump after it.
    CompareFloatJump = "COMPARE_OP_FLOAT_JUMP",
    /// `COMPARE_OP` `==`/`!=` of two exact strs, and the jump after it.
    CompareStrJump = "COMPARE_OP_STR_JUMP",
    /// `BINARY_SUBSCR` of an exact list by an exact int.
    SubscrListInt = "BINARY_SUBSCR_LIST_INT",
    /// `BINARY_SUBSCR` of an exact tuple by an exact int.
    SubscrTupleInt = "BINARY_SUBSCR_TUPLE_INT",
    /// `BINARY_SUBSCR` of an exact dict.
    SubscrDict = "BINARY_SUBSCR_DICT",
    /// `STORE_SUBSCR` into an exact list at an exact int in range.
    StoreSubscrListInt = "STORE_SUBSCR_LIST_INT",
    /// `STORE_SUBSCR` into an exact dict.
    StoreSubscrDict = "STORE_SUBSCR_DICT",
    /// `FOR_ITER` over a list iterator.
    ForIterList = "FOR_ITER_LIST",
    /// `FOR_ITER` over a tuple iterator.
    ForIterTuple = "FOR_ITER_TUPLE",
    /// `FOR_ITER` over a range iterator.
    ForIterRange = "FOR_ITER_RANGE",
    /// `UNPACK_SEQUENCE 2` of an exact tuple of two.
    UnpackTwoTuple = "UNPACK_SEQUENCE_TWO_TUPLE",
    /// `UNPACK_SEQUENCE n` of an exact tuple of `n`.
    UnpackTuple = "UNPACK_SEQUENCE_TUPLE",
    /// `UNPACK_SEQUENCE n` of an exact list of `n`.
    UnpackList = "UNPACK_SEQUENCE_LIST",
}

/// CPython 3.11's opcode number for instruction `op` in form `byte` (its `_ADAPTIVE` form
/// while adaptive), or `None` for the base opcode (other instructions, and forms 3.11 lacks).
pub fn cpython_number(op: Opcode, byte: u8) -> Option<u8> {
    let form = Form::from_byte(byte);
    Some(match (op, form) {
        (Opcode::LOAD_GLOBAL, Form::Adaptive) => 47,
        (Opcode::LOAD_GLOBAL, Form::GlobalModule) => 55,
        (Opcode::LOAD_GLOBAL, Form::GlobalBuiltin) => 48,
        (Opcode::LOAD_ATTR, Form::Adaptive) => 39,
        (Opcode::LOAD_ATTR, Form::AttrModule) => 41,
        (Opcode::LOAD_ATTR, Form::AttrSlot) => 42,
        (Opcode::LOAD_ATTR, Form::AttrWithHint) => 43,
        (Opcode::LOAD_ATTR, Form::AttrInstanceValue) => 40,
        (Opcode::LOAD_METHOD, Form::Adaptive) => 56,
        (Opcode::LOAD_METHOD, Form::MethodClass) => 57,
        (Opcode::LOAD_METHOD, Form::MethodModule) => 58,
        (Opcode::LOAD_METHOD, Form::MethodNoDict) => 59,
        (Opcode::LOAD_METHOD, Form::MethodWithDict) => 62,
        (Opcode::LOAD_METHOD, Form::MethodWithValues) => 63,
        (Opcode::STORE_ATTR, Form::Adaptive) => 153,
        (Opcode::STORE_ATTR, Form::StoreSlot) => 158,
        (Opcode::STORE_ATTR, Form::StoreWithHint) => 159,
        (Opcode::STORE_ATTR, Form::StoreInstanceValue) => 154,
        (Opcode::CALL, Form::Adaptive | Form::CallAllocAndEnterInit) => 22,
        (Opcode::CALL, Form::CallPyExactArgs) => 23,
        (Opcode::CALL, Form::CallPyWithDefaults) => 24,
        (Opcode::CALL, Form::CallBoundMethod) => 65,
        (Opcode::CALL, Form::CallBuiltinClass) => 66,
        (Opcode::CALL, Form::CallBuiltinFast) => 73,
        (Opcode::CALL, Form::CallBuiltinO) => 76,
        (Opcode::CALL, Form::CallIsinstance) => 77,
        (Opcode::CALL, Form::CallLen) => 78,
        (Opcode::CALL, Form::CallListAppend) => 79,
        (Opcode::CALL, Form::CallMethodFast) => 80,
        (Opcode::CALL, Form::CallMethodNoargs) => 81,
        (Opcode::CALL, Form::CallMethodO) => 113,
        (Opcode::CALL, Form::CallStr1) => 121,
        (Opcode::CALL, Form::CallTuple1) => 127,
        (Opcode::CALL, Form::CallType1) => 141,
        (Opcode::BINARY_OP, Form::Adaptive | Form::BinaryOpPy) => 3,
        (Opcode::BINARY_OP, Form::BinaryAddFloat) => 4,
        (Opcode::BINARY_OP, Form::BinaryAddInt) => 5,
        (Opcode::BINARY_OP, Form::BinaryAddUnicode) => 6,
        (Opcode::BINARY_OP, Form::BinaryInplaceAddUnicode) => 7,
        (Opcode::BINARY_OP, Form::BinaryMultiplyFloat) => 8,
        (Opcode::BINARY_OP, Form::BinaryMultiplyInt) => 13,
        (Opcode::BINARY_OP, Form::BinarySubtractFloat) => 14,
        (Opcode::BINARY_OP, Form::BinarySubtractInt) => 16,
        (Opcode::BINARY_SUBSCR, Form::Adaptive) => 17,
        (Opcode::BINARY_SUBSCR, Form::SubscrDict) => 18,
        (Opcode::BINARY_SUBSCR, Form::SubscrListInt) => 20,
        (Opcode::BINARY_SUBSCR, Form::SubscrTupleInt) => 21,
        (Opcode::COMPARE_OP, Form::Adaptive) => 26,
        (Opcode::COMPARE_OP, Form::CompareFloatJump) => 27,
        (Opcode::COMPARE_OP, Form::CompareIntJump) => 28,
        (Opcode::COMPARE_OP, Form::CompareStrJump) => 29,
        (Opcode::STORE_SUBSCR, Form::Adaptive) => 168,
        (Opcode::STORE_SUBSCR, Form::StoreSubscrDict) => 169,
        (Opcode::STORE_SUBSCR, Form::StoreSubscrListInt) => 170,
        (Opcode::UNPACK_SEQUENCE, Form::Adaptive) => 177,
        (Opcode::UNPACK_SEQUENCE, Form::UnpackList) => 178,
        (Opcode::UNPACK_SEQUENCE, Form::UnpackTuple) => 179,
        (Opcode::UNPACK_SEQUENCE, Form::UnpackTwoTuple) => 180,
        _ => return None,
    })
}

/// CPython 3.11's superinstruction number for instruction `first` followed by `second`
/// (`LOAD_FAST__LOAD_FAST`, ...), as its quickening forms them: the first instruction of each
/// pair of plain `LOAD_FAST`/`LOAD_CONST`/`STORE_FAST` below, unless the second needs an
/// `EXTENDED_ARG` prefix (`second_arg` above 255; then CPython sees that prefix instead).
///
/// The evaluation loop runs these pairs in one dispatch whatever the code's temperature (an
/// arm peeks at the next instruction); the second instruction stays in the code, so a jump to
/// it runs it alone. `_co_code_adaptive` shows the pairs once the code is quickened, as
/// CPython's does.
pub fn superinstruction(first: Opcode, second: Opcode, second_arg: u32) -> Option<u8> {
    if second_arg > 0xff {
        return None;
    }
    Some(match (first, second) {
        (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => 46,
        (Opcode::LOAD_FAST, Opcode::LOAD_CONST) => 45,
        (Opcode::LOAD_CONST, Opcode::LOAD_FAST) => 44,
        (Opcode::STORE_FAST, Opcode::LOAD_FAST) => 161,
        (Opcode::STORE_FAST, Opcode::STORE_FAST) => 167,
        _ => return None,
    })
}

/// The cache entry of instruction `pc`, counting the warm-up while the code is cold.
#[inline(always)]
pub fn entry(code: &CodeObject, pc: usize) -> Option<&CacheEntry> {
    code.quick.tick(code.instructions.len())?.get(pc)
}

/// The entry's form.
#[inline]
pub fn form(e: &CacheEntry) -> Form {
    Form::from_byte(e.form.get())
}

/// Adaptive form: whether it is time to try specializing (otherwise counts down).
#[inline]
pub fn due(e: &CacheEntry) -> bool {
    let c = e.counter.get();
    if cache::counter_is_zero(c) {
        return true;
    }
    e.counter.set(cache::counter_decrement(c));
    false
}

/// Records a specialization.
pub fn specialize_to(e: &CacheEntry, family: Family, form: Form, a: u32, b: u32, c: u32) {
    e.a.set(a);
    e.b.set(b);
    e.c.set(c);
    e.form.set(form as u8);
    e.counter.set(cache::MISS_BUDGET);
    stats::record(family, Event::Success, form);
}

/// Records a failed try: the countdown restarts, longer.
pub fn fail(e: &CacheEntry, family: Family, why: Failure) {
    e.counter.set(cache::counter_backoff(e.counter.get()));
    stats::failure(family, why);
}

/// After a generic run that succeeded: the form chosen for what it saw, or the reason none fits.
pub fn settle(e: &CacheEntry, family: Family, choice: Result<(Form, u32, u32), Failure>) {
    match choice {
        Ok((form, a, b)) => specialize_to(e, family, form, a, b, 0),
        Err(why) => fail(e, family, why),
    }
}

/// Before a run: specializes to the form chosen for the operands about to be used (no cache
/// data), or records why none fits; returns the form to run now (`Adaptive` for the generic path).
pub fn adopt(e: &CacheEntry, family: Family, choice: Result<Form, Failure>) -> Form {
    match choice {
        Ok(form) => {
            specialize_to(e, family, form, 0, 0, 0);
            form
        }
        Err(why) => {
            fail(e, family, why);
            Form::Adaptive
        }
    }
}

/// Counts a guard that held.
#[inline]
pub fn hit(family: Family, form: Form) {
    stats::record(family, Event::Hit, form);
}

/// A guard failed: one miss spent; when none is left the instruction is adaptive again.
#[cold]
pub fn miss(e: &CacheEntry, family: Family) {
    stats::record(family, Event::Miss, form(e));
    let left = e.counter.get().saturating_sub(1);
    if left == 0 {
        stats::record(family, Event::Deopt, form(e));
        e.form.set(Form::Adaptive as u8);
        e.counter.set(cache::counter_start());
    } else {
        e.counter.set(left);
    }
}

/// The current version tag of `ty` without assigning one (0 when it has none), for guards.
#[inline]
pub fn current_version(vm: &crate::vm::Vm, ty: &crate::object::TypeObject) -> u32 {
    match ty.heap() {
        Some(h) => h.ext.version.get(),
        None => vm.static_types.version(ty.ready.get()),
    }
}

/// A position or slot as a cache word (`None` past `u32`: not cached).
#[inline]
pub fn index(pos: usize) -> Option<u32> {
    u32::try_from(pos).ok()
}

#[cfg(test)]
mod tests;
