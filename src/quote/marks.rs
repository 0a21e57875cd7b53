//! Quote-mark pairing: finds the quotation marks of one paragraph and pairs them into quotes.
//!
//! Every mark is first given a *role* from its two neighbours alone:
//! - curly marks know their direction (“ opens, ” closes), except when typed backwards: a “ glued
//!   to the end of a word and followed by a space closes, a ” after a space and before a letter
//!   opens (both reported as `reversed-quote-mark`);
//! - a straight `"` opens after a space and before a word, closes after a word and before a space
//!   or punctuation, and is decided by the pairing state otherwise; two straight apostrophes `''`
//!   are one double mark (NYT style);
//! - ’ and ' are apostrophes between letters (O’Brien), before digits (’90s), in elisions
//!   (’em, rock ’n’ roll) and after digits (6'2"); after a word ending in *s* and before a space
//!   (the players’ union) they are a *weak* closer that closes a quote only when no ordinary closer
//!   follows before the next opener (‘… both sides’ future cooperation …’);
//! - marks inside markup tags (`<tweet id="…">`) are not marks.
//!
//! Pairing is one pass with a stack: doubles pair with doubles, singles with singles, and a closer
//! pops any unclosed openers nested above its partner. Only outermost pairs become quotes (a nested
//! ‘forbidden’ stays inside its quote). An opener still open at the paragraph's end is either the
//! start of a quote that runs to the end of the paragraph (doubles, and singles when the next
//! paragraph re-opens a quote) or, for a single mark, an apostrophe after all: it is dropped and
//! the paragraph is paired again without it. At most two passes, each linear, so a paragraph of
//! 100,000 marks or quotes nested 1,000 deep costs no more than its length.

use super::Diagnostic;
use crate::span::Span;

/// Which marks pair with which.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fam {
    Double,
    Single,
}

/// What a mark can do, decided from its neighbours.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    /// A straight double mark with no clear side: closes if a double is open, else opens.
    Either,
    /// ’ after a word ending in s: closes only if no ordinary closer follows first.
    WeakClose,
    Ignore,
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    pos: usize,
    len: usize,
    fam: Fam,
    role: Role,
}

/// One quotation found in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marked {
    /// From the opening mark to the closing mark inclusive (or to the paragraph's end).
    pub outer: Span,
    /// Exactly the characters between the marks.
    pub inner: Span,
    /// False when the quote had no closing mark in its paragraph.
    pub closed: bool,
    /// True when this quote continues one left open at the end of the previous paragraph.
    pub continues: bool,
}

/// What the scanner needs to know about the paragraph's surroundings.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Context {
    /// The next article paragraph starts with an opening double mark.
    pub next_opens_double: bool,
    /// The next article paragraph starts with an opening single mark.
    pub next_opens_single: bool,
    /// The article quotes with single marks (‘…’) rather than double ones.
    pub single_style: bool,
}

/// Reusable buffers for scanning paragraph after paragraph without reallocating.
#[derive(Default)]
pub(crate) struct MarkScanner {
    cands: Vec<Cand>,
    stack: Vec<usize>,
    pairs: Vec<(usize, usize)>,
    strays: Vec<usize>,
    next_close: Vec<usize>,
    next_open: Vec<usize>,
}

/// End of a markup tag starting at `i` (`<tweet …>`, `</a>`): the byte after `>`. A `<` not
/// followed by a letter or `/`, or with no `>` before a line break or another `<` within 512
/// bytes, is not a tag.
pub(crate) fn tag_end(bytes: &[u8], i: usize, hi: usize) -> Option<usize> {
    if bytes.get(i) != Some(&b'<') || !bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/') {
        return None;
    }
    let stop = hi.min(bytes.len()).min(i + 512);
    let mut j = i + 1;
    while j < stop {
        match bytes[j] {
            b'>' => return Some(j + 1),
            b'<' | b'\n' => return None,
            _ => j += 1,
        }
    }
    None
}

