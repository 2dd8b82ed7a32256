//! Golden `dis` listings for the main statement shapes, hard-coded.
//!
//! Each was compared with CPython 3.11's `dis` of the same source (scripts/dis_shapes.py
//! normalizes both): the instruction sequences agree except where arenapy's design
//! differs on purpose (no `PRECALL`/`CACHE`, `PUSH_NULL` before `LOAD_GLOBAL` instead of
//! its low bit, `KW_NAMES` kept in listings) and where CPython moves cold exception-cleanup
//! blocks to the end or duplicates a small exit block (arenapy keeps them in place).

use arenapy::compiler::{compile, dis::disassemble, Mode};

fn dis(src: &str) -> String {
    disassemble(&compile(src, "x.py", Mode::Exec).expect("compiles"))
}

/// try/except/else/finally with a bound name: exception table, PUSH_EXC_INFO, POP_EXCEPT, the name cleared.
/// The copy of the finally body inlined before `return e` (44-52) is outside every handler, as
/// in CPython: leaving the handler ended the ranges of the handler's and the try's handlers.
#[test]
fn try_except_finally() {
    let src = r#"def f(x):
    try:
        a = x()
    except ValueError as e:
        return e
    except Exception:
        pass
    else:
        a += 1
    finally:
        print("done")
    return a
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RESUME                   0

  2           2 NOP

  3           4 PUSH_NULL
              6 LOAD_FAST                0 (x)
              8 CALL                     0
             10 STORE_FAST               1 (a)

  9          12 LOAD_FAST                1 (a)
             14 LOAD_CONST               1 (1)
             16 BINARY_OP               13 (+=)
             18 STORE_FAST               1 (a)
             20 JUMP_FORWARD            42 (to 84)

  2     >>   22 PUSH_EXC_INFO

  4          24 LOAD_GLOBAL              0 (ValueError)
             26 CHECK_EXC_MATCH
             28 POP_JUMP_IF_FALSE       32 (to 64)
             30 STORE_FAST               2 (e)

  5          32 LOAD_FAST                2 (e)
             34 SWAP                     2
             36 POP_EXCEPT
             38 LOAD_CONST               0 (None)
             40 STORE_FAST               2 (e)
             42 DELETE_FAST              2 (e)

 11          44 PUSH_NULL
             46 LOAD_GLOBAL              1 (print)
             48 LOAD_CONST               2 ('done')
             50 CALL                     1
             52 POP_TOP

  5          54 RETURN_VALUE
        >>   56 LOAD_CONST               0 (None)
             58 STORE_FAST               2 (e)
             60 DELETE_FAST              2 (e)
             62 RERAISE                  1

  6     >>   64 LOAD_GLOBAL              2 (Exception)
             66 CHECK_EXC_MATCH
             68 POP_JUMP_IF_FALSE       38 (to 76)
             70 POP_TOP

  7          72 POP_EXCEPT
             74 JUMP_FORWARD            42 (to 84)
        >>   76 RERAISE                  0
        >>   78 COPY                     3
             80 POP_EXCEPT
             82 RERAISE                  1

 11     >>   84 PUSH_NULL
             86 LOAD_GLOBAL              1 (print)
             88 LOAD_CONST               2 ('done')
             90 CALL                     1
             92 POP_TOP
             94 JUMP_FORWARD            58 (to 116)

  2     >>   96 PUSH_EXC_INFO

 11          98 PUSH_NULL
            100 LOAD_GLOBAL              1 (print)
            102 LOAD_CONST               2 ('done')
            104 CALL                     1
            106 POP_TOP
            108 RERAISE                  0
        >>  110 COPY                     3
            112 POP_EXCEPT
            114 RERAISE                  1

 12     >>  116 LOAD_FAST                1 (a)
            118 RETURN_VALUE
ExceptionTable:
  2 to 2 -> 96 [0]
  4 to 10 -> 22 [0]
  12 to 20 -> 96 [0]
  22 to 30 -> 78 [1] lasti
  32 to 32 -> 56 [1] lasti
  34 to 42 -> 96 [0]
  54 to 54 -> 56 [1] lasti
  56 to 76 -> 78 [1] lasti
  78 to 82 -> 96 [0]
  96 to 108 -> 110 [1] lasti
"#;
    assert_eq!(dis(src), want);
}

