//! [`Interpreter`]: one heap, one VM, a program run, and a teardown that frees everything.

use super::frame::Frame;
use super::{PyErr, Vm};
use crate::compiler::{self, Mode};
use crate::object::heap::{self, Heap, HeapGuard};
use crate::object::ObjRef;
use crate::objects::{dict, exceptions, none, str as pystr};
use arenapy_allocators::{AllocStats, AllocatorOptions, StrategyKind};
use std::io::Write;
use std::marker::PhantomData;

/// How to build an interpreter.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// The allocator strategy under every object.
    pub allocator: StrategyKind,
    /// Wrap the strategy in the debug allocator (0xCD/0xDD/0xFD, checks on free).
    pub debug_alloc: bool,
    /// Heap limit in bytes: beyond it allocations fail with `MemoryError`.
    pub limit: Option<usize>,
    /// `--gc-stress N`: run a full collection every N container allocations (0: off; 1:
    /// at every container allocation).
    pub gc_stress: u64,
    /// `--gc-verify`: check the heap's invariants before and after every collection.
    pub gc_verify: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allocator: StrategyKind::Pymalloc,
            debug_alloc: false,
            limit: None,
            gc_stress: 0,
            gc_verify: false,
        }
    }
}

/// How a program run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOutcome {
    /// Ran to the end.
    Completed,
    /// Stopped by an uncaught exception (already printed); exit status 1.
    Exception,
    /// `sys.exit(code)` / `SystemExit`.
    Exit(i32),
    /// The source did not compile (already printed); exit status 1.
    SyntaxError,
}

impl RunOutcome {
    /// The process exit status for this outcome, as python3 gives it.
    pub fn exit_code(&self) -> i32 {
        match self {
            RunOutcome::Completed => 0,
            RunOutcome::Exception | RunOutcome::SyntaxError => 1,
            RunOutcome::Exit(c) => *c,
        }
    }
}

/// An interpreter: its own heap (the selected allocator) and VM state.
///
/// The heap is installed on the creating thread for the interpreter's whole life, so only one
/// interpreter can exist per thread at a time, and it cannot move to another thread.
pub struct Interpreter {
    // Field order matters: the VM's objects must go before the guard, and the guard before the
    // heap. `Drop` does this explicitly through `shutdown`.
    /// Boxed so its address is stable: the heap keeps a pointer to it for finalizers and the
    /// collector (see `heap::register_vm`).
    vm: Option<Box<Vm>>,
    guard: Option<HeapGuard>,
    heap: Box<Heap>,
    _not_send: PhantomData<*mut ()>,
}

impl Interpreter {
    /// A fresh interpreter writing program output to `out`.
    pub fn new(config: Config, out: Box<dyn Write>) -> Result<Interpreter, String> {
        Interpreter::with_recorder(config, out, None)
    }

    /// A fresh interpreter whose heap has the trace `recorder` (if any) installed before its
    /// first allocation, so it sees the whole life of the heap (with
    /// [`shutdown_with_recorder`](Self::shutdown_with_recorder), its teardown too).
    pub fn with_recorder(
        config: Config,
        out: Box<dyn Write>,
        recorder: Option<Box<dyn heap::HeapRecorder>>,
    ) -> Result<Interpreter, String> {
        let options = AllocatorOptions {
            debug: config.debug_alloc,
            limit: config.limit,
        };
        let mut heap = Heap::new(config.allocator, options);
        heap.gc_mut().stress = config.gc_stress;
        heap.gc_mut().verify = config.gc_verify;
        if let Some(r) = recorder {
            heap.set_recorder(r);
        }
        let guard = HeapGuard::install(&mut heap)
            .ok_or_else(|| "an interpreter is already running on this thread".to_string())?;
        let vm = match Vm::new(out) {
            Ok(vm) => Box::new(vm),
            Err(_) => {
                drop(guard);
                return Err("cannot start: the heap limit is too small".to_string());
            }
        };
        crate::object::hooks::install(&super::finalize::RUNTIME_HOOKS);
        heap::register_vm(Some(&vm));
        Ok(Interpreter {
            vm: Some(vm),
            guard: Some(guard),
            heap,
            _not_send: PhantomData,
        })
    }

