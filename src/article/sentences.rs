//! Sentence splitting inside one block, as spans that tile the block's content.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quote marks and brackets right after
//! it) when the next word starts a sentence: an uppercase letter, a digit or an opening quote after
//! whitespace. It does not end after an abbreviation ("U.S.", "Feb.", "Sen.", "No. 5", "Mr."), an
//! initial ("Oscar P. Quintero"), or inside a number ("3.9"). Quote marks never break a sentence on
//! their own: `“Yes,” he said.` is one sentence, and so is `“Yes.” He left.`'s first part plus its
//! closing mark.

use super::wordset::WordSet;
use crate::span::{is_close_quote, is_open_quote, Span};

/// Words that end in a period without ending the sentence, compared case-sensitively without the
/// final period. Titles, months, and the short forms news copy uses before a name or number.
/// Sorted (byte order, checked by a test).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Amb", "Apr", "Ariz", "Ark", "Assn", "Atty", "Aug", "Ave", "Blvd", "Bros", "Calif", "Capt", "Cmdr",
    "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Dr", "Feb", "Fig", "Fla", "Fr", "Ft", "Gen",
    "Gov", "Govs", "Hon", "Ill", "Inc", "Ind", "Insp", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd",
    "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn", "Miss", "Mo", "Mont", "Mr", "Mrs", "Ms", "Mt", "Neb", "Nev",
    "No", "Nos", "Nov", "Nr", "Oct", "Okla", "Ore", "Pa", "Penn", "Pres", "Prof", "Pvt", "Rd", "Rep", "Reps", "Rev",
    "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Ste", "Supt", "Tenn", "Tex", "Univ", "Va", "Vol", "Vols", "Vt",
    "Wash", "Wis", "Wyo", "approx", "cf", "e.g", "est", "i.e", "pp", "v", "vs",
];

/// [`ABBREVIATIONS`] hashed for exact lookup.
const ABBREVIATION_SET: WordSet<256> = WordSet::exact(ABBREVIATIONS);

/// Bytes in the longest of [`ABBREVIATIONS`].
const LONGEST_ABBREVIATION: usize = {
    let (mut i, mut longest) = (0, 0);
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

/// Abbreviations that end a sentence when the next word is not a number ("He said no. Then…").
const ONLY_BEFORE_NUMBERS: &[&str] = &["No", "Nos", "Nr", "Vol", "Vols", "pp", "Fig", "Mar", "Jun", "Jul", "Aug"];

/// The ellipsis `…` (U+2026) in UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();

/// Split `block` of `text` into sentence spans that tile it exactly.
pub fn split_sentences(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_sentences_into(text, block, &mut out);
    out
}

/// [`split_sentences`], appending to `out`.
pub(crate) fn split_sentences_into(text: &str, block: Span, out: &mut Vec<Span>) {
    let s = block.slice(text);
    if s.is_empty() {
        return;
    }
    let bytes = s.as_bytes();
    let n = bytes.len();
    // Length of the sentence-ending character at byte `i` (. ! ? …), or 0.
    let terminal = |i: usize| -> usize {
        match bytes.get(i) {
            Some(b'.' | b'!' | b'?') => 1,
            Some(0xE2) if bytes[i..].starts_with(ELLIPSIS) => 3,
            _ => 0,
        }
    };
    let mut start = 0;
    let mut i = 0;
    while i < n {
        // Byte scan for the next terminal: ASCII punctuation or the lead byte of `…`.
        let Some(p) = super::scan::find_any_or_high(bytes, i, [b'.', b'!', b'?']) else { break };
        i = p;
        let len = terminal(i);
        if len == 0 {
            i += super::scan::char_len(bytes[i]);
            continue;
        }
        // Absorb runs of terminal punctuation ("?!", "...") and closing marks / brackets.
        let mut j = i + len;
        loop {
            let l = terminal(j);
            if l == 0 {
                break;
            }
            j += l;
        }
        while let Some(c) = char_at(s, j).filter(|&c| is_close_quote(c) || matches!(c, ')' | ']')) {
            j += c.len_utf8();
        }
        // Must be followed by whitespace (or the end of the block).
        let mut w = j;
        while let Some(c) = char_at(s, w).filter(|c| c.is_whitespace()) {
            w += c.len_utf8();
        }
        if w == j && j < n {
            i = j;
            continue;
        }
        let next_word = &s[w..];
        let starts_sentence = match char_at(s, w) {
            None => true,
            Some(ch) => ch.is_uppercase() || ch.is_ascii_digit() || is_open_quote(ch) || ch == '(' || ch == '—',
        };
        // A lone period (no other terminal or closing mark) may end an abbreviation.
        let lone_period = bytes[i] == b'.' && j == i + 1;
        if starts_sentence && !(lone_period && is_abbreviation(s, i, next_word)) {
            out.push(Span::new(block.start + start, block.start + w));
            start = w;
        }
        i = w;
    }
    if start < n {
        out.push(Span::new(block.start + start, block.end));
    }
    // Each sentence carries the whitespace after it, so the sentences tile the block.
}

/// The character at byte `i` of `s` (ASCII without decoding), if `i` is inside `s`.
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => s.get(i..).and_then(|t| t.chars().next()),
        None => None,
    }
}

