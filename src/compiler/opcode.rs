//! The instruction set, as the compiler sees it: the opcodes and [`Instr`] live in the leaf
//! module [`crate::bytecode::opcode`] (code objects and generators read instructions too, and
//! must not depend on the compiler), the operator kinds in [`crate::object::operators`].

pub use crate::bytecode::opcode::{Instr, Opcode};
pub use crate::object::operators::{BinaryOp, CompareOp, INPLACE_OFFSET};
