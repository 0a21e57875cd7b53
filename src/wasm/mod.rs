//! THE browser boundary: the only module (this file, and worker.rs for the full build) that
//! names wasm_bindgen, web_sys, js_sys or serde_wasm_bindgen.
//!
//! JS holds one opaque [`Lens`] handle; the page's views (article list, article, card, hints,
//! passages) come as JSON text for JS to `JSON.parse` (see [`view`]), the worker's own views as
//! small plain objects (serde-wasm-bindgen, see `to_js`), except the per-keystroke
//! [`Lens::search`], which returns numbers only (one `Uint32Array`; the cards and facet labels it
//! refers to are fetched once by number and cached by `www/hits.js`). Text that JS shows with
//! marks comes as pre-split **segments** (`[{text, quote?, hit?}]`) or with UTF-16 code unit
//! ranges, converted here and nowhere else, so JS never counts characters itself.
//! Errors become `JsError` with a message a person can act on; a panic (a bug, never input) is
//! reported to the page through the hook installed by [`set_panic_handler`].

use crate::article::BlockKind;
use crate::corpus::{excerpt, Corpus, Entry};
use crate::json::{Json, ToJson};
use crate::span::Span;
#[cfg(not(feature = "page"))]
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "page"))]
mod worker;
#[cfg(not(feature = "page"))]
pub use worker::{bench_extract, Workbench};

/// The few JS functions the page's build calls, declared here rather than taken from js-sys (or
/// gloo-console, which uses it): linking js-sys keeps in the wasm the closure shims of every
/// binding it describes (typed arrays' `forEach` and the like, its futures), which nothing here
/// calls: 1.2 kB gzipped.
#[wasm_bindgen]
extern "C" {
    /// A JS function the page hands over (its panic callback).
    pub type Callback;
    /// `callback.call(this_arg, message)`.
    #[wasm_bindgen(method, catch, js_name = call)]
    fn call_with(this: &Callback, this_arg: &JsValue, message: &str) -> Result<JsValue, JsValue>;
    /// `console.error(message)`.
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Install a panic hook that logs the panic to the console and calls `on_panic(message)`, so the
/// page can show a banner with a reload button instead of silently dying.
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(on_panic: Callback) {
    std::panic::set_hook(Box::new(move |info| {
        // The message alone (builds without location detail have no file or line to add), which
        // spares the page's wasm the hook info's own formatting.
        let msg = info.payload_as_str().unwrap_or("a panic without a message").to_string();
        console_error(&crate::span::cat(&["quotelens core panicked: ", &msg]));
        let _ = on_panic.call_with(&JsValue::NULL, &msg);
    }));
}

/// Deliberately panic (for the test that proves a panic reaches the page as a banner).
#[wasm_bindgen(js_name = forcePanicForTest)]
pub fn force_panic_for_test() {
    panic!("forced panic (test of the error banner)");
}

/// A view of the worker's own as plain JS objects, built with serde-wasm-bindgen.
#[cfg(not(feature = "page"))]
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not hand the result to the page: {e}")))
}

/// A view of the page's as JSON text (`crate::json`), one JS string that the page turns into
/// plain objects with `JSON.parse`: in the page's wasm 5 kB gzipped less than building the objects
/// through serde-wasm-bindgen, and 200 B less than calling `JSON.parse` from here. The same
/// objects as serde-wasm-bindgen's (a test below compares them).
fn view<T: ToJson>(value: &T) -> JsValue {
    JsValue::from_str(&crate::json::to_string(value))
}

/// What a lens knows of other articles reporting its quotes' remarks. The full build keeps the
/// whole alignment (its comparison view shows the links); the page's build only the count its
/// cards show (see [`Reports`]).
#[cfg(not(feature = "page"))]
use crate::align::Alignment;

/// The page's build keeps of the alignment only what its cards show, per quote the number of other
/// articles that report the same remark, which the pack carries: no alignment code (links to
/// groups) in the page's wasm.
#[cfg(feature = "page")]
#[derive(Default)]
struct Reports {
    /// Per article, per quote: how many other articles report the same remark.
    elsewhere: Vec<Vec<usize>>,
}

