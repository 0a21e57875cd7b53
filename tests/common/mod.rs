//! Helpers shared by the native test suites: a tiny deterministic random generator for property
//! tests (no dependency, same sequence on every machine) and snapshot checking.

#![allow(dead_code)]

use quotelens::corpus::Source;
use std::path::PathBuf;

/// xorshift64*: deterministic, seedable, good enough to generate test inputs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is mapped to a fixed non-zero state).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Pieces that stress the text layers: quote marks of every kind, apostrophes, abbreviations,
/// line breaks, multi-byte letters, combining marks, emoji and words.
pub const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{a0}",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    ".",
    ",",
    "?",
    "!",
    ":",
    ";",
    "…",
    "(",
    ")",
    "-",
    "—",
    "/",
    "U.S.",
    "Feb.",
    "No.",
    "Sen.",
    "P.",
    "said",
    "told reporters",
    "he said",
    "Wang",
    "Wang Yi",
    "Blinken",
    "China",
    "é",
    "e\u{301}",
    "ß",
    "İ",
    "😀",
    "👩‍👩‍👧",
    "中国",
    "العربية",
    "the",
    "war",
    "peace",
    "invasion",
    "RELATED ARTICLES",
    "Views: 0",
    "(AFP/Getty Images)",
    "Photo:",
    "0",
    "42",
    "O’Brien",
    "’90s",
    "rock ’n’ roll",
    "6'2\"",
    "\u{2028}",
    "\u{0}",
    "\u{feff}",
    "🇺🇦",
];

/// A random text of up to `max_pieces` pieces.
pub fn random_text(rng: &mut Rng, max_pieces: usize) -> String {
    let n = rng.below(max_pieces + 1);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(rng.pick(PIECES));
    }
    s
}

/// Path of a snapshot file under tests/golden/.
pub fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Compare `actual` with the snapshot `name`; with `UPDATE_EXPECT=1` rewrite the snapshot instead.
/// The failure message shows the first differing line, so a reader can fix without a debugger.
pub fn check_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {}; run with UPDATE_EXPECT=1 to create it", path.display()));
    if expected != actual {
        let diff = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .find(|(_, (e, a))| e != a)
            .map(|(i, (e, a))| format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1))
            .unwrap_or_else(|| {
                format!("line counts differ: expected {}, actual {}", expected.lines().count(), actual.lines().count())
            });
        panic!(
            "snapshot {} differs ({diff}); if the change is intended, rerun with UPDATE_EXPECT=1 and review the diff",
            path.display()
        );
    }
}

/// A PolNeAR split ("train", "dev") from ../shared beside the repository: its folder and its `.txt`
/// articles in file-name order, each named by its file stem. `None`, after printing that the test
/// `who` skipped, when the corpus is absent (it lives outside the repository).
pub fn polnear(split: &str, who: &str) -> Option<(PathBuf, Vec<Source>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/polnear").join(split);
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("SKIPPED {who}: {} is absent (the corpus lives outside the repository)", dir.display());
        return None;
    };
    let mut paths: Vec<PathBuf> =
        rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    let sources = paths
        .iter()
        .map(|p| Source {
            name: p.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            text: std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            ..Source::default()
        })
        .collect();
    Some((dir, sources))
}
