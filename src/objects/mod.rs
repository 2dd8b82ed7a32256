//! The builtin types, one file each. Nothing here uses `unsafe`: payloads are reached through
//! `ObjRef::downcast`, and mutable state sits in the object core's cells.

pub mod asyncgen;
pub mod boolobj;
pub mod builtin_iters;
#[cfg(test)]
mod builtin_iters_tests;
pub mod bytearray;
pub mod bytes;
pub mod bytes_convert;
pub mod bytes_methods;
pub mod bytes_search;
pub mod cell;
pub mod classmro;
pub mod classobj;
pub mod code;
pub mod code_bytes;
pub mod codecs;
pub mod codecs_charmap;
pub mod codecs_decode;
pub mod codecs_encode;
pub mod codecs_errors;
pub mod complex;
pub mod coroutine;
pub mod descr;
pub mod dict;
pub mod dict_iter;
pub mod dict_methods;
#[cfg(test)]
mod dict_tests;
pub mod dict_views;
pub mod exception_group;
pub mod exceptions;
pub mod float;
pub mod float_methods;
pub mod format;
#[cfg(test)]
mod format_tests;
pub mod frameobj;
pub mod function;
pub mod generator;
pub mod genericalias;
pub mod genericalias_subst;
pub mod getset;
pub mod int;
pub mod int_bytes;
pub mod int_methods;
pub mod int_truediv;
pub mod iter;
pub mod list;
pub mod list_methods;
pub mod list_sort;
#[cfg(test)]
mod list_tests;
pub mod mappingproxy;
pub mod memoryview;
pub mod method;
pub mod module;
pub mod namespace;
pub mod none;
pub mod oserror;
pub mod printf;
pub mod range;
pub mod range_big;
pub mod reduce;
pub mod set;
pub mod set_ops;
#[cfg(test)]
mod set_tests;
pub mod setbases;
pub mod setclass;
pub mod slice;
pub mod slotwrapper;
pub mod slotwrapper_doc;
pub mod str;
pub mod str_format;
pub mod str_format_scan;
pub mod str_methods;
pub mod str_search;
pub mod str_surrogates;
pub mod stream;
pub mod stream_buffer;
pub mod structseq;
pub mod superobj;
#[cfg(test)]
pub(crate) mod testutil;
pub mod traceback;
pub mod tuple;
pub mod typetype;
pub mod unicode;
pub mod unicode_db;
pub mod union;
pub mod values_array;
pub mod weakproxy;
pub mod weakref;
pub mod wtf8;
