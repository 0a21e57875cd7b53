//! Word-level diff of two quote texts for the side-by-side view: which words the two reports share
//! and which are only in one of them.
//!
//! Words are compared folded (case, diacritics and typographic marks do not count as differences),
//! but every op carries byte spans of the ORIGINAL texts, each word together with the punctuation
//! and spacing after it, so the page shows exactly what each outlet printed. The `a` spans of the
//! ops (Same and Removed, in order) tile `a`, and the `b` spans (Same and Added) tile `b`.

use super::words::words;
use crate::search::fold::fold_str;
use crate::span::Span;
use serde::Serialize;

/// Most words of each side's differing middle (after the common beginning and end are set aside)
/// that get a real word-by-word comparison. Beyond it the two middles are shown as one removed and
/// one added stretch, so a 5 MB paste costs a bounded amount of work.
/// Range 50..=5000; default 500 (a 500 × 500 table of u16, 0.5 MB, a few milliseconds).
pub const MAX_DIFF_WORDS: usize = 500;

/// How many words of each text are read at all; the rest is one trailing piece that never matches.
/// Range `MAX_DIFF_WORDS..`; default 4 × [`MAX_DIFF_WORDS`], so long shared openings and endings
/// still line up.
pub const MAX_READ_WORDS: usize = 4 * MAX_DIFF_WORDS;

/// One step of a word diff. Spans are byte ranges into the two texts passed to [`word_diff`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum DiffOp {
    /// The same words (folded) in both: `a` in the first text, `b` in the second.
    Same {
        /// Where in `a`.
        a: Span,
        /// Where in `b`.
        b: Span,
    },
    /// Words only in the first text.
    Removed {
        /// Where in `a`.
        a: Span,
    },
    /// Words only in the second text.
    Added {
        /// Where in `b`.
        b: Span,
    },
}

/// A piece of a text: one word with the non-word text after it (the first piece also takes any
/// text before the first word). `key` is what is compared; `None` never equals anything.
struct Piece {
    span: Span,
    key: Option<String>,
}

/// Split `text` into pieces that tile it.
fn pieces(text: &str) -> Vec<Piece> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut ws = words(text, MAX_READ_WORDS + 1);
    let mut tail = None;
    if ws.len() > MAX_READ_WORDS {
        tail = Some(ws[MAX_READ_WORDS].span.start);
        ws.truncate(MAX_READ_WORDS);
    }
    if ws.is_empty() {
        // No words at all ("—", "😀"): one piece compared by its folded text.
        return vec![Piece { span: Span::new(0, text.len()), key: Some(fold_str(text)) }];
    }
    let stop = tail.unwrap_or(text.len());
    let mut out = Vec::with_capacity(ws.len() + 1);
    for (k, w) in ws.iter().enumerate() {
        let start = if k == 0 { 0 } else { w.span.start };
        let end = ws.get(k + 1).map_or(stop, |n| n.span.start);
        out.push(Piece { span: Span::new(start, end), key: Some(w.folded.clone()) });
    }
    if let Some(t) = tail {
        out.push(Piece { span: Span::new(t, text.len()), key: None });
    }
    out
}

fn same(x: &Piece, y: &Piece) -> bool {
    matches!((&x.key, &y.key), (Some(p), Some(q)) if p == q)
}

