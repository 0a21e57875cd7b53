//! The query language and its parser. The parser never fails and never blocks results: whatever it
//! cannot use comes back as a [`Hint`] with the byte span it is about, to show under the box, and
//! the rest of the query still runs.
//!
//! | you type | means |
//! |---|---|
//! | `border wall` | quotes with both words (in the quote, speaker, role, cue, title or outlet) |
//! | `"border wall"` or `“border wall”` | the words next to each other, in this order |
//! | `wall OR fence` | either word; `OR` (capitals) binds its two neighbours: `a b OR c d` = a (b or c) d |
//! | `-wall`, `-"border wall"` | quotes without the word or phrase |
//! | `negotiation` | also negotiations, negotiate, negotiated … (light English stemming) |
//! | `negot` (the last word, still typing) | also every word starting with it |
//! | `negociation` | also words one typo away (two from 9 letters; not under 5), ranked below exact matches |
//! | `speaker:trump`, `speaker:"wang yi"` | said by a speaker whose name or alias has these words |
//! | `outlet:breitbart`, `article:ukraine`, `article:0626098503` | by outlet; by article title words or id |
//! | `kind:direct`, `kind:partial`, `kind:term` | by kind of quote (a prefix is enough: `kind:dir`) |
//!
//! Case, accents and typographic marks never matter (see [`super::fold`]). Words joined by a hyphen
//! or other punctuation ("six-point", "U.S.") are searched as a phrase. A word is "still being
//! typed" when it ends the query with no space after it; it then also matches as a prefix.

use super::fold::fold_str;
use super::stem::stem;
use super::tokenize::tokenize;
use crate::quote::QuoteKind;
use crate::span::{after, Span};
use serde::Serialize;

// The two limits below as literals, so the hints that name them are plain text (`concat!`): no
// formatting code for them in the page's wasm.
macro_rules! max_query_bytes {
    () => {
        1000
    };
}
macro_rules! max_words {
    () => {
        32
    };
}

/// Longest query used, in bytes (range 64..=100_000, default 1_000); the rest is dropped with a
/// `query-truncated` hint.
pub const MAX_QUERY_BYTES: usize = max_query_bytes!();

/// Most words used from one query, counting every word of every phrase and field value (range
/// 1..=1_000, default 32). Later words are dropped with a `too-many-terms` hint. This bounds the
/// work of hostile queries (1,000 terms, 500 ORs).
pub const MAX_WORDS: usize = max_words!();

/// Words of at least this many letters get one typo of tolerance (range 1..=64, default 5).
pub const TYPO1_MIN_CHARS: usize = 5;

/// Words of at least this many letters get two typos of tolerance (range 1..=64, default 9).
pub const TYPO2_MIN_CHARS: usize = 9;

/// A parsed query: every clause must hold.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Query {
    /// Clauses, all of which must hold (an empty list matches everything).
    pub clauses: Vec<Clause>,
}

/// One of the literals must hold (a single literal, or literals joined by `OR`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Clause {
    /// The alternatives.
    pub any: Vec<Literal>,
}

/// Where a literal looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// Free text: the quote, its speaker's names and roles, the cue, the article title, the outlet
    /// (for passages: the paragraph text).
    #[default]
    Any,
    /// `speaker:` the speaker's canonical name and aliases (and so its id).
    Speaker,
    /// `outlet:` the outlet name.
    Outlet,
    /// `article:` the article title, id or file name.
    Article,
    /// `kind:` the kind of quote.
    Kind,
}

impl Field {
    /// The field named before a colon, case-insensitively.
    pub fn parse(name: &str) -> Option<Field> {
        match name.to_ascii_lowercase().as_str() {
            "speaker" => Some(Field::Speaker),
            "outlet" => Some(Field::Outlet),
            "article" => Some(Field::Article),
            "kind" => Some(Field::Kind),
            _ => None,
        }
    }
}

