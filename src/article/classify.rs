//! Block classification: headline, body, photo caption, credit line or site boilerplate.
//!
//! The rules look at the *shape* of a block, never at exact strings, so they carry over to other
//! scraped articles:
//! - **credit line**: a short block made of photo-credit vocabulary or `Name/AGENCY` slashes;
//! - **caption**: a block that ends in a credit (a parenthesised `(NAME/AFP/Getty Images)` or a
//!   trailing `Greg Baker/AFP via Getty Images`), that marks photo positions (`(L)`, `(R)`,
//!   "In this photo", "pictured"), or whose first sentence repeats another caption's;
//! - **boilerplate**: short site furniture: all-caps labels ("RELATED ARTICLES"), `Label: 0`
//!   counters ("Views: 0"), short labels ending in a colon ("Related posts:"), and prompts made of
//!   site vocabulary ("Please wait…", comment, newsletter and donation prompts);
//! - **title**: the first block when it reads like a headline (short, Title Case or unpunctuated);
//! - everything else is **body**.
//!
//! Blocks that contain quotation marks are never boilerplate or credit lines: a quote is content.

use super::blocks::RawBlock;
use super::wordset::WordSet;
use super::BlockKind;
use crate::span::Span;

/// Longest block, in words, that can be a credit line.
/// Range 3..=12; default 8 ("Photo by Alexei Druzhinin / Sputnik / AFP" is 7).
const MAX_CREDIT_WORDS: usize = 8;
/// Longest block, in words, that can be site boilerplate. Range 10..=40; default 30.
const MAX_BOILERPLATE_WORDS: usize = 30;
/// Longest first block, in words, that can be a headline. Range 15..=40; default 25.
const MAX_TITLE_WORDS: usize = 25;

/// Names of photo agencies and the words credit lines are made of (lowercase, sorted for binary
/// search; checked by a test).
const CREDIT_WORDS: &[&str] = &[
    "afp",
    "alamy",
    "anp",
    "ansa",
    "ap",
    "bloomberg",
    "by",
    "cnp",
    "courtesy",
    "credit",
    "ddp",
    "dpa",
    "efe",
    "epa",
    "facebook",
    "file",
    "getty",
    "handout",
    "illustration",
    "image",
    "images",
    "imago",
    "instagram",
    "kyodo",
    "pa",
    "photo",
    "photograph",
    "photographs",
    "photos",
    "picture",
    "pictures",
    "pool",
    "reuters",
    "screengrab",
    "screenshot",
    "shutterstock",
    "sipa",
    "splash",
    "sputnik",
    "still",
    "tass",
    "twitter",
    "upi",
    "via",
    "video",
    "wire",
    "xinhua",
    "yonhap",
    "youtube",
    "zuma",
];

/// Words of site furniture with their weight: 2 = only sites say this, 1 = common elsewhere too.
/// Sorted by word for binary search (checked by a test).
const SITE_WORDS: &[(&str, u8)] = &[
    ("ad", 1),
    ("advertisement", 2),
    ("article", 1),
    ("articles", 1),
    ("click", 2),
    ("comment", 2),
    ("commenting", 2),
    ("comments", 2),
    ("cookie", 2),
    ("cookies", 2),
    ("copyright", 2),
    ("donate", 2),
    ("donation", 2),
    ("email", 1),
    ("follow", 1),
    ("here", 1),
    ("issues", 1),
    ("loading", 2),
    ("login", 2),
    ("min", 1),
    ("more", 1),
    ("newsletter", 2),
    ("newsletters", 2),
    ("please", 1),
    ("posts", 1),
    ("print", 1),
    ("privacy", 2),
    ("read", 1),
    ("related", 2),
    ("reserved", 2),
    ("share", 1),
    ("sign", 1),
    ("source", 1),
    ("sponsored", 2),
    ("stories", 1),
    ("story", 1),
    ("subscribe", 2),
    ("subscribing", 2),
    ("subscription", 2),
    ("terms", 1),
    ("tweet", 1),
    ("views", 2),
    ("wait", 2),
];

/// [`CREDIT_WORDS`] hashed for lookup.
const CREDIT_SET: WordSet<128> = WordSet::new(CREDIT_WORDS);

