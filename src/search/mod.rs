//! Search: tokenizer and folding, query language, index, ranking, facets and highlights.
//!
//! ```
//! use quotelens::corpus::{Corpus, Source};
//! use quotelens::search::{Index, Request};
//! let corpus = Corpus::build(vec![Source {
//!     name: "talks.txt".into(),
//!     text: "“The negotiations will continue,” Jane Smith said.".into(),
//!     ..Source::default()
//! }]);
//! let index = Index::build(&corpus);
//! let results = index.search(&corpus, &Request { query: "negotiation".into(), ..Request::default() });
//! assert_eq!(results.total, 1);
//! let hit = &results.hits[0];
//! let text = corpus.articles[hit.article].quotes.quotes[hit.quote].span.slice(&corpus.articles[0].article.text);
//! assert_eq!(hit.text[0].slice(text), "negotiations");
//! ```
//!
//! How a search runs: the query is parsed ([`parse_query`], never fails: mistakes come back as
//! [`Hint`]s); each query word is expanded against the sorted dictionary into the indexed words it
//! matches (same stem, longer words while typing, words a typo or two away); the posting lists of
//! those words are merged into matching documents with BM25F scores (field boosts in
//! `FIELD_BOOST`); the best are reordered with a proximity bonus; facets are counted over all
//! matches; highlights are found by re-tokenizing only the texts shown.
//!
//! Two kinds of results share one dictionary: **quotes** (text, speaker name + aliases, roles,
//! cue, and their article's title and outlet; kind and ids as filters) and **passages** (body
//! paragraphs; the speakers and kinds of the quotes inside them and their article's outlet, title
//! and ids as filters). Free-text words search quotes in all their free-text fields and passages in
//! their text. What belongs to an article is indexed once per article and reaches its quotes and
//! paragraphs through their article.
//!
//! Facet selections and `speaker:`/`kind:` apply to a passage through the quotes inside it (a
//! paragraph "has" the speakers and kinds of its quotes), `outlet:`/`article:` through its article.
//!
//! Determinism: no hash-map order leaks out; ties are broken by document order (corpus order:
//! article, then position in the article), so the same corpus and request give the same results on
//! every platform.
//!
//! Unattributed quotes have the speaker facet value [`UNATTRIBUTED`]; articles without a known
//! outlet the outlet facet value [`UNKNOWN_OUTLET`]. Both can be selected like any other value.
//!
//! # Splitting a large corpus into chunks (design)
//!
//! The index is laid out so a corpus too big for one download can be served from a static host in
//! chunks fetched on demand, as Pagefind does:
//! 1. The dictionary is sorted, so it splits into contiguous term ranges; each chunk file holds one
//!    range's terms with their posting lists (docs, positions, precomputed BM25F weights) and a
//!    small manifest lists the first term of every chunk, each term's document frequency, and the
//!    per-document tables that filters, facets and BM25 need (article, speaker, kind, field
//!    lengths, outlet; article → document ranges).
//! 2. A query word needs only the chunks its prefix range spans. Its stem group lies in that range
//!    too: every word with stem `s` starts with `s` minus its last letter (a tested invariant of the
//!    stemmer). Typos run the same trie walk on a terms-only list (no postings, about a tenth of the
//!    size), then fetch just the chunks holding the terms it found. Fetched chunks are cached.
//! 3. Document ids are global, so postings from different chunks merge as they do now; the texts
//!    shown (quotes, titles, paragraphs for snippets) come from per-article files fetched only for
//!    the hits on screen, and highlighting re-tokenizes just those texts.

pub mod fold;
pub mod matching;
pub mod query;
pub mod stem;
pub mod tokenize;

mod eval;
mod index;
mod letters;
pub(crate) mod sort;

pub use eval::{K1, PROXIMITY_WEIGHT, PROXIMITY_WINDOW};
pub use index::{FIELD_B, FIELD_BOOST};
pub use matching::{word_match, MatchKind};
pub use query::{parse_query, Clause, Field, Hint, Literal, Query, Word};

