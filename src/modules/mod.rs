//! Native modules: `builtins` now; `sys`, `gc`, `weakref`, ... with later issues.

pub mod builtins;
pub mod builtins_exec;
pub mod builtins_iter;
pub mod builtins_numeric;
pub mod gc;
pub mod native;
pub mod pylib;
pub mod sys;
pub mod weakref_native;