    /// Flushes `sys.stdout` as CPython's finalization does; a failure is reported as an
    /// unraisable exception (`Exception ignored in: <_io.TextIOWrapper name='<stdout>' ...>`)
    /// and the result is `false` — the process should then exit with status 120.
    pub fn flush_std_streams(&self) -> bool {
        let vm = self.vm();
        let Err(e) = vm.try_flush_out() else {
            return true;
        };
        let err = crate::objects::oserror::from_io_error(vm, &e, None);
        match crate::objects::stream::new_stream(vm, crate::objects::stream::Which::Stdout) {
            Ok(stdout) => super::finalize::write_unraisable(vm, &stdout, &err),
            Err(_) => {
                let _ = vm.write_err(&format!("Exception ignored while flushing stdout: {e}\n"));
            }
        }
        false
    }

    /// The VM state.
    pub fn vm(&self) -> &Vm {
        self.vm.as_ref().expect("interpreter already shut down")
    }

    /// The allocator's statistics now.
    pub fn stats(&self) -> AllocStats {
        self.heap.stats()
    }

    /// The allocator's report (`sys._debugmallocstats()`-like for pymalloc).
    pub fn report(&self) -> String {
        self.heap.report()
    }

    /// Compiles and runs `source` as the `__main__` module, with `argv` as `sys.argv` (the
    /// script's folder goes first on `sys.path`). Errors are printed to `err` as python3 prints
    /// them.
    pub fn run_main(
        &mut self,
        source: &str,
        filename: &str,
        argv: &[String],
        err: &mut dyn Write,
    ) -> RunOutcome {
        self.run_main_as(source, filename, argv, None, err)
    }

    /// [`Interpreter::run_main`] for a program that is the module `main_module` when given
    /// (`-m`): the current folder goes first on `sys.path`, the module's package is imported
    /// first and is its `__package__`, as `runpy` does.
    pub fn run_main_as(
        &mut self,
        source: &str,
        filename: &str,
        argv: &[String],
        main_module: Option<&str>,
        err: &mut dyn Write,
    ) -> RunOutcome {
        let vm = self.vm.as_ref().expect("interpreter already shut down");
        vm.remember_source(filename, source);
        let path0 = if main_module.is_some() {
            std::env::current_dir()
                .map(|d| d.to_string_lossy().to_string())
                .unwrap_or_default()
        } else if filename.starts_with('<') {
            String::new()
        } else {
            // CPython puts the script's directory first, made absolute.
            let dir = std::path::Path::new(filename)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(|p| p.to_path_buf())
                .unwrap_or_else(|| ".".into());
            std::path::absolute(&dir)
                .unwrap_or(dir)
                .to_string_lossy()
                .to_string()
        };
        let unit = match compiler::compile(source, filename, Mode::Exec) {
            Ok(u) => u,
            Err(e) => {
                let _ = err.write_all(e.render().as_bytes());
                return RunOutcome::SyntaxError;
            }
        };
        let result = (|| -> Result<ObjRef, PyErr> {
            crate::modules::sys::configure(vm, argv, &path0)?;
            let package = main_module.and_then(|m| m.rsplit_once('.')).map(|(p, _)| p);
            if let Some(p) = package {
                crate::vm::import::import_dotted(vm, p)?;
            }
            let code = crate::vm::code_unit::new_code(vm, &unit)?;
            let globals = dict::new_dict_vm(vm)?;
            if main_module.is_some() {
                let p = pystr::new_str_vm(vm, package.unwrap_or(""))?;
                dict::set_str(vm, &globals, "__package__", p)?;
            }
            let main =
                crate::objects::module::new_module_with_dict(vm, "__main__", globals.clone())?;
            dict::set_str(vm, &globals, "__builtins__", vm.builtins.clone())?;
            if !filename.starts_with('<') {
                dict::set_str(vm, &globals, "__file__", pystr::new_str_vm(vm, filename)?)?;
            }
            dict::set_str(vm, &vm.modules, "__main__", main)?;
            let mut frame = Frame::new(vm, code, globals.clone(), Some(globals))?;
            match super::eval::run_frame(vm, &mut frame, None)? {
                super::eval::Exit::Return(v) => Ok(v),
                _ => Ok(none::none()),
            }
        })();
        // Standard output is flushed at exit (`flush_std_streams`), after the traceback, as
        // CPython's finalization does.
        match result {
            Ok(_) => RunOutcome::Completed,
            Err(e) if e.matches(&exceptions::SYSTEM_EXIT) => {
                let code = exceptions::system_exit_code(&e.exc);
                if none::is_none(&code) {
                    return RunOutcome::Exit(0);
                }
                if let Some(c) = crate::objects::int::as_i64(&code) {
                    return RunOutcome::Exit(c as i32);
                }
                let text = crate::vm::ops::str_string(vm, &code).unwrap_or_default();
                let _ = err.write_all(format!("{text}\n").as_bytes());
                RunOutcome::Exit(1)
            }
            Err(e) => {
                let text = uncaught_text(vm, &e);
                let _ = err.write_all(text.as_bytes());
                RunOutcome::Exception
            }
        }
    }