use crate::corpus::Corpus;
use crate::highlight::{snippet, SNIPPET_CHARS};
use crate::quote::QuoteKind;
use crate::span::Span;
use eval::{evaluate, proximity, resolve, MarkIn, Marker, Match};
use index::{kind_bit, Space, SpaceKind, Tables, NONE};
use letters::Letters;
use serde::Serialize;
use sort::{best_k, insertion_sort_by, smallest, sort_dedup};

/// Speaker facet value (and filter value) of quotes nobody is credited with. It cannot clash with a
/// speaker id: ids are slugs, which never contain `_`.
pub const UNATTRIBUTED: &str = "_unattributed";

/// Outlet facet value (and filter value) of articles whose outlet is unknown.
pub const UNKNOWN_OUTLET: &str = "_unknown";

/// Hits returned when a request does not say (range 0..=any, default 20).
pub const DEFAULT_LIMIT: usize = 20;

/// Passages returned when a request does not say (range 0..=any, default 5): paragraphs are
/// context for the quotes, and each costs a highlight and snippet pass per keystroke.
pub const DEFAULT_PASSAGE_LIMIT: usize = 5;

/// Values listed per facet when a request does not say (default 30; 0 = all). Selected values are
/// always listed.
pub const DEFAULT_FACET_LIMIT: usize = 30;

/// The search index over one corpus: built once, then queried per keystroke. It owns no corpus:
/// pass the same corpus it was built from to [`Index::search`].
#[derive(Debug)]
pub struct Index {
    t: Tables,
    /// False for [`Index::build_quotes`]: no paragraphs, and a dictionary of the quotes' words.
    complete: bool,
    /// The matches of each initial as a one-letter prefix.
    letters: Letters,
}

/// What to search for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The query text as typed (see [`query`] for the language).
    pub query: String,
    /// Speaker facet selection: speaker ids (or [`UNATTRIBUTED`]); any of them.
    pub speakers: Vec<String>,
    /// Outlet facet selection: outlet names (or [`UNKNOWN_OUTLET`]); any of them.
    pub outlets: Vec<String>,
    /// Article facet selection: article ids; any of them.
    pub articles: Vec<String>,
    /// Kind facet selection; any of them.
    pub kinds: Vec<QuoteKind>,
    /// Most hits to return.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Most passages to return (the best ones; passages are not paged).
    pub passage_limit: usize,
    /// Most values per facet (0 = all); selected values are always included.
    pub facet_limit: usize,
    /// Fill every listed facet value's `value` and `label` (default). When false only selected
    /// values have them, and a caller that keeps labels itself reads the others by
    /// [`FacetValue::slot`] through [`Index::facet_value`]: no strings are made per keystroke.
    pub facet_labels: bool,
}

impl Default for Request {
    fn default() -> Request {
        Request {
            query: String::new(),
            speakers: Vec::new(),
            outlets: Vec::new(),
            articles: Vec::new(),
            kinds: Vec::new(),
            limit: DEFAULT_LIMIT,
            offset: 0,
            passage_limit: DEFAULT_PASSAGE_LIMIT,
            facet_limit: DEFAULT_FACET_LIMIT,
            facet_labels: true,
        }
    }
}

/// What a search found.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    /// Quotes matching the query and the facet selection.
    pub total: usize,
    /// The page of quotes, best first.
    pub hits: Vec<Hit>,
    /// Paragraphs matching the query's free-text words and the selection (0 for a query without
    /// free-text words: an empty query or only filters).
    pub passage_total: usize,
    /// The best `passage_limit` paragraphs, best first.
    pub passages: Vec<Passage>,
    /// Facet counts for this query (each facet counted with the other facets' selections applied).
    pub facets: Facets,
    /// What the parser could not use, to show under the box.
    pub hints: Vec<Hint>,
    /// The parsed query (pass it to [`Index::highlight`] for the reader view).
    pub query: Query,
}

