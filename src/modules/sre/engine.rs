//! The matcher: runs `_sre` code against a subject with CPython's backtracking rules.
//!
//! The interpreter never recurses on the Rust stack per character or per backtracking point:
//! each operation that must try a sub-pattern and come back (a branch, a repeat, an
//! assertion, ...) pushes a [`Ctx`] on a heap-allocated stack, records in the child which
//! `Jump` resumes the parent, and loops. Saved marks and `last_ptr` values go on a second heap
//! stack, as in CPython's `sre_lib.h`. Positions are character indices (`isize`, with `-1` for
//! "unset"), so `str` subjects are matched by code point.

mod dispatch;

use super::chars::{self, word, Subject};
use super::constants::{at, op, MAXREPEAT};

/// Why a match could not be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SreError {
    /// The code is inconsistent (an UNTIL outside a REPEAT, ...).
    State,
    /// The backtracking stacks could not grow.
    Memory,
}

/// The result of a match attempt.
pub type MatchResult = Result<bool, SreError>;

/// How a finished child resumes its parent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// One activation of the matcher (CPython's `match_context`).
#[derive(Clone, Copy, Debug)]
struct Ctx {
    count: isize,
    /// The literal a REPEAT_ONE tail starts with, or the index of a repeat record.
    u: usize,
    lastmark: isize,
    lastindex: isize,
    pattern: usize,
    ptr: isize,
    toplevel: bool,
    jump: Jump,
}

/// An active REPEAT (CPython's `SRE_REPEAT`).
#[derive(Clone, Copy, Debug)]
struct Repeat {
    count: isize,
    /// Code index of the REPEAT's operands (`skip`, `min`, `max`, then the item).
    pattern: usize,
    prev: Option<usize>,
    last_ptr: isize,
}

/// What the interpreter does next.
enum Mode {
    /// Start the top context.
    Enter,
    /// Run operations at `pc`/`ptr`.
    Dispatch,
    /// The top context returns.
    Ret(bool),
}

/// Matching state over one subject (CPython's `SRE_STATE`).
pub struct State<'a, S: Subject + ?Sized> {
    /// The subject.
    pub s: &'a S,
    /// The compiled pattern.
    pub code: &'a [u32],
    /// Where the current attempt starts.
    pub start: usize,
    /// The end of the searched slice (`endpos`).
    pub end: usize,
    /// The position reached (CPython's `state->ptr`).
    pub ptr: isize,
    /// Group boundaries: `marks[2*g]`, `marks[2*g+1]` for group `g + 1` (-1: unset).
    pub marks: Vec<isize>,
    /// Highest valid index in `marks` (-1: none).
    pub lastmark: isize,
    /// The last group closed (-1: none).
    pub lastindex: isize,
    /// The match must span the whole slice (`fullmatch`).
    pub match_all: bool,
    /// The match must not be empty at `start` (after an empty match in iteration).
    pub must_advance: bool,
    repeats: Vec<Repeat>,
    repeat: Option<usize>,
    data: Vec<isize>,
    /// The context stack of the last finished [`State::run`], kept for the next one.
    spare: Vec<Ctx>,
}

fn grow<T>(v: &mut Vec<T>, extra: usize) -> Result<(), SreError> {
    if v.capacity() - v.len() < extra {
        v.try_reserve(extra.max(v.len()))
            .map_err(|_| SreError::Memory)?;
    }
    Ok(())
}

impl<'a, S: Subject + ?Sized> State<'a, S> {
    /// A state for `code` over `s[..end]`, starting at `start`.
    pub fn new(s: &'a S, code: &'a [u32], start: usize, end: usize) -> Self {
        State {
            s,
            code,
            start,
            end,
            ptr: start as isize,
            marks: Vec::new(),
            lastmark: -1,
            lastindex: -1,
            match_all: false,
            must_advance: false,
            repeats: Vec::new(),
            repeat: None,
            data: Vec::new(),
            spare: Vec::new(),
        }
    }

