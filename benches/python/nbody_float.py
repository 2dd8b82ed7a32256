"""N-body float loop: a small planetary system (bodies generated from a fixed seed) advanced by
a symplectic Euler step; the energy is printed before and after.

Exercises: float arithmetic on locals, list indexing and item assignment, nested loops over
precomputed pairs, tuple unpacking.
"""


def lcg(seed):
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield (state >> 11) / float(1 << 53)


def make_system(n, seed):
    rnd = lcg(seed)
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0]]  # x y z vx vy vz mass: a heavy centre
    for i in range(1, n):
        r = 1.0 + 4.0 * i + next(rnd)
        angle_x = next(rnd) - 0.5
        angle_y = next(rnd) - 0.5
        x = r * (1.0 - angle_x * angle_x / 2.0)
        y = r * angle_x
        z = r * angle_y * 0.1
        speed = (40.0 / r) ** 0.5
        bodies.append([x, y, z, -y / r * speed * 0.3, speed, 0.0, 0.001 + next(rnd) * 0.05])
    # move to the centre-of-momentum frame
    px = py = pz = 0.0
    total = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
        total += b[6]
    for b in bodies:
        b[3] -= px / total
        b[4] -= py / total
        b[5] -= pz / total
    return bodies


def pairs_of(bodies):
    out = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            out.append((bodies[i], bodies[j]))
    return out


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for a, b in pairs:
        dx = a[0] - b[0]
        dy = a[1] - b[1]
        dz = a[2] - b[2]
        e -= a[6] * b[6] / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            ma = a[6] * mag
            mb = b[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def main():
    bodies = make_system(6, 2024)
    pairs = pairs_of(bodies)
    print("bodies=%d pairs=%d" % (len(bodies), len(pairs)))
    print("energy before: %.12f" % energy(bodies, pairs))
    for _ in range(4):
        advance(bodies, pairs, 0.001, 25000)
        print("energy: %.12f" % energy(bodies, pairs))
    print("centre: %.9f %.9f %.9f" % (bodies[0][0], bodies[0][1], bodies[0][2]))


main()
