//! What kind of quotation a quote is: a statement set off by its own punctuation (direct), a
//! fragment woven into the reporter's sentence (partial), or a quoted word or name (term).
//!
//! Decided from the quote's own text and where it stands:
//! - **direct**: it opens a clause of the reporter's sentence (at the start of a sentence, after a
//!   colon or dash, or after "he said,") and either carries its own punctuation or is at least
//!   three words that are not a title;
//! - **term**: at most three words without closing sentence punctuation and not introduced by a
//!   verb ("the “six-point plan”", "the word “invasion”"), or a short Title Case name of a show
//!   or book ("appeared on “Meet the Press”");
//! - **partial**: everything else ("said it is “absolutely necessary”").

use super::QuoteKind;

/// Where a quote stands in the reporter's sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Shape {
    /// It opens a clause: sentence start, after a colon or dash, or after "said,".
    pub starts_clause: bool,
    /// A verb or cue right before it ("called it a", "said it is").
    pub woven: bool,
    /// It continues a quote from the previous paragraph.
    pub continues: bool,
    /// It is in a headline (where Title Case says nothing).
    pub in_title: bool,
    /// A word that names a word stands before it ("the word", "the term", "so-called").
    pub named_word: bool,
    /// Another quote stands earlier in the same sentence (“A,” he said, “and B.”).
    pub after_quote: bool,
}

/// Longest quote, in words, that can be a term. Range 1..=5; default 3.
const MAX_TERM_WORDS: usize = 3;
/// Longest Title Case quote, in words, read as a title of a work. Range 2..=8; default 5.
const MAX_TITLE_WORDS: usize = 5;

/// The kind of a quote with inner text `inner` standing as `shape` says.
pub(crate) fn classify(inner: &str, shape: Shape) -> QuoteKind {
    if shape.continues {
        return QuoteKind::Direct;
    }
    let t = inner.trim().trim_end_matches(['’', '\'', '”', '"', ')']);
    // Every use compares with at most MAX_TITLE_WORDS: counting stops one past it.
    let words = crate::article::scan::words(t)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_TITLE_WORDS + 1)
        .count();
    let ends_sentence = t.ends_with(['.', '?', '!', '…']);
    let ends_punct = ends_sentence || t.ends_with([',', ';', ':', '—', '–']);
    let title = !shape.in_title && (2..=MAX_TITLE_WORDS).contains(&words) && title_case(t);
    if shape.named_word && words <= MAX_TERM_WORDS {
        return QuoteKind::Term;
    }
    // A fragment in lowercase after "according to X," is the reporter's sentence going on.
    let lower_start = t.chars().next().is_some_and(char::is_lowercase);
    if shape.starts_clause && (ends_punct || (words >= 3 && !title)) && (!lower_start || shape.after_quote) {
        return QuoteKind::Direct;
    }
    if title && !ends_sentence {
        return QuoteKind::Term;
    }
    if words <= MAX_TERM_WORDS && !ends_sentence && !shape.woven {
        return QuoteKind::Term;
    }
    QuoteKind::Partial
}

/// Every word of four or more letters starts with a capital, and the first word does.
pub(crate) fn title_case(t: &str) -> bool {
    let mut first = true;
    for w in crate::article::scan::words(t) {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let upper = w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        if (first || letters >= 4) && !upper {
            return false;
        }
        first = false;
    }
    !first
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuoteKind::*;

    #[test]
    fn kinds() {
        let open = Shape { starts_clause: true, ..Shape::default() };
        let woven = Shape { woven: true, ..Shape::default() };
        let mid = Shape::default();
        let rows: &[(&str, Shape, QuoteKind)] = &[
            ("We have spelled out China’s position,", open, Direct),
            ("Yes,", open, Direct),
            ("We will win", open, Direct),
            ("Meet the Press", open, Term),
            ("absolutely necessary", woven, Partial),
            ("six-point plan", mid, Term),
            ("invasion", mid, Term),
            ("brutal war.", mid, Partial),
            ("cannot stay in power", mid, Partial),
            ("Meet the Press", mid, Term),
            ("The Apprentice,", mid, Term),
            ("invasion", Shape { named_word: true, woven: true, ..Shape::default() }, Term),
            ("the deal is done.", open, Partial),
            ("and we will not stop.", Shape { after_quote: true, ..open }, Direct),
        ];
        for (inner, shape, want) in rows {
            assert_eq!(classify(inner, *shape), *want, "classify({inner:?}, {shape:?})");
        }
    }
}
