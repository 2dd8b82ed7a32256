//! The `_thread` module for a single-threaded interpreter: locks (`allocate_lock`, `RLock`),
//! the thread identity functions and the constants `threading` reads.
//!
//! arenapy runs one thread per interpreter, so no other thread can ever release a lock this
//! one holds. Acquiring a held lock without blocking returns `False`; with a timeout, the call
//! waits out the timeout (as CPython would, nothing releasing the lock meanwhile) and returns
//! `False`; blocking forever on a held lock — a certain deadlock — raises `RuntimeError`
//! instead of hanging. `start_new_thread` raises `RuntimeError`: threads are not supported.
//! `_local` (a per-interpreter attribute namespace) is the Python part, `pylib/_thread.py`.

use crate::object::{
    new_object, MethodDef, ObjHeader, ObjRef, PayloadVTable, PyPayload, Slots, TypeObject,
};
use crate::objects::exceptions;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::{OBJECT_TYPE, TYPE_TYPE};
use crate::objects::{boolobj, float, int, module, none, str as pystr, tuple};
use crate::vm::argparse::{parse, Sig};
use crate::vm::args::no_args;
use crate::vm::error::AllocResultExt;
use crate::vm::{ops, PyResult, Vm};
use std::cell::Cell;

/// CPython's `PY_TIMEOUT_MAX` in seconds, as `_thread.TIMEOUT_MAX` reports it on Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;

/// Payload of `_thread.lock` and `_thread.RLock`: the recursion count (0 or 1 for a lock) and
/// the owner's identity (RLock only; 0 when unowned).
pub struct LockState {
    count: Cell<u64>,
    owner: Cell<u64>,
}

impl PyPayload for LockState {
    const IS_CONTAINER: bool = false;
}

crate::object::traverse_nothing!(LockState);
static LOCK_VTABLE: PayloadVTable = PayloadVTable::of::<LockState>();

fn state<'a>(vm: &Vm, obj: &'a ObjRef) -> PyResult<&'a LockState> {
    obj.downcast::<LockState>()
        .ok_or_else(|| vm.type_error("expected a lock"))
}

/// `get_ident()`: a nonzero number identifying the interpreter's thread.
fn ident() -> u64 {
    thread_local! {
        static MARK: u8 = const { 0 };
    }
    MARK.with(|m| std::ptr::from_ref(m) as usize as u64)
}

/// Parses `(blocking=True, timeout=-1)` and checks them as CPython's `lock_acquire_parse_args`.
/// Returns `None` for "wait forever", `Some(seconds)` otherwise (0 for a non-blocking call).
fn acquire_args(
    vm: &Vm,
    name: &str,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<Option<f64>> {
    let [blocking, timeout] = parse::<2>(
        vm,
        name,
        Sig::Kw {
            names: &["blocking", "timeout"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    let blocking = match blocking {
        Some(b) => ops::truthy(vm, &b)?,
        None => true,
    };
    let timeout = match timeout {
        Some(t) => match float::coerce(vm, &t)? {
            Some(v) => v,
            None => {
                return Err(vm.type_error(&format!(
                    "'{}' object cannot be interpreted as an integer or float",
                    t.ob_type().name()
                )))
            }
        },
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.overflow_error("timeout value is too large"));
    }
    Ok(if !blocking {
        Some(0.0)
    } else if timeout == -1.0 {
        None
    } else {
        Some(timeout)
    })
}

/// Waits for a lock no one can release: `False` after the timeout, `RuntimeError` when the
/// wait would be forever.
fn wait_held(vm: &Vm, timeout: Option<f64>) -> PyResult<ObjRef> {
    match timeout {
        None => Err(vm.new_error(
            &exceptions::RUNTIME_ERROR,
            "deadlock: acquiring a lock held by the only thread (arenapy has no threads)",
        )),
        Some(t) => {
            if t > 0.0 {
                std::thread::sleep(std::time::Duration::from_secs_f64(t));
            }
            Ok(boolobj::new_bool(false))
        }
    }
}

fn new_lock(vm: &Vm, ty: &TypeObject) -> PyResult<ObjRef> {
    new_object(
        ty,
        LockState {
            count: Cell::new(0),
            owner: Cell::new(0),
        },
    )
    .or_mem(vm)
}

// ----- lock -----

fn lock_acquire(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let timeout = acquire_args(vm, "acquire", args, kw)?;
    let st = state(vm, obj)?;
    if st.count.get() == 0 {
        st.count.set(1);
        return Ok(boolobj::new_bool(true));
    }
    wait_held(vm, timeout)
}

fn lock_enter(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__enter__", args, kw)?;
    lock_acquire(vm, obj, &[], None)
}

fn lock_release(vm: &Vm, obj: &ObjRef, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    if st.count.get() == 0 {
        return Err(vm.new_error(&exceptions::RUNTIME_ERROR, "release unlocked lock"));
    }
    st.count.set(0);
    Ok(none::none())
}

fn lock_locked(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "locked", args, kw)?;
    Ok(boolobj::new_bool(state(vm, obj)?.count.get() != 0))
}

fn lock_reinit(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "_at_fork_reinit", args, kw)?;
    let st = state(vm, obj)?;
    st.count.set(0);
    st.owner.set(0);
    Ok(none::none())
}

fn lock_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    let what = if st.count.get() != 0 {
        "locked"
    } else {
        "unlocked"
    };
    pystr::new_str_vm(
        vm,
        &format!(
            "<{what} {} object at {:#x}>",
            obj.ob_type().name(),
            obj.addr()
        ),
    )
}

