//! The operator kinds shared by the compiler and the object model (CPython keeps `Py_LT`... in
//! `object.h` and the `NB_*` numbers in `opcode.h`): a leaf module, so the object types need not
//! import the compiler.

/// The operators of `BINARY_OP`, numbered as in CPython 3.11 (`NB_*` in `opcode.h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BinaryOp {
    /// `+`
    Add = 0,
    /// `&`
    And = 1,
    /// `//`
    FloorDivide = 2,
    /// `<<`
    Lshift = 3,
    /// `@`
    MatrixMultiply = 4,
    /// `*`
    Multiply = 5,
    /// `%`
    Remainder = 6,
    /// `|`
    Or = 7,
    /// `**`
    Power = 8,
    /// `>>`
    Rshift = 9,
    /// `-`
    Subtract = 10,
    /// `/`
    TrueDivide = 11,
    /// `^`
    Xor = 12,
}

/// Added to a [`BinaryOp`] number for the in-place form (`+=` is `13`, as in CPython).
pub const INPLACE_OFFSET: u32 = 13;

impl BinaryOp {
    /// All operators, indexed by their number.
    pub const ALL: [BinaryOp; 13] = [
        BinaryOp::Add,
        BinaryOp::And,
        BinaryOp::FloorDivide,
        BinaryOp::Lshift,
        BinaryOp::MatrixMultiply,
        BinaryOp::Multiply,
        BinaryOp::Remainder,
        BinaryOp::Or,
        BinaryOp::Power,
        BinaryOp::Rshift,
        BinaryOp::Subtract,
        BinaryOp::TrueDivide,
        BinaryOp::Xor,
    ];

    /// The operator's symbol (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::And => "&",
            BinaryOp::FloorDivide => "//",
            BinaryOp::Lshift => "<<",
            BinaryOp::MatrixMultiply => "@",
            BinaryOp::Multiply => "*",
            BinaryOp::Remainder => "%",
            BinaryOp::Or => "|",
            BinaryOp::Power => "**",
            BinaryOp::Rshift => ">>",
            BinaryOp::Subtract => "-",
            BinaryOp::TrueDivide => "/",
            BinaryOp::Xor => "^",
        }
    }

    /// Decodes a `BINARY_OP` argument into the operator and whether it is the in-place form.
    pub fn from_arg(arg: u32) -> Option<(BinaryOp, bool)> {
        let inplace = arg >= INPLACE_OFFSET;
        let index = if inplace { arg - INPLACE_OFFSET } else { arg };
        BinaryOp::ALL.get(index as usize).map(|op| (*op, inplace))
    }
}

/// The comparisons of `COMPARE_OP`, numbered as CPython's `cmp_op` (0..=5), plus arenapy's
/// almost-equal extension `~=` as 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CompareOp {
    /// `<`
    Lt = 0,
    /// `<=`
    Le = 1,
    /// `==`
    Eq = 2,
    /// `!=`
    Ne = 3,
    /// `>`
    Gt = 4,
    /// `>=`
    Ge = 5,
    /// `~=` (arenapy extension: both sides truncate to the same integer).
    AlmostEq = 6,
}

impl CompareOp {
    /// All comparisons, indexed by their number.
    pub const ALL: [CompareOp; 7] = [
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Gt,
        CompareOp::Ge,
        CompareOp::AlmostEq,
    ];

    /// The comparison's answer for two operands in order `ord` (`None`: unordered, a NaN
    /// operand — true only for `!=`); `None` for `~=`, which no ordering answers.
    #[inline]
    pub fn holds_for(self, ord: Option<std::cmp::Ordering>) -> Option<bool> {
        Some(match (self, ord) {
            (CompareOp::AlmostEq, _) => return None,
            (CompareOp::Ne, None) => true,
            (_, None) => false,
            (CompareOp::Lt, Some(o)) => o.is_lt(),
            (CompareOp::Le, Some(o)) => o.is_le(),
            (CompareOp::Eq, Some(o)) => o.is_eq(),
            (CompareOp::Ne, Some(o)) => o.is_ne(),
            (CompareOp::Gt, Some(o)) => o.is_gt(),
            (CompareOp::Ge, Some(o)) => o.is_ge(),
        })
    }

    /// The comparison's symbol, as `dis` prints it.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::AlmostEq => "~=",
        }
    }

    /// Decodes a `COMPARE_OP` argument.
    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        CompareOp::ALL.get(arg as usize).copied()
    }
}
