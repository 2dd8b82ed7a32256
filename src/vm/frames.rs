//! The stack of active Python frames, as seen from outside the evaluation loop: which code
//! objects are running and where, for tracebacks of allocations (`tracemalloc`, heap
//! profiles), `sys._getframe` and `warnings`.
//!
//! Each active frame has one [`Active`] entry in `Vm::frame_stack` — its code object, globals
//! and locals mapping (references owned by the entry) and the instruction index its caller was
//! at when it was called — so a call costs one push and one pop; the innermost frame's
//! position is `Vm::cur_pc`, which the loop updates on every instruction.

use super::frame::Frame;
use super::Vm;
use crate::object::{HeapAlloc, ObjRef};
use crate::objects::code::{code_frees, CodeObject};
use crate::objects::str as pystr;
use allocator_api2::vec::Vec as HVec;

/// What the registry keeps of an active frame.
#[derive(Clone)]
pub(crate) struct Active {
    /// The code object.
    pub code: ObjRef,
    /// The globals dict.
    pub globals: ObjRef,
    /// The locals mapping of a module or class body (or `exec`); `None` for a function frame,
    /// whose namespace is its fast locals.
    pub namespace: Option<ObjRef>,
    /// The instruction index the caller was at when the frame was called.
    pub caller_pc: usize,
    /// The shape of the stack up to this frame, once asked for (0 before; see `stack_shape`).
    pub shape: std::cell::Cell<u64>,
}

/// The registry's entries, outermost first (heap storage, counted like the frames' own).
pub(crate) type ActiveStack = HVec<Active, HeapAlloc>;

/// Registers a frame for as long as it runs.
pub struct ActiveFrame<'a> {
    vm: &'a Vm,
    /// Whether the frame made it onto the stack (its entry could be allocated).
    pushed: bool,
}

impl<'a> ActiveFrame<'a> {
    /// Pushes `frame` as the innermost frame, remembering where the caller was. Always
    /// inlined into the frame's entry, like the pop in `drop`: both run once per call.
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn enter(vm: &'a Vm, frame: &Frame) -> ActiveFrame<'a> {
        let entry = Active {
            code: frame.code.clone(),
            globals: frame.globals.clone(),
            namespace: frame.locals.clone(),
            caller_pc: vm.cur_pc.get(),
            shape: std::cell::Cell::new(0),
        };
        // The borrow is held while the stack grows (its storage may move, and allocation
        // tracers read the stack on that very allocation): `visit` sees the borrow and
        // reports no frames rather than a vector in the middle of growing.
        let mut stack = vm.frame_stack.borrow_mut();
        let pushed = stack.len() < stack.capacity() || stack.try_reserve(1).is_ok();
        if pushed {
            stack.push(entry);
            drop(stack);
            vm.cur_pc.set(0);
            vm.cur_shape.set(0);
        } else {
            drop(stack);
            drop(entry);
        }
        ActiveFrame { vm, pushed }
    }
}

impl Drop for ActiveFrame<'_> {
    // Not forced in debug builds, whose unoptimized inlined copies would make every
    // Python call's native stack frame bigger (deep recursion would run out of stack).
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    fn drop(&mut self) {
        if !self.pushed {
            return;
        }
        let entry = self.vm.frame_stack.borrow_mut().pop();
        self.vm
            .cur_pc
            .set(entry.as_ref().map_or(0, |e| e.caller_pc));
        self.vm.cur_shape.set(0);
        // The references drop after the borrow is released.
        drop(entry);
    }
}

/// Where the stack is: its shape (`stack_shape`: which code objects, called from where) and the
/// innermost frame's instruction index. Two allocations at the same position have the same
/// stack of frames at the same positions, so a tracer may reuse what it derived for the first
/// (its traceback, its profile point) without walking the frames again.
#[inline]
pub fn stack_position(vm: &Vm) -> (u64, usize) {
    (super::stack_shape::current(vm), vm.cur_pc.get())
}