/// The words of [`SITE_WORDS`] hashed for lookup (same order).
const SITE_SET: WordSet<128> = WordSet::new(&site_names());

const fn site_names() -> [&'static str; SITE_WORDS.len()] {
    let mut out = [""; SITE_WORDS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = SITE_WORDS[i].0;
        i += 1;
    }
    out
}

/// Words that mark a caption even without a credit ("(L)", "In this photo", "pictured").
const CAPTION_MARKERS: &[&str] =
    &["(L)", "(R)", "(C)", "(left)", "(right)", "(center)", "(centre)", "(top)", "(bottom)"];

/// Classify each raw block, returning its kind and the rule that decided it.
pub(crate) fn classify(text: &str, blocks: &[RawBlock]) -> Vec<(BlockKind, &'static str)> {
    let mut out: Vec<(BlockKind, &'static str)> = blocks.iter().map(|b| classify_one(text, b.content)).collect();
    // A caption printed twice, once without its credit: a block next to a caption that opens with
    // the same sentence. Only neighbours count: a caption that repeats the lede far below it leaves
    // the lede a body paragraph.
    // Keys are computed lazily: only a body block next to a caption needs them.
    let mut firsts: Vec<Option<Option<String>>> = vec![None; blocks.len()];
    let key = |j: usize, firsts: &mut Vec<Option<Option<String>>>| -> Option<String> {
        firsts[j].get_or_insert_with(|| first_sentence_key(text, blocks[j].content)).clone()
    };
    for i in 0..blocks.len() {
        if out[i].0 != BlockKind::Body {
            continue;
        }
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        if !neighbours.into_iter().flatten().any(|j| j < blocks.len() && out[j].0 == BlockKind::Caption) {
            continue;
        }
        let Some(k) = key(i, &mut firsts) else { continue };
        let repeats = neighbours
            .into_iter()
            .flatten()
            .filter(|&j| j < blocks.len())
            .any(|j| out[j].0 == BlockKind::Caption && key(j, &mut firsts).as_ref() == Some(&k));
        if repeats {
            out[i] = (BlockKind::Caption, "repeats-caption");
        }
    }
    // The headline: the first block, when it reads like one.
    if let Some(first) = blocks.first() {
        if out[0].0 == BlockKind::Body && looks_like_title(text, first, blocks.len()) {
            out[0] = (BlockKind::Title, "headline-shape");
        }
    }
    out
}

fn classify_one(text: &str, content: Span) -> (BlockKind, &'static str) {
    let c = content.slice(text);
    if c.trim().is_empty() {
        return (BlockKind::Boilerplate, "blank");
    }
    let shape = Shape::of(c);
    if shape.words <= MAX_BOILERPLATE_WORDS && follow_prompt(c) {
        return (BlockKind::Boilerplate, "follow-prompt");
    }
    let has_quote = shape.double_mark || shape.single_open;
    let n_words = shape.words;
    if !has_quote && n_words <= MAX_CREDIT_WORDS && is_credit(c) {
        return (BlockKind::Credit, "credit-line");
    }
    if n_words > MAX_CREDIT_WORDS / 2 && ends_with_credit(c, shape.last_dot_space) {
        return (BlockKind::Caption, "credit-tail");
    }
    // Photo positions: "(L) … (R)"; one marker alone may be a party ("Sen. Ann Lee (R)").
    // Every marker opens with '(' (checked by a test): most blocks have none and skip the search.
    let markers = if shape.paren { CAPTION_MARKERS.iter().filter(|m| c.contains(*m)).count() } else { 0 };
    if markers >= 2 || shape.photo_caption(c) {
        return (BlockKind::Caption, "photo-marker");
    }
    if !has_quote && n_words <= MAX_BOILERPLATE_WORDS {
        if let Some(reason) = boilerplate_reason(c, n_words) {
            return (BlockKind::Boilerplate, reason);
        }
    }
    (BlockKind::Body, "body")
}

/// What one pass over a block's bytes tells the classifier. Letters and digits, nearly all of a
/// block, cost a byte comparison each; only characters outside ASCII are decoded.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    /// Whitespace-separated words, as `split_whitespace` counts them.
    words: usize,
    /// A double quotation mark: `"`, `“`, `”`, `«` or `»`.
    double_mark: bool,
    /// An opening ‘ at a word start (British-style quotes; an apostrophe alone is not a quote).
    single_open: bool,
    /// A `(`.
    paren: bool,
    /// A character outside ASCII that folding could turn into a caption marker's character.
    exotic: bool,
    /// A caption opener ([`MARKERS`], ASCII case ignored) at the start or after ". ".
    caption_opener: bool,
    /// Byte position of the last ". ".
    last_dot_space: Option<usize>,
}