/// A word-level diff of `a` against `b`: the longest common subsequence of folded words, as ops
/// whose spans reassemble both texts exactly. Deterministic: where two diffs are equally short, a
/// removal comes before an addition. Never panics; work is bounded by [`MAX_DIFF_WORDS`].
///
/// ```
/// use quotelens::align::{word_diff, DiffOp};
/// let (a, b) = ("is rock-solid, they said", "is iron clad, they said");
/// let ops = word_diff(a, b);
/// let shown: Vec<String> = ops.iter().map(|op| match *op {
///     DiffOp::Same { a: s, .. } => format!("={}", s.slice(a)),
///     DiffOp::Removed { a: s } => format!("-{}", s.slice(a)),
///     DiffOp::Added { b: s } => format!("+{}", s.slice(b)),
/// }).collect();
/// assert_eq!(shown, ["=is ", "-rock-solid, ", "+iron clad, ", "=they said"]);
/// ```
pub fn word_diff(a: &str, b: &str) -> Vec<DiffOp> {
    let pa = pieces(a);
    let pb = pieces(b);
    let mut ops: Vec<DiffOp> = Vec::new();
    let mut prefix = 0;
    while prefix < pa.len() && prefix < pb.len() && same(&pa[prefix], &pb[prefix]) {
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < pa.len() - prefix
        && suffix < pb.len() - prefix
        && same(&pa[pa.len() - 1 - suffix], &pb[pb.len() - 1 - suffix])
    {
        suffix += 1;
    }
    for k in 0..prefix {
        ops.push(DiffOp::Same { a: pa[k].span, b: pb[k].span });
    }
    let ma = &pa[prefix..pa.len() - suffix];
    let mb = &pb[prefix..pb.len() - suffix];
    if ma.len() > MAX_DIFF_WORDS || mb.len() > MAX_DIFF_WORDS {
        for p in ma {
            ops.push(DiffOp::Removed { a: p.span });
        }
        for p in mb {
            ops.push(DiffOp::Added { b: p.span });
        }
    } else {
        middle(ma, mb, &mut ops);
    }
    for k in 0..suffix {
        ops.push(DiffOp::Same { a: pa[pa.len() - suffix + k].span, b: pb[pb.len() - suffix + k].span });
    }
    tidy(ops)
}

/// LCS of two short piece lists (each at most [`MAX_DIFF_WORDS`]), appended to `ops`.
fn middle(ma: &[Piece], mb: &[Piece], ops: &mut Vec<DiffOp>) {
    let (m, n) = (ma.len(), mb.len());
    let w = n + 1;
    // l[i * w + j] = length of the LCS of ma[i..] and mb[j..].
    let mut l = vec![0u16; (m + 1) * w];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            l[i * w + j] = if same(&ma[i], &mb[j]) {
                l[(i + 1) * w + j + 1] + 1
            } else {
                l[(i + 1) * w + j].max(l[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < m || j < n {
        if i < m && j < n && same(&ma[i], &mb[j]) && l[i * w + j] == l[(i + 1) * w + j + 1] + 1 {
            ops.push(DiffOp::Same { a: ma[i].span, b: mb[j].span });
            i += 1;
            j += 1;
        } else if i < m && (j == n || l[(i + 1) * w + j] >= l[i * w + j + 1]) {
            ops.push(DiffOp::Removed { a: ma[i].span });
            i += 1;
        } else {
            ops.push(DiffOp::Added { b: mb[j].span });
            j += 1;
        }
    }
}

/// Merge neighbouring ops of one kind, and within each changed stretch put the removal before the
/// addition, so the page shows "-old +new" once per stretch. The `a` spans keep their order and so
/// do the `b` spans, so both texts still reassemble.
fn tidy(raw: Vec<DiffOp>) -> Vec<DiffOp> {
    let mut out: Vec<DiffOp> = Vec::with_capacity(raw.len());
    let mut removed: Option<Span> = None;
    let mut added: Option<Span> = None;
    let grow = |acc: &mut Option<Span>, s: Span| {
        *acc = Some(match *acc {
            Some(p) => Span::new(p.start, s.end),
            None => s,
        });
    };
    let flush = |out: &mut Vec<DiffOp>, removed: &mut Option<Span>, added: &mut Option<Span>| {
        if let Some(a) = removed.take() {
            out.push(DiffOp::Removed { a });
        }
        if let Some(b) = added.take() {
            out.push(DiffOp::Added { b });
        }
    };
    for op in raw {
        match op {
            DiffOp::Removed { a } => grow(&mut removed, a),
            DiffOp::Added { b } => grow(&mut added, b),
            DiffOp::Same { a, b } => {
                flush(&mut out, &mut removed, &mut added);
                if let Some(DiffOp::Same { a: pa, b: pb }) = out.last_mut() {
                    pa.end = a.end;
                    pb.end = b.end;
                } else {
                    out.push(DiffOp::Same { a, b });
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}
