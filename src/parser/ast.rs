//! The abstract syntax tree, shaped like CPython's `ast` module (`Parser/Python.asdl`).
//!
//! Node and field names follow CPython's so `ast.dump` output can be compared by eye.
//! Locations are CPython's: 1-based lines, 0-based columns (in characters), end exclusive.

use num_bigint::BigInt;

/// Where a node is in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// 1-based first line.
    pub lineno: u32,
    /// 0-based first column.
    pub col_offset: u32,
    /// 1-based last line.
    pub end_lineno: u32,
    /// 0-based column after the end.
    pub end_col_offset: u32,
}

impl Span {
    /// The span from the start of `self` to the end of `other`.
    pub fn to(self, other: Span) -> Span {
        Span {
            lineno: self.lineno,
            col_offset: self.col_offset,
            end_lineno: other.end_lineno,
            end_col_offset: other.end_col_offset,
        }
    }
}

/// A parsed module (for `Mode::Eval`, the body is one `Expr` statement).
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The statements.
    pub body: Vec<Stmt>,
}

/// A statement and its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it is.
    pub span: Span,
}

/// An expression and its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is.
    pub span: Span,
}

/// A literal value (`ast.Constant.value`).
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// An int.
    Int(BigInt),
    /// A float.
    Float(f64),
    /// An imaginary literal / complex (real, imag).
    Complex(f64, f64),
    /// A str.
    Str(String),
    /// A str holding a lone surrogate: its generalized UTF-8 (`objects::wtf8`).
    StrSurrogates(Vec<u8>),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`
    Ellipsis,
    /// A tuple of constants (only made by constant folding).
    Tuple(Vec<Constant>),
}

/// Load, store or delete (`ast.expr_context`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprContext {
    /// Read.
    Load,
    /// Assigned to.
    Store,
    /// Deleted.
    Del,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    /// `and`
    And,
    /// `or`
    Or,
}

/// Binary operators (`ast.operator`); the compiler maps them to `BINARY_OP` numbers.
pub use crate::object::BinaryOp as Operator;

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `~`
    Invert,
    /// `not`
    Not,
    /// `+`
    UAdd,
    /// `-`
    USub,
}

/// Comparison operators (`ast.cmpop`), including arenapy's `~=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
    /// `~=` (almost equal; arenapy extension)
    AlmostEq,
}

