//! A compact binary form of a parsed corpus (articles, their structure, quotes, speakers) and its
//! alignment links, so work done once elsewhere need not be redone here:
//! - the build parses and aligns the bundled articles natively and the page's wasm only decodes
//!   the result (the page then ships no extractor);
//! - a Web Worker parses a person's large article and the page ingests the result without pausing.
//!
//! Format (all integers LEB128 varints; strings are a length and UTF-8 bytes):
//! `"QLP3"`, then the articles (id, name, outlet?, date?, local, text, blocks, sentences, people
//! each with its corpus speaker, quotes each with its id, diagnostics), then the corpus speakers
//! (id, name, aliases, roles, kind), then the links (four indices and the score's f32 bits), then
//! per quote, in corpus order, how many other articles report the same remark (one count per quote
//! of the corpus). Spans are stored as start and length. [`decode`] checks everything (every span
//! inside its text and on char boundaries, every index in range, speakers sorted, article ids
//! unique, one count per quote and none above the other articles) and returns `None` for anything
//! malformed; it never panics.
//!
//! Ids and the corpus speakers travel in the pack rather than being recomputed on decoding: the
//! pack is made by this program (the build, or the worker over the same corpus), and leaving the
//! hashing and the cross-article speaker merging out of the page's wasm saves it 7 kB gzipped.
//! The counts of other articles are what the page's cards show ("Also reported by N outlets");
//! carrying them keeps the alignment code (union-find groups from the links) out of the page's
//! wasm, while the worker's full build still rebuilds its alignment from the links.

use crate::align::{Alignment, QuoteAt};
use crate::article::{Article, Block, BlockKind};
use crate::corpus::{Corpus, Entry, Speaker};
use crate::quote::{ArticleQuotes, Cue, Diagnostic, Person, Quote, QuoteKind, SpeakerKind};
use crate::span::Span;

const MAGIC: &[u8; 4] = b"QLP3";

/// Encode a whole corpus and its alignment.
pub fn encode_corpus(corpus: &Corpus, alignment: &Alignment) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    w.uint(corpus.articles.len());
    for e in &corpus.articles {
        w.str(&e.id);
        w.str(&e.name);
        w.opt_str(e.outlet.as_deref());
        w.opt_str(e.date.as_deref());
        w.uint(usize::from(e.local));
        w.str(&e.article.text);
        w.uint(e.article.blocks.len());
        for b in &e.article.blocks {
            w.span(b.span);
            w.span(b.content);
            w.uint(b.kind as usize);
            w.str(b.reason);
        }
        w.uint(e.article.sentences.len());
        for &s in &e.article.sentences {
            w.span(s);
        }
        let q = &e.quotes;
        w.uint(q.people.len());
        for (i, p) in q.people.iter().enumerate() {
            w.str(&p.name);
            w.strs(&p.aliases);
            w.strs(&p.roles);
            w.uint(p.kind as usize);
            w.uint(e.speakers.get(i).copied().unwrap_or(usize::MAX)); // past the speakers: refused
        }
        w.uint(q.quotes.len());
        for (i, x) in q.quotes.iter().enumerate() {
            w.span(x.span);
            w.span(x.outer);
            w.uint(x.kind as usize);
            w.opt_span(x.cue.as_ref().map(|c| c.span));
            w.uint(x.speaker.map_or(0, |s| s + 1));
            w.opt_span(x.mention);
            w.str(x.rule);
            w.uint(x.block);
            w.str(e.quote_ids.get(i).map_or("", String::as_str));
        }
        w.uint(q.diagnostics.len());
        for d in &q.diagnostics {
            w.span(d.span);
            w.str(d.code);
            w.str(&d.message);
        }
    }
    w.uint(corpus.speakers.len());
    for s in &corpus.speakers {
        w.str(&s.id);
        w.str(&s.name);
        w.strs(&s.aliases);
        w.strs(&s.roles);
        w.uint(s.kind as usize);
    }
    w.uint(alignment.links.len());
    for l in &alignment.links {
        for v in [l.a.0, l.a.1, l.b.0, l.b.1, l.score.to_bits() as usize] {
            w.uint(v);
        }
    }
    w.uint(corpus.articles.iter().map(|e| e.quotes.quotes.len()).sum());
    for (ai, e) in corpus.articles.iter().enumerate() {
        for qi in 0..e.quotes.quotes.len() {
            w.uint(alignment.reported_elsewhere((ai, qi)));
        }
    }
    w.0
}