/// One matching quote.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    /// Index into `Corpus::articles`.
    pub article: usize,
    /// Index into the article's `quotes.quotes`.
    pub quote: usize,
    /// Ranking score (higher is better; 0 for queries without free-text words).
    pub score: f32,
    /// Matched words in the quote text: byte ranges relative to the quote text.
    pub text: Vec<Span>,
    /// Matched words in the speaker's canonical name (byte ranges into it).
    pub speaker: Vec<Span>,
}

impl Hit {
    /// The quote's stable id ("" for a hit that is not of `corpus`).
    pub fn id<'a>(&self, corpus: &'a Corpus) -> &'a str {
        corpus.articles.get(self.article).and_then(|e| e.quote_ids.get(self.quote)).map_or("", |s| s.as_str())
    }
}

/// One matching paragraph, with a snippet for long ones.
#[derive(Clone, Debug, Serialize)]
pub struct Passage {
    /// Index into `Corpus::articles`.
    pub article: usize,
    /// Index into the article's blocks.
    pub block: usize,
    /// Ranking score.
    pub score: f32,
    /// The part of the paragraph to show: byte span into the article text (the whole paragraph
    /// when it is short).
    pub snippet: Span,
    /// Matched words inside the snippet: absolute byte ranges into the article text.
    pub ranges: Vec<Span>,
}

/// Facet counts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    /// By speaker id ([`UNATTRIBUTED`] for quotes with no speaker).
    pub speakers: Vec<FacetValue>,
    /// By outlet name ([`UNKNOWN_OUTLET`] when unknown).
    pub outlets: Vec<FacetValue>,
    /// By article id.
    pub articles: Vec<FacetValue>,
    /// By kind ("direct", "partial", "term").
    pub kinds: Vec<FacetValue>,
    /// How many values each facet has in all (a count above zero, or selected), listed or not:
    /// more than listed when [`Request::facet_limit`] cut the list.
    pub totals: FacetTotals,
}

/// The number of values of each facet, listed or not (see [`Facets::totals`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetTotals {
    pub speakers: usize,
    pub outlets: usize,
    pub articles: usize,
}

/// The four facets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetKind {
    Speaker,
    Outlet,
    Article,
    Kind,
}

/// The kinds in facet slot order.
const ALL_KINDS: [QuoteKind; 3] = [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term];

/// One facet value with its live count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FacetValue {
    /// The value to put in the request (speaker id, outlet name, article id, kind).
    pub value: String,
    /// What to show (speaker name, outlet, article title, kind).
    pub label: String,
    /// Matching quotes with this value, given the query and the other facets' selections.
    pub count: usize,
    /// True when the request selects this value.
    pub selected: bool,
    /// Which value of its facet this is, as [`Index::facet_value`] takes it back (speaker,
    /// outlet or article index, the "none" slot after them, or the kind's index); `None` for a
    /// selected value the corpus does not have (a stale link).
    #[serde(skip)]
    pub slot: Option<u32>,
}

/// The request's facet selections as lookup tables (`None` = facet not filtered).
struct Selection {
    speakers: Option<Vec<bool>>,
    outlets: Option<Vec<bool>>,
    articles: Option<Vec<bool>>,
    kinds: Option<u8>,
}

impl Selection {
    fn new(corpus: &Corpus, t: &Tables, req: &Request) -> Selection {
        let table = |values: &[String], n: usize, find: &dyn Fn(&str) -> Option<usize>| {
            (!values.is_empty()).then(|| {
                let mut v = vec![false; n];
                for s in values {
                    if let Some(i) = find(s).filter(|&i| i < n) {
                        v[i] = true;
                    }
                }
                v
            })
        };
        let n_speakers = t.n_speakers;
        Selection {
            speakers: table(&req.speakers, n_speakers + 1, &|s| {
                if s == UNATTRIBUTED {
                    Some(n_speakers)
                } else {
                    corpus.speaker(s)
                }
            }),
            outlets: table(&req.outlets, t.outlets.len() + 1, &|s| {
                if s == UNKNOWN_OUTLET {
                    Some(t.outlets.len())
                } else {
                    // The facet value is the outlet's slug ("newsweek"); its name works too.
                    t.outlets.iter().position(|o| o == s || crate::span::slug(o) == s)
                }
            }),
            articles: table(&req.articles, t.article_outlet.len(), &|s| corpus.articles.iter().position(|a| a.id == s)),
            kinds: (!req.kinds.is_empty()).then(|| {
                let mut mask = 0;
                for &k in &req.kinds {
                    mask |= kind_bit(k);
                }
                mask
            }),
        }
    }
}

