//! Python exceptions as Rust errors: [`PyErr`] carries the exception instance.

use super::Vm;
use crate::object::ObjRef;
use crate::object::TypeObject;
use crate::objects::exceptions;
use crate::objects::wtf8::{Wtf8, Wtf8Buf};
use arenapy_allocators::AllocError;

/// A raised Python exception (the instance, whose type is a subclass of `BaseException`).
#[derive(Debug, Clone)]
pub struct PyErr {
    /// The exception instance.
    pub exc: ObjRef,
}

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// Wraps an exception instance.
    pub fn new(exc: ObjRef) -> PyErr {
        PyErr { exc }
    }

    /// Whether the exception is an instance of `ty` (or a subclass).
    pub fn matches(&self, ty: &TypeObject) -> bool {
        self.exc.is_instance(ty)
    }
}

impl Vm {
    /// A new exception of type `ty` with one string argument (or none if `msg` is empty and
    /// `ty` is usually raised bare, e.g. `StopIteration`).
    pub fn new_error(&self, ty: &TypeObject, msg: &str) -> PyErr {
        match exceptions::new_exception_msg(ty, msg) {
            Ok(exc) => PyErr::new(exc),
            Err(_) => self.memory_error_err(),
        }
    }

    /// A new exception of type `ty` with the given argument objects.
    pub fn new_error_args(&self, ty: &TypeObject, args: Vec<ObjRef>) -> PyErr {
        match exceptions::new_exception(ty, args) {
            Ok(exc) => PyErr::new(exc),
            Err(_) => self.memory_error_err(),
        }
    }

    /// A new exception of type `ty` whose message is `parts` joined: text that may hold a
    /// lone surrogate (a name taken from a str object), which `new_error` cannot carry.
    pub fn new_error_text(&self, ty: &TypeObject, parts: &[Wtf8<'_>]) -> PyErr {
        let mut msg = Wtf8Buf::new();
        for p in parts {
            msg.push_wtf8(*p);
        }
        match crate::objects::str::new_str_wtf8_vm(self, msg.as_wtf8()) {
            Ok(m) => self.new_error_args(ty, vec![m]),
            Err(e) => e,
        }
    }

    /// The preallocated `MemoryError` instance, raised when the heap is exhausted.
    pub fn memory_error_err(&self) -> PyErr {
        PyErr::new(self.memory_error.clone())
    }

    /// Converts an allocation failure into `MemoryError`.
    pub fn alloc_err(&self, _e: AllocError) -> PyErr {
        self.memory_error_err()
    }

    /// `TypeError(msg)`.
    pub fn type_error(&self, msg: &str) -> PyErr {
        self.new_error(&exceptions::TYPE_ERROR, msg)
    }

    /// `ValueError(msg)`.
    pub fn value_error(&self, msg: &str) -> PyErr {
        self.new_error(&exceptions::VALUE_ERROR, msg)
    }

    /// `IndexError(msg)`.
    pub fn index_error(&self, msg: &str) -> PyErr {
        self.new_error(&exceptions::INDEX_ERROR, msg)
    }

    /// `KeyError(key)`.
    pub fn key_error(&self, key: ObjRef) -> PyErr {
        self.new_error_args(&exceptions::KEY_ERROR, vec![key])
    }

    /// `ZeroDivisionError(msg)`.
    pub fn zero_division(&self, msg: &str) -> PyErr {
        self.new_error(&exceptions::ZERO_DIVISION_ERROR, msg)
    }

    /// `OverflowError(msg)`.
    pub fn overflow_error(&self, msg: &str) -> PyErr {
        self.new_error(&exceptions::OVERFLOW_ERROR, msg)
    }

    /// `NameError("name 'x' is not defined")`, its `name` set to the name.
    pub fn name_error(&self, name: &str) -> PyErr {
        let err = self.new_error(
            &exceptions::NAME_ERROR,
            &format!("name '{name}' is not defined"),
        );
        if let Ok(n) = crate::objects::str::new_str(name) {
            // Without memory for the name the error simply carries none.
            let _ = exceptions::set_field(&err.exc, exceptions::NAME_ERROR_FIELDS, "name", Some(n));
        }
        err
    }

    /// `AttributeError` for a missing attribute, with CPython's wording.
    pub fn attribute_error(&self, obj: &ObjRef, name: &str) -> PyErr {
        self.new_error(
            &exceptions::ATTRIBUTE_ERROR,
            &format!(
                "'{}' object has no attribute '{}'",
                obj.ob_type().name(),
                name
            ),
        )
    }

    /// `StopIteration()`.
    pub fn stop_iteration(&self) -> PyErr {
        self.new_error_args(&exceptions::STOP_ITERATION, Vec::new())
    }
}

/// Extension for turning allocation results into Python results.
pub trait AllocResultExt<T> {
    /// Maps an allocation failure to `MemoryError`.
    fn or_mem(self, vm: &Vm) -> PyResult<T>;
}

impl<T> AllocResultExt<T> for Result<T, AllocError> {
    #[inline]
    fn or_mem(self, vm: &Vm) -> PyResult<T> {
        self.map_err(|e| vm.alloc_err(e))
    }
}
