//! Speaker attribution: the engine that walks an article paragraph by paragraph, finds each
//! quote, its kind and its cue, and decides who said it.
//!
//! For each quote the patterns are tried in this order, and the first that names a speaker wins
//! (its name is the quote's `rule`):
//! 1. `colon-intro` / `colon-name`: "Wang said: “…”", "Caddell: “…”".
//! 2. For a quote that opens its clause, the attribution right after it: `quote-cue-name`
//!    ("…,” said Wang") or `quote-name-cue` ("…,” NATO Secretary General Jens Stoltenberg said").
//! 3. `name-cue-quote`: the nearest cue before the quote in its clause and that cue's subject
//!    ("Wang also said the alliance would ‘…’", "the senior diplomat called China a “…”");
//!    `according-to` for "according to X, “…”". A cue whose subject is elided ("…, and claimed
//!    Beijing has “…”") takes the speaker of the previous quote of the sentence (`same-sentence`)
//!    or the sentence's subject (`clause-subject`).
//! 4. The attribution right after any other quote, then one after a later comma of the sentence
//!    (`sentence-cue`: "…will ‘as soon as possible’ provide aid, Wang said.").
//! 5. `same-sentence`: the speaker of the previous quote in the same sentence.
//! 6. For a quote that stands alone: `quote-continues` (the rest of a quote re-opened across
//!    paragraphs), `same-paragraph` (“A,” he said. “B.”), `previous-sentence-cue` (Wang said X.
//!    “B.”), `paragraph-continues` (a paragraph that is only a quote continues the previous
//!    paragraph's speaker), `colon-intro` (the previous paragraph ended "he said:").
//! 7. `possessive` for a term right after a possessive name ("Wang’s “six-point plan”").
//!
//! The mention a pattern finds is then resolved: names directly, pronouns and descriptions by
//! [`super::coref`], whose rule (`pronoun-current-speaker`, `nominal-role`, …) then names the
//! attribution. A quote whose text does not support a speaker gets none (`no-attribution`, or
//! `description` for "the statement said"), never a guess.
//!
//! Headlines are attributed last, once the body has introduced everyone: `headline-colon`
//! ("Caddell: …") and `headline-repeats-body` (the headline quotes words quoted in the body).

use super::coref::{Coref, Subject};
use super::cues::{cue_at, CueHit, Form, Tier};
use super::kind::{self, Shape};
use super::marks::{Context, MarkScanner, Marked};
use super::names::{self, MKind, Mention};
use super::tokens::{lookup, tokenize, Tk, Tok};
use super::{ArticleQuotes, Cue, Diagnostic, Person, Quote, QuoteKind, SpeakerKind};
use crate::article::{Article, BlockKind};
use crate::span::Span;

/// How many tokens before a quote a Near-tier cue ("called it a") may stand. Range 3..=10;
/// default 6.
const NEAR_WINDOW: usize = 6;
/// How many tokens back from a quote the engine looks for a cue. Range 10..=80; default 40.
const MAX_LOOK_BACK: usize = 40;
/// How many tokens after a quote the engine looks for a sentence-final cue. Range 10..=80;
/// default 50.
const MAX_LOOK_AHEAD: usize = 50;

const NONE: u32 = u32::MAX;

/// Words skipped between a subject and its cue ("Beijing on Thursday denounced", "Wang also said").
const SKIP: &[&str] = &[
    "afternoon", "again", "already", "also", "always", "angrily", "bluntly", "candidly", "could", "did",
    "directly", "earlier", "emphatically", "even", "evening", "eventually", "explicitly", "finally", "firmly",
    "first", "flatly", "frankly", "frequently", "further", "had", "has", "have", "immediately", "initially",
    "is", "just", "last", "late", "later", "likewise", "may", "might", "month", "morning", "never", "night",
    "not", "now", "often", "on", "once", "only", "openly", "originally", "previously", "privately", "publicly",
    "quickly", "quietly", "recently", "repeatedly", "reportedly", "separately", "sharply", "similarly",
    "simply", "soon", "still", "strongly", "subsequently", "then", "this", "today", "tonight", "too", "was",
    "week", "weekend", "will", "would", "year", "yesterday",
];

