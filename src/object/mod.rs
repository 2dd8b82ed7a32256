//! The object core: headers, the strong handle, type objects and the heap.
//!
//! This module and `gc/` are the only places with `unsafe` above the allocators crate. Everything
//! in `objects/`, `vm/` and `modules/` uses the safe API here: [`new_object`] /
//! [`new_var_object`] to allocate, [`ObjRef`] to hold, `downcast` to reach a payload.
//!
//! See [`header`] for the layout diagram.

#![allow(unsafe_code)]

pub mod cells;
pub mod event_log;
pub mod handle;
pub mod header;
pub mod heap;
pub mod heaptype;
pub mod hooks;
pub mod layout;
pub mod operators;
pub mod traverse;
pub mod typecache;
pub mod typeobj;
pub mod weakref;

pub use cells::{ByteVec, DictTable, ObjCell, ObjVec, SetTable, TakeCell};
pub use handle::ObjRef;
pub use header::{GcHead, ObjHeader};
pub use heap::{Heap, HeapAlloc, HeapGuard};
pub use heaptype::{new_heap_type, HeapTypeExt, HeapTypeObject};
pub use layout::{
    new_object, new_var_object, new_var_object_array, new_var_object_copy, new_var_object_str,
    new_var_object_text, InlineItem, ItemCount, PyObj, PyVarObj, StaticObj, Utf8Byte,
};
pub use operators::{BinaryOp, CompareOp};
pub(crate) use traverse::traverse_nothing;
pub use traverse::{Traverse, Visitor};
pub use typeobj::{GetSetDef, MethodDef, NumberSlots, PayloadVTable, PyPayload, Slots, TypeObject};
