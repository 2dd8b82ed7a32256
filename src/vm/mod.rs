//! The virtual machine: interpreter state, frames, the evaluation loop, exceptions.
//!
//! [`Vm`] is the per-interpreter state every slot function receives (`&Vm`): builtins, the
//! small-int table, the recursion budget and the output stream. Protocol helpers that dispatch
//! through type slots (repr, hash, comparison, arithmetic, iteration, calls) live in [`ops`];
//! the evaluation loop in [`eval`]; errors in [`error`].

pub mod argparse;
pub mod args;
pub mod attr;
pub mod call;
pub mod call_fast;
pub mod code_unit;
pub mod dunder;
pub mod error;
pub mod eval;
pub mod eval_async;
pub mod eval_builtins;
pub mod eval_exc;
pub mod eval_match;
pub mod eval_slice;
pub mod fast_ops;
pub mod finalize;
pub mod frame;
pub mod frames;
pub mod import;
pub mod inline_values;
mod intern_cache;
pub mod interp;
mod native_stack;
pub mod number_ops;
pub mod ops;
pub mod specialize;
pub mod stack_shape;
pub mod stdout;
pub mod storage;
pub mod suggestions;
pub mod syntax_display;
pub mod traceback;
pub mod typeready;
pub mod unwind;

pub use error::{PyErr, PyResult};
pub use interp::{Config, Interpreter, RunOutcome};

use crate::object::ObjRef;
use crate::objects::{dict, int, str as pystr};
use std::cell::{Cell, RefCell};
use std::io::Write;

/// CPython's default `sys.getrecursionlimit()`.
pub const DEFAULT_RECURSION_LIMIT: usize = 1000;

/// Native stack kept in reserve at every recursion check: the most any stretch of native code
/// between two checks may use (a debug build's evaluation loop and a slot call or two), plus
/// what raising and unwinding the `RecursionError` needs.
pub const NATIVE_STACK_RESERVE: usize = 256 * 1024;

/// Whether the running thread has less than [`NATIVE_STACK_RESERVE`] of native stack left, so
/// a recursion must stop with `RecursionError` rather than overflow the stack — whatever
/// `sys.setrecursionlimit()` allows. The bounds are the thread's real ones (read once per
/// thread by `stacker`); on a platform where they are unknown only the recursion limit guards.
#[inline]
pub fn native_stack_exhausted() -> bool {
    stacker::remaining_stack().is_some_and(|left| left < NATIVE_STACK_RESERVE)
}

/// Interpreter state shared by every frame and slot.
pub struct Vm {
    /// The `builtins` namespace (a dict).
    pub builtins: ObjRef,
    /// `sys.modules`-like table of loaded modules (a dict); `__main__` is in it.
    pub modules: ObjRef,
    /// Preallocated ints -5..=256 (index `i + 5`), shared as in CPython.
    small_ints: Vec<ObjRef>,
    /// Raised when the heap is exhausted (allocated up front: raising must not allocate).
    pub(crate) memory_error: ObjRef,
    /// Python call depth.
    pub(crate) depth: Cell<usize>,
    /// `sys.getrecursionlimit()`.
    pub(crate) recursion_limit: Cell<usize>,
    /// Where `print` writes.
    out: RefCell<Box<dyn Write>>,
    /// Interned identifier strings used by the loop (names, attribute names).
    /// CPython's interned-string dict: str → the same str.
    pub(crate) interned: ObjRef,
    /// The exception currently being handled (`sys.exc_info()`), set by `PUSH_EXC_INFO`.
    pub(crate) exc_info: crate::object::ObjCell,
    /// While a generator runs with its own `exc_info` (see `objects::generator`): the exception
    /// its callers are handling, which `sys.exc_info()` shows when the generator handles none
    /// (CPython's chain of exception states).
    pub(crate) exc_info_outer: crate::object::ObjCell,
    /// The current `contextvars.Context` (made on first use; see `modules::contextvars`).
    pub(crate) context: crate::object::ObjCell,
    /// `atexit`'s registrations, `(func, args, kwargs)` tuples in order.
    pub(crate) atexit: crate::object::ObjVec,
    /// Classes instances left through `__class__` assignment, each once: kept until teardown,
    /// since Rust code up the stack may still be reading the old class of such an instance.
    pub(crate) retired_classes: crate::object::ObjVec,
    /// Set by `RERAISE` so the unwinder does not add a second traceback entry for the frame.
    pub(crate) reraising: Cell<bool>,
    /// The instruction index the innermost running frame is at (see `frames`).
    pub(crate) cur_pc: Cell<usize>,
    /// The code object, globals, locals mapping and caller's position of each active frame,
    /// outermost first (see `frames`).
    pub(crate) frame_stack: RefCell<frames::ActiveStack>,
    /// The shape of the stack of active frames (`stack_shape`), 0 when not known yet: every
    /// push and pop of the registry resets it.
    pub(crate) cur_shape: Cell<u64>,
    /// The stack shapes interned so far.
    pub(crate) shape_table: RefCell<stack_shape::Shapes>,
    /// Storage of finished function frames, reused by the next calls.
    pub(crate) frame_pool: frame::FramePool,
    /// Stack addresses known to leave the native stack reserve (the call's quick test).
    native_stack: native_stack::StackWindow,
    /// Recently interned texts by address (see `intern_cache`).
    intern_cache: intern_cache::InternCache,
    /// Source text of the files run or imported, for tracebacks.
    sources: RefCell<std::collections::HashMap<String, String>>,
    /// Addresses of containers whose repr is being computed (for `[...]`).
    pub(crate) repr_active: RefCell<Vec<usize>>,
    /// The dicts, MROs and version tags of the static types made ready (see `typeready`).
    pub(crate) static_types: crate::object::typecache::StaticTypeTable,
    /// `(version tag, name)` → class attribute (see `object::typecache`).
    pub(crate) method_cache: crate::object::typecache::MethodCache,
    /// The last version tag handed out.
    type_versions: Cell<u32>,
    /// What `sys`'s setters change (hooks, limits, the finalizing flag).
    pub sys: crate::modules::sys::SysState,
    /// The namespace of `_ast` once imported: `compile()` finds the node classes there even
    /// when `sys.modules` no longer has the module (CPython keeps them in interpreter state).
    pub(crate) ast_namespace: crate::object::ObjCell,
}