/// `with a as b, c:`: BEFORE_WITH, WITH_EXCEPT_START, nested handlers
#[test]
fn with_two_items() {
    let src = r#"def f(path):
    with open(path) as fh, lock:
        data = fh.read()
    return data
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RESUME                   0

  2           2 PUSH_NULL
              4 LOAD_GLOBAL              0 (open)
              6 LOAD_FAST                0 (path)
              8 CALL                     1
             10 BEFORE_WITH
             12 STORE_FAST               1 (fh)
             14 LOAD_GLOBAL              1 (lock)
             16 BEFORE_WITH
             18 POP_TOP

  3          20 LOAD_FAST                1 (fh)
             22 LOAD_METHOD              2 (read)
             24 CALL                     0
             26 STORE_FAST               2 (data)

  2          28 LOAD_CONST               0 (None)
             30 LOAD_CONST               0 (None)
             32 LOAD_CONST               0 (None)
             34 CALL                     2
             36 POP_TOP
             38 JUMP_FORWARD            32 (to 64)
        >>   40 PUSH_EXC_INFO
             42 WITH_EXCEPT_START
             44 POP_JUMP_IF_TRUE        24 (to 48)
             46 RERAISE                  2
        >>   48 POP_TOP
             50 POP_EXCEPT
             52 POP_TOP
             54 POP_TOP
             56 JUMP_FORWARD            32 (to 64)
        >>   58 COPY                     3
             60 POP_EXCEPT
             62 RERAISE                  1
        >>   64 LOAD_CONST               0 (None)
             66 LOAD_CONST               0 (None)
             68 LOAD_CONST               0 (None)
             70 CALL                     2
             72 POP_TOP
             74 JUMP_FORWARD            50 (to 100)
        >>   76 PUSH_EXC_INFO
             78 WITH_EXCEPT_START
             80 POP_JUMP_IF_TRUE        42 (to 84)
             82 RERAISE                  2
        >>   84 POP_TOP
             86 POP_EXCEPT
             88 POP_TOP
             90 POP_TOP
             92 JUMP_FORWARD            50 (to 100)
        >>   94 COPY                     3
             96 POP_EXCEPT
             98 RERAISE                  1

  4     >>  100 LOAD_FAST                2 (data)
            102 RETURN_VALUE
ExceptionTable:
  12 to 16 -> 76 [1] lasti
  18 to 26 -> 40 [2] lasti
  28 to 38 -> 76 [1] lasti
  40 to 54 -> 58 [4] lasti
  56 to 62 -> 76 [1] lasti
  76 to 90 -> 94 [3] lasti
"#;
    assert_eq!(dis(src), want);
}

/// `yield` and `yield from`: RETURN_GENERATOR, YIELD_VALUE, SEND loop
#[test]
fn generator() {
    let src = r#"def gen(n):
    for i in range(n):
        yield i * 2
    yield from other()
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object gen at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (gen)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object gen at 0x7f0000001100, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              2 POP_TOP
              4 RESUME                   0

  2           6 PUSH_NULL
              8 LOAD_GLOBAL              0 (range)
             10 LOAD_FAST                0 (n)
             12 CALL                     1
             14 GET_ITER
        >>   16 FOR_ITER                17 (to 34)
             18 STORE_FAST               1 (i)

  3          20 LOAD_FAST                1 (i)
             22 LOAD_CONST               1 (2)
             24 BINARY_OP                5 (*)
             26 YIELD_VALUE
             28 RESUME                   1
             30 POP_TOP

  2          32 JUMP_BACKWARD            8 (to 16)

  4     >>   34 PUSH_NULL
             36 LOAD_GLOBAL              1 (other)
             38 CALL                     0
             40 GET_YIELD_FROM_ITER
             42 LOAD_CONST               0 (None)
        >>   44 SEND                    26 (to 52)
             46 YIELD_VALUE
             48 RESUME                   2
             50 JUMP_BACKWARD           22 (to 44)
        >>   52 POP_TOP
             54 LOAD_CONST               0 (None)
             56 RETURN_VALUE
"#;
    assert_eq!(dis(src), want);
}

