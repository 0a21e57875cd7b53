//! Byte scanning eight bytes at a time in a `u64` ("SWAR"): finding the next of a few byte values,
//! and classifying eight ASCII bytes at once. The hot loops of parsing and extraction skip plain
//! letters this way instead of testing them one by one; everything here is safe code and works
//! the same on wasm32 (no SIMD instructions, no unaligned reads outside the slice).
//!
//! Each fast path has its naive byte-by-byte twin in the tests.

/// 0x01 in every byte.
const LO: u64 = 0x0101_0101_0101_0101;
/// 0x80 in every byte.
const HI: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte.
pub(crate) const fn splat(b: u8) -> u64 {
    LO * b as u64
}

/// 0x80 in each byte of `x` that is zero, 0 elsewhere. Exact: no carry crosses a byte, because
/// the low seven bits are added separately from the high one.
#[inline]
pub(crate) const fn zero_bytes(x: u64) -> u64 {
    !(((x & !HI).wrapping_add(!HI)) | x) & HI
}

/// 0x80 in each byte of `x` equal to `b`.
#[inline]
pub(crate) const fn eq_bytes(x: u64, b: u8) -> u64 {
    zero_bytes(x ^ splat(b))
}

/// 0x80 in each byte of `x` that is at least `c` (1..=0x80), for `x` whose bytes are all ASCII.
#[inline]
pub(crate) const fn ge_bytes(x: u64, c: u8) -> u64 {
    x.wrapping_add(splat(0x80 - c)) & HI
}

/// 0x80 in each byte of `x` in `lo..=hi` (ASCII `x`, 1 ≤ lo ≤ hi < 0x80).
#[inline]
pub(crate) const fn range_bytes(x: u64, lo: u8, hi: u8) -> u64 {
    ge_bytes(x, lo) & !ge_bytes(x, hi + 1)
}

/// Does any byte of `x` have its high bit set (a byte of a character outside ASCII)?
#[inline]
pub(crate) const fn non_ascii(x: u64) -> bool {
    x & HI != 0
}

/// ASCII uppercase letters of `x` made lowercase (ASCII `x`).
#[inline]
pub(crate) const fn lower_ascii(x: u64) -> u64 {
    x | (range_bytes(x, b'A', b'Z') >> 2)
}

/// Eight bytes of `b` from `i` as a little-endian `u64` (byte `i` lowest), if there are eight.
#[inline]
pub(crate) fn load(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Up to eight bytes of `b` from `i` as a little-endian `u64`, zero past the end of `b`.
#[inline]
pub(crate) fn load_upto(b: &[u8], i: usize) -> u64 {
    if let Some(x) = load(b, i) {
        return x;
    }
    let mut v = 0u64;
    for (k, &x) in b.get(i..).unwrap_or(&[]).iter().enumerate() {
        v |= u64::from(x) << (8 * k);
    }
    v
}

/// Position of the first byte at or after `from` that is one of the ASCII `targets` or any byte
/// outside ASCII (0x80 and up): one test covers every multi-byte character, for callers whose
/// interesting characters outside ASCII are few and checked after.
#[inline]
pub(crate) fn find_any_or_high<const N: usize>(b: &[u8], from: usize, targets: [u8; N]) -> Option<usize> {
    let mut i = from;
    while let Some(x) = load(b, i) {
        let mut m = x & HI;
        for t in targets {
            m |= eq_bytes(x, t);
        }
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&x| x >= 0x80 || targets.contains(&x)).map(|p| i + p)
}

/// The length of the UTF-8 character whose first byte is `lead`: 1 for ASCII (and for a byte that
/// cannot start a character). Scanners that stop at every byte outside ASCII step over a whole
/// character this way, not over each of its bytes.
#[inline]
pub(crate) const fn char_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0.. => 4,
        _ => 1,
    }
}

/// The first position at or after `from` (and before `limit`) whose byte is not an ASCII letter
/// or digit; `limit` (capped at the slice's end) if there is none.
#[inline]
pub(crate) fn skip_ascii_alnum(b: &[u8], from: usize, limit: usize) -> usize {
    let limit = limit.min(b.len());
    let mut i = from;
    while i + 8 <= limit {
        let Some(x) = load(b, i) else { break };
        // The high bits cleared, no lane carries into the next; lanes outside ASCII stop anyway.
        let y = x & !HI;
        let alnum = range_bytes(y, b'0', b'9') | range_bytes(y | splat(0x20), b'a', b'z');
        let stop = (!alnum & HI) | (x & HI);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < limit && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i.max(from.min(limit))
}

/// Is the ASCII byte `b` whitespace as `char::is_whitespace` says (space, tab, line feed,
/// vertical tab, form feed, carriage return)?
#[inline]
pub(crate) const fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The end of the word starting at byte `i` of `s`: the next whitespace character (or the end of
/// `s`). Eight bytes at a time to the next ASCII space or byte outside ASCII; only characters
/// outside ASCII are decoded.
pub(crate) fn word_end(s: &str, from: usize) -> usize {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        if let Some(x) = load(b, i) {
            let stop = eq_bytes(x, b' ') | range_bytes(x & !HI, b'\t', b'\r') | (x & HI);
            if stop == 0 {
                i += 8;
                continue;
            }
            i += (stop.trailing_zeros() / 8) as usize;
        }
        let x = b[i];
        if x < 0x80 {
            if ascii_space(x) {
                return i;
            }
            i += 1;
            continue;
        }
        let c = s.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
        if c.is_whitespace() {
            return i;
        }
        i += c.len_utf8();
    }
    b.len()
}

/// Is `c` in the General Punctuation block (U+2000..=U+206F: ’ “ ” — … and spaces), which has no
/// letters or digits? News text is full of these, and asking the Unicode tables about them is slow.
#[inline]
fn general_punctuation(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}')
}