#[cfg(feature = "page")]
impl Reports {
    /// How many other articles report the remark of quote `qi` of article `ai` (0 for one this
    /// lens does not have).
    fn reported_elsewhere(&self, (ai, qi): (usize, usize)) -> usize {
        self.elsewhere.get(ai).and_then(|counts| counts.get(qi)).copied().unwrap_or(0)
    }
}

#[cfg(feature = "page")]
type Alignment = Reports;

/// The whole app state on the Rust side: the corpus (bundled articles).
#[wasm_bindgen]
pub struct Lens {
    corpus: Corpus,
    index: crate::search::Index,
    alignment: Alignment,
    /// Changes whenever the corpus or its index does, so the page knows its cached cards and
    /// facet labels (keyed by quote number and facet slot) are stale.
    generation: u32,
}

/// The last generation handed out, shared by every lens so a new lens never reuses one.
static GENERATION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn next_generation() -> u32 {
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed).wrapping_add(1)
}

/// An article in the list.
#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct ArticleSummary<'a> {
    id: &'a str,
    local: bool,
    file: &'a str,
    title: String,
    has_headline: bool,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    quotes: usize,
    lede: String,
}

/// One piece of text with what it is part of.
#[cfg_attr(not(feature = "page"), derive(Serialize))]
#[derive(Debug, PartialEq)]
pub(crate) struct Segment<'a> {
    text: &'a str,
    /// Index into the block's `quotes` when the piece is inside a quotation.
    #[cfg_attr(not(feature = "page"), serde(skip_serializing_if = "Option::is_none"))]
    quote: Option<usize>,
    /// True when the piece matches the search.
    #[cfg_attr(not(feature = "page"), serde(skip_serializing_if = "std::ops::Not::not"))]
    hit: bool,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct BlockView<'a> {
    kind: &'static str,
    reason: &'static str,
    segments: Vec<Segment<'a>>,
    quotes: Vec<QuoteMark<'a>>,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct QuoteMark<'a> {
    id: &'a str,
    /// The quote's text (between its marks) as UTF-16 offsets into the block's text.
    range: [usize; 2],
    kind: &'static str,
    speaker: Option<&'a str>,
    speaker_id: Option<&'a str>,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct ArticleView<'a> {
    id: &'a str,
    file: &'a str,
    title: String,
    has_headline: bool,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
}

#[wasm_bindgen]
impl Lens {
    /// The lens over the bundled articles. The page's build starts empty: the page fetches the
    /// bundled articles, parsed and aligned natively at build time, as a pack (`pkg/seeds.pack`,
    /// data kept out of the code so the wasm stays small and the download runs in parallel) and
    /// hands it to [`Lens::load_pack`]. The full build parses them here.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Lens, JsError> {
        #[cfg(feature = "page")]
        {
            Ok(Lens::over(Corpus::default(), Reports::default(), true))
        }
        #[cfg(not(feature = "page"))]
        {
            let corpus = Corpus::seeds();
            let alignment = crate::align::align(&corpus);
            Ok(Lens::over(corpus, alignment, true))
        }
    }

    /// Replace the corpus with a pack (from the Web Worker's `Workbench.pack`, or the build). On a
    /// malformed pack nothing changes and the error says so. With `quotes_first` the search index
    /// covers the quotes alone until [`Lens::complete_index`] or a request that needs words (the
    /// page's first screen); otherwise it is whole at once.
    #[wasm_bindgen(js_name = loadPack)]
    pub fn load_pack(&mut self, bytes: &[u8], quotes_first: Option<bool>) -> Result<(), JsError> {
        *self = Lens::decoded(bytes, quotes_first != Some(true))?;
        Ok(())
    }

    /// Build the whole search index now if [`Lens::load_pack`] left only the quotes' (see
    /// `Index::build_quotes`): the page asks once its first quotes are on screen, so the first
    /// keystroke does not pay for it. Any request that needs it builds it anyway.
    #[wasm_bindgen(js_name = completeIndex)]
    pub fn complete_index(&mut self) {
        if !self.index.is_complete() {
            self.index = crate::search::Index::build(&self.corpus);
        }
    }

    /// One article for the reader view, as JSON text: `{id, file, title, has_headline, outlet,
    /// date, blocks: [{kind, reason, segments, quotes}]}`, its blocks as segments with quotes
    /// marked and the matches of `q` (the current search) highlighted.
    pub fn article(&mut self, id: &str, q: Option<String>) -> Result<JsValue, JsError> {
        self.index_for(q.as_deref().unwrap_or(""));
        let e = self.corpus.article(id).ok_or_else(|| {
            JsError::new(&if crate::corpus::is_local_id(id) {
                "That link points at an article someone added in their own browser; it is not in your copy of quotelens.".to_string()
            } else {
                crate::span::cat(&["There is no article with id “", &excerpt(id, 40), "” in this copy."])
            })
        })?;
        let hits = match q.as_deref().map(str::trim) {
            Some(q) if !q.is_empty() => self.index.highlight(&crate::search::parse_query(q).0, &e.article.text),
            _ => Vec::new(),
        };
        Ok(view(&article_view(&self.corpus, e, &hits)))
    }

    /// `[{id, file, title, has_headline, outlet, date, quotes, lede}]` in corpus order, as JSON
    /// text.
    pub fn articles(&self) -> JsValue {
        let mut list: Vec<ArticleSummary> = Vec::with_capacity(self.corpus.articles.len());
        for e in &self.corpus.articles {
            list.push(summary(e));
        }
        view(&list)
    }
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct SpeakerRef<'a> {
    id: &'a str,
    name: &'a str,
    role: Option<&'a str>,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct HitView<'a> {
    id: &'a str,
    article_id: &'a str,
    article_title: String,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    kind: &'static str,
    cue: Option<&'a str>,
    rule: &'static str,
    speaker: Option<SpeakerRef<'a>>,
    /// The quote's words, between its marks.
    text: &'a str,
    /// How many other articles report the same remark.
    same_as: usize,
    local: bool,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct HintView<'a> {
    /// UTF-16 offsets into the query.
    start: usize,
    end: usize,
    code: &'static str,
    message: &'a str,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct PassageView<'a> {
    article_id: &'a str,
    article_title: String,
    segments: Vec<Segment<'a>>,
}

#[cfg_attr(not(feature = "page"), derive(Serialize))]
struct PassagesView<'a> {
    passage_total: usize,
    passages: Vec<PassageView<'a>>,
}

/// The views as JSON text (see `crate::json`): the same keys, in the same order, as their
/// `Serialize` (the worker's build), which a test below checks.
mod to_json {
    use super::*;

    impl ToJson for ArticleSummary<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("id").str(self.id);
            w.key("local").bool(self.local);
            w.key("file").str(self.file);
            w.key("title").str(&self.title);
            w.key("has_headline").bool(self.has_headline);
            w.key("outlet").opt_str(self.outlet);
            w.key("date").opt_str(self.date);
            w.key("quotes").num(self.quotes);
            w.key("lede").str(&self.lede);
            w.close();
        }
    }

    impl ToJson for Segment<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("text").str(self.text);
            if let Some(q) = self.quote {
                w.key("quote").num(q);
            }
            if self.hit {
                w.key("hit").bool(true);
            }
            w.close();
        }
    }

    impl ToJson for BlockView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("kind").str(self.kind);
            w.key("reason").str(self.reason);
            self.segments.json(w.key("segments"));
            self.quotes.json(w.key("quotes"));
            w.close();
        }
    }

    impl ToJson for QuoteMark<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("id").str(self.id);
            w.key("range").array(&self.range, |w, &v| w.num(v));
            w.key("kind").str(self.kind);
            w.key("speaker").opt_str(self.speaker);
            w.key("speaker_id").opt_str(self.speaker_id);
            w.close();
        }
    }

    impl ToJson for ArticleView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("id").str(self.id);
            w.key("file").str(self.file);
            w.key("title").str(&self.title);
            w.key("has_headline").bool(self.has_headline);
            w.key("outlet").opt_str(self.outlet);
            w.key("date").opt_str(self.date);
            self.blocks.json(w.key("blocks"));
            w.close();
        }
    }

    impl ToJson for HitView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("id").str(self.id);
            w.key("article_id").str(self.article_id);
            w.key("article_title").str(&self.article_title);
            w.key("outlet").opt_str(self.outlet);
            w.key("date").opt_str(self.date);
            w.key("kind").str(self.kind);
            w.key("cue").opt_str(self.cue);
            w.key("rule").str(self.rule);
            w.key("speaker");
            match &self.speaker {
                Some(s) => {
                    w.open().key("id").str(s.id);
                    w.key("name").str(s.name);
                    w.key("role").opt_str(s.role);
                    w.close();
                }
                None => w.opt_str(None),
            }
            w.key("text").str(self.text);
            w.key("same_as").num(self.same_as);
            w.key("local").bool(self.local);
            w.close();
        }
    }

    impl ToJson for HintView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("start").num(self.start);
            w.key("end").num(self.end);
            w.key("code").str(self.code);
            w.key("message").str(self.message);
            w.close();
        }
    }

    impl ToJson for PassageView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("article_id").str(self.article_id);
            w.key("article_title").str(&self.article_title);
            self.segments.json(w.key("segments"));
            w.close();
        }
    }

    impl ToJson for PassagesView<'_> {
        fn json(&self, w: &mut Json) {
            w.open().key("passage_total").num(self.passage_total);
            self.passages.json(w.key("passages"));
            w.close();
        }
    }
}

