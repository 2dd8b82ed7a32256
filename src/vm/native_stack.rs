//! A cheap test of the native stack at every Python call.
//!
//! [`super::native_stack_exhausted`] asks `stacker` for the stack left (a thread-local read and
//! a call that reads the stack pointer): correct anywhere, but more than a call should pay.
//! [`StackWindow`] remembers a range of addresses of the stack the thread is running on in
//! which more than [`NATIVE_STACK_RESERVE`] is known to be left: from the lowest address with
//! the reserve above the stack's limit (the *floor*) to the highest stack address seen. A
//! local variable's address inside the window answers at once; outside it (the first call, a
//! return above every address seen, or another stack — `stacker` segments for the parser) the
//! slow test answers and the window follows the stack it found. Addresses between the floor
//! and an address seen belong to one stack (its mapping is contiguous), so an address in the
//! window is on that stack with the reserve left.

use super::NATIVE_STACK_RESERVE;
use std::cell::Cell;

/// The window of stack addresses known to leave the reserve (see the module's documentation).
pub struct StackWindow {
    /// The floor: the stack's limit plus the reserve.
    floor: Cell<usize>,
    /// The highest address seen on that stack (0: no window yet).
    top: Cell<usize>,
}

impl Default for StackWindow {
    fn default() -> Self {
        StackWindow {
            floor: Cell::new(usize::MAX),
            top: Cell::new(0),
        }
    }
}

impl StackWindow {
    /// Whether less than [`NATIVE_STACK_RESERVE`] of native stack is left at the caller.
    #[inline]
    pub fn exhausted(&self) -> bool {
        let probe = 0u8;
        // The address of a local whose address escapes: a stack address of the caller's frame.
        let here = std::hint::black_box(&probe) as *const u8 as usize;
        if here > self.floor.get() && here <= self.top.get() {
            return false;
        }
        self.exhausted_slow(here)
    }

    /// Asks `stacker`, and moves the window to the stack found.
    #[cold]
    #[inline(never)]
    fn exhausted_slow(&self, here: usize) -> bool {
        let Some(left) = stacker::remaining_stack() else {
            return false;
        };
        if left < NATIVE_STACK_RESERVE {
            return true;
        }
        // `left` is measured from `stacker`'s own reading of the stack pointer, a few bytes
        // away from `here`: a page of margin covers the difference.
        let limit = here.saturating_sub(left);
        let floor = limit.saturating_add(NATIVE_STACK_RESERVE + 4096);
        if here <= floor {
            return true;
        }
        if floor == self.floor.get() {
            self.top.set(self.top.get().max(here));
        } else {
            self.floor.set(floor);
            self.top.set(here);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plenty_of_stack_is_not_exhausted_and_the_window_answers_deeper_calls() {
        let w = StackWindow::default();
        assert!(!w.exhausted());
        fn deeper(w: &StackWindow, n: usize) -> bool {
            let pad = std::hint::black_box([0u8; 512]);
            if n == 0 {
                return w.exhausted() || pad[0] != 0;
            }
            deeper(w, n - 1)
        }
        assert!(!deeper(&w, 50));
        assert!(w.top.get() > w.floor.get());
    }

    #[test]
    fn a_nearly_full_stack_is_exhausted() {
        // A thread with a small stack, recursing until the window says stop: it must stop
        // before overflowing.
        let handle = std::thread::Builder::new()
            .stack_size(NATIVE_STACK_RESERVE + 512 * 1024)
            .spawn(|| {
                fn recurse(w: &StackWindow, n: usize) -> usize {
                    let pad = std::hint::black_box([0u8; 1024]);
                    if w.exhausted() {
                        return n + pad[0] as usize;
                    }
                    recurse(w, n + 1)
                }
                recurse(&StackWindow::default(), 0)
            })
            .unwrap();
        let depth = handle.join().unwrap();
        assert!(depth > 10, "stopped after {depth} levels");
    }
}