fn lock_new(vm: &Vm, ty: &TypeObject, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    parse::<0>(vm, "lock", Sig::NoArgs, args, kw)?;
    new_lock(vm, ty)
}

const fn method(name: &'static str, func: crate::object::typeobj::MethodFn) -> MethodDef {
    MethodDef {
        name,
        func,
        flags: 0,
    }
}

static LOCK_METHODS: [MethodDef; 9] = [
    method("acquire", lock_acquire),
    method("acquire_lock", lock_acquire),
    method("release", lock_release),
    method("release_lock", lock_release),
    method("locked", lock_locked),
    method("locked_lock", lock_locked),
    method("__enter__", lock_enter),
    method("__exit__", lock_release),
    method("_at_fork_reinit", lock_reinit),
];

/// `_thread.lock` (`_thread.LockType`).
pub static LOCK_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_thread.lock",
    base: Some(&OBJECT_TYPE),
    flags: 0,
    payload: &LOCK_VTABLE,
    slots: Slots {
        repr: Some(lock_repr),
        new: Some(lock_new),
        ..Slots::EMPTY
    },
    methods: &LOCK_METHODS,
    doc: "A lock object is a synchronization primitive.",
};

// ----- RLock -----

fn rlock_acquire(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let timeout = acquire_args(vm, "acquire", args, kw)?;
    let st = state(vm, obj)?;
    let me = ident();
    if st.count.get() > 0 && st.owner.get() == me {
        let Some(n) = st.count.get().checked_add(1) else {
            return Err(vm.overflow_error("Internal lock count overflowed"));
        };
        st.count.set(n);
        return Ok(boolobj::new_bool(true));
    }
    if st.count.get() == 0 {
        st.count.set(1);
        st.owner.set(me);
        return Ok(boolobj::new_bool(true));
    }
    wait_held(vm, timeout)
}

fn rlock_enter(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "__enter__", args, kw)?;
    rlock_acquire(vm, obj, &[], None)
}

fn unacquired(vm: &Vm) -> crate::vm::PyErr {
    vm.new_error(
        &exceptions::RUNTIME_ERROR,
        "cannot release un-acquired lock",
    )
}

fn rlock_release(
    vm: &Vm,
    obj: &ObjRef,
    _args: &[ObjRef],
    _kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    if st.count.get() == 0 || st.owner.get() != ident() {
        return Err(unacquired(vm));
    }
    st.count.set(st.count.get() - 1);
    if st.count.get() == 0 {
        st.owner.set(0);
    }
    Ok(none::none())
}

fn rlock_is_owned(vm: &Vm, obj: &ObjRef, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "_is_owned", args, kw)?;
    let st = state(vm, obj)?;
    Ok(boolobj::new_bool(
        st.count.get() > 0 && st.owner.get() == ident(),
    ))
}

fn rlock_release_save(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "_release_save", args, kw)?;
    let st = state(vm, obj)?;
    if st.count.get() == 0 {
        return Err(unacquired(vm));
    }
    let saved = tuple::new_tuple(
        vm,
        vec![
            int::new_bigint(vm, &st.count.get().into())?,
            int::new_bigint(vm, &st.owner.get().into())?,
        ],
    )?;
    st.count.set(0);
    st.owner.set(0);
    Ok(saved)
}

