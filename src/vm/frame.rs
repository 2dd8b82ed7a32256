//! Frames: the state of one running code object.
//!
//! The fast locals and the value stack are heap storage (through [`HeapAlloc`]), so a frame's
//! memory is counted by the selected strategy like everything else. A running frame lives on the
//! Rust stack of the evaluation loop; a suspended generator's frame lives inside the generator
//! object (moved in and out of a [`crate::object::TakeCell`]).

use super::{PyResult, Vm};
use crate::object::{HeapAlloc, ObjRef, Traverse, Visitor};
use crate::objects::code::CodeObject;
use allocator_api2::vec::Vec as HVec;
use std::cell::RefCell;

/// One activation of a code object.
pub struct Frame {
    /// The code object being run.
    pub code: ObjRef,
    /// The globals dict.
    pub globals: ObjRef,
    /// The locals dict for module and class bodies (`None` in functions, which use `fast`).
    pub locals: Option<ObjRef>,
    /// Fast locals, then cells, then free variables (CPython's "localsplus").
    pub fast: HVec<Option<ObjRef>, HeapAlloc>,
    /// The value stack. `None` entries are the NULL markers of `PUSH_NULL`/`LOAD_METHOD`.
    pub stack: HVec<Option<ObjRef>, HeapAlloc>,
    /// Index of the next instruction.
    pub pc: usize,
    /// How many `except`/`finally` handlers the frame is inside (`PUSH_EXC_INFO` not yet
    /// undone by `POP_EXCEPT`): a generator that yields with this above zero keeps the
    /// exception it handles as its own.
    pub handlers: u32,
}

/// Fast locals or a value stack.
pub(super) type Slots = HVec<Option<ObjRef>, HeapAlloc>;

/// How many finished frames' storage is kept for reuse (deeper recursion allocates afresh).
const POOL_MAX: usize = 64;

/// The storage (fast locals and value stack) of finished frames, kept empty for the next
/// calls so that a call does not allocate (CPython reuses frame memory the same way from its
/// per-thread data stack). The vectors come from the heap, so the pool is counted in live bytes
/// and released with the VM.
#[derive(Default)]
pub struct FramePool {
    free: RefCell<Vec<(Slots, Slots)>>,
}

impl FramePool {
    /// Empty storage for a new frame: reused if any is pooled.
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn take(&self) -> (Slots, Slots) {
        self.free
            .borrow_mut()
            .pop()
            .unwrap_or_else(|| (HVec::new_in(HeapAlloc), HVec::new_in(HeapAlloc)))
    }

    /// Empty storage for a frame of `nlocals` fast locals and `stacksize` stack slots, with
    /// room for them (and the stack's slack): the fast locals are left empty for the caller to
    /// push (each slot is written once).
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn storage(&self, vm: &Vm, nlocals: usize, stacksize: usize) -> PyResult<(Slots, Slots)> {
        let (fast, stack) = self.take();
        // One test of each capacity on the common path (pooled storage is large enough):
        // both vectors are empty, so a capacity below the need is all that calls for growing.
        if fast.capacity() < nlocals || stack.capacity() < stacksize + STACK_SLACK {
            return self.grow(vm, fast, stack, nlocals, stacksize);
        }
        Ok((fast, stack))
    }

    /// [`FramePool::storage`] for storage too small for the frame: room is reserved for
    /// `nlocals` fast locals and `stacksize` stack slots (and the slack), or on failure the
    /// storage goes back to the pool and the error is `MemoryError`.
    #[cold]
    #[inline(never)]
    fn grow(
        &self,
        vm: &Vm,
        mut fast: Slots,
        mut stack: Slots,
        nlocals: usize,
        stacksize: usize,
    ) -> PyResult<(Slots, Slots)> {
        let need = stacksize + STACK_SLACK;
        if (fast.capacity() < nlocals && fast.try_reserve_exact(nlocals).is_err())
            || (stack.capacity() < need && stack.try_reserve_exact(need).is_err())
        {
            self.put_back(fast, stack);
            return Err(vm.memory_error_err());
        }
        Ok((fast, stack))
    }

    /// Releases the references in storage from [`FramePool::storage`] that never became a
    /// frame, and keeps the storage for reuse.
    pub fn put_back(&self, fast: Slots, stack: Slots) {
        self.keep(fast, stack);
    }