/// Facet slot of a speaker index ([`NONE`] → the unattributed slot).
fn speaker_slot(s: u32, n_speakers: usize) -> usize {
    if s == NONE {
        n_speakers
    } else {
        (s as usize).min(n_speakers)
    }
}

/// Order: fewer typo-only words first, then higher score, then document order.
fn by_rank(a: &Match, b: &Match) -> std::cmp::Ordering {
    a.typos.cmp(&b.typos).then(b.score.total_cmp(&a.score)).then(a.doc.cmp(&b.doc))
}

/// The first `need` of `ms` in rank order, with the proximity bonus applied to the best
/// [`PROXIMITY_WINDOW`] (which it can only lift). The best `need` (or the window) are kept in
/// one pass ([`sort::best_k`]).
fn top(space: &Space, near: &[Vec<Match>], ms: &[Match], need: usize) -> Vec<Match> {
    let window = if near.len() >= 2 { PROXIMITY_WINDOW } else { 0 };
    let head = need.max(window).min(ms.len());
    if need == 0 || head == 0 {
        return Vec::new();
    }
    let mut best = best_k(ms, head, by_rank);
    let w = window.min(best.len());
    if w > 0 {
        for m in &mut best[..w] {
            m.score += proximity(space, near, m.doc);
        }
        insertion_sort_by(&mut best[..w], |a, b| by_rank(a, b).is_lt());
    }
    best.truncate(need);
    best
}

/// Which parts of a search to run.
#[derive(Clone, Copy)]
struct Parts {
    quotes: bool,
    passages: bool,
}

impl Index {
    /// Build the index of a corpus (folding and tokenizing every quote, name, title and paragraph
    /// once).
    pub fn build(corpus: &Corpus) -> Index {
        let t = Tables::build(corpus, true);
        Index { letters: Letters::new(&t), t, complete: true }
    }

    /// Build the index of the quotes alone, for the first screen: it answers a request with a
    /// blank query (every quote, narrowed by the facets) exactly as [`Index::build`]'s does, and
    /// gives the same facet values and quote numbers; words and passages need [`Index::build`]
    /// (see [`Index::answers`]). In news articles the paragraphs hold most of the words, so this
    /// is a fraction of the work: the page paints its first quotes from it and builds the whole
    /// index after that frame.
    pub fn build_quotes(corpus: &Corpus) -> Index {
        Index { t: Tables::build(corpus, false), complete: false, letters: Letters::default() }
    }

    /// Whether this index answers a request with `query` as [`Index::build`]'s would: always for
    /// a whole index; for [`Index::build_quotes`]'s only when the query is blank. (Asked anyway, it
    /// searches the quotes by the words it has and finds no passages.)
    pub fn answers(&self, query: &str) -> bool {
        self.is_complete() || query.trim().is_empty()
    }

    /// False for an index of [`Index::build_quotes`].
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Distinct words in the dictionary.
    pub fn terms(&self) -> usize {
        self.t.dict.len()
    }

    /// Estimated heap bytes the index holds.
    pub fn memory_bytes(&self) -> usize {
        self.t.bytes() + self.letters.bytes()
    }

    /// Run a request against the corpus the index was built from: quotes, facets and passages.
    /// Never panics, whatever the request (a different corpus gives wrong but harmless results).
    pub fn search(&self, corpus: &Corpus, req: &Request) -> Results {
        self.run(corpus, req, Parts { quotes: true, passages: true })
    }

    /// [`Index::search`] without the passages (`passage_total` 0, no passages): what a keystroke
    /// needs first. Evaluating the paragraphs costs one to two times as much as the quotes for
    /// short prefixes, so the page asks for them apart, after the quotes are on screen.
    pub fn search_quotes(&self, corpus: &Corpus, req: &Request) -> Results {
        self.run(corpus, req, Parts { quotes: true, passages: false })
    }