fn rlock_acquire_restore(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [saved] = parse::<1>(vm, "_acquire_restore", Sig::One, args, kw)?;
    let saved = saved.ok_or_else(|| vm.type_error("missing argument"))?;
    let items = tuple::items(&saved)
        .filter(|t| t.len() == 2)
        .ok_or_else(|| vm.type_error("_acquire_restore expects a (count, owner) tuple"))?;
    let count = super::math::index_arg(vm, &items[0])?;
    let owner = super::math::index_arg(vm, &items[1])?;
    let (Ok(count), Ok(owner)) = (u64::try_from(&count), u64::try_from(&owner)) else {
        return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
    };
    let st = state(vm, obj)?;
    if st.count.get() != 0 && st.owner.get() != ident() {
        return wait_held(vm, None);
    }
    st.count.set(count);
    st.owner.set(owner);
    Ok(none::none())
}

fn rlock_recursion_count(
    vm: &Vm,
    obj: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    no_args(vm, "_recursion_count", args, kw)?;
    let st = state(vm, obj)?;
    let n = if st.owner.get() == ident() {
        st.count.get()
    } else {
        0
    };
    int::new_bigint(vm, &n.into())
}

fn rlock_repr(vm: &Vm, obj: &ObjRef) -> PyResult<ObjRef> {
    let st = state(vm, obj)?;
    let what = if st.count.get() != 0 {
        "locked"
    } else {
        "unlocked"
    };
    pystr::new_str_vm(
        vm,
        &format!(
            "<{what} {} object owner={} count={} at {:#x}>",
            obj.ob_type().name(),
            st.owner.get(),
            st.count.get(),
            obj.addr()
        ),
    )
}

fn rlock_new(vm: &Vm, ty: &TypeObject, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    new_lock(vm, ty)
}

static RLOCK_METHODS: [MethodDef; 9] = [
    method("acquire", rlock_acquire),
    method("release", rlock_release),
    method("__enter__", rlock_enter),
    method("__exit__", rlock_release),
    method("_is_owned", rlock_is_owned),
    method("_release_save", rlock_release_save),
    method("_acquire_restore", rlock_acquire_restore),
    method("_recursion_count", rlock_recursion_count),
    method("_at_fork_reinit", lock_reinit),
];

/// `_thread.RLock`.
pub static RLOCK_TYPE: TypeObject = TypeObject {
    header: ObjHeader::immortal(&TYPE_TYPE),
    getset: &[],
    ready: crate::object::typeobj::StaticIndex::NEW,
    name: "_thread.RLock",
    base: Some(&OBJECT_TYPE),
    flags: crate::object::typeobj::tpflags::BASETYPE,
    payload: &LOCK_VTABLE,
    slots: Slots {
        repr: Some(rlock_repr),
        new: Some(rlock_new),
        ..Slots::EMPTY
    },
    methods: &RLOCK_METHODS,
    doc: "",
};

// ----- functions -----

fn t_allocate_lock(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "allocate_lock", args, kw)?;
    new_lock(vm, &LOCK_TYPE)
}

fn t_get_ident(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "get_ident", args, kw)?;
    int::new_bigint(vm, &ident().into())
}

fn t_get_native_id(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "get_native_id", args, kw)?;
    int::new_int(vm, i64::from(std::process::id()))
}

fn t_count(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    no_args(vm, "_count", args, kw)?;
    int::new_int(vm, 0)
}

