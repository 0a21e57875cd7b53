//! Speaker attribution: the engine that walks an article paragraph by paragraph, finds each
//! quote, its kind and its cue, and decides who said it.
//!
//! For each quote the patterns are tried in this order; the first that names a speaker wins and
//! its name becomes the quote's `rule`:
//! 1. `transcript-name`: a quoted transcript line names its speaker (“WALLACE: …”).
//! 2. `colon-intro` / `colon-name`: "Wang said: “…”", "Caddell: “…”", or the sentence's subject
//!    before a colon ("Kaine has adopted the stance: “…”").
//! 3. For a quote opening its clause, the attribution right after it: `quote-cue-name` ("…,”
//!    said Wang"), `quote-name-cue` ("…,” NATO Secretary General Jens Stoltenberg said"),
//!    `dash-credit` ("“…” ― Maya Ortiz"), `quote-name-verb` / `quote-verb-name` for a verb the
//!    lexicon lacks ("…,” Trump assured Jones").
//! 4. `name-cue-quote`: the nearest cue before the quote in its clause and that cue's subject
//!    ("Wang also said the alliance would ‘…’", "the senior diplomat called China a “…”");
//!    `cue-name-quote` ("explained Rosenberg, “…”"); `according-to`. A cue whose subject is
//!    elided ("…, and claimed Beijing has “…”") takes the previous quote's speaker
//!    (`same-sentence`) or the clause's subject (`clause-subject`).
//! 5. The attribution right after any other quote, then after a later comma of the sentence
//!    (`sentence-cue`: "…will ‘as soon as possible’ provide aid, Wang said.").
//! 6. `same-sentence`; `possessive-speech` ("One of Wang’s points was … “…”").
//! 7. A quote whose sentence has no verb of saying: `quote-continues` (a quote re-opened across
//!    paragraphs), `same-paragraph` (“A,” he said. “B.”), `previous-sentence-cue`,
//!    `previous-sentence-subject` ("Trump attacked Rubio. “He is weak.”"), and for a paragraph
//!    that is only a quote `colon-intro`, `paragraph-continues`, `previous-paragraph-cue`.
//! 8. `possessive` for a term right after a possessive name ("Wang’s “six-point plan”").
//!
//! After the whole article: `quote-continues-later` (an open piece takes its continuation's
//! speaker), `repeats-quote` (the same words quoted again), `subject-speaker` (a cue-free quote in
//! a sentence about a named person or organisation), `dash-credit` (a "— Name" line under quotes).
//!
//! The mention a pattern finds is then resolved: names directly, pronouns and descriptions by
//! [`super::coref`], whose rule (`pronoun-current-speaker`, `nominal-role`, …) then names the
//! attribution. A quote the text gives no speaker keeps none (`no-attribution`,
//! `cue-without-speaker`, `description` for "said a person close to the campaign",
//! `title-of-work`, `nickname`), never a guess.
//!
//! Headlines in Title Case are attributed last, once the body has introduced everyone, and only
//! to people it introduced: `headline-colon` ("Caddell: …"), `headline-repeats-body`. A first line
//! that reads like a sentence is read in order like the body.

use super::coref::{Coref, Subject};
use super::cues::{self, CueHit, Form, Tier};
use super::kind::{self, Shape};
use super::lexicon::flag;
use super::marks::{Context, MarkScanner, Marked};
use super::names::{self, MKind, Mention};
use super::tokens::{lookup, tokenize, Tk, Tok};
use super::{ArticleQuotes, Cue, Diagnostic, Person, Quote, QuoteKind};
use crate::article::{Article, BlockKind};
use crate::span::Span;

/// How many tokens before a quote a Near-tier cue ("called it a") may stand. Range 3..=12;
/// default 8.
const NEAR_WINDOW: usize = 8;
/// How many tokens back from a quote the engine looks for a cue. Range 10..=80; default 40.
const MAX_LOOK_BACK: usize = 40;
/// How many tokens after a quote the engine looks for a sentence-final cue. Range 10..=120;
/// default 80.
const MAX_LOOK_AHEAD: usize = 80;

/// "No mention here" in the per-token mention tables.
const NONE: u32 = u32::MAX;

/// Words skipped between a subject and its cue ("Beijing on Thursday denounced", "Wang also said").
#[rustfmt::skip]
pub(crate) const SKIP: &[&str] = &[
    "afternoon", "again", "already", "also", "always", "angrily", "been", "being", "bluntly", "candidly", "could",
    "did", "directly", "earlier", "emphatically", "even", "evening", "eventually", "explicitly", "finally",
    "firmly", "first", "flatly", "frankly", "frequently", "further", "had", "has", "have", "immediately",
    "initially", "is", "just", "last", "late", "later", "likewise", "may", "might", "month", "morning", "never",
    "night", "not", "now", "often", "on", "once", "only", "openly", "originally", "previously", "privately",
    "publicly", "quickly", "quietly", "quoted", "recently", "repeatedly", "reportedly", "separately", "sharply",
    "similarly", "simply", "soon", "still", "strongly", "subsequently", "then", "this", "today", "tonight", "too",
    "was", "week", "weekend", "will", "would", "year", "yesterday",
];

/// Capitalised time words skipped the same way ("Wang said Monday").
#[rustfmt::skip]
pub(crate) const TIME_CAPS: &[&str] = &[
    "april", "aug", "august", "dec", "december", "feb", "february", "friday", "jan", "january", "july", "june",
    "march", "monday", "nov", "november", "oct", "october", "saturday", "sept", "september", "sunday", "thursday",
    "tuesday", "wednesday",
];

/// Conjunctions and adverbs that open a sentence before its subject ("But", "Meanwhile").
pub(crate) const CONJ: &[&str] = &["also", "and", "but", "however", "meanwhile", "now", "so", "still", "then", "yet"];

/// Words that open an introductory phrase running to a comma ("In January,", "After the vote,").
#[rustfmt::skip]
pub(crate) const INTRO: &[&str] = &[
    "according", "after", "although", "amid", "as", "asked", "at", "before", "despite", "during", "earlier",
    "following", "for", "if", "in", "last", "later", "on", "once", "since", "speaking", "though", "under", "when",
    "while", "with",
];

/// Words before a quote that weave it into the sentence ("said it is “…”").
/// Nouns of what someone said: a possessive before one names the speaker ("Wang’s remarks").
#[rustfmt::skip]
pub(crate) const SPEECH_NOUNS: &[&str] = &[
    "accusation", "accusations", "answer", "argument", "assertion", "attack", "call", "catchphrase", "charge",
    "claim", "claims", "comment", "comments", "complaint", "criticism", "demand", "demands", "description",
    "insistence", "interview", "joke", "letter", "line", "message", "phrase", "pledge", "point", "points", "post",
    "promise", "proposal", "question", "quip", "remark", "remarks", "reply", "response", "rhetoric", "slogan",
    "speech", "statement", "suggestion", "testimony", "threat", "tweet", "vow", "warning", "words",
];

/// Words that open a subordinate clause, whose subject comes right after them.
#[rustfmt::skip]
pub(crate) const SUBORDINATORS: &[&str] = &[
    "after", "although", "as", "because", "before", "if", "once", "since", "though", "unless", "until", "when",
    "whereas", "while",
];

/// Relative pronouns: a cue right after one is a relative clause's verb.
pub(crate) const RELATIVES: &[&str] = &["that", "which", "who"];

/// Words after which a cue word is a noun ("his claims", "the reported").
pub(crate) const NOUN_OPENERS: &[&str] = &["a", "an", "her", "his", "its", "my", "our", "the", "their", "your"];

/// Coordinators: a cue after one shares the clause's subject ("… and claimed").
pub(crate) const COORDINATORS: &[&str] = &["and", "but", "or", "while", "yet"];

/// Articles before a name or description.
pub(crate) const ARTICLES: &[&str] = &["a", "an", "the"];

/// Modal verbs: "will say", "would call" report no act of saying.
pub(crate) const MODALS: &[&str] = &["can", "could", "may", "might", "must", "shall", "should", "will", "would"];

/// Words that name the next word as a word: "the word “invasion”", "the so-called “deal”".
#[rustfmt::skip]
pub(crate) const NAMING_WORDS: &[&str] = &[
    "dubbed", "expression", "label", "moniker", "nickname", "phrase", "slogan", "so-called", "term", "title",
    "word", "words",
];

/// Words after which a name is an object, not a subject.
#[rustfmt::skip]
pub(crate) const PREPOSITIONS: &[&str] = &[
    "about", "against", "among", "at", "between", "by", "for", "from", "in", "including", "into", "like", "of",
    "on", "over", "to", "toward", "towards", "under", "via", "with", "without",
];

/// Past tenses without -ed that attribute a quote in "“…,” Wang <verb>".
pub(crate) const IRREGULAR_PAST: &[&str] = &["began", "shot", "spoke", "swore", "threw", "wrote"];

/// Words opening an unnamed speaker after a cue ("said a person close to the campaign").
pub(crate) const INDEFINITE: &[&str] = &["a", "an", "another", "many", "one", "several", "some", "two"];

/// Words before a quote that weave it into the reporter's sentence ("said it is “…”").
pub(crate) const WEAVING: &[&str] = &["are", "as", "be", "been", "being", "is", "that", "to", "was", "were"];

/// Per-article working state, reused across paragraphs.
struct Engine<'a> {
    text: &'a str,
    marks: MarkScanner,
    quotes: Vec<Marked>,
    toks: Vec<Tok>,
    /// The cues of the paragraph, by first token.
    cues: cues::Cues,
    mentions: Vec<Mention>,
    /// Entity of each name mention.
    ment_ent: Vec<Option<usize>>,
    /// Per token: index of the mention ending / starting there, or NONE.
    ment_end: Vec<u32>,
    ment_start: Vec<u32>,
    /// Per token: first token of its clause (after the last terminal, `;` or quote).
    clause_lo: Vec<u32>,
    /// Per token: first token of its sentence.
    sent_lo: Vec<u32>,
    coref: Coref,
    out: Vec<Quote>,
    diags: Vec<Diagnostic>,
    /// For each output quote, the index of the piece it continues.
    cont_prev: Vec<Option<usize>>,
    /// For each output quote, the entity its sentence is about (its subject).
    subj_of: Vec<Option<(usize, Span)>>,
    /// The last quote of the previous paragraph was left open and the next one re-opens it.
    open_piece: Option<usize>,
    /// Speaker of the last attributed quote of the previous article paragraph.
    prev_block_speaker: Option<(usize, Option<Span>)>,
    /// Speaker introduced by a colon ending the previous paragraph ("Caddell continued:").
    pending_colon: Option<(usize, Option<Span>)>,
    /// Indices in `out` of the previous paragraph's quotes.
    prev_block_quotes: std::ops::Range<usize>,
    /// The paragraph has words of the reporter's outside its quotes.
    block_has_words: bool,
    /// Words the article writes in lowercase (sentence-initial capitals that are no names).
    common: names::Lowercase<'a>,
    /// Entities from this index on were first named in the current paragraph; in a Title Case
    /// line they cannot speak (`usize::MAX` in ordinary paragraphs).
    known: usize,
    /// Speaker of a verb of saying in the last sentence of a previous paragraph without quotes
    /// ("Bolton said he would be willing to serve.").
    prev_block_cue: Option<(usize, Option<Span>)>,
}

/// An attribution found by a pattern.
#[derive(Clone, Copy, Debug)]
struct Attr {
    speaker: Option<usize>,
    mention: Option<Span>,
    cue: Option<Span>,
    rule: &'static str,
}

impl Attr {
    fn none(rule: &'static str) -> Attr {
        Attr { speaker: None, mention: None, cue: None, rule }
    }
}

