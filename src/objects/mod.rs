//! The builtin types, one file each. Nothing here uses `unsafe`: payloads are reached through
//! `ObjRef::downcast`, and mutable state sits in the object core's cells.

pub mod boolobj;
pub mod cell;
pub mod classobj;
pub mod code;
pub mod descr;
pub mod complex;
pub mod dict;
pub mod exceptions;
pub mod float;
pub mod float_methods;
pub mod format;
pub mod function;
pub mod generator;
pub mod int;
pub mod int_methods;
pub mod iter;
pub mod list;
pub mod method;
pub mod none;
pub mod printf;
pub mod range;
pub mod slotwrapper;
pub mod str;
pub mod superobj;
pub mod str_format;
pub mod str_methods;
pub mod str_search;
pub mod tuple;
pub mod typetype;
pub mod unicode;
pub mod unicode_db;
