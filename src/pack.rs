//! A compact binary form of a parsed corpus (articles, their structure, quotes, speakers) and its
//! alignment links, so work done once elsewhere need not be redone here:
//! - the build parses and aligns the bundled articles natively and the page's wasm only decodes
//!   the result (the page then ships no extractor);
//! - a Web Worker parses a person's large article and the page ingests the result without pausing.
//!
//! Format (all integers LEB128 varints; strings are a length and UTF-8 bytes):
//! `"QLP1"`, then the articles (name, outlet?, date?, local, text, blocks, sentences, people,
//! quotes, diagnostics), then the links (four indices and the score's f32 bits). Spans are stored as
//! start and length. [`decode`] checks everything (every span inside its text and on char
//! boundaries, every index in range) and returns `None` for anything malformed; it never panics.
//! Ids and corpus speakers are recomputed on decoding, so they cannot disagree with the text.

use crate::align::{Alignment, QuoteAt};
use crate::article::{Article, Block, BlockKind};
use crate::corpus::{Corpus, Entry};
use crate::quote::{ArticleQuotes, Cue, Diagnostic, Person, Quote, QuoteKind, SpeakerKind};
use crate::span::Span;

const MAGIC: &[u8; 4] = b"QLP1";

/// Encode articles and alignment links.
pub fn encode(articles: &[Entry], links: &[(QuoteAt, QuoteAt, f32)]) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    w.uint(articles.len());
    for e in articles {
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
        for p in &q.people {
            w.str(&p.name);
            w.strs(&p.aliases);
            w.strs(&p.roles);
            w.uint(p.kind as usize);
        }
        w.uint(q.quotes.len());
        for x in &q.quotes {
            w.span(x.span);
            w.span(x.outer);
            w.uint(x.kind as usize);
            w.opt_span(x.cue.as_ref().map(|c| c.span));
            w.uint(x.speaker.map_or(0, |s| s + 1));
            w.opt_span(x.mention);
            w.str(x.rule);
            w.uint(x.block);
        }
        w.uint(q.diagnostics.len());
        for d in &q.diagnostics {
            w.span(d.span);
            w.str(d.code);
            w.str(&d.message);
        }
    }
    w.uint(links.len());
    for &((a0, a1), (b0, b1), score) in links {
        w.uint(a0);
        w.uint(a1);
        w.uint(b0);
        w.uint(b1);
        w.uint(score.to_bits() as usize);
    }
    w.0
}

/// Encode a whole corpus and its alignment.
pub fn encode_corpus(corpus: &Corpus, alignment: &Alignment) -> Vec<u8> {
    let links: Vec<_> = alignment.links.iter().map(|l| (l.a, l.b, l.score)).collect();
    encode(&corpus.articles, &links)
}

/// Decoded articles (ids and corpus speakers not yet filled) and links.
pub struct Decoded {
    /// Articles in encoded order.
    pub articles: Vec<Entry>,
    /// Alignment links as (a, b, score), indices relative to `articles`.
    pub links: Vec<(QuoteAt, QuoteAt, f32)>,
}

/// Decode bytes made by [`encode`]; `None` when they are malformed in any way.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4)? != MAGIC {
        return None;
    }
    let n = r.count()?;
    let mut articles = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
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
        for _ in 0..r.count()? {
            let name = r.string()?;
            let aliases = r.strings()?;
            let roles = r.strings()?;
            let kind = if r.uint()? == 0 { SpeakerKind::Person } else { SpeakerKind::Organisation };
            people.push(Person { name, aliases, roles, kind });
        }
        let mut quotes = Vec::new();
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
        }
        let mut diagnostics = Vec::new();
        for _ in 0..r.count()? {
            let span = r.span(t)?;
            let code = intern(&r.string()?);
            let message = r.string()?;
            diagnostics.push(Diagnostic { span, code, message });
        }
        let article = Article { text, blocks, sentences };
        articles.push(crate::corpus::entry_from_parts(
            name,
            outlet,
            date,
            local,
            article,
            ArticleQuotes { quotes, people, diagnostics },
        ));
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
    (r.pos == bytes.len()).then_some(Decoded { articles, links })
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
    use std::sync::Mutex;
    static NAMES: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let Ok(mut names) = NAMES.lock() else { return "unknown" };
    if let Some(n) = names.iter().find(|n| **n == s) {
        return n;
    }
    if names.len() >= 4096 || s.len() > 64 {
        return "unknown";
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    names.push(leaked);
    leaked
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
        (0..n).map(|_| self.string()).collect()
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
