//! Tests of the format mini-language and `%` formatting at precisions and widths past what
//! Rust's formatter takes (65535), against CPython 3.11 (results from `python3`).

use crate::objects::format::{
    fixed, format_complex_parts, format_float, format_int, format_text, sci,
};
use crate::objects::printf::{percent_format, percent_format_bytes};
use crate::objects::testutil::{lit, run, show};
use crate::vm::Vm;
use num_bigint::BigInt;

/// A result as `len:first..last`, or the error as `Type: message`.
fn brief(vm: &Vm, r: crate::vm::PyResult<String>) -> String {
    match r {
        Ok(s) if s.len() > 24 => format!("{}:{}..{}", s.len(), &s[..12], &s[s.len() - 12..]),
        Ok(s) => s,
        Err(e) => show(vm, Err(e)),
    }
}

#[test]
fn exact_digits_then_zeros() {
    // 0.1 is 0.1000000000000000055511151231257827021181583404541015625 exactly.
    let exact = "0.1000000000000000055511151231257827021181583404541015625";
    for p in [55, 1100, 1101, 65535, 65536, 70000] {
        let s = fixed(0.1, p);
        assert_eq!(s.len(), p + 2);
        assert!(s.starts_with(exact), "{p}");
        assert!(s[exact.len()..].bytes().all(|b| b == b'0'), "{p}");
    }
    // Rounding at a precision below the exact digits is unaffected.
    assert_eq!(fixed(0.1, 20), "0.10000000000000000555");
    assert_eq!(fixed(2.5, 0), "2");
    // 2**-1074 has 1074 digits after the point, 751 significant ones.
    let tiny = fixed(5e-324, 70000);
    assert_eq!(&tiny[1070..1076], "265625");
    assert!(tiny[1076..].bytes().all(|b| b == b'0'));
    let e = sci(5e-324, 70000, false);
    assert_eq!(e.len(), 70000 + 7);
    assert!(e.starts_with("4.9406564584124654417656879286822137236505980"));
    assert!(e.ends_with("0000e-324"));
    assert_eq!(sci(1.5, 2, true), "1.50E+00");
    assert_eq!(sci(1e300, 70000, false)[..20], *"1.000000000000000052");
}

#[test]
fn format_spec_precisions_and_widths() {
    run(|vm| {
        let cases: &[(f64, &str, &str)] = &[
            (1.5, ".65536f", "65538:1.5000000000..000000000000"),
            (1.5, ".70000e", "70006:1.5000000000..00000000e+00"),
            (1.5, ".70000g", "1.5"),
            (1.5, "#.70000g", "70001:1.5000000000..000000000000"),
            (1e300, ".70000g", "301:100000000000..459400540160"),
            (1.5, ".70000", "1.5"),
            (1e16, ".70000", "10000000000000000.0"),
            (1.5, ".70000%", "70005:150.00000000..00000000000%"),
            (f64::INFINITY, ".200000000f", "inf"),
            (f64::NAN, ".2147483648f", "ValueError: precision too big"),
            (1.5, ".2147483648g", "ValueError: precision too big"),
            (
                1.5,
                ".2147483648q",
                "ValueError: Unknown format code 'q' for object of type 'float'",
            ),
            (
                1.5,
                ".99999999999999999999f",
                "ValueError: Too many decimal digits in format string",
            ),
            (
                1.5,
                "9999999999999q",
                "ValueError: Unknown format code 'q' for object of type 'float'",
            ),
            (1.5, "9999999999999f", "MemoryError: "),
            (-1.5, "080000.70000f", "80000:-00000000000..000000000000"),
        ];
        for (x, spec, want) in cases {
            assert_eq!(brief(vm, format_float(vm, *x, spec)), *want, "{x} {spec}");
        }
        let three = BigInt::from(3);
        assert_eq!(
            brief(vm, format_int(vm, &three, ".70000f")),
            "70002:3.0000000000..000000000000"
        );
        assert_eq!(
            brief(vm, format_int(vm, &three, ".2147483648f")),
            "ValueError: precision too big"
        );
        assert_eq!(
            brief(vm, format_int(vm, &three, ".2147483648d")),
            "ValueError: Precision not allowed in integer format specifier"
        );
        assert_eq!(
            brief(vm, format_int(vm, &three, "70000d")),
            "70000:            ..           3"
        );
        assert_eq!(
            brief(vm, format_int(vm, &three, "9223372036854775807d")),
            "MemoryError: "
        );
        assert_eq!(
            brief(vm, format_int(vm, &three, "9223372036854775808d")),
            "ValueError: Too many decimal digits in format string"
        );
        assert_eq!(
            brief(vm, format_complex_parts(vm, 1.5, 2.0, ".70000f")),
            "140006:1.5000000000..00000000000j"
        );
        assert_eq!(
            brief(vm, format_complex_parts(vm, 1.5, 2.0, ".2147483648")),
            "ValueError: precision too big"
        );
        assert_eq!(brief(vm, format_text(vm, "abc", ".70000")), "abc");
        assert_eq!(brief(vm, format_text(vm, "abc", ".2147483648")), "abc");
        assert_eq!(
            brief(vm, format_text(vm, "abc", "^70000")),
            "70000:            ..            "
        );
    });
}

#[test]
fn percent_precisions_and_widths() {
    run(|vm| {
        let x = lit(vm, "1.5");
        let cases: &[(&str, &str, &str)] = &[
            ("%.70000f", "1.5", "70002:1.5000000000..000000000000"),
            ("%#.70000g", "1.5", "70001:1.5000000000..000000000000"),
            ("%.70000g", "1.5", "1.5"),
            ("%70000d", "1", "70000:            ..           1"),
            ("%.70000d", "1", "70000:000000000000..000000000001"),
            ("%.2147483647s", "'ab'", "ab"),
            ("%.2147483647f", "float('inf')", "inf"),
            ("%.2147483648f", "1.5", "ValueError: precision too big"),
            ("%99999999999999999999d", "1", "ValueError: width too big"),
            (
                "%.*f",
                "(2147483648, 1.5)",
                "OverflowError: Python int too large to convert to C int",
            ),
            (
                "%*d",
                "(9223372036854775808, 1)",
                "OverflowError: Python int too large to convert to C ssize_t",
            ),
            ("%*d", "(-9223372036854775808, 1)", "1"),
            ("%*d", "(1099511627776, 1)", "MemoryError: "),
            ("%.*s", "(-5, 'abc')", ""),
            ("%*d", "(1.5, 1)", "TypeError: * wants int"),
            ("%2147483648", "()", "ValueError: incomplete format"),
        ];
        for (fmt, args, want) in cases {
            let r = percent_format(vm, fmt, &lit(vm, args));
            assert_eq!(brief(vm, r), *want, "{fmt} % {args}");
        }
        let r =
            percent_format_bytes(vm, b"%.2147483648f", &x).map(|b| String::from_utf8(b).unwrap());
        assert_eq!(brief(vm, r), "ValueError: prec too big");
        let r = percent_format_bytes(vm, b"%.70000f", &x).map(|b| String::from_utf8(b).unwrap());
        assert_eq!(brief(vm, r), "70002:1.5000000000..000000000000");
    });
}
