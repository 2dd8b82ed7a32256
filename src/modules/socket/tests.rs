//! Unit tests of `_socket`: the address helpers on their own, and programs (each in a fresh
//! interpreter checked for leaks) whose expected output is CPython's.

use super::resolve::{format_ipv6, inet_aton};
use crate::objects::testutil::run_ok;

#[test]
fn inet_aton_follows_glibc() {
    assert_eq!(inet_aton("1.2.3.4"), Some([1, 2, 3, 4]));
    assert_eq!(inet_aton("1.2.3"), Some([1, 2, 0, 3]));
    assert_eq!(inet_aton("1.2"), Some([1, 0, 0, 2]));
    assert_eq!(inet_aton("0x7f.1"), Some([127, 0, 0, 1]));
    assert_eq!(inet_aton("010.0.0.1"), Some([8, 0, 0, 1]));
    assert_eq!(inet_aton("4294967295"), Some([255, 255, 255, 255]));
    assert_eq!(inet_aton("1.2.3.4 trailing"), Some([1, 2, 3, 4]));
    assert_eq!(inet_aton("256.1.1.1"), None);
    assert_eq!(inet_aton("1.2.3.4.5"), None);
    assert_eq!(inet_aton("1..2"), None);
    assert_eq!(inet_aton("x"), None);
    assert_eq!(inet_aton("08"), None);
    assert_eq!(inet_aton("1.2.65536"), None);
}

#[test]
fn ipv6_text_is_glibc_s() {
    let mut b = [0u8; 16];
    assert_eq!(format_ipv6(&b), "::");
    b[15] = 1;
    assert_eq!(format_ipv6(&b), "::1");
    b[12..].copy_from_slice(&[1, 2, 3, 4]);
    assert_eq!(format_ipv6(&b), "::1.2.3.4");
    b[10] = 0xff;
    b[11] = 0xff;
    assert_eq!(format_ipv6(&b), "::ffff:1.2.3.4");
    let mut c = [0u8; 16];
    c[1] = 1;
    c[5] = 1;
    assert_eq!(format_ipv6(&c), "1:0:1::");
    c[15] = 0xab;
    assert_eq!(format_ipv6(&c), "1:0:1::ab");
    let d: Vec<u8> = (1..=16).collect();
    assert_eq!(
        format_ipv6(&d.try_into().unwrap()),
        "102:304:506:708:90a:b0c:d0e:f10"
    );
}

#[test]
fn byte_order_and_address_text() {
    let out = run_ok(
        "import _socket as S\n\
         def t(f):\n\
         \x20   try: print(repr(f()))\n\
         \x20   except Exception as e: print(type(e).__name__, e)\n\
         t(lambda: S.htons(1)); t(lambda: S.ntohl(1)); t(lambda: S.htons(-1))\n\
         t(lambda: S.htonl(2**32)); t(lambda: S.htonl('x'))\n\
         t(lambda: S.inet_aton('1.2.3')); t(lambda: S.inet_aton(b'1'))\n\
         t(lambda: S.inet_ntoa(b'\\x7f\\0\\0\\1')); t(lambda: S.inet_ntoa(b'12'))\n\
         t(lambda: S.inet_pton(S.AF_INET6, '::ffff:1.2.3.4'))\n\
         t(lambda: S.inet_pton(S.AF_INET, '01.2.3.4')); t(lambda: S.inet_pton(99, 'x'))\n\
         t(lambda: S.inet_ntop(S.AF_INET6, bytes(16))); t(lambda: S.inet_ntop(S.AF_INET, b'1'))\n",
    );
    assert_eq!(
        out,
        "256\n16777216\n\
         OverflowError htons: can't convert negative Python int to C 16-bit unsigned integer\n\
         OverflowError int larger than 32 bits\n\
         TypeError expected int, str found\n\
         b'\\x01\\x02\\x00\\x03'\n\
         TypeError inet_aton() argument 1 must be str, not bytes\n\
         '127.0.0.1'\n\
         OSError packed IP wrong length for inet_ntoa\n\
         b'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\xff\\xff\\x01\\x02\\x03\\x04'\n\
         OSError illegal IP address string passed to inet_pton\n\
         OSError [Errno 97] Address family not supported by protocol\n\
         '::'\n\
         ValueError invalid length of packed IP address string\n"
    );
}

