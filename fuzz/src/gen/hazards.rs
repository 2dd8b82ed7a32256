//! Statements aimed at the interpreter's soft spots: containers changed while they are being
//! iterated, sorted or compared; finalizers and weak-reference callbacks that raise, collect
//! or resurrect; `__class__` and `__bases__` assignment; buffers resized while exported;
//! reentrant `__hash__`/`__eq__`; self-referencing structures; big numbers in conversions.
//!
//! Each snippet runs inside `try`/`except Exception` that prints the exception's type; `{T}`
//! is the statement's tag, `{E}` a random expression and `{B}` a builtin type.

use super::Gen;

const HAZARDS: &[&str] = &[
    // Containers changed during iteration, sorting and comparison.
    "d = {1: 1, 2: 2}\nfor k in d:\n    d[k + 10] = {E}\nprint({T}, len(d))",
    "s = {1, 2, 3}\nfor k in s:\n    s.discard(k)\n    s.add(k + 100)\nprint({T}, len(s))",
    "l = [3, 1, 2]\nl.sort(key=lambda x: l.append(x) or x)\nprint({T}, l)",
    "l = [1, 2, 3]\nfor x in l:\n    if len(l) < 10:\n        l.append(x)\nprint({T}, l)",
    "l = [5, 4, 3]\nclass K:\n    def __lt__(self, o):\n        l.clear()\n        return True\nl = [K(), K(), K()]\nl.sort()\nprint({T}, len(l))",
    "d = {}\nclass H:\n    def __hash__(self):\n        d.clear()\n        return 1\n    def __eq__(self, o):\n        d.clear()\n        return True\nd[H()] = 1\nd[H()] = 2\nprint({T}, len(d))",
    "l = [1, 2, 3]\nprint({T}, '-'.join(str(l.pop()) for _ in range(5)))",
    "l = [{E}, 1]\nl.append(l)\nprint({T}, show(l), l == l)",
    "d = {}\nd['self'] = d\nprint({T}, show(d), repr(d)[:30])",
    "a = [[]]\nfor i in range(12):\n    a = [a, a]\nprint({T}, len(repr(a)) > 0)",
    "d = {1: 1, 2: 2}\nfor k in d:\n    del d[k]\n    d[k + 100] = {E}\nprint({T}, len(d))",
    "def g():\n    yield me.close()\nme = g()\nprint({T}, next(me))",
    // Finalizers and weak references.
    "class D:\n    def __del__(self):\n        raise ValueError('from del')\nx = D()\ndel x\nprint({T}, 'del raised')",
    "class D:\n    def __del__(self):\n        gc.collect()\n        events.append('collect in del')\nx = [D() for _ in range(3)]\nx.append(x)\ndel x\ngc.collect()\nprint({T}, 'ok')",
    "class D:\n    pass\no = D()\nr = weakref.ref(o, lambda w: 1 / 0)\ndel o\ngc.collect()\nprint({T}, r())",
    "class D:\n    pass\no = D()\no.me = o\nr = weakref.ref(o, lambda w: keep.append(w))\ndel o\ngc.collect()\nprint({T}, len(keep) > 0, r() is None)",
    "class D:\n    def __del__(self):\n        keep.append(self)\no = D()\no.cycle = [o]\nr = weakref.ref(o)\ndel o\ngc.collect()\nprint({T}, r() is not None)\nkeep.clear()\ngc.collect()",
    "def g():\n    try:\n        yield 1\n    finally:\n        events.append('gen closed by gc')\nx = g()\nnext(x)\nl = [x]\nl.append(l)\ndel x, l\ngc.collect()\nprint({T}, 'gen')",
    "def g():\n    me = yield\n    yield me\nx = g()\nnext(x)\nx.send(x)\ndel x\ngc.collect()\nprint({T}, 'self gen')",
    "try:\n    raise ValueError({E})\nexcept ValueError as e:\n    keep.append(e)\n    e.tb = e.__traceback__\nkeep.clear()\ngc.collect()\nprint({T}, 'tb cycle')",
    // Types changed under their instances.
    "class A:\n    def f(self):\n        return 'A'\nclass B:\n    def f(self):\n        return 'B'\no = A()\no.__class__ = B\nprint({T}, o.f())",
    "class A:\n    pass\nclass B:\n    x = 1\nclass C(A):\n    pass\nC.__bases__ = (B,)\nprint({T}, C.x, C.__mro__[1].__name__)",
    "class A:\n    def m(self):\n        del A.m\n        return 'gone'\nprint({T}, A().m(), hasattr(A, 'm'))",
    "class A:\n    pass\no = A()\no.__dict__ = {'x': {E}}\nprint({T}, show(o.x))",
    "class M(type):\n    def __call__(cls, *a):\n        return ('made', a)\nclass A(metaclass=M):\n    pass\nprint({T}, A(1, 2))",
    "class A:\n    def __init_subclass__(cls):\n        raise TypeError('no subclasses')\nclass B(A):\n    pass\nprint({T}, 'subclassed')",
    "class A:\n    pass\no = A()\no.__dict__ = None\nprint({T}, o.__dict__)",
    "x = {B}.__new__({B})\nprint({T}, type(x).__name__)",
    "x = {B}.__new__({B}, {E})\nprint({T}, type(x).__name__, show(x))",
    "print({T}, {B}.__dict__['__repr__'](({E})))",
    // Buffers, numbers, conversions.
    "b = bytearray(b'abc')\nm = memoryview(b)\nb.extend(b'x' * 100)\nprint({T}, len(b))",
    "b = bytearray(b'abcdef')\nm = memoryview(b)[1:4]\ndel m\nb.clear()\nprint({T}, b)",
    "print({T}, len(str(10 ** 5000)))",
    "print({T}, int('9' * 5000))",
    "print({T}, (2 ** 64) .to_bytes(9, 'big'), int.from_bytes(b'\\xff' * 9, 'little', signed=True))",
    "print({T}, round(1e308 * 10), 0)",
    "print({T}, divmod(-7, {E}), {E} // -1)",
    "print({T}, f'{3.5:.70000f}'[:5])",
    "print({T}, ('%.' + str({E}) + 'f') % 2.5)",
    "print({T}, format({E}, '>70000')[:3])",
    "print({T}, '%.*f' % (70000, 1.5))",
    "print({T}, 'x'.center(2**63))",
    "print({T}, [0] * (2**62))",
    "print({T}, 'ab' * (2**62))",
    "print({T}, list(range(2**64))[:2])",
    "print({T}, range(2**64)[2**63], len(range(2**63)))",
    "print({T}, sum(range(10**6)), max(range(10**5)))",
    "print({T}, sorted([3, 'a', 1.5]))",
    "print({T}, [1, 2, 3][::2**63], [1, 2, 3][-2**63:2**63])",
    "print({T}, hash(float('nan')) == hash(float('nan')), hash(-1), hash(-2))",
    "print({T}, iter(lambda: 1, 1).__next__)",
    "it = iter([1, 2, 3])\nprint({T}, list(zip(it, it, it, it)))",
    "x = [1]\nx *= 0\nx += x\nprint({T}, x, [] * -1)",
    "s = 'abc'\nprint({T}, s[2**63:], s[:-2**63], s.split(s * 2), s.replace('', '-'))",
    // Recursion, nesting, code objects.
    "def r(n):\n    return r(n + 1)\nr(0)",
    "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())",
    "l = []\nfor i in range(5000):\n    l = [l]\nprint({T}, len(str(l)))",
    "d = {}\nfor i in range(300000):\n    d = {'k': d}\ndel d\nprint({T}, 'freed')",
    "x = None\nfor i in range(300000):\n    x = (x,)\nx = frozenset([x])\ndel x\nprint({T}, 'freed')",
    "src = 'x = ' + '(' * 150 + '1' + ')' * 150\nexec(src)\nprint({T}, x)",
    "src = 'y = ' + '-' * 3000 + '1'\nexec(src)\nprint({T}, y)",
    "print({T}, eval('[' * 100 + ']' * 100))",
    "print({T}, compile('if 1:\\n' + ' ' * 4 + 'pass\\n', 's', 'exec').co_name)",
    "ns = {}\nexec('def f(a, *, b=2):\\n    return a + b', ns)\nprint({T}, ns['f'](1))",
    "print({T}, eval('lambda: (yield)')().__next__())",
    "def f():\n    return sys._getframe()\nfr = f()\nprint({T}, fr.f_code.co_name)",
    "g = (x for x in range(3))\nprint({T}, next(g), g.gi_frame is not None, list(g), g.gi_frame)",
    "print({T}, vars().get('nothing'), len(globals()) > 0, locals() is globals())",
];

