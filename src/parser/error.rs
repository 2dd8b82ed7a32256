//! Syntax errors: a typed kind whose `Display` is CPython's exact message, plus a location.

use std::fmt;

/// Why the source was rejected. `Display` gives CPython 3.11's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// `invalid syntax`
    InvalidSyntax,
    /// `invalid syntax. Perhaps you forgot a comma?`
    ForgotComma,
    /// `invalid syntax. Maybe you meant '==' or ':=' instead of '='?`
    MaybeMeantEquality,
    /// `unexpected indent` (IndentationError)
    UnexpectedIndent,
    /// `unindent does not match any outer indentation level` (IndentationError)
    UnindentMismatch,
    /// `too many levels of indentation` (IndentationError)
    TooDeepIndentation,
    /// `expected an indented block after 'if' statement on line N` (IndentationError);
    /// `after` is e.g. `'if' statement` or `function definition`.
    ExpectedIndentedBlock {
        /// The construct whose body is missing.
        after: &'static str,
        /// Its line.
        line: u32,
    },
    /// `inconsistent use of tabs and spaces in indentation` (TabError)
    InconsistentTabs,
    /// `unterminated string literal (detected at line N)`
    UnterminatedString(u32),
    /// `unterminated triple-quoted string literal (detected at line N)`
    UnterminatedTripleQuotedString(u32),
    /// `'(' was never closed`
    NeverClosed(char),
    /// `unmatched ')'`
    Unmatched(char),
    /// `closing parenthesis ')' does not match opening parenthesis '['` (+ ` on line N`
    /// when the opening bracket is on another line).
    MismatchedParen {
        /// The closing bracket found.
        close: char,
        /// The bracket it should have closed.
        open: char,
        /// The opening bracket's line, when different from the closing one's.
        open_line: Option<u32>,
    },
    /// `too many nested parentheses`
    TooManyNestedParens,
    /// `expected ':'` and the like: the token text, quoted.
    Expected(&'static str),
    /// `expected 'except' or 'finally' block`
    ExpectedExceptOrFinally,
    /// `expected 'else' after 'if' expression`
    ExpectedElseAfterIf,
    /// `':' expected after dictionary key`
    ExpectedColonAfterDictKey,
    /// `cannot assign to X` (with ` here. Maybe you meant '==' instead of '='?` when `hint`).
    CannotAssign {
        /// What the target is (`literal`, `function call`, ...).
        what: &'static str,
        /// Whether CPython adds the `==` hint.
        hint: bool,
    },
    /// `cannot delete X`
    CannotDelete(&'static str),
    /// `cannot use assignment expressions with X`
    WalrusTarget(&'static str),
    /// `only single target (not X) can be annotated`
    AnnotatedTargetNotSingle(&'static str),
    /// `illegal target for annotation`
    IllegalAnnotationTarget,
    /// `cannot mix bytes and nonbytes literals`
    MixedBytes,
    /// `'X' is an illegal expression for augmented assignment`
    IllegalAugAssign(&'static str),
    /// `assignment to yield expression not possible`
    AssignToYield,
    /// `starred assignment target must be in a list or tuple`
    StarredTargetAlone,
    /// `multiple starred expressions in assignment`
    MultipleStarred,
    /// `can't use starred expression here`
    StarredHere,
    /// `'return' outside function`
    ReturnOutsideFunction,
    /// `'yield' outside function`
    YieldOutsideFunction,
    /// `'await' outside function`
    AwaitOutsideFunction,
    /// `'break' outside loop`
    BreakOutsideLoop,
    /// `'continue' not properly in loop`
    ContinueNotInLoop,
    /// `nonlocal declaration not allowed at module level`
    NonlocalAtModuleLevel,
    /// `import * only allowed at module level`
    ImportStarNotModuleLevel,
    /// `assignment expression cannot rebind comprehension iteration variable 'X'`
    WalrusRebindsIterVar(String),
    /// `comprehension inner loop cannot rebind assignment expression target 'X'`
    IterVarRebindsWalrus(String),
    /// `assignment expression cannot be used in a comprehension iterable expression`
    WalrusInCompIterable,
    /// `assignment expression within a comprehension cannot be used in a class body`
    WalrusInClassComp,
    /// `default 'except:' must be last`
    DefaultExceptNotLast,
    /// `expression cannot contain assignment, perhaps you meant "=="?` (`f(a.b=1)`)
    KeywordNotName,
    /// `invalid decimal literal` and the other bases' (`hexadecimal`, `octal`, `binary`,
    /// `imaginary`).
    InvalidLiteral(&'static str),
    /// `invalid digit '2' in binary literal`
    InvalidDigit {
        /// The digit.
        digit: char,
        /// `binary` or `octal`.
        base: &'static str,
    },
    /// `leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers`
    LeadingZeros,
    /// `unexpected character after line continuation character`
    LineContinuation,
    /// `unexpected EOF while parsing`
    UnexpectedEof,
    /// `invalid character '€' (U+20AC)`
    InvalidCharacter(char),
    /// `invalid non-printable character U+00A0`
    NonPrintableCharacter(char),
    /// `bytes can only contain ASCII literal characters`
    BytesNotAscii,
    /// `(unicode error) 'unicodeescape' codec can't decode bytes in position A-B: REASON`
    UnicodeEscape {
        /// First byte of the bad escape (in the literal's body).
        start: usize,
        /// Last byte of the bad escape.
        end: usize,
        /// CPython's reason text.
        reason: &'static str,
    },
    /// `(value error) invalid \x escape at position N` (bytes)
    BadHexEscape(usize),
    /// An f-string problem: `f-string: expecting '}'`, ... (the text after `f-string`).
    FString(&'static str),
    /// An error inside an f-string's expression, prefixed with `f-string: `.
    FStringInner(Box<SyntaxErrorKind>),
    /// `duplicate argument 'x' in function definition`
    DuplicateArgument(String),
    /// `keyword argument repeated: x`
    KeywordRepeated(String),
    /// `positional argument follows keyword argument`
    PositionalAfterKeyword,
    /// `positional argument follows keyword argument unpacking`
    PositionalAfterKeywordUnpacking,
    /// `iterable argument unpacking follows keyword argument unpacking`
    IterableUnpackingAfterKeywordUnpacking,
    /// `non-default argument follows default argument`
    NonDefaultAfterDefault,
    /// `named arguments must follow bare *`
    BareStar,
    /// `Generator expression must be parenthesized`
    GeneratorNotParenthesized,
    /// `name 'x' is assigned to before global declaration` (or `nonlocal`)
    AssignedBeforeDeclaration {
        /// The name.
        name: String,
        /// `global` or `nonlocal`.
        decl: &'static str,
    },
    /// `name 'x' is used prior to global declaration` (or `nonlocal`)
    UsedBeforeDeclaration {
        /// The name.
        name: String,
        /// `global` or `nonlocal`.
        decl: &'static str,
    },
    /// `name 'x' is parameter and global` (or `nonlocal`)
    ParameterAndDeclaration {
        /// The name.
        name: String,
        /// `global` or `nonlocal`.
        decl: &'static str,
    },
    /// `name 'x' is nonlocal and global`
    NonlocalAndGlobal(String),
    /// `no binding for nonlocal 'x' found`
    NoBindingForNonlocal(String),
    /// `'yield' inside list comprehension` (and the other comprehension kinds)
    YieldInComprehension(&'static str),
    /// `too many statically nested blocks`
    TooManyNestedBlocks,
    /// `'return' with value in async generator`
    ReturnValueInAsyncGenerator,
    /// `'yield from' inside async function`
    YieldFromInAsync,
    /// `maximum recursion depth exceeded during compilation` (a RecursionError in CPython).
    RecursionLimit,
    /// `cannot use '_' as a target`
    CannotUseUnderscoreAsTarget,
    /// `invalid pattern target`
    InvalidPatternTarget,
    /// `patterns may only match literals and attribute lookups`
    PatternsOnlyLiterals,
    /// `imaginary number required in complex literal`
    ImaginaryNumberRequired,
    /// `real number required in complex literal`
    RealNumberRequired,
    /// `positional patterns follow keyword patterns`
    PositionalPatternsFollowKeyword,
    /// `wildcard makes remaining patterns unreachable`
    WildcardUnreachable,
    /// `name capture 'x' makes remaining patterns unreachable`
    NameCaptureUnreachable(String),
    /// `multiple assignments to name 'x' in pattern`
    MultipleAssignmentsInPattern(String),
    /// `alternative patterns bind different names`
    AlternativesBindDifferentNames,
    /// `multiple starred names in sequence pattern`
    MultipleStarredNamesInPattern,
    /// `mapping pattern checks duplicate key ('a')` (the key's repr)
    MappingDuplicateKey(String),
    /// `mapping pattern keys may only match literals and attribute lookups`
    MappingKeysOnlyLiterals,
    /// `attribute name repeated in class pattern: x`
    AttributeRepeatedInClassPattern(String),
    /// `cannot have both 'except' and 'except*' on the same 'try'`
    BothExceptAndExceptStar,
    /// `expected one or more exception types`
    ExpectedExceptionTypes,
    /// `'break', 'continue' and 'return' cannot appear in an except* block`
    JumpInExceptStar,
    /// `'await' outside async function`
    AwaitOutsideAsyncFunction,
    /// `'async with' outside async function` (or `'async for'`)
    AsyncOutsideAsyncFunction(&'static str),
    /// `asynchronous comprehension outside of an asynchronous function`
    AsyncComprehensionOutsideAsync,
    /// `future feature X is not defined`
    FutureFeatureNotDefined(String),
    /// `from __future__ imports must occur at the beginning of the file`
    FutureImportNotFirst,
    /// `not a chance` (`from __future__ import braces`)
    NotAChance,
    /// `Missing parentheses in call to 'print'. Did you mean print(...)?` (or `exec`; the name)
    MissingParensPrint(String),
    /// `multiple statements found while compiling a single statement`
    MultipleStatements,
    /// `source code string cannot contain null bytes`
    NullBytes,
    /// `unknown encoding: X` (a coding cookie naming no codec)
    UnknownEncoding(String),
    /// `encoding problem: X with BOM`
    EncodingWithBom(String),
    /// `'ascii' codec can't decode byte 0xNN in position N: ordinal not in range(128)`
    AsciiDecode {
        /// The byte.
        byte: u8,
        /// Its index in the source.
        position: usize,
    },
    /// `(unicode error) 'utf-8' codec can't decode byte 0xNN in position N: REASON`
    Utf8Decode {
        /// The first bad byte.
        byte: u8,
        /// Its index in its line.
        position: usize,
        /// `invalid start byte`, `invalid continuation byte` or `unexpected end of data`.
        reason: &'static str,
    },
}

impl SyntaxErrorKind {
    /// CPython's exception class for this kind.
    pub fn class_name(&self) -> &'static str {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedIndent
            | UnindentMismatch
            | TooDeepIndentation
            | ExpectedIndentedBlock { .. } => "IndentationError",
            InconsistentTabs => "TabError",
            RecursionLimit => "RecursionError",
            _ => "SyntaxError",
        }
    }
}

impl fmt::Display for SyntaxErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use SyntaxErrorKind::*;
        match self {
            InvalidSyntax => f.write_str("invalid syntax"),
            ForgotComma => f.write_str("invalid syntax. Perhaps you forgot a comma?"),
            MaybeMeantEquality => {
                f.write_str("invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
            }
            UnexpectedIndent => f.write_str("unexpected indent"),
            UnindentMismatch => f.write_str("unindent does not match any outer indentation level"),
            TooDeepIndentation => f.write_str("too many levels of indentation"),
            ExpectedIndentedBlock { after, line } => {
                write!(f, "expected an indented block after {after} on line {line}")
            }
            InconsistentTabs => f.write_str("inconsistent use of tabs and spaces in indentation"),
            UnterminatedString(line) => {
                write!(f, "unterminated string literal (detected at line {line})")
            }
            UnterminatedTripleQuotedString(line) => write!(
                f,
                "unterminated triple-quoted string literal (detected at line {line})"
            ),
            NeverClosed(c) => write!(f, "'{c}' was never closed"),
            Unmatched(c) => write!(f, "unmatched '{c}'"),
            MismatchedParen {
                close,
                open,
                open_line,
            } => {
                write!(
                    f,
                    "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                )?;
                if let Some(line) = open_line {
                    write!(f, " on line {line}")?;
                }
                Ok(())
            }
            TooManyNestedParens => f.write_str("too many nested parentheses"),
            Expected(what) => write!(f, "expected {what}"),
            ExpectedExceptOrFinally => f.write_str("expected 'except' or 'finally' block"),
            ExpectedElseAfterIf => f.write_str("expected 'else' after 'if' expression"),
            ExpectedColonAfterDictKey => f.write_str("':' expected after dictionary key"),
            CannotAssign { what, hint } => {
                write!(f, "cannot assign to {what}")?;
                if *hint {
                    f.write_str(" here. Maybe you meant '==' instead of '='?")?;
                }
                Ok(())
            }
            CannotDelete(what) => write!(f, "cannot delete {what}"),
            WalrusTarget(what) => write!(f, "cannot use assignment expressions with {what}"),
            AnnotatedTargetNotSingle(what) => {
                write!(f, "only single target (not {what}) can be annotated")
            }
            IllegalAnnotationTarget => f.write_str("illegal target for annotation"),
            MixedBytes => f.write_str("cannot mix bytes and nonbytes literals"),
            IllegalAugAssign(what) => {
                write!(
                    f,
                    "'{what}' is an illegal expression for augmented assignment"
                )
            }
            AssignToYield => f.write_str("assignment to yield expression not possible"),
            StarredTargetAlone => {
                f.write_str("starred assignment target must be in a list or tuple")
            }
            MultipleStarred => f.write_str("multiple starred expressions in assignment"),
            StarredHere => f.write_str("can't use starred expression here"),
            ReturnOutsideFunction => f.write_str("'return' outside function"),
            YieldOutsideFunction => f.write_str("'yield' outside function"),
            AwaitOutsideFunction => f.write_str("'await' outside function"),
            BreakOutsideLoop => f.write_str("'break' outside loop"),
            ContinueNotInLoop => f.write_str("'continue' not properly in loop"),
            NonlocalAtModuleLevel => {
                f.write_str("nonlocal declaration not allowed at module level")
            }
            ImportStarNotModuleLevel => f.write_str("import * only allowed at module level"),
            WalrusRebindsIterVar(name) => write!(
                f,
                "assignment expression cannot rebind comprehension iteration variable '{name}'"
            ),
            IterVarRebindsWalrus(name) => write!(
                f,
                "comprehension inner loop cannot rebind assignment expression target '{name}'"
            ),
            WalrusInCompIterable => f.write_str(
                "assignment expression cannot be used in a comprehension iterable expression",
            ),
            WalrusInClassComp => f.write_str(
                "assignment expression within a comprehension cannot be used in a class body",
            ),
            DefaultExceptNotLast => f.write_str("default 'except:' must be last"),
            KeywordNotName => {
                f.write_str("expression cannot contain assignment, perhaps you meant \"==\"?")
            }
            InvalidLiteral(kind) => write!(f, "invalid {kind} literal"),
            InvalidDigit { digit, base } => write!(f, "invalid digit '{digit}' in {base} literal"),
            LeadingZeros => f.write_str(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
            ),
            LineContinuation => {
                f.write_str("unexpected character after line continuation character")
            }
            UnexpectedEof => f.write_str("unexpected EOF while parsing"),
            InvalidCharacter(c) => write!(f, "invalid character '{c}' (U+{:04X})", *c as u32),
            NonPrintableCharacter(c) => {
                write!(f, "invalid non-printable character U+{:04X}", *c as u32)
            }
            BytesNotAscii => f.write_str("bytes can only contain ASCII literal characters"),
            UnicodeEscape { start, end, reason } => {
                write!(
                    f,
                    "(unicode error) 'unicodeescape' codec can't decode bytes in "
                )?;
                if start == end {
                    write!(f, "position {start}: {reason}")
                } else {
                    write!(f, "position {start}-{end}: {reason}")
                }
            }
            BadHexEscape(pos) => write!(f, "(value error) invalid \\x escape at position {pos}"),
            FString(what) => write!(f, "f-string{what}"),
            FStringInner(inner) => write!(f, "f-string: {inner}"),
            DuplicateArgument(name) => {
                write!(f, "duplicate argument '{name}' in function definition")
            }
            KeywordRepeated(name) => write!(f, "keyword argument repeated: {name}"),
            PositionalAfterKeyword => f.write_str("positional argument follows keyword argument"),
            PositionalAfterKeywordUnpacking => {
                f.write_str("positional argument follows keyword argument unpacking")
            }
            IterableUnpackingAfterKeywordUnpacking => {
                f.write_str("iterable argument unpacking follows keyword argument unpacking")
            }
            NonDefaultAfterDefault => f.write_str("non-default argument follows default argument"),
            BareStar => f.write_str("named arguments must follow bare *"),
            GeneratorNotParenthesized => f.write_str("Generator expression must be parenthesized"),
            AssignedBeforeDeclaration { name, decl } => {
                write!(f, "name '{name}' is assigned to before {decl} declaration")
            }
            UsedBeforeDeclaration { name, decl } => {
                write!(f, "name '{name}' is used prior to {decl} declaration")
            }
            ParameterAndDeclaration { name, decl } => {
                write!(f, "name '{name}' is parameter and {decl}")
            }
            NonlocalAndGlobal(name) => write!(f, "name '{name}' is nonlocal and global"),
            NoBindingForNonlocal(name) => write!(f, "no binding for nonlocal '{name}' found"),
            YieldInComprehension(kind) => write!(f, "'yield' inside {kind}"),
            TooManyNestedBlocks => f.write_str("too many statically nested blocks"),
            ReturnValueInAsyncGenerator => f.write_str("'return' with value in async generator"),
            YieldFromInAsync => f.write_str("'yield from' inside async function"),
            RecursionLimit => f.write_str("maximum recursion depth exceeded during compilation"),
            CannotUseUnderscoreAsTarget => f.write_str("cannot use '_' as a target"),
            InvalidPatternTarget => f.write_str("invalid pattern target"),
            PatternsOnlyLiterals => {
                f.write_str("patterns may only match literals and attribute lookups")
            }
            ImaginaryNumberRequired => f.write_str("imaginary number required in complex literal"),
            RealNumberRequired => f.write_str("real number required in complex literal"),
            PositionalPatternsFollowKeyword => {
                f.write_str("positional patterns follow keyword patterns")
            }
            WildcardUnreachable => f.write_str("wildcard makes remaining patterns unreachable"),
            NameCaptureUnreachable(x) => {
                write!(f, "name capture '{x}' makes remaining patterns unreachable")
            }
            MultipleAssignmentsInPattern(x) => {
                write!(f, "multiple assignments to name '{x}' in pattern")
            }
            AlternativesBindDifferentNames => {
                f.write_str("alternative patterns bind different names")
            }
            MultipleStarredNamesInPattern => {
                f.write_str("multiple starred names in sequence pattern")
            }
            MappingDuplicateKey(x) => write!(f, "mapping pattern checks duplicate key ({x})"),
            MappingKeysOnlyLiterals => {
                f.write_str("mapping pattern keys may only match literals and attribute lookups")
            }
            AttributeRepeatedInClassPattern(x) => {
                write!(f, "attribute name repeated in class pattern: {x}")
            }
            BothExceptAndExceptStar => {
                f.write_str("cannot have both 'except' and 'except*' on the same 'try'")
            }
            ExpectedExceptionTypes => f.write_str("expected one or more exception types"),
            JumpInExceptStar => {
                f.write_str("'break', 'continue' and 'return' cannot appear in an except* block")
            }
            AwaitOutsideAsyncFunction => f.write_str("'await' outside async function"),
            AsyncOutsideAsyncFunction(x) => write!(f, "'{x}' outside async function"),
            AsyncComprehensionOutsideAsync => {
                f.write_str("asynchronous comprehension outside of an asynchronous function")
            }
            FutureFeatureNotDefined(x) => write!(f, "future feature {x} is not defined"),
            FutureImportNotFirst => {
                f.write_str("from __future__ imports must occur at the beginning of the file")
            }
            NotAChance => f.write_str("not a chance"),
            MissingParensPrint(x) => write!(
                f,
                "Missing parentheses in call to '{x}'. Did you mean {x}(...)?"
            ),
            MultipleStatements => {
                f.write_str("multiple statements found while compiling a single statement")
            }
            NullBytes => f.write_str("source code string cannot contain null bytes"),
            UnknownEncoding(name) => write!(f, "unknown encoding: {name}"),
            EncodingWithBom(name) => write!(f, "encoding problem: {name} with BOM"),
            AsciiDecode { byte, position } => write!(
                f,
                "'ascii' codec can't decode byte 0x{byte:02x} in position {position}: \
                 ordinal not in range(128)"
            ),
            Utf8Decode {
                byte,
                position,
                reason,
            } => write!(
                f,
                "(unicode error) 'utf-8' codec can't decode byte 0x{byte:02x} in position \
                 {position}: {reason}"
            ),
        }
    }
}

/// A syntax error with CPython's location fields (`lineno`, `offset`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Why.
    pub kind: SyntaxErrorKind,
    /// The file name given to `parse`/`compile`.
    pub filename: String,
    /// 1-based line.
    pub lineno: u32,
    /// 1-based column (characters), as CPython's `offset`.
    pub offset: u32,
    /// 1-based end line.
    pub end_lineno: u32,
    /// 1-based end column; 0 when CPython gives none (one caret).
    pub end_offset: u32,
    /// The source line, when there is one.
    pub text: Option<String>,
}

impl SyntaxError {
    /// `"SyntaxError"`, `"IndentationError"` or `"TabError"` (`"RecursionError"` when the
    /// program nests too deeply to compile, as CPython reports it).
    pub fn class_name(&self) -> &'static str {
        self.kind.class_name()
    }

    /// CPython's exact message.
    pub fn msg(&self) -> String {
        self.kind.to_string()
    }

    /// What CPython prints on stderr for this error when uncaught (the `traceback` module's
    /// layout: file and line, the stripped source line, carets from `offset` to `end_offset`).
    pub fn render(&self) -> String {
        if self.kind == SyntaxErrorKind::RecursionLimit {
            return format!("{}: {}\n", self.class_name(), self.msg());
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.lineno);
        if let Some(text) = &self.text {
            let rtext = text.trim_end_matches('\n');
            let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
            let spaces = (rtext.chars().count() - ltext.chars().count()) as i64;
            out.push_str("    ");
            out.push_str(ltext);
            out.push('\n');
            let offset = self.offset as i64;
            let mut end_offset = if self.end_offset == 0 || self.end_offset == u32::MAX {
                offset
            } else {
                self.end_offset as i64
            };
            if offset == end_offset {
                end_offset = offset + 1;
            }
            let colno = offset - 1 - spaces;
            let end_colno = end_offset - 1 - spaces;
            if colno >= 0 {
                out.push_str("    ");
                for c in ltext.chars().take(colno as usize) {
                    out.push(if c.is_whitespace() { c } else { ' ' });
                }
                for _ in 0..(end_colno - colno).max(0) {
                    out.push('^');
                }
                out.push('\n');
            }
        }
        out.push_str(&format!("{}: {}\n", self.class_name(), self.msg()));
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, line {})", self.kind, self.filename, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}
