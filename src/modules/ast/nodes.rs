//! The node classes of `_ast`, as data: CPython 3.11's abstract syntax description
//! (`Parser/Python.asdl`), one entry per type, from which `_ast` builds its classes (their
//! `_fields`, `_attributes`, `__match_args__`, docstrings and class-level `None` defaults) and
//! the converters read field types.

/// A field's or attribute's type and arity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldType<'a> {
    /// The ASDL type: `expr`, `identifier`, `int`, `constant`, `string`, ...
    pub ty: &'a str,
    /// `ty*`: a list.
    pub seq: bool,
    /// `ty?`: may be `None`.
    pub opt: bool,
}

/// One ASDL type: a sum of constructors, or a product with fields.
pub enum Def {
    /// `name = A(fields) | B | ...`, with the position attributes every alternative has.
    Sum {
        /// The abstract class.
        name: &'static str,
        /// `(constructor, fields)` in ASDL order; fields as `"type name, type* name"`.
        ctors: &'static [(&'static str, &'static str)],
        /// The attributes, written like fields.
        attributes: &'static str,
    },
    /// `name(fields)`.
    Product {
        /// The class.
        name: &'static str,
        /// The fields.
        fields: &'static str,
        /// The attributes.
        attributes: &'static str,
    },
}

const POSITIONS: &str = "int lineno, int col_offset, int? end_lineno, int? end_col_offset";
const PATTERN_POSITIONS: &str = "int lineno, int col_offset, int end_lineno, int end_col_offset";

/// The whole description, in ASDL order (the order CPython creates the classes in).
pub static DEFS: &[Def] = &[
    Def::Sum {
        name: "mod",
        ctors: &[
            ("Module", "stmt* body, type_ignore* type_ignores"),
            ("Interactive", "stmt* body"),
            ("Expression", "expr body"),
            ("FunctionType", "expr* argtypes, expr returns"),
        ],
        attributes: "",
    },
    Def::Sum {
        name: "stmt",
        ctors: &[
            ("FunctionDef", "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment"),
            ("AsyncFunctionDef", "identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment"),
            ("ClassDef", "identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list"),
            ("Return", "expr? value"),
            ("Delete", "expr* targets"),
            ("Assign", "expr* targets, expr value, string? type_comment"),
            ("AugAssign", "expr target, operator op, expr value"),
            ("AnnAssign", "expr target, expr annotation, expr? value, int simple"),
            ("For", "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment"),
            ("AsyncFor", "expr target, expr iter, stmt* body, stmt* orelse, string? type_comment"),
            ("While", "expr test, stmt* body, stmt* orelse"),
            ("If", "expr test, stmt* body, stmt* orelse"),
            ("With", "withitem* items, stmt* body, string? type_comment"),
            ("AsyncWith", "withitem* items, stmt* body, string? type_comment"),
            ("Match", "expr subject, match_case* cases"),
            ("Raise", "expr? exc, expr? cause"),
            ("Try", "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody"),
            ("TryStar", "stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody"),
            ("Assert", "expr test, expr? msg"),
            ("Import", "alias* names"),
            ("ImportFrom", "identifier? module, alias* names, int? level"),
            ("Global", "identifier* names"),
            ("Nonlocal", "identifier* names"),
            ("Expr", "expr value"),
            ("Pass", ""),
            ("Break", ""),
            ("Continue", ""),
        ],
        attributes: POSITIONS,
    },
    Def::Sum {
        name: "expr",
        ctors: &[
            ("BoolOp", "boolop op, expr* values"),
            ("NamedExpr", "expr target, expr value"),
            ("BinOp", "expr left, operator op, expr right"),
            ("UnaryOp", "unaryop op, expr operand"),
            ("Lambda", "arguments args, expr body"),
            ("IfExp", "expr test, expr body, expr orelse"),
            ("Dict", "expr* keys, expr* values"),
            ("Set", "expr* elts"),
            ("ListComp", "expr elt, comprehension* generators"),
            ("SetComp", "expr elt, comprehension* generators"),
            ("DictComp", "expr key, expr value, comprehension* generators"),
            ("GeneratorExp", "expr elt, comprehension* generators"),
            ("Await", "expr value"),
            ("Yield", "expr? value"),
            ("YieldFrom", "expr value"),
            ("Compare", "expr left, cmpop* ops, expr* comparators"),
            ("Call", "expr func, expr* args, keyword* keywords"),
            ("FormattedValue", "expr value, int conversion, expr? format_spec"),
            ("JoinedStr", "expr* values"),
            ("Constant", "constant value, string? kind"),
            ("Attribute", "expr value, identifier attr, expr_context ctx"),
            ("Subscript", "expr value, expr slice, expr_context ctx"),
            ("Starred", "expr value, expr_context ctx"),
            ("Name", "identifier id, expr_context ctx"),
            ("List", "expr* elts, expr_context ctx"),
            ("Tuple", "expr* elts, expr_context ctx"),
            ("Slice", "expr? lower, expr? upper, expr? step"),
        ],
        attributes: POSITIONS,
    },
    Def::Sum {
        name: "expr_context",
        ctors: &[("Load", ""), ("Store", ""), ("Del", "")],
        attributes: "",
    },
    Def::Sum {
        name: "boolop",
        ctors: &[("And", ""), ("Or", "")],
        attributes: "",
    },
    Def::Sum {
        name: "operator",
        ctors: &[
            ("Add", ""),
            ("Sub", ""),
            ("Mult", ""),
            ("MatMult", ""),
            ("Div", ""),
            ("Mod", ""),
            ("Pow", ""),
            ("LShift", ""),
            ("RShift", ""),
            ("BitOr", ""),
            ("BitXor", ""),
            ("BitAnd", ""),
            ("FloorDiv", ""),
        ],
        attributes: "",
    },
    Def::Sum {
        name: "unaryop",
        ctors: &[("Invert", ""), ("Not", ""), ("UAdd", ""), ("USub", "")],
        attributes: "",
    },
    Def::Sum {
        name: "cmpop",
        ctors: &[
            ("Eq", ""),
            ("NotEq", ""),
            ("Lt", ""),
            ("LtE", ""),
            ("Gt", ""),
            ("GtE", ""),
            ("Is", ""),
            ("IsNot", ""),
            ("In", ""),
            ("NotIn", ""),
        ],
        attributes: "",
    },
    Def::Product {
        name: "comprehension",
        fields: "expr target, expr iter, expr* ifs, int is_async",
        attributes: "",
    },
    Def::Sum {
        name: "excepthandler",
        ctors: &[("ExceptHandler", "expr? type, identifier? name, stmt* body")],
        attributes: POSITIONS,
    },
    Def::Product {
        name: "arguments",
        fields: "arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults",
        attributes: "",
    },
    Def::Product {
        name: "arg",
        fields: "identifier arg, expr? annotation, string? type_comment",
        attributes: POSITIONS,
    },
    Def::Product {
        name: "keyword",
        fields: "identifier? arg, expr value",
        attributes: POSITIONS,
    },
    Def::Product {
        name: "alias",
        fields: "identifier name, identifier? asname",
        attributes: POSITIONS,
    },
    Def::Product {
        name: "withitem",
        fields: "expr context_expr, expr? optional_vars",
        attributes: "",
    },
    Def::Product {
        name: "match_case",
        fields: "pattern pattern, expr? guard, stmt* body",
        attributes: "",
    },
    Def::Sum {
        name: "pattern",
        ctors: &[
            ("MatchValue", "expr value"),
            ("MatchSingleton", "constant value"),
            ("MatchSequence", "pattern* patterns"),
            ("MatchMapping", "expr* keys, pattern* patterns, identifier? rest"),
            ("MatchClass", "expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns"),
            ("MatchStar", "identifier? name"),
            ("MatchAs", "pattern? pattern, identifier? name"),
            ("MatchOr", "pattern* patterns"),
        ],
        attributes: PATTERN_POSITIONS,
    },
    Def::Sum {
        name: "type_ignore",
        ctors: &[("TypeIgnore", "int lineno, string tag")],
        attributes: "",
    },
];