#[wasm_bindgen]
impl Lens {
    /// Search the quotes: `search(q, speaker ids, outlet ids, article ids, kinds, limit,
    /// facets?)` → one `Uint32Array`, read by `www/hits.js`. Each facet's selection is one
    /// string, a value per line ("" for none): one string crosses the boundary in less code than
    /// an array of them.
    ///
    /// ```text
    /// generation, total, hints, hit count,
    /// per hit:   quote number, n, n × (start, end) in the quote text, m, m × (start, end) in the speaker's name,
    /// per facet (speaker, outlet, article, kind): values in all, listed, listed × (slot, count, selected)
    /// ```
    ///
    /// Ranges are UTF-16 offsets. What does not change between keystrokes (a quote's card, a
    /// facet value's id and label) is asked for once by number, all a keystroke lacks in one
    /// [`Lens::details`] call, and kept by the page for as long as `generation` stays. A facet
    /// slot with the top bit set is a selected value the corpus does not have: the low bits index
    /// the request's values of that facet. When `hints` is above 0, [`Lens::hints`] gives them. Each facet lists its
    /// selected values and its top `facets` others (0: all of them; none given:
    /// [`crate::search::DEFAULT_FACET_LIMIT`]): the page asks for the few its panel shows, and for
    /// all of a facet a person expands. The matching paragraphs of the article text come
    /// apart, from [`Lens::passages`]. Everything crosses as numbers: building 30 cards of
    /// objects and strings per keystroke cost more than the search itself.
    #[allow(clippy::too_many_arguments)]
    pub fn search(
        &mut self,
        q: String,
        speaker: String,
        outlet: String,
        article: String,
        kind: String,
        limit: u32,
        facets: Option<u32>,
    ) -> Vec<u32> {
        let mut req = request(q, lines(speaker), lines(outlet), lines(article), lines(kind), limit as usize);
        if let Some(n) = facets {
            req.facet_limit = n as usize;
        }
        req.facet_labels = false;
        self.index_for(&req.query);
        let res = self.index.search_quotes(&self.corpus, &req);
        let c = &self.corpus;
        let mut out = vec![self.generation, clamp(res.total), clamp(res.hints.len()), 0];
        let mut n_hits = 0;
        for h in &res.hits {
            let (Some(number), Some(e)) = (self.index.quote_number(h.article, h.quote), c.articles.get(h.article))
            else {
                continue;
            };
            let Some(q) = e.quotes.quotes.get(h.quote) else { continue };
            out.push(number);
            push_utf16_ranges(&mut out, q.span.slice(&e.article.text), &h.text);
            let name = e.speaker_of(q).and_then(|s| c.speakers.get(s)).map_or("", |s| s.name.as_str());
            push_utf16_ranges(&mut out, name, &h.speaker);
            n_hits += 1;
        }
        out[3] = n_hits;
        let f = &res.facets;
        let t = &f.totals;
        for (values, total, asked) in [
            (&f.speakers, t.speakers, &req.speakers),
            (&f.outlets, t.outlets, &req.outlets),
            (&f.articles, t.articles, &req.articles),
            (&f.kinds, f.kinds.len(), &Vec::new()),
        ] {
            out.push(clamp(total));
            out.push(clamp(values.len()));
            for v in values {
                let slot =
                    v.slot.unwrap_or_else(|| STALE | clamp(asked.iter().position(|a| *a == v.value).unwrap_or(0)));
                out.push(slot);
                out.push(clamp(v.count));
                out.push(u32::from(v.selected));
            }
        }
        out
    }