/// Counts one level of Python (or native) recursion; released on drop.
pub struct DepthGuard<'a> {
    vm: &'a Vm,
}

impl Drop for DepthGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        self.vm.depth.set(self.vm.depth.get() - 1);
    }
}

/// Smallest preallocated int.
pub const SMALL_INT_MIN: i64 = -5;
/// Largest preallocated int.
pub const SMALL_INT_MAX: i64 = 256;

impl Vm {
    /// Builds the interpreter state: small ints, builtins, module table. Needs an installed heap.
    pub(crate) fn new(out: Box<dyn Write>) -> PyResult<Vm> {
        let mut small_ints = Vec::with_capacity((SMALL_INT_MAX - SMALL_INT_MIN + 1) as usize);
        for i in SMALL_INT_MIN..=SMALL_INT_MAX {
            small_ints.push(int::alloc_small(i).map_err(|_| out_of_memory_at_start())?);
        }
        let memory_error = crate::objects::exceptions::new_exception(
            &crate::objects::exceptions::MEMORY_ERROR,
            Vec::new(),
        )
        .map_err(|_| out_of_memory_at_start())?;
        let builtins = dict::new_dict().map_err(|_| PyErr::new(memory_error.clone()))?;
        let modules = dict::new_dict().map_err(|_| PyErr::new(memory_error.clone()))?;
        let vm = Vm {
            memory_error,
            builtins,
            modules,
            small_ints,
            depth: Cell::new(0),
            recursion_limit: Cell::new(DEFAULT_RECURSION_LIMIT),
            out: RefCell::new(out),
            interned: dict::new_dict().map_err(|_| out_of_memory_at_start())?,
            repr_active: RefCell::new(Vec::new()),
            sources: RefCell::new(std::collections::HashMap::new()),
            cur_pc: Cell::new(0),
            cur_shape: Cell::new(0),
            shape_table: RefCell::new(stack_shape::Shapes::default()),
            frame_stack: RefCell::new(frames::ActiveStack::new_in(crate::object::HeapAlloc)),
            frame_pool: frame::FramePool::default(),
            native_stack: native_stack::StackWindow::default(),
            intern_cache: intern_cache::InternCache::default(),
            static_types: Default::default(),
            method_cache: Default::default(),
            type_versions: Cell::new(0),
            exc_info: crate::object::ObjCell::new(None),
            exc_info_outer: crate::object::ObjCell::new(None),
            context: crate::object::ObjCell::new(None),
            atexit: crate::object::ObjVec::new(),
            retired_classes: crate::object::ObjVec::new(),
            ast_namespace: crate::object::ObjCell::new(None),
            reraising: Cell::new(false),
            sys: crate::modules::sys::SysState::default(),
        };
        crate::modules::builtins::install(&vm)?;
        typeready::ready_builtins(&vm)?;
        Ok(vm)
    }