/// The `(type, name)` pairs of a field list written `"type name, type* name"`.
pub fn parse_fields(spec: &str) -> Vec<(FieldType<'_>, &str)> {
    spec.split(", ")
        .filter(|f| !f.is_empty())
        .filter_map(|f| {
            let (ty, name) = f.split_once(' ')?;
            let (ty, seq, opt) = if let Some(t) = ty.strip_suffix('*') {
                (t, true, false)
            } else if let Some(t) = ty.strip_suffix('?') {
                (t, false, true)
            } else {
                (ty, false, false)
            };
            Some((FieldType { ty, seq, opt }, name))
        })
        .collect()
}

/// The docstring CPython gives a constructor's class: `Name(type field, ...)`, or the bare
/// name when it has no fields.
pub fn ctor_doc(name: &str, fields: &str) -> String {
    if fields.is_empty() {
        name.to_string()
    } else {
        format!("{name}({fields})")
    }
}

/// The docstring of a sum type's abstract class: its alternatives on one line when none has
/// fields, else one per line aligned under the first.
pub fn sum_doc(name: &str, ctors: &[(&str, &str)]) -> String {
    let parts: Vec<String> = ctors.iter().map(|(c, f)| ctor_doc(c, f)).collect();
    let sep = if ctors.iter().all(|(_, f)| f.is_empty()) {
        " | ".to_string()
    } else {
        format!("\n{}| ", " ".repeat(name.len() + 1))
    };
    format!("{name} = {}", parts.join(&sep))
}

/// The field list of the class `name` (a constructor or a product), if it is one.
pub fn fields_of(name: &str) -> Option<&'static str> {
    DEFS.iter().find_map(|d| match d {
        Def::Sum { ctors, .. } => ctors.iter().find(|(c, _)| *c == name).map(|(_, f)| *f),
        Def::Product {
            name: n, fields, ..
        } => (*n == name).then_some(*fields),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_match_cpython() {
        assert_eq!(
            sum_doc("boolop", &[("And", ""), ("Or", "")]),
            "boolop = And | Or"
        );
        let Def::Sum { name, ctors, .. } = &DEFS[0] else {
            panic!("mod is a sum")
        };
        assert_eq!(
            sum_doc(name, ctors),
            "mod = Module(stmt* body, type_ignore* type_ignores)\n    | Interactive(stmt* body)\n    | Expression(expr body)\n    | FunctionType(expr* argtypes, expr returns)"
        );
    }

    #[test]
    fn fields_parse() {
        let f = parse_fields("identifier? module, alias* names, int? level");
        assert_eq!(f.len(), 3);
        assert!(f[0].0.opt && f[1].0.seq && f[2].0.ty == "int");
        assert_eq!(fields_of("Pass"), Some(""));
        assert_eq!(fields_of("nothing"), None);
    }
}
