//! Building one code object: instructions with symbolic labels, constant/name tables, the
//! line table, exception-handler ranges, and the final assembly (jump resolution, exception
//! table, stack depth).

use super::code::{CodeUnit, Constant, ExceptionEntry, LineEntry};
use super::index::{ConstTable, NameTable};
use super::opcode::{Instr, Opcode};

/// A jump target not yet placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label(pub u32);

/// A source location attached to each instruction: line, column, end line, end column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    /// 1-based line; 0 for the module prologue.
    pub line: u32,
    /// 0-based column.
    pub col: u32,
    /// End line.
    pub end_line: u32,
    /// End column.
    pub end_col: u32,
}

/// An exception handler in force while instructions are emitted.
#[derive(Debug, Clone, Copy)]
pub struct Handler {
    pub(crate) label: Label,
    depth: u32,
    lasti: bool,
}

/// A code object under construction.
#[derive(Debug, Default)]
pub struct UnitBuilder {
    /// Instructions; jump args hold label numbers until [`UnitBuilder::assemble`].
    pub instrs: Vec<Instr>,
    /// Per-instruction location (`None`: no line, e.g. the cell prologue).
    pub locs: Vec<Option<Loc>>,
    pub(crate) handlers_of: Vec<Option<Handler>>,
    pub(crate) labels: Vec<Option<u32>>,
    handler_stack: Vec<Handler>,
    /// `co_consts`.
    pub consts: ConstTable,
    /// `co_names`.
    pub names: NameTable,
    /// `co_varnames`.
    pub varnames: NameTable,
    /// `co_cellvars`.
    pub cellvars: NameTable,
    /// `co_freevars`.
    pub freevars: NameTable,
    /// The location given to instructions emitted now.
    pub loc: Option<Loc>,
}

impl UnitBuilder {
    /// Emits `op arg` at the current location.
    pub fn emit(&mut self, op: Opcode, arg: u32) {
        self.instrs.push(Instr { op, arg });
        self.locs.push(self.loc);
        self.handlers_of.push(self.handler_stack.last().copied());
    }

    /// Emits a jump to `label` (direction fixed at assembly for plain jumps).
    pub fn jump(&mut self, op: Opcode, label: Label) {
        self.emit(op, label.0);
    }

    /// A fresh label.
    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Places `label` at the next instruction.
    pub fn bind(&mut self, label: Label) {
        self.labels[label.0 as usize] = Some(self.instrs.len() as u32);
    }

    /// Index of the next instruction.
    pub fn here(&self) -> u32 {
        self.instrs.len() as u32
    }

    /// Starts protecting the next instructions with a handler at `label`.
    pub fn push_handler(&mut self, label: Label, depth: u32, lasti: bool) {
        self.handler_stack.push(Handler {
            label,
            depth,
            lasti,
        });
    }

    /// Stops the innermost protection.
    pub fn pop_handler(&mut self) {
        self.handler_stack.pop();
    }

    /// The handlers in force, innermost last (to restore after emitting an unwind path).
    pub fn handler_snapshot(&self) -> Vec<Handler> {
        self.handler_stack.clone()
    }

    /// Puts back a [`UnitBuilder::handler_snapshot`].
    pub fn restore_handlers(&mut self, handlers: Vec<Handler>) {
        self.handler_stack = handlers;
    }

    /// Index of `c` in `co_consts`, adding it if new.
    pub fn add_const(&mut self, c: Constant) -> u32 {
        self.consts.add(c)
    }

    /// Index of `name` in `co_names`, adding it if new.
    pub fn add_name(&mut self, name: &str) -> u32 {
        self.names.add(name)
    }

    /// Index of `name` in `co_varnames`, adding it if new.
    pub fn add_varname(&mut self, name: &str) -> u32 {
        self.varnames.add(name)
    }

    /// The fast-locals slot of free variable `name` (cells then frees, after the varnames).
    pub fn free_slot(&self, name: &str) -> Option<u32> {
        let base = self.varnames.len() + self.cellvars.len();
        self.freevars.get(name).map(|i| base as u32 + i)
    }