/// Extract the quotes of an article with kinds, cues and speakers.
pub(crate) fn extract(article: &Article) -> ArticleQuotes {
    let text = article.text.as_str();
    let blocks: Vec<(usize, Span, BlockKind)> = article.article_blocks().map(|(i, b)| (i, b.content, b.kind)).collect();
    // Per-token tables sized once for the longest paragraph (a token per four bytes or so) instead
    // of growing paragraph by paragraph; capped, as they may still grow for a pathological text.
    let longest = blocks.iter().map(|b| b.1.len()).max().unwrap_or(0);
    let per_token = (longest / 4 + 16).min(1 << 14);
    let mut e = Engine {
        text,
        marks: MarkScanner::default(),
        quotes: Vec::new(),
        toks: Vec::with_capacity(per_token),
        cues: cues::Cues::default(),
        mentions: Vec::with_capacity(per_token / 4),
        ment_ent: Vec::with_capacity(per_token / 4),
        ment_end: Vec::with_capacity(per_token),
        ment_start: Vec::with_capacity(per_token),
        clause_lo: Vec::with_capacity(per_token),
        sent_lo: Vec::with_capacity(per_token),
        coref: Coref::with_capacity(longest.min(1 << 12) / 16 + 16),
        out: Vec::with_capacity(16),
        diags: Vec::new(),
        cont_prev: Vec::with_capacity(16),
        subj_of: Vec::with_capacity(16),
        open_piece: None,
        prev_block_speaker: None,
        pending_colon: None,
        prev_block_quotes: 0..0,
        prev_block_cue: None,
        block_has_words: false,
        common: names::Lowercase::of(text, blocks.iter().map(|b| b.1)),
        known: usize::MAX,
    };
    let single_style = single_style(text, &blocks);
    // A headline in Title Case is read last, once the body has named everyone; a first line that
    // reads like a sentence ("“We will win,” Jane Smith said.") is read in order like the body.
    let title = blocks
        .iter()
        .find(|b| b.2 == BlockKind::Title)
        .filter(|b| !reads_like_sentence(b.1.slice(text)))
        .map(|b| (b.0, b.1));
    let body: Vec<&(usize, Span, BlockKind)> = blocks.iter().filter(|b| Some(b.0) != title.map(|t| t.0)).collect();
    for (k, &&(bi, content, _)) in body.iter().enumerate() {
        let next = body.get(k + 1).map(|b| b.1);
        let (nd, ns) = next.map_or((false, false), |n| opens_with_mark(text, n));
        let ctx = Context { next_opens_double: nd, next_opens_single: ns, single_style };
        e.block(bi, content, ctx);
    }
    let mut quotes = std::mem::take(&mut e.out);
    let mut cont = std::mem::take(&mut e.cont_prev);
    let mut subj = std::mem::take(&mut e.subj_of);
    if let Some((bi, content)) = title {
        let body_quotes = quotes.clone();
        e.title(bi, content, &body_quotes);
        let mut head = std::mem::take(&mut e.out);
        let shift = head.len();
        cont = std::iter::repeat_n(None, shift).chain(cont.into_iter().map(|c| c.map(|i| i + shift))).collect();
        let mut head_subj = std::mem::take(&mut e.subj_of);
        head_subj.append(&mut subj);
        subj = head_subj;
        head.append(&mut quotes);
        quotes = head;
    }
    backfill_continuations(&mut quotes, &cont);
    subject_speakers(&mut quotes, &subj, &e.coref);
    repeated_words(text, &mut quotes);
    finish(text, quotes, e.coref, std::mem::take(&mut e.diags))
}

/// Are at least a quarter of the line's first 40 words (and two or more) lowercase words other
/// than short function words, or does the line have 40 words at all?
fn lowercase_like_a_sentence(line: &str) -> bool {
    lowercase_words_make_a_quarter(line)
}

/// [`lowercase_like_a_sentence`] by its definition. Each word's end is found eight bytes at a
/// time; a word of ASCII (most words, even in a line with curly quotes) is trimmed byte by byte,
/// and only a word with a character outside ASCII is decoded.
fn lowercase_words_make_a_quarter(line: &str) -> bool {
    use crate::article::scan::{ascii_space, eq_bytes, load, range_bytes, splat};
    let b = line.as_bytes();
    let (mut words, mut lower, mut i) = (0usize, 0usize, 0usize);
    for _ in 0..40 {
        // Skip whitespace to the word's start.
        while let Some(&x) = b.get(i) {
            let len = match x {
                x if x < 0x80 => usize::from(ascii_space(x)),
                _ => match line.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) if c.is_whitespace() => c.len_utf8(),
                    _ => 0,
                },
            };
            if len == 0 {
                break;
            }
            i += len;
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        // To the first ASCII whitespace or byte outside ASCII: eight bytes at a time, then byte by
        // byte. (A byte outside ASCII is a stop whatever its low bits look like.)
        while let Some(x) = load(b, i) {
            let stop = eq_bytes(x, b' ') | range_bytes(x & !splat(0x80), b'\t', b'\r') | (x & splat(0x80));
            if stop != 0 {
                i += (stop.trailing_zeros() / 8) as usize;
                break;
            }
            i += 8;
        }
        while i < b.len() && b[i] < 0x80 && !ascii_space(b[i]) {
            i += 1;
        }
        // The word trimmed to its letters, and whether its first letter is lowercase.
        let (w, lowercase) = if b.get(i).is_some_and(|&x| x >= 0x80) {
            i = crate::article::scan::word_end(line, i);
            let w = trim_to_letters(line.get(start..i).unwrap_or(""));
            let lowercase = match w.as_bytes().first() {
                Some(&x) if x < 0x80 => x.is_ascii_lowercase(),
                _ => w.chars().next().is_some_and(char::is_lowercase),
            };
            (w.as_bytes(), lowercase)
        } else {
            let Some(lo) = (start..i).find(|&k| b[k].is_ascii_alphabetic()) else { continue };
            let hi = (lo..i).rev().find(|&k| b[k].is_ascii_alphabetic()).map_or(lo + 1, |k| k + 1);
            (&b[lo..hi], b[lo].is_ascii_lowercase())
        };
        if w.is_empty() {
            continue;
        }
        words += 1;
        // Counted without branching on the word (`&`, not `&&`).
        lower += usize::from(lowercase & !is_function_word(w));
        // At most 40 words are counted, so ten lowercase ones already make a quarter.
        if lower >= 10 {
            return true;
        }
    }
    words >= 40 || (lower >= 2 && lower * 4 >= words)
}

/// The short function words a headline keeps in lowercase (the list in
/// `lowercase_like_a_sentence`).
const FUNCTION_WORDS: [&[u8]; 18] = [
    b"a", b"an", b"and", b"as", b"at", b"but", b"by", b"for", b"from", b"in", b"of", b"on", b"or", b"over", b"the",
    b"to", b"vs", b"with",
];

/// A word of at most four bytes as one integer: its bytes, and its length above them.
const fn pack_short_word(w: &[u8]) -> u64 {
    let mut k = (w.len() as u64) << 32;
    let mut i = 0;
    while i < w.len() && i < 4 {
        k |= (w[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// Is `w` one of [`FUNCTION_WORDS`]? The word is packed into an integer and compared with all of
/// them at once, without a branch per word: which headline words are function words is close to
/// random for a branch predictor.
fn is_function_word(w: &[u8]) -> bool {
    const KEYS: [u64; FUNCTION_WORDS.len()] = {
        let mut out = [0; FUNCTION_WORDS.len()];
        let mut i = 0;
        while i < out.len() {
            out[i] = pack_short_word(FUNCTION_WORDS[i]);
            i += 1;
        }
        out
    };
    if w.len() > 4 {
        return false;
    }
    let key = pack_short_word(w);
    KEYS.iter().fold(false, |hit, &k| hit | (k == key))
}

/// `w` without the characters that are not letters at either end (`trim_matches` with an ASCII
/// fast path: a plain word is looked at only at its two ends).
fn trim_to_letters(w: &str) -> &str {
    let b = w.as_bytes();
    let (mut lo, mut hi) = (0, b.len());
    while lo < hi {
        if b[lo] < 0x80 {
            if b[lo].is_ascii_alphabetic() {
                break;
            }
            lo += 1;
        } else {
            let c = w.get(lo..).and_then(|t| t.chars().next()).unwrap_or('a');
            if crate::article::scan::is_alphabetic(c) {
                break;
            }
            lo += c.len_utf8();
        }
    }
    while hi > lo {
        if b[hi - 1] < 0x80 {
            if b[hi - 1].is_ascii_alphabetic() {
                break;
            }
            hi -= 1;
        } else {
            let c = w.get(..hi).and_then(|t| t.chars().next_back()).unwrap_or('a');
            if crate::article::scan::is_alphabetic(c) {
                break;
            }
            hi -= c.len_utf8();
        }
    }
    w.get(lo..hi).unwrap_or("")
}

/// Does a line read like a sentence rather than a Title Case headline? Headlines keep only
/// short function words in lowercase ("Clinton Swipes at Trump over Brexit"); a sentence has
/// other lowercase words too ("“The economy is strong,” Finance Minister Karl Berg said.").
fn reads_like_sentence(line: &str) -> bool {
    if lowercase_like_a_sentence(line) {
        return true;
    }
    // "“Talks,” Foreign Minister Wang Yi said.": a lowercase verb of saying makes a sentence.
    // Only the first word of a cue can be one: the lexicon's bit rules out most words at once.
    letter_runs(line).any(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && super::lexicon::flags(w) & flag::CUE_FIRST != 0
            && super::cues::is_saying_verb(w)
    })
}

/// The maximal runs of letters of `line` (its non-empty pieces split at every character that is
/// not alphabetic), decoding only characters outside ASCII.
fn letter_runs(line: &str) -> impl Iterator<Item = &str> {
    let b = line.as_bytes();
    let letter_at = move |i: usize| -> (bool, usize) {
        match b[i] {
            x if x < 0x80 => (x.is_ascii_alphabetic(), 1),
            _ => line
                .get(i..)
                .and_then(|t| t.chars().next())
                .map_or((false, 1), |c| (crate::article::scan::is_alphabetic(c), c.len_utf8())),
        }
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= b.len() {
                return None;
            }
            let (letter, len) = letter_at(i);
            if letter {
                break;
            }
            i += len;
        }
        let start = i;
        while i < b.len() {
            let (letter, len) = letter_at(i);
            if !letter {
                break;
            }
            i += len;
        }
        line.get(start..i)
    })
}

/// Does the article quote with single marks (‘…’) rather than double ones?
fn single_style(text: &str, blocks: &[(usize, Span, BlockKind)]) -> bool {
    let (mut single, mut double) = (0usize, 0usize);
    for &(_, c, _) in blocks {
        // ‘ is E2 80 98, “ E2 80 9C, „ E2 80 9E and « C2 AB in UTF-8.
        let b = c.slice(text).as_bytes();
        let mut i = 0;
        while let Some(p) = crate::article::scan::find_any_or_high(b, i, [b'"']) {
            i = p + crate::article::scan::char_len(b[p]);
            match b[p] {
                b'"' => double += 1,
                0xE2 if b.get(p + 1) == Some(&0x80) => match b.get(p + 2) {
                    Some(0x98) => single += 1,
                    Some(0x9C | 0x9E) => double += 1,
                    _ => {}
                },
                0xC2 if b.get(p + 1) == Some(&0xAB) => double += 1,
                _ => {}
            }
        }
    }
    single > double
}

/// Does a paragraph start with an opening double / single mark?
fn opens_with_mark(text: &str, content: Span) -> (bool, bool) {
    let s = content.slice(text);
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some('“' | '"' | '«' | '„'), _) => (true, false),
        (Some('\''), Some('\'')) => (true, false),
        (Some('‘' | '\'' | '’'), Some(n)) if n.is_alphanumeric() || n == '“' || n == '"' => (false, true),
        _ => (false, false),
    }
}

/// A piece left open at a paragraph's end takes the speaker of its continuation when it has none.
fn backfill_continuations(quotes: &mut [Quote], cont_prev: &[Option<usize>]) {
    for i in (0..quotes.len()).rev() {
        let Some(p) = cont_prev.get(i).copied().flatten() else { continue };
        if p < quotes.len() && quotes[p].speaker.is_none() && quotes[i].speaker.is_some() {
            quotes[p].speaker = quotes[i].speaker;
            quotes[p].mention = quotes[i].mention;
            quotes[p].rule = "quote-continues-later";
        }
    }
}

