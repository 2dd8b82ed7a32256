# slice.indices works in exact integers: lengths and bounds beyond the machine word.
print(slice(None).indices(2**100), slice(-2**100, 2**90, -3**70).indices(10**30))
print(slice(5, -3, 2).indices(10), slice(None, None, -1).indices(0))
for bad in [(slice(0), -1), (slice(0, 1, 0), 5), (slice("a"), 5), (slice(0), 1.5)]:
    try: bad[0].indices(bad[1])
    except Exception as e: print(type(e).__name__, e)
