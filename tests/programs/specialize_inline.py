# Warmed attribute sites over instances whose attributes are inline values, instances that
# built a dict, and instances that shadow a method with an attribute of the same name.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


def read_x(p):
    return p.x


def call_norm(p):
    return p.norm()


def bump(p):
    p.y = p.y + 1
    return p.y


pts = [P(i, i + 1) for i in range(200)]
print(sum(read_x(p) for p in pts), sum(call_norm(p) for p in pts))
print(sum(bump(p) for p in pts))

# The same sites, now on an instance whose dict was asked for (storage changed).
q = P(3, 4)
vars(q)
print(read_x(q), call_norm(q), bump(q), q.__dict__)

# An instance attribute that shadows the method, inline and in a dict.
s = P(1, 2)
s.norm = lambda: "instance attribute"
print(call_norm(s))
t = P(5, 6)
t.__dict__["norm"] = lambda: "dict attribute"
print(call_norm(t))
print(sum(call_norm(p) for p in pts[:50]))

# Attributes set in another order, deleted, and a fifth name: back to the general paths.
r = P(7, 8)
del r.x
try:
    read_x(r)
except AttributeError as e:
    print("AttributeError:", e)
r.x = 9
print(read_x(r), bump(r), list(vars(r)))
w = P(1, 1)
for name in "abcdefg":
    setattr(w, name, name)
print(read_x(w), bump(w), sorted(vars(w)))

# A class attribute under the instance one: an instance without it reads the class's.
class Q(P):
    x = "class x"

    def __init__(self):
        self.y = 0


qs = [Q() for _ in range(100)]
print(read_x(qs[0]), [bump(v) for v in qs][-1])
qs[1].x = "own x"
print(read_x(qs[1]), read_x(qs[2]))
