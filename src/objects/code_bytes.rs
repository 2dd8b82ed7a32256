//! A code object's instructions and tables in CPython 3.11's byte formats, for `co_code`,
//! `_co_code_adaptive`, `co_exceptiontable`, `co_linetable`, and the offsets `co_lines()` and
//! `co_positions()` report — what `Lib/dis.py` reads.
//!
//! arenapy keeps instructions as a vector with absolute jump targets and no inline caches;
//! CPython's bytecode is two-byte code units: `EXTENDED_ARG` prefixes for arguments past a
//! byte, the opcode (CPython's numbering) and its argument, then the instruction's inline cache
//! entries (`CACHE`, zeros), with jumps relative to the next instruction in the direction the
//! opcode says (`POP_JUMP_FORWARD_IF_FALSE`, `POP_JUMP_BACKWARD_IF_FALSE`, ...). [`Layout`] lays
//! the instructions out that way; every offset seen from Python is in that layout.

use crate::bytecode::{ExceptionEntry, Instr, LineEntry, Opcode};

const EXTENDED_ARG: u8 = 144;

/// CPython's number and inline cache entries of `op` (jumps: their forward form).
fn number(op: Opcode) -> (u8, u32) {
    use Opcode::*;
    match op {
        NOP => (9, 0),
        RESUME => (151, 0),
        POP_TOP => (1, 0),
        COPY => (120, 0),
        SWAP => (99, 0),
        PUSH_NULL => (2, 0),
        LOAD_CONST => (100, 0),
        LOAD_NAME => (101, 0),
        STORE_NAME => (90, 0),
        DELETE_NAME => (91, 0),
        LOAD_GLOBAL => (116, 5),
        STORE_GLOBAL => (97, 0),
        DELETE_GLOBAL => (98, 0),
        LOAD_FAST => (124, 0),
        STORE_FAST => (125, 0),
        DELETE_FAST => (126, 0),
        MAKE_CELL => (135, 0),
        COPY_FREE_VARS => (149, 0),
        LOAD_CLOSURE => (136, 0),
        LOAD_DEREF => (137, 0),
        STORE_DEREF => (138, 0),
        DELETE_DEREF => (139, 0),
        LOAD_ATTR => (106, 4),
        STORE_ATTR => (95, 4),
        DELETE_ATTR => (96, 0),
        LOAD_METHOD => (160, 10),
        UNARY_NEGATIVE => (11, 0),
        UNARY_POSITIVE => (10, 0),
        UNARY_NOT => (12, 0),
        UNARY_INVERT => (15, 0),
        BINARY_OP => (122, 1),
        COMPARE_OP => (107, 2),
        IS_OP => (117, 0),
        CONTAINS_OP => (118, 0),
        BINARY_SUBSCR => (25, 4),
        STORE_SUBSCR => (60, 1),
        DELETE_SUBSCR => (61, 0),
        BUILD_TUPLE => (102, 0),
        BUILD_LIST => (103, 0),
        BUILD_MAP => (105, 0),
        BUILD_CONST_KEY_MAP => (156, 0),
        BUILD_SET => (104, 0),
        BUILD_SLICE => (133, 0),
        BUILD_STRING => (157, 0),
        LIST_APPEND => (145, 0),
        SET_ADD => (146, 0),
        MAP_ADD => (147, 0),
        LIST_EXTEND => (162, 0),
        LIST_TO_TUPLE => (82, 0),
        UNPACK_SEQUENCE => (92, 1),
        FORMAT_VALUE => (155, 0),
        JUMP_FORWARD => (110, 0),
        JUMP_BACKWARD => (140, 0),
        POP_JUMP_IF_FALSE => (114, 0),
        POP_JUMP_IF_TRUE => (115, 0),
        POP_JUMP_IF_NONE => (129, 0),
        POP_JUMP_IF_NOT_NONE => (128, 0),
        JUMP_IF_FALSE_OR_POP => (111, 0),
        JUMP_IF_TRUE_OR_POP => (112, 0),
        GET_ITER => (68, 0),
        FOR_ITER => (93, 0),
        CALL => (171, 4),
        KW_NAMES => (172, 0),
        CALL_FUNCTION_EX => (142, 0),
        MAKE_FUNCTION => (132, 0),
        RETURN_VALUE => (83, 0),
        RAISE_VARARGS => (130, 0),
        LOAD_BUILD_CLASS => (71, 0),
        IMPORT_NAME => (108, 0),
        IMPORT_FROM => (109, 0),
        IMPORT_STAR => (84, 0),
        YIELD_VALUE => (86, 0),
        RETURN_GENERATOR => (75, 0),
        SEND => (123, 0),
        PUSH_EXC_INFO => (35, 0),
        POP_EXCEPT => (89, 0),
        RERAISE => (119, 0),
        CHECK_EXC_MATCH => (36, 0),
        BEFORE_WITH => (53, 0),
        WITH_EXCEPT_START => (49, 0),
        LOAD_ASSERTION_ERROR => (74, 0),
        GET_LEN => (30, 0),
        MATCH_MAPPING => (31, 0),
        MATCH_SEQUENCE => (32, 0),
        MATCH_KEYS => (33, 0),
        MATCH_CLASS => (152, 0),
        UNPACK_EX => (94, 0),
        SET_UPDATE => (163, 0),
        DICT_UPDATE => (165, 0),
        DICT_MERGE => (164, 0),
        SETUP_ANNOTATIONS => (85, 0),
        LOAD_CLASSDEREF => (148, 0),
        GET_YIELD_FROM_ITER => (69, 0),
        GET_AWAITABLE => (131, 0),
        GET_AITER => (50, 0),
        GET_ANEXT => (51, 0),
        BEFORE_ASYNC_WITH => (52, 0),
        END_ASYNC_FOR => (54, 0),
        ASYNC_GEN_WRAP => (87, 0),
        CHECK_EG_MATCH => (37, 0),
        PREP_RERAISE_STAR => (88, 0),
        PRINT_EXPR => (70, 0),
    }
}