/// A copy of the registry's entries, outermost first (empty while the registry is changing).
fn snapshot(vm: &Vm) -> Vec<Active> {
    vm.frame_stack
        .try_borrow()
        .map_or_else(|_| Vec::new(), |s| s.iter().cloned().collect())
}

/// One Python frame of the current stack.
pub struct FrameInfo {
    /// `co_filename`.
    pub filename: String,
    /// `co_name`.
    pub name: String,
    /// The current source line.
    pub line: u32,
    /// The code object.
    pub code: ObjRef,
}

/// The active frames, innermost first, at most `limit` of them.
pub fn stack(vm: &Vm, limit: usize) -> Vec<FrameInfo> {
    let mut out = Vec::new();
    let mut pc = vm.cur_pc.get();
    for e in snapshot(vm).iter().rev() {
        if out.len() >= limit {
            break;
        }
        if let Some(c) = e.code.downcast::<CodeObject>() {
            out.push(FrameInfo {
                filename: pystr::as_str(&c.filename).unwrap_or("?").to_string(),
                name: pystr::as_str(&c.name).unwrap_or("?").to_string(),
                line: c.line_of(pc).unwrap_or(c.firstlineno),
                code: e.code.clone(),
            });
        }
        pc = e.caller_pc;
    }
    out
}

/// Whether a frame at instruction `pc` has begun running its body: it is past the prologue
/// (`MAKE_CELL`, `COPY_FREE_VARS`, a generator's `RETURN_GENERATOR`) that ends at the first
/// `RESUME`. CPython calls a frame before that point incomplete and leaves it out of
/// tracebacks of allocations: the prologue's cells belong to the caller's line.
fn started(code: &CodeObject, pc: usize) -> bool {
    use crate::compiler::opcode::Opcode;
    for (i, instr) in code.instructions.iter().enumerate().take(pc + 1) {
        match instr.op {
            Opcode::RESUME => return pc >= i,
            Opcode::MAKE_CELL
            | Opcode::COPY_FREE_VARS
            | Opcode::RETURN_GENERATOR
            | Opcode::POP_TOP
            | Opcode::NOP => {}
            _ => return true,
        }
    }
    false
}

/// Calls `f` with the code object and current line of each active frame, innermost first, at
/// most `limit` of them, leaving out frames still in their prologue (see [`started`]).
/// Allocates nothing (allocation tracers call it on every event). While a frame is being
/// entered or left (the registry itself allocating), no frame is visited.
pub fn visit(vm: &Vm, limit: usize, mut f: impl FnMut(&CodeObject, u32)) {
    let Ok(entries) = vm.frame_stack.try_borrow() else {
        return;
    };
    let mut pc = vm.cur_pc.get();
    let mut seen = 0;
    for e in entries.iter().rev() {
        if seen >= limit {
            break;
        }
        if let Some(c) = e.code.downcast::<CodeObject>() {
            if started(c, pc) {
                f(c, c.line_of(pc).unwrap_or(c.firstlineno));
                seen += 1;
            }
        }
        pc = e.caller_pc;
    }
}

/// A frame position: the code object's address ([`ObjRef::addr`]) and the instruction index.
/// An address is reused once its code object is freed, so a [`SiteCache`] forgets every
/// position when any code object has been freed since it last looked ([`code_frees`]).
pub type SiteKey = (usize, u32);

/// Past this many positions a [`SiteCache`] starts again empty.
const SITE_CACHE_LIMIT: usize = 1 << 16;

/// Entries of a [`SiteCache`]'s direct-mapped front (a power of two).
const RECENT_SLOTS: usize = 256;

