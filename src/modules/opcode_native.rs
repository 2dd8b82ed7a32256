//! The `_opcode` module: `stack_effect(opcode, oparg=None, /, *, jump=None)` with CPython
//! 3.11's opcode numbers and effects, which `Lib/opcode.py` (and through it `Lib/dis.py`)
//! imports.
//!
//! The numbers are CPython's bytecode numbering (`opcode.opmap`), not arenapy's own
//! instruction enum; effects are the net change of the value stack, on the jump path or not.

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::{boolobj, int, module, none};
use crate::vm::{ops, PyResult, Vm};

/// Opcodes at or above this number take an argument (CPython's `HAVE_ARGUMENT`).
const HAVE_ARGUMENT: i64 = 90;

/// The stack effect of CPython 3.11's opcode `op` with argument `arg`: `(no jump, jump)`, or
/// `None` for a number that is no opcode.
fn effect(op: i64, arg: i64) -> Option<(i64, i64)> {
    let same = |e: i64| Some((e, e));
    match op {
        // CACHE, NOP, UNARY_*, GET_ITER, GET_YIELD_FROM_ITER, RETURN_GENERATOR, LIST_TO_TUPLE,
        // SETUP_ANNOTATIONS, YIELD_VALUE, ASYNC_GEN_WRAP, CHECK_EXC_MATCH, CHECK_EG_MATCH,
        // GET_AITER, GET_AWAITABLE
        0 | 9 | 10 | 11 | 12 | 15 | 68 | 69 | 75 | 82 | 85 | 86 | 87 | 36 | 37 | 50 | 131 => {
            same(0)
        }
        // POP_TOP, PRINT_EXPR, RETURN_VALUE, IMPORT_STAR, PREP_RERAISE_STAR, POP_EXCEPT
        1 | 70 | 83 | 84 | 88 | 89 => same(-1),
        // PUSH_NULL, GET_LEN, MATCH_MAPPING, MATCH_SEQUENCE, MATCH_KEYS, PUSH_EXC_INFO,
        // WITH_EXCEPT_START, GET_ANEXT, BEFORE_ASYNC_WITH, BEFORE_WITH, LOAD_BUILD_CLASS,
        // LOAD_ASSERTION_ERROR
        2 | 30 | 31 | 32 | 33 | 35 | 49 | 51 | 52 | 53 | 71 | 74 => same(1),
        25 => same(-1),                        // BINARY_SUBSCR
        54 => same(-2),                        // END_ASYNC_FOR
        60 => same(-3),                        // STORE_SUBSCR
        61 => same(-2),                        // DELETE_SUBSCR
        90 => same(-1),                        // STORE_NAME
        91 => same(0),                         // DELETE_NAME
        92 => same(arg - 1),                   // UNPACK_SEQUENCE
        93 => Some((1, -1)),                   // FOR_ITER
        94 => same((arg & 0xff) + (arg >> 8)), // UNPACK_EX
        95 => same(-2),                        // STORE_ATTR
        96 | 97 => same(-1),                   // DELETE_ATTR, STORE_GLOBAL
        98 | 99 => same(0),                    // DELETE_GLOBAL, SWAP
        100 | 101 => same(1),                  // LOAD_CONST, LOAD_NAME
        102..=104 | 157 => same(1 - arg),      // BUILD_TUPLE, BUILD_LIST, BUILD_SET, BUILD_STRING
        105 => same(1 - 2 * arg),              // BUILD_MAP
        106 => same(0),                        // LOAD_ATTR
        107 | 108 | 117 | 118 => same(-1),     // COMPARE_OP, IMPORT_NAME, IS_OP, CONTAINS_OP
        109 => same(1),                        // IMPORT_FROM
        110 | 134 | 140 => same(0), // JUMP_FORWARD, JUMP_BACKWARD_NO_INTERRUPT, JUMP_BACKWARD
        111 | 112 => Some((-1, 0)), // JUMP_IF_FALSE_OR_POP, JUMP_IF_TRUE_OR_POP
        // POP_JUMP_{FORWARD,BACKWARD}_IF_{FALSE,TRUE,NONE,NOT_NONE}
        114 | 115 | 128 | 129 | 173..=176 => same(-1),
        116 => same(1 + (arg & 1)),                       // LOAD_GLOBAL
        119 => same(-1),                                  // RERAISE
        120 => same(1),                                   // COPY
        122 => same(-1),                                  // BINARY_OP
        123 => Some((0, -1)),                             // SEND
        124 => same(1),                                   // LOAD_FAST
        125 => same(-1),                                  // STORE_FAST
        126 => same(0),                                   // DELETE_FAST
        130 => same(-arg),                                // RAISE_VARARGS
        132 => same(-((arg & 0xf).count_ones() as i64)),  // MAKE_FUNCTION
        133 => same(if arg == 3 { -2 } else { -1 }),      // BUILD_SLICE
        135 => same(0),                                   // MAKE_CELL
        136 | 137 | 148 => same(1), // LOAD_CLOSURE, LOAD_DEREF, LOAD_CLASSDEREF
        138 => same(-1),            // STORE_DEREF
        139 => same(0),             // DELETE_DEREF
        142 => same(-2 - (arg & 1)), // CALL_FUNCTION_EX
        144 => same(0),             // EXTENDED_ARG
        145 | 146 => same(-1),      // LIST_APPEND, SET_ADD
        147 => same(-2),            // MAP_ADD
        149 | 151 => same(0),       // COPY_FREE_VARS, RESUME
        152 => same(-2),            // MATCH_CLASS
        155 => same(if arg & 0x4 != 0 { -1 } else { 0 }), // FORMAT_VALUE
        156 => same(-arg),          // BUILD_CONST_KEY_MAP
        160 => same(1),             // LOAD_METHOD
        162..=165 => same(-1),      // LIST_EXTEND, SET_UPDATE, DICT_MERGE, DICT_UPDATE
        166 => same(-arg),          // PRECALL
        171 => same(-1),            // CALL (PRECALL pops the arguments)
        172 => same(0),             // KW_NAMES
        _ => None,
    }
}