/// A word or phrase (or kind set), possibly negated, possibly restricted to a field.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Literal {
    /// `-` in front: the literal must not hold.
    pub negated: bool,
    /// Where it looks.
    pub field: Field,
    /// The words; with more than one they must be adjacent and in order (a phrase).
    pub words: Vec<Word>,
    /// For `kind:` literals, the kinds it accepts.
    pub kinds: Vec<QuoteKind>,
    /// Where the literal is in the query text (including `-`, field name and quotes).
    pub span: Span,
}

/// One query word and how loosely it may match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Folded form (see [`super::tokenize`]).
    pub text: String,
    /// Stem of `text` (see [`super::stem`]); every word with this stem matches.
    pub stem: String,
    /// Where the word is in the query text.
    pub span: Span,
    /// Also match words that start with `text` (the word being typed).
    pub prefix: bool,
    /// Edits tolerated (0, 1 or 2).
    pub typos: u8,
}

impl Word {
    /// A word from its folded text, with its stem and no prefix or typo tolerance.
    pub fn new(text: &str, span: Span) -> Word {
        Word { text: text.to_string(), stem: stem(text).into_owned(), span, prefix: false, typos: 0 }
    }

    /// The typo tolerance a word of this folded text gets: none for short words and words with
    /// digits, one from [`TYPO1_MIN_CHARS`] letters, two from [`TYPO2_MIN_CHARS`].
    pub fn typo_budget(text: &str) -> u8 {
        let n = text.chars().count();
        if text.chars().any(|c| !c.is_alphabetic()) {
            0
        } else if n >= TYPO2_MIN_CHARS {
            2
        } else if n >= TYPO1_MIN_CHARS {
            1
        } else {
            0
        }
    }
}

/// Something in the query the parser could not use as typed, for a person to fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hint {
    /// Byte span in the query text.
    pub span: Span,
    /// Stable short code: `unclosed-quote`, `dangling-or`, `empty-exclusion`, `empty-field`,
    /// `unknown-field`, `unknown-kind`, `parentheses`, `query-truncated`, `too-many-terms`.
    pub code: &'static str,
    /// What happened and what the search did instead.
    pub message: String,
}

impl Query {
    /// True when the query has no clauses (it matches every quote).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// True when some clause has a positive free-text literal (something to rank and highlight).
    pub fn has_free_text(&self) -> bool {
        for c in &self.clauses {
            for l in &c.any {
                if !l.negated && l.field == Field::Any && !l.words.is_empty() {
                    return true;
                }
            }
        }
        false
    }
}

/// The characters that open or close a phrase: straight and typographic double quotes.
fn is_dquote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '＂')
}

/// One lexical item of the query.
enum Item {
    Or(Span),
    Lit(Literal),
}

/// Parse a query. Never fails: returns the query and hints about what it could not use.
pub fn parse_query(q: &str) -> (Query, Vec<Hint>) {
    let mut hints = Vec::new();
    let mut end = q.len().min(MAX_QUERY_BYTES);
    while !q.is_char_boundary(end) {
        end -= 1;
    }
    if end < q.len() {
        hints.push(Hint {
            span: Span::new(end, q.len()),
            code: "query-truncated",
            message: concat!("the query is longer than ", max_query_bytes!(), " bytes; the rest was ignored")
                .to_string(),
        });
    }
    let text = Span::new(0, end).slice(q);
    let typing = !text.chars().next_back().is_some_and(char::is_whitespace);
    let mut items = lex(text, &mut hints);
    cap_words(&mut items, text, &mut hints);
    // The last literal, when nothing follows it, is still being typed: its last word is a prefix.
    if let Some(Item::Lit(l)) = items.last_mut() {
        let unclosed_or_bare =
            typing && l.span.end == text.len() && !Span::new(0, l.span.end).slice(text).ends_with(is_dquote);
        if unclosed_or_bare && !l.negated {
            if let Some(w) = l.words.last_mut() {
                w.prefix = true;
            }
        }
    }
    let clauses = clauses(items, &mut hints);
    super::sort::insertion_sort_by(&mut hints, |a, b| a.span.start < b.span.start);
    (Query { clauses }, hints)
}