    /// What the page shows that does not depend on the search, for the quotes and facet values
    /// of [`Lens::search`]'s answers it has not seen yet. `asked` holds how many quote numbers
    /// follow, those numbers (from the answer), then facet values (each `facet << 30 | slot`,
    /// facet 0 speaker, 1 outlet, 2 article, 3 kind). The answer is one JSON array: the cards in
    /// order, `{id, article_id, article_title, outlet, date, kind, cue, rule, speaker: {id, name,
    /// role} | null, text, same_as, local}`, then the values in order, `[value, label]` (a
    /// speaker id and name, an outlet slug and name, an article id and title, a kind twice),
    /// `["", ""]` for a slot this lens does not have. The page asks once per keystroke, for all it
    /// lacks: one crossing, one decode and one `JSON.parse` instead of one each per card and
    /// value. An error for a quote number this lens does not have.
    pub fn details(&self, asked: &[u32]) -> Result<JsValue, JsError> {
        use crate::search::FacetKind;
        let n_quotes = asked.first().map_or(0, |&n| n as usize);
        let (quotes, values) = asked.split_at(asked.len().min(n_quotes.saturating_add(1)));
        let quotes = quotes.get(1..).unwrap_or(&[]);
        let mut w = Json(String::from("["));
        for &n in quotes {
            let (ai, qi) = self
                .index
                .quote_at(n)
                .filter(|&(ai, qi)| self.corpus.articles.get(ai).is_some_and(|e| qi < e.quotes.quotes.len()))
                .ok_or_else(|| JsError::new("That quote is no longer here; search again."))?;
            w.comma();
            self.hit_view(ai, qi).json(&mut w);
        }
        for &v in values {
            let kind = [FacetKind::Speaker, FacetKind::Outlet, FacetKind::Article, FacetKind::Kind][(v >> 30) as usize];
            let pair = self.index.facet_value(&self.corpus, kind, (v & ((1 << 30) - 1)) as usize);
            let (value, label) = pair.as_ref().map_or(("", ""), |(v, l)| (v.as_str(), l.as_str()));
            w.comma();
            w.0.push('[');
            w.str(value);
            w.0.push(',');
            w.str(label);
            w.0.push(']');
        }
        w.0.push(']');
        Ok(JsValue::from_str(&w.0))
    }

