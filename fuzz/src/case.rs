//! One fuzz case: the program (generated or mutated) and the arenapy options it runs with,
//! all derived from the campaign seed and the case's index.

use crate::corpus::{read_seed, Corpus, Origin};
use crate::gen::generate;
use crate::mutate::mutate;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A program to run and how to run it.
#[derive(Clone, Debug)]
pub struct Case {
    /// The case's index in the campaign.
    pub index: u64,
    /// Where the program came from, to reproduce it (seed, or seed file and mutations).
    pub origin: String,
    /// Whether the program was generated (not mutated).
    pub generated: bool,
    /// The program's text.
    pub source: String,
    /// arenapy's options (before the script).
    pub flags: Vec<String>,
}

const ALLOCATORS: &[&str] = &["pymalloc", "system", "mimalloc", "bump", "typed-arena"];
const HEAP_LIMITS: &[&str] = &["2M", "8M", "32M", "256M"];

/// The seed of case `index`: the campaign seed and the index mixed (SplitMix64's finalizer),
/// so neighbouring cases are unrelated and any case can be rebuilt on its own.
pub fn case_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Builds case `index` of a campaign with `seed`. `generated_share` is the probability of a
/// generated program (the rest are mutations, when the corpus has files).
pub fn build_case(seed: u64, index: u64, corpus: &Corpus, generated_share: f64) -> Case {
    let cs = case_seed(seed, index);
    let mut rng = ChaCha8Rng::seed_from_u64(cs);
    let mutated = (!corpus.is_empty() && !rng.gen_bool(generated_share))
        .then(|| {
            let origin = if corpus.stdlib.is_empty() || rng.gen_bool(0.5) {
                Origin::Project
            } else {
                Origin::Stdlib
            };
            let n = rng.gen_range(0..usize::MAX);
            let path = corpus
                .pick(origin, n)
                .or_else(|| corpus.pick(Origin::Project, n))?;
            let origin = if corpus.project.iter().any(|p| p == path) {
                Origin::Project
            } else {
                Origin::Stdlib
            };
            let text = read_seed(path, origin)?;
            let (source, done) = mutate(&text, &mut rng);
            Some((
                format!("mutation of {} ({})", path.display(), done.join("; ")),
                source,
            ))
        })
        .flatten();
    let (origin, source, generated) = match mutated {
        Some((o, s)) => (o, s, false),
        None => {
            let statements = rng.gen_range(8..40);
            (
                format!("generated: case seed {cs}, {statements} statements"),
                generate(cs, statements),
                true,
            )
        }
    };
    let flags = choose_flags(&mut rng, generated);
    Case {
        index,
        origin,
        generated,
        source,
        flags,
    }
}

/// Random arenapy options: a strategy, and sometimes the debug allocator, collector stress
/// (small intervals only for the small generated programs), heap verification, a heap limit
/// and `--stats` (which checks teardown frees everything).
fn choose_flags(rng: &mut ChaCha8Rng, small: bool) -> Vec<String> {
    let mut f = vec![
        "--allocator".to_string(),
        ALLOCATORS
            .choose(rng)
            .copied()
            .unwrap_or("pymalloc")
            .to_string(),
    ];
    if rng.gen_bool(0.3) {
        f.push("--debug-alloc".into());
    }
    let stress = rng.gen_bool(0.3).then(|| {
        let choices: &[u32] = if small {
            &[1, 2, 3, 5, 10, 50, 100]
        } else {
            &[10, 50, 100, 500]
        };
        choices.choose(rng).copied().unwrap_or(100)
    });
    if let Some(n) = stress {
        f.push("--gc-stress".into());
        f.push(n.to_string());
    }
    if rng.gen_bool(0.15) && (small || stress.is_none_or(|n| n >= 100)) {
        f.push("--gc-verify".into());
    }
    if rng.gen_bool(0.1) {
        f.push("--max-heap".into());
        f.push(
            HEAP_LIMITS
                .choose(rng)
                .copied()
                .unwrap_or("32M")
                .to_string(),
        );
    }
    if rng.gen_bool(0.2) {
        f.push("--stats".into());
    }
    f
}

/// Whether `flags` contain `name`.
pub fn has_flag(flags: &[String], name: &str) -> bool {
    flags.iter().any(|f| f == name)
}

/// The value after `name` in `flags`.
pub fn flag_value<'a>(flags: &'a [String], name: &str) -> Option<&'a str> {
    flags
        .iter()
        .position(|f| f == name)
        .and_then(|i| flags.get(i + 1))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_rebuilt_identically() {
        let corpus = Corpus::load(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .as_path(),
            None,
        );
        for i in 0..40 {
            let a = build_case(5, i, &corpus, 0.5);
            let b = build_case(5, i, &corpus, 0.5);
            assert_eq!(a.source, b.source);
            assert_eq!(a.flags, b.flags);
            assert_eq!(a.origin, b.origin);
        }
    }

    #[test]
    fn flag_lookups() {
        let f: Vec<String> = ["--gc-stress", "3", "--stats"].map(String::from).to_vec();
        assert_eq!(flag_value(&f, "--gc-stress"), Some("3"));
        assert!(has_flag(&f, "--stats"));
        assert!(!has_flag(&f, "--gc-verify"));
    }
}