    /// Releases the references in `fast` and `stack` and pools the storage (unless the pool is
    /// full). Releasing references may run Python code (finalizers) that calls functions and
    /// so uses the pool: no borrow is held while they drop.
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn keep(&self, mut fast: Slots, mut stack: Slots) {
        stack.clear();
        fast.clear();
        let mut free = self.free.borrow_mut();
        if free.len() < POOL_MAX {
            free.push((fast, stack));
        }
    }

    /// Releases a finished frame's references and keeps its storage for reuse. Always inlined:
    /// every Python call ends here, and passing the frame by value to a function of its own
    /// copied it.
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn recycle(&self, frame: Frame) {
        let Frame {
            code,
            globals,
            locals,
            mut fast,
            mut stack,
            ..
        } = frame;
        // The locals first, as the frame's references have always been released.
        stack.clear();
        fast.clear();
        drop((code, globals, locals));
        self.keep(fast, stack);
    }

    /// How many frames' storage is pooled.
    pub fn len(&self) -> usize {
        self.free.borrow().len()
    }

    /// Whether nothing is pooled.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Slack beyond the compiler's computed stack depth, so a push never needs to grow the stack.
const STACK_SLACK: usize = 4;

impl Frame {
    /// The two topmost stack entries, borrowed (`None` if either is a NULL marker).
    #[inline(always)]
    pub fn top2(&self) -> Option<(&ObjRef, &ObjRef)> {
        match self.stack.as_slice() {
            [.., Some(a), Some(b)] => Some((a, b)),
            _ => None,
        }
    }

    /// A frame for `code` with the given namespaces.
    pub fn new(vm: &Vm, code: ObjRef, globals: ObjRef, locals: Option<ObjRef>) -> PyResult<Frame> {
        let (nlocals, stacksize) = code
            .downcast::<CodeObject>()
            .map_or((0, 0), |c| (c.nlocalsplus(), c.stacksize as usize));
        Frame::with_sizes(vm, code, globals, locals, nlocals, stacksize)
    }

    /// A frame for `code` (which takes `nlocals` fast locals and `stacksize` stack slots) with
    /// the given namespaces: for callers that have read the sizes already (inlined into the
    /// call path: a call pays no function entry for it).
    #[inline(always)]
    pub fn with_sizes(
        vm: &Vm,
        code: ObjRef,
        globals: ObjRef,
        locals: Option<ObjRef>,
        nlocals: usize,
        stacksize: usize,
    ) -> PyResult<Frame> {
        let (mut fast, stack) = vm.frame_pool.storage(vm, nlocals, stacksize)?;
        fast.resize(nlocals, None);
        Ok(Frame {
            code,
            globals,
            locals,
            fast,
            stack,
            pc: 0,
            handlers: 0,
        })
    }

    /// Pushes a value (or a NULL marker). Always inlined: the evaluation loop pushes in almost
    /// every instruction, and an out-of-line call showed in profiles.
    #[inline(always)]
    pub fn push(&mut self, v: Option<ObjRef>) {
        debug_assert!(
            self.stack.len() < self.stack.capacity(),
            "value stack overflow"
        );
        self.stack.push(v);
    }

    /// Takes every reference out of the frame (fast locals and the stack) so the caller can drop
    /// them: used when a generator is closed or collected.
    pub fn take_refs(&mut self) -> Vec<ObjRef> {
        let mut out: Vec<ObjRef> = self.stack.drain(..).flatten().collect();
        out.extend(self.fast.iter_mut().filter_map(Option::take));
        out.extend(self.locals.take());
        out
    }
}

#[allow(unsafe_code)]
// SAFETY: reports the references a frame owns (its code, globals, locals mapping, fast locals
// and value stack), each once, and does nothing else.
unsafe impl Traverse for Frame {
    fn traverse(&self, visit: &mut Visitor<'_>) {
        visit(&self.code);
        visit(&self.globals);
        if let Some(l) = &self.locals {
            visit(l);
        }
        for r in self.fast.iter().flatten() {
            visit(r);
        }
        for r in self.stack.iter().flatten() {
            visit(r);
        }
    }
}