/// The backward form of a jump, if it has one.
fn backward(op: Opcode) -> Option<u8> {
    Some(match op {
        Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD => 140,
        Opcode::POP_JUMP_IF_FALSE => 175,
        Opcode::POP_JUMP_IF_TRUE => 176,
        Opcode::POP_JUMP_IF_NONE => 174,
        Opcode::POP_JUMP_IF_NOT_NONE => 173,
        _ => return None,
    })
}

/// `EXTENDED_ARG` prefixes `arg` needs.
fn prefixes(arg: u32) -> u32 {
    match arg {
        0..=0xff => 0,
        0x100..=0xffff => 1,
        0x1_0000..=0xff_ffff => 2,
        _ => 3,
    }
}

/// Instructions laid out in CPython's code units.
pub struct Layout {
    /// The code unit each instruction starts at (its prefixes included), and the total at the
    /// end (one more entry than instructions).
    pub starts: Vec<u32>,
    /// CPython's opcode number and argument of each instruction.
    ops: Vec<(u8, u32)>,
    /// The prefixes of each instruction.
    prefix: Vec<u32>,
}

impl Layout {
    /// Lays out `instrs`, resolving jumps to relative ones (more prefixes make jumps longer,
    /// so sizes are recomputed until they settle; they only grow).
    pub fn new(instrs: &[Instr]) -> Layout {
        let n = instrs.len();
        let mut prefix: Vec<u32> = instrs
            .iter()
            .map(|i| {
                if i.op.is_jump() {
                    0
                } else {
                    prefixes(Self::plain_arg(*i))
                }
            })
            .collect();
        loop {
            let starts = Self::starts(instrs, &prefix);
            let ops: Vec<(u8, u32)> = instrs
                .iter()
                .enumerate()
                .map(|(k, ins)| Self::encode(*ins, k, &starts, &prefix))
                .collect();
            let mut changed = false;
            for k in 0..n {
                let need = prefixes(ops[k].1);
                if need > prefix[k] {
                    prefix[k] = need;
                    changed = true;
                }
            }
            if !changed {
                return Layout {
                    starts,
                    ops,
                    prefix,
                };
            }
        }
    }

