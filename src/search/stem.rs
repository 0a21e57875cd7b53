//! A light English stemmer: the suffix steps of Porter's algorithm that matter for search (plurals,
//! -ed, -ing, -y, final -e) plus -ion after s or t, so "negotiation", "negotiations", "negotiate",
//! "negotiated" and "negotiating" all stem to `negotiat`.
//!
//! It runs on folded words, identically at index and query time, so only consistency matters: a
//! stem need not be a word. Words that are not all ASCII letters (names in other scripts, numbers)
//! and words shorter than three letters are left alone, as are a few words the rules would mangle
//! ("news" is not the plural of "new").
//!
//! Highlights never depend on stems: they cover whole words of the original text.

use std::borrow::Cow;

/// Words the rules would conflate with a different word.
const KEEP: &[&str] = &["always", "news", "perhaps", "series", "species"];

/// The stem of a folded word.
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) || KEEP.contains(&word) {
        return Cow::Borrowed(word);
    }
    let mut w = word.as_bytes().to_vec();
    plural(&mut w);
    ed_ing(&mut w);
    y_to_i(&mut w);
    ion(&mut w);
    final_e(&mut w);
    if w == word.as_bytes() {
        Cow::Borrowed(word)
    } else {
        // Only ASCII letters went in and only ASCII letters were added.
        Cow::Owned(w.into_iter().map(char::from).collect())
    }
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's measure m of `w`: the number of vowel-consonant sequences ([C](VC){m}[V]).
fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < w.len() && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < w.len() && !is_consonant(w, i) {
            i += 1;
        }
        if i >= w.len() {
            return m;
        }
        while i < w.len() && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
    }
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

/// Ends consonant-vowel-consonant, the last not w, x or y ("hop", "tim"; not "box").
fn cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

/// Plurals: -sses → -ss, -ies → -i, -s → (not after s, u or i: "class", "status", "crisis").
fn plural(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") || (w.ends_with(b"ies") && w.len() >= 5) {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"s") && w.len() >= 4 && !matches!(w[w.len() - 2], b's' | b'u' | b'i') {
        w.pop();
    }
}

/// -eed → -ee; -ed and -ing go when a vowel stays before them, then the stem is repaired:
/// "negotiat" → "negotiate", "runn" → "run", "hop" → "hope".
fn ed_ing(w: &mut Vec<u8>) {
    if w.ends_with(b"eed") {
        if measure(&w[..w.len() - 3]) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if w.ends_with(b"ed") {
        2
    } else if w.ends_with(b"ing") {
        3
    } else {
        return;
    };
    let rest = w.len() - cut;
    if rest < 3 || !has_vowel(&w[..rest]) {
        return;
    }
    w.truncate(rest);
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if w.len() >= 2
        && w[w.len() - 1] == w[w.len() - 2]
        && is_consonant(w, w.len() - 1)
        && !matches!(w[w.len() - 1], b'l' | b's' | b'z')
    {
        w.pop();
    } else if measure(w) == 1 && cvc(w) {
        w.push(b'e');
    }
}

/// -y → -i after a vowel-bearing stem ("policy" and "policies" meet at `polici`).
fn y_to_i(w: &mut [u8]) {
    let n = w.len();
    if n >= 3 && w[n - 1] == b'y' && has_vowel(&w[..n - 1]) {
        w[n - 1] = b'i';
    }
}

/// -ion after s or t when the rest is long enough ("election" → "elect"; "nation" stays).
fn ion(w: &mut Vec<u8>) {
    let n = w.len();
    if n > 3 && w.ends_with(b"ion") && matches!(w[n - 4], b's' | b't') && measure(&w[..n - 3]) > 1 {
        w.truncate(n - 3);
    }
}

/// Final -e goes when the rest is long enough ("negotiate" → "negotiat"; "state", "make" stay).
fn final_e(w: &mut Vec<u8>) {
    let n = w.len();
    if n >= 4 && w[n - 1] == b'e' {
        let rest = &w[..n - 1];
        let m = measure(rest);
        if m > 1 || (m == 1 && !cvc(rest)) {
            w.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows: words that must share one stem, and that stem.
    #[test]
    fn families_share_a_stem() {
        for (family, want) in [
            (&["negotiation", "negotiations", "negotiate", "negotiated", "negotiating", "negotiates"][..], "negotiat"),
            (&["election", "elections", "elected", "elect", "elects"], "elect"),
            (&["policy", "policies"], "polici"),
            (&["state", "states", "stated"], "state"),
            (&["make", "making", "makes"], "make"),
            (&["time", "timing", "times"], "time"),
            (&["talk", "talks", "talked", "talking"], "talk"),
            (&["run", "running", "runs"], "run"),
            (&["hope", "hoped", "hoping", "hopes"], "hope"),
            (&["agree", "agreed", "agrees"], "agre"),
            (&["tax", "taxes"], "tax"),
            (&["watch", "watches", "watched"], "watch"),
            (&["discuss", "discussed", "discussion", "discusses"], "discuss"),
            (&["class", "classes"], "class"),
            (&["vote", "voted", "voting", "votes"], "vote"),
            (&["china", "chinas"], "china"),
            (&["sanction", "sanctions", "sanctioned"], "sanction"),
        ] {
            for w in family {
                assert_eq!(stem(w), want, "stem({w:?})");
            }
        }
    }

    /// The highlighter's shortcut relies on this: a stem differs from its word only in its last
    /// letter and what follows, so `stem(w)` without its last letter is a prefix of `w`.
    #[test]
    fn a_stem_without_its_last_letter_starts_its_word() {
        let mut seed: u64 = 42;
        let letters = b"aeiouybcdgilnrstz";
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = 1 + (seed % 12) as usize;
            let w: String = (0..n).map(|i| char::from(letters[((seed >> (i * 5)) % 17) as usize])).collect();
            for word in
                [w.clone(), format!("{w}s"), format!("{w}ed"), format!("{w}ing"), format!("{w}ion"), format!("{w}ies")]
            {
                let s = stem(&word);
                let head = &s[..s.len().saturating_sub(1)];
                assert!(word.starts_with(head), "stem({word:?}) = {s:?}");
            }
        }
    }

    /// Rows: words the stemmer must leave alone.
    #[test]
    fn words_left_alone() {
        for w in [
            "news",
            "us",
            "has",
            "was",
            "this",
            "status",
            "crisis",
            "nation",
            "mission",
            "question",
            "trump",
            "speed",
            "2022",
            "wang",
            "café",
            "москва",
            "sing",
            "bring",
            "thing",
            "use",
            "used",
            "a",
            "",
        ] {
            assert_eq!(stem(w), w, "stem({w:?}) should be the word itself");
        }
    }
}
