//! Sentence splitting inside one block, as spans that tile the block's content.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quote marks and brackets right after
//! it) when the next word starts a sentence: an uppercase letter, a digit or an opening quote after
//! whitespace. It does not end after an abbreviation ("U.S.", "Feb.", "Sen.", "No. 5", "Mr."), an
//! initial ("Oscar P. Quintero"), or inside a number ("3.9"). Quote marks never break a sentence on
//! their own: `“Yes,” he said.` is one sentence, and so is `“Yes.” He left.`'s first part plus its
//! closing mark.

use crate::span::{is_close_quote, is_open_quote, Span};

/// Words that end in a period without ending the sentence, compared case-sensitively without the
/// final period. Titles, months, and the short forms news copy uses before a name or number.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Gen", "Lt", "Col", "Maj",
    "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Amb", "Atty", "Sr", "Jr",
    "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "No", "Nos", "Nr", "Vol", "Vols", "pp", "Fig", "Inc", "Corp", "Co", "Ltd", "Bros", "vs", "v",
    "e.g", "i.e", "cf", "approx", "est", "Dept", "Univ", "Assn", "Calif", "Mass", "Penn", "Wash", "Fla", "Ill", "Mich",
    "Minn", "Ariz", "Ark", "Colo", "Conn", "Del", "Ind", "Kan", "Ky", "La", "Md", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "Ala",
];

/// Abbreviations that end a sentence when the next word is not a number ("He said no. Then…").
const ONLY_BEFORE_NUMBERS: &[&str] = &["No", "Nos", "Nr", "Vol", "Vols", "pp", "Fig", "Mar", "Jun", "Jul", "Aug"];

/// Split `block` of `text` into sentence spans that tile it exactly.
pub fn split_sentences(text: &str, block: Span) -> Vec<Span> {
    let s = block.slice(text);
    if s.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?' | '…') {
            k += 1;
            continue;
        }
        // Absorb runs of terminal punctuation ("?!", "...") and closing marks / brackets.
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
            j += 1;
        }
        while j < chars.len() && (is_close_quote(chars[j].1) || matches!(chars[j].1, ')' | ']')) {
            j += 1;
        }
        // Must be followed by whitespace (or the end of the block).
        let mut w = j;
        while w < chars.len() && chars[w].1.is_whitespace() {
            w += 1;
        }
        if w == j && j < chars.len() {
            k = j.max(k + 1);
            continue;
        }
        let next = chars.get(w).map(|&(_, ch)| ch);
        let next_word = chars.get(w).map_or("", |&(p, _)| &s[p..]);
        let starts_sentence = match next {
            None => true,
            Some(ch) => ch.is_uppercase() || ch.is_ascii_digit() || is_open_quote(ch) || ch == '(' || ch == '—',
        };
        if starts_sentence && !(c == '.' && j == k + 1 && is_abbreviation(s, i, next_word)) {
            let stop = chars.get(w).map_or(s.len(), |&(p, _)| p);
            out.push(Span::new(block.start + start, block.start + stop));
            start = stop;
        }
        k = w.max(k + 1);
    }
    if start < s.len() {
        out.push(Span::new(block.start + start, block.end));
    }
    // Each sentence carries the whitespace after it, so the sentences tile the block.
    out
}

/// Is the word ending at the period at byte `dot` of `s` an abbreviation or initial?
fn is_abbreviation(s: &str, dot: usize, next_word: &str) -> bool {
    // The word before the dot: back to whitespace or an opening bracket/quote.
    let before = &s[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '[') || is_open_quote(c))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = &s[word_start..dot];
    if word.is_empty() {
        return false;
    }
    let next_is_number = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
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
    if ONLY_BEFORE_NUMBERS.contains(&word) {
        return next_is_number;
    }
    ABBREVIATIONS.contains(&word)
}

/// After "U.S." a capitalised word usually continues the sentence ("U.S. President Joe Biden"), but
/// a few words almost always open a new one. Conservative on purpose: splitting a sentence wrongly
/// is worse for attribution than joining two.
fn next_word_is_not_sentence_opener(next: &str) -> bool {
    let w: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    !matches!(
        w.as_str(),
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
