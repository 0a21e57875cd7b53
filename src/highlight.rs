//! Highlights as data: match ranges and snippet windows over one text, as byte spans on char
//! boundaries. Nothing here builds markup; the page turns ranges into text nodes and `<mark>`s
//! (wasm.rs converts the spans to UTF-16 or pre-split segments).
//!
//! The ranges come from [`crate::search::Index::highlight`] (or the hits of a search); this module
//! only tidies them ([`merge`]) and picks the part of a long paragraph worth showing ([`snippet`]).

use crate::span::Span;

/// Characters of context a snippet shows (range 40..=2_000, default 220): paragraphs longer than
/// this are cut to the window holding the most matches, widened to whole words.
pub const SNIPPET_CHARS: usize = 220;

/// Sort ranges and merge the ones that overlap (touching ranges stay apart, one per word). Empty
/// ranges are dropped.
pub fn merge(ranges: &mut Vec<Span>) {
    ranges.retain(|r| !r.is_empty());
    if ranges.iter().all(|r| r.end <= u32::MAX as usize) {
        // Sorted as packed keys (start, end): the one sort instantiation search uses.
        let mut keys: Vec<u64> = Vec::with_capacity(ranges.len());
        for r in ranges.iter() {
            keys.push((r.start as u64) << 32 | r.end as u64);
        }
        crate::search::sort::sort_dedup(&mut keys);
        ranges.clear();
        for k in keys {
            ranges.push(Span::new((k >> 32) as usize, k as u32 as usize));
        }
    } else {
        crate::sort::sort(ranges);
    }
    let mut out: Vec<Span> = Vec::with_capacity(ranges.len());
    for &r in ranges.iter() {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *ranges = out;
}

/// The window of `within` (a paragraph of `text`) to show for these match `ranges` (sorted,
/// inside `within`): at most `max_chars` characters, holding as many whole ranges as any window of
/// that size can (the earliest such window), then widened evenly on both sides with context, and
/// trimmed to word boundaries. A paragraph that fits is returned whole.
pub fn snippet(text: &str, within: Span, ranges: &[Span], max_chars: usize) -> Span {
    let Some(para) = text.get(within.start..within.end) else { return Span::new(within.start, within.start) };
    if para.len() <= max_chars || para.chars().count() <= max_chars {
        return within;
    }
    // Byte offset (relative to the paragraph) of every char start, plus the end.
    let mut starts: Vec<usize> = Vec::with_capacity(para.len() + 1);
    for (i, _) in para.char_indices() {
        starts.push(i);
    }
    starts.push(para.len());
    let n_chars = starts.len() - 1;
    let ch = |byte: usize| starts.partition_point(|&s| s < byte.saturating_sub(within.start));
    let mut inside: Vec<(usize, usize)> = Vec::new();
    for r in ranges {
        if within.contains(*r) && !r.is_empty() {
            inside.push((ch(r.start), ch(r.end)));
        }
    }
    let (mut lo, mut hi) = match best_window(&inside, max_chars) {
        Some((a, b)) => (inside[a].0, inside[b].1),
        None => (0, 0),
    };
    // Widen: half of the slack before, the rest after, within the paragraph.
    let slack = max_chars.saturating_sub(hi - lo);
    let after = (slack - (slack / 2).min(lo)).min(n_chars - hi);
    let before = (slack - after).min(lo);
    lo -= before;
    hi += after;
    // Trim partial words at both cut ends (when the cut is inside the paragraph).
    let chars = crate::search::matching::chars(para);
    if lo > 0 && !chars[lo - 1].is_whitespace() {
        let first_match = inside.first().map_or(n_chars, |r| r.0);
        while lo < hi && lo < first_match && !chars[lo - 1].is_whitespace() {
            lo += 1;
        }
    }
    if hi < n_chars && !chars[hi].is_whitespace() {
        let last_match = inside.iter().map(|r| r.1).filter(|&e| e <= hi).max().unwrap_or(0);
        while hi > lo && hi > last_match && !chars[hi].is_whitespace() {
            hi -= 1;
        }
    }
    while lo < hi && chars[lo].is_whitespace() {
        lo += 1;
    }
    while hi > lo && chars[hi - 1].is_whitespace() {
        hi -= 1;
    }
    Span::new(within.start + starts[lo], within.start + starts[hi])
}

/// The run `a..=b` of ranges (char offsets, sorted) that fits in `max_chars` and holds the most
/// ranges; the earliest on ties. `None` when there are no ranges. Linear (two pointers).
fn best_window(ranges: &[(usize, usize)], max_chars: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut b = 0;
    for a in 0..ranges.len() {
        if b < a {
            b = a;
        }
        while b + 1 < ranges.len() && ranges[b + 1].1 - ranges[a].0 <= max_chars {
            b += 1;
        }
        let count = b + 1 - a;
        if best.is_none_or(|(x, y)| count > y + 1 - x) {
            best = Some((a, b));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_overlaps_only() {
        let mut r = vec![Span::new(5, 9), Span::new(0, 3), Span::new(3, 4), Span::new(6, 12), Span::new(2, 2)];
        merge(&mut r);
        assert_eq!(r, [Span::new(0, 3), Span::new(3, 4), Span::new(5, 12)]);
    }

    #[test]
    fn short_paragraph_is_whole() {
        let t = "A short paragraph.";
        assert_eq!(snippet(t, Span::new(0, t.len()), &[Span::new(2, 7)], 50), Span::new(0, t.len()));
    }

    /// Rows: paragraph, the word to match, window size, expected snippet text.
    #[test]
    fn snippet_rows() {
        for (text, word, max, want) in [
            ("one two three four five six seven eight nine ten", "five", 20, "four five six"),
            ("one two three four five six seven eight nine ten", "one", 20, "one two three four"),
            ("one two three four five six seven eight nine ten", "ten", 20, "seven eight nine ten"),
            ("ééé ééé ééé ééé mot ééé ééé ééé ééé", "mot", 11, "ééé mot ééé"),
        ] {
            let at = text.find(word).unwrap();
            let s = snippet(text, Span::new(0, text.len()), &[Span::new(at, at + word.len())], max);
            assert_eq!(s.slice(text), want, "snippet of {word:?} in {text:?} at {max} chars");
        }
    }
}
