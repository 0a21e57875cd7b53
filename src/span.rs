//! Byte spans into one source text, and the small text helpers every layer shares.
//!
//! Every position in the core is a [`Span`] of UTF-8 byte offsets into the one article text it
//! came from. Spans are produced only on `char` boundaries; [`Span::slice`] never panics, even for
//! a span that does not fit the text (it returns `""`), so a bug upstream degrades to an empty
//! string instead of a crashed page.

use serde::Serialize;

/// A half-open byte range `start..end` into a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte (inclusive).
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; an inverted pair is clamped to an empty span at `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers, or `""` when it does not lie on char boundaries of `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The span with leading and trailing Unicode whitespace removed.
    pub fn trim(self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span::new(self.start + lead, self.start + lead + trimmed.len())
    }
}

/// FNV-1a, 64 bit: a tiny, stable, dependency-free hash for ids that must not change between
/// builds, platforms or releases (std's `DefaultHasher` promises none of that).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `parts` one after the other, as one string: `[&str]::concat` without its generic join code
/// (1 kB in the page's wasm), and no formatting code as `format!` would bring.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p);
    }
    out
}

/// The first `digits` lowercase hex digits of `fnv1a64(bytes)` (at most 16).
pub fn short_hash(bytes: &[u8], digits: usize) -> String {
    // Digit by digit rather than through `format!("{:016x}")`: no formatting code in the page's wasm.
    let h = fnv1a64(bytes);
    (0..digits.min(16)).map(|i| char::from(b"0123456789abcdef"[(h >> (60 - 4 * i)) as usize & 15])).collect()
}

/// Lowercase ASCII slug of a name: "Wang Yi" → "wang-yi", "Hua Chunying" → "hua-chunying".
/// Letters with diacritics lose their marks where a plain equivalent is known; other characters
/// separate words. Never empty: a name with no usable letters slugs to its hash.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        let plain = crate::search::fold::fold_char(c);
        for p in plain.chars() {
            if p.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(p.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
    }
    if out.is_empty() {
        out.push('x');
        out.push_str(&short_hash(name.as_bytes(), 8));
    }
    out
}

/// True for the characters that can open a quotation in news text.
pub fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„' | '‚' | '‹')
}

/// True for the characters that can close a quotation in news text.
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | '‛' | '›')
}

/// `s` from byte `i` on, or `""` when `i` is not a char boundary of `s`: slicing that cannot panic
/// (a panic kills the page), for the page's string walks.
pub fn after(s: &str, i: usize) -> &str {
    s.get(i..).unwrap_or("")
}

/// `s` cut at its first `sep` (an ASCII byte): `str::split_once` for an ASCII char, in less code
/// in the page's wasm (no char searcher or memchr; those were ~770 B for three callers).
pub fn split_at_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == sep)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_out_of_range_is_empty_not_a_panic() {
        assert_eq!(Span::new(2, 99).slice("abc"), "");
        assert_eq!(Span::new(1, 2).slice("é"), "");
        assert_eq!(Span::new(0, 2).slice("é"), "é");
        assert_eq!(after("aé", 1), "é");
        assert_eq!(after("aé", 2), "");
        assert_eq!(after("aé", 3), "");
        assert_eq!(after("aé", 4), "");
    }

    #[test]
    fn trim_keeps_inner_text() {
        let t = "  hello \n";
        let s = Span::new(0, t.len()).trim(t);
        assert_eq!(s.slice(t), "hello");
    }

    #[test]
    fn hash_is_stable_across_releases() {
        // Pinned values: changing the hash function would break every shared link.
        assert_eq!(format!("{:016x}", fnv1a64(b"")), "cbf29ce484222325");
        assert_eq!(format!("{:016x}", fnv1a64(b"a")), "af63dc4c8601ec8c");
    }

    #[test]
    fn slugs() {
        for (name, want) in [
            ("Wang Yi", "wang-yi"),
            ("  Antony   Blinken ", "antony-blinken"),
            ("Azucena Gonzàlez", "azucena-gonzalez"),
            ("NATO", "nato"),
            ("The White House", "the-white-house"),
        ] {
            assert_eq!(slug(name), want, "slug({name:?})");
        }
        assert!(slug("“”").starts_with('x'));
        assert_eq!(slug("“”"), format!("x{}", &format!("{:016x}", fnv1a64("“”".as_bytes()))[..8]));
    }

    #[test]
    fn short_hashes_are_the_hash_in_hex() {
        for text in ["", "a", "Wang Yi said", "é😀"] {
            let full = format!("{:016x}", fnv1a64(text.as_bytes()));
            for digits in [0, 1, 6, 8, 10, 16, 20] {
                assert_eq!(short_hash(text.as_bytes(), digits), full[..digits.min(16)], "{text} {digits}");
            }
        }
        assert_eq!(cat(&["a", "", "bc"]), "abc");
        assert_eq!(cat(&[]), "");
    }

    #[test]
    fn splitting_at_a_byte_is_split_once() {
        for s in ["", ":", "a:", ":b", "speaker:wang:yi", "é:😀", "no separator", "“a”-b-c", "\n\n", "x\ny\n"] {
            for sep in [b':', b'-', b'\n'] {
                assert_eq!(split_at_byte(s, sep), s.split_once(char::from(sep)), "{s:?} at {sep}");
            }
        }
    }
}