/// An allocation tracer's cache from frame position to what it derives from the frame's code
/// object and line (an interned traceback frame, a profile's frame string): computed once per
/// position, so the tracer formats and interns nothing per allocation. Frames still in their
/// prologue are cached too (as absent).
///
/// In front of the map is a small direct-mapped table of recent positions (one slot per hash
/// of the position, overwritten on a collision): a stack's positions change little from one
/// allocation to the next, so most frames are found there with two comparisons, without
/// hashing into the map or touching the code object.
pub struct SiteCache<T> {
    map: hashbrown::HashMap<SiteKey, Option<T>>,
    /// `(address, pc, value)`; address 0 marks an empty slot (no object lives there).
    recent: Vec<(usize, u32, Option<T>)>,
    /// [`code_frees`] when the entries were checked last.
    frees: u64,
}

impl<T: Copy> Default for SiteCache<T> {
    fn default() -> Self {
        SiteCache {
            map: hashbrown::HashMap::new(),
            recent: Vec::new(),
            frees: code_frees(),
        }
    }
}

impl<T: Copy> SiteCache<T> {
    /// Forgets every position if a code object was freed since the last call: its address
    /// may now be a new code object's.
    #[inline]
    fn validate(&mut self) {
        let frees = code_frees();
        if frees != self.frees {
            self.map.clear();
            self.recent.clear();
            self.frees = frees;
        }
    }

    /// The slot of the direct-mapped front for a position.
    #[inline]
    fn slot(addr: usize, pc: u32) -> usize {
        let h = (addr >> 4) ^ (pc as usize).wrapping_mul(0x9E37_79B9);
        (h ^ (h >> 8)) & (RECENT_SLOTS - 1)
    }

    /// The value of position `(addr, pc)` if the direct-mapped front has it.
    #[inline]
    fn recent(&self, addr: usize, pc: u32) -> Option<Option<T>> {
        let (a, p, v) = *self.recent.get(Self::slot(addr, pc))?;
        (a == addr && p == pc).then_some(v)
    }

    /// The value of the frame at `pc` in `code` (whose object is at `addr`): `None` in the
    /// prologue (see [`started`]), else `make(code, line)`, made at the first visit of the
    /// position.
    #[inline]
    fn get(
        &mut self,
        addr: usize,
        code: &CodeObject,
        pc: usize,
        make: &mut impl FnMut(&CodeObject, u32) -> T,
    ) -> Option<T> {
        let key = (addr, pc as u32);
        let v = match self.map.get(&key) {
            Some(v) => *v,
            None => {
                let v = started(code, pc)
                    .then(|| make(code, code.line_of(pc).unwrap_or(code.firstlineno)));
                if self.map.len() >= SITE_CACHE_LIMIT {
                    self.map.clear();
                }
                self.map.insert(key, v);
                v
            }
        };
        if self.recent.is_empty() {
            self.recent.resize(RECENT_SLOTS, (0, 0, None));
        }
        self.recent[Self::slot(key.0, key.1)] = (key.0, key.1, v);
        v
    }
}

/// [`visit`] through a [`SiteCache`]: calls `f` with the cached value of each active frame
/// past its prologue, innermost first, at most `limit` of them; `make` makes the value of a
/// position seen for the first time from the code object and the line. Allocates nothing
/// but the cache's entries, and takes no reference: a position the cache knows is looked up
/// by its code object's address alone.
pub fn visit_cached<T: Copy>(
    vm: &Vm,
    limit: usize,
    cache: &mut SiteCache<T>,
    mut make: impl FnMut(&CodeObject, u32) -> T,
    mut f: impl FnMut(T),
) {
    let Ok(entries) = vm.frame_stack.try_borrow() else {
        return;
    };
    cache.validate();
    let mut pc = vm.cur_pc.get();
    let mut seen = 0;
    for e in entries.iter().rev() {
        if seen >= limit {
            break;
        }
        let addr = e.code.addr();
        let v = match cache.recent(addr, pc as u32) {
            Some(v) => v,
            None => match e.code.downcast::<CodeObject>() {
                Some(c) => cache.get(addr, c, pc, &mut make),
                None => None,
            },
        };
        if let Some(v) = v {
            f(v);
            seen += 1;
        }
        pc = e.caller_pc;
    }
}