/// Builtin types for `{B}`: constructors, `__new__` and unbound methods across types.
const BUILTIN_TYPES: &[&str] = &[
    "object",
    "int",
    "bool",
    "float",
    "complex",
    "str",
    "bytes",
    "bytearray",
    "tuple",
    "list",
    "dict",
    "set",
    "frozenset",
    "type",
    "range",
    "slice",
    "memoryview",
    "property",
    "BaseException",
    "ValueError",
    "StopIteration",
    "enumerate",
    "zip",
    "map",
    "reversed",
];

impl Gen {
    /// One guarded hazard snippet.
    pub(super) fn hazard_stmt(&mut self) {
        let t = self.next_tag();
        let snippet = HAZARDS[self.below(HAZARDS.len())];
        let mut text = snippet.replace("{T}", &t.to_string());
        while let Some(i) = text.find("{E}") {
            let e = self.expr(1);
            text.replace_range(i..i + 3, &e);
        }
        while let Some(i) = text.find("{B}") {
            let b = self.pick(BUILTIN_TYPES);
            text.replace_range(i..i + 3, b);
        }
        self.block("try:", |g| {
            for l in text.lines() {
                g.line(l);
            }
        });
        self.block("except Exception as e:", |g| {
            g.line(&format!("print({t}, 'hazard', type(e).__name__)"));
        });
    }
}
