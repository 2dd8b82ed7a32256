"""Generator pipeline: a stream of synthetic sensor readings flows through a chain of
generators (parse, filter, sliding window, batching, a coroutine accumulator fed by send())
and generator expressions.

Exercises: generator creation, resumption and teardown, `yield from` delegation, send(),
generator expressions inside sum/max/any, tuple unpacking.
"""


def readings(n, seed):
    state = seed
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield i, state % 7, (state >> 8) % 1000


def parse(stream):
    for i, sensor, raw in stream:
        yield sensor, i, raw / 10.0 - 20.0


def only_valid(stream, low, high):
    for sensor, t, value in stream:
        if low <= value <= high:
            yield sensor, t, value


def window(stream, size):
    buf = []
    for item in stream:
        buf.append(item)
        if len(buf) > size:
            del buf[0]
        if len(buf) == size:
            yield tuple(buf)


def moving_average(stream, size):
    for w in window(stream, size):
        yield w[-1][0], w[-1][1], sum(v for _, _, v in w) / size


def batches(stream, size):
    batch = []
    for item in stream:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def flatten(batched):
    for batch in batched:
        yield from batch


def accumulator():
    """A coroutine: send() (sensor, value) pairs; next() after a None send yields the table."""
    table = {}
    while True:
        item = yield
        if item is None:
            yield table
            continue
        sensor, value = item
        count, total, peak = table.get(sensor, (0, 0.0, -1e9))
        table[sensor] = (count + 1, total + value, value if value > peak else peak)


def run(n, seed):
    pipeline = flatten(batches(moving_average(only_valid(parse(readings(n, seed)), -15.0, 70.0),
                                              5), 64))
    acc = accumulator()
    next(acc)
    seen = 0
    for sensor, t, avg in pipeline:
        acc.send((sensor, avg))
        seen += 1
    table = acc.send(None)
    acc.close()
    return seen, table


def main():
    seen, table = run(500000, 7)
    print("items=%d sensors=%d" % (seen, len(table)))
    for sensor in sorted(table):
        count, total, peak = table[sensor]
        print("sensor %d: n=%d mean=%.6f peak=%.3f" % (sensor, count, total / count, peak))
    squares = sum(x * x for x in range(200000) if x % 3)
    evens = max(t for t in (v * 2 for v in range(100000)))
    found = any(x > 99990 for x in range(100000))
    print("genexpr", squares, evens, found)


main()
