//! Descriptors: `method_descriptor` (a builtin type's method seen through its class),
//! `property`, `classmethod`, `staticmethod` and `member_descriptor` (one `__slots__` entry).

mod member;
mod method_descr;
mod property;
mod wrapper;

pub use member::*;
pub use method_descr::*;
pub use property::*;
pub use wrapper::*;
