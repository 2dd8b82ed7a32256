# Soak: creates N two-instance cycles (N from argv, default 2,000,000) and drops each at once;
# only the cycle collector can free them. Samples sys.getallocatedblocks() along the way and
# checks the number of live blocks stays bounded (it would grow by millions if cycles leaked).
import sys



class Pair:
    def __init__(self):
        self.other = None


n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000000
step = max(n // 100, 1)
samples = []
baseline = sys.getallocatedblocks()
for i in range(n):
    a = Pair()
    b = Pair()
    a.other = b
    b.other = a
    if i % step == 0:
        samples.append(sys.getallocatedblocks())
peak = max(samples)
print("cycles", n)
print("baseline blocks", baseline)
print("peak blocks", peak)
print("bounded", peak < baseline + 20000)
