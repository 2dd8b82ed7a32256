//! The few system calls the safe wrappers of `nix` do not offer on a raw descriptor number
//! (Python code names descriptors by number, which `nix` 0.29's `AsFd` functions cannot take
//! without a borrow), plus `fork`, `_exit`, `sigaction` and `poll`.
//!
//! This is the only file of the system modules with `unsafe` code: each function is a thin
//! call into the C library with a `// SAFETY:` note; everything else goes through `nix` or
//! `std`. A bad descriptor number is not unsafe here: the kernel checks it and the call fails
//! with `EBADF`.

use nix::errno::Errno;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// The result of a call: the value, or the C library's `errno`.
pub type SysResult<T> = Result<T, Errno>;

fn check(ret: libc::c_long) -> SysResult<libc::c_long> {
    if ret == -1 {
        Err(Errno::last())
    } else {
        Ok(ret)
    }
}

/// `write(2)`.
#[allow(unsafe_code)]
pub fn write(fd: RawFd, buf: &[u8]) -> SysResult<usize> {
    // SAFETY: the pointer and length describe the live slice `buf`, which the kernel only reads.
    let n = unsafe { libc::write(fd, buf.as_ptr().cast(), buf.len()) };
    check(n as libc::c_long).map(|n| n as usize)
}

/// `ftruncate(2)`.
#[allow(unsafe_code)]
pub fn ftruncate(fd: RawFd, len: i64) -> SysResult<()> {
    // SAFETY: plain integers; no memory is passed.
    let r = unsafe { libc::ftruncate(fd, len) };
    check(r.into()).map(|_| ())
}

/// `ttyname_r(3)`: the path of the terminal open on `fd`.
#[allow(unsafe_code)]
pub fn ttyname(fd: RawFd) -> SysResult<Vec<u8>> {
    let mut buf = vec![0u8; 4096];
    // SAFETY: the pointer and length describe the live buffer `buf`, which the call fills with
    // a NUL-terminated string of at most its length.
    let r = unsafe { libc::ttyname_r(fd, buf.as_mut_ptr().cast(), buf.len()) };
    if r != 0 {
        return Err(Errno::from_raw(r));
    }
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    buf.truncate(end);
    Ok(buf)
}