/// class body: __module__/__qualname__, SETUP_ANNOTATIONS, __doc__, mangled `__x`, the __class__ cell
#[test]
fn class_body() {
    let src = r#"class Point(Base, metaclass=Meta):
    """A point."""
    x: int = 0
    def __init__(self, x):
        self.__x = x
    def get(self):
        return super().get() + self.__x
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 PUSH_NULL
              4 LOAD_BUILD_CLASS
              6 LOAD_CONST               0 (<code object Point at 0x7f0000001100, file "x.py", line 1>)
              8 MAKE_FUNCTION            0
             10 LOAD_CONST               1 ('Point')
             12 LOAD_NAME                0 (Base)
             14 LOAD_NAME                1 (Meta)
             16 KW_NAMES                 2 (('metaclass',))
             18 CALL                     4
             20 STORE_NAME               2 (Point)
             22 LOAD_CONST               3 (None)
             24 RETURN_VALUE

Disassembly of <code object Point at 0x7f0000001100, file "x.py", line 1>:
              0 MAKE_CELL                0 (__class__)

  1           2 RESUME                   0
              4 LOAD_NAME                0 (__name__)
              6 STORE_NAME               1 (__module__)
              8 LOAD_CONST               0 ('Point')
             10 STORE_NAME               2 (__qualname__)
             12 SETUP_ANNOTATIONS

  2          14 LOAD_CONST               1 ('A point.')
             16 STORE_NAME               3 (__doc__)

  3          18 LOAD_CONST               2 (0)
             20 STORE_NAME               4 (x)
             22 LOAD_NAME                5 (int)
             24 LOAD_NAME                6 (__annotations__)
             26 LOAD_CONST               3 ('x')
             28 STORE_SUBSCR

  4          30 LOAD_CONST               4 (<code object __init__ at 0x7f0000001200, file "x.py", line 4>)
             32 MAKE_FUNCTION            0
             34 STORE_NAME               7 (__init__)

  6          36 LOAD_CLOSURE             0 (__class__)
             38 BUILD_TUPLE              1
             40 LOAD_CONST               5 (<code object get at 0x7f0000001300, file "x.py", line 6>)
             42 MAKE_FUNCTION            8 (closure)
             44 STORE_NAME               8 (get)
             46 LOAD_CLOSURE             0 (__class__)
             48 COPY                     1
             50 STORE_NAME               9 (__classcell__)
             52 RETURN_VALUE

Disassembly of <code object __init__ at 0x7f0000001200, file "x.py", line 4>:
  4           0 RESUME                   0

  5           2 LOAD_FAST                1 (x)
              4 LOAD_FAST                0 (self)
              6 STORE_ATTR               0 (_Point__x)
              8 LOAD_CONST               0 (None)
             10 RETURN_VALUE

Disassembly of <code object get at 0x7f0000001300, file "x.py", line 6>:
              0 COPY_FREE_VARS           1

  6           2 RESUME                   0

  7           4 PUSH_NULL
              6 LOAD_GLOBAL              0 (super)
              8 CALL                     0
             10 LOAD_METHOD              1 (get)
             12 CALL                     0
             14 LOAD_FAST                0 (self)
             16 LOAD_ATTR                2 (_Point__x)
             18 BINARY_OP                0 (+)
             20 RETURN_VALUE
"#;
    assert_eq!(dis(src), want);
}