impl Shape {
    fn of(c: &str) -> Shape {
        use super::scan::{eq_bytes, load, range_bytes};
        let b = c.as_bytes();
        let mut s = Shape { caption_opener: opens_with_marker(b), ..Shape::default() };
        // A whitespace character after a character that is none ends a word.
        let mut prev_space = true;
        let mut i = 0;
        while i < b.len() {
            // Eight plain ASCII bytes at a time (letters, digits, spaces, other punctuation): only
            // the words ending among them need counting.
            if let Some(x) = load(b, i) {
                if x & 0x8080_8080_8080_8080 == 0 {
                    // No character outside ASCII: '"', '(' and '.' only set flags (they are no
                    // spaces), so the lanes are counted together and just those looked at.
                    let (quote, paren) = (eq_bytes(x, b'"'), eq_bytes(x, b'('));
                    s.double_mark |= quote != 0;
                    s.paren |= paren != 0;
                    let mut dots = eq_bytes(x, b'.');
                    while dots != 0 {
                        let p = i + (dots.trailing_zeros() / 8) as usize;
                        if b.get(p + 1) == Some(&b' ') {
                            s.last_dot_space = Some(p);
                            s.caption_opener |= opens_with_marker(b.get(p + 2..).unwrap_or(&[]));
                        }
                        dots &= dots - 1;
                    }
                    let space = eq_bytes(x, b' ') | range_bytes(x, b'\t', b'\r');
                    let before = (space << 8) | if prev_space { 0x80 } else { 0 };
                    // Word ends are 0x80 bits, one per byte: shifted down to 0/1 bytes and summed
                    // by one multiplication (no popcount instruction on the baseline targets).
                    s.words += (((space & !before) >> 7).wrapping_mul(super::scan::splat(1)) >> 56) as usize;
                    prev_space = space >> 63 != 0;
                    i += 8;
                    continue;
                }
            }
            // One character at a time up to the end of this chunk.
            let stop = (i + 8).min(b.len());
            while i < stop {
                match b[i] {
                    b' ' | b'\t'..=b'\r' => {
                        s.words += usize::from(!prev_space);
                        prev_space = true;
                        i += 1;
                        continue;
                    }
                    b'"' => s.double_mark = true,
                    b'(' => s.paren = true,
                    b'.' if b.get(i + 1) == Some(&b' ') => {
                        s.last_dot_space = Some(i);
                        s.caption_opener |= opens_with_marker(&b[i + 2..]);
                    }
                    0xC0.. => {
                        let ch = c.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
                        let len = ch.len_utf8();
                        if ch.is_whitespace() {
                            s.words += usize::from(!prev_space);
                        }
                        prev_space = ch.is_whitespace();
                        match ch {
                            '“' | '”' | '«' | '»' => s.double_mark = true,
                            '‘' => {
                                let prev = c.get(..i).and_then(|t| t.chars().next_back());
                                s.single_open |= !prev.is_some_and(super::scan::is_alphanumeric);
                            }
                            _ => {}
                        }
                        s.exotic = s.exotic || folds_into_marker(ch);
                        i += len;
                        continue;
                    }
                    _ => {}
                }
                prev_space = false;
                i += 1;
            }
        }
        s.words += usize::from(!prev_space);
        s
    }

