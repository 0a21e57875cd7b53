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
use super::BlockKind;
use crate::span::Span;

/// Longest block, in words, that can be a credit line.
/// Range 3..=12; default 8 ("Photo by Alexei Druzhinin / Sputnik / AFP" is 7).
const MAX_CREDIT_WORDS: usize = 8;
/// Longest block, in words, that can be site boilerplate. Range 10..=40; default 30.
const MAX_BOILERPLATE_WORDS: usize = 30;
/// Longest first block, in words, that can be a headline. Range 15..=40; default 25.
const MAX_TITLE_WORDS: usize = 25;

/// Names of photo agencies and the words credit lines are made of (lowercase).
const CREDIT_WORDS: &[&str] = &[
    "afp",
    "ap",
    "reuters",
    "getty",
    "images",
    "image",
    "photo",
    "photos",
    "photograph",
    "photographs",
    "credit",
    "courtesy",
    "epa",
    "efe",
    "sputnik",
    "xinhua",
    "tass",
    "shutterstock",
    "alamy",
    "pool",
    "handout",
    "file",
    "wire",
    "via",
    "instagram",
    "twitter",
    "facebook",
    "youtube",
    "screenshot",
    "screengrab",
    "pa",
    "anp",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "bloomberg",
    "upi",
    "cnp",
    "imago",
    "zuma",
    "sipa",
    "splash",
    "ddp",
    "picture",
    "pictures",
    "illustration",
    "video",
    "still",
    "by",
];

/// Words of site furniture with their weight: 2 = only sites say this, 1 = common elsewhere too.
const SITE_WORDS: &[(&str, u8)] = &[
    ("comment", 2),
    ("comments", 2),
    ("commenting", 2),
    ("newsletter", 2),
    ("newsletters", 2),
    ("subscribe", 2),
    ("subscribing", 2),
    ("subscription", 2),
    ("donation", 2),
    ("donate", 2),
    ("advertisement", 2),
    ("sponsored", 2),
    ("cookies", 2),
    ("cookie", 2),
    ("copyright", 2),
    ("reserved", 2),
    ("loading", 2),
    ("wait", 2),
    ("related", 2),
    ("views", 2),
    ("posts", 1),
    ("share", 1),
    ("tweet", 1),
    ("click", 2),
    ("login", 2),
    ("sign", 1),
    ("follow", 1),
    ("read", 1),
    ("here", 1),
    ("more", 1),
    ("articles", 1),
    ("article", 1),
    ("stories", 1),
    ("story", 1),
    ("please", 1),
    ("source", 1),
    ("issues", 1),
    ("privacy", 2),
    ("terms", 1),
    ("email", 1),
    ("print", 1),
    ("ad", 1),
    ("min", 1),
];

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
    let has_quote = c.contains(['"', '“', '”', '«', '»']) || has_single_quote_pair(c);
    // Word counts only matter up to the largest limit: count no further.
    let n_words = c.split_whitespace().take(MAX_BOILERPLATE_WORDS + 1).count();
    if !has_quote && n_words <= MAX_CREDIT_WORDS && is_credit(c) {
        return (BlockKind::Credit, "credit-line");
    }
    if ends_with_credit(c) && n_words > MAX_CREDIT_WORDS / 2 {
        return (BlockKind::Caption, "credit-tail");
    }
    // Photo positions: "(L) … (R)"; one marker alone may be a party ("Sen. Ann Lee (R)").
    // Every marker opens with '(' (checked by a test): most blocks have none and skip the search.
    let markers = if c.contains('(') { CAPTION_MARKERS.iter().filter(|m| c.contains(*m)).count() } else { 0 };
    if markers >= 2 || starts_like_photo_caption(c) {
        return (BlockKind::Caption, "photo-marker");
    }
    if !has_quote && n_words <= MAX_BOILERPLATE_WORDS {
        let words: Vec<&str> = c.split_whitespace().collect();
        if let Some(reason) = boilerplate_reason(c, &words) {
            return (BlockKind::Boilerplate, reason);
        }
    }
    (BlockKind::Body, "body")
}

/// ‘…’ pairs in British style: an opening ‘ at a word start. An apostrophe alone is not a quote.
fn has_single_quote_pair(c: &str) -> bool {
    let mut prev = ' ';
    for ch in c.chars() {
        if ch == '‘' && !prev.is_alphanumeric() {
            return true;
        }
        prev = ch;
    }
    false
}

/// Lowercase alphanumeric words of `c` (splitting on slashes and punctuation too).
fn plain_words(c: &str) -> impl Iterator<Item = String> + '_ {
    c.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).map(crate::search::fold::fold_str)
}