    /// The query's hints (mistakes and what was done about them), as JSON text: `[{start, end,
    /// code, message}]` with UTF-16 offsets into `q`.
    pub fn hints(&self, q: &str) -> JsValue {
        let (_, hints) = crate::search::parse_query(q);
        view(&hint_views(q, &hints))
    }

    /// The paragraphs of the article text that match the same request (a free-text query):
    /// `passages(q, speaker ids, outlet ids, article ids, kinds, limit)` (selections a value per
    /// line, as for [`Lens::search`]) →
    /// `{passage_total, passages: [{article_id, article_title, segments}]}` as JSON text, the best
    /// `limit` as snippets. Asked for after the quotes are on screen.
    pub fn passages(
        &mut self,
        q: String,
        speaker: String,
        outlet: String,
        article: String,
        kind: String,
        limit: u32,
    ) -> JsValue {
        let mut req = request(q, lines(speaker), lines(outlet), lines(article), lines(kind), 0);
        req.passage_limit = limit as usize;
        self.index_for(&req.query);
        view(&self.passages_view(&req))
    }
}

fn hint_views<'a>(q: &str, hints: &'a [crate::search::Hint]) -> Vec<HintView<'a>> {
    let mut out = Vec::with_capacity(hints.len());
    for h in hints {
        out.push(HintView {
            start: utf16_offset(q, h.span.start),
            end: utf16_offset(q, h.span.end),
            code: h.code,
            message: &h.message,
        });
    }
    out
}

/// A facet selection sent as one string, a value per line ("" for none), as its values.
fn lines(values: String) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = values.as_str();
    if !rest.is_empty() {
        while let Some((line, next)) = crate::span::split_at_byte(rest, b'\n') {
            out.push(line.to_string());
            rest = next;
        }
        out.push(rest.to_string());
    }
    out
}

