//! The compiler: symbol table, code generation, opcodes, disassembly.

pub mod code;
pub mod opcode;
pub mod symtable;
