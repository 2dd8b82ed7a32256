//! Frames: the state of one running code object.

use crate::object::ObjRef;
use crate::objects::code::CodeObject;

/// One activation of a code object.
pub struct Frame {
    /// The code object being run.
    pub code: ObjRef,
    /// The globals dict.
    pub globals: ObjRef,
    /// The locals dict for module and class bodies (`None` in functions, which use `fast`).
    pub locals: Option<ObjRef>,
    /// Fast locals, then cells, then free variables (CPython's "localsplus").
    pub fast: Vec<Option<ObjRef>>,
    /// The value stack. `None` entries are the NULL markers of `PUSH_NULL`/`LOAD_METHOD`.
    pub stack: Vec<Option<ObjRef>>,
    /// Index of the next instruction.
    pub pc: usize,
}

impl Frame {
    /// A frame for `code` with the given namespaces.
    pub fn new(code: ObjRef, globals: ObjRef, locals: Option<ObjRef>) -> Frame {
        let (nlocals, stacksize) = code
            .downcast::<CodeObject>()
            .map_or((0, 0), |c| (c.nlocalsplus(), c.stacksize as usize));
        Frame {
            code,
            globals,
            locals,
            fast: vec![None; nlocals],
            stack: Vec::with_capacity(stacksize),
            pc: 0,
        }
    }
}