/// list/dict/set comprehensions and a generator expression as nested code objects
#[test]
fn comprehensions() {
    let src = r#"def f(xs):
    a = [x * 2 for x in xs if x]
    b = {k: v for k, v in xs}
    c = {x for x in xs for y in x}
    return (x for x in a)
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RESUME                   0

  2           2 LOAD_CONST               1 (<code object <listcomp> at 0x7f0000001200, file "x.py", line 2>)
              4 MAKE_FUNCTION            0
              6 LOAD_FAST                0 (xs)
              8 GET_ITER
             10 CALL                     0
             12 STORE_FAST               1 (a)

  3          14 LOAD_CONST               2 (<code object <dictcomp> at 0x7f0000001300, file "x.py", line 3>)
             16 MAKE_FUNCTION            0
             18 LOAD_FAST                0 (xs)
             20 GET_ITER
             22 CALL                     0
             24 STORE_FAST               2 (b)

  4          26 LOAD_CONST               3 (<code object <setcomp> at 0x7f0000001400, file "x.py", line 4>)
             28 MAKE_FUNCTION            0
             30 LOAD_FAST                0 (xs)
             32 GET_ITER
             34 CALL                     0
             36 STORE_FAST               3 (c)

  5          38 LOAD_CONST               4 (<code object <genexpr> at 0x7f0000001500, file "x.py", line 5>)
             40 MAKE_FUNCTION            0
             42 LOAD_FAST                1 (a)
             44 GET_ITER
             46 CALL                     0
             48 RETURN_VALUE

Disassembly of <code object <listcomp> at 0x7f0000001200, file "x.py", line 2>:
  2           0 RESUME                   0
              2 BUILD_LIST               0
              4 LOAD_FAST                0 (.0)
        >>    6 FOR_ITER                12 (to 24)
              8 STORE_FAST               1 (x)
             10 LOAD_FAST                1 (x)
             12 POP_JUMP_IF_FALSE        3 (to 6)
             14 LOAD_FAST                1 (x)
             16 LOAD_CONST               0 (2)
             18 BINARY_OP                5 (*)
             20 LIST_APPEND              2
             22 JUMP_BACKWARD            3 (to 6)
        >>   24 RETURN_VALUE

Disassembly of <code object <dictcomp> at 0x7f0000001300, file "x.py", line 3>:
  3           0 RESUME                   0
              2 BUILD_MAP                0
              4 LOAD_FAST                0 (.0)
        >>    6 FOR_ITER                11 (to 22)
              8 UNPACK_SEQUENCE          2
             10 STORE_FAST               1 (k)
             12 STORE_FAST               2 (v)
             14 LOAD_FAST                1 (k)
             16 LOAD_FAST                2 (v)
             18 MAP_ADD                  2
             20 JUMP_BACKWARD            3 (to 6)
        >>   22 RETURN_VALUE

Disassembly of <code object <setcomp> at 0x7f0000001400, file "x.py", line 4>:
  4           0 RESUME                   0
              2 BUILD_SET                0
              4 LOAD_FAST                0 (.0)
        >>    6 FOR_ITER                13 (to 26)
              8 STORE_FAST               1 (x)
             10 LOAD_FAST                1 (x)
             12 GET_ITER
        >>   14 FOR_ITER                12 (to 24)
             16 STORE_FAST               2 (y)
             18 LOAD_FAST                1 (x)
             20 SET_ADD                  3
             22 JUMP_BACKWARD            7 (to 14)
        >>   24 JUMP_BACKWARD            3 (to 6)
        >>   26 RETURN_VALUE

Disassembly of <code object <genexpr> at 0x7f0000001500, file "x.py", line 5>:
  5           0 RETURN_GENERATOR
              2 POP_TOP
              4 RESUME                   0
              6 LOAD_FAST                0 (.0)
        >>    8 FOR_ITER                11 (to 22)
             10 STORE_FAST               1 (x)
             12 LOAD_FAST                1 (x)
             14 YIELD_VALUE
             16 RESUME                   1
             18 POP_TOP
             20 JUMP_BACKWARD            4 (to 8)
        >>   22 LOAD_CONST               0 (None)
             24 RETURN_VALUE
"#;
    assert_eq!(dis(src), want);
}