/// A quote with no speaker in a sentence about someone quoted elsewhere in the article takes
/// that person (rule `subject-speaker`): "Trump invited Russia to find the “missing” emails"
/// when Trump speaks in the article.
fn subject_speakers(quotes: &mut [Quote], subj: &[Option<(usize, Span)>], coref: &Coref) {
    for (q, s) in quotes.iter_mut().zip(subj) {
        let Some((e, span)) = *s else { continue };
        if q.speaker.is_none() && coref.ents.get(e).is_some() {
            q.speaker = Some(e);
            q.mention = Some(span);
            q.rule = "subject-speaker";
        }
    }
}

/// A quote with no speaker that repeats, word for word, a quote attributed elsewhere in the
/// article takes that speaker (rule `repeats-quote`): the same words quoted twice are one
/// person's words.
fn repeated_words(text: &str, quotes: &mut [Quote]) {
    // Repeated words are short phrases; long quotes are not compared.
    let key = |q: &Quote| {
        if q.span.len() > 300 {
            return None;
        }
        let mut h = crate::span::fnv1a64(b"");
        let mut any = false;
        let mut mix = |x: u8| {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        };
        let s = q.span.slice(text);
        let b = s.as_bytes();
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            if x < 0x80 {
                // ASCII folds to its lowercase: no need to decode or ask the folding table.
                if x.is_ascii_alphanumeric() {
                    any = true;
                    mix(x.to_ascii_lowercase());
                }
                i += 1;
                continue;
            }
            let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else { break };
            i += c.len_utf8();
            if crate::article::scan::is_alphanumeric(c) {
                any = true;
                for &x in crate::search::fold::fold_char(c).as_str().as_bytes() {
                    mix(x);
                }
            }
        }
        any.then_some(h)
    };
    if quotes.iter().all(|q| q.speaker.is_some()) {
        return;
    }
    // (key, index) of attributed quotes, sorted; the first quote of a key wins.
    let mut known: Vec<(u64, usize)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.speaker.is_some())
        .filter_map(|(i, q)| key(q).map(|k| (k, i)))
        .collect();
    if known.is_empty() {
        return;
    }
    known.sort_unstable();
    for i in 0..quotes.len() {
        if quotes[i].speaker.is_some() {
            continue;
        }
        let found = key(&quotes[i]).and_then(|k| {
            let at = known.partition_point(|&(x, _)| x < k);
            known.get(at).filter(|&&(x, _)| x == k).map(|&(_, j)| j)
        });
        if let Some(j) = found {
            quotes[i].speaker = quotes[j].speaker;
            quotes[i].mention = quotes[j].mention;
            quotes[i].rule = "repeats-quote";
        }
    }
}

/// Turn entity ids into the article's people list (speakers only, in order of first quote).
fn finish(_text: &str, mut quotes: Vec<Quote>, mut coref: Coref, diagnostics: Vec<Diagnostic>) -> ArticleQuotes {
    let mut map: Vec<Option<usize>> = vec![None; coref.ents.len()];
    let mut people: Vec<Person> = Vec::new();
    for q in &mut quotes {
        let Some(e) = q.speaker else { continue };
        let Some(ent) = coref.ents.get_mut(e) else {
            q.speaker = None;
            continue;
        };
        let idx = match map[e] {
            Some(i) => i,
            None => {
                // Each entity becomes a person once (`map` remembers it): its strings move over.
                let name = std::mem::take(&mut ent.name);
                let mut aliases = std::mem::take(&mut ent.aliases);
                aliases.retain(|a| *a != name);
                aliases.sort();
                aliases.dedup();
                people.push(Person { name, aliases, roles: std::mem::take(&mut ent.roles), kind: ent.kind });
                map[e] = Some(people.len() - 1);
                people.len() - 1
            }
        };
        q.speaker = Some(idx);
    }
    ArticleQuotes { quotes, people, diagnostics }
}

impl<'a> Engine<'a> {
    /// Scan, tokenise and find mentions of one paragraph; fill the per-token tables.
    fn prepare(&mut self, bi: usize, content: Span, ctx: Context) {
        let _ = bi;
        self.marks.scan(self.text, content, ctx, &mut self.quotes, &mut self.diags);
        if self.open_piece.is_some() {
            if let Some(q) = self.quotes.first_mut() {
                if q.outer.start == content.start {
                    q.continues = true;
                }
            }
        }
        tokenize(self.text, content, &self.quotes, &mut self.toks);
        self.block_has_words = self.toks.iter().any(Tok::is_word);
        self.cues.fill(self.text, &self.toks);
        names::find(self.text, &self.toks, &self.cues, &self.common, &mut self.mentions);
        // The surnames of people named in full here, for the paragraphs after: after a first name
        // or a courtesy title, not a place ("Florida Friday") or a stop word.
        for m in self.mentions.iter().filter(|m| m.kind == MKind::Person && m.words >= 2 && m.last > m.first) {
            let (before, last) = (&self.toks[m.last - 1], &self.toks[m.last]);
            let first_name = before.is_word()
                && before.cap
                && !before.has(flag::PLACES | flag::ORG_HEADS | flag::STOP_CAPS | flag::TIME_CAPS);
            if first_name && !last.has(flag::PLACES | flag::TIME_CAPS | flag::SUFFIXES) {
                self.common.learn_surname(last.base(self.text).slice(self.text));
            }
        }
        let n = self.toks.len();
        self.ment_ent.clear();
        for m in &self.mentions {
            let e = self.coref.name(self.text, m);
            self.ment_ent.push(e);
        }
        self.ment_end.clear();
        self.ment_end.resize(n, NONE);
        self.ment_start.clear();
        self.ment_start.resize(n, NONE);
        for (i, m) in self.mentions.iter().enumerate() {
            if m.last < n {
                self.ment_end[m.last] = i as u32;
            }
            if m.first < n && self.ment_start[m.first] == NONE {
                self.ment_start[m.first] = i as u32;
            }
        }
        // Filled as local vectors (moved out and back): pushing to fields of `self` would reload
        // their lengths at every token.
        let (mut clause_lo, mut sent_lo) = (std::mem::take(&mut self.clause_lo), std::mem::take(&mut self.sent_lo));
        clause_lo.clear();
        sent_lo.clear();
        let (mut cl, mut sl) = (0u32, 0u32);
        for (t, tok) in self.toks.iter().enumerate() {
            clause_lo.push(cl);
            sent_lo.push(sl);
            match tok.kind {
                Tk::Punct('.' | '!' | '?' | '…') => {
                    cl = t as u32 + 1;
                    sl = cl;
                }
                Tk::Punct(';') => cl = t as u32 + 1,
                Tk::Quote(qi) => {
                    cl = t as u32 + 1;
                    if self.quote_ends_sentence(qi, t) {
                        sl = cl;
                    }
                }
                _ => {}
            }
        }
        self.clause_lo = clause_lo;
        self.sent_lo = sent_lo;
    }

    /// A quote whose text ends a sentence and is followed by a capitalised word or nothing.
    fn quote_ends_sentence(&self, qi: usize, t: usize) -> bool {
        let Some(q) = self.quotes.get(qi) else { return false };
        let inner = q.inner.slice(self.text).trim_end().trim_end_matches(['’', '\'', '”', '"']);
        if !inner.ends_with(['.', '?', '!', '…']) {
            return false;
        }
        match self.toks.get(t + 1) {
            None => true,
            Some(n) if matches!(n.kind, Tk::Quote(_)) => true,
            // "“Why not?” Wang asked." goes on; "“Yes.” Wang left the room." does not, nor does
            // "“…campaign.” Kasich said he would have fired him": a cue that opens a clause of its
            // own reports something else.
            Some(n) if n.is_word() && n.cap => {
                let stop = self.toks.len().min(t + 18);
                let clause = |e: usize| {
                    self.toks.get(e).is_some_and(|x| {
                        x.is_word() && lookup(&["he", "i", "it", "she", "they", "we"], x.span.slice(self.text))
                    })
                };
                let attribution = (t + 1..stop)
                    .take_while(|&k| !self.toks[k].is_terminal() && !matches!(self.toks[k].kind, Tk::Quote(_)))
                    .any(|k| self.cue(k).is_some_and(|c| c.tier == Tier::Safe && !clause(c.end)));
                !attribution
            }
            Some(_) => false,
        }
    }

    /// One body paragraph.
    fn block(&mut self, bi: usize, content: Span, ctx: Context) {
        // In a Title Case line inside the body (a subheading), capitals name nothing new either.
        let line = content.slice(self.text);
        let prose = reads_like_sentence(line) || line.ends_with(':') || self.quotes_a_sentence(content, ctx);
        self.known = if prose { usize::MAX } else { self.coref.ents.len() };
        self.coref.read_only = !prose;
        self.prepare(bi, content, ctx);
        self.coref.read_only = false;
        let n = self.toks.len();
        self.dash_credit(bi);
        let first_out = self.out.len();
        let mut block_speaker: Option<(usize, Option<Span>)> = None;
        let mut t = 0;
        while t < n {
            let a = t;
            let mut b = t + 1;
            while b < n && self.sent_lo[b] as usize == a {
                b += 1;
            }
            let subject = self.subject(a, b);
            // The subject counts for pronouns later in its own sentence ("Ban Ki-moon condemned
            // what he called …"); a pronoun never resolves to itself (positions are compared).
            if let Some(m) = subject {
                if let Some(e) = self.resolve(m, bi).0 {
                    let pos = self.mentions[m].span.start;
                    self.coref.subjects.push(Subject { pos, block: bi, ent: e });
                }
            }
            for q in a..b {
                if let Tk::Quote(qi) = self.toks[q].kind {
                    let idx = self.quote(bi, q, qi, a, subject, &mut block_speaker);
                    if let Some(s) = self.out[idx].speaker {
                        block_speaker = Some((s, self.out[idx].mention));
                    }
                }
            }
            t = b;
        }
        // What carries over to the next paragraph.
        self.open_piece = self.quotes.last().filter(|q| !q.closed).and_then(|_| self.out.len().checked_sub(1));
        self.pending_colon = None;
        if n >= 2 && self.toks[n - 1].is_punct(':') {
            let a = self.clause_lo[n - 1] as usize;
            let found = self.cue_before(n - 1, a, true).and_then(|c| {
                self.speaker_of_cue(c, a, self.sent_lo[n - 1] as usize, n, bi).filter(|x| x.speaker.is_some())
            });
            let found = found.or_else(|| self.mention_ending(n - 2).map(|m| self.attr_of(m, None, "colon-name", bi)));
            let last_sentence = self.sent_lo[n - 1] as usize;
            let found = found
                .filter(|f| f.speaker.is_some())
                .or_else(|| self.subject(last_sentence, n).map(|m| self.attr_of(m, None, "colon-intro", bi)));
            self.pending_colon = found.and_then(|f| f.speaker.map(|s| (s, f.mention)));
        }
        self.prev_block_speaker = block_speaker;
        self.prev_block_quotes = first_out..self.out.len();
        self.prev_block_cue = None;
        if n > 0 && first_out == self.out.len() {
            let last = self.sent_lo[n - 1] as usize;
            self.prev_block_cue =
                self.sentence_cue_speaker(last, n, bi).and_then(|a| a.speaker.map(|s| (s, a.mention)));
        }
    }

    /// "— Bernie Sanders." on a line of its own after a quote: the credit of the quotes above
    /// that have no speaker (rule `dash-credit`).
    fn dash_credit(&mut self, bi: usize) {
        let n = self.toks.len();
        if !(2..=8).contains(&n) || !matches!(self.toks[0].kind, Tk::Punct('-' | '—' | '–')) {
            return;
        }
        let Some(m) = self.mention_starting(1).filter(|&m| self.is_name(m)) else { return };
        if (self.mentions[m].last + 1..n)
            .any(|t| self.toks[t].is_word() && self.mention_ending(t).is_none() && !self.toks[t].cap)
        {
            return;
        }
        let at = self.attr_of(m, None, "dash-credit", bi);
        for i in self.prev_block_quotes.clone() {
            if let Some(q) = self.out.get_mut(i).filter(|q| q.speaker.is_none()) {
                q.speaker = at.speaker;
                q.mention = at.mention;
                q.rule = "dash-credit";
            }
        }
    }

