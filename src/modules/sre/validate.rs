//! Checks code given to `_sre.compile` before the engine runs it: every operation has its
//! operands, every skip points forward and inside its block, group numbers are in range. Code
//! that passes cannot make the engine loop without advancing or read past its end (the engine
//! also reads past-the-end words as FAILURE). Blocks are checked from a work list, not by
//! recursion, so deeply nested code cannot exhaust the stack.

use super::constants::{op, MAXREPEAT};

fn set_ok(code: &[u32], mut pc: usize, end: usize) -> bool {
    while pc < end {
        let o = code[pc];
        pc += 1;
        let need = match o {
            op::FAILURE => return pc == end,
            op::NEGATE => 0,
            op::LITERAL | op::CATEGORY => 1,
            op::RANGE | op::RANGE_UNI_IGNORE => {
                if pc + 2 > end || code[pc] > code[pc + 1] {
                    return false;
                }
                2
            }
            op::CHARSET => 8,
            op::BIGCHARSET => {
                if pc >= end {
                    return false;
                }
                let count = code[pc] as usize;
                let blocks: Vec<u8> = code[pc + 1..(pc + 65).min(end)]
                    .iter()
                    .flat_map(|w| w.to_le_bytes())
                    .collect();
                if blocks.len() < 256 || blocks.iter().any(|&b| b as usize >= count) {
                    return false;
                }
                match count.checked_mul(8).and_then(|n| n.checked_add(65)) {
                    Some(n) => n,
                    None => return false,
                }
            }
            _ => return false,
        };
        pc += need;
    }
    false
}

/// The INFO block whose skip word is at `pc` and which ends at `end`: flags, lengths, a
/// literal prefix with an overlap table that only moves back, or a first-character set.
fn info_ok(code: &[u32], pc: usize, end: usize) -> bool {
    use super::constants::info;
    if pc + 4 > end {
        return false;
    }
    let flags = code[pc + 1];
    if flags & info::PREFIX != 0 {
        if pc + 6 > end {
            return false;
        }
        let len = code[pc + 4] as usize;
        let skip = code[pc + 5] as usize;
        let Some(table_end) = len.checked_mul(2).and_then(|n| n.checked_add(pc + 6)) else {
            return false;
        };
        if skip > len || table_end > end {
            return false;
        }
        let table = &code[pc + 6 + len..table_end];
        return table.iter().enumerate().all(|(j, &v)| v as usize <= j);
    }
    if flags & info::CHARSET != 0 {
        return set_ok(code, pc + 4, end);
    }
    true
}

/// Whether `code` is well-formed for a pattern with `groups` groups.
pub fn validate(code: &[u32], groups: usize) -> bool {
    let mut work = vec![(0usize, code.len())];
    while let Some((start, end)) = work.pop() {
        if !block_ok(code, start, end, groups, &mut work) {
            return false;
        }
    }
    true
}

fn block_ok(
    code: &[u32],
    mut pc: usize,
    end: usize,
    groups: usize,
    work: &mut Vec<(usize, usize)>,
) -> bool {
    let arg = |i: usize| if i < end { Some(code[i]) } else { None };
    // A skip at `i`, measured from `i`, that must land in `(i, end]`.
    let target = |i: usize| -> Option<usize> {
        let s = arg(i)? as usize;
        (s >= 1 && i + s <= end).then_some(i + s)
    };
    while pc < end {
        let o = code[pc];
        pc += 1;
        match o {
            op::FAILURE | op::SUCCESS | op::ANY | op::ANY_ALL | op::MAX_UNTIL | op::MIN_UNTIL => {}
            op::AT
            | op::CATEGORY
            | op::LITERAL
            | op::NOT_LITERAL
            | op::LITERAL_IGNORE
            | op::NOT_LITERAL_IGNORE
            | op::LITERAL_UNI_IGNORE
            | op::NOT_LITERAL_UNI_IGNORE
            | op::LITERAL_LOC_IGNORE
            | op::NOT_LITERAL_LOC_IGNORE => {
                if arg(pc).is_none() {
                    return false;
                }
                pc += 1;
            }
            op::MARK => match arg(pc) {
                Some(g) if (g as usize) / 2 <= groups => pc += 1,
                _ => return false,
            },
            op::GROUPREF
            | op::GROUPREF_IGNORE
            | op::GROUPREF_UNI_IGNORE
            | op::GROUPREF_LOC_IGNORE => match arg(pc) {
                Some(g) if (g as usize) < groups => pc += 1,
                _ => return false,
            },
            op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                let Some(t) = target(pc) else { return false };
                if !set_ok(code, pc + 1, t) {
                    return false;
                }
                pc = t;
            }
            op::INFO => {
                let Some(t) = target(pc) else { return false };
                if !info_ok(code, pc, t) {
                    return false;
                }
                pc = t;
            }
            op::JUMP => {
                let Some(t) = target(pc) else { return false };
                pc = t;
            }
            op::BRANCH => loop {
                match arg(pc) {
                    Some(0) => {
                        pc += 1;
                        break;
                    }
                    Some(_) => {
                        let Some(t) = target(pc) else { return false };
                        // Each alternative ends with a JUMP past the BRANCH.
                        if t < pc + 3 || code[t - 2] != op::JUMP || code[t - 1] == 0 {
                            return false;
                        }
                        work.push((pc + 1, t - 2));
                        pc = t;
                    }
                    None => return false,
                }
            },
            op::REPEAT_ONE
            | op::MIN_REPEAT_ONE
            | op::POSSESSIVE_REPEAT_ONE
            | op::REPEAT
            | op::POSSESSIVE_REPEAT => {
                let Some(t) = target(pc) else { return false };
                let (Some(min), Some(max)) = (arg(pc + 1), arg(pc + 2)) else {
                    return false;
                };
                if min > max || (max == MAXREPEAT && min == MAXREPEAT) || t < pc + 3 {
                    return false;
                }
                work.push((pc + 3, t));
                let follows = arg(t);
                let closed = match o {
                    op::REPEAT => matches!(follows, Some(op::MAX_UNTIL | op::MIN_UNTIL)),
                    op::POSSESSIVE_REPEAT => follows == Some(op::SUCCESS),
                    _ => true,
                };
                if !closed {
                    return false;
                }
                pc = t;
            }
            op::ATOMIC_GROUP => {
                let Some(t) = target(pc) else { return false };
                work.push((pc + 1, t));
                pc = t;
            }
            op::ASSERT | op::ASSERT_NOT => {
                let Some(t) = target(pc) else { return false };
                if arg(pc + 1).is_none() || t < pc + 2 {
                    return false;
                }
                work.push((pc + 2, t));
                pc = t;
            }
            op::GROUPREF_EXISTS => {
                match arg(pc) {
                    Some(g) if (g as usize) < groups => {}
                    _ => return false,
                }
                if target(pc + 1).is_none() {
                    return false;
                }
                // The yes code, its JUMP and the no code follow in this block.
                pc += 2;
            }
            _ => return false,
        }
    }
    true
}