    /// Forgets the groups and backtracking state of a previous attempt (`state_reset`).
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = None;
        self.repeats.clear();
        self.data.clear();
    }

    #[inline]
    fn c(&self, i: usize) -> u32 {
        word(self.code, i)
    }

    #[inline]
    fn ch(&self, p: isize) -> u32 {
        self.s.at(p as usize)
    }

    #[inline]
    fn endi(&self) -> isize {
        self.end as isize
    }

    /// The span of group `g` (0-based among the capturing groups) in the current state.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let i = 2 * g;
        if i as isize >= self.lastmark {
            return None;
        }
        let (a, b) = (self.marks[i], self.marks[i + 1]);
        (a >= 0 && b >= 0).then_some((a as usize, b as usize))
    }

    fn mark_push(&mut self, lastmark: isize) -> Result<(), SreError> {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            grow(&mut self.data, n)?;
            self.data.extend_from_slice(&self.marks[..n]);
        }
        Ok(())
    }

    fn mark_pop(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let base = self.data.len().saturating_sub(n);
            let saved = &self.data[base..];
            self.marks[..saved.len()].copy_from_slice(saved);
            if discard {
                self.data.truncate(base);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.truncate(self.data.len().saturating_sub(n));
        }
    }

    fn set_mark(&mut self, i: usize, ptr: isize) -> Result<(), SreError> {
        if i & 1 == 1 {
            self.lastindex = (i / 2 + 1) as isize;
        }
        if i >= self.marks.len() {
            let extra = i + 1 - self.marks.len();
            grow(&mut self.marks, extra)?;
            self.marks.resize(i + 1, -1);
        }
        if i as isize > self.lastmark {
            for m in &mut self.marks[(self.lastmark + 1) as usize..i] {
                *m = -1;
            }
            self.lastmark = i as isize;
        }
        self.marks[i] = ptr;
        Ok(())
    }

    /// Whether position `ptr` satisfies the `AT` code `code`.
    fn at(&self, ptr: isize, code: u32) -> bool {
        let end = self.endi();
        let word_at = |f: fn(u32) -> bool| {
            let before = ptr > 0 && f(self.ch(ptr - 1));
            let here = ptr < end && f(self.ch(ptr));
            (before, here)
        };
        match code {
            at::BEGINNING | at::BEGINNING_STRING => ptr == 0,
            at::BEGINNING_LINE => ptr == 0 || self.ch(ptr - 1) == b'\n' as u32,
            at::END => (end - ptr == 1 && self.ch(ptr) == b'\n' as u32) || ptr == end,
            at::END_LINE => ptr == end || self.ch(ptr) == b'\n' as u32,
            at::END_STRING => ptr == end,
            at::BOUNDARY | at::NON_BOUNDARY | at::LOC_BOUNDARY | at::LOC_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let (a, b) = word_at(chars::is_word);
                (a != b) == matches!(code, at::BOUNDARY | at::LOC_BOUNDARY)
            }
            at::UNI_BOUNDARY | at::UNI_NON_BOUNDARY => {
                if end == 0 {
                    return false;
                }
                let (a, b) = word_at(chars::is_uni_word);
                (a != b) == (code == at::UNI_BOUNDARY)
            }
            _ => false,
        }
    }

    /// How many times (up to `maxcount`) the single-character item at `pc` matches from
    /// `self.ptr` (CPython's `SRE(count)`).
    pub fn count(&mut self, pc: usize, maxcount: u32) -> Result<isize, SreError> {
        let start = self.ptr;
        let mut ptr = start;
        let mut end = self.endi();
        if maxcount != MAXREPEAT && (maxcount as isize) < end - ptr {
            end = ptr + maxcount as isize;
        }
        let chr = self.c(pc + 1);
        macro_rules! scan {
            ($cond:expr) => {
                while ptr < end && {
                    let c = self.ch(ptr);
                    $cond(c)
                } {
                    ptr += 1;
                }
            };
        }
        match self.c(pc) {
            op::IN => scan!(|c| chars::in_charset(self.code, pc + 2, c)),
            op::ANY => scan!(|c| c != b'\n' as u32),
            op::ANY_ALL => ptr = end.max(ptr),
            op::LITERAL => scan!(|c| c == chr),
            op::LITERAL_IGNORE => scan!(|c| chars::lower_ascii(c) == chr),
            op::LITERAL_UNI_IGNORE => scan!(|c| chars::lower_unicode(c) == chr),
            op::LITERAL_LOC_IGNORE => scan!(|c| chars::char_loc_ignore(chr, c)),
            op::NOT_LITERAL => scan!(|c| c != chr),
            op::NOT_LITERAL_IGNORE => scan!(|c| chars::lower_ascii(c) != chr),
            op::NOT_LITERAL_UNI_IGNORE => scan!(|c| chars::lower_unicode(c) != chr),
            op::NOT_LITERAL_LOC_IGNORE => scan!(|c| !chars::char_loc_ignore(chr, c)),
            _ => {
                // A general one-character item: run the matcher on it repeatedly.
                while self.ptr < end {
                    let before = self.ptr;
                    if !self.run(pc, false)? || self.ptr <= before {
                        break;
                    }
                }
                return Ok(self.ptr - start);
            }
        }
        Ok(ptr - start)
    }

    /// Saves the top context's resume point and starts `next` as a child.
    fn call(
        &mut self,
        stack: &mut Vec<Ctx>,
        pc: usize,
        ptr: isize,
        next: usize,
        jump: Jump,
        toplevel: Option<bool>,
    ) -> Result<Mode, SreError> {
        let top = stack.len() - 1;
        stack[top].pattern = pc;
        stack[top].ptr = ptr;
        let toplevel = toplevel.unwrap_or(stack[top].toplevel);
        grow(stack, 1)?;
        stack.push(Ctx {
            count: 0,
            u: 0,
            lastmark: -1,
            lastindex: -1,
            pattern: next,
            ptr,
            toplevel,
            jump,
        });
        Ok(Mode::Enter)
    }

    /// Matches the code at `pc` from `self.ptr`; on success `self.ptr` is the end of the match
    /// (CPython's `SRE(match)`).
    pub fn run(&mut self, pc: usize, toplevel: bool) -> MatchResult {
        let mut stack = std::mem::take(&mut self.spare);
        stack.clear();
        let r = self.run_on(&mut stack, pc, toplevel);
        self.spare = stack;
        r
    }

    fn run_on(&mut self, stack: &mut Vec<Ctx>, pc: usize, toplevel: bool) -> MatchResult {
        grow(stack, 16)?;
        stack.push(Ctx {
            count: 0,
            u: 0,
            lastmark: -1,
            lastindex: -1,
            pattern: pc,
            ptr: self.ptr,
            toplevel,
            jump: Jump::None,
        });
        let mut pc = pc;
        let mut ptr = self.ptr;
        let mut mode = Mode::Enter;
        loop {
            mode = match mode {
                Mode::Enter => {
                    ptr = self.ptr;
                    pc = stack[stack.len() - 1].pattern;
                    if self.c(pc) == op::INFO {
                        let min = self.c(pc + 3) as usize;
                        if min != 0 && ((self.endi() - ptr) as usize) < min {
                            Mode::Ret(false)
                        } else {
                            pc += self.c(pc + 1) as usize + 1;
                            Mode::Dispatch
                        }
                    } else {
                        Mode::Dispatch
                    }
                }
                Mode::Dispatch => self.dispatch(stack, &mut pc, &mut ptr)?,
                Mode::Ret(ret) => {
                    let child = stack.pop().map_or(Jump::None, |c| c.jump);
                    let Some(top) = stack.last() else {
                        return Ok(ret);
                    };
                    pc = top.pattern;
                    ptr = top.ptr;
                    self.resume(stack, child, ret, &mut pc, &mut ptr)?
                }
            };
        }
    }
}