/// Split the query into literals and `OR`s.
fn lex(text: &str, hints: &mut Vec<Hint>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut i = 0;
    let mut warned_parens = false;
    while i < text.len() {
        let c = after(text, i).chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut negated = false;
        if c == '-' {
            let next = after(text, i + 1).chars().next();
            if next.is_none_or(char::is_whitespace) {
                hints.push(Hint {
                    span: Span::new(i, i + 1),
                    code: "empty-exclusion",
                    message: "“-” excludes the word right after it (no space): -word".into(),
                });
                i += 1;
                continue;
            }
            negated = true;
            i += 1;
        }
        let first = after(text, i).chars().next().unwrap_or(' ');
        if is_dquote(first) {
            let (inner, next) = quoted(text, i, hints);
            let lit = phrase_literal(text, inner, Field::Any, negated, Span::new(start, next));
            items.push(Item::Lit(lit));
            i = next;
            continue;
        }
        // A bare run: up to whitespace or a double quote.
        let run_end = after(text, i).find(|c: char| c.is_whitespace() || is_dquote(c)).map_or(text.len(), |p| i + p);
        let run = Span::new(i, run_end).slice(text);
        if (run.contains('(') || run.contains(')')) && !warned_parens {
            warned_parens = true;
            let p = i + run.find(['(', ')']).unwrap_or(0);
            hints.push(Hint {
                span: Span::new(p, p + 1),
                code: "parentheses",
                message: "parentheses are not supported and were ignored; OR binds the two words next to it".into(),
            });
        }
        if run == "OR" && !negated {
            items.push(Item::Or(Span::new(i, run_end)));
            i = run_end;
            continue;
        }
        if let Some((name, value)) =
            crate::span::split_at_byte(run, b':').filter(|(n, _)| !n.is_empty() && n.chars().all(char::is_alphabetic))
        {
            let value_start = i + name.len() + 1;
            match Field::parse(name) {
                Some(field) => {
                    let (inner, next) =
                        if value.is_empty() && run_end < text.len() && after(text, run_end).starts_with(is_dquote) {
                            quoted(text, run_end, hints)
                        } else {
                            (Span::new(value_start, run_end), run_end)
                        };
                    let span = Span::new(start, next);
                    i = next;
                    if inner.slice(text).chars().all(char::is_whitespace) {
                        hints.push(Hint {
                            span,
                            code: "empty-field",
                            message: crate::span::cat(&[
                                name,
                                ": needs a value right after the colon, e.g. ",
                                name,
                                ":\"wang yi\"",
                            ]),
                        });
                        continue;
                    }
                    if field == Field::Kind {
                        if let Some(l) = kind_literal(text, inner, negated, span, hints) {
                            items.push(Item::Lit(l));
                        }
                    } else {
                        items.push(Item::Lit(phrase_literal(text, inner, field, negated, span)));
                    }
                    continue;
                }
                None => hints.push(Hint {
                    span: Span::new(i, value_start),
                    code: "unknown-field",
                    message: crate::span::cat(&[
                        "“",
                        name,
                        ":” is not a field (speaker:, outlet:, article:, kind:); searched as words",
                    ]),
                }),
            }
        }
        let lit = phrase_literal(text, Span::new(i, run_end), Field::Any, negated, Span::new(start, run_end));
        if !lit.words.is_empty() {
            items.push(Item::Lit(lit));
        }
        i = run_end;
    }
    items
}