    /// Does the paragraph quote a whole sentence (three words or more ending in . ? !)? Title
    /// Case subheadings quote fragments; a quoted sentence with a credit is prose.
    fn quotes_a_sentence(&mut self, content: Span, ctx: Context) -> bool {
        let mut diags = Vec::new();
        self.marks.scan(self.text, content, ctx, &mut self.quotes, &mut diags);
        self.quotes.iter().any(|q| {
            let t = q.inner.slice(self.text).trim_end().trim_end_matches(['’', '\'', '”', '"']);
            t.ends_with(['.', '?', '!']) && crate::article::scan::words(t).nth(2).is_some()
        })
    }

    /// The headline, attributed after the body.
    fn title(&mut self, bi: usize, content: Span, body: &[Quote]) {
        // Headline capitals name nothing new: only people the body introduced can speak here.
        let known = self.coref.ents.len();
        self.known = known;
        self.coref.read_only = true;
        self.out.clear();
        self.cont_prev.clear();
        self.subj_of.clear();
        self.open_piece = None;
        self.prev_block_speaker = None;
        self.pending_colon = None;
        self.prepare(bi, content, Context::default());
        let n = self.toks.len();
        // "Name: …" at the start of the headline.
        let colon = (1..n.min(6)).find(|&t| self.toks[t].is_punct(':'));
        let lead = colon.and_then(|c| self.mention_ending(c - 1)).map(|m| self.attr_of(m, None, "headline-colon", bi));
        let mut block_speaker = None;
        for q in 0..n {
            let Tk::Quote(qi) = self.toks[q].kind else { continue };
            let a = self.sent_lo[q] as usize;
            let idx = self.quote(bi, q, qi, a, None, &mut block_speaker);
            if self.out[idx].speaker.is_some_and(|s| s >= known) {
                let o = &mut self.out[idx];
                o.speaker = None;
                o.mention = None;
                o.rule = "no-attribution";
            }
            if self.out[idx].speaker.is_some() {
                continue;
            }
            if let Some(l) = lead.filter(|l| l.speaker.is_some_and(|s| s < known)) {
                let o = &mut self.out[idx];
                o.speaker = l.speaker;
                o.mention = l.mention;
                o.rule = l.rule;
                continue;
            }
            let words = self.out[idx].span.slice(self.text).to_string();
            if let Some(src) =
                body.iter().find(|bq| bq.speaker.is_some() && overlaps_words(&words, bq.span.slice(self.text)))
            {
                let o = &mut self.out[idx];
                o.speaker = src.speaker;
                o.mention = src.mention;
                o.rule = "headline-repeats-body";
            }
        }
    }

    /// Attribute one quote (token `q`, paragraph quote `qi`, sentence starting at token `a`);
    /// push it and return its index in `out`.
    fn quote(
        &mut self,
        bi: usize,
        q: usize,
        qi: usize,
        a: usize,
        subject: Option<usize>,
        block_speaker: &mut Option<(usize, Option<Span>)>,
    ) -> usize {
        let m = self.quotes[qi];
        let lo = self.clause_lo[q] as usize;
        let attr = match self.transcript_speaker(m.inner, bi) {
            Some(t) => t,
            None => self.attribute(bi, q, qi, a, lo, subject, *block_speaker),
        };
        let starts_clause = self.starts_clause(q, lo);
        let woven = !starts_clause && self.woven(q, lo);
        let named_word = q >= 1 && self.toks[q - 1].is_word() && self.toks[q - 1].has(flag::NAMING_WORDS);
        let after_quote =
            (a.max(q.saturating_sub(MAX_LOOK_BACK))..q).any(|t| matches!(self.toks[t].kind, Tk::Quote(_)));
        let shape = Shape { starts_clause, woven, continues: m.continues, in_title: false, named_word, after_quote };
        let mut kind = kind::classify(m.inner.slice(self.text), shape);
        let mut attr = attr;
        if attr.speaker.is_none() && kind == QuoteKind::Term {
            if let Some(p) = self.possessive_before(q, lo, bi) {
                attr = p;
            }
        }
        if kind == QuoteKind::Term && attr.rule == "quote-continues" {
            kind = QuoteKind::Direct;
        }
        // The name of a show, book or group, or a nickname: a term nobody said.
        if let Some(rule) = self.named_thing(q, starts_clause, m.inner) {
            kind = QuoteKind::Term;
            attr = Attr { speaker: None, mention: None, cue: None, rule };
        }
        if attr.speaker.is_some_and(|s| s >= self.known) {
            attr = Attr::none("no-attribution");
        }
        if let Some(s) = attr.speaker {
            self.coref.quoted(s);
        }
        let cont = if m.continues { self.open_piece } else { None };
        // A transcript line's words start after its speaker's label ("WALLACE: Let’s start" is
        // Wallace saying "Let’s start").
        let mut span = m.inner;
        if let (Some(name), "transcript-name") = (attr.mention, attr.rule) {
            let after = self.text.get(name.end..m.inner.end).unwrap_or("");
            if let Some(rest) = after.trim_start().strip_prefix(':') {
                let words = rest.trim_start();
                if words.chars().any(char::is_alphanumeric) {
                    span = Span::new(m.inner.end - words.len(), m.inner.end);
                }
            }
        }
        self.out.push(Quote {
            span,
            outer: m.outer,
            kind,
            cue: attr.cue.map(|span| Cue { span }),
            speaker: attr.speaker,
            mention: attr.mention,
            rule: attr.rule,
            block: bi,
        });
        self.cont_prev.push(cont);
        let named = matches!(attr.rule, "title-of-work" | "nickname");
        let subj = if attr.speaker.is_none() && !named {
            subject.and_then(|m| Some((self.resolve(m, bi).0?, self.mentions[m].span)))
        } else {
            None
        };
        self.subj_of.push(subj);
        self.out.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn attribute(
        &mut self,
        bi: usize,
        q: usize,
        qi: usize,
        a: usize,
        lo: usize,
        subject: Option<usize>,
        block_speaker: Option<(usize, Option<Span>)>,
    ) -> Attr {
        let n = self.toks.len();
        // The first cue found without a speaker, kept to report if nothing better turns up.
        let mut fallback: Option<Attr> = None;
        let keep = |at: Attr, fallback: &mut Option<Attr>| {
            if fallback.is_none() && at.cue.is_some() {
                *fallback = Some(at);
            }
        };
        // 1. A colon before the quote: "Wang said: “…”", "Caddell: “…”", "Kaine has adopted
        // the stance: “…”" (the clause's subject).
        if q > lo && self.toks[q - 1].is_punct(':') {
            let mut cue = None;
            // "to which O’Malley interjected: “…”", "with Trump reportedly yelling: “…”": a
            // person and a verb right before the colon, after any other cue.
            let before = self.cue_before(q - 1, lo, true);
            if let Some(m) = self.name_verb_before(q - 1, lo) {
                if before.is_none_or(|c| c.end <= self.mentions[m].first || c.first > self.mentions[m].last) {
                    let at = self.attr_of(m, None, "colon-name", bi);
                    if at.speaker.is_some() {
                        return at;
                    }
                }
            }
            if let Some(c) = before {
                if let Some(at) = self.speaker_of_cue(c, lo, a, q, bi) {
                    if at.speaker.is_some() {
                        return Attr { rule: rename(at.rule, "colon-intro"), ..at };
                    }
                    cue = at.cue;
                    if at.rule == "coordinated" {
                        if let Some(s) = self.clause_subject(c.first, a) {
                            let r = self.attr_of(s, at.cue, "colon-intro", bi);
                            if r.speaker.is_some() {
                                return r;
                            }
                        }
                    }
                    keep(at, &mut fallback);
                }
            }
            // "Caddell: “…”", "More from Jones: “…”", but not "contrasted Trump with Clinton: “…”"
            // or "later on CNN: “…”".
            if let Some(m) = q
                .checked_sub(2)
                .and_then(|k| self.mention_ending(k))
                .filter(|&m| !self.mentions[m].poss && (!self.after_preposition(m) || self.after_source_word(m)))
            {
                let at = self.attr_of(m, cue, "colon-name", bi);
                if at.speaker.is_some() {
                    return at;
                }
            }
            if let Some(s) = subject.filter(|&s| self.mentions[s].last < q) {
                let at = self.attr_of(s, cue, "colon-intro", bi);
                if at.speaker.is_some() {
                    return at;
                }
            }
        }
        let opens = self.opens_clause(q, lo);
        // 2. A quote opening its clause: the attribution right after it.
        if opens {
            if let Some(at) = self.right_after(q + 1, a, bi, "quote-cue-name", "quote-name-cue") {
                if at.speaker.is_some() {
                    return at;
                }
                keep(at, &mut fallback);
            }
            if let Some(at) = self.name_verb_after(q, bi) {
                return at;
            }
        }
        // 3. The nearest cue before the quote in its clause.
        if let Some(c) = self.cue_before(q, lo, false) {
            if let Some(at) = self.speaker_of_cue(c, lo, a, q, bi) {
                if at.speaker.is_some() {
                    return at;
                }
                if at.rule == "coordinated" {
                    if let Some(p) =
                        self.prev_quote_in_sentence(q, a).and_then(|p| self.out.get(p)).filter(|p| p.speaker.is_some())
                    {
                        return Attr { speaker: p.speaker, mention: p.mention, cue: at.cue, rule: "same-sentence" };
                    }
                    // "After saying her foot was “so swollen,” she was …": the main clause's
                    // subject follows the quote.
                    let opener = c.first > 0 && self.toks[c.first - 1].has(flag::SUBORDINATORS | flag::INTRO);
                    let ahead = if opener { self.subject_after(q) } else { None };
                    if let Some(s) = ahead.or_else(|| self.clause_subject(c.first, a)) {
                        let r = self.attr_of(s, at.cue, "clause-subject", bi);
                        if r.speaker.is_some() {
                            return r;
                        }
                    }
                    keep(Attr { rule: "cue-without-speaker", ..at }, &mut fallback);
                } else {
                    keep(at, &mut fallback);
                }
            }
        }
        // 4. The attribution right after the quote, or after a later comma of the sentence.
        let prev_in_sentence = self
            .prev_quote_in_sentence(q, a)
            .and_then(|p| self.out.get(p))
            .filter(|p| p.speaker.is_some())
            .map(|p| (p.speaker, p.mention));
        if !opens {
            if let Some(at) = self.right_after(q + 1, a, bi, "quote-cue-name", "quote-name-cue") {
                // "according to Bloomberg" after a sentence whose speaker is known names the
                // source of the report, not a new speaker.
                if let (Some((speaker, mention)), "according-to") = (prev_in_sentence, at.rule) {
                    return Attr { speaker, mention, cue: at.cue, rule: "same-sentence" };
                }
                if at.speaker.is_some() {
                    return at;
                }
                keep(at, &mut fallback);
            }
        }
        let stop = n.min(q + MAX_LOOK_AHEAD);
        let mut t = q + 1;
        while t < stop {
            let tok = self.toks[t];
            if tok.is_terminal() || matches!(tok.kind, Tk::Quote(_)) {
                break;
            }
            if tok.is_punct(',') || tok.is_punct('—') || tok.is_punct('–') {
                if let Some(at) = self.right_after(t + 1, a, bi, "sentence-cue", "sentence-cue") {
                    if at.speaker.is_some() {
                        return at;
                    }
                }
            }
            t += 1;
        }
        // 5. The previous quote of the same sentence.
        if let Some(p) = self.prev_quote_in_sentence(q, a).and_then(|p| self.out.get(p)).filter(|p| p.speaker.is_some())
        {
            return Attr {
                speaker: p.speaker,
                mention: p.mention,
                cue: fallback.and_then(|f| f.cue),
                rule: "same-sentence",
            };
        }
        // 6. A speech noun of a possessive name in the sentence: "One of Wang’s points was a
        // demand for all parties to “…”".
        if fallback.is_none() {
            if let Some(at) = self.possessive_speech(a, q, bi) {
                return at;
            }
        }
        // 7. A quote whose sentence names no speaker.
        if fallback.is_none() && !self.sentence_has_cue(a, q) {
            if self.quotes[qi].continues {
                if let Some(p) = self.open_piece.and_then(|p| self.out.get(p)).filter(|p| p.speaker.is_some()) {
                    return Attr { speaker: p.speaker, mention: p.mention, cue: None, rule: "quote-continues" };
                }
            }
            if let Some((s, m)) = block_speaker {
                return Attr { speaker: Some(s), mention: m, cue: None, rule: "same-paragraph" };
            }
            let alone = q == a || (lo..q).all(|t| !self.toks[t].is_word());
            if alone {
                if let Some(at) = self.previous_sentence_cue(a, bi) {
                    return at;
                }
                // "Trump attacked Rubio on trade. “He is weak on China.”": a quote standing as
                // its own sentence after a sentence about a named person or organisation.
                if let Some(at) = self.previous_sentence_subject(a, q, bi) {
                    return at;
                }
                let quote_only = !self.block_has_words && !matches!(self.toks.first().map(|t| t.kind), Some(Tk::Word));
                if quote_only {
                    if let Some((s, m)) = self.pending_colon {
                        return Attr { speaker: Some(s), mention: m, cue: None, rule: "colon-intro" };
                    }
                    if let Some((s, m)) = self.prev_block_speaker {
                        return Attr { speaker: Some(s), mention: m, cue: None, rule: "paragraph-continues" };
                    }
                    if let Some((s, m)) = self.prev_block_cue {
                        return Attr { speaker: Some(s), mention: m, cue: None, rule: "previous-paragraph-cue" };
                    }
                }
            }
        }
        fallback.unwrap_or(Attr::none("no-attribution"))
    }

    /// Does the sentence starting at token `a` hold a verb of saying anywhere (outside quotes)?
    fn sentence_has_cue(&self, a: usize, q: usize) -> bool {
        let n = self.toks.len();
        let mut t = a;
        while t < n && t < a + 2 * MAX_LOOK_AHEAD {
            if t > q && self.sent_lo[t] as usize != a {
                break;
            }
            if self.cue(t).is_some_and(|c| c.tier == Tier::Safe) {
                return true;
            }
            t += 1;
        }
        false
    }

    /// "“Your reputation is amazing,” Trump assured Jones": a name and a past-tense verb right
    /// after a quote that opens its sentence, the reporter's convention for attribution even with
    /// a verb the lexicon does not list.
    fn name_verb_after(&self, q: usize, bi: usize) -> Option<Attr> {
        let inner = self.quotes.get(match self.toks[q].kind {
            Tk::Quote(qi) => qi,
            _ => return None,
        })?;
        let t = inner.inner.slice(self.text).trim_end();
        if !t.ends_with([',', '?', '!', '—']) {
            return None;
        }
        let past = |v: &Tok| {
            let w = v.span.slice(self.text);
            v.is_word() && !v.cap && w.len() > 3 && (w.ends_with("ed") || v.has(flag::IRREGULAR_PAST))
        };
        // "“…,” remembered Roy Verley"
        if let Some(v) = self.toks.get(q + 1).filter(|v| past(v)) {
            if let Some(m) = self.mention_starting(q + 2).filter(|&m| self.mentions[m].kind == MKind::Person) {
                return Some(self.attr_of(m, Some(v.span), "quote-verb-name", bi));
            }
        }
        let m = self.mention_starting(q + 1)?;
        if !matches!(self.mentions[m].kind, MKind::Person | MKind::Org | MKind::Pronoun(names::Pron::Person)) {
            return None;
        }
        let v = self.toks.get(self.mentions[m].last + 1)?;
        if !past(v) {
            return None;
        }
        Some(self.attr_of(m, Some(v.span), "quote-name-verb", bi))
    }

    /// A person right before a past tense or a participle ending at token `colon` ("O’Malley
    /// interjected", "Trump reportedly yelling"), adverbs between.
    fn name_verb_before(&self, colon: usize, lo: usize) -> Option<usize> {
        let v = colon.checked_sub(1).filter(|&v| v > lo)?;
        let verb = &self.toks[v];
        let w = verb.span.slice(self.text);
        let verb_like = w.len() > 3 && (w.ends_with("ed") || w.ends_with("ing") || verb.has(flag::IRREGULAR_PAST));
        if !verb.is_word() || verb.cap || !verb_like {
            return None;
        }
        // Adverbs only ("reportedly"): "Christie was thinking" reports no words.
        let mut k = v;
        while k > lo
            && k + 3 > v
            && self.toks[k - 1].is_word()
            && self.toks[k - 1].span.slice(self.text).ends_with("ly")
        {
            k -= 1;
        }
        let m = self.mention_ending(k.checked_sub(1)?)?;
        let mm = &self.mentions[m];
        (mm.kind == MKind::Person && !mm.poss && !self.addressed(m) && mm.first >= lo).then_some(m)
    }

    /// A quoted transcript line names its own speaker: “WALLACE: Let’s start …” (rule
    /// `transcript-name`): one to three capitalised words, the first in capitals, and a colon.
    fn transcript_speaker(&mut self, inner: Span, bi: usize) -> Option<Attr> {
        let t = inner.slice(self.text);
        let lead = t.len() - t.trim_start().len();
        // A speaker's name of at most 40 bytes, then a colon: look no further for the colon.
        let colon = t.as_bytes().get(lead..)?.iter().take(41).position(|&b| b == b':')?;
        let head = t.get(lead..lead + colon)?;
        if head.len() > 40 {
            return None;
        }
        let words: Vec<&str> = head.split_whitespace().collect();
        let caps = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
        if words.is_empty() || words.len() > 2 || !caps(words[words.len() - 1]) {
            return None;
        }
        // Labels of the page, not speakers: "VIDEO: …", "UPDATE: …".
        const LABELS: &[&str] =
            &["AUDIO", "BREAKING", "CAPTION", "EXCLUSIVE", "NOTE", "PHOTO", "UPDATE", "VIDEO", "WATCH"];
        if LABELS.contains(&words[words.len() - 1]) {
            return None;
        }
        let start = inner.start + lead;
        let name = Span::new(start, start + head.trim_end().len());
        let mention = Mention {
            first: 0,
            last: 0,
            span: name,
            name: Span::new(start + head.rfind(words[words.len() - 1]).unwrap_or(0), name.end),
            role: None,
            appos_end: None,
            kind: MKind::Person,
            poss: false,
            words: 1,
            place: false,
        };
        let e = self.coref.name(self.text, &mention)?;
        let _ = bi;
        Some(Attr { speaker: Some(e), mention: Some(name), cue: None, rule: "transcript-name" })
    }

    /// A quote that names a thing rather than reporting words: a Title Case title after a
    /// preposition, an article or a possessive ("appeared on “Meet the Press”", "MSNBC's “Morning
    /// Joe”": `title-of-work`), or one or two capitalised words inside a name ("Marcia “Cia”
    /// Price": `nickname`).
    fn named_thing(&self, q: usize, starts_clause: bool, inner: Span) -> Option<&'static str> {
        let prev = q.checked_sub(1).map(|p| self.toks[p]);
        let next = self.toks.get(q + 1);
        let text = inner.slice(self.text).trim();
        // Compared with 2 and 6 only: counting stops at 7. Counted only when the other tests pass.
        let words = || crate::article::scan::words(text).take(7).count();
        let capital = text.starts_with(|c: char| c.is_uppercase());
        let bare = !text.ends_with(['.', ',', '!', '?']);
        if capital
            && bare
            && prev.is_some_and(|p| p.is_word() && p.cap)
            && next.is_some_and(|n| n.is_word() && n.cap)
            && words() <= 2
        {
            return Some("nickname");
        }
        // Shows and books are "on" or "in" something, or an outlet's ("MSNBC's “Morning Joe”").
        let owner_is_org = q >= 1 && self.mention_ending(q - 1).is_some_and(|m| self.mentions[m].kind == MKind::Org);
        let before_title = prev.is_some_and(|p| {
            p.is_word() && ((p.poss && owner_is_org) || matches!(p.span.slice(self.text), "on" | "in" | "On" | "In"))
        });
        (!starts_clause
            && before_title
            && words() <= 6
            && kind::title_case(text.trim_end_matches(['.', ',', '!', '?'])))
        .then_some("title-of-work")
    }