/// The window size of the terminal on `fd` (`ioctl(TIOCGWINSZ)`): `(columns, lines)`.
#[allow(unsafe_code)]
pub fn winsize(fd: RawFd) -> SysResult<(u16, u16)> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize`, and `ws` is a live, writable one.
    let r = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws as *mut libc::winsize) };
    check(r.into()).map(|_| (ws.ws_col, ws.ws_row))
}

/// `fcntl(2)` with an integer argument (for the commands `nix` does not list).
#[allow(unsafe_code)]
pub fn fcntl_int(fd: RawFd, cmd: i32, arg: libc::c_long) -> SysResult<i32> {
    // SAFETY: the integer-argument form; commands taking pointers are refused by the caller.
    let r = unsafe { libc::fcntl(fd, cmd, arg) };
    check(r.into()).map(|r| r as i32)
}

/// `ioctl(2)` with an integer argument.
#[allow(unsafe_code)]
pub fn ioctl_int(fd: RawFd, request: libc::c_ulong, arg: libc::c_long) -> SysResult<i32> {
    // SAFETY: the integer-argument form; requests reading or writing memory through the
    // argument are the caller's to refuse (only integer requests are passed).
    let r = unsafe { libc::ioctl(fd, request as _, arg) };
    check(r.into()).map(|r| r as i32)
}

/// `fork(2)`: `0` in the child, the child's pid in the parent. The interpreter runs Python on
/// one thread, so the child may go on to `exec` as the C library allows. The heap's tracers
/// are brought up to date first (their counting threads are not in the child).
#[allow(unsafe_code)]
pub fn fork() -> SysResult<i32> {
    crate::object::heap::before_fork();
    // SAFETY: no other thread of this process holds locks the child would need before it
    // execs or exits (Python code runs on the interpreter's one thread; the tracers' counting
    // threads were just stopped, and the trace recorder's writer is never used by a child).
    let pid = unsafe { libc::fork() };
    check(pid.into()).map(|p| p as i32)
}

/// `_exit(2)`: ends the process now, with no clean-up.
#[allow(unsafe_code)]
pub fn exit_now(code: i32) -> ! {
    // SAFETY: `_exit` takes an integer and does not return.
    unsafe { libc::_exit(code) }
}

/// `waitpid(2)`: `(pid, raw status)`.
#[allow(unsafe_code)]
pub fn waitpid(pid: i32, options: i32) -> SysResult<(i32, i32)> {
    let mut status: libc::c_int = 0;
    // SAFETY: `status` is a live, writable int.
    let r = unsafe { libc::waitpid(pid, &mut status, options) };
    check(r.into()).map(|p| (p as i32, status))
}

/// `kill(2)` with any signal number (real-time ones included).
#[allow(unsafe_code)]
pub fn kill(pid: i32, sig: i32) -> SysResult<()> {
    // SAFETY: plain integers.
    let r = unsafe { libc::kill(pid, sig) };
    check(r.into()).map(|_| ())
}

/// `sysconf(3)`: `None` when the value is indeterminate.
#[allow(unsafe_code)]
pub fn sysconf(name: i32) -> SysResult<Option<i64>> {
    Errno::clear();
    // SAFETY: plain integer.
    let r = unsafe { libc::sysconf(name) };
    if r == -1 {
        let e = Errno::last();
        return if e as i32 == 0 { Ok(None) } else { Err(e) };
    }
    Ok(Some(r))
}

/// `confstr(3)`: `None` when the value is not set.
#[allow(unsafe_code)]
pub fn confstr(name: i32) -> SysResult<Option<Vec<u8>>> {
    let mut buf = vec![0u8; 1024];
    Errno::clear();
    // SAFETY: the pointer and length describe the live buffer `buf`.
    let n = unsafe { libc::confstr(name, buf.as_mut_ptr().cast(), buf.len()) };
    if n == 0 {
        let e = Errno::last();
        return if e as i32 == 0 { Ok(None) } else { Err(e) };
    }
    if n > buf.len() {
        buf.resize(n, 0);
        // SAFETY: as above, with the buffer grown to the size asked for.
        unsafe { libc::confstr(name, buf.as_mut_ptr().cast(), buf.len()) };
    }
    buf.truncate(n - 1);
    Ok(Some(buf))
}

/// `getlogin(3)`.
#[allow(unsafe_code)]
pub fn getlogin() -> SysResult<Vec<u8>> {
    Errno::clear();
    // SAFETY: `getlogin` returns null or a NUL-terminated string in static storage, which is
    // copied before any other call could overwrite it.
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        let e = Errno::last();
        return Err(if e as i32 == 0 { Errno::ENOTTY } else { e });
    }
    // SAFETY: `p` is a valid NUL-terminated string (see above).
    Ok(unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec())
}

/// One entry of a [`poll`] set.
pub type PollFd = libc::pollfd;

/// `poll(2)` over `fds`; `timeout_ms < 0` waits forever.
#[allow(unsafe_code)]
pub fn poll(fds: &mut [PollFd], timeout_ms: i32) -> SysResult<usize> {
    // SAFETY: the pointer and count describe the live, writable slice `fds`.
    let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout_ms) };
    check(r.into()).map(|n| n as usize)
}

// ---- signals ---------------------------------------------------------------------------

/// Highest signal number + 1 (Linux: 64 signals).
pub const NSIG: usize = 65;

/// Signals caught and not yet handled, by number.
static CAUGHT: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// Whether any signal is caught and not yet handled.
static ANY_CAUGHT: AtomicBool = AtomicBool::new(false);
/// `signal.set_wakeup_fd`'s descriptor (-1: none).
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    if let Some(flag) = CAUGHT.get(sig as usize) {
        flag.store(true, Ordering::SeqCst);
        ANY_CAUGHT.store(true, Ordering::SeqCst);
    }
    let fd = WAKEUP_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = [sig as u8];
        // The result is ignored, as CPython's handler ignores a full pipe.
        let _ = write(fd, &byte);
    }
}

/// What a signal does at the C level.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Disposition {
    /// `SIG_DFL`.
    Default,
    /// `SIG_IGN`.
    Ignore,
    /// Caught by the interpreter (the Python handler runs later).
    Catch,
    /// Something else installed the handler.
    Other,
}

/// Installs `disp` (not `Other`) for `sig`; returns the previous disposition.
#[allow(unsafe_code)]
pub fn set_disposition(sig: i32, disp: Disposition) -> SysResult<Disposition> {
    let handler = match disp {
        Disposition::Default | Disposition::Other => libc::SIG_DFL,
        Disposition::Ignore => libc::SIG_IGN,
        Disposition::Catch => on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t,
    };
    // SAFETY: `sigaction` structs are plain data; zeroed is a valid empty one.
    let mut act: libc::sigaction = unsafe { std::mem::zeroed() };
    act.sa_sigaction = handler;
    act.sa_flags = libc::SA_ONSTACK;
    // SAFETY: `sigaction` structs are plain data; zeroed is a valid empty one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live structs; the handler installed only touches atomics
    // and calls `write`, which are async-signal-safe.
    let r = unsafe { libc::sigaction(sig, &act, &mut old) };
    check(r.into())?;
    Ok(classify(old.sa_sigaction))
}

fn classify(h: libc::sighandler_t) -> Disposition {
    if h == libc::SIG_DFL {
        Disposition::Default
    } else if h == libc::SIG_IGN {
        Disposition::Ignore
    } else if h == on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t {
        Disposition::Catch
    } else {
        Disposition::Other
    }
}

/// The current disposition of `sig`.
#[allow(unsafe_code)]
pub fn disposition(sig: i32) -> SysResult<Disposition> {
    // SAFETY: `sigaction` structs are plain data; zeroed is a valid empty one.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: a null new action only reads the current one into the live `old`.
    let r = unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
    check(r.into())?;
    Ok(classify(old.sa_sigaction))
}

/// Whether a caught signal waits for its Python handler (cheap: one atomic load).
#[inline]
pub fn signal_pending() -> bool {
    ANY_CAUGHT.load(Ordering::Relaxed)
}

/// Takes the caught signals, lowest number first, clearing them.
pub fn take_caught() -> Vec<i32> {
    ANY_CAUGHT.store(false, Ordering::SeqCst);
    (1..NSIG)
        .filter(|&s| CAUGHT[s].swap(false, Ordering::SeqCst))
        .map(|s| s as i32)
        .collect()
}

/// Marks `sig` caught (as if delivered).
pub fn mark_caught(sig: i32) {
    if let Some(flag) = CAUGHT.get(sig as usize) {
        flag.store(true, Ordering::SeqCst);
        ANY_CAUGHT.store(true, Ordering::SeqCst);
    }
}

/// Sets the wakeup descriptor; returns the previous one.
pub fn set_wakeup_fd(fd: i32) -> i32 {
    WAKEUP_FD.swap(fd, Ordering::SeqCst)
}

/// `alarm(2)`.
#[allow(unsafe_code)]
pub fn alarm(secs: u32) -> u32 {
    // SAFETY: plain integer.
    unsafe { libc::alarm(secs) }
}

/// `times(2)`: `(user, system, children user, children system, elapsed)` in clock ticks.
#[allow(unsafe_code)]
pub fn times() -> SysResult<[i64; 5]> {
    let mut t = libc::tms {
        tms_utime: 0,
        tms_stime: 0,
        tms_cutime: 0,
        tms_cstime: 0,
    };
    // SAFETY: `t` is a live, writable `tms`.
    let r = unsafe { libc::times(&mut t) };
    if r == (-1i64) as libc::clock_t {
        return Err(Errno::last());
    }
    Ok([t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime, r])
}

// ---- sockets (`_socket`) ----------------------------------------------------------------

pub use nix::sys::socket::{SockaddrLike, SockaddrStorage};

/// `socket(2)`: a new descriptor.
#[allow(unsafe_code)]
pub fn socket(family: i32, kind: i32, proto: i32) -> SysResult<RawFd> {
    // SAFETY: plain integers; the kernel checks them.
    let r = unsafe { libc::socket(family, kind, proto) };
    check(r.into()).map(|r| r as RawFd)
}

/// `socketpair(2)`: two connected descriptors.
#[allow(unsafe_code)]
pub fn socketpair(family: i32, kind: i32, proto: i32) -> SysResult<(RawFd, RawFd)> {
    let mut fds: [libc::c_int; 2] = [-1, -1];
    // SAFETY: `fds` is a live, writable array of the two ints the call fills.
    let r = unsafe { libc::socketpair(family, kind, proto, fds.as_mut_ptr()) };
    check(r.into()).map(|_| (fds[0], fds[1]))
}

/// `listen(2)`.
#[allow(unsafe_code)]
pub fn listen(fd: RawFd, backlog: i32) -> SysResult<()> {
    // SAFETY: plain integers.
    let r = unsafe { libc::listen(fd, backlog) };
    check(r.into()).map(|_| ())
}

/// `shutdown(2)` with any `how` (the kernel checks it).
#[allow(unsafe_code)]
pub fn shutdown(fd: RawFd, how: i32) -> SysResult<()> {
    // SAFETY: plain integers.
    let r = unsafe { libc::shutdown(fd, how) };
    check(r.into()).map(|_| ())
}

/// `setsockopt(2)` with the option value as raw bytes.
#[allow(unsafe_code)]
pub fn setsockopt(fd: RawFd, level: i32, name: i32, value: &[u8]) -> SysResult<()> {
    // SAFETY: the pointer and length describe the live slice `value`, which the kernel only
    // reads.
    let r = unsafe {
        libc::setsockopt(
            fd,
            level,
            name,
            value.as_ptr().cast(),
            value.len() as libc::socklen_t,
        )
    };
    check(r.into()).map(|_| ())
}

/// `setsockopt(2)` with a null value and a length (`setsockopt(level, name, None, optlen)`).
#[allow(unsafe_code)]
pub fn setsockopt_null(fd: RawFd, level: i32, name: i32, len: u32) -> SysResult<()> {
    // SAFETY: a null value pointer is passed to the kernel, which checks it (EFAULT when the
    // option needs one); no memory of ours is touched.
    let r = unsafe { libc::setsockopt(fd, level, name, std::ptr::null(), len) };
    check(r.into()).map(|_| ())
}

/// `getsockopt(2)` into a buffer of `buflen` bytes; the bytes the kernel wrote.
#[allow(unsafe_code)]
pub fn getsockopt(fd: RawFd, level: i32, name: i32, buflen: usize) -> SysResult<Vec<u8>> {
    let mut buf = vec![0u8; buflen];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: the pointer and `len` describe the live, writable buffer `buf`; the kernel
    // writes at most `len` bytes and stores the count in `len`.
    let r = unsafe { libc::getsockopt(fd, level, name, buf.as_mut_ptr().cast(), &mut len) };
    check(r.into())?;
    buf.truncate(len as usize);
    Ok(buf)
}

/// An empty address buffer and its length, for the calls that return an address.
#[allow(unsafe_code)]
fn addr_buffer() -> (libc::sockaddr_storage, libc::socklen_t) {
    // SAFETY: `sockaddr_storage` is plain data; all zeroes is a valid (AF_UNSPEC) value.
    let storage: libc::sockaddr_storage = unsafe { std::mem::zeroed() };
    (
        storage,
        std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
    )
}

/// The address the kernel wrote into `storage` (`len` bytes), if it is one nix can read.
#[allow(unsafe_code)]
fn read_addr(storage: &libc::sockaddr_storage, len: libc::socklen_t) -> Option<SockaddrStorage> {
    // SAFETY: `storage` is a live `sockaddr_storage` of which the kernel filled `len` bytes
    // (at most its size); `from_raw` copies them.
    unsafe {
        SockaddrStorage::from_raw((storage as *const libc::sockaddr_storage).cast(), Some(len))
    }
}

/// `accept4(2)` with `SOCK_CLOEXEC`: the new descriptor and the peer's address.
#[allow(unsafe_code)]
pub fn accept(fd: RawFd) -> SysResult<(RawFd, Option<SockaddrStorage>)> {
    let (mut storage, mut len) = addr_buffer();
    // SAFETY: `storage` and `len` are a live, writable address buffer and its size.
    let r = unsafe {
        libc::accept4(
            fd,
            (&mut storage as *mut libc::sockaddr_storage).cast(),
            &mut len,
            libc::SOCK_CLOEXEC,
        )
    };
    let new = check(r.into())? as RawFd;
    Ok((new, read_addr(&storage, len)))
}

/// `connect(2)`.
#[allow(unsafe_code)]
pub fn connect(fd: RawFd, addr: &dyn SockaddrLike) -> SysResult<()> {
    // SAFETY: `addr` is a live address of `len()` bytes, which the kernel only reads.
    let r = unsafe { libc::connect(fd, addr.as_ptr(), addr.len()) };
    check(r.into()).map(|_| ())
}

/// `bind(2)`.
#[allow(unsafe_code)]
pub fn bind(fd: RawFd, addr: &dyn SockaddrLike) -> SysResult<()> {
    // SAFETY: `addr` is a live address of `len()` bytes, which the kernel only reads.
    let r = unsafe { libc::bind(fd, addr.as_ptr(), addr.len()) };
    check(r.into()).map(|_| ())
}

/// `getsockname(2)`.
#[allow(unsafe_code)]
pub fn getsockname(fd: RawFd) -> SysResult<Option<SockaddrStorage>> {
    let (mut storage, mut len) = addr_buffer();
    // SAFETY: `storage` and `len` are a live, writable address buffer and its size.
    let r = unsafe {
        libc::getsockname(
            fd,
            (&mut storage as *mut libc::sockaddr_storage).cast(),
            &mut len,
        )
    };
    check(r.into())?;
    Ok(read_addr(&storage, len))
}

/// `getpeername(2)`.
#[allow(unsafe_code)]
pub fn getpeername(fd: RawFd) -> SysResult<Option<SockaddrStorage>> {
    let (mut storage, mut len) = addr_buffer();
    // SAFETY: `storage` and `len` are a live, writable address buffer and its size.
    let r = unsafe {
        libc::getpeername(
            fd,
            (&mut storage as *mut libc::sockaddr_storage).cast(),
            &mut len,
        )
    };
    check(r.into())?;
    Ok(read_addr(&storage, len))
}

/// `send(2)`.
#[allow(unsafe_code)]
pub fn send(fd: RawFd, buf: &[u8], flags: i32) -> SysResult<usize> {
    // SAFETY: the pointer and length describe the live slice `buf`, which the kernel only reads.
    let r = unsafe { libc::send(fd, buf.as_ptr().cast(), buf.len(), flags) };
    check(r as libc::c_long).map(|n| n as usize)
}

/// `sendto(2)`.
#[allow(unsafe_code)]
pub fn sendto(fd: RawFd, buf: &[u8], flags: i32, addr: &dyn SockaddrLike) -> SysResult<usize> {
    // SAFETY: `buf` and `addr` are live and of the lengths passed; the kernel only reads them.
    let r = unsafe {
        libc::sendto(
            fd,
            buf.as_ptr().cast(),
            buf.len(),
            flags,
            addr.as_ptr(),
            addr.len(),
        )
    };
    check(r as libc::c_long).map(|n| n as usize)
}

/// `recv(2)` into `buf`: the count received.
#[allow(unsafe_code)]
pub fn recv(fd: RawFd, buf: &mut [u8], flags: i32) -> SysResult<usize> {
    // SAFETY: the pointer and length describe the live, writable slice `buf`.
    let r = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) };
    check(r as libc::c_long).map(|n| n as usize)
}

/// `recvfrom(2)` into `buf`: the count received and the sender's address.
#[allow(unsafe_code)]
pub fn recvfrom(
    fd: RawFd,
    buf: &mut [u8],
    flags: i32,
) -> SysResult<(usize, Option<SockaddrStorage>)> {
    let (mut storage, mut len) = addr_buffer();
    // SAFETY: `buf` is a live, writable slice of the length passed; `storage` and `len` a
    // live, writable address buffer and its size.
    let r = unsafe {
        libc::recvfrom(
            fd,
            buf.as_mut_ptr().cast(),
            buf.len(),
            flags,
            (&mut storage as *mut libc::sockaddr_storage).cast(),
            &mut len,
        )
    };
    let n = check(r as libc::c_long)? as usize;
    let addr = if len == 0 {
        None
    } else {
        read_addr(&storage, len)
    };
    Ok((n, addr))
}

/// One answer of `getaddrinfo(3)`.
pub struct AddrInfo {
    /// `ai_family`.
    pub family: i32,
    /// `ai_socktype`.
    pub socktype: i32,
    /// `ai_protocol`.
    pub protocol: i32,
    /// `ai_canonname` (empty when absent).
    pub canonname: Vec<u8>,
    /// `ai_addr`.
    pub addr: Option<SockaddrStorage>,
}

/// `getaddrinfo(3)`: the answers, or the `EAI_*` code (with `errno` for `EAI_SYSTEM`).
#[allow(unsafe_code)]
pub fn getaddrinfo(
    host: Option<&std::ffi::CStr>,
    service: Option<&std::ffi::CStr>,
    family: i32,
    socktype: i32,
    protocol: i32,
    flags: i32,
) -> Result<Vec<AddrInfo>, (i32, Errno)> {
    // SAFETY: `addrinfo` is plain data; all zeroes (null pointers) is a valid empty hint.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = protocol;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: the strings are live and NUL-terminated (or null), `hints` is live, and `res`
    // receives a list that is freed below with `freeaddrinfo`.
    let r = unsafe {
        libc::getaddrinfo(
            host.map_or(std::ptr::null(), |h| h.as_ptr()),
            service.map_or(std::ptr::null(), |s| s.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if r != 0 {
        return Err((r, Errno::last()));
    }
    let mut out = Vec::new();
    let mut cur = res;
    while !cur.is_null() {
        // SAFETY: `cur` is a node of the list `getaddrinfo` returned, not yet freed; its
        // `ai_canonname` is null or a NUL-terminated string, its `ai_addr` null or an address
        // of `ai_addrlen` bytes, both owned by the list.
        let (info, next) = unsafe {
            let ai = &*cur;
            let canonname = if ai.ai_canonname.is_null() {
                Vec::new()
            } else {
                std::ffi::CStr::from_ptr(ai.ai_canonname)
                    .to_bytes()
                    .to_vec()
            };
            let addr = if ai.ai_addr.is_null() {
                None
            } else {
                SockaddrStorage::from_raw(ai.ai_addr, Some(ai.ai_addrlen))
            };
            (
                AddrInfo {
                    family: ai.ai_family,
                    socktype: ai.ai_socktype,
                    protocol: ai.ai_protocol,
                    canonname,
                    addr,
                },
                ai.ai_next,
            )
        };
        out.push(info);
        cur = next;
    }
    if !res.is_null() {
        // SAFETY: `res` is the list `getaddrinfo` returned, freed once, and no reference into
        // it outlives this call (everything was copied).
        unsafe { libc::freeaddrinfo(res) };
    }
    Ok(out)
}

/// `gai_strerror(3)`: the message of an `EAI_*` code.
#[allow(unsafe_code)]
pub fn gai_strerror(code: i32) -> String {
    // SAFETY: `gai_strerror` returns a pointer to a static NUL-terminated string.
    let p = unsafe { libc::gai_strerror(code) };
    if p.is_null() {
        return format!("Unknown error {code}");
    }
    // SAFETY: `p` is non-null and points to a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned()
}

/// `getnameinfo(3)`: `(host, service)`, or the `EAI_*` code (with `errno` for `EAI_SYSTEM`).
#[allow(unsafe_code)]
pub fn getnameinfo(
    addr: &dyn SockaddrLike,
    flags: i32,
) -> Result<(Vec<u8>, Vec<u8>), (i32, Errno)> {
    let mut host = vec![0u8; 1025];
    let mut serv = vec![0u8; 32];
    // SAFETY: `addr` is a live address of `len()` bytes; `host` and `serv` are live, writable
    // buffers of the lengths passed, which the call fills with NUL-terminated strings.
    let r = unsafe {
        libc::getnameinfo(
            addr.as_ptr(),
            addr.len(),
            host.as_mut_ptr().cast(),
            host.len() as libc::socklen_t,
            serv.as_mut_ptr().cast(),
            serv.len() as libc::socklen_t,
            flags,
        )
    };
    if r != 0 {
        return Err((r, Errno::last()));
    }
    for b in [&mut host, &mut serv] {
        let end = b.iter().position(|c| *c == 0).unwrap_or(b.len());
        b.truncate(end);
    }
    Ok((host, serv))
}