/// The frame object of the active frame `depth` levels out from the innermost (0), with its
/// `f_back` chain out to the outermost frame, or `None` when the stack is not that deep.
/// `innermost` is the running frame itself when the caller has it (so its locals are exact);
/// the other function frames are suspended in calls, and their objects show no locals.
pub fn frame_object(
    vm: &Vm,
    depth: usize,
    innermost: Option<&Frame>,
) -> crate::vm::PyResult<Option<ObjRef>> {
    use crate::objects::frameobj::{new_frame, set_back, FrameLocals};
    let entries = snapshot(vm);
    let n = entries.len();
    if depth >= n {
        return Ok(None);
    }
    // Positions: the innermost frame is at `cur_pc`; each outer one where its callee left it.
    let mut positions = vec![0usize; n];
    let mut pc = vm.cur_pc.get();
    for i in (0..n).rev() {
        positions[i] = pc;
        pc = entries[i].caller_pc;
    }
    let mut first: Option<ObjRef> = None;
    let mut prev: Option<ObjRef> = None;
    for i in (0..n - depth).rev() {
        let Active {
            code,
            globals,
            namespace,
            ..
        } = &entries[i];
        // A frame without a locals mapping reads its globals as its namespace.
        let ns = namespace.clone().unwrap_or_else(|| globals.clone());
        let is_function = code
            .downcast::<CodeObject>()
            .is_some_and(|c| c.flags & crate::bytecode::flags::OPTIMIZED != 0);
        let locals = match innermost {
            Some(f) if i == n - 1 && is_function => FrameLocals::Fast(&f.fast),
            _ if is_function => FrameLocals::Unknown,
            _ => FrameLocals::Namespace(ns),
        };
        let f = new_frame(vm, code, globals, locals, positions[i])?;
        if let Some(p) = &prev {
            set_back(p, f.clone());
        }
        if first.is_none() {
            first = Some(f.clone());
        }
        prev = Some(f);
    }
    Ok(first)
}

/// The frame object a generator, coroutine or async generator shows as `gi_frame`
/// (`cr_frame`, `ag_frame`). `suspended` is a snapshot of its suspended frame (code, globals,
/// fast locals, position), whose object has no `f_back`; while it runs, it is the active frame
/// running `code`, with its `f_back` chain.
pub fn generator_frame(
    vm: &Vm,
    code: &ObjRef,
    suspended: Option<(ObjRef, Vec<Option<ObjRef>>, usize)>,
) -> crate::vm::PyResult<Option<ObjRef>> {
    if let Some((globals, fast, pc)) = suspended {
        let locals = crate::objects::frameobj::FrameLocals::Fast(&fast);
        let f = crate::objects::frameobj::new_frame(vm, code, &globals, locals, pc)?;
        return Ok(Some(f));
    }
    let depth = snapshot(vm).iter().rev().position(|e| e.code.is(code));
    match depth {
        Some(depth) => frame_object(vm, depth, None),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_positions_are_found_by_address_and_pc() {
        let mut cache: SiteCache<u32> = SiteCache {
            map: hashbrown::HashMap::new(),
            recent: vec![(0, 0, None); RECENT_SLOTS],
            frees: 0,
        };
        for pc in 0..1000 {
            assert!(SiteCache::<u32>::slot(0x7f12_3456_7890, pc) < RECENT_SLOTS);
        }
        let slot = SiteCache::<u32>::slot(0x1000, 7);
        cache.recent[slot] = (0x1000, 7, Some(3));
        assert_eq!(cache.recent(0x1000, 7), Some(Some(3)));
        assert_eq!(cache.recent(0x1000, 8), None);
        assert_eq!(cache.recent(0x2000, 7), None);
        // A position in its prologue is cached as absent, which is not a miss.
        cache.recent[slot] = (0x1000, 7, None);
        assert_eq!(cache.recent(0x1000, 7), Some(None));
        // An empty front (after a code object was freed) finds nothing.
        cache.recent.clear();
        assert_eq!(cache.recent(0x1000, 7), None);
    }
}
