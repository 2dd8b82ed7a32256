//! Tokens: what the tokenizer hands the parser (CPython's `Parser/token.c` kinds).

/// A position in the source: 1-based line, 0-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line number.
    pub line: u32,
    /// 0-based column, in characters.
    pub col: u32,
}

/// Python's reserved words (`keyword.kwlist`); soft keywords stay names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Keyword {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Keyword {
    /// The keyword spelled `text`, if it is one.
    pub fn lookup(text: &str) -> Option<Keyword> {
        use Keyword::*;
        Some(match text {
            "False" => False,
            "None" => None,
            "True" => True,
            "and" => And,
            "as" => As,
            "assert" => Assert,
            "async" => Async,
            "await" => Await,
            "break" => Break,
            "class" => Class,
            "continue" => Continue,
            "def" => Def,
            "del" => Del,
            "elif" => Elif,
            "else" => Else,
            "except" => Except,
            "finally" => Finally,
            "for" => For,
            "from" => From,
            "global" => Global,
            "if" => If,
            "import" => Import,
            "in" => In,
            "is" => Is,
            "lambda" => Lambda,
            "nonlocal" => Nonlocal,
            "not" => Not,
            "or" => Or,
            "pass" => Pass,
            "raise" => Raise,
            "return" => Return,
            "try" => Try,
            "while" => While,
            "with" => With,
            "yield" => Yield,
            _ => return Option::None,
        })
    }
}

macro_rules! operators {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// Operators and delimiters (CPython's `OP` token, split by exact type).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op {
            $($(#[$doc])* $name,)*
        }

        impl Op {
            /// The operator's spelling.
            pub fn text(self) -> &'static str {
                match self {
                    $(Op::$name => $text,)*
                }
            }

            /// Every operator, longest spellings first (the tokenizer's match order).
            pub const ALL: &'static [Op] = &[$(Op::$name,)*];
        }
    };
}

operators! {
    /// `**=`
    DoubleStarEqual = "**=",
    /// `//=`
    DoubleSlashEqual = "//=",
    /// `>>=`
    RightShiftEqual = ">>=",
    /// `<<=`
    LeftShiftEqual = "<<=",
    /// `...`
    Ellipsis = "...",
    /// `!=`
    NotEqual = "!=",
    /// `%=`
    PercentEqual = "%=",
    /// `&=`
    AmperEqual = "&=",
    /// `**`
    DoubleStar = "**",
    /// `*=`
    StarEqual = "*=",
    /// `+=`
    PlusEqual = "+=",
    /// `-=`
    MinEqual = "-=",
    /// `->`
    RArrow = "->",
    /// `//`
    DoubleSlash = "//",
    /// `/=`
    SlashEqual = "/=",
    /// `:=`
    ColonEqual = ":=",
    /// `<<`
    LeftShift = "<<",
    /// `<=`
    LessEqual = "<=",
    /// `==`
    EqEqual = "==",
    /// `>=`
    GreaterEqual = ">=",
    /// `>>`
    RightShift = ">>",
    /// `@=`
    AtEqual = "@=",
    /// `^=`
    CircumflexEqual = "^=",
    /// `|=`
    VbarEqual = "|=",
    /// `~=` (arenapy's almost-equal comparison)
    TildeEqual = "~=",
    /// `(`
    Lpar = "(",
    /// `)`
    Rpar = ")",
    /// `[`
    Lsqb = "[",
    /// `]`
    Rsqb = "]",
    /// `{`
    Lbrace = "{",
    /// `}`
    Rbrace = "}",
    /// `:`
    Colon = ":",
    /// `,`
    Comma = ",",
    /// `;`
    Semi = ";",
    /// `+`
    Plus = "+",
    /// `-`
    Minus = "-",
    /// `*`
    Star = "*",
    /// `/`
    Slash = "/",
    /// `|`
    Vbar = "|",
    /// `&`
    Amper = "&",
    /// `<`
    Less = "<",
    /// `>`
    Greater = ">",
    /// `=`
    Equal = "=",
    /// `.`
    Dot = ".",
    /// `%`
    Percent = "%",
    /// `~`
    Tilde = "~",
    /// `^`
    Circumflex = "^",
    /// `@`
    At = "@",
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An identifier that is not a keyword.
    Name,
    /// A reserved word.
    Keyword(Keyword),
    /// A numeric literal, undecoded.
    Number,
    /// A string or bytes literal with its prefix and quotes, undecoded.
    String,
    /// An operator or delimiter.
    Op(Op),
    /// End of a logical line.
    Newline,
    /// The indentation grew.
    Indent,
    /// The indentation shrank by one level.
    Dedent,
    /// End of input.
    EndMarker,
    /// A character that starts no token (`$`, `?`, a stray `!`).
    ErrorToken,
}

/// One token and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The kind.
    pub kind: TokenKind,
    /// Where it starts.
    pub start: Pos,
    /// Where it ends (exclusive).
    pub end: Pos,
    /// Byte range of its text in the (newline-normalised) source.
    pub range: (usize, usize),
}

impl Token {
    /// Whether this is the operator `op`.
    pub fn is_op(&self, op: Op) -> bool {
        self.kind == TokenKind::Op(op)
    }

    /// Whether this is the keyword `kw`.
    pub fn is_kw(&self, kw: Keyword) -> bool {
        self.kind == TokenKind::Keyword(kw)
    }
}