#[test]
fn socketpair_sends_and_receives() {
    let out = run_ok(
        "import _socket as S\n\
         a, b = S.socketpair()\n\
         print(a.family == S.AF_UNIX, a.type == S.SOCK_STREAM, a.proto, a.timeout)\n\
         print(a.send(b'abc'), b.recv(10))\n\
         buf = bytearray(5)\n\
         a.sendall(b'xy'); print(b.recv_into(buf), buf)\n\
         b.setblocking(False); print(b.getblocking(), b.gettimeout())\n\
         try: b.recv(1)\n\
         except BlockingIOError as e: print('blocking', e.errno == 11)\n\
         b.settimeout(0.01)\n\
         try: b.recv(1)\n\
         except TimeoutError as e: print(type(e).__name__, e)\n\
         a.close(); print(b.recv(1), a.fileno())\n\
         try: a.send(b'x')\n\
         except OSError as e: print(e)\n\
         print(repr(a))\n\
         fd = b.detach(); print(b.fileno()); S.close(fd)\n",
    );
    assert_eq!(
        out,
        "True True 0 None\n3 b'abc'\n2 bytearray(b'xy\\x00\\x00\\x00')\nFalse 0.0\n\
         blocking True\nTimeoutError timed out\nb'' -1\n[Errno 9] Bad file descriptor\n\
         <socket object, fd=-1, family=1, type=1, proto=0>\n-1\n"
    );
}

#[test]
fn tcp_on_the_loopback() {
    let out = run_ok(
        "import _socket as S\n\
         srv = S.socket(S.AF_INET, S.SOCK_STREAM)\n\
         srv.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1)\n\
         print(srv.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR))\n\
         srv.bind(('127.0.0.1', 0)); srv.listen()\n\
         host, port = srv.getsockname(); print(host, port > 0)\n\
         c = S.socket()\n\
         print(c.connect_ex(('127.0.0.1', port)))\n\
         fd, addr = srv._accept()\n\
         conn = S.socket(fileno=fd)\n\
         print(conn.family == S.AF_INET, conn.type == S.SOCK_STREAM, addr == c.getsockname())\n\
         c.sendall(b'ping'); print(conn.recv(4))\n\
         conn.sendall(b'pong'); print(c.recvfrom(4)[0])\n\
         for s in (c, conn, srv): s.close()\n\
         try: S.socket().connect(('127.0.0.1', port))\n\
         except ConnectionRefusedError as e: print(type(e).__name__, e.errno)\n\
         try: srv.bind('x')\n\
         except TypeError as e: print(e)\n\
         try: S.socket().bind(('127.0.0.1', 70000))\n\
         except OverflowError as e: print(e)\n",
    );
    assert_eq!(
        out,
        "1\n127.0.0.1 True\n0\nTrue True True\nb'ping'\nb'pong'\n\
         ConnectionRefusedError 111\n\
         bind(): AF_INET address must be tuple, not str\n\
         bind(): port must be 0-65535.\n"
    );
}

#[test]
fn resolution_and_errors() {
    let out = run_ok(
        "import _socket as S\n\
         print(S.getaddrinfo('127.0.0.1', 80, type=S.SOCK_STREAM))\n\
         print(S.getaddrinfo('::1', '80', S.AF_INET6, S.SOCK_STREAM))\n\
         print(S.gethostbyname('127.0.0.1'))\n\
         print(S.getnameinfo(('127.0.0.1', 80), S.NI_NUMERICHOST | S.NI_NUMERICSERV))\n\
         try: S.getaddrinfo('127.0.0.1', 1.5)\n\
         except OSError as e: print(e)\n\
         try: S.getaddrinfo('x', 80, flags=S.AI_NUMERICHOST)\n\
         except S.gaierror as e: print(type(e).__module__, e.errno)\n\
         print(S.error is OSError, S.timeout is TimeoutError, S.SocketType is S.socket)\n\
         print(S.getdefaulttimeout()); S.setdefaulttimeout(2.5)\n\
         s = S.socket(); print(s.gettimeout()); s.close(); S.setdefaulttimeout(None)\n\
         try: S.setdefaulttimeout(-1)\n\
         except ValueError as e: print(e)\n",
    );
    assert_eq!(
        out,
        "[(2, 1, 6, '', ('127.0.0.1', 80))]\n\
         [(10, 1, 6, '', ('::1', 80, 0, 0))]\n\
         127.0.0.1\n('127.0.0.1', '80')\nInt or String expected\nsocket -2\n\
         True True True\nNone\n2.5\nTimeout value out of range\n"
    );
}

#[test]
fn subclasses_initialise_through_init() {
    let out = run_ok(
        "import _socket as S\n\
         class T(S.socket):\n\
         \x20   __slots__ = ('extra',)\n\
         \x20   def __init__(self, family=-1, type=-1, proto=-1, fileno=None):\n\
         \x20       S.socket.__init__(self, family, type, proto, fileno)\n\
         \x20       self.extra = 1\n\
         t = T(S.AF_UNIX, S.SOCK_DGRAM)\n\
         print(t.family == S.AF_UNIX, t.type == S.SOCK_DGRAM, t.extra, t.fileno() > 2)\n\
         t.close()\n\
         class U(S.socket): pass\n\
         u = U(); print(u.family == S.AF_INET, u.fileno() > 2); u.close()\n\
         try: S.socket(fileno=-1)\n\
         except ValueError as e: print(e)\n",
    );
    assert_eq!(
        out,
        "True True 1 True\nTrue True\nnegative file descriptor\n"
    );
}