    /// Does the block open like a photo caption ("In this photo", "Pictured:"), at its start or
    /// after a sentence? Folding the whole block is the definition; it is only needed when a
    /// character outside ASCII could fold into a marker's letters or into ". " (é → e, a no-break
    /// space → space, a combining mark → nothing). Otherwise folding is ASCII lowercasing, which
    /// the scan tested in place.
    fn photo_caption(&self, c: &str) -> bool {
        if !self.exotic {
            return self.caption_opener;
        }
        let mut lower = String::with_capacity(c.len());
        for ch in c.chars() {
            if ch.is_ascii() {
                lower.push(ch.to_ascii_lowercase());
            } else {
                lower.push_str(crate::search::fold::fold_char(ch).as_str());
            }
        }
        let b = lower.as_bytes();
        let opens = |s: &[u8]| MARKERS.iter().any(|m| s.starts_with(m.as_bytes()));
        opens(b) || (0..b.len().saturating_sub(1)).any(|i| b[i] == b'.' && b[i + 1] == b' ' && opens(&b[i + 2..]))
    }
}

/// A writer's prompt to follow them: "Follow Pam Key on Twitter @pamkeyNEN.", "Follow @USATOpinion
/// on Twitter". It counts even inside quotation marks that open and close the block, as when a
/// scraped transcript's last paragraph swallowed it; a quote mark inside it ("Follow me on
/// Twitter," he said) makes it a quote.
fn follow_prompt(c: &str) -> bool {
    let marks = ['"', '“', '”'];
    let t = c.trim();
    let t = t.strip_prefix(marks).unwrap_or(t);
    let t = t.strip_suffix(marks).unwrap_or(t).trim();
    let Some(rest) = t.strip_prefix("Follow ") else { return false };
    if rest.contains(marks) {
        return false;
    }
    if rest.split_whitespace().any(|w| w.len() > 1 && w.starts_with('@')) {
        return true;
    }
    // "Follow Jane Roe and John Doe on Twitter", "Follow us on Facebook": names (or us) before the
    // site, so "Follow the money, he said on Twitter" is no prompt.
    let Some(at) = ["on Twitter", "on Facebook", "on Instagram", "On Twitter"].iter().find_map(|s| rest.find(s)) else {
        return false;
    };
    let name_like =
        |w: &str| w.starts_with(|c: char| c.is_uppercase() || c == '#') || matches!(w, "and" | "or" | "us" | "me");
    rest[..at].split_whitespace().all(name_like)
}

/// Does `b` start with one of the caption [`MARKERS`], ASCII case ignored?
fn opens_with_marker(b: &[u8]) -> bool {
    // Every marker starts with i, p or f: most sentence starts fail on their first byte.
    matches!(b.first(), Some(b'i' | b'I' | b'p' | b'P' | b'f' | b'F'))
        && MARKERS.iter().any(|m| b.len() >= m.len() && b[..m.len()].eq_ignore_ascii_case(m.as_bytes()))
}

/// Number of whitespace-separated words of `c` (as `split_whitespace` counts them), counting no
/// further than `cap`. Each word's end is found eight bytes at a time.
fn count_words(c: &str, cap: usize) -> usize {
    super::scan::words(c).take(cap).count()
}

/// Alphanumeric words of `c` (splitting on slashes and punctuation too).
fn plain_words(c: &str) -> impl Iterator<Item = &str> + '_ {
    c.split(|ch: char| !super::scan::is_alphanumeric(ch)).filter(|w| !w.is_empty())
}

fn is_credit_word(w: &str) -> bool {
    CREDIT_SET.folded(w).is_some()
}

/// A block that is nothing but a credit: mostly credit vocabulary and capitalised names joined by
/// slashes ("Greg Baker/AFP via Getty Images", "wire photo", "Getty/Instagram.").
fn is_credit(c: &str) -> bool {
    let trimmed = c.trim_end_matches(['.', ' ']);
    if trimmed.contains(". ") || trimmed.ends_with(['?', '!', ':']) {
        return false;
    }
    let (mut words, mut credit) = (0usize, 0usize);
    for w in plain_words(trimmed) {
        words += 1;
        credit += usize::from(is_credit_word(w));
    }
    if words == 0 {
        return false;
    }
    let slash_names =
        trimmed.contains('/') && trimmed.split('/').all(|p| p.trim().chars().next().is_some_and(char::is_uppercase));
    // A credit needs credit vocabulary, and the other words must look like names (capitalised).
    let others_are_names = trimmed
        .split_whitespace()
        .filter(|w| !plain_words(w).any(is_credit_word))
        .all(|w| w.chars().next().is_some_and(|ch| ch.is_uppercase() || !ch.is_alphabetic()));
    credit >= 1 && (others_are_names || slash_names)
}