    /// Enters a Python call: `RecursionError` beyond `sys.getrecursionlimit()`, or when the
    /// thread's native stack is nearly used up (whatever the limit).
    #[inline]
    pub fn enter_call(&self) -> PyResult<DepthGuard<'_>> {
        let d = self.depth.get();
        if d >= self.recursion_limit.get() || self.native_stack.exhausted() {
            return Err(self.new_error(
                &crate::objects::exceptions::RECURSION_ERROR,
                "maximum recursion depth exceeded",
            ));
        }
        self.depth.set(d + 1);
        Ok(DepthGuard { vm: self })
    }

    /// `RecursionError` when the native stack is nearly used up: for recursions that native
    /// code makes without a depth count (an iterator over an iterator over ...).
    #[inline]
    pub fn check_native_stack(&self) -> PyResult<()> {
        if native_stack_exhausted() {
            return Err(self.new_error(
                &crate::objects::exceptions::RECURSION_ERROR,
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// Enters a native recursion (repr of nested containers).
    pub fn enter_native(&self) -> PyResult<DepthGuard<'_>> {
        self.enter_native_for("while getting the repr of an object")
    }

    /// Enters a native recursion; `what` completes "maximum recursion depth exceeded ...".
    pub fn enter_native_for(&self, what: &str) -> PyResult<DepthGuard<'_>> {
        let d = self.depth.get();
        if d >= self.recursion_limit.get() || native_stack_exhausted() {
            return Err(self.new_error(
                &crate::objects::exceptions::RECURSION_ERROR,
                &format!("maximum recursion depth exceeded {what}"),
            ));
        }
        self.depth.set(d + 1);
        Ok(DepthGuard { vm: self })
    }

    /// The shared int object for `v` if it is small.
    #[inline]
    pub fn small_int(&self, v: i64) -> Option<ObjRef> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
            Some(self.small_ints[(v - SMALL_INT_MIN) as usize].clone())
        } else {
            None
        }
    }

    /// An interned str for an identifier (names are looked up often; one object per name).
    #[inline]
    pub fn intern(&self, s: &str) -> PyResult<ObjRef> {
        match self.intern_cache.get(s) {
            Some(r) => Ok(r),
            None => self.intern_uncached(s),
        }
    }

    /// [`Vm::intern`] through the interned table, remembered by the cache.
    fn intern_uncached(&self, s: &str) -> PyResult<ObjRef> {
        let table = dict::table(&self.interned).expect("the interned table is a dict");
        let hash = pystr::hash_text(s.as_bytes());
        if let Some((key, _)) = table.find_text(hash, s) {
            self.intern_cache.put(s, &key);
            return Ok(key);
        }
        let r = pystr::new_str(s).map_err(|e| self.alloc_err(e))?;
        dict::set_item(self, &self.interned, r.clone(), r.clone())?;
        self.intern_cache.put(s, &r);
        Ok(r)
    }

    /// A fresh type version tag (0 once the tags are exhausted: lookups then go uncached).
    pub(crate) fn new_type_version(&self) -> u32 {
        let v = self.type_versions.get();
        if v == u32::MAX {
            return 0;
        }
        self.type_versions.set(v + 1);
        v + 1
    }

    /// Writes text to the program's standard output.
    pub fn write_out(&self, s: &str) -> PyResult<()> {
        self.out
            .borrow_mut()
            .write_all(s.as_bytes())
            .map_err(|e| crate::objects::oserror::from_io_error(self, &e, None))
    }

    /// Writes bytes to the program's standard output (`sys.stdout.buffer`), through the same
    /// buffer as text, so the two keep their order.
    pub fn write_out_bytes(&self, b: &[u8]) -> PyResult<()> {
        self.out
            .borrow_mut()
            .write_all(b)
            .map_err(|e| crate::objects::oserror::from_io_error(self, &e, None))
    }

    /// Writes text to the program's standard error. Standard output is not flushed first:
    /// as in CPython, the two interleave as written only when standard output is a terminal
    /// (line-buffered) or unbuffered.
    pub fn write_err(&self, s: &str) -> PyResult<()> {
        let mut err = std::io::stderr().lock();
        err.write_all(s.as_bytes())
            .map_err(|e| crate::objects::oserror::from_io_error(self, &e, None))
    }

    /// Keeps a source file's text for tracebacks.
    pub fn remember_source(&self, filename: &str, source: &str) {
        self.sources
            .borrow_mut()
            .insert(filename.to_string(), source.to_string());
    }

    /// A line of a source file (1-based), from the remembered text or the file itself.
    pub fn source_line(&self, filename: &str, line: usize) -> Option<String> {
        if let Some(text) = self.sources.borrow().get(filename) {
            return text.lines().nth(line.checked_sub(1)?).map(str::to_string);
        }
        let text = std::fs::read_to_string(filename).ok()?;
        text.lines().nth(line.checked_sub(1)?).map(str::to_string)
    }

    /// Flushes the program's standard output, ignoring a failure (before writing to standard
    /// error, so the two interleave as on a terminal; a failure shows at the next write).
    pub fn flush_out(&self) {
        let _ = self.out.borrow_mut().flush();
    }

    /// Flushes the program's standard output (`sys.stdout.flush()`).
    pub fn try_flush_out(&self) -> std::io::Result<()> {
        self.out.borrow_mut().flush()
    }

    /// CPython's `finalize_modules`, first half: takes every module but `sys` and `builtins` out
    /// of `sys.modules` (binding `None`), and returns weak references to them, `__main__`
    /// first. A collection after this frees the modules nothing else holds with their globals
    /// intact (their objects' finalizers see a whole namespace).
    pub(crate) fn release_modules(&self) -> Vec<ObjRef> {
        let mut weak = Vec::new();
        for (name, m) in dict::items(&self.modules) {
            let n = pystr::as_str(&name).unwrap_or("").to_string();
            if n == "sys" || n == "builtins" {
                continue;
            }
            let wr = crate::objects::weakref::new_ref(
                self,
                &crate::objects::weakref::WEAKREF_TYPE,
                &m,
                None,
            );
            let _ = dict::set_item(self, &self.modules, name, crate::objects::none::none());
            if let Ok(wr) = wr {
                if n == "__main__" {
                    weak.insert(0, wr);
                } else {
                    weak.push(wr);
                }
            }
        }
        weak
    }

    /// Second half: clears the namespaces of the modules still alive, in order.
    pub(crate) fn clear_released_modules(&self, weak: Vec<ObjRef>) {
        for wr in weak {
            let m = wr
                .downcast::<crate::object::weakref::WeakRefPayload>()
                .and_then(|p| p.get());
            if let Some(d) = m.as_ref().and_then(crate::objects::module::module_dict) {
                self.clear_module_dict(&d);
            }
        }
    }

    /// CPython's `_PyModule_ClearDict`: every name but `__builtins__` is bound to `None`, those
    /// starting with one underscore first, so that finalizers and weak-reference callbacks that
    /// run meanwhile find `None` in the module's globals rather than a `NameError` (and
    /// builtins still work).
    fn clear_module_dict(&self, d: &ObjRef) {
        for underscored in [true, false] {
            let keys: Vec<ObjRef> = dict::items(d).into_iter().map(|(k, _)| k).collect();
            for key in keys {
                let Some(k) = pystr::as_str(&key) else {
                    continue;
                };
                let private = k.starts_with('_') && !k.starts_with("__");
                if k == "__builtins__" || private != underscored {
                    continue;
                }
                // The old value may run a finalizer, which may change the dict: set one at a
                // time from a snapshot of the keys.
                let _ = dict::set_item(self, d, key, crate::objects::none::none());
            }
        }
    }

    /// The exception being handled (`sys.exc_info()`, the `__context__` of a new exception, what
    /// a bare `raise` re-raises): the running code's own, else its callers'.
    pub fn handled_exception(&self) -> Option<ObjRef> {
        self.exc_info.get().or_else(|| self.exc_info_outer.get())
    }

    /// Releases everything the state holds, breaking cycles through module namespaces.
    pub(crate) fn teardown(self) {
        self.flush_out();
        drop(self.method_cache.clear());
        drop(self.static_types.take_all());
        drop(self.intern_cache.clear());
        drop(dict::take_all(&self.interned));
        drop(self.exc_info.replace(None));
        drop(self.exc_info_outer.replace(None));
        drop(self.context.replace(None));
        drop(self.atexit.take_all());
        drop(self.retired_classes.take_all());
        drop(self.ast_namespace.replace(None));
        drop(self.sys.take_refs());
        // Clear module namespaces first: functions reference their globals, which reference them.
        for (_, m) in dict::items(&self.modules) {
            if let Some(d) = crate::objects::module::module_dict(&m) {
                drop(dict::take_all(&d));
            }
        }
        drop(dict::take_all(&self.modules));
        drop(dict::take_all(&self.builtins));
        drop(self.small_ints);
        drop(self.memory_error);
    }
}

/// The error for a heap too small to even start the interpreter: the immortal `MemoryError`
/// class's static instance cannot exist, so report it with the class object as the instance.
fn out_of_memory_at_start() -> PyErr {
    PyErr::new(ObjRef::from_type(&crate::objects::exceptions::MEMORY_ERROR))
}