    /// Does the quote open its clause (nothing but conjunctions or punctuation before it)?
    fn opens_clause(&self, q: usize, lo: usize) -> bool {
        (lo..q).all(|t| {
            let tok = &self.toks[t];
            !tok.is_word() || tok.has(flag::CONJ)
        })
    }

    /// Kind shape: the quote opens a clause (sentence start, after a colon or dash, after "said,").
    fn starts_clause(&self, q: usize, lo: usize) -> bool {
        if self.opens_clause(q, lo) {
            return true;
        }
        let Some(prev) = q.checked_sub(1).map(|p| self.toks[p]) else { return true };
        if matches!(prev.kind, Tk::Punct(':' | '—' | '–' | '(')) {
            return true;
        }
        if prev.is_punct(',') && q >= 2 {
            let before = q - 2;
            let cue_ends =
                (before.saturating_sub(3)..=before).any(|c| self.cue(c).is_some_and(|h| h.end == before + 1));
            return cue_ends || self.ment_end[before] != NONE;
        }
        false
    }

    /// A cue or a weaving word just before the quote ("called it a", "said it is").
    fn woven(&self, q: usize, lo: usize) -> bool {
        let Some(p) = q.checked_sub(1) else { return false };
        if p < lo {
            return false;
        }
        if self.toks[p].is_word() && self.toks[p].has(flag::WEAVING) {
            return true;
        }
        (p.saturating_sub(3).max(lo)..=p).any(|c| self.cue(c).is_some())
    }

    /// The nearest cue before token `q` in its clause (from `lo`). Near-tier cues only within
    /// [`NEAR_WINDOW`] tokens unless `any_tier`. A cue word after a possessive or an article is
    /// a noun ("Rubio’s proposed credit", "his claims") and is passed over.
    fn cue_before(&self, q: usize, lo: usize, any_tier: bool) -> Option<CueHit> {
        let floor = lo.max(q.saturating_sub(MAX_LOOK_BACK));
        let mut t = q;
        while t > floor {
            t -= 1;
            let Some(mut c) = self.cue(t) else { continue };
            if c.end > q {
                continue;
            }
            // A longer cue starting just before ("said in a statement" around "in a statement").
            for k in 1..=2 {
                if let Some(longer) = t.checked_sub(k).filter(|&s| s >= floor).and_then(|s| self.cue(s)) {
                    if longer.end >= c.end && longer.end <= q {
                        c = longer;
                    }
                }
            }
            if c.form == Form::Circumstance {
                // "in a statement" names no speaker: look for the verb before it.
                if let Some(v) =
                    (floor..c.first).rev().take(3).find_map(|s| self.cue(s).filter(|h| h.form == Form::Verb))
                {
                    return Some(v);
                }
            }
            if c.tier == Tier::Near && !any_tier && q - c.end > NEAR_WINDOW {
                continue;
            }
            if c.first > 0 && self.noun_position(c.first - 1) {
                continue;
            }
            // A cue inside a subordinate clause closed before the quote ("When Sanders said …,
            // he “…,” said Heiserman") is not the quote's.
            if (c.end..q.saturating_sub(1)).any(|k| self.toks[k].is_punct(','))
                && self.in_subordinate_clause(floor, c.first)
            {
                continue;
            }
            // "Americans will say “no”": a cue under a modal is not an act of saying.
            if c.first > 0 && self.toks[c.first - 1].is_word() && self.toks[c.first - 1].has(flag::MODALS) {
                continue;
            }
            // "a young woman who suggested that …": a relative clause's verb is not the quote's cue.
            if c.first > 0 && self.toks[c.first - 1].is_word() && self.toks[c.first - 1].has(flag::RELATIVES) {
                continue;
            }
            return Some(c);
        }
        None
    }