    /// Only the passages of [`Index::search`] (and its hints): no quote is evaluated, `total` is 0
    /// and the facets are empty.
    pub fn search_passages(&self, corpus: &Corpus, req: &Request) -> Results {
        self.run(corpus, req, Parts { quotes: false, passages: true })
    }

    fn run(&self, corpus: &Corpus, req: &Request, parts: Parts) -> Results {
        let (query, hints) = parse_query(&req.query);
        let rq = resolve(&self.t, &query, Some(&self.letters));
        let sel = Selection::new(corpus, &self.t, req);
        let n_speakers = self.t.n_speakers;
        let n_outlets = self.t.outlets.len();
        let n_articles = self.t.article_outlet.len();
        let outlet_slot = |a: u32| {
            let o = self.t.article_outlet.get(a as usize).copied().unwrap_or(NONE);
            if o == NONE {
                n_outlets
            } else {
                o as usize
            }
        };
        let pass = |sel: &Option<Vec<bool>>, i: usize| sel.as_ref().is_none_or(|v| v.get(i).copied().unwrap_or(false));

        // Quotes: match, then facet counts and the selection in one pass.
        let ev = if parts.quotes {
            evaluate(&self.t, SpaceKind::Quotes, &rq, &self.letters)
        } else {
            eval::Evaluated::default()
        };
        let mut c_speakers = vec![0usize; n_speakers + 1];
        let mut c_outlets = vec![0usize; n_outlets + 1];
        let mut c_articles = vec![0usize; n_articles];
        let mut c_kinds = [0usize; 3];
        let unfiltered =
            sel.speakers.is_none() && sel.outlets.is_none() && sel.articles.is_none() && sel.kinds.is_none();
        let mut kept: Vec<Match> = Vec::new();
        if unfiltered {
            // Nothing selected: every match counts everywhere and is ranked as it is (no copy).
            // (`get_mut`, not indexing: in the page's size-built wasm an index is a call.)
            for m in &ev.matches {
                let Some(d) = self.t.quote_docs.get(m.doc as usize) else { continue };
                if let Some(c) = c_speakers.get_mut(speaker_slot(d.speaker, n_speakers)) {
                    *c += 1;
                }
                if let Some(c) = c_outlets.get_mut(outlet_slot(d.article)) {
                    *c += 1;
                }
                if let Some(c) = c_articles.get_mut(d.article as usize) {
                    *c += 1;
                }
                if let Some(c) = c_kinds.get_mut(index::kind_index(d.kind)) {
                    *c += 1;
                }
            }
        }
        for m in &ev.matches {
            if unfiltered {
                break;
            }
            let Some(d) = self.t.quote_docs.get(m.doc as usize) else { continue };
            let s = speaker_slot(d.speaker, n_speakers);
            let o = outlet_slot(d.article);
            let a = d.article as usize;
            let k = kind_bit(d.kind);
            let (ps, po, pa) = (pass(&sel.speakers, s), pass(&sel.outlets, o), pass(&sel.articles, a));
            let pk = sel.kinds.is_none_or(|mask| mask & k != 0);
            if po && pa && pk {
                c_speakers[s] += 1;
            }
            if ps && pa && pk {
                c_outlets[o] += 1;
            }
            if ps && po && pk && a < n_articles {
                c_articles[a] += 1;
            }
            if ps && po && pa {
                c_kinds[index::kind_index(d.kind)] += 1;
            }
            if ps && po && pa && pk {
                kept.push(*m);
            }
        }
        // Quote docs always exist for evaluated matches, so unfiltered, all of them are ranked.
        let ranked: &[Match] = if unfiltered { &ev.matches } else { &kept };
        let need = req.offset.saturating_add(req.limit);
        let best = top(&self.t.quotes, &ev.near, ranked, need);
        let mut marker = Marker::new(&rq);
        // Loops rather than collecting filtered iterator chains: each such collect is its own copy
        // of Vec's growing code in the page's wasm.
        let mut hits = Vec::new();
        for m in best.iter().skip(req.offset).take(req.limit) {
            hits.extend(self.hit(corpus, &mut marker, m));
        }

        // Passages: only for free-text queries.
        let (passage_total, passages) = if parts.passages && query.has_free_text() {
            let ev = evaluate(&self.t, SpaceKind::Passages, &rq, &self.letters);
            let mut ranked: Vec<Match> = Vec::new();
            for m in &ev.matches {
                let Some(p) = self.t.passage_docs.get(m.doc as usize) else { continue };
                let speakers = self.t.passage_speakers.get(p.speakers.0 as usize..p.speakers.1 as usize).unwrap_or(&[]);
                if pass(&sel.outlets, outlet_slot(p.article))
                    && pass(&sel.articles, p.article as usize)
                    && sel.kinds.is_none_or(|mask| mask & p.kinds != 0)
                    && (sel.speakers.is_none()
                        || speakers.iter().any(|&s| pass(&sel.speakers, speaker_slot(s, n_speakers))))
                {
                    ranked.push(*m);
                }
            }
            let best = top(&self.t.passages, &ev.near, &ranked, req.passage_limit);
            let mut page = Vec::new();
            for m in &best {
                page.extend(self.passage(corpus, &mut marker, m));
            }
            (ranked.len(), page)
        } else {
            (0, Vec::new())
        };

        let facets = if parts.quotes {
            self.facets(corpus, req, &sel, &c_speakers, &c_outlets, &c_articles, &c_kinds)
        } else {
            Facets::default()
        };
        Results { total: ranked.len(), hits, passage_total, passages, facets, hints, query }
    }

