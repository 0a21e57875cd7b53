//! Quote-mark scanning: pairs opening and closing marks inside one block into quote spans.
//!
//! First version: curly and straight double quotes, and single quotes that open at a word start
//! and close before a non-letter. Unclosed quotes run to the end of the block and are reported.

use super::Diagnostic;
use crate::span::Span;

/// A pair of marks found in a block.
pub(crate) struct Marked {
    /// Including the marks.
    pub outer: Span,
    /// Between the marks.
    pub inner: Span,
}

/// Find the outermost quotations inside `block` of `text`.
pub(crate) fn scan(text: &str, block: Span, diags: &mut Vec<Diagnostic>) -> Vec<Marked> {
    let s = block.slice(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k == 0 { ' ' } else { chars[k - 1].1 };
        let opens = match c {
            '“' | '«' | '„' => true,
            '"' | '‘' | '\'' => !prev.is_alphanumeric() && chars.get(k + 1).is_some_and(|&(_, n)| !n.is_whitespace()),
            _ => false,
        };
        if !opens {
            k += 1;
            continue;
        }
        let closer: &[char] = match c {
            '“' | '"' | '„' => &['”', '"'],
            '«' => &['»'],
            _ => &['’', '\''],
        };
        let mut j = k + 1;
        let mut found = None;
        while j < chars.len() {
            let (p, d) = chars[j];
            if closer.contains(&d) {
                let next = chars.get(j + 1).map_or(' ', |&(_, n)| n);
                let single = matches!(d, '’' | '\'');
                if !single || !next.is_alphanumeric() {
                    found = Some(p);
                    break;
                }
            }
            j += 1;
        }
        match found {
            Some(p) => {
                let close_len = s[p..].chars().next().map_or(1, char::len_utf8);
                let inner = Span::new(block.start + i + c.len_utf8(), block.start + p);
                out.push(Marked { outer: Span::new(block.start + i, block.start + p + close_len), inner });
                k = j + 1;
            }
            None => {
                if matches!(c, '“' | '"' | '«' | '„') {
                    diags.push(Diagnostic {
                        span: Span::new(block.start + i, block.end),
                        code: "unclosed-quote",
                        message: "a quotation opens here and is not closed in this paragraph; it is taken to run to the paragraph's end".into(),
                    });
                    let inner = Span::new(block.start + i + c.len_utf8(), block.end);
                    out.push(Marked { outer: Span::new(block.start + i, block.end), inner });
                    break;
                }
                k += 1;
            }
        }
    }
    out
}
