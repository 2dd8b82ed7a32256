//! The `_ast` module: the compiler's syntax tree as CPython 3.11's node classes, which
//! `Lib/ast.py` re-exports, and the two conversions `compile()` needs: a parsed tree to node
//! objects (`PyCF_ONLY_AST`, [`to_obj`]) and node objects back to a tree to compile
//! ([`from_obj`]).
//!
//! The classes are ordinary heap classes made when `_ast` is first imported: the base `AST`
//! (its constructor and `__reduce__`) is the Python part `pylib/_ast.py`, and the node classes
//! are made from the table in [`nodes`] by `_make_node_classes`, which that part calls.

mod compile;
pub mod from_obj;
mod from_obj_expr;
pub mod nodes;
pub mod to_obj;
mod to_obj_expr;
mod validate;
mod validate_pattern;

pub use compile::{compile_nodes, is_ast_node, parse_func_type_to_nodes, parse_to_nodes};

use crate::object::ObjRef;
use crate::objects::function::{new_module_builtin, BuiltinDef};
use crate::objects::typetype::TYPE_TYPE;
use crate::objects::{dict, int, module, none, str as pystr, tuple};
use crate::vm::{ops, PyResult, Vm};
use nodes::{parse_fields, Def};

/// `compile()` flag: return the syntax tree instead of a code object.
pub const PYCF_ONLY_AST: i64 = 0x400;
/// `compile()` flag: keep `# type:` comments (accepted; arenapy's parser drops them).
pub const PYCF_TYPE_COMMENTS: i64 = 0x1000;
/// `compile()` flag: allow `await` at the top level.
pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// The namespace of `_ast` (imported the first time), where the converters find the classes.
pub fn namespace(vm: &Vm) -> PyResult<ObjRef> {
    if let Some(ns) = vm.ast_namespace.get() {
        return Ok(ns);
    }
    let m = crate::vm::import::import_dotted(vm, "_ast")?;
    let ns = module::module_dict(&m).ok_or_else(|| vm.type_error("_ast is not a module"))?;
    drop(vm.ast_namespace.replace(Some(ns.clone())));
    Ok(ns)
}

/// The class `name` of `_ast`'s namespace `ns`.
pub fn class(vm: &Vm, ns: &ObjRef, name: &str) -> PyResult<ObjRef> {
    dict::get_str(vm, ns, name)?
        .ok_or_else(|| vm.new_error(&crate::objects::exceptions::SYSTEM_ERROR, name))
}

fn str_tuple(vm: &Vm, names: &[&str]) -> PyResult<ObjRef> {
    let items = names
        .iter()
        .map(|n| pystr::new_str_vm(vm, n))
        .collect::<PyResult<Vec<_>>>()?;
    tuple::new_tuple(vm, items)
}

/// Makes one class `name(base)` with the given namespace entries.
fn make_class(
    vm: &Vm,
    name: &str,
    base: &ObjRef,
    doc: &str,
    fields: Option<&str>,
    attributes: Option<&str>,
) -> PyResult<ObjRef> {
    let ns = dict::new_dict_vm(vm)?;
    dict::set_str(vm, &ns, "__module__", pystr::new_str_vm(vm, "ast")?)?;
    dict::set_str(vm, &ns, "__doc__", pystr::new_str_vm(vm, doc)?)?;
    if let Some(spec) = fields {
        let parsed = parse_fields(spec);
        let names: Vec<&str> = parsed.iter().map(|(_, n)| *n).collect();
        dict::set_str(vm, &ns, "_fields", str_tuple(vm, &names)?)?;
        dict::set_str(vm, &ns, "__match_args__", str_tuple(vm, &names)?)?;
        for (ty, n) in &parsed {
            if ty.opt {
                dict::set_str(vm, &ns, n, none::none())?;
            }
        }
    }
    if let Some(spec) = attributes {
        let parsed = parse_fields(spec);
        let names: Vec<&str> = parsed.iter().map(|(_, n)| *n).collect();
        dict::set_str(vm, &ns, "_attributes", str_tuple(vm, &names)?)?;
        for (ty, n) in &parsed {
            if ty.opt {
                dict::set_str(vm, &ns, n, none::none())?;
            }
        }
    }
    let bases = tuple::new_tuple(vm, vec![base.clone()])?;
    let type_obj = ObjRef::from_type(&TYPE_TYPE);
    ops::call(
        vm,
        &type_obj,
        &[pystr::new_str_vm(vm, name)?, bases, ns],
        None,
    )
}

/// `_make_node_classes(AST)`: every node class of the table, by name.
fn make_node_classes(vm: &Vm, args: &[ObjRef], kw: Option<&ObjRef>) -> PyResult<ObjRef> {
    crate::vm::args::no_kwargs(vm, "_make_node_classes", kw)?;
    let [base] = args else {
        return Err(vm.type_error("_make_node_classes() takes exactly one argument"));
    };
    let out = dict::new_dict_vm(vm)?;
    for def in nodes::DEFS {
        match def {
            Def::Sum {
                name,
                ctors,
                attributes,
            } => {
                let doc = nodes::sum_doc(name, ctors);
                let abstract_cls = make_class(vm, name, base, &doc, Some(""), Some(attributes))?;
                dict::set_str(vm, &out, name, abstract_cls.clone())?;
                for (ctor, fields) in ctors.iter() {
                    let doc = nodes::ctor_doc(ctor, fields);
                    let cls = make_class(vm, ctor, &abstract_cls, &doc, Some(fields), None)?;
                    dict::set_str(vm, &out, ctor, cls)?;
                }
            }
            Def::Product {
                name,
                fields,
                attributes,
            } => {
                let doc = nodes::ctor_doc(name, fields);
                let cls = make_class(vm, name, base, &doc, Some(fields), Some(attributes))?;
                dict::set_str(vm, &out, name, cls)?;
            }
        }
    }
    Ok(out)
}

static MAKE_NODE_CLASSES: BuiltinDef = BuiltinDef {
    name: "_make_node_classes",
    func: make_node_classes,
};

/// Builds `_ast`'s native part (the Python part then defines `AST` and the node classes).
pub fn init(vm: &Vm) -> PyResult<ObjRef> {
    let m = module::new_module(vm, "_ast")?;
    module::set_attr(
        vm,
        &m,
        MAKE_NODE_CLASSES.name,
        new_module_builtin(vm, &MAKE_NODE_CLASSES, m.clone())?,
    )?;
    if let Some(ns) = module::module_dict(&m) {
        drop(vm.ast_namespace.replace(Some(ns)));
    }
    for (name, value) in [
        ("PyCF_ONLY_AST", PYCF_ONLY_AST),
        ("PyCF_TYPE_COMMENTS", PYCF_TYPE_COMMENTS),
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", PYCF_ALLOW_TOP_LEVEL_AWAIT),
    ] {
        module::set_attr(vm, &m, name, int::new_int(vm, value)?)?;
    }
    Ok(m)
}