/// every pattern kind: or, sequence with star, mapping with **rest, class with keywords, as, guard, wildcard default
#[test]
fn match_patterns() {
    let src = r#"def f(x):
    match x:
        case 1 | 2:
            return "a"
        case [a, *rest]:
            return a
        case {"k": v, **kw}:
            return v
        case P(x=0, y=yy) as p if yy:
            return p
        case (q, _, *_):
            return q
        case _:
            return None
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RESUME                   0

  2           2 LOAD_FAST                0 (x)

  3           4 COPY                     1
              6 COPY                     1
              8 LOAD_CONST               1 (1)
             10 COMPARE_OP               2 (==)
             12 POP_JUMP_IF_FALSE        8 (to 16)
             14 JUMP_FORWARD            15 (to 30)
        >>   16 COPY                     1
             18 LOAD_CONST               2 (2)
             20 COMPARE_OP               2 (==)
             22 POP_JUMP_IF_FALSE       13 (to 26)
             24 JUMP_FORWARD            15 (to 30)
        >>   26 POP_TOP
             28 JUMP_FORWARD            19 (to 38)
        >>   30 POP_TOP
             32 POP_TOP

  4          34 LOAD_CONST               3 ('a')
             36 RETURN_VALUE

  5     >>   38 COPY                     1
             40 MATCH_SEQUENCE
             42 POP_JUMP_IF_FALSE       32 (to 64)
             44 GET_LEN
             46 LOAD_CONST               1 (1)
             48 COMPARE_OP               5 (>=)
             50 POP_JUMP_IF_FALSE       32 (to 64)
             52 UNPACK_EX                1
             54 STORE_FAST               1 (a)
             56 STORE_FAST               2 (rest)
             58 POP_TOP

  6          60 LOAD_FAST                1 (a)
             62 RETURN_VALUE

  5     >>   64 POP_TOP

  7          66 COPY                     1
             68 MATCH_MAPPING
             70 POP_JUMP_IF_FALSE       61 (to 122)
             72 GET_LEN
             74 LOAD_CONST               1 (1)
             76 COMPARE_OP               5 (>=)
             78 POP_JUMP_IF_FALSE       61 (to 122)
             80 LOAD_CONST               7 (('k',))
             82 MATCH_KEYS
             84 COPY                     1
             86 POP_JUMP_IF_NONE        59 (to 118)
             88 UNPACK_SEQUENCE          1
             90 SWAP                     3
             92 SWAP                     2
             94 BUILD_MAP                0
             96 SWAP                     3
             98 DICT_UPDATE              2
            100 UNPACK_SEQUENCE          1
            102 COPY                     2
            104 SWAP                     2
            106 DELETE_SUBSCR
            108 STORE_FAST               4 (kw)
            110 STORE_FAST               3 (v)
            112 POP_TOP

  8         114 LOAD_FAST                3 (v)
            116 RETURN_VALUE

  7     >>  118 POP_TOP
            120 POP_TOP
        >>  122 POP_TOP

  9         124 COPY                     1
            126 COPY                     1
            128 LOAD_GLOBAL              0 (P)
            130 LOAD_CONST               5 (('x', 'y'))
            132 MATCH_CLASS              0
            134 COPY                     1
            136 POP_JUMP_IF_NONE        80 (to 160)
            138 UNPACK_SEQUENCE          2
            140 LOAD_CONST               6 (0)
            142 COMPARE_OP               2 (==)
            144 POP_JUMP_IF_FALSE       80 (to 160)
            146 STORE_FAST               5 (yy)
            148 STORE_FAST               6 (p)
            150 LOAD_FAST                5 (yy)
            152 POP_JUMP_IF_FALSE       82 (to 164)
            154 POP_TOP

 10         156 LOAD_FAST                6 (p)
            158 RETURN_VALUE

  9     >>  160 POP_TOP
            162 POP_TOP

 11     >>  164 MATCH_SEQUENCE
            166 POP_JUMP_IF_FALSE       95 (to 190)
            168 GET_LEN
            170 LOAD_CONST               2 (2)
            172 COMPARE_OP               5 (>=)
            174 POP_JUMP_IF_FALSE       95 (to 190)
            176 COPY                     1
            178 LOAD_CONST               6 (0)
            180 BINARY_SUBSCR
            182 STORE_FAST               7 (q)
            184 POP_TOP

 12         186 LOAD_FAST                7 (q)
            188 RETURN_VALUE

 11     >>  190 POP_TOP

 13         192 NOP

 14         194 LOAD_CONST               0 (None)
            196 RETURN_VALUE
"#;
    assert_eq!(dis(src), want);
}