    /// Match ranges (byte spans into `text`, on char boundaries, sorted, overlaps merged) of the
    /// query's positive free-text words and phrases in any text, e.g. an article paragraph in the
    /// reader view. Prefix, typo and stemmed matches are marked as whole words.
    pub fn highlight(&self, query: &Query, text: &str) -> Vec<Span> {
        let rq = resolve(&self.t, query, None);
        Marker::new(&rq).mark(text, MarkIn::Text)
    }

    /// A facet value's request value and label from its [`FacetValue::slot`]: (speaker id, name),
    /// (outlet slug, name), (article id, display title), (kind, kind); the slot after the last
    /// speaker or outlet is "unattributed" or "unknown outlet". `None` for a slot out of range.
    pub fn facet_value(&self, corpus: &Corpus, facet: FacetKind, slot: usize) -> Option<(String, String)> {
        match facet {
            FacetKind::Speaker if slot == self.t.n_speakers => {
                Some((UNATTRIBUTED.to_string(), "Unattributed".to_string()))
            }
            FacetKind::Speaker => corpus.speakers.get(slot).map(|s| (s.id.clone(), s.name.clone())),
            FacetKind::Outlet if slot == self.t.outlets.len() => {
                Some((UNKNOWN_OUTLET.to_string(), "Unknown outlet".to_string()))
            }
            FacetKind::Outlet => self.t.outlets.get(slot).map(|o| (crate::span::slug(o), o.clone())),
            FacetKind::Article => corpus.articles.get(slot).map(|e| (e.id.clone(), e.display_title())),
            FacetKind::Kind => ALL_KINDS.get(slot).map(|k| (k.as_str().to_string(), k.as_str().to_string())),
        }
    }

    /// The number of quote (`article`, `quote`) in index order (article by article): a small
    /// stable handle for it while this index lives. `None` when there is no such quote.
    pub fn quote_number(&self, article: usize, quote: usize) -> Option<u32> {
        let r = self.t.docs_of(SpaceKind::Quotes, u32::try_from(article).ok()?);
        let n = r.start.checked_add(u32::try_from(quote).ok()?)?;
        r.contains(&n).then_some(n)
    }

    /// The (`article`, `quote`) of a [`Index::quote_number`].
    pub fn quote_at(&self, number: u32) -> Option<(usize, usize)> {
        self.t.quote_docs.get(number as usize).map(|d| (d.article as usize, d.quote as usize))
    }

