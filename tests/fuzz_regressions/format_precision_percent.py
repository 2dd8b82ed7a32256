# fuzz crash: panic: src/objects/format.rs:421
# flags: --allocator bump
# found by: generated: case seed 5958140892407687067, 12 statements
try:
    print(12, f"{True:.70000%}"[:5])
except Exception as e:
    print(12, type(e).__name__)