/// Capitalised time words skipped the same way ("Wang said Monday").
const TIME_CAPS: &[&str] = &[
    "april", "aug", "august", "dec", "december", "feb", "february", "friday", "jan", "january", "july", "june",
    "march", "monday", "nov", "november", "oct", "october", "saturday", "sept", "september", "sunday",
    "thursday", "tuesday", "wednesday",
];

/// Words that open a sentence before its subject ("But", "In January,").
const CONJ: &[&str] = &["also", "and", "but", "however", "meanwhile", "now", "so", "still", "then", "yet"];
const INTRO: &[&str] = &[
    "according", "after", "although", "amid", "as", "asked", "at", "before", "despite", "during", "earlier",
    "following", "for", "if", "in", "last", "later", "on", "once", "since", "speaking", "though", "under",
    "when", "while", "with",
];

/// Words before a quote that weave it into the sentence ("said it is “…”").
const WEAVING: &[&str] = &["a", "an", "are", "as", "be", "been", "being", "is", "its", "that", "the", "to", "was", "were"];

/// Per-article working state, reused across paragraphs.
struct Engine<'a> {
    text: &'a str,
    marks: MarkScanner,
    quotes: Vec<Marked>,
    toks: Vec<Tok>,
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
    /// The last quote of the previous paragraph was left open and the next one re-opens it.
    open_piece: Option<usize>,
    /// Speaker of the last attributed quote of the previous article paragraph.
    prev_block_speaker: Option<(usize, Option<Span>)>,
    /// Speaker introduced by a colon ending the previous paragraph ("Caddell continued:").
    pending_colon: Option<(usize, Option<Span>)>,
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
    let mut e = Engine {
        text,
        marks: MarkScanner::default(),
        quotes: Vec::new(),
        toks: Vec::new(),
        mentions: Vec::new(),
        ment_ent: Vec::new(),
        ment_end: Vec::new(),
        ment_start: Vec::new(),
        clause_lo: Vec::new(),
        sent_lo: Vec::new(),
        coref: Coref::default(),
        out: Vec::new(),
        diags: Vec::new(),
        cont_prev: Vec::new(),
        open_piece: None,
        prev_block_speaker: None,
        pending_colon: None,
    };
    let single_style = single_style(text, &blocks);
    let mut title: Option<(usize, Span)> = None;
    let body: Vec<&(usize, Span, BlockKind)> = blocks.iter().filter(|b| b.2 != BlockKind::Title).collect();
    for (k, &&(bi, content, kind)) in body.iter().enumerate() {
        let _ = kind;
        let next = body.get(k + 1).map(|b| b.1);
        let (nd, ns) = next.map_or((false, false), |n| opens_with_mark(text, n));
        let ctx = Context { next_opens_double: nd, next_opens_single: ns, single_style };
        e.block(bi, content, ctx);
    }
    if let Some(&(bi, content, _)) = blocks.iter().find(|b| b.2 == BlockKind::Title) {
        title = Some((bi, content));
    }
    let mut quotes = std::mem::take(&mut e.out);
    let mut cont = std::mem::take(&mut e.cont_prev);
    if let Some((bi, content)) = title {
        let body_quotes = quotes.clone();
        e.title(bi, content, &body_quotes);
        let mut head = std::mem::take(&mut e.out);
        let shift = head.len();
        cont = std::iter::repeat_n(None, shift).chain(cont.into_iter().map(|c| c.map(|i| i + shift))).collect();
        head.append(&mut quotes);
        quotes = head;
    }
    backfill_continuations(&mut quotes, &cont);
    finish(text, quotes, e.coref, std::mem::take(&mut e.diags))
}

