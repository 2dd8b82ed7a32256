//! The write side of the buffered streams: `write`, and handing the write buffer to the raw
//! stream, with CPython's `BlockingIOError` for raw streams that would block.

use super::super::iobase::call_method;
use super::super::unsupported;
use super::{kind_of, open_raw, payload, rewind_reads, Kind};
use crate::object::ObjRef;
use crate::objects::{bytes, int, none, str as pystr};
use crate::vm::argparse::{index_arg, parse, Sig};
use crate::vm::{ops, PyResult, Vm};

/// `BlockingIOError(EAGAIN, "write could not complete without blocking", written)`.
fn blocking_error(vm: &Vm, written: usize) -> crate::vm::PyErr {
    let args = (|| -> PyResult<Vec<ObjRef>> {
        Ok(vec![
            int::new_int(vm, libc::EAGAIN as i64)?,
            pystr::new_str_vm(vm, "write could not complete without blocking")?,
            int::new_int(vm, written as i64)?,
        ])
    })();
    let cls = ObjRef::from_type(&crate::objects::exceptions::BLOCKING_IO_ERROR);
    match args.and_then(|a| ops::call(vm, &cls, &a, None)) {
        Ok(exc) => crate::vm::PyErr::new(exc),
        Err(e) => e,
    }
}

/// One raw write of `data`: the bytes taken, `None` when the raw stream would block.
fn raw_write(vm: &Vm, raw: &ObjRef, data: &[u8]) -> PyResult<Option<usize>> {
    let n = call_method(vm, raw, "write", &[bytes::new_bytes(vm, data)?])?;
    if none::is_none(&n) {
        return Ok(None);
    }
    let n = index_arg(vm, &n)?;
    if n < 0 || n as usize > data.len() {
        return Err(vm.new_error(
            &crate::objects::exceptions::OS_ERROR,
            &format!(
                "raw write() returned invalid length {n} (should have been between 0 and {})",
                data.len()
            ),
        ));
    }
    // A partial write may have been cut short by a signal: its handler runs before the next
    // write blocks again.
    crate::modules::signal::run_pending(vm)?;
    Ok(Some(n as usize))
}

/// Writes the pending bytes to the raw stream; `BlockingIOError` (0 written) when it would
/// block, with what it did not take still pending.
pub(super) fn flush_writes(vm: &Vm, obj: &ObjRef, raw: &ObjRef) -> PyResult<()> {
    let p = payload(vm, obj)?;
    loop {
        let pending = std::mem::take(&mut p.state.borrow_mut().wbuf);
        if pending.is_empty() {
            return Ok(());
        }
        let res = raw_write(vm, raw, &pending);
        let n = match &res {
            Ok(Some(n)) => *n,
            _ => 0,
        };
        let mut st = p.state.borrow_mut();
        let mut rest = pending[n..].to_vec();
        rest.extend_from_slice(&st.wbuf);
        st.wbuf = rest;
        drop(st);
        match res {
            Err(e) => return Err(e),
            Ok(None) => return Err(blocking_error(vm, 0)),
            Ok(Some(_)) => {}
        }
    }
}

pub(super) fn m_write(
    vm: &Vm,
    this: &ObjRef,
    args: &[ObjRef],
    kw: Option<&ObjRef>,
) -> PyResult<ObjRef> {
    let [b] = parse::<1>(vm, "write", Sig::Clinic(1, 1), args, kw)?;
    let b = b.unwrap_or_else(none::none);
    if kind_of(this) == Kind::Reader {
        return Err(unsupported(vm, "write"));
    }
    let data = crate::objects::bytes_methods::buffer_arg(vm, &b)?.into_owned();
    let raw = open_raw(vm, this, "write to closed file")
        .map_err(|_| vm.value_error("write to closed file"))?;
    if kind_of(this) == Kind::Random {
        rewind_reads(vm, this, &raw)?;
    }
    let p = payload(vm, this)?;
    let (fits, size) = {
        let st = p.state.borrow();
        (st.wbuf.len() + data.len() <= st.size, st.size)
    };
    if fits {
        p.state.borrow_mut().wbuf.extend_from_slice(&data);
        return int::new_int(vm, data.len() as i64);
    }
    // As CPython: what was pending goes first; a raw stream that would block takes into
    // the buffer what fits and reports how much of `data` that was.
    if let Err(e) = flush_writes(vm, this, &raw) {
        if !e.matches(&crate::objects::exceptions::BLOCKING_IO_ERROR) {
            return Err(e);
        }
        let mut st = p.state.borrow_mut();
        let avail = size.saturating_sub(st.wbuf.len());
        if data.len() <= avail {
            st.wbuf.extend_from_slice(&data);
            return int::new_int(vm, data.len() as i64);
        }
        st.wbuf.extend_from_slice(&data[..avail]);
        drop(st);
        return Err(blocking_error(vm, avail));
    }
    // Beyond a buffer's worth, the new bytes go straight to the raw stream.
    let mut written = 0;
    while data.len() - written > size {
        match raw_write(vm, &raw, &data[written..])? {
            Some(n) => written += n,
            None => {
                p.state
                    .borrow_mut()
                    .wbuf
                    .extend_from_slice(&data[written..written + size]);
                return Err(blocking_error(vm, written + size));
            }
        }
    }
    p.state
        .borrow_mut()
        .wbuf
        .extend_from_slice(&data[written..]);
    int::new_int(vm, data.len() as i64)
}