fn int_arg(vm: &Vm, v: &ObjRef) -> PyResult<i64> {
    match ops::index(vm, v)? {
        Some(i) => int::as_i64(&i).ok_or_else(|| {
            vm.new_error(
                &crate::objects::exceptions::OVERFLOW_ERROR,
                "Python int too large to convert to C int",
            )
        }),
        None => Err(vm.type_error(&format!(
            "'{}' object cannot be interpreted as an integer",
            v.ob_type().name()
        ))),
    }
}

fn stack_effect(vm: &Vm, args: &[ObjRef], kwnames: Option<&ObjRef>) -> PyResult<ObjRef> {
    let (pos, kw) = crate::vm::args::split_args(args, kwnames);
    let mut jump = None;
    for (k, v) in kw {
        if k == "jump" {
            jump = Some(v.clone());
        } else {
            return Err(vm.type_error(&format!(
                "stack_effect() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    let (opcode, oparg) = match pos {
        [op] => (op, None),
        [op, arg] => (op, Some(arg)),
        [] => {
            return Err(vm.type_error("stack_effect() missing required argument 'opcode' (pos 1)"))
        }
        _ => {
            return Err(vm.type_error(&format!(
                "stack_effect expected at most 2 arguments, got {}",
                pos.len()
            )))
        }
    };
    let op = int_arg(vm, opcode)?;
    let oparg = oparg.filter(|a| !none::is_none(a));
    let arg = if op >= HAVE_ARGUMENT {
        match oparg {
            Some(a) => int_arg(vm, a)?,
            None => {
                return Err(vm.value_error(
                    "stack_effect: opcode requires oparg but oparg was not specified",
                ))
            }
        }
    } else {
        if oparg.is_some() {
            return Err(vm.value_error(
                "stack_effect: opcode does not permit oparg but oparg was specified",
            ));
        }
        0
    };
    let jump = match jump.filter(|j| !none::is_none(j)) {
        None => None,
        Some(j) => match boolobj::as_bool(&j) {
            Some(b) if j.is_instance(&boolobj::BOOL_TYPE) => Some(b),
            _ => return Err(vm.value_error("stack_effect: jump must be False, True or None")),
        },
    };
    let Some((plain, jumped)) = effect(op, arg) else {
        return Err(vm.value_error("invalid opcode or oparg"));
    };
    let e = match jump {
        Some(true) => jumped,
        Some(false) => plain,
        None => plain.max(jumped),
    };
    int::new_int(vm, e)
}

static FUNCTIONS: [BuiltinDef; 1] = [BuiltinDef {
    name: "stack_effect",
    func: stack_effect,
}];

/// Builds `_opcode`.
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_opcode")?;
    for def in FUNCTIONS.iter() {
        module::set_attr(vm, &m, def.name, new_module_builtin(vm, def, m.clone())?)?;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::effect;

    #[test]
    fn effects_match_cpython() {
        assert_eq!(effect(93, 0), Some((1, -1)));
        assert_eq!(effect(116, 1), Some((2, 2)));
        assert_eq!(effect(171, 3), Some((-1, -1)));
        assert_eq!(effect(3, 0), None);
    }
}