/// Byte position of the last ". " in `s`.
fn rfind_dot_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(1)).rev().find(|&i| b[i] == b'.' && b[i + 1] == b' ')
}

/// Does the block end in a photo credit, parenthesised or after its last sentence?
/// `last_dot_space` is where the last ". " of `c` is (from its [`Shape`]).
fn ends_with_credit(c: &str, last_dot_space: Option<usize>) -> bool {
    let t = c.trim_end();
    // "(ALEXEI DRUZHININ/AFP/Getty Images)", "(Marienko Andrew/AP)", "(Photo by …)"
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            let inner = &t[open + 1..t.len() - 1];
            // The cheap tests first: most parentheses hold no credit word.
            if count_words(inner, 13) <= 12 && has_credit_word(inner) && (inner.contains('/') || is_credit(inner)) {
                return true;
            }
        }
    }
    // "… on November 9, 2020. Greg Baker/AFP via Getty Images"
    // The last ". " of `t` without its final dots is the last of `c` (a ". " cannot lie among
    // final dots), unless trimming `c` shortened it.
    let last = if t.len() == c.len() { last_dot_space } else { rfind_dot_space(t.trim_end_matches('.')) };
    if let Some(dot) = last {
        let tail = &t[dot + 2..];
        return count_words(tail, MAX_CREDIT_WORDS + 1) <= MAX_CREDIT_WORDS && has_credit_word(tail) && is_credit(tail);
    }
    false
}

fn has_credit_word(s: &str) -> bool {
    plain_words(s).any(|w| CREDIT_SET.folded(w).is_some_and(|i| !matches!(CREDIT_SET.word(i), "by" | "via")))
}

/// How many of the words of `c` ([`plain_words`]) are site words, and their summed weight. One
/// pass: an ASCII word is hashed as it is scanned; only words with other characters are folded.
fn site_words(c: &str) -> (usize, u32) {
    use super::wordset::{hash_step, HASH_START};
    let b = c.as_bytes();
    let (mut site, mut score) = (0usize, 0u32);
    let alnum_at = |i: usize| -> (bool, usize) {
        match b[i] {
            x if x < 0x80 => (x.is_ascii_alphanumeric(), 1),
            _ => c
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |ch| (super::scan::is_alphanumeric(ch), ch.len_utf8())),
        }
    };
    let mut i = 0;
    while i < b.len() {
        let (yes, len) = alnum_at(i);
        if !yes {
            i += len;
            continue;
        }
        let start = i;
        let (mut h, mut ascii) = (HASH_START, true);
        while i < b.len() {
            let x = b[i];
            if x.is_ascii_alphanumeric() {
                h = hash_step(h, x);
                i += 1;
                continue;
            }
            if x < 0x80 {
                break;
            }
            let (yes, len) = alnum_at(i);
            if !yes {
                break;
            }
            ascii = false;
            i += len;
        }
        let w = c.get(start..i).unwrap_or("");
        let found = if ascii { SITE_SET.index_hashed(h, w.as_bytes()) } else { SITE_SET.folded(w) };
        if let Some(k) = found {
            site += 1;
            score += u32::from(SITE_WORDS[k].1);
        }
    }
    (site, score)
}

/// Could folding the non-ASCII character `ch` produce one of a caption marker's characters (an
/// ASCII letter or digit, a space, `.` or `:`) or nothing at all (a combining mark)? The common
/// typographic marks of news text are answered without folding (checked by a test).
fn folds_into_marker(ch: char) -> bool {
    if matches!(ch, '‘' | '’' | '“' | '”' | '–' | '—' | '…') {
        return false;
    }
    let f = crate::search::fold::fold_char(ch);
    let s = f.as_str();
    s.is_empty() || s.chars().any(|x| x.is_ascii_alphanumeric() || matches!(x, ' ' | '.' | ':'))
}

