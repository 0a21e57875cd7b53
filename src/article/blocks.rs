//! Paragraph splitting: the text is cut into blocks that tile it exactly.
//!
//! Scraped news comes in two shapes: one paragraph per line (three of the seeds), or paragraphs
//! separated by blank lines, sometimes hard-wrapped inside (PolNeAR, one seed). A line break joins
//! two lines into one paragraph only when the text separates its paragraphs with blank lines *and*
//! the break sits mid-sentence (the line ends without closing punctuation and the next line begins
//! in lowercase). Every block's span runs to the start of the next block, so trailing newlines and
//! blank lines belong to the block before them and leading blank lines to the first block.

use crate::span::Span;

/// A block before classification.
pub(crate) struct RawBlock {
    pub span: Span,
    pub content: Span,
}

/// Split `text` into blocks whose spans tile it.
pub(crate) fn split_blocks(text: &str) -> Vec<RawBlock> {
    let mut lines = lines(text);
    if lines.is_empty() {
        return Vec::new();
    }
    for l in &mut lines {
        *l = l.trim(text);
    }
    let blank_separated = lines.iter().any(|l| l.is_empty());
    // Group consecutive non-blank lines into paragraphs.
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(lines.len()); // content start, content end
    let mut prev_open: Option<usize> = None; // index in groups of a paragraph that may continue
    for &c in &lines {
        if c.is_empty() {
            prev_open = None;
            continue;
        }
        match prev_open {
            Some(g) if blank_separated && continues(text, Span::new(groups[g].0, groups[g].1), c) => {
                groups[g].1 = c.end;
            }
            _ => {
                groups.push((c.start, c.end));
                prev_open = Some(groups.len() - 1);
            }
        }
    }
    if groups.is_empty() {
        // All whitespace: one block, so the tiling still covers the text.
        let whole = Span::new(0, text.len());
        return vec![RawBlock { span: whole, content: Span::new(0, 0) }];
    }
    let mut out = Vec::with_capacity(groups.len());
    for (i, &(cs, ce)) in groups.iter().enumerate() {
        let start = if i == 0 { 0 } else { cs };
        let end = groups.get(i + 1).map_or(text.len(), |g| g.0);
        out.push(RawBlock { span: Span::new(start, end), content: Span::new(cs, ce) });
    }
    out
}

/// Lines of the text, each span without its line terminator (`\n`, `\r\n`, `\r`, U+2028, U+2029).
fn lines(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // News paragraphs run to a few hundred bytes: a guess that saves most regrowing.
    let mut out = Vec::with_capacity(text.len() / 128 + 4);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Every terminator is ASCII or starts with the byte 0xE2 (U+2028 is E2 80 A8, U+2029 E2 80 A9).
        let Some(p) = super::scan::find_any_or_high(bytes, i, [b'\n', b'\r']) else { break };
        i = p;
        let len = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            x => {
                i += super::scan::char_len(x);
                continue;
            }
        };
        out.push(Span::new(start, i));
        i += len;
        start = i;
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Does line `next` continue the paragraph `prev` (a hard wrap rather than a paragraph break)?
fn continues(text: &str, prev: Span, next: Span) -> bool {
    let p = prev.slice(text);
    let n = next.slice(text);
    let Some(last) = p.chars().next_back() else { return false };
    let Some(first) = n.chars().next() else { return false };
    let closed = matches!(last, '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | '\'' | ')' | '…');
    !closed && first.is_lowercase()
}