    /// The fast-locals slot of cell or free variable `name`, the cell first.
    pub fn deref_slot(&self, name: &str) -> Option<u32> {
        let base = self.varnames.len();
        if let Some(i) = self.cellvars.get(name) {
            return Some(base as u32 + i);
        }
        self.freevars
            .get(name)
            .map(|i| (base + self.cellvars.len()) as u32 + i)
    }

    /// Resolves jumps, builds the line and exception tables and computes the stack depth.
    pub fn assemble(mut self, mut shell: CodeUnit) -> CodeUnit {
        super::peephole::optimize(&mut self);
        for (i, ins) in self.instrs.iter_mut().enumerate() {
            if ins.op.is_jump() {
                let target = self.labels[ins.arg as usize].unwrap_or(0);
                ins.arg = target;
                if matches!(ins.op, Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD) {
                    ins.op = if target as usize > i {
                        Opcode::JUMP_FORWARD
                    } else {
                        Opcode::JUMP_BACKWARD
                    };
                }
            }
        }
        let linetable = line_table(&self.locs);
        let mut exceptiontable: Vec<ExceptionEntry> = Vec::new();
        for (i, h) in self.handlers_of.iter().enumerate() {
            let Some(h) = h else { continue };
            let target = self.labels[h.label.0 as usize].unwrap_or(0);
            let i = i as u32;
            if let Some(last) = exceptiontable.last_mut() {
                if last.end == i && last.target == target && last.depth == h.depth {
                    last.end = i + 1;
                    continue;
                }
            }
            exceptiontable.push(ExceptionEntry {
                start: i,
                end: i + 1,
                target,
                depth: h.depth,
                push_lasti: h.lasti,
            });
        }
        shell.stacksize = stack_depth(&self.instrs, &exceptiontable);
        shell.instructions = self.instrs;
        shell.consts = self.consts.into_vec();
        shell.names = self.names.into_vec();
        shell.varnames = self.varnames.into_vec();
        shell.cellvars = self.cellvars.into_vec();
        shell.freevars = self.freevars.into_vec();
        shell.linetable = linetable;
        shell.exceptiontable = exceptiontable;
        shell
    }
}

fn line_table(locs: &[Option<Loc>]) -> Vec<LineEntry> {
    let mut out: Vec<LineEntry> = Vec::new();
    for (i, loc) in locs.iter().enumerate() {
        let Some(loc) = loc else { continue };
        let i = i as u32;
        if let Some(last) = out.last_mut() {
            if last.end == i
                && last.line == loc.line
                && last.col == loc.col
                && last.end_line == loc.end_line
                && last.end_col == loc.end_col
            {
                last.end = i + 1;
                continue;
            }
        }
        out.push(LineEntry {
            start: i,
            end: i + 1,
            line: loc.line,
            col: loc.col,
            end_col: loc.end_col,
            end_line: loc.end_line,
        });
    }
    out
}

