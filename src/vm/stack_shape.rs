//! Stack shapes: a number for each distinct stack of active frames (which code objects, called
//! from which instructions), so that allocation tracers can remember what they derived from a
//! stack (a traceback, a profile point) per *shape and position*, not per frame instance.
//!
//! A function called a million times from the same place has the same shape each time, so
//! its allocations find their traceback in the tracers' memo (`tools::position_memo`) instead
//! of walking the frames again. Shapes are interned lazily: a frame's entry in the registry
//! (`frames::Active::shape`) is 0 until an allocation asks, and `Vm::cur_shape` (the innermost
//! frame's shape, 0 when unknown) is reset by every push and pop, so the calls themselves pay
//! one store each and nothing more.
//!
//! A shape is `(generation << 32) | id`, interned from (the caller's shape, the code object's
//! address, the caller's instruction index). A code object's address may be reused once it is
//! freed, so the table starts a new generation whenever a code object has been freed since it
//! last interned (`code::code_frees`). That is enough for a remembered shape never to stand for
//! another stack: a registry entry is interned after its frame was pushed, so a new frame of a
//! code object that replaced a freed one always gets a shape of a newer generation, and the
//! frames of a known shape are alive (the registry holds their code objects).

use super::Vm;
use crate::objects::code::code_frees;

/// The shapes of one generation.
#[derive(Default)]
pub(crate) struct Shapes {
    /// (caller's shape, code object address, caller's instruction index) → shape.
    ids: hashbrown::HashMap<(u64, usize, usize), u64>,
    /// Starts at 1 (so that no shape is 0).
    generation: u64,
    /// `code_frees()` when this generation started.
    frees: u64,
}

/// The shape of the current stack of active frames: a number that is the same exactly when
/// the stack holds the same code objects called from the same instructions. 0 while the frame
/// registry itself is growing (`frames::visit` reports no frames then, whatever the stack).
#[inline(always)]
pub fn current(vm: &Vm) -> u64 {
    match vm.cur_shape.get() {
        0 => intern(vm),
        s => s,
    }
}

/// Interns the shape of the current stack, and of every frame on it whose shape is unknown.
#[cold]
#[inline(never)]
fn intern(vm: &Vm) -> u64 {
    let Ok(stack) = vm.frame_stack.try_borrow() else {
        return 0;
    };
    let Ok(mut shapes) = vm.shape_table.try_borrow_mut() else {
        unreachable!("stack shapes: interned while interning")
    };
    let frees = code_frees();
    if shapes.generation == 0 || shapes.frees != frees {
        shapes.ids.clear();
        shapes.generation += 1;
        shapes.frees = frees;
    }
    let generation = shapes.generation;
    // The innermost frame whose shape is of this generation; the frames inside it are
    // interned from there.
    let known = stack
        .iter()
        .rposition(|e| e.shape.get() >> 32 == generation);
    let (mut shape, from) = match known {
        Some(i) => (stack[i].shape.get(), i + 1),
        None => (generation << 32, 0),
    };
    for e in &stack[from..] {
        let next = (generation << 32) | (shapes.ids.len() as u64 + 1);
        shape = *shapes
            .ids
            .entry((shape, e.code.addr(), e.caller_pc))
            .or_insert(next);
        e.shape.set(shape);
    }
    vm.cur_shape.set(shape);
    shape
}