/// A decoded corpus and its alignment links.
pub struct Decoded {
    /// The corpus, as encoded.
    pub corpus: Corpus,
    /// Alignment links as (a, b, score), indices into `corpus.articles`.
    pub links: Vec<(QuoteAt, QuoteAt, f32)>,
    /// Per article, per quote: how many other articles report the same remark (as
    /// [`Alignment::reported_elsewhere`] gave it when the pack was made).
    pub reported_elsewhere: Vec<Vec<usize>>,
}

/// Decode bytes made by [`encode_corpus`]; `None` when they are malformed in any way.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4)? != MAGIC {
        return None;
    }
    let n = r.count()?;
    let mut articles: Vec<Entry> = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let id = r.string()?;
        let name = r.string()?;
        let outlet = r.opt_string()?;
        let date = r.opt_string()?;
        let local = r.uint()? != 0;
        let text = r.string()?;
        let t = text.as_str();
        let mut blocks = Vec::new();
        for _ in 0..r.count()? {
            let span = r.span(t)?;
            let content = r.span(t)?;
            let kind = block_kind(r.uint()?)?;
            let reason = intern(&r.string()?);
            blocks.push(Block { span, content, kind, reason });
        }
        let mut sentences = Vec::new();
        for _ in 0..r.count()? {
            sentences.push(r.span(t)?);
        }
        let mut people = Vec::new();
        let mut speakers = Vec::new();
        for _ in 0..r.count()? {
            let name = r.string()?;
            let aliases = r.strings()?;
            let roles = r.strings()?;
            let kind = speaker_kind(r.uint()?)?;
            people.push(Person { name, aliases, roles, kind });
            speakers.push(r.uint()?); // checked against the speakers below
        }
        let mut quotes = Vec::new();
        let mut quote_ids = Vec::new();
        for _ in 0..r.count()? {
            let span = r.span(t)?;
            let outer = r.span(t)?;
            let kind = quote_kind(r.uint()?)?;
            let cue = r.opt_span(t)?.map(|span| Cue { span });
            let speaker = match r.uint()? {
                0 => None,
                s if s <= people.len() => Some(s - 1),
                _ => return None,
            };
            let mention = r.opt_span(t)?;
            let rule = intern(&r.string()?);
            let block = r.uint()?;
            if block >= blocks.len().max(1) || !outer.contains(span) {
                return None;
            }
            quotes.push(Quote { span, outer, kind, cue, speaker, mention, rule, block });
            quote_ids.push(r.string()?);
        }
        let mut diagnostics = Vec::new();
        for _ in 0..r.count()? {
            let span = r.span(t)?;
            let code = intern(&r.string()?);
            let message = r.string()?;
            diagnostics.push(Diagnostic { span, code, message });
        }
        let article = Article { text, blocks, sentences };
        let quotes = ArticleQuotes { quotes, people, diagnostics };
        articles.push(Entry { id, name, outlet, date, article, quotes, quote_ids, speakers, local });
    }
    let mut speakers = Vec::new();
    for _ in 0..r.count()? {
        let id = r.string()?;
        let name = r.string()?;
        let aliases = r.strings()?;
        let roles = r.strings()?;
        let kind = speaker_kind(r.uint()?)?;
        speakers.push(Speaker { id, name, aliases, roles, kind });
    }
    // The corpus's invariants: speakers sorted by id (looked up by binary search), every person
    // mapped to one of them, every article id once.
    if speakers.windows(2).any(|w| w[0].id >= w[1].id)
        || articles.iter().any(|e| e.speakers.iter().any(|&s| s >= speakers.len()))
    {
        return None;
    }
    // (With the sort the search index links anyway: one sort less in the page's wasm.)
    let mut ids: Vec<(&str, u32)> = Vec::with_capacity(articles.len());
    let mut quotes = 0;
    for e in &articles {
        ids.push((e.id.as_str(), 0));
        quotes += e.quotes.quotes.len();
    }
    crate::search::sort::sort_strs(&mut ids);
    if ids.windows(2).any(|w| w[0].0 == w[1].0) {
        return None;
    }
    let mut links = Vec::new();
    for _ in 0..r.count()? {
        let a = (r.uint()?, r.uint()?);
        let b = (r.uint()?, r.uint()?);
        let score = f32::from_bits(u32::try_from(r.uint()?).ok()?);
        let valid = |(x, y): QuoteAt| articles.get(x).is_some_and(|e: &Entry| y < e.quotes.quotes.len());
        if !valid(a) || !valid(b) || a.0 == b.0 || !score.is_finite() {
            return None;
        }
        links.push((a, b, score));
    }
    // One count per quote, each at most the number of other articles.
    if r.uint()? != quotes {
        return None;
    }
    let mut reported_elsewhere = Vec::with_capacity(articles.len());
    for e in &articles {
        let mut counts = Vec::with_capacity(e.quotes.quotes.len());
        for _ in 0..e.quotes.quotes.len() {
            counts.push(r.uint().filter(|&n| n < articles.len())?);
        }
        reported_elsewhere.push(counts);
    }
    let corpus = Corpus { articles, speakers };
    (r.pos == bytes.len()).then_some(Decoded { corpus, links, reported_elsewhere })
}