/// Net stack effect of `ins`, on the jump path when `jump`.
pub fn stack_effect(ins: Instr, jump: bool) -> i32 {
    use Opcode::*;
    let n = ins.arg as i32;
    match ins.op {
        NOP | RESUME | MAKE_CELL | COPY_FREE_VARS | JUMP_FORWARD | JUMP_BACKWARD | SWAP
        | DELETE_NAME | DELETE_GLOBAL | DELETE_FAST | DELETE_DEREF | LOAD_ATTR | UNARY_NEGATIVE
        | UNARY_POSITIVE | UNARY_NOT | UNARY_INVERT | LIST_TO_TUPLE | GET_ITER | KW_NAMES
        | CHECK_EXC_MATCH | GET_YIELD_FROM_ITER | SETUP_ANNOTATIONS | YIELD_VALUE
        | GET_AWAITABLE | GET_AITER | ASYNC_GEN_WRAP | CHECK_EG_MATCH => 0,
        POP_TOP | STORE_NAME | STORE_GLOBAL | STORE_FAST | STORE_DEREF | DELETE_ATTR
        | BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP | BINARY_SUBSCR | LIST_APPEND | SET_ADD
        | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE | POP_JUMP_IF_FALSE
        | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE | RETURN_VALUE
        | IMPORT_NAME | IMPORT_STAR | POP_EXCEPT | RERAISE | PREP_RERAISE_STAR | PRINT_EXPR => -1,
        COPY | PUSH_NULL | LOAD_CONST | LOAD_NAME | LOAD_GLOBAL | LOAD_FAST | LOAD_CLOSURE
        | LOAD_DEREF | LOAD_CLASSDEREF | LOAD_METHOD | LOAD_BUILD_CLASS | IMPORT_FROM
        | PUSH_EXC_INFO | BEFORE_WITH | WITH_EXCEPT_START | LOAD_ASSERTION_ERROR | GET_LEN
        | MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS | RETURN_GENERATOR | GET_ANEXT
        | BEFORE_ASYNC_WITH => 1,
        STORE_ATTR | DELETE_SUBSCR | MAP_ADD | MATCH_CLASS | END_ASYNC_FOR => -2,
        STORE_SUBSCR => -3,
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_SLICE | BUILD_STRING => 1 - n,
        BUILD_MAP => 1 - 2 * n,
        BUILD_CONST_KEY_MAP => -n,
        UNPACK_SEQUENCE => n - 1,
        UNPACK_EX => (n & 0xff) + (n >> 8),
        FORMAT_VALUE => {
            if n & 4 != 0 {
                -1
            } else {
                0
            }
        }
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
            if jump {
                0
            } else {
                -1
            }
        }
        FOR_ITER => {
            if jump {
                -1
            } else {
                1
            }
        }
        SEND => {
            if jump {
                -1
            } else {
                0
            }
        }
        CALL => -n - 1,
        CALL_FUNCTION_EX => -2 - (n & 1),
        MAKE_FUNCTION => -((n & 0xf).count_ones() as i32),
        RAISE_VARARGS => -n,
    }
}

fn is_terminal(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::RETURN_VALUE
            | Opcode::RAISE_VARARGS
            | Opcode::RERAISE
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
    )
}

/// The deepest the value stack gets, following every path (and every handler entry).
fn stack_depth(instrs: &[Instr], table: &[ExceptionEntry]) -> u32 {
    let n = instrs.len();
    let mut depth_at: Vec<Option<i32>> = vec![None; n + 1];
    let mut work: Vec<(usize, i32)> = vec![(0, 0)];
    // The entry covering each instruction: `assemble` builds the table from one handler per
    // instruction, so the ranges do not overlap. Looked up by index, each step costs the same
    // however long the table is.
    let mut covering: Vec<Option<u32>> = vec![None; n];
    for (k, e) in table.iter().enumerate() {
        for c in covering
            .iter_mut()
            .take(e.end as usize)
            .skip(e.start as usize)
        {
            *c = Some(k as u32);
        }
    }
    let mut max = 0i32;
    while let Some((mut i, mut d)) = work.pop() {
        while i < n {
            match depth_at[i] {
                Some(seen) if seen >= d => break,
                _ => depth_at[i] = Some(d),
            }
            if let Some(k) = covering[i] {
                let e = &table[k as usize];
                let hd = e.depth as i32 + 1 + e.push_lasti as i32;
                work.push((e.target as usize, hd));
                max = max.max(hd);
            }
            let ins = instrs[i];
            if ins.op.is_jump() {
                let jd = d + stack_effect(ins, true);
                max = max.max(jd);
                work.push((ins.arg as usize, jd));
            }
            d += stack_effect(ins, false);
            max = max.max(d);
            if is_terminal(ins.op) {
                break;
            }
            i += 1;
        }
    }
    max.max(0) as u32
}
