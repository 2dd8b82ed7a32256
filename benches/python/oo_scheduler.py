"""OO simulation in the spirit of richards: a round-robin scheduler of polymorphic tasks that
pass message packets through mailboxes, block on them, and are woken by one another.

Exercises: method calls through a class hierarchy, attribute reads and writes on instances,
linked lists of small objects, and dispatch on small integer states.
"""

READY, WAITING, BLOCKED, DONE = 0, 1, 2, 3


class Packet:
    __slots__ = ("link", "dest", "kind", "payload")

    def __init__(self, dest, kind, payload):
        self.link = None
        self.dest = dest
        self.kind = kind
        self.payload = payload


class Mailbox:
    def __init__(self):
        self.head = None
        self.tail = None
        self.size = 0

    def push(self, pkt):
        pkt.link = None
        if self.tail is None:
            self.head = self.tail = pkt
        else:
            self.tail.link = pkt
            self.tail = pkt
        self.size += 1

    def pop(self):
        pkt = self.head
        if pkt is not None:
            self.head = pkt.link
            if self.head is None:
                self.tail = None
            self.size -= 1
        return pkt


class Task:
    def __init__(self, system, ident, priority):
        self.system = system
        self.ident = ident
        self.priority = priority
        self.state = READY
        self.inbox = Mailbox()
        self.runs = 0

    def deliver(self, pkt):
        self.inbox.push(pkt)
        if self.state == WAITING:
            self.state = READY

    def step(self):
        raise NotImplementedError

    def wait(self):
        self.state = WAITING


class Producer(Task):
    """Emits work packets to routers until its quota is spent."""

    def __init__(self, system, ident, priority, quota, routers):
        Task.__init__(self, system, ident, priority)
        self.quota = quota
        self.routers = routers
        self.seq = 0

    def step(self):
        if self.seq >= self.quota:
            self.state = DONE
            return
        self.seq += 1
        target = self.routers[self.seq % len(self.routers)]
        self.system.send(Packet(target, "work", self.seq * 7 % 101))


class Router(Task):
    """Forwards work to the least loaded worker, or holds it when every worker is busy."""

    def __init__(self, system, ident, priority, workers):
        Task.__init__(self, system, ident, priority)
        self.workers = workers
        self.held = Mailbox()
        self.forwarded = 0

    def step(self):
        pkt = self.inbox.pop()
        if pkt is None:
            pkt = self.held.pop()
            if pkt is None:
                self.wait()
                return
        best = None
        for w in self.workers:
            if w.inbox.size < 3 and (best is None or w.inbox.size < best.inbox.size):
                best = w
        if best is None:
            self.held.push(pkt)
            self.state = BLOCKED
            return
        pkt.dest = best.ident
        self.forwarded += 1
        self.system.send(pkt)


class Worker(Task):
    """Folds payloads into a checksum and reports to the sink every few packets."""

    def __init__(self, system, ident, priority, sink):
        Task.__init__(self, system, ident, priority)
        self.sink = sink
        self.acc = 0
        self.done = 0

    def step(self):
        pkt = self.inbox.pop()
        if pkt is None:
            self.wait()
            return
        self.acc = (self.acc * 31 + pkt.payload + self.ident) % 1000003
        self.done += 1
        if self.done % 4 == 0:
            self.system.send(Packet(self.sink, "report", self.acc))
        self.system.unblock_routers()


class Sink(Task):
    def __init__(self, system, ident, priority):
        Task.__init__(self, system, ident, priority)
        self.total = 0
        self.reports = 0

    def step(self):
        pkt = self.inbox.pop()
        if pkt is None:
            self.wait()
            return
        self.total = (self.total + pkt.payload) % 1000000007
        self.reports += 1


class System:
    def __init__(self):
        self.tasks = {}
        self.order = []
        self.sent = 0
        self.routers = []

    def add(self, task):
        self.tasks[task.ident] = task
        self.order.append(task)
        self.order.sort(key=lambda t: -t.priority)
        if isinstance(task, Router):
            self.routers.append(task)

    def send(self, pkt):
        self.sent += 1
        self.tasks[pkt.dest].deliver(pkt)

    def unblock_routers(self):
        for r in self.routers:
            if r.state == BLOCKED:
                r.state = READY

    def run(self):
        steps = 0
        while True:
            progressed = False
            for task in self.order:
                if task.state == READY:
                    task.runs += 1
                    task.step()
                    steps += 1
                    progressed = True
            if not progressed:
                return steps


def simulate(n_producers, n_routers, n_workers, quota):
    system = System()
    sink = Sink(system, 1, 1)
    system.add(sink)
    workers = [Worker(system, 100 + i, 5 + i % 3, sink.ident) for i in range(n_workers)]
    for w in workers:
        system.add(w)
    routers = [Router(system, 200 + i, 10, workers) for i in range(n_routers)]
    for r in routers:
        system.add(r)
    for i in range(n_producers):
        system.add(Producer(system, 300 + i, 2 + i % 5, quota, [r.ident for r in routers]))
    steps = system.run()
    return steps, system.sent, sink.reports, sink.total, sum(w.done for w in workers)


def main():
    results = []
    for round_ in range(4):
        results.append(simulate(6 + round_, 3, 5 + round_, 8000))
    for r in results:
        print("steps=%d sent=%d reports=%d total=%d worked=%d" % r)


main()