    /// Does a subordinator ("when", "after") open the clause that token `t` is in, with no comma
    /// closing it before `t`?
    fn in_subordinate_clause(&self, floor: usize, t: usize) -> bool {
        for k in (floor..t).rev() {
            let tok = &self.toks[k];
            if matches!(tok.kind, Tk::Punct(',' | '—' | '–' | '―')) {
                return false;
            }
            if tok.is_word() && tok.has(flag::SUBORDINATORS) {
                return true;
            }
        }
        false
    }

    /// Is token `t` a possessive or an article, so that the word after it is a noun?
    fn noun_position(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        tok.is_word() && (tok.poss || tok.has(flag::NOUN_OPENERS))
    }

    /// The speaker of a cue before a quote at token `q`: "according to X", "explained Rosenberg,
    /// “…”", the cue's subject, or `coordinated` when the subject is elided.
    fn speaker_of_cue(&self, c: CueHit, lo: usize, a: usize, q: usize, bi: usize) -> Option<Attr> {
        let cue = self.cue_span(c);
        if c.form == Form::AccordingTo {
            let m = self.name_after(c.end)?;
            return Some(self.attr_of(m, Some(cue), "according-to", bi));
        }
        // A name right after the cue and closed by a comma or colon: "explained Rosenberg, “…”",
        // or a parenthetical between commas: "The paradox, says Carl Anthony, historian at …, is
        // that she was “…”".
        let after = self.mention_starting(c.end).filter(|&m| self.is_name(m) && !self.mentions[m].poss).filter(|&m| {
            let mm = &self.mentions[m];
            let end = mm.appos_end.unwrap_or(mm.last + 1);
            end < q && matches!(self.toks[end].kind, Tk::Punct(',' | ':'))
        });
        let inverted = c.first > 0 && self.toks[c.first - 1].is_punct(',') && c.form == Form::Verb;
        if let Some(m) = after.filter(|_| inverted) {
            return Some(self.attr_of(m, Some(cue), "cue-name-quote", bi));
        }
        Some(match self.subject_before(c, lo, a) {
            Subj::Found(m) => self.attr_of(m, Some(cue), "name-cue-quote", bi),
            _ if after.is_some_and(|m| {
                let mm = &self.mentions[m];
                mm.appos_end.unwrap_or(mm.last + 1) + 1 == q
            }) =>
            {
                self.attr_of(after.unwrap_or_default(), Some(cue), "cue-name-quote", bi)
            }
            Subj::Coordinated => Attr { speaker: None, mention: None, cue: Some(cue), rule: "coordinated" },
            Subj::None => Attr { speaker: None, mention: None, cue: Some(cue), rule: "cue-without-speaker" },
        })
    }

    /// The name after a cue ("according to conservative talk radio host Rush Limbaugh", "said
    /// 9/11 widow Terry Strada", "said the bureau's director, James B. Comey"), past lowercase
    /// words of a role, to the last name of a chain.
    fn name_after(&self, u: usize) -> Option<usize> {
        let n = self.toks.len();
        let mut k = u;
        while k < n.min(u + 6) && self.mention_starting(k).is_none() {
            let tok = &self.toks[k];
            // "said GOP strategist Keith Nahigian": a capitalised title word that makes no mention.
            let desc_word =
                (tok.is_word() && (!tok.cap || tok.has(flag::ROLE_CAPS))) || matches!(tok.kind, Tk::Punct('/' | '-'));
            let comma_name = tok.is_punct(',')
                && self.mention_starting(k + 1).is_some_and(|m| self.mentions[m].kind == MKind::Person);
            if !(desc_word || comma_name) {
                return None;
            }
            k += 1;
        }
        self.mention_starting(k).map(|m| self.chain_end(m))
    }

    /// Is mention `m` the object of "to", "at" or "for" ("a letter to Lynch", "yelled at
    /// Ortiz"), not of "of", "from" or "with" ("footage of Clinton asking", "with Trump saying")?
    fn addressed(&self, m: usize) -> bool {
        let first = self.mentions[m].first;
        first > 0 && {
            let t = &self.toks[first - 1];
            t.is_word() && lookup(&["at", "for", "to", "toward", "towards"], t.span.slice(self.text))
        }
    }

    /// Is mention `m` right after "from" or "by", which name a source ("More from Jones")?
    fn after_source_word(&self, m: usize) -> bool {
        let first = self.mentions[m].first;
        first > 0 && {
            let t = &self.toks[first - 1];
            t.is_word() && lookup(&["by", "from"], t.span.slice(self.text))
        }
    }

    /// Is mention `m` a name (person or organisation)?
    fn is_name(&self, m: usize) -> bool {
        matches!(self.mentions[m].kind, MKind::Person | MKind::Org)
    }

    /// Is mention `m` right after a preposition ("speaking to Fox News", "of Republicans")?
    fn after_preposition(&self, m: usize) -> bool {
        let first = self.mentions[m].first;
        first > 0 && {
            let t = &self.toks[first - 1];
            t.is_word() && t.has(flag::PREPOSITIONS)
        }
    }

    /// The last of a chain of names joined by roles: "Sanders campaign manager Jeff Weaver".
    fn chain_end(&self, m: usize) -> usize {
        let mut m = m;
        // "said Florida’s Rick Wilson": a possessive right before a person's full name is not the
        // speaker ("Yildirim's LinkedIn page" names no one).
        if self.mentions[m].poss {
            if let Some(n) = self.mention_starting(self.mentions[m].last + 1) {
                if self.mentions[n].kind == MKind::Person && self.mentions[n].words >= 2 {
                    m = n;
                }
            }
        }
        for _ in 0..3 {
            let mut u = self.mentions[m].last + 1;
            let mut roles = 0;
            while u < self.toks.len()
                && roles < 3
                && !self.toks[u].cap
                && self.toks[u].is_word()
                && names::is_role_lower(self.toks[u].span.slice(self.text))
            {
                u += 1;
                roles += 1;
            }
            match self.mention_starting(u) {
                Some(n)
                    if self.mentions[n].kind == MKind::Person
                        && (roles > 0 || self.mentions[m].kind != MKind::Person) =>
                {
                    m = n
                }
                _ => break,
            }
        }
        m
    }

    /// The subject of a cue: the mention right before it (past adverbs, times, an apposition or
    /// a parenthesis), or the sentence's subject when a comma-delimited aside stands between.
    fn subject_before(&self, c: CueHit, lo: usize, a: usize) -> Subj {
        let floor = lo.max(c.first.saturating_sub(MAX_LOOK_BACK));
        if c.form == Form::Participle {
            // "footage of Hillary Clinton asking, “…”": a person right before the participle.
            // "wrote a letter to Attorney General Loretta Lynch asking …": the addressee of a
            // letter or call asks nothing; the clause's subject does.
            if let Some(m) = c.first.checked_sub(1).filter(|&k| k >= floor).and_then(|k| self.mention_ending(k)) {
                if self.mentions[m].kind == MKind::Person && !self.mentions[m].poss && !self.addressed(m) {
                    return Subj::Found(m);
                }
            }
            // "…, Nefzi said, adding, “…”": the participle goes with the verb of saying before its
            // comma, and so does its subject.
            if let Some(comma) = c.first.checked_sub(1).filter(|&k| k > floor && self.toks[k].is_punct(',')) {
                let said = (comma.saturating_sub(4).max(floor)..comma)
                    .filter_map(|k| self.cue(k))
                    .find(|h| h.end == comma && h.form == Form::Verb && h.tier == Tier::Safe);
                if let Some(Subj::Found(m)) = said.map(|h| self.subject_before(h, lo, a)) {
                    return Subj::Found(m);
                }
            }
            return Subj::Coordinated;
        }
        let mut j = c.first;
        while j > floor && self.skippable(j - 1) {
            j -= 1;
        }
        if j == floor {
            let after_quote = lo > 0 && floor == lo && matches!(self.toks[lo - 1].kind, Tk::Quote(_));
            return if after_quote { Subj::Coordinated } else { Subj::None };
        }
        let t = j - 1;
        if self.toks[t].is_word() && self.toks[t].span.slice(self.text).eq_ignore_ascii_case("to") {
            return Subj::Coordinated; // "went on to say": the clause's subject
        }
        if let Some(m) = self.mention_ending(t) {
            if self.mentions[m].poss {
                return Subj::None;
            }
            if self.after_preposition(m) {
                // "Joel Pollak of Breitbart California observed": the person before "of".
                let first = self.mentions[m].first;
                let of = first >= 2
                    && self.toks[first - 1].is_word()
                    && lookup(&["at", "from", "of", "with"], self.toks[first - 1].span.slice(self.text));
                if let Some(p) = self
                    .mention_ending(first.saturating_sub(2))
                    .filter(|&p| of && self.mentions[p].kind == MKind::Person && !self.mentions[p].poss)
                {
                    return Subj::Found(p);
                }
                return Subj::Coordinated;
            }
            // "Stacy Baker of Columbia, South Carolina says": a place closing an address.
            let first = self.mentions[m].first;
            if self.mentions[m].place && first > 0 && self.toks[first - 1].is_punct(',') {
                if let Some(s) = self.subject(a.max(floor), first).filter(|&s| self.mentions[s].kind == MKind::Person) {
                    return Subj::Found(s);
                }
            }
            return Subj::Found(m);
        }
        let tok = self.toks[t];
        // An aside between dashes: "Jason Sims — a teacher from Mount Pleasant — says".
        if matches!(tok.kind, Tk::Punct('—' | '–' | '―')) {
            let open = (floor..t).rev().take(30).find(|&k| matches!(self.toks[k].kind, Tk::Punct('—' | '–' | '―')));
            if let Some(m) = open.and_then(|o| o.checked_sub(1)).and_then(|k| self.mention_ending(k)) {
                if !self.mentions[m].poss {
                    return Subj::Found(m);
                }
            }
        }
        if tok.is_punct(')') {
            let open = (floor..t).rev().take(15).find(|&k| self.toks[k].is_punct('('));
            if let Some(m) = open.and_then(|o| o.checked_sub(1)).and_then(|k| self.mention_ending(k)) {
                return Subj::Found(m);
            }
        }
        if tok.is_punct(',') {
            // The sentence's subject before an aside: "Clinton, during a town hall in Columbus,
            // Ohio, said", "Donna Rawlings, 59, of Ashton, Md., who watched …, said".
            if let Some(s) =
                self.subject(a.max(floor), t).filter(|&s| self.mentions[s].last < t && self.reaches_comma(s, t))
            {
                return Subj::Found(s);
            }
            // An apposition: "Stoltenberg, NATO’s secretary general, said".
            if let Some(m) = self.mentions.iter().rposition(|m| m.appos_end == Some(t)) {
                if !self.after_preposition(m) {
                    return Subj::Found(m);
                }
            }
            let prev_comma = (floor..t).rev().take(25).find(|&k| self.toks[k].is_punct(','));
            let before = prev_comma.and_then(|k| k.checked_sub(1)).and_then(|k| self.mention_ending(k));
            // "the presumptive nominee, Donald Trump, tweeted": the name inside the commas.
            let mut k = t.checked_sub(1);
            if let Some(close) = k.filter(|&k| self.toks[k].is_punct(')')) {
                k = (floor..close).rev().take(15).find(|&j| self.toks[j].is_punct('(')).and_then(|o| o.checked_sub(1));
            }
            let inside = k.and_then(|k| self.mention_ending(k)).filter(|&m| {
                self.is_name(m) && Some(self.mentions[m].first) > prev_comma && !self.after_preposition(m)
            });
            if let Some(m) = inside.filter(|_| before.is_none_or(|b| !self.is_name(b))) {
                return Subj::Found(m);
            }
            if let Some(m) = before.filter(|&b| !self.mentions[b].poss && !self.after_preposition(b)) {
                return Subj::Found(m);
            }
            return Subj::Coordinated;
        }
        if tok.has(flag::COORDINATORS) {
            return Subj::Coordinated;
        }
        Subj::None
    }

