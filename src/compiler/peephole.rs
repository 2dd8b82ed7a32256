//! Peephole clean-up of a code object's instructions before assembly (a subset of CPython
//! 3.11's `optimize_cfg`), so listings match CPython's:
//!
//! 1. `LOAD_CONST a; ...; LOAD_CONST z; BUILD_TUPLE n` becomes one `LOAD_CONST (a, ..., z)`
//!    (`fold_tuple_on_constants`);
//! 2. `LOAD_CONST None; IS_OP k; POP_JUMP_IF_FALSE/TRUE` becomes `POP_JUMP_IF_NONE` or
//!    `POP_JUMP_IF_NOT_NONE`;
//! 3. `SWAP 2; SWAP 2` cancels, and a `SWAP n` followed by `STORE_FAST`/`POP_TOP`s on one
//!    line is applied by reordering those instructions instead (`apply_static_swaps`);
//! 4. instructions no path reaches (after a `return`, `raise` or jump, and not a jump or
//!    handler target) are dropped (`eliminate_empty_basic_blocks`, `mark_reachable`);
//! 5. a `JUMP_FORWARD` to the very next instruction is dropped (`remove_redundant_jumps`);
//! 6. a `NOP` is dropped when a neighbour in its block carries the same line, or it has
//!    none (`remove_redundant_nops`): the `NOP`s kept are the ones that give a line its
//!    event.
//!
//! Rewrites never cross a label: an instruction some jump or handler targets starts a new
//! basic block. Removed instructions are marked first, then squeezed out in one pass that
//! moves each label to the next surviving instruction.

use super::code::Constant;
use super::opcode::Opcode;
use super::unit::UnitBuilder;

/// Runs the passes on `b` (labels still symbolic).
pub(crate) fn optimize(b: &mut UnitBuilder) {
    let n = b.instrs.len();
    let mut removed = vec![false; n];
    let mut starts = vec![false; n + 1];
    for p in b.labels.iter().flatten() {
        starts[*p as usize] = true;
    }
    fold_tuples(b, &mut removed, &starts);
    none_jumps(b, &mut removed, &starts);
    swaps(b, &mut removed, &starts);
    unreachable(b, &mut removed);
    redundant_jumps(b, &mut removed);
    redundant_nops(b, &mut removed, &starts);
    compact(b, &removed);
}

/// The index of the next live instruction after `i` in the same basic block.
fn next_live(removed: &[bool], starts: &[bool], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < removed.len() {
        if starts[j] {
            return None;
        }
        if !removed[j] {
            return Some(j);
        }
        j += 1;
    }
    None
}

fn fold_tuples(b: &mut UnitBuilder, removed: &mut [bool], starts: &[bool]) {
    for i in 0..b.instrs.len() {
        let ins = b.instrs[i];
        if ins.op != Opcode::BUILD_TUPLE || ins.arg == 0 || ins.arg as usize > i {
            continue;
        }
        let first = i - ins.arg as usize;
        let all_consts = (first..i).all(|k| b.instrs[k].op == Opcode::LOAD_CONST && !removed[k])
            && (first + 1..=i).all(|k| !starts[k]);
        if !all_consts {
            continue;
        }
        let items: Vec<Constant> = (first..i)
            .map(|k| b.consts[b.instrs[k].arg as usize].clone())
            .collect();
        let c = b.add_const(Constant::Tuple(items));
        for r in removed.iter_mut().take(i).skip(first) {
            *r = true;
        }
        b.instrs[i].op = Opcode::LOAD_CONST;
        b.instrs[i].arg = c;
    }
}

fn none_jumps(b: &mut UnitBuilder, removed: &mut [bool], starts: &[bool]) {
    for i in 0..b.instrs.len() {
        if removed[i] || b.instrs[i].op != Opcode::LOAD_CONST {
            continue;
        }
        if !matches!(b.consts[b.instrs[i].arg as usize], Constant::None) {
            continue;
        }
        let Some(j) = next_live(removed, starts, i) else {
            continue;
        };
        let Some(k) = next_live(removed, starts, j) else {
            continue;
        };
        if b.instrs[j].op != Opcode::IS_OP {
            continue;
        }
        let jump_if_true = match b.instrs[k].op {
            Opcode::POP_JUMP_IF_TRUE => true,
            Opcode::POP_JUMP_IF_FALSE => false,
            _ => continue,
        };
        let is_not = b.instrs[j].arg == 1;
        // Jumps when `x is None` holds: `is` + jump-if-true, or `is not` + jump-if-false.
        b.instrs[k].op = if jump_if_true != is_not {
            Opcode::POP_JUMP_IF_NONE
        } else {
            Opcode::POP_JUMP_IF_NOT_NONE
        };
        removed[i] = true;
        removed[j] = true;
    }
}

fn swappable(op: Opcode) -> bool {
    matches!(op, Opcode::STORE_FAST | Opcode::POP_TOP)
}

