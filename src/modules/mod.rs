//! Native modules: `builtins` now; `sys`, `gc`, `weakref`, ... with later issues.

pub mod builtins;
pub mod builtins_iter;
pub mod builtins_numeric;
pub mod math;
pub mod math_int;
pub mod math_special;
pub mod native;
pub mod pylib;
pub mod sys;