/// A search request from the page's arguments. Passed as plain arguments rather than one object:
/// deserializing an object through serde costs the wasm ~25 kB gzipped.
fn request(
    query: String,
    speakers: Vec<String>,
    outlets: Vec<String>,
    articles: Vec<String>,
    kinds: Vec<String>,
    limit: usize,
) -> crate::search::Request {
    crate::search::Request {
        query,
        speakers,
        outlets,
        articles,
        kinds: {
            let mut out = Vec::new();
            for k in &kinds {
                out.extend(crate::quote::QuoteKind::parse(k));
            }
            out
        },
        limit,
        offset: 0,
        ..crate::search::Request::default()
    }
}

impl Lens {
    fn passages_view(&self, req: &crate::search::Request) -> PassagesView<'_> {
        let res = self.index.search_passages(&self.corpus, req);
        let mut passages = Vec::new();
        for p in &res.passages {
            let Some(e) = self.corpus.articles.get(p.article) else { continue };
            passages.push(PassageView {
                article_id: &e.id,
                article_title: e.display_title(),
                segments: segments(&e.article.text, p.snippet, &[], &p.ranges),
            });
        }
        PassagesView { passage_total: res.passage_total, passages }
    }

    /// A quote's card: everything shown about it but the search's highlights.
    fn hit_view(&self, ai: usize, qi: usize) -> HitView<'_> {
        let c = &self.corpus;
        let e = &c.articles[ai];
        let q = &e.quotes.quotes[qi];
        let sp = e.speaker_of(q).map(|s| &c.speakers[s]);
        let person = q.speaker.and_then(|i| e.quotes.people.get(i));
        HitView {
            id: &e.quote_ids[qi],
            article_id: &e.id,
            article_title: e.display_title(),
            outlet: e.outlet.as_deref(),
            date: e.date.as_deref(),
            kind: q.kind.as_str(),
            cue: q.cue.as_ref().map(|cue| cue.span.slice(&e.article.text)),
            rule: q.rule,
            speaker: sp.map(|s| SpeakerRef {
                id: &s.id,
                name: &s.name,
                role: person.and_then(|p| p.roles.first()).map(String::as_str),
            }),
            text: q.span.slice(&e.article.text),
            same_as: self.alignment.reported_elsewhere((ai, qi)),
            local: e.local,
        }
    }
}

impl Lens {
    /// A lens over a pack; an error a person can read for a malformed one.
    /// `whole`: build the whole search index at once (else the quotes' alone, see
    /// [`Lens::index_for`]).
    fn decoded(bytes: &[u8], whole: bool) -> Result<Lens, JsError> {
        let d = crate::pack::decode(bytes).ok_or_else(|| {
            JsError::new("The parsed articles came back damaged; nothing was changed. Reload and try again.")
        })?;
        #[cfg(feature = "page")]
        let alignment = Reports { elsewhere: d.reported_elsewhere };
        #[cfg(not(feature = "page"))]
        let alignment = Alignment::from_links(&d.corpus, &d.links);
        Ok(Lens::over(d.corpus, alignment, whole))
    }

    /// A lens over a corpus, with the whole search index or (`whole` false) the quotes' alone.
    fn over(corpus: Corpus, alignment: Alignment, whole: bool) -> Lens {
        let index =
            if whole { crate::search::Index::build(&corpus) } else { crate::search::Index::build_quotes(&corpus) };
        Lens { corpus, index, alignment, generation: next_generation() }
    }

    /// Make the search index whole if it does not answer `query` as the whole one would (the
    /// page's first screen is painted from the quotes' alone). Quote numbers and facet slots are
    /// the same in both, so the page's cached cards and labels stay valid.
    fn index_for(&mut self, query: &str) {
        if !self.index.answers(query) {
            self.complete_index();
        }
    }
}

fn summary(e: &Entry) -> ArticleSummary<'_> {
    ArticleSummary {
        id: &e.id,
        local: e.local,
        file: &e.name,
        title: e.display_title(),
        has_headline: e.article.title().is_some(),
        outlet: e.outlet.as_deref(),
        date: e.date.as_deref(),
        quotes: e.quotes.quotes.len(),
        lede: excerpt(e.article.lede().unwrap_or(""), 200),
    }
}