/// Does the article quote with single marks (‘…’) rather than double ones?
fn single_style(text: &str, blocks: &[(usize, Span, BlockKind)]) -> bool {
    let (mut single, mut double) = (0usize, 0usize);
    for &(_, c, _) in blocks {
        for ch in c.slice(text).chars() {
            match ch {
                '‘' => single += 1,
                '“' | '"' | '«' | '„' => double += 1,
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

/// Turn entity ids into the article's people list (speakers only, in order of first quote).
fn finish(_text: &str, mut quotes: Vec<Quote>, coref: Coref, diagnostics: Vec<Diagnostic>) -> ArticleQuotes {
    let mut map: Vec<Option<usize>> = vec![None; coref.ents.len()];
    let mut people: Vec<Person> = Vec::new();
    for q in &mut quotes {
        let Some(e) = q.speaker else { continue };
        let Some(ent) = coref.ents.get(e) else {
            q.speaker = None;
            continue;
        };
        let idx = match map[e] {
            Some(i) => i,
            None => {
                let mut aliases: Vec<String> = ent.aliases.iter().filter(|a| **a != ent.name).cloned().collect();
                aliases.sort();
                aliases.dedup();
                people.push(Person { name: ent.name.clone(), aliases, roles: ent.roles.clone(), kind: ent.kind });
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
        names::find(self.text, &self.toks, &mut self.mentions);
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
        self.clause_lo.clear();
        self.sent_lo.clear();
        let (mut cl, mut sl) = (0u32, 0u32);
        for t in 0..n {
            self.clause_lo.push(cl);
            self.sent_lo.push(sl);
            match self.toks[t].kind {
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
            Some(n) => (n.is_word() && n.cap && cue_at(self.text, &self.toks, t + 2).is_none()) || matches!(n.kind, Tk::Quote(_)),
        }
    }

    /// One body paragraph.
    fn block(&mut self, bi: usize, content: Span, ctx: Context) {
        self.prepare(bi, content, ctx);
        let n = self.toks.len();
        let mut block_speaker: Option<(usize, Option<Span>)> = None;
        let mut t = 0;
        while t < n {
            let a = t;
            let mut b = t + 1;
            while b < n && self.sent_lo[b] as usize == a {
                b += 1;
            }
            let subject = self.subject(a, b);
            let subj_ent = subject.and_then(|m| self.resolve(m, bi).0);
            for q in a..b {
                if let Tk::Quote(qi) = self.toks[q].kind {
                    let idx = self.quote(bi, q, qi, a, subject, &mut block_speaker);
                    if let Some(s) = self.out[idx].speaker {
                        block_speaker = Some((s, self.out[idx].mention));
                    }
                }
            }
            if let (Some(m), Some(e)) = (subject, subj_ent) {
                let pos = self.mentions[m].span.start;
                self.coref.subjects.push(Subject { pos, block: bi, ent: e });
            }
            t = b;
        }
        // What carries over to the next paragraph.
        self.open_piece = self.quotes.last().filter(|q| !q.closed).and_then(|_| self.out.len().checked_sub(1));
        self.pending_colon = None;
        if n >= 2 && self.toks[n - 1].is_punct(':') {
            let a = self.clause_lo[n - 1] as usize;
            let found = self.cue_before(n - 1, a, true).and_then(|c| self.speaker_of_cue(c, a, a, bi).filter(|x| x.speaker.is_some()));
            let found = found.or_else(|| self.mention_ending(n - 2).map(|m| self.attr_of(m, None, "colon-name", bi)));
            self.pending_colon = found.and_then(|f| f.speaker.map(|s| (s, f.mention)));
        }
        self.prev_block_speaker = block_speaker;
    }

    /// The headline, attributed after the body.
    fn title(&mut self, bi: usize, content: Span, body: &[Quote]) {
        self.out.clear();
        self.cont_prev.clear();
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
            if self.out[idx].speaker.is_some() {
                continue;
            }
            if let Some(l) = lead.filter(|l| l.speaker.is_some()) {
                let o = &mut self.out[idx];
                o.speaker = l.speaker;
                o.mention = l.mention;
                o.rule = l.rule;
                continue;
            }
            let words = self.out[idx].span.slice(self.text).to_string();
            if let Some(src) = body.iter().find(|bq| bq.speaker.is_some() && overlaps_words(&words, bq.span.slice(self.text))) {
                let o = &mut self.out[idx];
                o.speaker = src.speaker;
                o.mention = src.mention;
                o.rule = "headline-repeats-body";
            }
        }
    }

    /// Attribute one quote (token `q`, paragraph quote `qi`, sentence starting at token `a`);
    /// push it and return its index in `out`.
    fn quote(&mut self, bi: usize, q: usize, qi: usize, a: usize, subject: Option<usize>, block_speaker: &mut Option<(usize, Option<Span>)>) -> usize {
        let m = self.quotes[qi];
        let lo = self.clause_lo[q] as usize;
        let attr = self.attribute(bi, q, qi, a, lo, subject, *block_speaker);
        let starts_clause = self.starts_clause(q, lo);
        let woven = !starts_clause && self.woven(q, lo);
        let shape = Shape { starts_clause, woven, continues: m.continues, in_title: false };
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
        if let Some(s) = attr.speaker {
            self.coref.quoted(s);
        }
        let cont = if m.continues { self.open_piece } else { None };
        self.out.push(Quote {
            span: m.inner,
            outer: m.outer,
            kind,
            cue: attr.cue.map(|span| Cue { span }),
            speaker: attr.speaker,
            mention: attr.mention,
            rule: attr.rule,
            block: bi,
        });
        self.cont_prev.push(cont);
        self.out.len() - 1
    }

    #[allow(clippy::too_many_arguments)]
    fn attribute(&mut self, bi: usize, q: usize, qi: usize, a: usize, lo: usize, subject: Option<usize>, block_speaker: Option<(usize, Option<Span>)>) -> Attr {
        let n = self.toks.len();
        let mut cue_seen: Option<Span> = None;
        // 1. A colon before the quote: "Wang said: “…”", "Caddell: “…”".
        if q > lo && self.toks[q - 1].is_punct(':') {
            if let Some(c) = self.cue_before(q - 1, lo, true) {
                if let Some(at) = self.speaker_of_cue(c, lo, a, bi) {
                    if at.speaker.is_some() {
                        return Attr { rule: rename(at.rule, "colon-intro"), ..at };
                    }
                    cue_seen = at.cue;
                }
            } else if q >= 2 {
                if let Some(m) = self.mention_ending(q - 2) {
                    let at = self.attr_of(m, None, "colon-name", bi);
                    if at.speaker.is_some() {
                        return at;
                    }
                }
            }
        }
        let opens = self.opens_clause(q, lo);
        // 2. A quote opening its clause: the attribution right after it.
        if opens {
            if let Some(at) = self.right_after(q, q + 1, bi, "quote-cue-name", "quote-name-cue") {
                if at.speaker.is_some() {
                    return at;
                }
                cue_seen = cue_seen.or(at.cue);
            }
        }
        // 3. The nearest cue before the quote in its clause.
        if let Some(c) = self.cue_before(q, lo, false) {
            if let Some(at) = self.speaker_of_cue(c, lo, a, bi) {
                if at.speaker.is_some() {
                    return at;
                }
                cue_seen = cue_seen.or(at.cue);
                if at.rule == "coordinated" {
                    if let Some(prev) = self.prev_quote_in_sentence(q, a) {
                        if let Some(p) = self.out.get(prev).filter(|p| p.speaker.is_some()) {
                            return Attr { speaker: p.speaker, mention: p.mention, cue: at.cue, rule: "same-sentence" };
                        }
                    }
                    if let Some(s) = subject {
                        let r = self.attr_of(s, at.cue, "clause-subject", bi);
                        if r.speaker.is_some() {
                            return r;
                        }
                    }
                }
            }
        }
        // 4. The attribution right after the quote, or after a later comma of the sentence.
        if !opens {
            if let Some(at) = self.right_after(q, q + 1, bi, "quote-cue-name", "quote-name-cue") {
                if at.speaker.is_some() {
                    return at;
                }
                cue_seen = cue_seen.or(at.cue);
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
                if let Some(at) = self.right_after(q, t + 1, bi, "sentence-cue", "sentence-cue") {
                    if at.speaker.is_some() {
                        return at;
                    }
                }
            }
            t += 1;
        }
        // 5. The previous quote of the same sentence.
        if let Some(prev) = self.prev_quote_in_sentence(q, a) {
            if let Some(p) = self.out.get(prev).filter(|p| p.speaker.is_some()) {
                return Attr { speaker: p.speaker, mention: p.mention, cue: cue_seen, rule: "same-sentence" };
            }
        }
        // 6. A quote standing alone.
        let alone = q == a || (lo..q).all(|t| !self.toks[t].is_word());
        if alone && cue_seen.is_none() {
            if self.quotes[qi].continues {
                if let Some(p) = self.open_piece.and_then(|p| self.out.get(p)).filter(|p| p.speaker.is_some()) {
                    return Attr { speaker: p.speaker, mention: p.mention, cue: None, rule: "quote-continues" };
                }
            }
            if let Some((s, m)) = block_speaker {
                return Attr { speaker: Some(s), mention: m, cue: None, rule: "same-paragraph" };
            }
            if let Some(at) = self.previous_sentence_cue(a, bi) {
                return at;
            }
            let quote_only = (0..n).all(|t| t == q || !self.toks[t].is_word()) && !matches!(self.toks.first().map(|t| t.kind), Some(Tk::Word));
            if quote_only {
                if let Some((s, m)) = self.pending_colon {
                    return Attr { speaker: Some(s), mention: m, cue: None, rule: "colon-intro" };
                }
                if let Some((s, m)) = self.prev_block_speaker {
                    return Attr { speaker: Some(s), mention: m, cue: None, rule: "paragraph-continues" };
                }
            }
        }
        match cue_seen {
            Some(c) => Attr { speaker: None, mention: None, cue: Some(c), rule: "cue-without-speaker" },
            None => Attr::none("no-attribution"),
        }
    }

    /// Does the quote open its clause (nothing but conjunctions or punctuation before it)?
    fn opens_clause(&self, q: usize, lo: usize) -> bool {
        (lo..q).all(|t| {
            let tok = &self.toks[t];
            !tok.is_word() || lookup(CONJ, tok.span.slice(self.text))
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
            let cue_ends = (before.saturating_sub(3)..=before).any(|c| cue_at(self.text, &self.toks, c).is_some_and(|h| h.end == before + 1));
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
        if self.toks[p].is_word() && lookup(WEAVING, self.toks[p].span.slice(self.text)) {
            return true;
        }
        (p.saturating_sub(3).max(lo)..=p).any(|c| cue_at(self.text, &self.toks, c).is_some())
    }

    /// The nearest cue before token `q` in its clause (from `lo`). Near-tier cues only within
    /// [`NEAR_WINDOW`] tokens unless `any_tier`.
    fn cue_before(&self, q: usize, lo: usize, any_tier: bool) -> Option<CueHit> {
        let floor = lo.max(q.saturating_sub(MAX_LOOK_BACK));
        let mut t = q;
        while t > floor {
            t -= 1;
            let Some(mut c) = cue_at(self.text, &self.toks, t) else { continue };
            if c.end > q {
                continue;
            }
            // A longer cue starting just before ("said in a statement" around "in a statement").
            for k in 1..=2 {
                if let Some(longer) = t.checked_sub(k).filter(|&s| s >= floor).and_then(|s| cue_at(self.text, &self.toks, s)) {
                    if longer.end >= c.end && longer.end <= q {
                        c = longer;
                    }
                }
            }
            if c.form == Form::Circumstance {
                // "in a statement" names no speaker: look for the verb before it.
                if let Some(v) = (floor..c.first).rev().take(3).find_map(|s| cue_at(self.text, &self.toks, s).filter(|h| h.form == Form::Verb)) {
                    return Some(v);
                }
            }
            if c.tier == Tier::Near && !any_tier && q - c.end > NEAR_WINDOW {
                continue;
            }
            if self.inside_mention(c.first) {
                continue;
            }
            return Some(c);
        }
        None
    }

    /// Is token `t` inside a name (a capitalised "Says" in "Simon Says")?
    fn inside_mention(&self, t: usize) -> bool {
        let tok = &self.toks[t];
        tok.cap && t > 0 && self.ment_end[t] == NONE && self.ment_start[t] == NONE && self.toks[t - 1].cap && self.ment_end[t - 1] == NONE && false
    }

    /// The speaker of a cue before a quote: "according to X", its subject, or `coordinated`
    /// when the subject is elided.
    fn speaker_of_cue(&self, c: CueHit, lo: usize, _a: usize, bi: usize) -> Option<Attr> {
        let cue = self.cue_span(c);
        match c.form {
            Form::AccordingTo => {
                let m = self.mention_starting(c.end)?;
                Some(self.attr_of(m, Some(cue), "according-to", bi))
            }
            _ => match self.subject_before(c, lo) {
                Subj::Found(m) => Some(self.attr_of(m, Some(cue), "name-cue-quote", bi)),
                Subj::Coordinated => Some(Attr { speaker: None, mention: None, cue: Some(cue), rule: "coordinated" }),
                Subj::None => {
                    // "said Wang: “…”" with the name after the cue.
                    let m = self.mention_starting(c.end);
                    match m {
                        Some(m) if self.mentions[m].kind != MKind::Pronoun(names::Pron::First) => Some(self.attr_of(m, Some(cue), "cue-name-quote", bi)),
                        _ => Some(Attr { speaker: None, mention: None, cue: Some(cue), rule: "cue-without-speaker" }),
                    }
                }
            },
        }
    }

    /// The subject of a cue: the mention right before it (past adverbs, times, an apposition or
    /// a parenthesis).
    fn subject_before(&self, c: CueHit, lo: usize) -> Subj {
        let floor = lo.max(c.first.saturating_sub(MAX_LOOK_BACK));
        let mut j = c.first;
        while j > floor && self.skippable(j - 1) {
            j -= 1;
        }
        if j == floor {
            let after_quote = lo > 0 && floor == lo && matches!(self.toks[lo - 1].kind, Tk::Quote(_));
            return if after_quote || c.form == Form::Participle { Subj::Coordinated } else { Subj::None };
        }
        let t = j - 1;
        if let Some(m) = self.mention_ending(t) {
            return Subj::Found(m);
        }
        let tok = self.toks[t];
        if tok.is_punct(')') {
            let open = (floor..t).rev().take(15).find(|&k| self.toks[k].is_punct('('));
            if let Some(m) = open.and_then(|o| o.checked_sub(1)).and_then(|k| self.mention_ending(k)) {
                return Subj::Found(m);
            }
        }
        if tok.is_punct(',') {
            // An apposition: "Stoltenberg, NATO’s secretary general, said".
            if let Some(m) = self.mentions.iter().rposition(|m| m.appos_end == Some(t)) {
                return Subj::Found(m);
            }
            let prev_comma = (floor..t).rev().take(25).find(|&k| self.toks[k].is_punct(','));
            if let Some(m) = prev_comma.and_then(|k| k.checked_sub(1)).and_then(|k| self.mention_ending(k)) {
                if !self.mentions[m].poss {
                    return Subj::Found(m);
                }
            }
            return Subj::Coordinated;
        }
        if tok.is_word() && lookup(&["and", "but", "or", "while", "yet"], tok.span.slice(self.text)) {
            return Subj::Coordinated;
        }
        if c.form == Form::Participle {
            return Subj::Coordinated;
        }
        Subj::None
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
        if tok.cap { lookup(TIME_CAPS, w) } else { lookup(SKIP, w) }
    }

    /// The attribution right after a quote, starting at token `t`: "said Wang", "Wang said",
    /// "according to Wang".
    fn right_after(&self, q: usize, t: usize, bi: usize, cue_name: &'static str, name_cue: &'static str) -> Option<Attr> {
        let n = self.toks.len();
        let mut t = t;
        let mut skipped = 0;
        while t < n && skipped < 2 && matches!(self.toks[t].kind, Tk::Punct(',' | '—' | '–' | '-')) {
            t += 1;
            skipped += 1;
        }
        if t >= n || self.toks[t].is_terminal() || matches!(self.toks[t].kind, Tk::Quote(_)) {
            return None;
        }
        let _ = q;
        // "said Wang", "said the senior diplomat"
        if let Some(c) = cue_at(self.text, &self.toks, t) {
            let cue = self.cue_span(c);
            if c.form == Form::AccordingTo {
                let m = self.mention_starting(c.end)?;
                return Some(self.attr_of(m, Some(cue), "according-to", bi));
            }
            if c.tier == Tier::Safe {
                let mut u = c.end;
                while u < n && self.skippable(u) && self.mention_starting(u).is_none() {
                    u += 1;
                }
                return Some(match self.mention_starting(u) {
                    Some(m) => self.attr_of(m, Some(cue), cue_name, bi),
                    None => Attr { speaker: None, mention: None, cue: Some(cue), rule: "cue-without-speaker" },
                });
            }
            return None;
        }
        // "Wang said", "a State Department spokesman said", "European Commission spokesman Peter Stano said"
        if self.toks[t].is_word() && lookup(&["a", "an"], self.toks[t].span.slice(self.text)) {
            t += 1;
        }
        let mut m = self.mention_starting(t)?;
        for _ in 0..2 {
            let next = self.mentions[m].last + 1;
            match self.mention_starting(next) {
                Some(m2) if !matches!(self.mentions[m2].kind, MKind::Pronoun(_)) && self.mentions[m].kind != MKind::Person => m = m2,
                _ => break,
            }
        }
        let mm = self.mentions[m];
        let mut u = mm.appos_end.map_or(mm.last + 1, |e| e + 1);
        if u < n && self.toks[u].is_punct('(') {
            if let Some(close) = (u..n.min(u + 15)).find(|&k| self.toks[k].is_punct(')')) {
                u = close + 1;
            }
        }
        while u < n && self.skippable(u) {
            u += 1;
        }
        let c = cue_at(self.text, &self.toks, u).filter(|c| c.tier == Tier::Safe && c.form != Form::AccordingTo)?;
        Some(self.attr_of(m, Some(self.cue_span(c)), name_cue, bi))
    }

    /// The last quote before token `q` in the same sentence, as an index into `out`.
    fn prev_quote_in_sentence(&self, q: usize, a: usize) -> Option<usize> {
        let mut count = 0usize;
        for t in (a..q).rev() {
            if matches!(self.toks[t].kind, Tk::Quote(_)) {
                count += 1;
                break;
            }
        }
        if count == 0 {
            return None;
        }
        self.out.len().checked_sub(1)
    }

    /// "Wang said the talks would resume. “We are optimistic.”": a Safe cue in the previous
    /// sentence of the paragraph, with a resolvable subject.
    fn previous_sentence_cue(&self, a: usize, bi: usize) -> Option<Attr> {
        if a == 0 {
            return None;
        }
        let pa = self.sent_lo[a - 1] as usize;
        for t in pa..a {
            if matches!(self.toks[t].kind, Tk::Quote(_)) {
                return None;
            }
        }
        let c = (pa..a).find_map(|t| cue_at(self.text, &self.toks, t).filter(|c| c.tier == Tier::Safe && c.form == Form::Verb))?;
        match self.subject_before(c, pa) {
            Subj::Found(m) => Some(self.attr_of(m, Some(self.cue_span(c)), "previous-sentence-cue", bi)).filter(|x| x.speaker.is_some()),
            _ => None,
        }
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

    /// The subject of the sentence `a..b`: the first mention after conjunctions and an
    /// introductory phrase ("In January, President Xi …").
    fn subject(&self, a: usize, b: usize) -> Option<usize> {
        let mut t = a;
        let word = |t: usize, list: &[&str]| self.toks.get(t).is_some_and(|x| x.is_word() && lookup(list, x.span.slice(self.text)));
        while t < b && (word(t, CONJ) || self.toks[t].is_punct(',')) {
            t += 1;
        }
        if t < b && word(t, INTRO) && self.mention_starting(t).is_none() {
            if let Some(c) = (t..b.min(t + 15)).find(|&k| self.toks[k].is_punct(',')) {
                t = c + 1;
            }
        }
        let m = self.mention_starting(t)?;
        let mm = &self.mentions[m];
        let ok = !mm.poss && !matches!(mm.kind, MKind::Pronoun(names::Pron::First) | MKind::Nominal(names::Nom::Thing));
        ok.then_some(m)
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
    let words: Vec<String> = head.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 2).map(str::to_lowercase).collect();
    if words.is_empty() {
        return false;
    }
    let body = body.to_lowercase();
    let hits = words.iter().filter(|w| body.contains(w.as_str())).count();
    hits * 10 >= words.len() * 7
}

#[allow(dead_code)]
fn kind_of(k: SpeakerKind) -> &'static str {
    match k {
        SpeakerKind::Person => "person",
        SpeakerKind::Organisation => "organisation",
    }
}