    fn hit(&self, corpus: &Corpus, marker: &mut Marker, m: &Match) -> Option<Hit> {
        let d = self.t.quote_docs.get(m.doc as usize)?;
        let e = corpus.articles.get(d.article as usize)?;
        e.quotes.quotes.get(d.quote as usize)?;
        let speaker = marker.mark_tokens(self.t.speaker_tokens(d.speaker), &self.t.dict, MarkIn::Speaker);
        Some(Hit {
            article: d.article as usize,
            quote: d.quote as usize,
            score: m.score,
            text: marker.mark_tokens(self.t.quote_tokens(m.doc), &self.t.dict, MarkIn::Text),
            speaker,
        })
    }

    fn passage(&self, corpus: &Corpus, marker: &mut Marker, m: &Match) -> Option<Passage> {
        let p = self.t.passage_docs.get(m.doc as usize)?;
        let e = corpus.articles.get(p.article as usize)?;
        let b = e.article.blocks.get(p.block as usize)?;
        let text = &e.article.text;
        let mut ranges = marker.mark(b.content.slice(text), MarkIn::Text);
        for r in &mut ranges {
            *r = Span::new(r.start + b.content.start, r.end + b.content.start);
        }
        let snip = snippet(text, b.content, &ranges, SNIPPET_CHARS);
        ranges.retain(|r| snip.contains(*r));
        Some(Passage { article: p.article as usize, block: p.block as usize, score: m.score, snippet: snip, ranges })
    }

    #[allow(clippy::too_many_arguments)]
    fn facets(
        &self,
        corpus: &Corpus,
        req: &Request,
        sel: &Selection,
        speakers: &[usize],
        outlets: &[usize],
        articles: &[usize],
        kinds: &[usize; 3],
    ) -> Facets {
        let in_kinds = [0, 1, 2].map(|i| req.kinds.contains(&ALL_KINDS[i]));
        let label = |f: FacetKind| {
            move |i: usize, selected: bool| {
                if req.facet_labels || selected {
                    self.facet_value(corpus, f, i).unwrap_or_default()
                } else {
                    Default::default()
                }
            }
        };
        let limit = req.facet_limit;
        let (speaker_values, speaker_total) =
            list(speakers, limit, sel.speakers.as_deref(), &label(FacetKind::Speaker));
        let (outlet_values, outlet_total) = list(outlets, limit, sel.outlets.as_deref(), &label(FacetKind::Outlet));
        let (article_values, article_total) =
            list(articles, limit, sel.articles.as_deref(), &label(FacetKind::Article));
        let kinds_asked = (!req.kinds.is_empty()).then_some(&in_kinds[..]);
        let (kind_values, _) = list(kinds, 0, kinds_asked, &label(FacetKind::Kind));
        let mut f = Facets {
            speakers: speaker_values,
            outlets: outlet_values,
            articles: article_values,
            kinds: kind_values,
            totals: FacetTotals { speakers: speaker_total, outlets: outlet_total, articles: article_total },
        };
        // Selected values the corpus does not have (a stale link) still show, with count 0.
        let totals = &mut f.totals;
        for (values, asked, total) in [
            (&mut f.speakers, &req.speakers, &mut totals.speakers),
            (&mut f.outlets, &req.outlets, &mut totals.outlets),
            (&mut f.articles, &req.articles, &mut totals.articles),
        ] {
            for a in asked {
                if !values.iter().any(|v| &v.value == a || v.value == crate::span::slug(a)) {
                    values.push(FacetValue {
                        value: a.clone(),
                        label: a.clone(),
                        count: 0,
                        selected: true,
                        slot: None,
                    });
                    *total += 1;
                }
            }
        }
        f
    }
}

