"""Dict and str workload: generate a text from a small vocabulary, count words and bigrams,
build an index of word positions, format a report, and round-trip records through
str.join / str.split / str.format.

Exercises: dict get/set/update with str keys, str hashing, split/join/strip/lower/replace,
f-strings and %-formatting, sorting with key functions, dict and set comprehensions.
"""

SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "qu"]


def vocabulary(size, seed):
    state = seed
    words = []
    seen = set()
    while len(words) < size:
        state = (state * 69069 + 1) % (1 << 32)
        n = 1 + state % 3
        w = ""
        s = state
        for _ in range(n):
            w += SYLLABLES[s % len(SYLLABLES)]
            s //= len(SYLLABLES)
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def text(words, n, seed):
    state = seed
    out = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        w = words[(state >> 4) % len(words)]
        if i % 17 == 0:
            w = w.capitalize()
        out.append(w)
        if i % 11 == 10:
            out.append(".")
    return " ".join(out).replace(" .", ".")


def analyse(doc):
    counts = {}
    bigrams = {}
    positions = {}
    prev = None
    for pos, raw in enumerate(doc.split()):
        word = raw.strip(".").lower()
        counts[word] = counts.get(word, 0) + 1
        positions.setdefault(word, []).append(pos)
        if prev is not None:
            key = prev + " " + word
            bigrams[key] = bigrams.get(key, 0) + 1
        prev = None if raw.endswith(".") else word
    return counts, bigrams, positions


def records(counts):
    lines = []
    for word, n in counts.items():
        lines.append("|".join([word, str(n), word.upper(), f"{n / 3:.3f}"]))
    parsed = {}
    for line in lines:
        w, n, up, third = line.split("|")
        assert up == w.upper()
        parsed[w] = (int(n), float(third))
    return parsed


def main():
    words = vocabulary(400, 12345)
    doc = text(words, 500000, 99)
    counts, bigrams, positions = analyse(doc)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print("chars=%d words=%d distinct=%d bigrams=%d" % (len(doc), sum(counts.values()),
                                                        len(counts), len(bigrams)))
    for w, n in top:
        print("%-8s %5d first=%d last=%d" % (w, n, positions[w][0], positions[w][-1]))
    best = max(bigrams.items(), key=lambda kv: (kv[1], kv[0]))
    print("top bigram: %r x%d" % best)
    parsed = records(counts)
    print("records", len(parsed), sum(n for n, _ in parsed.values()))
    lengths = {len(w): w for w in counts}
    initials = {w[0] for w in counts}
    inverted = {n: w for w, n in counts.items()}
    print("lengths", sorted(lengths), "initials", "".join(sorted(initials)), "inv", len(inverted))
    report = []
    for i, (w, n) in enumerate(sorted(counts.items())):
        report.append("{:>3}: {:<10}{:>6}".format(i, w, n))
    joined = "\n".join(report)
    print("report lines=%d len=%d hash-ish=%d" % (len(report), len(joined),
                                                  sum(map(ord, joined)) % 1000003))


main()
