//! Words as alignment sees them: a lossless tokenizer over folded text (byte spans into the original),
//! a small English stopword list, a light suffix stemmer and the negation words.
//!
//! Everything here is deliberately small: a stopword list of about 2 kB in one string searched by
//! binary search, and a stemmer of a dozen ordered suffix rules, so the wasm carries no tables
//! worth mentioning.

use crate::search::fold::fold_char;
use crate::span::Span;

/// One word of a text: where it is (bytes of the original) and its folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Word {
    /// Bytes of the word in the original text (on char boundaries).
    pub span: Span,
    /// The folded word: lowercase, no diacritics, typographic apostrophes made plain.
    pub folded: String,
}

/// True when a folded char belongs inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` in order, at most `max` of them.
///
/// A word is a run of characters that fold to letters or digits; combining marks stay with the
/// letter they follow; an apostrophe between two letters stays inside the word ("don't",
/// "China’s"); everything else (spaces, punctuation, hyphens, emoji, quote marks) separates words.
pub(crate) fn words(text: &str, max: usize) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let mut pending_apostrophe: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if out.len() >= max {
            return out;
        }
        let f = fold_char(c);
        let fs = f.as_str();
        if f.is_empty() {
            // A combining mark: part of the current word, if any; otherwise ignored.
            continue;
        }
        if fs.chars().all(is_word_char) {
            if pending_apostrophe.take().is_some() {
                // "don" + "'" + "t": the apostrophe was inside the word after all.
                if let Some((_, w)) = cur.as_mut() {
                    w.push('\'');
                }
            }
            match cur.as_mut() {
                Some((_, w)) => w.push_str(fs),
                None => cur = Some((i, fs.to_string())),
            }
            continue;
        }
        if fs == "'" && cur.is_some() && pending_apostrophe.is_none() {
            pending_apostrophe = Some(i);
            continue;
        }
        let end = pending_apostrophe.take().unwrap_or(i);
        if let Some((start, w)) = cur.take() {
            out.push(Word { span: Span::new(start, end), folded: w });
        }
    }
    if out.len() < max {
        let end = pending_apostrophe.unwrap_or(text.len());
        if let Some((start, w)) = cur.take() {
            out.push(Word { span: Span::new(start, end), folded: w });
        }
    }
    out
}

/// English function words and fillers that say nothing about which remark a quote reports: folded,
/// sorted (a test checks), separated by single spaces. One string rather than a slice of `&str`
/// keeps the table to its bytes in the wasm.
const STOPWORDS: &str =
    "a about above after again against ago all almost also am among an and another any anyone anything \
    are around as at away back be because been before being below between both but by can cannot could \
    did do does doing done down during each either else enough even ever every everyone everything few \
    for from further get gets getting go goes going gone gonna got had has have having he her here hers \
    herself him himself his how however i if in into is it its itself just know let like lot lots made \
    make makes many may me might more most mr mrs ms much must my myself neither never no nor not \
    nothing now of off oh ok okay on once one only onto or other others our ours ourselves out over own \
    per quite rather really said same say saying says see shall she should since so some someone \
    something still such than that the their theirs them themselves then there these they thing things \
    think this those though through thus to too toward towards under until up upon us very want was way \
    we well were what whatever when where whether which while who whom whose why will with within \
    without would yeah yes yet you your yours yourself yourselves";

/// Words that negate what follows, folded. "no" counts unless it opens "no matter" or "no doubt";
/// "not" counts unless it opens "not only". Any word ending in "n't" counts too.
const NEGATORS: &[&str] = &["cannot", "neither", "never", "no", "nor", "not", "nothing", "nobody", "none"];

/// The contraction endings stripped before the stopword check: "we're" → "we", "China's" → "china".
const CLITICS: &[&str] = &["'s", "'re", "'ve", "'ll", "'d", "'m"];

/// True for a folded word that carries no content (a stopword, or a contraction of one).
pub(crate) fn is_stopword(folded: &str) -> bool {
    let w = strip_clitic(folded);
    w.ends_with("n't") || in_sorted_list(STOPWORDS, w)
}

/// Binary search for `w` in `list`: sorted ASCII words separated by single spaces.
fn in_sorted_list(list: &str, w: &str) -> bool {
    // [lo, hi) always holds whole words: lo at a word's start, hi at a word's end.
    let (mut lo, mut hi) = (0, list.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let start = list.get(lo..mid).and_then(|s| s.rfind(' ')).map_or(lo, |p| lo + p + 1);
        let end = list.get(start..hi).and_then(|s| s.find(' ')).map_or(hi, |p| start + p);
        match list.get(start..end).unwrap_or("").cmp(w) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater if start > lo => hi = start - 1,
            std::cmp::Ordering::Greater => return false,
        }
    }
    false
}

