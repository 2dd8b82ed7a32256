//! Native modules: `builtins` now; `sys`, `gc`, `weakref`, ... with later issues.

pub mod builtins;
pub mod builtins_async;
pub mod builtins_exec;
pub mod builtins_iter;
pub mod builtins_numeric;
pub mod gc;
pub mod io_native;
pub mod itertools;
pub mod itertools_comb;
pub mod itertools_more;
pub mod math;
pub mod math_int;
pub mod math_special;
pub mod native;
pub mod operator;
pub mod operator_types;
pub mod pylib;
pub mod random;
pub mod random_dist;
pub mod random_seq;
pub mod sys;
pub mod sys_hooks;
pub mod sys_stdlib_names;
pub mod time;
pub mod tracemalloc;
pub mod weakref_native;