/// Openings of a photo caption, lowercase.
const MARKERS: [&str; 7] =
    ["in this photo", "in this picture", "in this image", "in this file photo", "pictured:", "file photo:", "photo:"];

fn boilerplate_reason(c: &str, n_words: usize) -> Option<&'static str> {
    if n_words <= 6 {
        let (mut letters, mut lower) = (0usize, false);
        for ch in c.chars().filter(|ch| ch.is_alphabetic()) {
            letters += 1;
            lower |= ch.is_lowercase();
        }
        if letters >= 4 && !lower {
            return Some("all-caps-label");
        }
    }
    // "Views: 0", "Shares: 12", "Comments (3)"
    if n_words <= 3 {
        let t = c.trim();
        if let Some((label, num)) = t.split_once(':') {
            let num = num.trim();
            if !num.is_empty()
                && num.chars().all(|ch| ch.is_ascii_digit() || ch == ',')
                && label.chars().all(char::is_alphabetic)
            {
                return Some("counter");
            }
        }
    }
    let (site, score) = site_words(c);
    // "Related posts:", "Share This:"; not "He said:" or "The governor added:", which introduce a quote.
    let capitalised = || c.split_whitespace().all(|w| w.chars().next().is_some_and(|ch| !ch.is_lowercase()));
    // "Stated Stone:", "Added Clinton:": a verb of saying, then a name, introduces a quote.
    let inverted = || {
        #[rustfmt::skip]
        const VERBS: &[&str] = &[
            "added", "adds", "asked", "concluded", "declared", "explained", "explains", "insisted", "noted", "replied",
            "responded", "said", "says", "stated", "tweeted", "warned", "writes", "wrote",
        ];
        let mut words = c.split_whitespace();
        let first = words.next().unwrap_or("");
        words.next().is_some() && VERBS.iter().any(|v| first.eq_ignore_ascii_case(v))
    };
    if n_words <= 4 && c.trim_end().ends_with(':') && (score >= 1 || capitalised()) && !inverted() {
        return Some("label");
    }
    // Two or more site words: "Please wait…", "Read the rest here." (not "That comment is a lie.").
    let short = n_words <= 6;
    if site >= 2 && (score >= 4 || short) {
        return Some("site-prompt");
    }
    None
}

fn looks_like_title(text: &str, block: &RawBlock, n_blocks: usize) -> bool {
    let c = block.content.slice(text).trim();
    let words: Vec<&str> = c.split_whitespace().collect();
    if n_blocks < 2 || words.is_empty() || words.len() > MAX_TITLE_WORDS {
        return false;
    }
    // A headline is one sentence.
    if super::split_sentences(text, block.content).len() > 1 {
        return false;
    }
    // Set off by a blank line, in Title Case, or without the full stop a sentence would have.
    let set_off = block.span.slice(text).matches('\n').count() >= 2;
    let unpunctuated = !c.ends_with(['.', '”', '"', '’', ',']);
    title_case(&words) || (set_off && words.len() <= 20) || (unpunctuated && words.len() <= 15)
}

/// Most words of four or more letters start with a capital (headline style).
fn title_case(words: &[&str]) -> bool {
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4).collect();
    if long.len() < 2 {
        return false;
    }
    let caps = long.iter().filter(|w| w.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).count();
    caps * 10 >= long.len() * 7
}