    fn plain_arg(ins: Instr) -> u32 {
        match ins.op {
            // CPython's LOAD_GLOBAL keeps "push NULL first" in its low bit; arenapy emits a
            // separate PUSH_NULL.
            Opcode::LOAD_GLOBAL => ins.arg.saturating_mul(2),
            _ => ins.arg,
        }
    }

    fn starts(instrs: &[Instr], prefix: &[u32]) -> Vec<u32> {
        let mut starts = Vec::with_capacity(instrs.len() + 1);
        let mut at = 0u32;
        for (ins, p) in instrs.iter().zip(prefix) {
            starts.push(at);
            at += p + 1 + number(ins.op).1;
        }
        starts.push(at);
        starts
    }

    fn encode(ins: Instr, k: usize, starts: &[u32], prefix: &[u32]) -> (u8, u32) {
        let (num, caches) = number(ins.op);
        if !ins.op.is_jump() {
            return (num, Self::plain_arg(ins));
        }
        let next = starts[k] + prefix[k] + 1 + caches;
        let target = starts
            .get(ins.arg as usize)
            .copied()
            .unwrap_or(starts[starts.len() - 1]);
        if target >= next && ins.op != Opcode::JUMP_BACKWARD {
            (num, target - next)
        } else if target >= next {
            (110, target - next)
        } else {
            (backward(ins.op).unwrap_or(num), next - target)
        }
    }

    /// The byte offset of instruction `k`'s opcode (after its `EXTENDED_ARG` prefixes), as
    /// CPython's `f_lasti`.
    pub fn opcode_offset(&self, k: usize) -> i64 {
        match (self.starts.get(k), self.prefix.get(k)) {
            (Some(s), Some(p)) => 2 * i64::from(s + p),
            _ => 2 * i64::from(self.starts.last().copied().unwrap_or(0)),
        }
    }

    /// Code units of instruction `k` (prefixes, the instruction, its caches).
    pub fn size(&self, k: usize) -> u32 {
        self.starts[k + 1] - self.starts[k]
    }

    /// `co_code`.
    pub fn code(&self) -> Vec<u8> {
        self.code_with(|_| None)
    }

    /// `_co_code_adaptive`: `co_code` with instruction `k`'s opcode number replaced by
    /// `form(k)` where it gives one (a specialized form; same argument and caches).
    pub fn code_with(&self, form: impl Fn(usize) -> Option<u8>) -> Vec<u8> {
        let total = self.starts.last().copied().unwrap_or(0) as usize;
        let mut out = Vec::with_capacity(total * 2);
        for (k, &(num, arg)) in self.ops.iter().enumerate() {
            for shift in (1..=self.prefix[k]).rev() {
                out.push(EXTENDED_ARG);
                out.push((arg >> (8 * shift)) as u8);
            }
            out.push(form(k).unwrap_or(num));
            out.push(arg as u8);
            let caches = self.size(k) - self.prefix[k] - 1;
            out.extend(std::iter::repeat_n(0, caches as usize * 2));
        }
        out
    }

    /// The code unit where instruction index `i` starts (the end for `i` past the last).
    fn unit(&self, i: u32) -> u32 {
        self.starts
            .get(i as usize)
            .copied()
            .unwrap_or(self.starts[self.starts.len() - 1])
    }

    /// `co_exceptiontable`: per entry, start, length and target in code units and
    /// `depth << 1 | lasti`, as big-endian 6-bit varints, the first byte of each entry marked.
    pub fn exception_table(&self, table: &[ExceptionEntry]) -> Vec<u8> {
        let mut out = Vec::new();
        for e in table {
            let start = self.unit(e.start);
            let end = self.unit(e.end);
            if end <= start {
                continue;
            }
            let dl = (e.depth << 1) | u32::from(e.push_lasti);
            for (k, v) in [start, end - start, self.unit(e.target), dl]
                .into_iter()
                .enumerate()
            {
                except_varint(&mut out, v, k == 0);
            }
        }
        out
    }