fn article_view<'a>(corpus: &'a Corpus, e: &'a Entry, hits: &[Span]) -> ArticleView<'a> {
    let text = &e.article.text;
    // Loops rather than iterator chains collected: each collect of a filtered chain is its own
    // copy of Vec's growing code in the page's wasm.
    let mut blocks = Vec::new();
    for b in e.article.blocks.iter().filter(|b| !b.content.is_empty()) {
        let block_text = b.content.slice(text);
        let rel = |p: usize| utf16_offset(block_text, p.saturating_sub(b.content.start));
        let (mut spans, mut quotes) = (Vec::new(), Vec::new());
        for (i, q) in e.quotes.quotes.iter().enumerate() {
            if !b.content.overlaps(q.outer) {
                continue;
            }
            spans.push(q.outer);
            let s = e.speaker_of(q).map(|s| &corpus.speakers[s]);
            quotes.push(QuoteMark {
                id: &e.quote_ids[i],
                range: [rel(q.span.start), rel(q.span.end)],
                kind: q.kind.as_str(),
                speaker: s.map(|s| s.name.as_str()),
                speaker_id: s.map(|s| s.id.as_str()),
            });
        }
        blocks.push(BlockView {
            kind: b.kind.as_str(),
            reason: b.reason,
            segments: segments(text, b.content, &spans, hits),
            quotes,
        });
    }
    ArticleView {
        id: &e.id,
        file: &e.name,
        title: e.display_title(),
        has_headline: e.article.blocks.iter().any(|b| b.kind == BlockKind::Title),
        outlet: e.outlet.as_deref(),
        date: e.date.as_deref(),
        blocks,
    }
}

/// Split `within` of `text` at every boundary of the (non-overlapping, sorted) `quotes` and the
/// `hits`, so each segment is entirely inside or outside each. Spans are clamped to `within`.
pub(crate) fn segments<'a>(text: &'a str, within: Span, quotes: &[Span], hits: &[Span]) -> Vec<Segment<'a>> {
    // As u64 keys, for the sort the search links anyway (one sort less in the page's wasm).
    let mut cuts = vec![within.start as u64, within.end as u64];
    for s in quotes.iter().chain(hits) {
        for p in [s.start, s.end] {
            if p > within.start && p < within.end && text.is_char_boundary(p) {
                cuts.push(p as u64);
            }
        }
    }
    crate::search::sort::sort_dedup(&mut cuts);
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let piece = Span::new(w[0] as usize, w[1] as usize);
        out.push(Segment {
            text: piece.slice(text),
            quote: quotes.iter().position(|q| q.contains(piece)),
            hit: hits.iter().any(|h| h.contains(piece)),
        });
    }
    out
}

/// A facet slot's top bit: a selected value the corpus does not have (see [`Lens::search`]).
const STALE: u32 = 1 << 31;