    /// The subject of the clause a cue at token `c` belongs to when its own subject is elided
    /// ("as Trump denounced … and pledged to", "Wang has … indicated …, and claimed"): the mention
    /// opening the nearest enclosing clause, else the sentence's subject.
    fn clause_subject(&self, c: usize, a: usize) -> Option<usize> {
        let floor = a.max(c.saturating_sub(MAX_LOOK_BACK));
        let mut k = c;
        while k > floor {
            k -= 1;
            let tok = &self.toks[k];
            let boundary = tok.is_punct(';') || (tok.is_word() && tok.has(flag::SUBORDINATORS));
            if !boundary {
                continue;
            }
            // A clause closed by a comma before the cue ("After Putin met Xi, China … demanded")
            // is not the cue's clause.
            if (k + 1..c).any(|j| self.toks[j].is_punct(',')) {
                continue;
            }
            if let Some(m) =
                self.mention_starting(k + 1).filter(|&m| self.mentions[m].last < c && self.can_be_subject(m))
            {
                return Some(m);
            }
        }
        self.subject_of(a, c.max(a + 1), true)
    }

    /// The first mention after the quote at token `q`, in its sentence and within a few words,
    /// that can be a subject: the main clause after an introductory participle.
    fn subject_after(&self, q: usize) -> Option<usize> {
        let n = self.toks.len();
        (q + 1..n.min(q + 6))
            .take_while(|&t| !self.toks[t].is_terminal())
            .find_map(|t| self.mention_starting(t))
            .filter(|&m| self.can_be_subject(m))
    }

    /// Can mention `m` be the subject of a clause (not a possessive, an object or the writer)?
    fn can_be_subject(&self, m: usize) -> bool {
        let mm = &self.mentions[m];
        !mm.poss
            && !self.after_preposition(m)
            && !matches!(mm.kind, MKind::Pronoun(names::Pron::First) | MKind::Nominal(names::Nom::Thing))
    }

    /// Does mention `s` run up to the comma at token `t` through only a qualifier ("of Oklahoma",
    /// "(R-Wis.)") and then an aside without its own verb of saying?
    fn reaches_comma(&self, s: usize, t: usize) -> bool {
        let mut u = self.mentions[s].last + 1;
        if u < t && self.toks[u].is_word() && lookup(&["from", "of"], self.toks[u].span.slice(self.text)) {
            u += 1;
            while u < t && self.toks[u].is_word() && self.toks[u].cap {
                u += 1;
            }
        }
        if u < t && self.toks[u].is_punct('(') {
            while u < t && !self.toks[u].is_punct(')') {
                u += 1;
            }
            u += 1;
        }
        u < t && self.toks[u].is_punct(',') && !(u + 1..t).any(|k| self.cue(k).is_some_and(|c| c.tier == Tier::Safe))
    }

    /// A word that may stand between a subject and its cue.
    fn skippable(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        if !tok.is_word() {
            return false;
        }
        let w = tok.span.slice(self.text);
        if w.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        if tok.cap {
            tok.has(flag::TIME_CAPS)
        } else {
            tok.has(flag::SKIP) || (w.len() > 4 && w.ends_with("ly"))
        }
    }

    /// The attribution right after a quote, starting at token `t`: "said Wang", "Wang said",
    /// "European Commission spokesman Peter Stano said", "according to Wang".
    fn right_after(
        &self,
        t: usize,
        a: usize,
        bi: usize,
        cue_name: &'static str,
        name_cue: &'static str,
    ) -> Option<Attr> {
        let n = self.toks.len();
        let mut t = t;
        let mut skipped = 0;
        while t < n
            && skipped < 3
            && matches!(self.toks[t].kind, Tk::Punct(',' | '—' | '–' | '―' | '-' | '”' | '"' | '’'))
        {
            t += 1;
            skipped += 1;
        }
        if t >= n || self.toks[t].is_terminal() || matches!(self.toks[t].kind, Tk::Quote(_)) {
            return None;
        }
        // "“…” ― Steve Quinlan": a dash and a name closing the sentence credit the quote.
        if t > 0
            && matches!(self.toks[t - 1].kind, Tk::Punct('—' | '–' | '―' | '-'))
            && !matches!(self.toks[t - 1].kind, Tk::Quote(_))
        {
            if let Some(m) = self.mention_starting(t).filter(|&m| self.is_name(m)) {
                let after = self.toks.get(self.mentions[m].last + 1);
                if after.is_none_or(|x| x.is_terminal() || matches!(x.kind, Tk::Quote(_) | Tk::Punct('(' | ',' | '/')))
                {
                    return Some(self.attr_of(m, None, "dash-credit", bi));
                }
            }
        }
        // "said Wang", "said the senior diplomat", "said a person close to the Clintons"
        if let Some(c) = self.cue(t) {
            let cue = self.cue_span(c);
            if c.form == Form::AccordingTo {
                let m = self.name_after(c.end)?;
                return Some(self.attr_of(m, Some(cue), "according-to", bi));
            }
            // "…, saying they had …": after a participle comes what was said, not who said it.
            if matches!(c.form, Form::Circumstance | Form::Participle) {
                return None;
            }
            let mut u = c.end;
            while u < n && self.skippable(u) && self.mention_starting(u).is_none() {
                u += 1;
            }
            if u < n && self.toks[u].is_word() && self.toks[u].has(flag::INDEFINITE) {
                return Some(Attr { speaker: None, mention: None, cue: Some(cue), rule: "description" });
            }
            return Some(match self.name_after(u) {
                Some(m) => self.attr_of(m, Some(cue), cue_name, bi),
                None => Attr { speaker: None, mention: None, cue: Some(cue), rule: "cue-without-speaker" },
            });
        }
        // "Wang said", "the ACU said", "his wife, Gabriela Lazar, wrote", "warm-and-fuzzy Trump said"
        // A quote that ends its sentence is not attributed by the next sentence's subject.
        if t > 0 && self.sent_lo[t] as usize == t && matches!(self.toks[t - 1].kind, Tk::Quote(_)) {
            return None;
        }
        let start = t;
        while t < n.min(start + 3)
            && self.mention_starting(t).is_none()
            && self.toks[t].is_word()
            && !self.toks[t].cap
            && !self.toks[t].has(flag::PREPOSITIONS)
            && !self.toks[t].has(flag::CONJ)
            && self.cue(t).is_none()
            && (t + 1..n.min(start + 4)).any(|k| self.mention_starting(k).is_some())
        {
            t += 1;
        }
        let m = match self.mention_starting(t) {
            Some(m) => m,
            None if self.toks[t].has(flag::ARTICLES) => self.mention_starting(t + 1)?,
            None => return None,
        };
        let stop = n.min(self.mentions[m].last + 24);
        let mut u = self.mentions[m].last + 1;
        let mut commas = 0;
        while u < stop {
            let tok = self.toks[u];
            let nickname = match tok.kind {
                Tk::Quote(qi) => self
                    .quotes
                    .get(qi)
                    .is_some_and(|x| crate::article::scan::words(x.inner.slice(self.text)).nth(2).is_none()),
                _ => false,
            };
            if tok.is_terminal() || (matches!(tok.kind, Tk::Quote(_)) && !nickname) || tok.is_punct(':') {
                return None;
            }
            if tok.is_punct(',') {
                commas += 1;
                if commas > 5 {
                    return None;
                }
            }
            if let Some(c) = self.cue(u).filter(|c| {
                (c.form == Form::Verb && (c.tier == Tier::Safe || u == self.mentions[m].last + 1))
                    || c.form == Form::AsSaying
            }) {
                if u > 0 && self.noun_position(u - 1) {
                    return None;
                }
                // "“…” that Sanders can win, said Steve Elmendorf": an inverted cue's speaker
                // follows it; the words before the comma are part of what was said ("told" names
                // who was told).
                let told = lookup(&["tell", "tells", "told"], self.toks[u].span.slice(self.text));
                if !told
                    && self.toks[u - 1].is_punct(',')
                    && self.mention_starting(c.end).is_some_and(|n| self.is_name(n) && !self.after_preposition(n))
                {
                    return None;
                }
                return match self.subject_before(c, start, a) {
                    Subj::Found(s) if self.mentions[s].first >= start && self.continues_subject(m, s) => {
                        Some(self.attr_of(s, Some(self.cue_span(c)), name_cue, bi))
                    }
                    _ => None,
                };
            }
            u += 1;
        }
        None
    }

    /// Is mention `s` the subject that mention `m` opens: `m` itself, or a name reached from it
    /// through roles, commas, parentheses and names ("Sanders campaign manager Jeff Weaver",
    /// "his wife, Gabriela Lazar")?
    fn continues_subject(&self, m: usize, s: usize) -> bool {
        if s == m {
            return true;
        }
        let (from, to) = (self.mentions[m].last + 1, self.mentions[s].first);
        let plain = |k: usize| {
            let tok = &self.toks[k];
            tok.is_word() && !tok.cap && !tok.has(flag::PREPOSITIONS | flag::CONJ) && self.cue(k).is_none()
        };
        to < from
            || (from..to).all(|k| {
                let tok = &self.toks[k];
                matches!(tok.kind, Tk::Punct(',' | '(' | ')'))
                    || (tok.is_word() && tok.cap)
                    || self.mention_ending(k).is_some()
                    || (to - from <= 4 && plain(k))
            })
    }

    /// The last quote before token `q` in the same sentence, as an index into `out`.
    fn prev_quote_in_sentence(&self, q: usize, a: usize) -> Option<usize> {
        // A title or nickname in between ("said on MSNBC's “Morning Joe,” adding, “…”") quotes
        // nobody: the quote before it is the previous one. Walks back only to the nearest quote
        // that is neither.
        let mut i = self.out.len();
        for t in (a..q).rev() {
            if matches!(self.toks[t].kind, Tk::Quote(_)) {
                i = i.checked_sub(1)?;
                if !matches!(self.out[i].rule, "title-of-work" | "nickname") {
                    return Some(i);
                }
            }
        }
        None
    }

    /// "Wang said the talks would resume. “We are optimistic.”": a Safe cue in the previous
    /// sentence of the paragraph, with a resolvable subject.
    fn previous_sentence_cue(&self, a: usize, bi: usize) -> Option<Attr> {
        if a == 0 {
            return None;
        }
        let pa = (self.sent_lo[a - 1] as usize).max(a.saturating_sub(MAX_LOOK_AHEAD));
        if (pa..a).any(|t| matches!(self.toks[t].kind, Tk::Quote(_))) {
            return None;
        }
        self.sentence_cue_speaker(pa, a, bi).map(|at| Attr { rule: "previous-sentence-cue", ..at })
    }

    /// The named subject of the previous sentence of the paragraph, when the quote at token `q`
    /// is all of its own sentence.
    fn previous_sentence_subject(&self, a: usize, q: usize, bi: usize) -> Option<Attr> {
        if a == 0 || q != a || self.toks.get(q + 1).is_some_and(|t| t.is_word() && !t.cap) {
            return None;
        }
        let pa = (self.sent_lo[a - 1] as usize).max(a.saturating_sub(MAX_LOOK_AHEAD));
        if (pa..a).any(|t| matches!(self.toks[t].kind, Tk::Quote(_))) {
            return None;
        }
        let m = self.subject(pa, a).filter(|&m| self.is_name(m))?;
        Some(self.attr_of(m, None, "previous-sentence-subject", bi)).filter(|x| x.speaker.is_some())
    }

    /// The speaker of the first Safe verb of saying in the sentence `pa..b`: its subject, or the
    /// name right after it ("…, said Alan Abramowitz").
    fn sentence_cue_speaker(&self, pa: usize, b: usize, bi: usize) -> Option<Attr> {
        let c = (pa..b).find_map(|t| self.cue(t).filter(|c| c.tier == Tier::Safe && c.form == Form::Verb))?;
        let cue = Some(self.cue_span(c));
        let m = match self.subject_before(c, pa, pa) {
            Subj::Found(m) => Some(m),
            _ => self.mention_starting(c.end).filter(|&m| self.is_name(m)),
        }?;
        Some(self.attr_of(m, cue, "previous-sentence-cue", bi)).filter(|x| x.speaker.is_some())
    }

