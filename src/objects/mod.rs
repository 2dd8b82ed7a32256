//! The builtin types, one file each. Nothing here uses `unsafe`: payloads are reached through
//! `ObjRef::downcast`, and mutable state sits in the object core's cells.

pub mod boolobj;
pub mod cell;
pub mod classobj;
pub mod code;
pub mod descr;
pub mod dict;
pub mod exceptions;
pub mod float;
pub mod function;
pub mod generator;
pub mod int;
pub mod iter;
pub mod list;
pub mod method;
pub mod none;
pub mod range;
pub mod slotwrapper;
pub mod str;
pub mod superobj;
pub mod tuple;
pub mod typetype;