/// async with, await, async for, an async comprehension and an async generator
#[test]
fn async_constructs() {
    let src = r#"async def f(session, urls):
    async with session.get(urls) as resp:
        data = await resp.json()
    async for chunk in resp.content:
        print(chunk)
    return [await g(u) async for u in urls]
async def agen():
    yield 1
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)

  7           8 LOAD_CONST               1 (<code object agen at 0x7f0000001300, file "x.py", line 7>)
             10 MAKE_FUNCTION            0
             12 STORE_NAME               1 (agen)
             14 LOAD_CONST               2 (None)
             16 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              2 POP_TOP
              4 RESUME                   0

  2           6 LOAD_FAST                0 (session)
              8 LOAD_METHOD              0 (get)
             10 LOAD_FAST                1 (urls)
             12 CALL                     1
             14 BEFORE_ASYNC_WITH        0
             16 GET_AWAITABLE            1
             18 LOAD_CONST               0 (None)
        >>   20 SEND                    14 (to 28)
             22 YIELD_VALUE
             24 RESUME                   3
             26 JUMP_BACKWARD           10 (to 20)
        >>   28 STORE_FAST               2 (resp)

  3          30 LOAD_FAST                2 (resp)
             32 LOAD_METHOD              1 (json)
             34 CALL                     0
             36 GET_AWAITABLE            0
             38 LOAD_CONST               0 (None)
        >>   40 SEND                    24 (to 48)
             42 YIELD_VALUE
             44 RESUME                   3
             46 JUMP_BACKWARD           20 (to 40)
        >>   48 STORE_FAST               3 (data)

  2          50 LOAD_CONST               0 (None)
             52 LOAD_CONST               0 (None)
             54 LOAD_CONST               0 (None)
             56 CALL                     2
             58 GET_AWAITABLE            2
             60 LOAD_CONST               0 (None)
        >>   62 SEND                    35 (to 70)
             64 YIELD_VALUE
             66 RESUME                   3
             68 JUMP_BACKWARD           31 (to 62)
        >>   70 POP_TOP
             72 JUMP_FORWARD            55 (to 110)
        >>   74 PUSH_EXC_INFO
             76 WITH_EXCEPT_START
             78 GET_AWAITABLE            2
             80 LOAD_CONST               0 (None)
        >>   82 SEND                    45 (to 90)
             84 YIELD_VALUE
             86 RESUME                   3
             88 JUMP_BACKWARD           41 (to 82)
        >>   90 POP_JUMP_IF_TRUE        47 (to 94)
             92 RERAISE                  2
        >>   94 POP_TOP
             96 POP_EXCEPT
             98 POP_TOP
            100 POP_TOP
            102 JUMP_FORWARD            55 (to 110)
        >>  104 COPY                     3
            106 POP_EXCEPT
            108 RERAISE                  1

  4     >>  110 LOAD_FAST                2 (resp)
            112 LOAD_ATTR                2 (content)
            114 GET_AITER                0
        >>  116 GET_ANEXT                0
            118 LOAD_CONST               0 (None)
        >>  120 SEND                    64 (to 128)
            122 YIELD_VALUE
            124 RESUME                   3
            126 JUMP_BACKWARD           60 (to 120)
        >>  128 STORE_FAST               4 (chunk)

  5         130 PUSH_NULL
            132 LOAD_GLOBAL              3 (print)
            134 LOAD_FAST                4 (chunk)
            136 CALL                     1
            138 POP_TOP
            140 JUMP_BACKWARD           58 (to 116)

  4     >>  142 END_ASYNC_FOR            0

  6         144 LOAD_CONST               1 (<code object <listcomp> at 0x7f0000001200, file "x.py", line 6>)
            146 MAKE_FUNCTION            0
            148 LOAD_FAST                1 (urls)
            150 GET_AITER                0
            152 CALL                     0
            154 GET_AWAITABLE            0
            156 LOAD_CONST               0 (None)
        >>  158 SEND                    83 (to 166)
            160 YIELD_VALUE
            162 RESUME                   3
            164 JUMP_BACKWARD           79 (to 158)
        >>  166 RETURN_VALUE
ExceptionTable:
  28 to 48 -> 74 [1] lasti
  74 to 100 -> 104 [3] lasti
  116 to 126 -> 142 [1]

Disassembly of <code object <listcomp> at 0x7f0000001200, file "x.py", line 6>:
  6           0 RETURN_GENERATOR
              2 POP_TOP
              4 RESUME                   0
              6 BUILD_LIST               0
              8 LOAD_FAST                0 (.0)
        >>   10 GET_ANEXT                0
             12 LOAD_CONST               0 (None)
        >>   14 SEND                    11 (to 22)
             16 YIELD_VALUE
             18 RESUME                   3
             20 JUMP_BACKWARD            7 (to 14)
        >>   22 STORE_FAST               1 (u)
             24 PUSH_NULL
             26 LOAD_GLOBAL              0 (g)
             28 LOAD_FAST                1 (u)
             30 CALL                     1
             32 GET_AWAITABLE            0
             34 LOAD_CONST               0 (None)
        >>   36 SEND                    22 (to 44)
             38 YIELD_VALUE
             40 RESUME                   3
             42 JUMP_BACKWARD           18 (to 36)
        >>   44 LIST_APPEND              2
             46 JUMP_BACKWARD            5 (to 10)
        >>   48 END_ASYNC_FOR            0
             50 RETURN_VALUE
