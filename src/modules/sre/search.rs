//! Searching: tries a match at each position, skipping ahead with the INFO block's literal
//! prefix (and its overlap table) or first-character set when the pattern has one, as
//! CPython's `SRE(search)` does.

use super::chars::{self, Subject};
use super::constants::{at, info, op};
use super::engine::{MatchResult, State};

impl<S: Subject + ?Sized> State<'_, S> {
    /// Matches the pattern anchored at `self.start` (the top level of `Pattern.match`).
    pub fn match_here(&mut self) -> MatchResult {
        self.ptr = self.start as isize;
        self.run(0, true)
    }

    /// Finds the first match at or after `self.start`; on success `self.start`/`self.ptr` span it.
    pub fn search(&mut self) -> MatchResult {
        let code = self.code;
        let w = |i: usize| chars::word(code, i);
        let mut ptr = self.start;
        let mut end = self.end;
        if ptr > end {
            return Ok(false);
        }
        let mut pc = 0;
        let mut flags = 0;
        let mut prefix: Option<(usize, usize, usize)> = None; // (len, skip, code index)
        let mut charset = None;
        if w(0) == op::INFO {
            flags = w(2);
            let min = w(3) as usize;
            if min != 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end = end.saturating_sub(min - 1).max(ptr);
            }
            if flags & info::PREFIX != 0 {
                prefix = Some((w(5) as usize, w(6) as usize, 7));
            } else if flags & info::CHARSET != 0 {
                charset = Some(5);
            }
            pc = 1 + w(1) as usize;
        }
        let s = self.s;
        if let Some((len, skip, at_prefix)) = prefix.filter(|p| p.0 >= 1) {
            end = self.end;
            if len == 1 {
                let c = w(at_prefix);
                self.must_advance = false;
                while ptr < end {
                    while s.at(ptr) != c {
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                    }
                    self.start = ptr;
                    self.ptr = (ptr + skip) as isize;
                    if flags & info::LITERAL != 0 {
                        return Ok(true);
                    }
                    if self.run(pc + 2 * skip, false)? {
                        return Ok(true);
                    }
                    ptr += 1;
                    self.reset();
                }
                return Ok(false);
            }
            if len > end - ptr {
                return Ok(false);
            }
            let overlap = at_prefix + len - 1;
            while ptr < end {
                let c = w(at_prefix);
                loop {
                    let here = s.at(ptr);
                    ptr += 1;
                    if here == c {
                        break;
                    }
                    if ptr >= end {
                        return Ok(false);
                    }
                }
                if ptr >= end {
                    return Ok(false);
                }
                let mut i = 1;
                self.must_advance = false;
                loop {
                    if s.at(ptr) == w(at_prefix + i) {
                        i += 1;
                        if i != len {
                            ptr += 1;
                            if ptr >= end {
                                return Ok(false);
                            }
                            continue;
                        }
                        self.start = ptr + 1 - len;
                        self.ptr = (ptr + 1 + skip - len) as isize;
                        if flags & info::LITERAL != 0 {
                            return Ok(true);
                        }
                        if self.run(pc + 2 * skip, false)? {
                            return Ok(true);
                        }
                        ptr += 1;
                        if ptr >= end {
                            return Ok(false);
                        }
                        self.reset();
                    }
                    i = w(overlap + i) as usize;
                    if i == 0 {
                        break;
                    }
                }
            }
            return Ok(false);
        }
        if let Some(set) = charset {
            end = self.end;
            self.must_advance = false;
            loop {
                while ptr < end && !chars::in_charset(code, set, s.at(ptr)) {
                    ptr += 1;
                }
                if ptr >= end {
                    return Ok(false);
                }
                self.start = ptr;
                self.ptr = ptr as isize;
                if self.run(pc, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.reset();
            }
        }
        self.start = ptr;
        self.ptr = ptr as isize;
        let mut status = self.run(pc, true)?;
        self.must_advance = false;
        if !status && w(pc) == op::AT && matches!(w(pc + 1), at::BEGINNING | at::BEGINNING_STRING) {
            self.start = end;
            self.ptr = end as isize;
            return Ok(false);
        }
        while !status && ptr < end {
            ptr += 1;
            self.reset();
            self.start = ptr;
            self.ptr = ptr as isize;
            status = self.run(pc, false)?;
        }
        Ok(status)
    }
}
