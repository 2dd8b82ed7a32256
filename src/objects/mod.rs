//! The builtin types, one file each. Nothing here uses `unsafe`: payloads are reached through
//! `ObjRef::downcast`, and mutable state sits in the object core's cells.

pub mod boolobj;
pub mod builtin_iters;
#[cfg(test)]
mod builtin_iters_tests;
pub mod code;
pub mod dict;
pub mod dict_methods;
#[cfg(test)]
mod dict_tests;
pub mod dict_views;
pub mod descriptor;
pub mod exceptions;
pub mod float;
pub mod function;
pub mod int;
pub mod iter;
pub mod list;
pub mod list_methods;
pub mod list_sort;
#[cfg(test)]
mod list_tests;
pub mod none;
pub mod range;
pub mod set;
pub mod set_ops;
#[cfg(test)]
mod set_tests;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod typetype;
#[cfg(test)]
pub(crate) mod testutil;