/// A block that is nothing but a credit: mostly credit vocabulary and capitalised names joined by
/// slashes ("Greg Baker/AFP via Getty Images", "wire photo", "Getty/Instagram.").
fn is_credit(c: &str) -> bool {
    let trimmed = c.trim_end_matches(['.', ' ']);
    if trimmed.contains(". ") || trimmed.ends_with(['?', '!', ':']) {
        return false;
    }
    let words: Vec<String> = plain_words(trimmed).collect();
    if words.is_empty() {
        return false;
    }
    let credit = words.iter().filter(|w| CREDIT_WORDS.contains(&w.as_str())).count();
    let slash_names =
        trimmed.contains('/') && trimmed.split('/').all(|p| p.trim().chars().next().is_some_and(char::is_uppercase));
    // A credit needs credit vocabulary, and the other words must look like names (capitalised).
    let others_are_names = trimmed
        .split_whitespace()
        .filter(|w| !plain_words(w).any(|p| CREDIT_WORDS.contains(&p.as_str())))
        .all(|w| w.chars().next().is_some_and(|ch| ch.is_uppercase() || !ch.is_alphabetic()));
    credit >= 1 && (others_are_names || slash_names)
}

/// Does the block end in a photo credit, parenthesised or after its last sentence?
fn ends_with_credit(c: &str) -> bool {
    let t = c.trim_end();
    // "(ALEXEI DRUZHININ/AFP/Getty Images)", "(Marienko Andrew/AP)", "(Photo by …)"
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            let inner = &t[open + 1..t.len() - 1];
            if inner.split_whitespace().count() <= 12
                && (inner.contains('/') || is_credit(inner))
                && has_credit_word(inner)
            {
                return true;
            }
        }
    }
    // "… on November 9, 2020. Greg Baker/AFP via Getty Images"
    if let Some(dot) = t.trim_end_matches('.').rfind(". ") {
        let tail = &t[dot + 2..];
        return tail.split_whitespace().count() <= MAX_CREDIT_WORDS && is_credit(tail) && has_credit_word(tail);
    }
    false
}

fn has_credit_word(s: &str) -> bool {
    plain_words(s).any(|w| CREDIT_WORDS.contains(&w.as_str()) && w != "by" && w != "via")
}

fn starts_like_photo_caption(c: &str) -> bool {
    const MARKERS: [&str; 7] = [
        "in this photo",
        "in this picture",
        "in this image",
        "in this file photo",
        "pictured:",
        "file photo:",
        "photo:",
    ];
    // Folding the whole block is the definition; it is only needed when a character outside ASCII
    // could fold into a marker's letters or into ". " (é → e, a no-break space → space, a
    // combining mark → nothing). Otherwise folding is ASCII lowercasing, tested in place.
    let exotic = c.chars().any(|ch| {
        !ch.is_ascii() && {
            let f = crate::search::fold::fold_char(ch);
            let s = f.as_str();
            s.is_empty() || s.chars().any(|x| x.is_ascii_alphanumeric() || matches!(x, ' ' | '.' | ':'))
        }
    });
    if exotic {
        let lower = crate::search::fold::fold_str(c);
        return MARKERS.iter().any(|m| lower.starts_with(m) || lower.contains(&format!(". {m}")));
    }
    let opens = |s: &str| {
        MARKERS.iter().any(|m| s.len() >= m.len() && s.as_bytes()[..m.len()].eq_ignore_ascii_case(m.as_bytes()))
    };
    if opens(c) {
        return true;
    }
    let mut from = 0;
    while let Some(p) = c.get(from..).and_then(|s| s.find(". ")) {
        let at = from + p + 2;
        if opens(c.get(at..).unwrap_or("")) {
            return true;
        }
        from = from + p + 1;
    }
    false
}

fn boilerplate_reason(c: &str, words: &[&str]) -> Option<&'static str> {
    let letters: Vec<char> = c.chars().filter(|ch| ch.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|ch| !ch.is_lowercase()) && words.len() <= 6 {
        return Some("all-caps-label");
    }
    // "Views: 0", "Shares: 12", "Comments (3)"
    if words.len() <= 3 {
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
    let site: Vec<u8> =
        plain_words(c).filter_map(|w| SITE_WORDS.iter().find(|(s, _)| *s == w).map(|&(_, n)| n)).collect();
    let score: u32 = site.iter().map(|&n| u32::from(n)).sum();
    // "Related posts:", "Share This:"; not "He said:" or "The governor added:", which introduce a quote.
    let capitalised = words.iter().all(|w| w.chars().next().is_some_and(|ch| !ch.is_lowercase()));
    if words.len() <= 4 && c.trim_end().ends_with(':') && (score >= 1 || capitalised) {
        return Some("label");
    }
    // Two or more site words: "Please wait…", "Read the rest here." (not "That comment is a lie.").
    let short = words.len() <= 6;
    if site.len() >= 2 && (score >= 4 || short) {
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
    let words: Vec<String> = plain_words(&c[..end]).collect();
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
    fn photo_caption_openers_ignore_ascii_case() {
        assert!(starts_like_photo_caption("In this photo, a man waves."));
        assert!(starts_like_photo_caption("A man waves. IN THIS FILE PHOTO he waves again."));
        assert!(!starts_like_photo_caption("Photographs were taken."));
        assert!(starts_like_photo_caption("Ín this photo: a crowd."), "folding strips the accent");
        assert!(starts_like_photo_caption("A man waves.\u{a0}In this photo he waves again."));
    }
}