/// Expressions (`ast.expr`).
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `a and b and c`
    BoolOp {
        /// The operator.
        op: BoolOp,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `target := value`
    NamedExpr {
        /// A `Name`.
        target: Box<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// `left op right`
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// Operator.
        op: Operator,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand`
    UnaryOp {
        /// Operator.
        op: UnaryOp,
        /// Operand.
        operand: Box<Expr>,
    },
    /// `lambda args: body`
    Lambda {
        /// Parameters.
        args: Box<Arguments>,
        /// The body.
        body: Box<Expr>,
    },
    /// `body if test else orelse`
    IfExp {
        /// Condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `{k: v, **d}` (a `None` key is a `**` unpacking).
    Dict {
        /// Keys.
        keys: Vec<Option<Expr>>,
        /// Values.
        values: Vec<Expr>,
    },
    /// `{a, b}`
    Set {
        /// Elements.
        elts: Vec<Expr>,
    },
    /// `[elt for ...]`
    ListComp {
        /// Element.
        elt: Box<Expr>,
        /// `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`
    SetComp {
        /// Element.
        elt: Box<Expr>,
        /// `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`
    DictComp {
        /// Key.
        key: Box<Expr>,
        /// Value.
        value: Box<Expr>,
        /// `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`
    GeneratorExp {
        /// Element.
        elt: Box<Expr>,
        /// `for`/`if` clauses.
        generators: Vec<Comprehension>,
    },
    /// `await value`
    Await {
        /// The awaitable.
        value: Box<Expr>,
    },
    /// `yield [value]`
    Yield {
        /// The value, if any.
        value: Option<Box<Expr>>,
    },
    /// `yield from value`
    YieldFrom {
        /// The iterable.
        value: Box<Expr>,
    },
    /// `left op1 c1 op2 c2 ...`
    Compare {
        /// First operand.
        left: Box<Expr>,
        /// Operators.
        ops: Vec<CmpOp>,
        /// The other operands.
        comparators: Vec<Expr>,
    },
    /// `func(args, keywords)`
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional arguments (`Starred` for `*x`).
        args: Vec<Expr>,
        /// Keyword arguments (`arg: None` for `**x`).
        keywords: Vec<Keyword>,
    },
    /// The `{value!conversion:format_spec}` part of an f-string.
    FormattedValue {
        /// The expression.
        value: Box<Expr>,
        /// -1 none, or `'s'`, `'r'`, `'a'` as a code point.
        conversion: i32,
        /// A `JoinedStr`, if given.
        format_spec: Option<Box<Expr>>,
    },
    /// An f-string: constant strings and `FormattedValue`s.
    JoinedStr {
        /// The parts.
        values: Vec<Expr>,
    },
    /// A literal.
    Constant {
        /// Its value.
        value: Constant,
        /// `"u"` for `u'...'` strings (CPython's `kind`).
        kind: Option<String>,
    },
    /// `value.attr`
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute name.
        attr: String,
        /// Load/store/del.
        ctx: ExprContext,
    },
    /// `value[slice]`
    Subscript {
        /// The container.
        value: Box<Expr>,
        /// The index (a `Slice`, a `Tuple`, or any expression).
        slice: Box<Expr>,
        /// Load/store/del.
        ctx: ExprContext,
    },
    /// `*value`
    Starred {
        /// The operand.
        value: Box<Expr>,
        /// Load/store.
        ctx: ExprContext,
    },
    /// A variable.
    Name {
        /// The identifier.
        id: String,
        /// Load/store/del.
        ctx: ExprContext,
    },
    /// `[a, b]`
    List {
        /// Elements.
        elts: Vec<Expr>,
        /// Load/store/del.
        ctx: ExprContext,
    },
    /// `(a, b)` or `a, b`
    Tuple {
        /// Elements.
        elts: Vec<Expr>,
        /// Load/store/del.
        ctx: ExprContext,
    },
    /// `lower:upper:step` (only inside a subscript)
    Slice {
        /// Start.
        lower: Option<Box<Expr>>,
        /// Stop.
        upper: Option<Box<Expr>>,
        /// Step.
        step: Option<Box<Expr>>,
    },
}

/// One `for target in iter if cond...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// Conditions.
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

/// A keyword argument `arg=value` (`arg: None` for `**value`).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// The parameter name.
    pub arg: Option<String>,
    /// The value.
    pub value: Expr,
    /// Where it is.
    pub span: Span,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// Its name.
    pub arg: String,
    /// Its annotation.
    pub annotation: Option<Box<Expr>>,
    /// Where it is.
    pub span: Span,
}

/// A parameter list (`ast.arguments`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Arguments {
    /// Before `/`.
    pub posonlyargs: Vec<Arg>,
    /// Ordinary positional-or-keyword parameters.
    pub args: Vec<Arg>,
    /// `*args`.
    pub vararg: Option<Arg>,
    /// After `*` or `*args`.
    pub kwonlyargs: Vec<Arg>,
    /// Defaults of `kwonlyargs` (`None`: required).
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**kwargs`.
    pub kwarg: Option<Arg>,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Expr>,
}

/// `name as asname` in imports.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Dotted module or imported name (`*` for `import *`).
    pub name: String,
    /// The `as` name.
    pub asname: Option<String>,
    /// Where it is.
    pub span: Span,
}

/// `expr as var` in a `with` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context_expr: Expr,
    /// Where to bind `__enter__()`'s result.
    pub optional_vars: Option<Expr>,
}

/// `except type as name: body`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// The exception class(es).
    pub type_: Option<Expr>,
    /// The bound name.
    pub name: Option<String>,
    /// The handler.
    pub body: Vec<Stmt>,
    /// Where it is.
    pub span: Span,
}

/// One `case pattern if guard: body` of a `match` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchCase {
    /// The pattern.
    pub pattern: Pattern,
    /// The guard.
    pub guard: Option<Expr>,
    /// The body.
    pub body: Vec<Stmt>,
}

/// A pattern of a `case` and its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// What it is.
    pub kind: PatternKind,
    /// Where it is.
    pub span: Span,
}

/// Patterns (`ast.pattern`).
#[derive(Debug, Clone, PartialEq)]
pub enum PatternKind {
    /// A literal or dotted value compared with `==`: `1`, `-1.5`, `"s"`, `Color.RED`.
    MatchValue {
        /// The value.
        value: Box<Expr>,
    },
    /// `None`, `True`, `False`, compared with `is`.
    MatchSingleton {
        /// The constant.
        value: Constant,
    },
    /// `[p, *rest, q]` or `(p, q)`.
    MatchSequence {
        /// Sub-patterns (at most one `MatchStar`).
        patterns: Vec<Pattern>,
    },
    /// `{key: p, **rest}`.
    MatchMapping {
        /// Keys (literals or values).
        keys: Vec<Expr>,
        /// Their patterns.
        patterns: Vec<Pattern>,
        /// The `**rest` name.
        rest: Option<String>,
    },
    /// `Cls(p, attr=q)`.
    MatchClass {
        /// The class (a name or dotted name).
        cls: Box<Expr>,
        /// Positional sub-patterns.
        patterns: Vec<Pattern>,
        /// Keyword attribute names.
        kwd_attrs: Vec<String>,
        /// Their patterns.
        kwd_patterns: Vec<Pattern>,
    },
    /// `*name` or `*_` inside a sequence pattern.
    MatchStar {
        /// The bound name (`None` for `*_`).
        name: Option<String>,
    },
    /// `p as name`, a capture `name`, or the wildcard `_` (both `None`).
    MatchAs {
        /// The sub-pattern.
        pattern: Option<Box<Pattern>>,
        /// The bound name.
        name: Option<String>,
    },
    /// `p | q | r`.
    MatchOr {
        /// The alternatives.
        patterns: Vec<Pattern>,
    },
}

/// Statements (`ast.stmt`).
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `def name(args) -> returns: body`
    FunctionDef {
        /// The name.
        name: String,
        /// Parameters.
        args: Box<Arguments>,
        /// The body.
        body: Vec<Stmt>,
        /// Decorators, outermost first.
        decorator_list: Vec<Expr>,
        /// Return annotation.
        returns: Option<Box<Expr>>,
        /// `async def`.
        is_async: bool,
    },
    /// `class name(bases, keywords): body`
    ClassDef {
        /// The name.
        name: String,
        /// Base classes.
        bases: Vec<Expr>,
        /// `metaclass=...` and the like.
        keywords: Vec<Keyword>,
        /// The body.
        body: Vec<Stmt>,
        /// Decorators.
        decorator_list: Vec<Expr>,
    },
    /// `return [value]`
    Return {
        /// The value.
        value: Option<Box<Expr>>,
    },
    /// `del targets`
    Delete {
        /// Targets.
        targets: Vec<Expr>,
    },
    /// `t1 = t2 = value`
    Assign {
        /// Targets, left to right.
        targets: Vec<Expr>,
        /// The value.
        value: Box<Expr>,
    },
    /// `target op= value`
    AugAssign {
        /// Target.
        target: Box<Expr>,
        /// Operator.
        op: Operator,
        /// Value.
        value: Box<Expr>,
    },
    /// `target: annotation [= value]`
    AnnAssign {
        /// Target.
        target: Box<Expr>,
        /// Annotation.
        annotation: Box<Expr>,
        /// Value.
        value: Option<Box<Expr>>,
        /// A bare name, not parenthesized.
        simple: bool,
    },
    /// `for target in iter: body else: orelse`
    For {
        /// Loop target.
        target: Box<Expr>,
        /// Iterable.
        iter: Box<Expr>,
        /// Body.
        body: Vec<Stmt>,
        /// `else` block.
        orelse: Vec<Stmt>,
        /// `async for`.
        is_async: bool,
    },
    /// `while test: body else: orelse`
    While {
        /// Condition.
        test: Box<Expr>,
        /// Body.
        body: Vec<Stmt>,
        /// `else` block.
        orelse: Vec<Stmt>,
    },
    /// `if test: body else: orelse` (`elif` nests an `If` in `orelse`)
    If {
        /// Condition.
        test: Box<Expr>,
        /// Body.
        body: Vec<Stmt>,
        /// `else`/`elif`.
        orelse: Vec<Stmt>,
    },
    /// `with items: body`
    With {
        /// Context managers.
        items: Vec<WithItem>,
        /// Body.
        body: Vec<Stmt>,
        /// `async with`.
        is_async: bool,
    },
    /// `raise [exc [from cause]]`
    Raise {
        /// The exception.
        exc: Option<Box<Expr>>,
        /// The cause.
        cause: Option<Box<Expr>>,
    },
    /// `try: body except...: else: finally:`
    Try {
        /// Body.
        body: Vec<Stmt>,
        /// `except` clauses.
        handlers: Vec<ExceptHandler>,
        /// `else` block.
        orelse: Vec<Stmt>,
        /// `finally` block.
        finalbody: Vec<Stmt>,
    },
    /// `try: body except* ...: else: finally:` (exception groups, PEP 654)
    TryStar {
        /// Body.
        body: Vec<Stmt>,
        /// `except*` clauses.
        handlers: Vec<ExceptHandler>,
        /// `else` block.
        orelse: Vec<Stmt>,
        /// `finally` block.
        finalbody: Vec<Stmt>,
    },
    /// `match subject: case pattern if guard: body ...`
    Match {
        /// The value matched.
        subject: Box<Expr>,
        /// The `case` blocks, in order.
        cases: Vec<MatchCase>,
    },
    /// `assert test, msg`
    Assert {
        /// Condition.
        test: Box<Expr>,
        /// Message.
        msg: Option<Box<Expr>>,
    },
    /// `import a.b as c, d`
    Import {
        /// The modules.
        names: Vec<Alias>,
    },
    /// `from ..module import names`
    ImportFrom {
        /// The module (None for `from . import x`).
        module: Option<String>,
        /// Imported names.
        names: Vec<Alias>,
        /// Number of leading dots.
        level: u32,
    },
    /// `global names`
    Global {
        /// The names.
        names: Vec<String>,
    },
    /// `nonlocal names`
    Nonlocal {
        /// The names.
        names: Vec<String>,
    },
    /// An expression statement.
    Expr {
        /// The expression.
        value: Box<Expr>,
    },
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
}

impl ExprKind {
    /// How CPython names this kind of expression in "cannot assign to ..." messages.
    pub fn describe(&self) -> &'static str {
        use ExprKind::*;
        match self {
            BoolOp { .. } | BinOp { .. } | UnaryOp { .. } => "expression",
            NamedExpr { .. } => "named expression",
            Lambda { .. } => "lambda",
            IfExp { .. } => "conditional expression",
            Dict { .. } => "dict literal",
            Set { .. } => "set display",
            ListComp { .. } => "list comprehension",
            SetComp { .. } => "set comprehension",
            DictComp { .. } => "dict comprehension",
            GeneratorExp { .. } => "generator expression",
            Await { .. } => "await expression",
            Yield { .. } | YieldFrom { .. } => "yield expression",
            Compare { .. } => "comparison",
            Call { .. } => "function call",
            FormattedValue { .. } | JoinedStr { .. } => "f-string expression",
            Constant { value, .. } => match value {
                self::Constant::None => "None",
                self::Constant::Bool(true) => "True",
                self::Constant::Bool(false) => "False",
                self::Constant::Ellipsis => "ellipsis",
                _ => "literal",
            },
            Attribute { .. } => "attribute",
            Subscript { .. } => "subscript",
            Starred { .. } => "starred",
            Name { .. } => "name",
            List { .. } => "list",
            Tuple { .. } => "tuple",
            Slice { .. } => "slice",
        }
    }
}