/// A count or length as a frame number (saturating; nothing real comes near).
fn clamp(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Append `ranges.len()` and each byte range of `text` as UTF-16 (start, end), in one pass over
/// the text for sorted ranges (highlights are sorted and merged).
fn push_utf16_ranges(out: &mut Vec<u32>, text: &str, ranges: &[Span]) {
    out.push(clamp(ranges.len()));
    // Pushes one by one, not `extend` over arrays: each array `extend` is its own copy of
    // Vec's code in the page's wasm.
    if text.is_ascii() {
        for r in ranges {
            out.push(clamp(r.start.min(text.len())));
            out.push(clamp(r.end.min(text.len())));
        }
        return;
    }
    let (mut byte, mut unit) = (0usize, 0usize);
    let mut to = |p: usize| {
        let mut p = p.min(text.len());
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        if p < byte {
            (byte, unit) = (0, 0);
        }
        unit += Span::new(byte, p).slice(text).encode_utf16().count();
        byte = p;
        clamp(unit)
    };
    for r in ranges {
        let start = to(r.start);
        out.push(start);
        out.push(to(r.end));
    }
}

/// Convert a byte offset into `text` to UTF-16 code units (clamped to the text; a position inside
/// a character counts from that character's start).
pub(crate) fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    Span::new(0, b).slice(text).encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// The page's JSON text (parsed by the browser) and the worker's serde-wasm-bindgen give the
    /// same objects for every view the page asks for: article lists, articles with quotes and
    /// search marks, cards, passages, hints. Compared as `JSON.stringify` of each (key order
    /// included).
    #[cfg(not(feature = "page"))]
    #[wasm_bindgen_test]
    fn json_text_and_serde_wasm_bindgen_give_the_same_objects() {
        fn same<T: Serialize + ToJson>(what: &str, v: &T) {
            let text = crate::json::to_string(v);
            let parsed = js_sys::JSON::parse(&text).unwrap_or_else(|_| panic!("{what}: not JSON: {text}"));
            let built = v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("serializes");
            let s = |x: &JsValue| js_sys::JSON::stringify(x).ok().and_then(|s| s.as_string()).expect("stringify");
            assert_eq!(s(&parsed), s(&built), "{what}");
        }
        let lens = Lens::new().expect("seeds");
        let c = &lens.corpus;
        let list: Vec<ArticleSummary> = c.articles.iter().map(summary).collect();
        same("articles", &list);
        let query = crate::search::parse_query("wang “sovereignty” chin").0;
        let mut cards = 0;
        for (ai, e) in c.articles.iter().enumerate() {
            same(&e.id, &article_view(c, e, &lens.index.highlight(&query, &e.article.text)));
            for qi in 0..e.quotes.quotes.len() {
                same(&e.quote_ids[qi], &lens.hit_view(ai, qi));
                cards += 1;
            }
        }
        assert!(cards >= 60, "{cards} cards compared");
        for q in ["china", "wang yi", "\"iron clad\"", "xyzzy"] {
            let mut req = request(q.into(), vec![], vec![], vec![], vec![], 0);
            req.passage_limit = 5;
            same(q, &lens.passages_view(&req));
        }
        for q in ["speaker:\"wang", "a OR", "“unclosed é😀 -", "kind:nope x"] {
            let hints = crate::search::parse_query(q).1;
            assert!(!hints.is_empty(), "{q} has hints");
            same(q, &hint_views(q, &hints));
        }
    }

    #[wasm_bindgen_test]
    fn utf16_offsets_count_surrogate_pairs() {
        let t = "é’“😀x";
        assert_eq!(utf16_offset(t, 0), 0);
        assert_eq!(utf16_offset(t, 2), 1); // after é
        assert_eq!(utf16_offset(t, 5), 2); // after ’
        assert_eq!(utf16_offset(t, 8), 3); // after “
        assert_eq!(utf16_offset(t, 12), 5); // after 😀 (two code units)
        assert_eq!(utf16_offset(t, 99), 6);
        assert_eq!(utf16_offset(t, 10), 3); // inside 😀
    }

    #[wasm_bindgen_test]
    fn utf16_ranges_in_one_pass_equal_each_offset_alone() {
        let t = "é’“😀x said 👍🏽 Zoë";
        // Every pair of byte positions, in and out of order, inside chars and past the end.
        let spans: Vec<Span> = (0..=t.len() + 2).step_by(3).map(|a| Span::new(a, (a + 5).min(t.len() + 2))).collect();
        for ranges in [spans.clone(), spans.iter().rev().copied().collect()] {
            let mut out = Vec::new();
            push_utf16_ranges(&mut out, t, &ranges);
            let want: Vec<u32> = std::iter::once(ranges.len() as u32)
                .chain(ranges.iter().flat_map(|r| [utf16_offset(t, r.start) as u32, utf16_offset(t, r.end) as u32]))
                .collect();
            assert_eq!(out, want);
        }
        let mut out = Vec::new();
        push_utf16_ranges(&mut out, "ascii only", &[Span::new(6, 10), Span::new(8, 99)]);
        assert_eq!(out, [2, 6, 10, 8, 10]);
    }

    #[wasm_bindgen_test]
    fn segments_split_at_quote_and_hit_boundaries() {
        let t = "He said “é 😀 fine” today.";
        let q = Span::new(t.find('“').unwrap(), t.find('”').unwrap() + '”'.len_utf8());
        let h = Span::new(t.find("fine").unwrap(), t.find("fine").unwrap() + 4);
        let segs = segments(t, Span::new(0, t.len()), &[q], &[h]);
        let joined: String = segs.iter().map(|s| s.text).collect();
        assert_eq!(joined, t);
        let hit: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text).collect();
        assert_eq!(hit, ["fine"]);
        assert!(segs.iter().filter(|s| s.quote == Some(0)).any(|s| s.text.contains('😀')));
    }
}