    /// Runs `source` as `__main__` with `sys.argv` = `[filename]`.
    pub fn run_source(&mut self, source: &str, filename: &str, err: &mut dyn Write) -> RunOutcome {
        self.run_main(source, filename, &[filename.to_string()], err)
    }

    /// Runs one interactive input (a line or a block typed at the prompt) in `__main__`, as
    /// python3's REPL does: an expression's value is shown through `sys.displayhook` (or, when
    /// `sys` has none, printed with `repr` and kept as `builtins._`); other statements compile in
    /// `Mode::Single`. Errors are printed to `err` and the session goes on.
    pub fn run_interactive(&mut self, source: &str, err: &mut dyn Write) -> RunOutcome {
        let vm = self.vm.as_ref().expect("interpreter already shut down");
        vm.remember_source("<stdin>", source);
        let (unit, is_expr) = match compiler::compile(source, "<stdin>", Mode::Eval) {
            Ok(u) => (u, true),
            // `Mode::Single` echoes expression statements inside blocks through PRINT_EXPR,
            // which needs `sys.displayhook`; without one, blocks run as plain statements.
            Err(_) => match compiler::compile(source, "<stdin>", statement_mode(vm)) {
                Ok(u) => (u, false),
                Err(e) => {
                    vm.flush_out();
                    let _ = err.write_all(e.render().as_bytes());
                    return RunOutcome::SyntaxError;
                }
            },
        };
        let result = (|| -> Result<(), PyErr> {
            let globals = interactive_main(vm)?;
            let code = crate::vm::code_unit::new_code(vm, &unit)?;
            let mut frame = Frame::new(vm, code, globals.clone(), Some(globals))?;
            let value = match super::eval::run_frame(vm, &mut frame, None)? {
                super::eval::Exit::Return(v) => v,
                _ => none::none(),
            };
            if is_expr {
                display_value(vm, value)?;
            }
            Ok(())
        })();
        vm.flush_out();
        match result {
            Ok(()) => RunOutcome::Completed,
            Err(e) if e.matches(&exceptions::SYSTEM_EXIT) => {
                let code = exceptions::system_exit_code(&e.exc);
                if none::is_none(&code) {
                    return RunOutcome::Exit(0);
                }
                match crate::objects::int::as_i64(&code) {
                    Some(c) => RunOutcome::Exit(c as i32),
                    None => {
                        let text = crate::vm::ops::str_string(vm, &code).unwrap_or_default();
                        let _ = err.write_all(format!("{text}\n").as_bytes());
                        RunOutcome::Exit(1)
                    }
                }
            }
            Err(e) => {
                let text = uncaught_text(vm, &e);
                let _ = err.write_all(text.as_bytes());
                RunOutcome::Exception
            }
        }
    }

    /// Cycle-collector runs so far (all generations) and the time they took.
    pub fn gc_totals(&self) -> (u64, std::time::Duration) {
        (
            self.heap.gc().collections_total,
            self.heap.gc().time_collecting,
        )
    }

    /// CPython's uncaught-exception report.
    pub fn format_exception(&self, e: &PyErr) -> String {
        super::traceback::format_exception(self.vm(), &e.exc)
    }

    /// Tears the interpreter down: releases the VM state, breaks remaining reference cycles,
    /// and returns the allocator's statistics afterwards (zero live blocks when nothing leaked).
    pub fn shutdown(mut self) -> AllocStats {
        self.teardown();
        self.heap.stats()
    }

    /// [`shutdown`](Self::shutdown), then takes the heap's recorder out: it has seen every
    /// free of the teardown.
    pub fn shutdown_with_recorder(mut self) -> (AllocStats, Option<Box<dyn heap::HeapRecorder>>) {
        self.teardown();
        (self.heap.stats(), self.heap.take_recorder())
    }