/// Characters that may stand right before an opening mark.
fn open_ctx(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':') || is_mark(c),
    }
}

/// Characters that may stand right after a closing mark.
fn close_ctx(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/')
                || is_mark(c)
        }
    }
}

fn is_mark(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›')
}

fn is_alnum(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// Words whose apostrophe stands for dropped letters at their start.
const ELISIONS: &[&str] = &["bout", "cause", "em", "n", "round", "til", "tis", "twas"];

/// Is the text at `at` an elided word ("em", "til", "n’") or a number ("90s")?
fn elided(text: &str, at: usize, hi: usize) -> bool {
    let rest = text.get(at..hi).unwrap_or("");
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let w_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let w = &rest[..w_end];
    if w.len() > 5 || w.is_empty() {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    ELISIONS.contains(&lower.as_str())
}

impl MarkScanner {
    /// Find the outermost quotations of `content` in `text`, in order. Recoveries go to `diags`.
    pub(crate) fn scan(
        &mut self,
        text: &str,
        content: Span,
        ctx: Context,
        out: &mut Vec<Marked>,
        diags: &mut Vec<Diagnostic>,
    ) {
        out.clear();
        let hi = content.end.min(text.len());
        let lo = content.start.min(hi);
        if text.get(lo..hi).is_none() {
            return;
        }
        self.collect(text, lo, hi, diags);
        if self.cands.is_empty() {
            return;
        }
        self.pair();
        if let Some(&bottom) = self.stack.first() {
            let keep_single = self.cands[bottom].fam == Fam::Single
                && (ctx.next_opens_single || (ctx.single_style && self.cands[bottom].pos == lo));
            let mut changed = false;
            for k in 0..self.stack.len() {
                let o = self.stack[k];
                if self.cands[o].fam == Fam::Single && !(o == bottom && keep_single) {
                    self.cands[o].role = Role::Ignore;
                    changed = true;
                }
            }
            if changed {
                self.pair();
            }
        }
        for &s in &self.strays {
            let c = self.cands[s];
            diags.push(Diagnostic {
                span: Span::new(c.pos, c.pos + c.len),
                code: "stray-closing-quote",
                message: "a closing quotation mark with no opening mark before it in this paragraph; it is ignored"
                    .into(),
            });
        }
        for &(o, c) in &self.pairs {
            let (o, c) = (self.cands[o], self.cands[c]);
            let inner = Span::new(o.pos + o.len, c.pos);
            if is_words(text, inner) {
                out.push(Marked { outer: Span::new(o.pos, c.pos + c.len), inner, closed: true, continues: false });
            }
        }
        if let Some(&bottom) = self.stack.first() {
            let o = self.cands[bottom];
            let end = Span::new(o.pos + o.len, hi).trim(text).end.max(o.pos + o.len);
            let inner = Span::new(o.pos + o.len, end);
            let continued = match o.fam {
                Fam::Double => ctx.next_opens_double,
                Fam::Single => ctx.next_opens_single,
            };
            if !continued {
                diags.push(Diagnostic {
                    span: Span::new(o.pos, hi),
                    code: "unclosed-quote",
                    message: "a quotation opens here and is not closed in this paragraph; it is taken to run to the paragraph's end".into(),
                });
            }
            if is_words(text, inner) {
                out.push(Marked { outer: Span::new(o.pos, end), inner, closed: false, continues: false });
            }
        }
    }

    /// Gather the candidate marks of `lo..hi` with their roles.
    fn collect(&mut self, text: &str, lo: usize, hi: usize, diags: &mut Vec<Diagnostic>) {
        self.cands.clear();
        let bytes = text.as_bytes();
        let bytes = bytes.get(..hi).unwrap_or(bytes);
        let mut i = lo;
        while i < hi {
            // Skip to the next byte that can start a mark or a tag, eight bytes at a time: every
            // curly or angle mark starts with 0xE2 or 0xC2 in UTF-8.
            let Some(p) = crate::article::scan::find_any_or_high(bytes, i, [b'"', b'\'', b'<']) else { break };
            i = p;
            let b = bytes[i];
            match b {
                b'"' => {
                    let role = self.straight_double(text, lo, i, 1, hi);
                    self.cands.push(Cand { pos: i, len: 1, fam: Fam::Double, role });
                    i += 1;
                }
                b'\'' => {
                    let mut k = 1;
                    while i + k < hi && bytes[i + k] == b'\'' {
                        k += 1;
                    }
                    self.straight_singles(text, lo, i, k, hi);
                    i += k;
                }
                b'<' => i = tag_end(bytes, i, hi).unwrap_or(i + 1),
                0xE2 | 0xC2 => {
                    let c = text.get(i..hi).and_then(|s| s.chars().next()).unwrap_or(' ');
                    let len = c.len_utf8();
                    if is_mark(c) {
                        let prev = text.get(lo..i).and_then(|s| s.chars().next_back());
                        let next = text.get(i + len..hi).and_then(|s| s.chars().next());
                        let (fam, mut role) = curly(text, c, prev, next, i + len, hi, i, lo);
                        if c == '”' && is_prime(text, lo, i) {
                            role = Role::Ignore; // 6’2”
                        }
                        if (c == '“' && role == Role::Close) || (c == '”' && role == Role::Open) {
                            diags.push(Diagnostic {
                                span: Span::new(i, i + len),
                                code: "reversed-quote-mark",
                                message: if role == Role::Open {
                                    "a closing mark ” stands where a quotation opens; it is read as an opening mark"
                                        .into()
                                } else {
                                    "an opening mark “ stands where a quotation closes; it is read as a closing mark"
                                        .into()
                                },
                            });
                        }
                        self.cands.push(Cand { pos: i, len, fam, role });
                    }
                    i += len.max(1);
                }
                x => i += crate::article::scan::char_len(x),
            }
        }
    }

    fn straight_double(&self, text: &str, lo: usize, i: usize, len: usize, hi: usize) -> Role {
        let before = text.get(lo..i).unwrap_or("");
        let prev = before.chars().next_back();
        let next = text.get(i + len..hi).and_then(|s| s.chars().next());
        if is_prime(text, lo, i) {
            return Role::Ignore;
        }
        let _ = before;
        match (open_ctx(prev), close_ctx(next)) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        }
    }

    /// A run of `k` straight apostrophes at `i`.
    fn straight_singles(&mut self, text: &str, lo: usize, i: usize, k: usize, hi: usize) {
        let prev = text.get(lo..i).and_then(|s| s.chars().next_back());
        match k {
            1 => {
                let next = text.get(i + 1..hi).and_then(|s| s.chars().next());
                let role = single(text, '\'', prev, next, i, i + 1, lo, hi);
                self.cands.push(Cand { pos: i, len: 1, fam: Fam::Single, role });
            }
            2 => {
                let role = self.straight_double(text, lo, i, 2, hi);
                self.cands.push(Cand { pos: i, len: 2, fam: Fam::Double, role });
            }
            3 if open_ctx(prev) => {
                self.cands.push(Cand { pos: i, len: 2, fam: Fam::Double, role: Role::Open });
                self.cands.push(Cand { pos: i + 2, len: 1, fam: Fam::Single, role: Role::Open });
            }
            3 => {
                self.cands.push(Cand { pos: i, len: 1, fam: Fam::Single, role: Role::Close });
                self.cands.push(Cand { pos: i + 1, len: 2, fam: Fam::Double, role: Role::Close });
            }
            _ => {}
        }
    }

    /// Pair the candidates: depth-0 pairs into `pairs`, unclosed openers left on `stack`.
    fn pair(&mut self) {
        self.stack.clear();
        self.pairs.clear();
        self.strays.clear();
        let n = self.cands.len();
        // For weak closers: the next strong single closer and the next single opener after each mark.
        self.next_close.clear();
        self.next_close.resize(n + 1, usize::MAX);
        self.next_open.clear();
        self.next_open.resize(n + 1, usize::MAX);
        for i in (0..n).rev() {
            let c = self.cands[i];
            self.next_close[i] = if c.fam == Fam::Single && c.role == Role::Close { i } else { self.next_close[i + 1] };
            self.next_open[i] = if c.fam == Fam::Single && c.role == Role::Open { i } else { self.next_open[i + 1] };
        }
        let mut open = [0usize; 2];
        for i in 0..n {
            let c = self.cands[i];
            let f = c.fam as usize;
            match c.role {
                Role::Ignore => {}
                Role::Open => {
                    self.stack.push(i);
                    open[f] += 1;
                }
                Role::Either => {
                    if open[f] > 0 {
                        self.close(i, &mut open);
                    } else {
                        self.stack.push(i);
                        open[f] += 1;
                    }
                }
                Role::Close => {
                    if open[f] > 0 {
                        self.close(i, &mut open);
                    } else if c.fam == Fam::Double {
                        self.strays.push(i);
                    }
                }
                Role::WeakClose => {
                    let top_single = self.stack.last().is_some_and(|&t| self.cands[t].fam == Fam::Single);
                    let nc = self.next_close[i + 1];
                    let no = self.next_open[i + 1];
                    if top_single && (nc == usize::MAX || no < nc) {
                        self.close(i, &mut open);
                    }
                }
            }
        }
    }

    /// Close the innermost open mark of `cands[i]`'s family, dropping openers nested above it.
    fn close(&mut self, i: usize, open: &mut [usize; 2]) {
        let fam = self.cands[i].fam;
        while let Some(o) = self.stack.pop() {
            let of = self.cands[o].fam;
            open[of as usize] -= 1;
            if of == fam {
                if self.stack.is_empty() {
                    self.pairs.push((o, i));
                }
                return;
            }
        }
    }
}

/// Is the double mark at `i` an inch sign: digits after a foot mark and a digit (6'2", 6’2”)?
fn is_prime(text: &str, lo: usize, i: usize) -> bool {
    let before = text.get(lo..i).unwrap_or("");
    if !before.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = before.trim_end_matches(|c: char| c.is_ascii_digit());
    let Some(foot) = rest.strip_suffix(['\'', '’']) else { return false };
    foot.ends_with(|c: char| c.is_ascii_digit())
}

/// Role of a curly or angle mark `c` at byte `pos` (its text after it starts at `after`).
#[allow(clippy::too_many_arguments)]
fn curly(
    text: &str,
    c: char,
    prev: Option<char>,
    next: Option<char>,
    after: usize,
    hi: usize,
    pos: usize,
    lo: usize,
) -> (Fam, Role) {
    match c {
        '“' | '„' | '«' => {
            let role = if prev.is_some() && !open_ctx(prev) && close_ctx(next) { Role::Close } else { Role::Open };
            (Fam::Double, role)
        }
        '”' | '»' => {
            let role = if open_ctx(prev) && !close_ctx(next) { Role::Open } else { Role::Close };
            (Fam::Double, role)
        }
        _ => (Fam::Single, single(text, c, prev, next, pos, after, lo, hi)),
    }
}

/// Role of a single mark (‘ ’ ' ‚ ‹ ›) at byte `pos`, with the text after it starting at `after`.
#[allow(clippy::too_many_arguments)]
fn single(
    text: &str,
    c: char,
    prev: Option<char>,
    next: Option<char>,
    pos: usize,
    after: usize,
    lo: usize,
    hi: usize,
) -> Role {
    let (palnum, nalnum) = (is_alnum(prev), is_alnum(next));
    if palnum && nalnum {
        return Role::Ignore; // O’Brien, don't
    }
    if matches!(c, '‘' | '‚' | '‹') {
        if palnum || next.is_none_or(char::is_whitespace) || elided(text, after, hi) {
            return Role::Ignore;
        }
        return Role::Open;
    }
    if c == '\'' && prev.is_some_and(|p| p.is_ascii_digit()) {
        return Role::Ignore; // 6'2", 5' tall
    }
    if open_ctx(prev) {
        if (nalnum || next.is_some_and(is_mark)) && !elided(text, after, hi) {
            return Role::Open;
        }
        return Role::Ignore;
    }
    if !close_ctx(next) {
        return Role::Ignore;
    }
    // rock ’n’ roll: the second mark of ’n’.
    let before = text.get(lo..pos).unwrap_or("");
    let mut back = before.chars().rev();
    if let (Some('n' | 'N'), Some('’' | '\''), Some(w)) = (back.next(), back.next(), back.next()) {
        if w.is_whitespace() {
            return Role::Ignore;
        }
    }
    // the players’ union: plural possessive or a closing mark.
    let mut back = before.chars().rev();
    if let (Some('s' | 'S'), Some(l)) = (back.next(), back.next()) {
        if l.is_alphabetic() && next.is_some_and(char::is_whitespace) {
            return Role::WeakClose;
        }
    }
    Role::Close
}

/// Does a quotation hold words someone said? Not without a letter or digit, and not when it is
/// only a transcript's stage direction in brackets ("(CROSSTALK.)", "[inaudible]", "(APPLAUSE)").
fn is_words(text: &str, s: Span) -> bool {
    let t = s.slice(text);
    if !t.chars().any(char::is_alphanumeric) {
        return false;
    }
    let t = t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '-' | '—'));
    let bracketed = |open: char, close: char| {
        t.len() >= 2 && t.starts_with(open) && t.ends_with(close) && !t[1..t.len() - 1].contains([open, close])
    };
    !(bracketed('(', ')') || bracketed('[', ']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str, ctx: Context) -> Vec<&str> {
        let mut sc = MarkScanner::default();
        let mut out = Vec::new();
        let mut diags = Vec::new();
        sc.scan(text, Span::new(0, text.len()), ctx, &mut out, &mut diags);
        out.iter().map(|m| m.inner.slice(text)).collect()
    }

    #[test]
    fn pairs() {
        let c = Context::default();
        let rows: &[(&str, &[&str])] = &[
            ("“a b,” he said, “c.”", &["a b,", "c."]),
            ("He said \"yes\" and \"no.\"", &["yes", "no."]),
            ("‘both sides’ future is vast,’ said Wang.", &["both sides’ future is vast,"]),
            ("they would have ‘no ‘forbidden’ areas of cooperation’.", &["no ‘forbidden’ areas of cooperation"]),
            ("O’Brien’s ’90s rock ’n’ roll, the players’ union, 6'2\" tall", &[]),
            ("''It will take time,'' Mr. Ackman said.", &["It will take time,"]),
            ("''He said, 'no.' ''", &["He said, 'no.' "]),
            ("called it ‘complex’, and ‘rock solid’.", &["complex", "rock solid"]),
            ("<tweet id=\"1\" author=\"x\">hi</tweet>", &[]),
            ("the review“ of water", &[]),
            ("”Yes,” she said", &["Yes,"]),
            ("“he’s like 6’2”,” Rubio said", &["he’s like 6’2”,"]),
            ("“unclosed to the end", &["unclosed to the end"]),
            ("don‘t stop ‘the bosses’ here", &["the bosses"]),
            ("\"\" and \"x\"", &["x"]),
            ("\"(CROSSTALK.)\" then “[inaudible]” and “(APPLAUSE)”", &[]),
            ("“(It) was late,” and “(a) and (b)”", &["(It) was late,", "(a) and (b)"]),
        ];
        for (text, want) in rows {
            assert_eq!(quotes(text, c), *want, "scan({text:?})");
        }
    }

    #[test]
    fn unclosed_single_is_an_apostrophe_unless_the_next_paragraph_reopens() {
        let t = "the ‘new deal was big";
        assert_eq!(quotes(t, Context::default()), Vec::<&str>::new());
        assert_eq!(quotes(t, Context { next_opens_single: true, ..Context::default() }), ["new deal was big"]);
    }
}
