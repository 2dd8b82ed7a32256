//! The operations of the matcher: [`State::dispatch`] runs code until an operation needs a
//! child context or returns, and [`State::resume`] continues an operation once its child has
//! returned. Each operation with a loop is split into a `start` part and a `next` part that
//! both paths share.

use super::{chars, grow, Ctx, Jump, Mode, Repeat, SreError, State, Subject};
use crate::modules::sre::constants::{op, MAXREPEAT};

type Step = Result<Mode, SreError>;

impl<S: Subject + ?Sized> State<'_, S> {
    fn top(stack: &mut [Ctx]) -> &mut Ctx {
        let n = stack.len() - 1;
        &mut stack[n]
    }

    fn save_lastmark(&self, stack: &mut [Ctx]) {
        let t = Self::top(stack);
        t.lastmark = self.lastmark;
        t.lastindex = self.lastindex;
    }

    fn restore_lastmark(&mut self, stack: &mut [Ctx]) {
        let t = Self::top(stack);
        self.lastmark = t.lastmark;
        self.lastindex = t.lastindex;
    }

    fn groupref(&self, g: u32) -> Option<(isize, isize)> {
        let i = g as usize * 2;
        if i as isize >= self.lastmark {
            return None;
        }
        let (p, e) = (self.marks[i], self.marks[i + 1]);
        (p >= 0 && e >= 0 && e >= p).then_some((p, e))
    }

    /// Matches the text of a group again at `ptr`, comparing characters through `fold`.
    fn backref(&self, g: u32, ptr: &mut isize, fold: fn(u32) -> u32) -> bool {
        let Some((mut p, e)) = self.groupref(g) else {
            return false;
        };
        let end = self.endi();
        while p < e {
            if *ptr >= end || fold(self.ch(*ptr)) != fold(self.ch(p)) {
                return false;
            }
            p += 1;
            *ptr += 1;
        }
        true
    }

    /// Runs operations from `pc` until one calls a child or returns.
    pub(super) fn dispatch(
        &mut self,
        stack: &mut Vec<Ctx>,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Step {
        let end = self.endi();
        loop {
            let o = self.c(*pc);
            *pc += 1;
            let arg = self.c(*pc);
            let here = if *ptr < end {
                Some(self.ch(*ptr))
            } else {
                None
            };
            macro_rules! single {
                ($ok:expr, $adv:expr) => {{
                    match here {
                        Some(c) if $ok(c) => {
                            *pc += $adv;
                            *ptr += 1;
                        }
                        _ => return Ok(Mode::Ret(false)),
                    }
                }};
            }
            match o {
                op::MARK => {
                    self.set_mark(arg as usize, *ptr)?;
                    *pc += 1;
                }
                op::LITERAL => single!(|c| c == arg, 1),
                op::NOT_LITERAL => single!(|c| c != arg, 1),
                op::SUCCESS => {
                    let top = Self::top(stack);
                    if top.toplevel
                        && ((self.match_all && *ptr != end)
                            || (self.must_advance && *ptr == self.start as isize))
                    {
                        return Ok(Mode::Ret(false));
                    }
                    self.ptr = *ptr;
                    return Ok(Mode::Ret(true));
                }
                op::AT => {
                    if !self.at(*ptr, arg) {
                        return Ok(Mode::Ret(false));
                    }
                    *pc += 1;
                }
                op::CATEGORY => single!(|c| chars::category(arg, c), 1),
                op::ANY => single!(|c| c != b'\n' as u32, 0),
                op::ANY_ALL => single!(|_| true, 0),
                op::IN => single!(|c| chars::in_charset(self.code, *pc + 1, c), arg as usize),
                op::LITERAL_IGNORE => single!(|c| chars::lower_ascii(c) == arg, 1),
                op::LITERAL_UNI_IGNORE => single!(|c| chars::lower_unicode(c) == arg, 1),
                op::LITERAL_LOC_IGNORE => single!(|c| chars::char_loc_ignore(arg, c), 1),
                op::NOT_LITERAL_IGNORE => single!(|c| chars::lower_ascii(c) != arg, 1),
                op::NOT_LITERAL_UNI_IGNORE => single!(|c| chars::lower_unicode(c) != arg, 1),
                op::NOT_LITERAL_LOC_IGNORE => single!(|c| !chars::char_loc_ignore(arg, c), 1),
                op::IN_IGNORE => single!(
                    |c| chars::in_charset(self.code, *pc + 1, chars::lower_ascii(c)),
                    arg as usize
                ),
                op::IN_UNI_IGNORE => single!(
                    |c| chars::in_charset(self.code, *pc + 1, chars::lower_unicode(c)),
                    arg as usize
                ),
                op::IN_LOC_IGNORE => single!(
                    |c| chars::in_charset_loc_ignore(self.code, *pc + 1, c),
                    arg as usize
                ),
                op::JUMP | op::INFO => *pc += arg as usize,
                op::BRANCH => {
                    self.save_lastmark(stack);
                    if self.repeat.is_some() {
                        self.mark_push(Self::top(stack).lastmark)?;
                    }
                    return self.branch_next(stack, *pc, *ptr);
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let min = self.c(*pc + 1) as isize;
                    let max = self.c(*pc + 2);
                    if o == op::POSSESSIVE_REPEAT_ONE {
                        if *ptr + min > end {
                            return Ok(Mode::Ret(false));
                        }
                    } else if min > end - *ptr {
                        return Ok(Mode::Ret(false));
                    }
                    self.ptr = *ptr;
                    if o == op::MIN_REPEAT_ONE {
                        return self.min_repeat_one_start(stack, *pc, *ptr);
                    }
                    let count = self.count(*pc + 3, max)?;
                    *ptr += count;
                    if count < min {
                        return Ok(Mode::Ret(false));
                    }
                    let toplevel = Self::top(stack).toplevel;
                    let tail = *pc + self.c(*pc) as usize;
                    if self.c(tail) == op::SUCCESS
                        && *ptr == end
                        && !(toplevel && self.must_advance && *ptr == self.start as isize)
                    {
                        self.ptr = *ptr;
                        return Ok(Mode::Ret(true));
                    }
                    if o == op::POSSESSIVE_REPEAT_ONE {
                        *pc = tail;
                        continue;
                    }
                    Self::top(stack).count = count;
                    self.save_lastmark(stack);
                    if self.repeat.is_some() {
                        self.mark_push(Self::top(stack).lastmark)?;
                    }
                    if self.c(tail) == op::LITERAL {
                        Self::top(stack).u = self.c(tail + 1) as usize;
                        return self.repeat_one_literal(stack, *pc, *ptr);
                    }
                    return self.repeat_one_general(stack, *pc, *ptr);
                }
                op::REPEAT => {
                    grow(&mut self.repeats, 1)?;
                    self.repeats.push(Repeat {
                        count: -1,
                        pattern: *pc,
                        prev: self.repeat,
                        last_ptr: -1,
                    });
                    let idx = self.repeats.len() - 1;
                    self.repeat = Some(idx);
                    Self::top(stack).u = idx;
                    self.ptr = *ptr;
                    return self.call(stack, *pc, *ptr, *pc + arg as usize, Jump::Repeat, None);
                }
                op::MAX_UNTIL | op::MIN_UNTIL => {
                    let Some(r) = self.repeat else {
                        return Err(SreError::State);
                    };
                    self.ptr = *ptr;
                    let count = self.repeats[r].count + 1;
                    let t = Self::top(stack);
                    t.u = r;
                    t.count = count;
                    let rp = self.repeats[r].pattern;
                    if count < self.c(rp + 1) as isize {
                        self.repeats[r].count = count;
                        let j = if o == op::MAX_UNTIL {
                            Jump::MaxUntil1
                        } else {
                            Jump::MinUntil1
                        };
                        return self.call(stack, *pc, *ptr, rp + 3, j, None);
                    }
                    if o == op::MAX_UNTIL {
                        return self.max_until_more(stack, *pc, *ptr);
                    }
                    self.repeat = self.repeats[r].prev;
                    self.save_lastmark(stack);
                    if self.repeat.is_some() {
                        self.mark_push(Self::top(stack).lastmark)?;
                    }
                    return self.call(stack, *pc, *ptr, *pc, Jump::MinUntil2, None);
                }
                op::POSSESSIVE_REPEAT => {
                    self.ptr = *ptr;
                    Self::top(stack).count = 0;
                    return self.poss_repeat_min(stack, pc, ptr);
                }
                op::ATOMIC_GROUP => {
                    self.ptr = *ptr;
                    return self.call(stack, *pc, *ptr, *pc + 1, Jump::AtomicGroup, Some(false));
                }
                op::GROUPREF => {
                    if !self.backref(arg, ptr, |c| c) {
                        return Ok(Mode::Ret(false));
                    }
                    *pc += 1;
                }
                op::GROUPREF_IGNORE => {
                    if !self.backref(arg, ptr, chars::lower_ascii) {
                        return Ok(Mode::Ret(false));
                    }
                    *pc += 1;
                }
                op::GROUPREF_UNI_IGNORE => {
                    if !self.backref(arg, ptr, chars::lower_unicode) {
                        return Ok(Mode::Ret(false));
                    }
                    *pc += 1;
                }
                op::GROUPREF_LOC_IGNORE => {
                    if !self.backref(arg, ptr, chars::lower_locale) {
                        return Ok(Mode::Ret(false));
                    }
                    *pc += 1;
                }
                op::GROUPREF_EXISTS => {
                    if self.groupref(arg).is_some() {
                        *pc += 2;
                    } else {
                        *pc += self.c(*pc + 1) as usize;
                    }
                }
                op::ASSERT => {
                    let back = self.c(*pc + 1) as isize;
                    if *ptr < back {
                        return Ok(Mode::Ret(false));
                    }
                    self.ptr = *ptr - back;
                    return self.call(stack, *pc, *ptr, *pc + 2, Jump::Assert, Some(false));
                }
                op::ASSERT_NOT => {
                    let back = self.c(*pc + 1) as isize;
                    if *ptr >= back {
                        self.ptr = *ptr - back;
                        self.save_lastmark(stack);
                        if self.repeat.is_some() {
                            self.mark_push(Self::top(stack).lastmark)?;
                        }
                        return self.call(stack, *pc, *ptr, *pc + 2, Jump::AssertNot, Some(false));
                    }
                    *pc += arg as usize;
                }
                _ => return Ok(Mode::Ret(false)),
            }
        }
    }

    /// Continues the top context after a child that it started with `jump` returned `ret`.
    pub(super) fn resume(
        &mut self,
        stack: &mut Vec<Ctx>,
        jump: Jump,
        ret: bool,
        pc: &mut usize,
        ptr: &mut isize,
    ) -> Step {
        let t = *Self::top(stack);
        let has_repeat = self.repeat.is_some();
        match jump {
            Jump::None => Ok(Mode::Ret(ret)),
            Jump::Branch => {
                if ret {
                    if has_repeat {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Ret(true));
                }
                if has_repeat {
                    self.mark_pop(t.lastmark, false);
                }
                self.restore_lastmark(stack);
                let next = *pc + self.c(*pc) as usize;
                self.branch_next(stack, next, *ptr)
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 | Jump::MinRepeatOne => {
                if ret {
                    if has_repeat {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Ret(true));
                }
                if has_repeat {
                    self.mark_pop(t.lastmark, false);
                }
                self.restore_lastmark(stack);
                match jump {
                    Jump::RepeatOne1 => {
                        Self::top(stack).count -= 1;
                        self.repeat_one_literal(stack, *pc, *ptr - 1)
                    }
                    Jump::RepeatOne2 => {
                        Self::top(stack).count -= 1;
                        self.repeat_one_general(stack, *pc, *ptr - 1)
                    }
                    _ => {
                        self.ptr = *ptr;
                        if self.count(*pc + 3, 1)? == 0 {
                            if self.repeat.is_some() {
                                self.mark_discard(t.lastmark);
                            }
                            return Ok(Mode::Ret(false));
                        }
                        Self::top(stack).count += 1;
                        self.min_repeat_one_next(stack, *pc, *ptr + 1)
                    }
                }
            }
            Jump::Repeat => {
                self.repeat = self.repeats[t.u].prev;
                self.repeats.truncate(t.u);
                Ok(Mode::Ret(ret))
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Ok(Mode::Ret(true));
                }
                self.repeats[t.u].count = t.count - 1;
                self.ptr = *ptr;
                Ok(Mode::Ret(false))
            }
            Jump::MaxUntil2 => {
                self.repeats[t.u].last_ptr = self.data.pop().unwrap_or(-1);
                if ret {
                    self.mark_discard(t.lastmark);
                    return Ok(Mode::Ret(true));
                }
                self.mark_pop(t.lastmark, true);
                self.restore_lastmark(stack);
                self.repeats[t.u].count = t.count - 1;
                self.ptr = *ptr;
                self.max_until_tail(stack, *pc, *ptr)
            }
            Jump::MaxUntil3 => {
                self.repeat = Some(t.u);
                if ret {
                    return Ok(Mode::Ret(true));
                }
                self.ptr = *ptr;
                Ok(Mode::Ret(false))
            }
            Jump::MinUntil2 => {
                let repeat_of_tail = self.repeat.is_some();
                self.repeat = Some(t.u);
                if ret {
                    if repeat_of_tail {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Ret(true));
                }
                if repeat_of_tail {
                    self.mark_pop(t.lastmark, true);
                }
                self.restore_lastmark(stack);
                self.ptr = *ptr;
                let r = self.repeats[t.u];
                let max = self.c(r.pattern + 2);
                if (t.count >= max as isize && max != MAXREPEAT) || self.ptr == r.last_ptr {
                    return Ok(Mode::Ret(false));
                }
                self.repeats[t.u].count = t.count;
                grow(&mut self.data, 1)?;
                self.data.push(r.last_ptr);
                self.repeats[t.u].last_ptr = self.ptr;
                self.call(stack, *pc, *ptr, r.pattern + 3, Jump::MinUntil3, None)
            }
            Jump::MinUntil3 => {
                self.repeats[t.u].last_ptr = self.data.pop().unwrap_or(-1);
                if ret {
                    return Ok(Mode::Ret(true));
                }
                self.repeats[t.u].count = t.count - 1;
                self.ptr = *ptr;
                Ok(Mode::Ret(false))
            }
            Jump::PossRepeat1 => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Mode::Ret(false));
                }
                Self::top(stack).count += 1;
                self.poss_repeat_min(stack, pc, ptr)
            }
            Jump::PossRepeat2 => {
                if ret {
                    self.mark_discard(t.lastmark);
                    Self::top(stack).count += 1;
                    return self.poss_repeat_more(stack, pc, ptr);
                }
                self.mark_pop(t.lastmark, true);
                self.restore_lastmark(stack);
                self.ptr = *ptr;
                *pc += self.c(*pc) as usize + 1;
                *ptr = self.ptr;
                Ok(Mode::Dispatch)
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.ptr = *ptr;
                    return Ok(Mode::Ret(false));
                }
                *pc += self.c(*pc) as usize;
                *ptr = self.ptr;
                Ok(Mode::Dispatch)
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Mode::Ret(false));
                }
                *pc += self.c(*pc) as usize;
                Ok(Mode::Dispatch)
            }
            Jump::AssertNot => {
                if ret {
                    if has_repeat {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Ret(false));
                }
                if has_repeat {
                    self.mark_pop(t.lastmark, true);
                }
                self.restore_lastmark(stack);
                *pc += self.c(*pc) as usize;
                Ok(Mode::Dispatch)
            }
        }
    }

    /// BRANCH: tries the alternative whose skip word is at `pc`, or fails after the last.
    fn branch_next(&mut self, stack: &mut Vec<Ctx>, mut pc: usize, ptr: isize) -> Step {
        let end = self.endi();
        loop {
            let skip = self.c(pc) as usize;
            if skip == 0 {
                if self.repeat.is_some() {
                    self.mark_discard(Self::top(stack).lastmark);
                }
                return Ok(Mode::Ret(false));
            }
            let first = self.c(pc + 1);
            let cannot = (first == op::LITERAL && (ptr >= end || self.ch(ptr) != self.c(pc + 2)))
                || (first == op::IN
                    && (ptr >= end || !chars::in_charset(self.code, pc + 3, self.ch(ptr))));
            if cannot {
                pc += skip;
                continue;
            }
            self.ptr = ptr;
            return self.call(stack, pc, ptr, pc + 1, Jump::Branch, None);
        }
    }

    /// REPEAT_ONE with a literal tail: backs off to the next place the literal occurs.
    fn repeat_one_literal(&mut self, stack: &mut Vec<Ctx>, pc: usize, mut ptr: isize) -> Step {
        let min = self.c(pc + 1) as isize;
        let chr = Self::top(stack).u as u32;
        let end = self.endi();
        let mut count = Self::top(stack).count;
        while count >= min && (ptr >= end || self.ch(ptr) != chr) {
            ptr -= 1;
            count -= 1;
        }
        Self::top(stack).count = count;
        if count < min {
            if self.repeat.is_some() {
                self.mark_discard(Self::top(stack).lastmark);
            }
            return Ok(Mode::Ret(false));
        }
        self.ptr = ptr;
        let tail = pc + self.c(pc) as usize;
        self.call(stack, pc, ptr, tail, Jump::RepeatOne1, None)
    }

    /// REPEAT_ONE, general tail: tries the tail after each count, longest first.
    fn repeat_one_general(&mut self, stack: &mut Vec<Ctx>, pc: usize, ptr: isize) -> Step {
        let min = self.c(pc + 1) as isize;
        if Self::top(stack).count < min {
            if self.repeat.is_some() {
                self.mark_discard(Self::top(stack).lastmark);
            }
            return Ok(Mode::Ret(false));
        }
        self.ptr = ptr;
        let tail = pc + self.c(pc) as usize;
        self.call(stack, pc, ptr, tail, Jump::RepeatOne2, None)
    }

    /// MIN_REPEAT_ONE: takes the minimum, then tries the tail.
    fn min_repeat_one_start(&mut self, stack: &mut Vec<Ctx>, pc: usize, mut ptr: isize) -> Step {
        let min = self.c(pc + 1);
        let mut count = 0;
        if min != 0 {
            count = self.count(pc + 3, min)?;
            if count < min as isize {
                return Ok(Mode::Ret(false));
            }
            ptr += count;
        }
        Self::top(stack).count = count;
        let t = *Self::top(stack);
        let end = self.endi();
        let tail = pc + self.c(pc) as usize;
        if self.c(tail) == op::SUCCESS
            && !(t.toplevel
                && ((self.match_all && ptr != end)
                    || (self.must_advance && ptr == self.start as isize)))
        {
            self.ptr = ptr;
            return Ok(Mode::Ret(true));
        }
        self.save_lastmark(stack);
        if self.repeat.is_some() {
            self.mark_push(Self::top(stack).lastmark)?;
        }
        self.min_repeat_one_next(stack, pc, ptr)
    }

    fn min_repeat_one_next(&mut self, stack: &mut Vec<Ctx>, pc: usize, ptr: isize) -> Step {
        let max = self.c(pc + 2);
        if max == MAXREPEAT || Self::top(stack).count <= max as isize {
            self.ptr = ptr;
            let tail = pc + self.c(pc) as usize;
            return self.call(stack, pc, ptr, tail, Jump::MinRepeatOne, None);
        }
        if self.repeat.is_some() {
            self.mark_discard(Self::top(stack).lastmark);
        }
        Ok(Mode::Ret(false))
    }

    /// MAX_UNTIL once the minimum is reached: one more item if allowed, else the tail.
    fn max_until_more(&mut self, stack: &mut Vec<Ctx>, pc: usize, ptr: isize) -> Step {
        let t = *Self::top(stack);
        let r = self.repeats[t.u];
        let max = self.c(r.pattern + 2);
        if (t.count < max as isize || max == MAXREPEAT) && self.ptr != r.last_ptr {
            self.repeats[t.u].count = t.count;
            self.save_lastmark(stack);
            self.mark_push(self.lastmark)?;
            grow(&mut self.data, 1)?;
            self.data.push(r.last_ptr);
            self.repeats[t.u].last_ptr = self.ptr;
            return self.call(stack, pc, ptr, r.pattern + 3, Jump::MaxUntil2, None);
        }
        self.max_until_tail(stack, pc, ptr)
    }

    fn max_until_tail(&mut self, stack: &mut Vec<Ctx>, pc: usize, ptr: isize) -> Step {
        let u = Self::top(stack).u;
        self.repeat = self.repeats[u].prev;
        self.call(stack, pc, ptr, pc, Jump::MaxUntil3, None)
    }

    /// POSSESSIVE_REPEAT: the required repetitions, one child each.
    fn poss_repeat_min(&mut self, stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut isize) -> Step {
        if Self::top(stack).count < self.c(*pc + 1) as isize {
            return self.call(stack, *pc, *ptr, *pc + 3, Jump::PossRepeat1, Some(false));
        }
        *ptr = -1;
        self.poss_repeat_more(stack, pc, ptr)
    }

    /// POSSESSIVE_REPEAT: further repetitions while they match and advance (`ptr` is where
    /// the previous one started), then the tail.
    fn poss_repeat_more(&mut self, stack: &mut Vec<Ctx>, pc: &mut usize, ptr: &mut isize) -> Step {
        let max = self.c(*pc + 2);
        let count = Self::top(stack).count;
        if (count < max as isize || max == MAXREPEAT) && self.ptr != *ptr {
            self.save_lastmark(stack);
            self.mark_push(self.lastmark)?;
            let here = self.ptr;
            return self.call(stack, *pc, here, *pc + 3, Jump::PossRepeat2, Some(false));
        }
        *pc += self.c(*pc) as usize + 1;
        *ptr = self.ptr;
        Ok(Mode::Dispatch)
    }
}
