//! The tokenizer: text in, words out, each word as its byte span in the original text and its
//! folded form (see [`super::fold`]). Index, query parser, highlighter and the naive oracle in the
//! tests all use this one function, so a word means the same thing everywhere.
//!
//! A word is a run of letters and digits after folding. Inside a word:
//! - an apostrophe between two letters or digits is dropped: "O’Brien" → `obrien`, "don't" → `dont`;
//! - a comma between digits is dropped and a period between digits is kept: "1,000" → `1000`,
//!   "3.5" → `3.5`;
//! - combining marks and invisible characters (which fold to nothing) stay in the span and vanish
//!   from the folded form: "e\u{301}te\u{301}" → `ete`.
//!
//! Everything else separates words: spaces, punctuation, hyphens ("six-point" is two words), quote
//! marks, emoji. Han characters and kana (scripts written without spaces) are one word per
//! character, so "中国" is the two words 中 and 国 and a query for 中国 becomes the phrase "中 国".
//!
//! Spans always start and end on char boundaries of the input: they are built from `char_indices`.

use super::fold::{fold_char, FoldedChar};
use crate::span::Span;

/// Longest folded word kept, in bytes (range 16..=1024, default 64). Longer runs (a pasted hash, a
/// hostile query) are cut at a char boundary in the folded form; the span still covers the whole
/// run, so highlights stay whole.
pub const MAX_WORD_BYTES: usize = 64;

/// Call `each(span, folded)` for every word of `text`, in text order. `folded` is only valid during
/// the call (one buffer is reused, so tokenizing does not allocate per word). `each` is a trait
/// object so the tokenizer is compiled once, however many callers it has.
pub fn tokenize(text: &str, each: &mut dyn FnMut(Span, &str)) {
    let bytes = text.as_bytes();
    let mut buf = String::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut i = 0;
    // The char starting at byte `at` (on a char boundary), if any.
    let char_at = |at: usize| text.get(at..).and_then(|r| r.chars().next());
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // Fast path: a run of ASCII letters and digits folds to its lowercase.
            let run = bytes[i..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(bytes.len(), |n| i + n);
            if start.is_none() {
                start = Some(i);
            }
            let room = MAX_WORD_BYTES.saturating_sub(buf.len()).min(run - i);
            buf.extend(bytes[i..i + room].iter().map(|b| char::from(b.to_ascii_lowercase())));
            end = run;
            i = run;
            continue;
        }
        if b.is_ascii() {
            let inside = start.is_some();
            let joins = match b {
                b'\'' => inside && char_at(i + 1).is_some_and(starts_word),
                b',' | b'.' => {
                    inside
                        && buf.ends_with(|c: char| c.is_ascii_digit())
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                }
                _ => false,
            };
            if joins {
                if b == b'.' {
                    push_capped(&mut buf, ".");
                }
            } else {
                flush(&mut buf, &mut start, end, each);
            }
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let next = i + c.len_utf8();
        let f = fold_char(c);
        if is_ideograph(c) {
            flush(&mut buf, &mut start, end, each);
            each(Span::new(i, next), f.as_str());
        } else if is_word(&f) {
            if start.is_none() {
                start = Some(i);
            }
            push_capped(&mut buf, f.as_str());
            end = next;
        } else if f.is_empty() {
            // A combining mark or invisible char: part of the word it follows, nothing when alone.
            if start.is_some() {
                end = next;
            }
        } else if start.is_some() && f.as_str() == "'" && char_at(next).is_some_and(starts_word) {
            // Apostrophe inside a word: skipped.
        } else {
            flush(&mut buf, &mut start, end, each);
        }
        i = next;
    }
    flush(&mut buf, &mut start, end, each);
}

/// True when `c` can continue a word after an apostrophe (a letter or digit, not an ideograph).
fn starts_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_word(&fold_char(c)) && !is_ideograph(c)
    }
}

/// The words of `text` as (span, folded) pairs; a convenience over [`tokenize`] for tests and
/// for short texts (names, queries).
pub fn words(text: &str) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    tokenize(text, &mut |s, w| out.push((s, w.to_string())));
    out
}

fn flush(buf: &mut String, start: &mut Option<usize>, end: usize, each: &mut dyn FnMut(Span, &str)) {
    if let Some(s) = start.take() {
        if !buf.is_empty() {
            each(Span::new(s, end), buf);
        }
        buf.clear();
    }
}

fn push_capped(buf: &mut String, s: &str) {
    if buf.len() + s.len() <= MAX_WORD_BYTES {
        buf.push_str(s);
    }
}

/// True when a folded char is a letter or digit (part of a word).
fn is_word(f: &FoldedChar) -> bool {
    !f.is_empty() && f.chars().all(char::is_alphanumeric)
}

/// Scripts written without spaces between words: Han ideographs, hiragana, katakana.
fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        words(text)
            .iter()
            .map(|(s, w)| {
                let orig = s.slice(text);
                if orig == w {
                    w.clone()
                } else {
                    format!("{w}={orig}")
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Rows: text, words (folded, and `folded=original` where they differ).
    #[test]
    fn words_table() {
        for (text, want) in [
            ("Hello, world!", "hello=Hello world"),
            ("China’s “six-point” plan", "chinas=China’s six point plan"),
            ("O'Brien don’t rock ’n’ roll", "obrien=O'Brien dont=don’t rock n roll"),
            ("1,000 troops, 3.5% and 2022.", "1000=1,000 troops 3.5 and 2022"),
            ("U.S. e.g. 10:30", "u=U s=S e g 10 30"),
            ("Straße İstanbul café", "strasse=Straße istanbul=İstanbul cafe=café"),
            ("e\u{301}te\u{301} x", "ete=e\u{301}te\u{301} x"),
            ("\u{301}alone", "alone"),
            ("中国外交部 said", "中 国 外 交 部 said"),
            ("Москва ΑΘΗΝΑ العربية", "москва=Москва αθηνα=ΑΘΗΝΑ العربية"),
            ("😀 👩‍👩‍👧 🇺🇦 ok", "ok"),
            ("students’ union", "students union"),
            ("'quoted' ‘single’", "quoted single"),
            ("a\u{a0}b – c—d", "a b c d"),
            ("soft\u{ad}ware", "software=soft\u{ad}ware"),
            ("", ""),
        ] {
            assert_eq!(render(text), want, "words of {text:?}");
        }
    }

    #[test]
    fn long_runs_are_capped_but_spans_stay_whole() {
        let long = "x".repeat(500);
        let w = words(&long);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, Span::new(0, 500));
        assert_eq!(w[0].1.len(), MAX_WORD_BYTES);
    }
}