/// [`char::is_alphanumeric`], answering ASCII and typographic punctuation without the Unicode
/// tables.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !general_punctuation(c) && c.is_alphanumeric()
}

/// [`char::is_alphabetic`], answering ASCII and typographic punctuation without the Unicode
/// tables.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    !general_punctuation(c) && c.is_alphabetic()
}

/// The words of `s` exactly as `str::split_whitespace` gives them, decoding only the characters
/// outside ASCII.
pub(crate) fn words(s: &str) -> Words<'_> {
    Words { s, i: 0 }
}

/// Iterator of [`words`].
pub(crate) struct Words<'a> {
    s: &'a str,
    i: usize,
}

impl Words<'_> {
    /// Is the character at byte `i` whitespace, and how long is it?
    #[inline(always)]
    fn space_at(&self, i: usize) -> (bool, usize) {
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            return (ascii_space(b), 1);
        }
        let c = self.s.get(i..).and_then(|t| t.chars().next()).unwrap_or('x');
        (c.is_whitespace(), c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let n = self.s.len();
        while self.i < n {
            let (space, len) = self.space_at(self.i);
            if !space {
                break;
            }
            self.i += len;
        }
        if self.i >= n {
            return None;
        }
        let start = self.i;
        self.i = word_end(self.s, self.i);
        self.s.get(start..self.i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_tests_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            let mut buf = [0; 4];
            assert_eq!(char_len(c.encode_utf8(&mut buf).as_bytes()[0]), c.len_utf8(), "{c:?}");
        }
    }

    #[test]
    fn every_byte_value_is_classified_exactly() {
        for v in 0u8..=255 {
            for lane in 0..8 {
                // The byte in one lane, neighbours that could disturb it (0x00, 0xFF, v ± 1) around.
                for fill in [0u8, 0xFF, v.wrapping_add(1), v.wrapping_sub(1), b'a'] {
                    let mut bytes = [fill; 8];
                    bytes[lane] = v;
                    let x = u64::from_le_bytes(bytes);
                    for (k, &byte) in bytes.iter().enumerate() {
                        let bit = |m: u64| m >> (k * 8 + 7) & 1 == 1;
                        assert_eq!(bit(zero_bytes(x)), byte == 0, "zero {bytes:?}");
                        assert_eq!(bit(eq_bytes(x, b'.')), byte == b'.', "eq {bytes:?}");
                        if bytes.iter().all(u8::is_ascii) {
                            assert_eq!(bit(ge_bytes(x, b'0')), byte >= b'0', "ge {bytes:?}");
                            assert_eq!(bit(range_bytes(x, b'A', b'Z')), byte.is_ascii_uppercase(), "range {bytes:?}");
                            let low = lower_ascii(x).to_le_bytes()[k];
                            assert_eq!(low, byte.to_ascii_lowercase(), "lower {bytes:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn skip_ascii_alnum_agrees_with_a_byte_loop() {
        let naive = |b: &[u8], from: usize, limit: usize| {
            let limit = limit.min(b.len());
            let mut i = from;
            while i < limit && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            i.max(from.min(limit))
        };
        let mut all: Vec<u8> = (0u8..=255).collect();
        all.extend_from_slice(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@[`{/:");
        for v in 0u8..=255 {
            let mut text = b"Wordsandnumbers123456789xyzXYZ".to_vec();
            for at in [0, 3, 7, 8, 9, 15, 16, 29] {
                let mut t = text.clone();
                t[at] = v;
                for from in [0, 1, 5, 8, 30, 40] {
                    for limit in [0, 4, 12, 30, 99] {
                        assert_eq!(
                            skip_ascii_alnum(&t, from, limit),
                            naive(&t, from, limit),
                            "{v} at {at}, {from}..{limit}"
                        );
                    }
                }
            }
            text.push(v);
        }
        for from in 0..all.len() {
            assert_eq!(skip_ascii_alnum(&all, from, all.len()), naive(&all, from, all.len()));
        }
    }

    #[test]
    fn words_split_like_split_whitespace() {
        let ascii: String = (0u8..128).map(|b| format!("a{}b ", b as char)).collect();
        for s in [ascii.as_str(), "", " ", "  a  b ", "x\u{a0}y\u{2003}z\u{85}w", "é è\u{3000}ü", "\u{2028}a\u{2029}"]
        {
            assert_eq!(words(s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn partial_loads_fill_with_zeros() {
        let b = b"abcdefghij";
        assert_eq!(load_upto(b, 0), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(load_upto(b, 5), u64::from_le_bytes(*b"fghij\0\0\0"));
        assert_eq!(load_upto(b, 10), 0);
        assert_eq!(load_upto(b, 99), 0);
    }

    #[test]
    fn find_any_or_high_agrees_with_a_byte_loop() {
        let text = "Plain words, then a dot. Then “quotes” and a\nline, é, 3.5 and… the end".as_bytes();
        for from in 0..=text.len() + 2 {
            let want = text
                .get(from..)
                .and_then(|t| t.iter().position(|&x| x >= 0x80 || b".!?".contains(&x)))
                .map(|p| from + p);
            assert_eq!(find_any_or_high(text, from, [b'.', b'!', b'?']), want, "from {from}");
        }
    }
}