    fn teardown(&mut self) {
        if let Some(vm) = self.vm.take() {
            // Finalization as CPython does it: the `atexit` functions, then collect, take the
            // modules out of `sys.modules`, collect (modules nothing holds go with their
            // namespaces whole), then set the names of the surviving modules to `None`
            // (`__main__` first), and collect again.
            crate::modules::atexit::run_exitfuncs(&vm);
            vm.sys.finalizing.set(true);
            // No Rust code below the interpreter borrows a class any more.
            drop(vm.retired_classes.take_all());
            crate::gc::collect::collect(&vm, 2);
            let released = vm.release_modules();
            crate::gc::collect::collect(&vm, 2);
            vm.clear_released_modules(released);
            crate::gc::collect::collect(&vm, 2);
            vm.flush_out();
            // From here no Python code runs.
            heap::register_vm(None);
            (*vm).teardown();
            // Cycles that reference counting cannot free: clear every tracked container until
            // none is left (the collector issue replaces this with a real final collection).
            loop {
                let objs: Vec<ObjRef> = heap::tracked_objects();
                if objs.is_empty() {
                    break;
                }
                let mut released = Vec::new();
                for o in &objs {
                    released.extend(o.clear_refs());
                }
                drop(released);
                let before = objs.len();
                drop(objs);
                if heap::tracked_snapshot().len() >= before {
                    // Nothing could be cleared (objects with no clear); untrack to stop.
                    for o in heap::tracked_objects() {
                        o.untrack();
                    }
                    break;
                }
            }
            let _ = none::none();
        }
        self.guard.take();
    }
}

/// The globals of `__main__` for interactive input, creating the module (and `sys.argv =
/// ['']`) on first use.
fn interactive_main(vm: &super::Vm) -> Result<ObjRef, PyErr> {
    if let Some(main) = dict::get_str(vm, &vm.modules, "__main__")? {
        if let Some(d) = crate::objects::module::module_dict(&main) {
            return Ok(d);
        }
    }
    crate::modules::sys::configure(vm, &[String::new()], "")?;
    let globals = dict::new_dict_vm(vm)?;
    let main = crate::objects::module::new_module_with_dict(vm, "__main__", globals.clone())?;
    dict::set_str(vm, &globals, "__builtins__", vm.builtins.clone())?;
    dict::set_str(vm, &vm.modules, "__main__", main)?;
    Ok(globals)
}

/// The compile mode for interactive statements: `Single` when `sys.displayhook` exists (so
/// `PRINT_EXPR` can show values), else `Exec`.
fn statement_mode(vm: &super::Vm) -> Mode {
    let has_hook = crate::vm::import::import_dotted(vm, "sys")
        .ok()
        .and_then(|sys| crate::objects::module::module_dict(&sys))
        .and_then(|d| dict::get_str(vm, &d, "displayhook").ok().flatten())
        .is_some();
    if has_hook {
        Mode::Single
    } else {
        Mode::Exec
    }
}

/// Shows an interactive expression's value: `sys.displayhook(value)` if `sys` has one, else
/// python3's default (nothing for None; otherwise `repr` on stdout and `builtins._ = value`).
fn display_value(vm: &super::Vm, value: ObjRef) -> Result<(), PyErr> {
    let sys = crate::vm::import::import_dotted(vm, "sys")?;
    if let Some(d) = crate::objects::module::module_dict(&sys) {
        if let Some(hook) = dict::get_str(vm, &d, "displayhook")? {
            crate::vm::ops::call(vm, &hook, &[value], None)?;
            return Ok(());
        }
    }
    if none::is_none(&value) {
        return Ok(());
    }
    let text = crate::vm::ops::repr_string(vm, &value)?;
    vm.write_out(&format!("{text}\n"))?;
    dict::set_str(vm, &vm.builtins, "_", value)
}

impl Drop for Interpreter {
    fn drop(&mut self) {
        self.teardown();
    }
}