/// Is the word ending at the period at byte `dot` of `s` an abbreviation or initial?
fn is_abbreviation(s: &str, dot: usize, next_word: &str) -> bool {
    // The word before the dot: back to whitespace or an opening bracket/quote.
    let bytes = s.as_bytes();
    // Back one character at a time to a delimiter: skip continuation bytes (0x80..=0xBF) to the
    // character's first byte, and decode only characters outside ASCII.
    let mut word_start = dot;
    // ASCII letters and digits first, a byte at a time: none is a delimiter.
    while word_start > 0 && bytes[word_start - 1].is_ascii_alphanumeric() {
        word_start -= 1;
    }
    while word_start > 0 {
        let mut p = word_start - 1;
        while p > 0 && (0x80..0xC0).contains(&bytes[p]) {
            p -= 1;
        }
        let Some(c) = char_at(s, p) else { break };
        if c.is_whitespace() || matches!(c, '(' | '[') || is_open_quote(c) {
            break;
        }
        word_start = p;
    }
    let word = &s[word_start..dot];
    if word.is_empty() {
        return false;
    }
    let next_is_number = next_word.as_bytes().first().is_some_and(u8::is_ascii_digit);
    // Single capital letter: an initial ("P." in "Oscar P. Quintero").
    let mut cs = word.chars();
    if let (Some(first), None) = (cs.next(), cs.clone().next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    // Dotted acronyms: "U.S", "U.N", "a.m", "D.C" (the final dot is the one we are looking at).
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic)) {
        return next_word_is_not_sentence_opener(next_word);
    }
    // Every word of ONLY_BEFORE_NUMBERS is an abbreviation (checked by a test). A word longer
    // than the longest abbreviation needs no lookup.
    if word.len() > LONGEST_ABBREVIATION || ABBREVIATION_SET.index_exact(word.as_bytes()).is_none() {
        return false;
    }
    if ONLY_BEFORE_NUMBERS.contains(&word) {
        return next_is_number;
    }
    true
}

/// After "U.S." a capitalised word usually continues the sentence ("U.S. President Joe Biden"), but
/// a few words almost always open a new one. Conservative on purpose: splitting a sentence wrongly
/// is worse for attribution than joining two.
fn next_word_is_not_sentence_opener(next: &str) -> bool {
    let w = &next[..next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len())];
    !matches!(
        w,
        "The"
            | "But"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "In"
            | "That"
            | "This"
            | "And"
            | "A"
            | "I"
            | "His"
            | "Her"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]), "ABBREVIATIONS must stay sorted");
        assert!(ONLY_BEFORE_NUMBERS.iter().all(|w| ABBREVIATIONS.contains(w)));
    }
}
