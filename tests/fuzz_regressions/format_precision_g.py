# fuzz crash: panic: src/objects/format.rs:297
# flags:
# found by: generated: campaign seed 23 (hazard `format({E}, ...)`), then narrowed by hand
try:
    print(format(1.5, '.70000g')[:3], format(1 + 2j, '.70000')[:3])
except Exception as e:
    print(type(e).__name__)