/// The normalised first sentence of a block (first 8+ words), to find captions printed twice.
fn first_sentence_key(text: &str, content: Span) -> Option<String> {
    let c = content.slice(text);
    let end = c.find(". ").map_or(c.len(), |p| p + 1);
    let words: Vec<String> = plain_words(&c[..end]).map(crate::search::fold::fold_str).collect();
    (words.len() >= 8).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_markers_open_with_a_parenthesis() {
        // classify_one skips the marker search for blocks without '(' on the strength of this.
        assert!(CAPTION_MARKERS.iter().all(|m| m.starts_with('(')));
    }

    #[test]
    fn word_lists_are_sorted() {
        for w in CREDIT_WORDS.windows(2) {
            assert!(w[0] < w[1], "CREDIT_WORDS not sorted at {:?} / {:?}", w[0], w[1]);
        }
        for w in SITE_WORDS.windows(2) {
            assert!(w[0].0 < w[1].0, "SITE_WORDS not sorted at {:?} / {:?}", w[0].0, w[1].0);
        }
    }

    #[test]
    fn site_words_agree_with_word_by_word_lookup() {
        let naive = |c: &str| {
            let (mut site, mut score) = (0usize, 0u32);
            for w in plain_words(c) {
                if let Some(i) = SITE_SET.folded(w) {
                    site += 1;
                    score += u32::from(SITE_WORDS[i].1);
                }
            }
            (site, score)
        };
        for c in [
            "Please wait…",
            "Read the rest here.",
            "COMMENTS (3)",
            "Sígn up for our Newsletter!",
            "",
            "x",
            "Ré-lated: Posts/share",
        ] {
            assert_eq!(site_words(c), naive(c), "{c:?}");
        }
    }

    #[test]
    fn typographic_marks_fold_into_no_marker_character() {
        // folds_into_marker answers these without folding; folding must agree.
        for ch in ['‘', '’', '“', '”', '–', '—', '…'] {
            let f = crate::search::fold::fold_char(ch);
            let s = f.as_str();
            assert!(
                !s.is_empty() && !s.chars().any(|x| x.is_ascii_alphanumeric() || matches!(x, ' ' | '.' | ':')),
                "{ch:?}"
            );
        }
    }

    #[test]
    fn byte_scans_agree_with_char_scans() {
        let ascii: String = (0u8..128).map(|b| format!("a{}b", b as char)).collect();
        let rows = [
            ascii.as_str(),
            "",
            "a",
            "“x”",
            "«x»",
            "x\"y",
            "don‘t",
            "‘quote’",
            "a ‘b",
            "é‘x",
            "\u{a0}a\u{2003}b\u{b}c d",
            "a. b. c",
            "x.  y",
            "a b c d e f g h i j k l m n o p q",
            "Wait. In this photo, (L) and \"R\". Done.. x. y.",
            "abcdefg. pictured: x",
            "1234567.. 89. 0",
            " a\tb\nc\rd e  f   g    h     i ",
        ];
        for c in rows {
            let shape = Shape::of(c);
            assert_eq!(shape.double_mark, c.contains(['"', '“', '”', '«', '»']), "{c:?}");
            assert_eq!(shape.words, c.split_whitespace().count(), "{c:?}");
            assert_eq!(shape.paren, c.contains('('), "{c:?}");
            assert_eq!(count_words(c, 99), c.split_whitespace().count(), "{c:?}");
            assert_eq!(rfind_dot_space(c), c.rfind(". "), "{c:?}");
            assert_eq!(shape.last_dot_space, c.trim_end_matches('.').rfind(". "), "{c:?}");
        }
        for c in ["Wait. In this photo, they", "abcdefg. pictured: x", "abcdefgh. Photo: x", "x. y", "In this photo"] {
            let naive = opens_with_marker(c.as_bytes())
                || (0..c.len()).any(|i| c[i..].starts_with(". ") && opens_with_marker(&c.as_bytes()[i + 2..]));
            assert_eq!(Shape::of(c).caption_opener, naive, "{c:?}");
        }
        assert!(Shape::of("a ‘quote’").single_open);
        assert!(Shape::of("‘quote’").single_open);
        assert!(!Shape::of("don‘t").single_open);
    }

    #[test]
    fn photo_caption_openers_ignore_ascii_case() {
        let caption = |c: &str| Shape::of(c).photo_caption(c);
        assert!(caption("In this photo, a man waves."));
        assert!(caption("A man waves. IN THIS FILE PHOTO he waves again."));
        assert!(!caption("Photographs were taken."));
        assert!(caption("Ín this photo: a crowd."), "folding strips the accent");
        assert!(caption("A man waves.\u{a0}In this photo he waves again."));
        assert!(!caption("A man waves.\u{a0}In this phot he waves again."));
    }
}