/// The inside of a quoted phrase starting at the quote mark at `open`, and where the phrase ends.
/// An unclosed phrase runs to the end of the query (with a hint).
fn quoted(text: &str, open: usize, hints: &mut Vec<Hint>) -> (Span, usize) {
    let mark = after(text, open).chars().next().map_or(1, char::len_utf8);
    let from = open + mark;
    match after(text, from).find(is_dquote) {
        Some(p) => {
            let close = from + p;
            let close_len = after(text, close).chars().next().map_or(1, char::len_utf8);
            (Span::new(from, close), close + close_len)
        }
        None => {
            hints.push(Hint {
                span: Span::new(open, text.len()),
                code: "unclosed-quote",
                message: "the phrase has no closing quote; searching it up to the end".into(),
            });
            (Span::new(from, text.len()), text.len())
        }
    }
}

/// A literal from the words inside `inner`: one word, or a phrase of adjacent words.
fn phrase_literal(text: &str, inner: Span, field: Field, negated: bool, span: Span) -> Literal {
    let mut words = Vec::new();
    let base = inner.start;
    tokenize(inner.slice(text), &mut |s, w| words.push(Word::new(w, Span::new(base + s.start, base + s.end))));
    // Typo tolerance for single positive words only: phrases and exclusions match exactly (by stem).
    if words.len() == 1 && !negated {
        words[0].typos = Word::typo_budget(&words[0].text);
    }
    Literal { negated, field, words, kinds: Vec::new(), span }
}

/// A `kind:` literal: each word of the value names a kind (or a prefix of one).
fn kind_literal(text: &str, inner: Span, negated: bool, span: Span, hints: &mut Vec<Hint>) -> Option<Literal> {
    let mut kinds = Vec::new();
    for part in inner.slice(text).split(|c: char| c.is_whitespace() || c == ',') {
        if part.is_empty() {
            continue;
        }
        let v = fold_str(part);
        let mut found: Vec<QuoteKind> = Vec::new();
        for k in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term] {
            if k.as_str().starts_with(v.as_str()) {
                found.push(k);
            }
        }
        if found.len() == 1 {
            if !kinds.contains(&found[0]) {
                kinds.push(found[0]);
            }
        } else {
            hints.push(Hint {
                span: inner,
                code: "unknown-kind",
                message: crate::span::cat(&[
                    "“",
                    part,
                    "” is not a kind of quote (direct, partial, term); kind: ignored",
                ]),
            });
            return None;
        }
    }
    super::sort::insertion_sort_by(&mut kinds, |a, b| a < b);
    Some(Literal { negated, field: Field::Kind, words: Vec::new(), kinds, span })
}

/// Keep at most [`MAX_WORDS`] words: literals after the budget are dropped.
fn cap_words(items: &mut Vec<Item>, text: &str, hints: &mut Vec<Hint>) {
    let mut used = 0;
    for (n, item) in items.iter_mut().enumerate() {
        let Item::Lit(l) = item else { continue };
        let w = l.words.len().max(1);
        if used + w > MAX_WORDS {
            let from = l.span.start;
            hints.push(Hint {
                span: Span::new(from, text.len()),
                code: "too-many-terms",
                message: concat!("the query was truncated to ", max_words!(), " terms").to_string(),
            });
            items.truncate(n);
            return;
        }
        used += w;
    }
}

/// Group literals into clauses: `a OR b` joins a and b into one clause.
fn clauses(items: Vec<Item>, hints: &mut Vec<Hint>) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut pending_or: Option<Span> = None;
    let mut last_was_lit = false;
    for item in items {
        match item {
            Item::Or(span) => {
                if !last_was_lit || pending_or.is_some() {
                    hints.push(dangling_or(span));
                } else {
                    pending_or = Some(span);
                }
                last_was_lit = false;
            }
            Item::Lit(l) => {
                match (pending_or.take(), out.last_mut()) {
                    (Some(_), Some(c)) => c.any.push(l),
                    _ => out.push(Clause { any: vec![l] }),
                }
                last_was_lit = true;
            }
        }
    }
    if let Some(span) = pending_or {
        hints.push(dangling_or(span));
    }
    out
}

fn dangling_or(span: Span) -> Hint {
    Hint { span, code: "dangling-or", message: "OR needs a word on each side; ignored".into() }
}