fn swaps(b: &mut UnitBuilder, removed: &mut [bool], starts: &[bool]) {
    // `SWAP 2; SWAP 2` does nothing.
    for i in 0..b.instrs.len() {
        if removed[i] || b.instrs[i].op != Opcode::SWAP || b.instrs[i].arg != 2 {
            continue;
        }
        if let Some(j) = next_live(removed, starts, i) {
            if b.instrs[j].op == Opcode::SWAP && b.instrs[j].arg == 2 {
                removed[i] = true;
                removed[j] = true;
            }
        }
    }
    // Static swaps, right to left.
    for i in (0..b.instrs.len()).rev() {
        if removed[i] || b.instrs[i].op != Opcode::SWAP {
            continue;
        }
        let Some(j) = next_live(removed, starts, i).filter(|&j| swappable(b.instrs[j].op)) else {
            continue;
        };
        let line = b.locs[j].map(|l| l.line);
        let mut k = j;
        let mut ok = true;
        for _ in 1..b.instrs[i].arg {
            match next_live(removed, starts, k) {
                Some(n) if swappable(b.instrs[n].op) && b.locs[n].map(|l| l.line) == line => k = n,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let store = |x: usize| (b.instrs[x].op == Opcode::STORE_FAST).then_some(b.instrs[x].arg);
        let (sj, sk) = (store(j), store(k));
        if sj.is_some() || sk.is_some() {
            if sj == sk {
                continue;
            }
            let clash = (j + 1..k)
                .any(|x| !removed[x] && store(x).is_some_and(|s| Some(s) == sj || Some(s) == sk));
            if clash {
                continue;
            }
        }
        removed[i] = true;
        b.instrs.swap(j, k);
        b.locs.swap(j, k);
    }
}

fn unreachable(b: &UnitBuilder, removed: &mut [bool]) {
    let n = b.instrs.len();
    let mut seen = vec![false; n];
    let mut work = vec![0usize];
    let target = |label: u32| b.labels[label as usize].map(|p| p as usize);
    while let Some(mut i) = work.pop() {
        while i < n && !seen[i] {
            seen[i] = true;
            if let Some(h) = b.handlers_of[i] {
                if let Some(t) = target(h.label.0) {
                    work.push(t);
                }
            }
            if removed[i] {
                i += 1;
                continue;
            }
            let ins = b.instrs[i];
            if ins.op.is_jump() {
                if let Some(t) = target(ins.arg) {
                    work.push(t);
                }
            }
            if matches!(
                ins.op,
                Opcode::RETURN_VALUE
                    | Opcode::RAISE_VARARGS
                    | Opcode::RERAISE
                    | Opcode::JUMP_FORWARD
                    | Opcode::JUMP_BACKWARD
            ) {
                break;
            }
            i += 1;
        }
    }
    for (r, s) in removed.iter_mut().zip(seen) {
        if !s {
            *r = true;
        }
    }
}

fn redundant_jumps(b: &UnitBuilder, removed: &mut [bool]) {
    let n = b.instrs.len();
    let live_from = |removed: &[bool], mut i: usize| {
        while i < n && removed[i] {
            i += 1;
        }
        i
    };
    for i in 0..n {
        if removed[i] || b.instrs[i].op != Opcode::JUMP_FORWARD {
            continue;
        }
        let Some(t) = b.labels[b.instrs[i].arg as usize] else {
            continue;
        };
        if live_from(removed, t as usize) == live_from(removed, i + 1) {
            removed[i] = true;
        }
    }
}

fn redundant_nops(b: &mut UnitBuilder, removed: &mut [bool], starts: &[bool]) {
    let mut prev_line: Option<u32> = None;
    for i in 0..b.instrs.len() {
        if starts[i] {
            prev_line = None;
        }
        if removed[i] {
            continue;
        }
        let line = b.locs[i].map(|l| l.line);
        if b.instrs[i].op == Opcode::NOP {
            let next = next_live(removed, starts, i);
            let next_line = next.map(|j| b.locs[j].map(|l| l.line));
            if line.is_none() || prev_line == line {
                removed[i] = true;
                continue;
            }
            if let Some(next_line) = next_line {
                if next_line.is_none() || next_line == line {
                    if let Some(j) = next.filter(|_| next_line.is_none()) {
                        b.locs[j] = b.locs[i];
                    }
                    removed[i] = true;
                    continue;
                }
            }
        }
        prev_line = line;
    }
}

/// Drops the removed instructions, moving labels to the next survivor.
fn compact(b: &mut UnitBuilder, removed: &[bool]) {
    if !removed.iter().any(|r| *r) {
        return;
    }
    let n = b.instrs.len();
    let mut new_index = vec![0u32; n + 1];
    let mut next = 0u32;
    for i in 0..n {
        new_index[i] = next;
        if !removed[i] {
            next += 1;
        }
    }
    new_index[n] = next;
    for l in b.labels.iter_mut().flatten() {
        *l = new_index[*l as usize];
    }
    keep(&mut b.instrs, removed);
    keep(&mut b.locs, removed);
    keep(&mut b.handlers_of, removed);
}

fn keep<T>(v: &mut Vec<T>, removed: &[bool]) {
    let mut i = 0;
    v.retain(|_| {
        let k = !removed[i];
        i += 1;
        k
    });
}