fn speaker_kind(k: usize) -> Option<SpeakerKind> {
    [SpeakerKind::Person, SpeakerKind::Organisation].get(k).copied()
}

fn block_kind(k: usize) -> Option<BlockKind> {
    [BlockKind::Title, BlockKind::Body, BlockKind::Caption, BlockKind::Credit, BlockKind::Boilerplate].get(k).copied()
}

fn quote_kind(k: usize) -> Option<QuoteKind> {
    [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term].get(k).copied()
}

/// The `&'static str` for a rule, reason or code name: each distinct name is kept once for the
/// life of the program (a few dozen, all from this program's own code).
fn intern(s: &str) -> &'static str {
    use std::cell::RefCell;
    thread_local! {
        // Per thread (a Mutex costs the page's wasm its poisoning checks): a name is leaked once
        // per thread that decodes packs, a few dozen small strings.
        static NAMES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    NAMES.with(|names| {
        let Ok(mut names) = names.try_borrow_mut() else { return "unknown" };
        if let Some(n) = names.iter().find(|n| **n == s) {
            return *n;
        }
        if names.len() >= 4096 || s.len() > 64 {
            return "unknown";
        }
        let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
        names.push(leaked);
        leaked
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut v: usize) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn str(&mut self, s: &str) {
        self.uint(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn opt_str(&mut self, s: Option<&str>) {
        self.uint(usize::from(s.is_some()));
        if let Some(s) = s {
            self.str(s);
        }
    }
    fn strs(&mut self, v: &[String]) {
        self.uint(v.len());
        for s in v {
            self.str(s);
        }
    }
    fn span(&mut self, s: Span) {
        self.uint(s.start);
        self.uint(s.len());
    }
    fn opt_span(&mut self, s: Option<Span>) {
        self.uint(usize::from(s.is_some()));
        if let Some(s) = s {
            self.span(s);
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
    fn uint(&mut self) -> Option<usize> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return usize::try_from(v).ok();
            }
        }
        None
    }
    /// A count of items still to read: never more than the bytes left (each item takes ≥ 1 byte).
    fn count(&mut self) -> Option<usize> {
        let n = self.uint()?;
        (n <= self.bytes.len() - self.pos).then_some(n)
    }
    fn string(&mut self) -> Option<String> {
        let n = self.uint()?;
        let b = self.take(n)?;
        std::str::from_utf8(b).ok().map(str::to_string)
    }
    fn opt_string(&mut self) -> Option<Option<String>> {
        Some(if self.uint()? != 0 { Some(self.string()?) } else { None })
    }
    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(self.string()?);
        }
        Some(out)
    }
    fn span(&mut self, text: &str) -> Option<Span> {
        let start = self.uint()?;
        let end = start.checked_add(self.uint()?)?;
        (end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)).then(|| Span::new(start, end))
    }
    fn opt_span(&mut self, text: &str) -> Option<Option<Span>> {
        Some(if self.uint()? != 0 { Some(self.span(text)?) } else { None })
    }
}