/// Facet values with a count or a selection, by count (descending) then index: every selected
/// value and the top `limit` others (0 = all), and how many values there are in all. Labels are
/// made only for values listed. `selected` is `None` when nothing is selected in this facet: then a
/// value with no count is passed over at one test (a keystroke lists thousands of speakers).
fn list(
    counts: &[usize],
    limit: usize,
    selected: Option<&[bool]>,
    label: &dyn Fn(usize, bool) -> (String, String),
) -> (Vec<FacetValue>, usize) {
    let selected = |i: usize| selected.is_some_and(|s| s.get(i).copied().unwrap_or(false));
    // Keys pack (count descending, index): selected values always, then the top `limit` others.
    let key = |i: usize, count: usize| (u64::from(u32::MAX - count.min(u32::MAX as usize) as u32) << 32) | i as u64;
    let (mut shown, mut rest) = (Vec::new(), Vec::new());
    for (i, &count) in counts.iter().enumerate() {
        if selected(i) {
            shown.push(key(i, count));
        } else if count > 0 {
            rest.push(key(i, count));
        }
    }
    let total = shown.len() + rest.len();
    smallest(&mut rest, if limit == 0 { usize::MAX } else { limit });
    shown.extend(rest);
    sort_dedup(&mut shown);
    let mut values = Vec::with_capacity(shown.len());
    for k in shown {
        let i = k as u32 as usize;
        let selected = selected(i);
        let (value, label) = label(i, selected);
        let count = counts.get(i).copied().unwrap_or(0);
        values.push(FacetValue { value, label, count, selected, slot: Some(i as u32) });
    }
    (values, total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

    /// A search that takes its one-letter prefixes from the letters table (and so leaves them
    /// unexpanded) answers as the same index evaluating them: the same hits with the same
    /// highlights and scores (up to float rounding: the two paths add frequencies in different
    /// orders), totals, passages and facet counts, for one-letter words alone, after a word, in an
    /// OR, next to an exclusion and beside a field.
    #[test]
    fn letters_answer_as_evaluation_does() {
        let corpus = Corpus::build(Source::seeds());
        let with = Index::build(&corpus);
        let without = Index { t: Tables::build(&corpus, true), complete: true, letters: Letters::default() };
        let mut s = query::Word::new("s", Span::default());
        s.prefix = true;
        assert!(with.letters.get(SpaceKind::Quotes, &s).is_some(), "the table has \"s\"");
        let close = |x: f32, y: f32| (x - y).abs() <= 1e-4 * x.abs().max(1.0);
        let mut checked = 0;
        for q in [
            "s",
            "c",
            "é",
            "wang y",
            "china s",
            "s china",
            "t OR w",
            "s -china",
            "-s c",
            "speaker:wang y",
            "\"both sides\" s",
        ] {
            let req = Request { query: q.into(), limit: usize::MAX, passage_limit: usize::MAX, ..Request::default() };
            let (a, b) = (with.search(&corpus, &req), without.search(&corpus, &req));
            assert_eq!((a.total, a.hits.len(), a.passage_total), (b.total, b.hits.len(), b.passage_total), "{q:?}");
            for h in &a.hits {
                let id = h.id(&corpus);
                let o = b.hits.iter().find(|o| o.id(&corpus) == id).unwrap_or_else(|| panic!("{q:?}: {id} missing"));
                assert!(
                    close(h.score, o.score) && h.text == o.text && h.speaker == o.speaker,
                    "{q:?}: {} {} {} {:?} {:?}",
                    id,
                    h.score,
                    o.score,
                    h.text,
                    o.text
                );
            }
            for p in &a.passages {
                let o =
                    b.passages.iter().find(|o| (o.article, o.block) == (p.article, p.block)).expect("same passages");
                assert!(close(p.score, o.score) && p.ranges == o.ranges && p.snippet == o.snippet, "{q:?}");
            }
            let counts = |r: &Results| {
                let f = &r.facets;
                let mut c = Vec::new();
                for v in f.speakers.iter().chain(&f.outlets).chain(&f.articles).chain(&f.kinds) {
                    c.push((v.value.clone(), v.count));
                }
                c
            };
            assert_eq!(counts(&a), counts(&b), "{q:?}");
            checked += a.total;
        }
        assert!(checked > 100, "only {checked} hits compared");
    }
}