ExceptionTable:
  10 to 20 -> 48 [2]

Disassembly of <code object agen at 0x7f0000001300, file "x.py", line 7>:
  7           0 RETURN_GENERATOR
              2 POP_TOP
              4 RESUME                   0

  8           6 LOAD_CONST               1 (1)
              8 ASYNC_GEN_WRAP           0
             10 YIELD_VALUE
             12 RESUME                   1
             14 POP_TOP
             16 LOAD_CONST               0 (None)
             18 RETURN_VALUE
"#;
    assert_eq!(dis(src), want);
}

/// try/except*: CHECK_EG_MATCH, PREP_RERAISE_STAR
#[test]
fn except_star() {
    let src = r#"def f():
    try:
        g()
    except* ValueError as e:
        print(e)
    except* TypeError:
        pass
"#;
    let want = r#"  0           0 RESUME                   0

  1           2 LOAD_CONST               0 (<code object f at 0x7f0000001100, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              6 STORE_NAME               0 (f)
              8 LOAD_CONST               1 (None)
             10 RETURN_VALUE

Disassembly of <code object f at 0x7f0000001100, file "x.py", line 1>:
  1           0 RESUME                   0

  2           2 NOP

  3           4 PUSH_NULL
              6 LOAD_GLOBAL              0 (g)
              8 CALL                     0
             10 POP_TOP
             12 JUMP_FORWARD            57 (to 114)
        >>   14 PUSH_EXC_INFO

  4          16 COPY                     1
             18 BUILD_LIST               0
             20 SWAP                     2
             22 LOAD_GLOBAL              1 (ValueError)
             24 CHECK_EG_MATCH           0
             26 COPY                     1
             28 POP_JUMP_IF_NONE        32 (to 64)
             30 STORE_FAST               0 (e)

  5          32 PUSH_NULL
             34 LOAD_GLOBAL              2 (print)
             36 LOAD_FAST                0 (e)
             38 CALL                     1
             40 POP_TOP
             42 LOAD_CONST               0 (None)
             44 STORE_FAST               0 (e)
             46 DELETE_FAST              0 (e)
             48 JUMP_FORWARD            31 (to 62)
        >>   50 LOAD_CONST               0 (None)
             52 STORE_FAST               0 (e)
             54 DELETE_FAST              0 (e)
             56 LIST_APPEND              3
             58 POP_TOP
             60 JUMP_FORWARD            33 (to 66)
        >>   62 JUMP_FORWARD            33 (to 66)
        >>   64 POP_TOP

  6     >>   66 LOAD_GLOBAL              3 (TypeError)
             68 CHECK_EG_MATCH           0
             70 COPY                     1
             72 POP_JUMP_IF_NONE        43 (to 86)
             74 POP_TOP

  7          76 JUMP_FORWARD            42 (to 84)
             78 LIST_APPEND              3
             80 POP_TOP
             82 JUMP_FORWARD            44 (to 88)
        >>   84 JUMP_FORWARD            44 (to 88)
        >>   86 POP_TOP
        >>   88 LIST_APPEND              1
             90 PREP_RERAISE_STAR        0
             92 COPY                     1
             94 POP_JUMP_IF_NOT_NONE    51 (to 102)
             96 POP_TOP
             98 POP_EXCEPT
            100 JUMP_FORWARD            57 (to 114)
        >>  102 SWAP                     2
            104 POP_EXCEPT
            106 RERAISE                  0
        >>  108 COPY                     3
            110 POP_EXCEPT
            112 RERAISE                  1
        >>  114 LOAD_CONST               0 (None)
            116 RETURN_VALUE
ExceptionTable:
  4 to 10 -> 14 [0]
  14 to 30 -> 108 [1] lasti
  32 to 40 -> 50 [4] lasti
  42 to 96 -> 108 [1] lasti
"#;
    assert_eq!(dis(src), want);
}