    /// "One of Wang’s points was …", "His comments …": a possessive name or pronoun before a
    /// noun of speech in the quote's sentence, before the quote.
    fn possessive_speech(&self, a: usize, q: usize, bi: usize) -> Option<Attr> {
        for t in a.max(q.saturating_sub(MAX_LOOK_BACK))..q {
            let tok = &self.toks[t];
            if !tok.is_word() || !tok.has(flag::SPEECH_NOUNS) {
                continue;
            }
            // "Rubio’s catch phrase": one modifier may stand between.
            let m = t
                .checked_sub(1)
                .and_then(|p| self.mention_ending(p))
                .or_else(|| t.checked_sub(2).filter(|&p| p >= a).and_then(|p| self.mention_ending(p)));
            let Some(m) = m else { continue };
            let mm = &self.mentions[m];
            if mm.poss && matches!(mm.kind, MKind::Person | MKind::Org | MKind::Pronoun(names::Pron::Person)) {
                return Some(self.attr_of(m, None, "possessive-speech", bi)).filter(|x| x.speaker.is_some());
            }
        }
        None
    }

    /// "Wang’s “six-point plan”": a possessive name right before a term.
    fn possessive_before(&self, q: usize, lo: usize, bi: usize) -> Option<Attr> {
        let p = q.checked_sub(1).filter(|&p| p >= lo)?;
        let m = self.mention_ending(p)?;
        let mm = self.mentions[m];
        if !mm.poss || !matches!(mm.kind, MKind::Person | MKind::Org | MKind::Pronoun(names::Pron::Person)) {
            return None;
        }
        Some(self.attr_of(m, None, "possessive", bi)).filter(|a| a.speaker.is_some())
    }

    /// The subject of the sentence `a..b`: the first mention after conjunctions, introductory
    /// phrases ("In January, President Xi …") and a few modifiers ("76-year-old Morton Blackwell").
    /// Is token `k` a quotation ending in a comma (`On “Face the Nation,” Sanders said`)?
    fn quote_ends_with_comma(&self, k: usize) -> bool {
        match self.toks[k].kind {
            Tk::Quote(qi) => self.quotes.get(qi).is_some_and(|q| q.inner.slice(self.text).trim_end().ends_with(',')),
            _ => false,
        }
    }

    fn subject(&self, a: usize, b: usize) -> Option<usize> {
        self.subject_of(a, b, false)
    }

    /// The subject of the sentence from token `a` to `b`; with `past_intro`, also after an
    /// introductory phrase [`Engine::after_intro_phrase`] finds.
    fn subject_of(&self, a: usize, b: usize, past_intro: bool) -> Option<usize> {
        let mut t = a;
        let word = |t: usize, f: u64| self.toks.get(t).is_some_and(|x| x.has(f));
        for _ in 0..3 {
            while t < b && (word(t, flag::CONJ) || self.toks[t].is_punct(',')) {
                t += 1;
            }
            let participle =
                self.toks.get(t).is_some_and(|x| x.is_word() && x.cap && x.span.slice(self.text).ends_with("ing"));
            if t < b && (word(t, flag::INTRO) || participle) && self.mention_starting(t).is_none() {
                match (t..b.min(t + 30)).find(|&k| self.toks[k].is_punct(',') || self.quote_ends_with_comma(k)) {
                    Some(c) => t = c + 1,
                    None => break,
                }
            } else {
                break;
            }
        }
        // A dateline: "WASHINGTON (AFP) – Democrat Hillary Clinton has …".
        if let Some(d) = (t..b.min(t + 8)).find(|&k| matches!(self.toks[k].kind, Tk::Punct('—' | '–' | '―' | '-')))
        {
            if (t..d).all(|k| {
                !self.toks[k].is_word()
                    || self.toks[k].cap
                    || self.toks[k].span.slice(self.text).starts_with(|c: char| c.is_ascii_digit())
            }) {
                t = d + 1;
            }
        }
        // An address closing an introduction: "Speaking in Salem, New Hampshire, Trump …".
        if t > a && self.toks[t - 1].is_punct(',') {
            if let Some(m) = self.mention_starting(t).filter(|&m| self.mentions[m].place) {
                let e = self.mentions[m].last + 1;
                if self.toks.get(e).is_some_and(|x| x.is_punct(',')) {
                    t = e + 1;
                }
            }
        }
        let mut k = t;
        while k < b.min(t + 4) && self.mention_starting(k).is_none() && {
            let tok = &self.toks[k];
            let w = tok.span.slice(self.text);
            tok.is_punct(',')
                || (tok.is_word() && tok.cap && tok.has(flag::TIME_CAPS))
                || (tok.is_word()
                    && !tok.cap
                    && (w.contains('-') || w.starts_with(|c: char| c.is_ascii_digit()) || names::is_role_lower(w)))
        } {
            k += 1;
        }
        // "Foreign Ministry spokesman Hua Chunying": the person the roles lead to.
        let first = match self.mention_starting(k) {
            Some(m) => m,
            None if past_intro => self.after_intro_phrase(t, b)?,
            None => return None,
        };
        let mut m = self.chain_end(first);
        // "His former business partner at Lenox, Lawrence B. Cummings, called": a description
        // named in an apposition.
        if matches!(self.mentions[m].kind, MKind::Nominal(_) | MKind::Pronoun(_)) {
            let from = self.mentions[m].last + 1;
            if let Some(c) = (from..b.min(from + 5)).find(|&j| self.toks[j].is_punct(',')) {
                if let Some(n) = self.mention_starting(c + 1).filter(|&n| self.mentions[n].kind == MKind::Person) {
                    if self.toks.get(self.mentions[n].last + 1).is_some_and(|x| x.is_punct(',')) {
                        m = n;
                    }
                }
            }
        }
        let mm = &self.mentions[m];
        let ok = !mm.poss && !matches!(mm.kind, MKind::Pronoun(names::Pron::First) | MKind::Nominal(names::Nom::Thing));
        ok.then_some(m)
    }

    /// The subject after an introductory phrase that opens with no word [`Engine::subject`]
    /// knows ("But a few days later, Trump reversed himself", "Like Corker, Menendez rejected",
    /// "Reached by reporters, Bennett denied"): a comma within a few words, with no quote before
    /// it, then a name, a pronoun or a description that a lowercase word other than a preposition
    /// or a conjunction follows (a verb, past adverbs).
    fn after_intro_phrase(&self, t: usize, b: usize) -> Option<usize> {
        let c = (t + 1..b.min(t + 10)).find(|&k| self.toks[k].is_punct(','))?;
        if (t..c).any(|k| matches!(self.toks[k].kind, Tk::Quote(_))) {
            return None;
        }
        let m = self.mention_starting(c + 1)?;
        let mm = &self.mentions[m];
        if mm.poss || !matches!(mm.kind, MKind::Person | MKind::Org | MKind::Pronoun(names::Pron::Person)) {
            return None;
        }
        let mut v = mm.last + 1;
        while v < b && self.skippable(v) {
            v += 1;
        }
        let verb = self.toks.get(v).filter(|x| v < b && x.is_word() && !x.cap)?;
        let joins = verb.has(flag::PREPOSITIONS | flag::COORDINATORS | flag::CONJ | flag::RELATIVES);
        (!joins).then_some(m)
    }

    /// The cue starting at token `t`, if any.
    fn cue(&self, t: usize) -> Option<CueHit> {
        // Only a token with a cue group starts a cue: most are answered without a search.
        if self.toks.get(t)?.cue == 0 {
            return None;
        }
        self.cues.at(t)
    }

    fn mention_ending(&self, t: usize) -> Option<usize> {
        self.ment_end.get(t).copied().filter(|&m| m != NONE).map(|m| m as usize)
    }

    fn mention_starting(&self, t: usize) -> Option<usize> {
        self.ment_start.get(t).copied().filter(|&m| m != NONE).map(|m| m as usize)
    }

    fn cue_span(&self, c: CueHit) -> Span {
        let first = self.toks[c.first].span;
        let last = self.toks[c.end.saturating_sub(1).max(c.first)].span;
        Span::new(first.start, last.end)
    }

    /// Resolve mention `m` to an entity with the rule that did it.
    fn resolve(&self, m: usize, bi: usize) -> (Option<usize>, Option<&'static str>) {
        let mm = &self.mentions[m];
        self.coref.resolve(self.text, mm, self.ment_ent[m], bi)
    }

    /// An attribution resting on mention `m` found by `pattern`.
    fn attr_of(&self, m: usize, cue: Option<Span>, pattern: &'static str, bi: usize) -> Attr {
        let (speaker, how) = self.resolve(m, bi);
        Attr { speaker, mention: Some(self.mentions[m].span), cue, rule: how.unwrap_or(pattern) }
    }
}

/// What stands before a cue.
enum Subj {
    Found(usize),
    Coordinated,
    None,
}

/// Keep a resolution rule (pronoun-…, nominal-…) but rename a plain pattern.
fn rename(rule: &'static str, to: &'static str) -> &'static str {
    if rule.starts_with("pronoun-") || rule.starts_with("nominal-") || rule == "description" {
        rule
    } else {
        to
    }
}

/// Do most words of a headline quote appear in a body quote?
fn overlaps_words(head: &str, body: &str) -> bool {
    let words: Vec<String> =
        head.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(crate::search::fold::fold_str).collect();
    if words.is_empty() {
        return false;
    }
    let body = crate::search::fold::fold_str(body);
    let hits = words.iter().filter(|w| body.contains(w.as_str())).count();
    hits * 10 >= words.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_test_agrees_with_its_definition() {
        // The definition: the first 40 whitespace words, trimmed to their letters.
        fn counts(line: &str) -> bool {
            const FUNCTION: &[&str] = &[
                "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "over", "the", "to",
                "vs", "with",
            ];
            let (mut words, mut lower) = (0usize, 0usize);
            for w in line.split_whitespace().take(40) {
                let w = w.trim_matches(|c: char| !c.is_alphabetic());
                let Some(first) = w.chars().next() else { continue };
                words += 1;
                if first.is_lowercase() && !FUNCTION.contains(&w) {
                    lower += 1;
                }
            }
            words >= 40 || (lower >= 2 && lower * 4 >= words)
        }
        let long = "word ".repeat(45);
        let caps = "Word ".repeat(45);
        let rows = [
            "Clinton Swipes at Trump over Brexit",
            "“The economy is strong,” Finance Minister Karl Berg said.",
            "the (quick) brown fox — jumps “over” the lazy dog’s back",
            "élan vital éclat naïve ÉLAN",
            "1 2 3 4 a b c d",
            "",
            "   ",
            long.as_str(),
            caps.as_str(),
            "a\u{a0}b\u{a0}c dog cat",
            "alpha\tbeta\ngamma  deltaepsilonzeta (eta) theta, iota.\x0bkappa\rlambda mu nu xi omicron pi",
            "Over The Top Of The Extraordinarily Long Headline Words (AP)",
            "the government’s “decision” was—in fact—unprecedented,\u{a0}officials said … ‘maybe’ Über élan",
            "“Talks,” Foreign\u{2009}Minister Wang Yi said: extraordinarily\u{85}long words–with dashes",
        ];
        for w in [
            "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "of", "on", "or", "over", "the", "to",
            "vs", "with",
        ] {
            assert!(is_function_word(w.as_bytes()), "{w:?}");
        }
        for w in ["", "b", "ab", "a\0", "ann", "ove", "overs", "with\0", "The", "tothe"] {
            assert!(!is_function_word(w.as_bytes()), "{w:?}");
        }
        for line in rows {
            assert_eq!(lowercase_like_a_sentence(line), counts(line), "{line:?}");
            assert_eq!(lowercase_words_make_a_quarter(line), counts(line), "{line:?}");
            let runs: Vec<&str> = letter_runs(line).collect();
            let split: Vec<&str> = line.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
            assert_eq!(runs, split, "{line:?}");
        }
    }
}