/// True when `folded` negates, given the folded word after it (`next`, "" at the end).
pub(crate) fn is_negator(folded: &str, next: &str) -> bool {
    if folded.ends_with("n't") {
        return true;
    }
    match folded {
        "no" => !matches!(next, "matter" | "doubt"),
        "not" => next != "only",
        w => NEGATORS.contains(&w),
    }
}

/// `folded` without a trailing clitic ("'s", "'re" …).
fn strip_clitic(folded: &str) -> &str {
    for c in CLITICS {
        if let Some(w) = folded.strip_suffix(c) {
            if !w.is_empty() {
                return w;
            }
        }
    }
    folded
}

/// A light English stem of a folded word, so that inflections of one word compare equal:
/// "peoples" / "people", "countries" / "country", "solving" / "solve" / "solved", "continuously" /
/// "continuous", "calmness" / "calm", "relationship" / "relation". Ordered suffix rules, the first that leaves at least three
/// letters wins, then a final "e" is dropped. Not Porter: just enough for paraphrase and
/// translation variants, and cheap.
pub(crate) fn stem(folded: &str) -> String {
    let w = strip_clitic(folded);
    if !w.is_ascii() || w.len() <= 3 {
        return w.to_string();
    }
    let mut s = w.to_string();
    const RULES: &[(&str, &str)] = &[
        ("ships", ""),
        ("ship", ""),
        ("ness", ""),
        ("ments", ""),
        ("ment", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ingly", ""),
        ("edly", ""),
        ("ing", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", "e"),
        ("s", ""),
    ];
    for (suffix, repl) in RULES {
        if let Some(base) = s.strip_suffix(suffix) {
            if base.len() >= 3
                && !(*suffix == "s" && (base.ends_with('s') || base.ends_with('u') || base.ends_with('i')))
            {
                s = format!("{base}{repl}");
                break;
            }
        }
    }
    if s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    // "stopping" → "stopp" → "stop": undouble a final consonant left by -ing/-ed.
    let b = s.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !matches!(b[b.len() - 1], b'l' | b's' | b'z') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_folded() {
        let list: Vec<&str> = STOPWORDS.split(' ').collect();
        for w in list.windows(2) {
            assert!(w[0] < w[1], "STOPWORDS out of order at {:?}", w);
        }
        for &w in &list {
            assert!(!w.is_empty(), "double space in STOPWORDS");
            assert!(w.is_ascii());
            assert_eq!(crate::search::fold::fold_str(w), w);
        }
        // The binary search against a linear scan (the naive oracle), on every word, every
        // prefix and extension of one, and words outside the list.
        let mut probes: Vec<String> = list.iter().map(|w| w.to_string()).collect();
        probes.extend(list.iter().map(|w| format!("{w}x")));
        probes.extend(list.iter().map(|w| w[..w.len() - 1].to_string()));
        probes.extend(["", " ", "zzz", "aaa", "0", "é"].map(String::from));
        for p in probes {
            assert_eq!(in_sorted_list(STOPWORDS, &p), list.contains(&p.as_str()), "{p:?}");
        }
        assert!(!in_sorted_list("", "a"));
    }

    #[test]
    fn stems() {
        for (a, b) in [
            ("peoples", "people"),
            ("countries", "country"),
            ("solving", "solve"),
            ("solved", "solve"),
            ("continuously", "continuous"),
            ("calmness", "calm"),
            ("relations", "relation"),
            ("stopping", "stop"),
            ("china's", "china"),
            ("measures", "measure"),
            ("developments", "development"),
            ("relationship", "relations"),
            ("partnerships", "partner"),
        ] {
            assert_eq!(stem(a), stem(b), "stem({a:?}) vs stem({b:?})");
        }
        assert_ne!(stem("war"), stem("was"));
        assert_eq!(stem("us"), "us");
    }

    #[test]
    fn tokenizer_keeps_inner_apostrophes_and_splits_hyphens() {
        let t = "Don’t say “rock-solid,” China’s é\u{301}lan 😀 ok'";
        let ws: Vec<_> = words(t, 100).into_iter().map(|w| (w.span.slice(t).to_string(), w.folded)).collect();
        let want = [
            ("Don’t", "don't"),
            ("say", "say"),
            ("rock", "rock"),
            ("solid", "solid"),
            ("China’s", "china's"),
            ("é\u{301}lan", "elan"),
            ("ok", "ok"),
        ];
        let got: Vec<(&str, &str)> = ws.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(got, want);
    }
}