    /// `co_linetable` in CPython 3.11's location table format: an entry per instruction (more
    /// when it spans more than 8 code units), lines relative to the previous entry's.
    pub fn line_table(&self, locs: &[Option<LineEntry>], firstlineno: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prev_line = i64::from(firstlineno);
        for (k, &loc) in locs.iter().enumerate() {
            let mut units = self.size(k);
            while units > 0 {
                let len = units.min(8);
                location_entry(&mut out, loc, len, &mut prev_line);
                units -= len;
            }
        }
        out
    }
}

fn except_varint(out: &mut Vec<u8>, v: u32, first: bool) {
    let mut mark = if first { 0x80 } else { 0 };
    for shift in [24, 18, 12, 6] {
        if v >= 1 << shift {
            out.push((((v >> shift) & 0x3f) as u8) | 0x40 | mark);
            mark = 0;
        }
    }
    out.push(((v & 0x3f) as u8) | mark);
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 64 {
        out.push(0x40 | (v & 0x3f) as u8);
        v >>= 6;
    }
    out.push(v as u8);
}

fn svarint(out: &mut Vec<u8>, v: i64) {
    let u = if v < 0 {
        (v.unsigned_abs() << 1) | 1
    } else {
        (v as u64) << 1
    };
    varint(out, u);
}

fn location_entry(out: &mut Vec<u8>, loc: Option<LineEntry>, len: u32, prev_line: &mut i64) {
    let head = |code: u8| 0x80 | (code << 3) | ((len - 1) as u8);
    let Some(e) = loc else {
        out.push(head(15));
        return;
    };
    let delta = i64::from(e.line) - *prev_line;
    *prev_line = i64::from(e.line);
    let one_line = e.end_line == e.line && e.end_col >= e.col;
    if one_line && delta == 0 && e.col < 80 && e.end_col - e.col < 16 {
        out.push(head((e.col / 8) as u8));
        out.push((((e.col % 8) << 4) | (e.end_col - e.col)) as u8);
    } else if one_line && (0..3).contains(&delta) && e.col < 128 && e.end_col < 128 {
        out.push(head(10 + delta as u8));
        out.push(e.col as u8);
        out.push(e.end_col as u8);
    } else {
        out.push(head(14));
        svarint(out, delta);
        varint(out, u64::from(e.end_line.saturating_sub(e.line)));
        varint(out, u64::from(e.col) + 1);
        varint(out, u64::from(e.end_col) + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(op: Opcode, arg: u32) -> Instr {
        Instr { op, arg }
    }

    #[test]
    fn caches_and_relative_jumps() {
        // 0 RESUME; 1 LOAD_GLOBAL 0; 2 POP_JUMP_IF_FALSE -> 4; 3 JUMP_BACKWARD -> 1; 4 RETURN
        let code = [
            ins(Opcode::RESUME, 0),
            ins(Opcode::LOAD_GLOBAL, 0),
            ins(Opcode::POP_JUMP_IF_FALSE, 4),
            ins(Opcode::JUMP_BACKWARD, 1),
            ins(Opcode::RETURN_VALUE, 0),
        ];
        let l = Layout::new(&code);
        assert_eq!(l.starts, vec![0, 1, 7, 8, 9, 10]);
        let bytes = l.code();
        assert_eq!(&bytes[2..4], &[116, 0]);
        assert_eq!(&bytes[14..18], &[114, 1, 140, 8]);
    }

    #[test]
    fn extended_args_and_tables() {
        let code = [
            ins(Opcode::LOAD_CONST, 0x1234),
            ins(Opcode::RETURN_VALUE, 0),
        ];
        let l = Layout::new(&code);
        assert_eq!(l.code(), vec![144, 0x12, 100, 0x34, 83, 0]);
        let t = l.exception_table(&[ExceptionEntry {
            start: 0,
            end: 1,
            target: 1,
            depth: 1,
            push_lasti: true,
        }]);
        assert_eq!(t, vec![0x80, 2, 2, 3]);
        let mut out = Vec::new();
        except_varint(&mut out, 100, true);
        assert_eq!(out, vec![0x80 | 0x40 | 1, 36]);
    }
}
