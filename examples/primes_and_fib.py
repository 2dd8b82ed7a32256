# A small real program in the subset every stage handles today:
# functions, recursion, loops, lists, dicts, tuples and print.

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            j = i * i
            while j <= limit:
                is_prime[j] = False
                j = j + i
        i = i + 1
    primes = []
    for n in range(limit + 1):
        if is_prime[n]:
            primes.append(n)
    return primes


def word_lengths(words):
    lengths = {}
    for w in words:
        lengths[w] = len(w)
    return lengths


print("fib(20) =", fib(20))
primes = sieve(100)
print("primes below 100:", len(primes), primes[-1])
print(primes[0], primes[1], primes[2])
total = 0
for p in primes:
    total += p
print("sum of primes below 100:", total)
print(word_lengths(["arena", "pool", "block"]))
print(2 ** 100, 7 // 2, -7 // 2, 7 % -3, 1 / 3)
print((1, 2.5, "three", None, True), 0.1 + 0.2)