fn t_stack_size(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [size] = parse::<1>(vm, "stack_size", Sig::VarArgs(0, 1), args, kw)?;
    if let Some(size) = size {
        let n = super::math::index_arg(vm, &size)?;
        let zero = num_bigint::BigInt::from(0);
        if n < zero {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        if n != zero && n < num_bigint::BigInt::from(32768) {
            return Err(vm.value_error("size not valid: 32768 bytes"));
        }
    }
    int::new_int(vm, 0)
}

fn t_start_new_thread(vm: &Vm, _args: &[ObjRef], _kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    Err(vm.new_error(
        &exceptions::RUNTIME_ERROR,
        "can't start new thread: arenapy does not support threads yet",
    ))
}

fn t_interrupt_main(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [_signum] = parse::<1>(
        vm,
        "interrupt_main",
        Sig::Kw {
            names: &["signum"],
            required: 0,
            posonly: 0,
        },
        args,
        kw,
    )?;
    // The default SIGINT handler's effect, delivered at once: the only thread is the main one.
    Err(vm.new_error(&exceptions::KEYBOARD_INTERRUPT, ""))
}

/// `_excepthook(args)`: reports an exception that ended a thread (`threading.excepthook`'s
/// default): "Exception in thread NAME:" and the traceback on `sys.stderr`; `SystemExit` is
/// silent.
fn t_excepthook(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    let [a] = parse::<1>(vm, "_excepthook", Sig::One, args, kw)?;
    let a = a.ok_or_else(|| vm.type_error("missing argument"))?;
    let Some([exc_type, exc_value, _tb, thread]) =
        tuple::items(&a).and_then(|t| <&[ObjRef; 4]>::try_from(t).ok())
    else {
        return Err(vm.type_error("_thread._excepthook argument type must be ExceptHookArgs"));
    };
    if exc_type
        .as_type()
        .is_some_and(|t| t.is_subtype(&exceptions::SYSTEM_EXIT))
    {
        return Ok(none::none());
    }
    let name = if none::is_none(thread) {
        ident().to_string()
    } else {
        match ops::getattr(vm, thread, "name") {
            Ok(n) => ops::str_string(vm, &n)?,
            Err(_) => ident().to_string(),
        }
    };
    let mut text = format!("Exception in thread {name}:\n");
    if none::is_none(exc_value) {
        text.push_str(&format!("{}\n", ops::repr_string(vm, exc_type)?));
    } else {
        text.push_str(&crate::vm::traceback::format_exception(vm, exc_value));
    }
    super::sys_hooks::write_stderr(vm, &text)?;
    Ok(none::none())
}

static FUNCTIONS: [BuiltinDef; 11] = [
    BuiltinDef {
        name: "_excepthook",
        func: t_excepthook,
    },
    BuiltinDef {
        name: "allocate_lock",
        func: t_allocate_lock,
    },
    BuiltinDef {
        name: "allocate",
        func: t_allocate_lock,
    },
    BuiltinDef {
        name: "_set_sentinel",
        func: t_allocate_lock,
    },
    BuiltinDef {
        name: "get_ident",
        func: t_get_ident,
    },
    BuiltinDef {
        name: "get_native_id",
        func: t_get_native_id,
    },
    BuiltinDef {
        name: "_count",
        func: t_count,
    },
    BuiltinDef {
        name: "stack_size",
        func: t_stack_size,
    },
    BuiltinDef {
        name: "start_new_thread",
        func: t_start_new_thread,
    },
    BuiltinDef {
        name: "start_new",
        func: t_start_new_thread,
    },
    BuiltinDef {
        name: "interrupt_main",
        func: t_interrupt_main,
    },
];

/// Builds `_thread` (its `_local` class comes from `pylib/_thread.py`).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_thread")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    module::set_attr(vm, &m, "LockType", ObjRef::from_type(&LOCK_TYPE))?;
    module::set_attr(vm, &m, "lock", ObjRef::from_type(&LOCK_TYPE))?;
    module::set_attr(vm, &m, "RLock", ObjRef::from_type(&RLOCK_TYPE))?;
    module::set_attr(
        vm,
        &m,
        "error",
        ObjRef::from_type(&exceptions::RUNTIME_ERROR),
    )?;
    module::set_attr(vm, &m, "TIMEOUT_MAX", float::new_float(vm, TIMEOUT_MAX)?)?;
    let hook_args = crate::objects::structseq::new_type(
        vm,
        "_thread._ExceptHookArgs",
        &["exc_type", "exc_value", "exc_traceback", "thread"],
    )?;
    module::set_attr(vm, &m, "_ExceptHookArgs", hook_args)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use crate::objects::testutil::run_ok;

    #[test]
    fn locks_single_thread() {
        let out = run_ok(
            "import _thread\n\
             l = _thread.allocate_lock()\n\
             print(l.acquire(), l.locked(), l.acquire(False), l.acquire(True, 0.01))\n\
             l.release()\n\
             r = _thread.RLock()\n\
             print(r.acquire(), r.acquire(), r._is_owned())\n\
             r.release(); r.release()\n\
             try:\n    r.release()\nexcept RuntimeError as e:\n    print(e)\n",
        );
        assert_eq!(
            out,
            "True True False False\nTrue True True\ncannot release un-acquired lock\n"
        );
    }

    #[test]
    fn no_deadlock_and_no_threads() {
        let out = run_ok(
            "import _thread\n\
             l = _thread.allocate_lock(); l.acquire()\n\
             try:\n    l.acquire()\nexcept RuntimeError as e:\n    print('deadlock' in str(e))\n\
             try:\n    _thread.start_new_thread(print, ())\nexcept RuntimeError as e:\n    print('threads' in str(e))\n",
        );
        assert_eq!(out, "True\nTrue\n");
    }
}
