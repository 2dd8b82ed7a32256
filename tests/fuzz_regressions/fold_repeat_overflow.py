# fuzz crash: panic: /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/slice.rs:523
# flags: 
# found by: generated: case seed 4552214882997884066, 36 statements
try:
        try:
                if ('0x1f' * (2**63)):
                    print(57, 'then')
        except Exception as e:
            print(53, 'loop', type(e).__name__)
except Exception as e:
    print(52, 'loop', type(e).__name__)
for src in ["'0x1f' * (2**62)", "'ab' * 2**63", "'a' * 4097", "'ab' * 2048"]:
    try:
        print(src, len(eval(src)))
    except (OverflowError, MemoryError) as e:
        print(src, type(e).__name__, e)
