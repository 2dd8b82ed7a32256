# fuzz crash: panic: src/objects/format.rs:402
# flags: --allocator bump
# found by: generated: case seed 16731224329868871185, 15 statements
try:
    print(6, f'{3.5:.70000f}'[:5])
except Exception as e:
    print(6, 'hazard', type(e).__name__)