/// What to print for an exception the program did not catch: the traceback, or what
/// `sys.excepthook` makes of it when the program replaced the hook.
fn uncaught_text(vm: &Vm, e: &PyErr) -> String {
    match crate::modules::sys_hooks::report_uncaught(vm, &e.exc) {
        Some(t) => t,
        None => super::traceback::format_exception(vm, &e.exc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objects::{int, list, str as pystr};

    fn interp(kind: StrategyKind, debug: bool) -> Interpreter {
        let config = Config {
            allocator: kind,
            debug_alloc: debug,
            limit: None,
            ..Config::default()
        };
        Interpreter::new(config, Box::new(std::io::sink())).expect("interpreter starts")
    }

    /// Objects built directly (no compiler): a self-referencing list, a dict holding it, a
    /// million-deep nesting of lists, and big ints; teardown must free every block.
    fn exercise(i: &Interpreter) {
        let vm = i.vm();
        let l = list::new_list(vm, Vec::new()).unwrap();
        list::append(vm, &l, l.clone()).unwrap();
        let d = dict::new_dict_vm(vm).unwrap();
        dict::set_item(vm, &d, pystr::new_str_vm(vm, "self").unwrap(), l.clone()).unwrap();
        list::append(vm, &l, d.clone()).unwrap();
        let big = int::new_bigint(vm, &(num_bigint::BigInt::from(1) << 200)).unwrap();
        list::append(vm, &l, big).unwrap();
        let mut nested = list::new_list(vm, Vec::new()).unwrap();
        for _ in 0..100_000 {
            nested = list::new_list(vm, vec![nested]).unwrap();
        }
        drop(nested); // freed through the trashcan, without deep native recursion
    }

    #[test]
    fn teardown_frees_everything_for_every_strategy() {
        for kind in StrategyKind::ALL {
            for debug in [false, true] {
                let i = interp(kind, debug);
                exercise(&i);
                assert!(
                    i.stats().live_blocks > 0,
                    "{kind}: the test allocated nothing"
                );
                let after = i.shutdown();
                assert_eq!(
                    after.live_blocks, 0,
                    "{kind} debug={debug}: blocks leaked: {after:?}"
                );
                assert_eq!(after.live_bytes, 0, "{kind} debug={debug}: bytes leaked");
            }
        }
    }

    #[test]
    fn one_interpreter_per_thread() {
        let a = interp(StrategyKind::System, false);
        let b = Interpreter::new(Config::default(), Box::new(std::io::sink()));
        assert!(b.is_err());
        drop(a);
        let c = Interpreter::new(Config::default(), Box::new(std::io::sink()));
        assert!(c.is_ok());
    }

    #[test]
    fn small_ints_are_shared_and_big_ones_are_not() {
        let i = interp(StrategyKind::Pymalloc, false);
        let vm = i.vm();
        let a = int::new_int(vm, 256).unwrap();
        let b = int::new_int(vm, 256).unwrap();
        assert!(a.is(&b));
        let c = int::new_int(vm, 257).unwrap();
        let d = int::new_int(vm, 257).unwrap();
        assert!(!c.is(&d));
        assert_eq!(int::as_i64(&c), Some(257));
    }

    #[test]
    fn heap_limit_raises_memory_error() {
        let config = Config {
            allocator: StrategyKind::Pymalloc,
            debug_alloc: false,
            limit: Some(256 << 10),
            ..Config::default()
        };
        let i = Interpreter::new(config, Box::new(std::io::sink())).unwrap();
        let vm = i.vm();
        let l = list::new_list(vm, Vec::new()).unwrap();
        let mut failed = None;
        for k in 0..1_000_000 {
            match int::new_int(vm, 1000 + k).and_then(|v| list::append(vm, &l, v)) {
                Ok(()) => {}
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let e = failed.expect("the limit was never reached");
        assert!(e.matches(&exceptions::MEMORY_ERROR));
        drop(e);
        drop(l);
        assert_eq!(i.shutdown().live_blocks, 0);
    }

    #[test]
    fn finished_frames_are_reused_and_the_pool_is_bounded() {
        // The binary runs the interpreter on a thread with a large stack; a test thread's
        // default 2 MiB holds only a few dozen Python calls of an unoptimized build.
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(frames_are_reused)
            .expect("test thread")
            .join()
            .expect("frames_are_reused");
    }

    fn frames_are_reused() {
        let mut i = interp(StrategyKind::Pymalloc, false);
        let define = "def f(n):\n    return n if n < 1 else f(n - 1)\n";
        let program = format!("{define}f(20)\n");
        assert!(matches!(
            i.run_source(&program, "<test>", &mut std::io::sink()),
            RunOutcome::Completed
        ));
        let pooled = i.vm().frame_pool.len();
        assert!(pooled > 0, "no frame storage was kept");
        assert!(pooled <= 64, "the pool grew without bound: {pooled}");
        // A second round of calls takes its storage from the pool instead of the allocator.
        let before = i.stats().allocations;
        let again = format!("{define}for _ in range(50):\n    f(3)\n");
        assert!(matches!(
            i.run_source(&again, "<test>", &mut std::io::sink()),
            RunOutcome::Completed
        ));
        let per_call = (i.stats().allocations - before) as f64 / 200.0;
        assert!(per_call < 1.0, "{per_call} allocations per call");
        assert_eq!(i.shutdown().live_blocks, 0);
    }
}
