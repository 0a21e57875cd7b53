//! What only the full build exports (the Web Worker's wasm, `www/pkg-full/`): parsing a person's
//! own articles ([`Workbench`]), and the views the page opens now and then (speaker pages,
//! comparisons of one remark across articles, citations, exports), which the worker answers from a
//! [`Lens`] mirroring the page's corpus (`Lens.fromPack`). Keeping them out of the page's build
//! keeps the wasm every visit downloads to search and reading: 10 kB gzipped less.

use super::{next_generation, request, summary, to_js, HitView, Lens};
use crate::corpus::{excerpt, Corpus};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The Web Worker's side (full build only): it holds the whole corpus (bundled articles plus the
/// person's own), parses and checks what they add, aligns, and hands the page a pack to load, so
/// the page's thread never parses an article and the page's wasm ships no extractor.
#[wasm_bindgen]
pub struct Workbench {
    corpus: Corpus,
}

#[wasm_bindgen]
impl Workbench {
    /// A workbench over the bundled articles.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workbench {
        Workbench { corpus: Corpus::seeds() }
    }

    /// Check and parse one article of the person's (`bytes` as read from the file), calling
    /// `progress(0..1)` between stages. Returns `{id, title, quotes}`; a refusal is an error whose
    /// message names the file (empty, binary, not UTF-8 with the offset, over 5 MB, already here).
    pub fn add(&mut self, name: &str, bytes: &[u8], progress: &js_sys::Function) -> Result<JsValue, JsError> {
        let report = |p: f64| {
            let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(p));
        };
        let text = crate::corpus::check_article(bytes).map_err(|e| JsError::new(&e.message(name)))?;
        report(0.1);
        let source = crate::corpus::Source { name: name.to_string(), text, outlet: None, date: None, local: true };
        let i = self.corpus.add(source).map_err(|e| JsError::new(&e.message(name)))?;
        report(1.0);
        to_js(&summary(&self.corpus.articles[i]))
    }

    /// Forget one of the person's articles. Returns whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        self.corpus.remove_local(id)
    }

    /// Align everything and pack the whole corpus for `Lens.loadPack`.
    pub fn pack(&self) -> Vec<u8> {
        crate::pack::encode_corpus(&self.corpus, &crate::align::align(&self.corpus))
    }
}

impl Default for Workbench {
    fn default() -> Workbench {
        Workbench::new()
    }
}

/// Time article parsing and quote extraction over `texts` inside the wasm (benchmarks): returns
/// milliseconds for `rounds` passes; the caller divides the bytes by it. Full build only.
#[wasm_bindgen(js_name = benchExtract)]
pub fn bench_extract(texts: Vec<String>, rounds: u32) -> f64 {
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let t0 = now();
    let mut quotes = 0usize;
    for _ in 0..rounds.max(1) {
        for t in &texts {
            quotes += crate::quote::extract(&crate::article::Article::parse(t)).quotes.len();
        }
    }
    std::hint::black_box(quotes);
    now() - t0
}

#[derive(Serialize)]
struct CompareReport {
    id: String,
    article_id: String,
    article_title: String,
    outlet: Option<String>,
    date: Option<String>,
    speaker: Option<String>,
    text: String,
    score: f32,
    diff: Vec<DiffPiece>,
}

#[derive(Serialize)]
struct DiffPiece {
    op: &'static str,
    text: String,
}

#[derive(Serialize)]
struct CompareView {
    quote: CompareReport,
    others: Vec<CompareReport>,
}

#[wasm_bindgen]
impl Lens {
    /// A lens over a pack (the Web Worker's mirror of the page's corpus, for the views only the
    /// full build has: speaker pages, comparisons, citations, exports). Full build only.
    #[wasm_bindgen(js_name = fromPack)]
    pub fn from_pack(bytes: &[u8]) -> Result<Lens, JsError> {
        Lens::decoded(bytes, true)
    }

    /// This lens's corpus (and alignment) as a pack for `Lens.loadPack` (benchmarks: the page's
    /// own wasm then searches what this build extracted from texts). Full build only.
    pub fn pack(&self) -> Vec<u8> {
        crate::pack::encode_corpus(&self.corpus, &self.alignment)
    }

    /// Rebuild the search index and return how long it took in milliseconds (benchmarks).
    #[wasm_bindgen(js_name = timeIndexBuild)]
    pub fn time_index_build(&mut self) -> f64 {
        let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
        let t0 = now();
        self.index = crate::search::Index::build(&self.corpus);
        self.generation = next_generation();
        now() - t0
    }

    /// Number of quotes in the lens.
    #[wasm_bindgen(js_name = quoteCount)]
    pub fn quote_count(&self) -> usize {
        self.corpus.articles.iter().map(|e| e.quotes.quotes.len()).sum()
    }

    /// A lens over the given texts instead of the bundled articles (benchmarks, tools). With
    /// `align` false the cross-article alignment is skipped (it is the slowest step at scale).
    /// Full build only.
    #[wasm_bindgen(js_name = fromTexts)]
    pub fn from_texts(names: Vec<String>, texts: Vec<String>, align: bool) -> Lens {
        let sources = names
            .into_iter()
            .zip(texts)
            .map(|(name, text)| crate::corpus::Source { name, text, ..Default::default() })
            .collect();
        let corpus = Corpus::build(sources);
        let alignment = if align { crate::align::align(&corpus) } else { crate::align::Alignment::default() };
        Lens::over(corpus, alignment, true)
    }

    /// Every quote matching the request, as CSV or JSON text for a download.
    #[wasm_bindgen(js_name = exportQuotes)]
    pub fn export_quotes(
        &self,
        q: String,
        speaker: Vec<String>,
        outlet: Vec<String>,
        article: Vec<String>,
        kind: Vec<String>,
        format: &str,
    ) -> Result<String, JsError> {
        let req = request(q, speaker, outlet, article, kind, usize::MAX);
        let res = self.index.search_quotes(&self.corpus, &req);
        let all: Vec<(usize, usize)> = res.hits.iter().map(|h| (h.article, h.quote)).collect();
        match format {
            "csv" => Ok(crate::report::export_csv(&self.corpus, &all)),
            "json" => {
                let rows = crate::report::export_rows(&self.corpus, &all);
                let v = to_js(&rows)?;
                js_sys::JSON::stringify_with_replacer_and_space(&v, &JsValue::NULL, &JsValue::from_f64(2.0))
                    .ok()
                    .and_then(|s| s.as_string())
                    .ok_or_else(|| JsError::new("The export could not be written as JSON."))
            }
            other => Err(JsError::new(&format!("Unknown export format “{}”: use csv or json.", excerpt(other, 20)))),
        }
    }

    /// A speaker page: `{id, name, kind, aliases, roles, total, articles: [{id, title, outlet, date,
    /// counts}], quotes: [hit]}`.
    pub fn speaker(&self, id: &str) -> Result<JsValue, JsError> {
        let si = self
            .corpus
            .speaker(id)
            .ok_or_else(|| JsError::new(&format!("There is no speaker “{}” in this copy.", excerpt(id, 40))))?;
        let p = crate::report::speaker_profile(&self.corpus, si)
            .ok_or_else(|| JsError::new("That speaker has no page."))?;
        let quotes: Vec<HitView> = p.quotes.iter().map(|&(ai, qi)| self.hit_view(ai, qi)).collect();
        #[derive(Serialize)]
        struct ProfileView<'a> {
            id: &'a str,
            name: &'a str,
            kind: crate::quote::SpeakerKind,
            aliases: &'a [String],
            roles: &'a [String],
            total: usize,
            articles: &'a [crate::report::ProfileArticle],
            quotes: Vec<HitView<'a>>,
        }
        to_js(&ProfileView {
            id: &p.id,
            name: &p.name,
            kind: p.kind,
            aliases: &p.aliases,
            roles: &p.roles,
            total: p.total,
            articles: &p.articles,
            quotes,
        })
    }

    /// One remark as reported by several articles: the quote, and every quote aligned with it, each
    /// with its similarity and a word-level diff against the first (`op`: same, removed, added).
    pub fn compare(&self, quote_id: &str) -> Result<JsValue, JsError> {
        let at = self.quote_index(quote_id)?;
        let c = &self.corpus;
        let text_of = |(ai, qi): (usize, usize)| {
            let e = &c.articles[ai];
            e.quotes.quotes[qi].span.slice(&e.article.text)
        };
        let report = |(ai, qi): (usize, usize), score: f32, diff: Vec<DiffPiece>| {
            let e = &c.articles[ai];
            let q = &e.quotes.quotes[qi];
            CompareReport {
                id: e.quote_ids[qi].clone(),
                article_id: e.id.clone(),
                article_title: e.display_title(),
                outlet: e.outlet.clone(),
                date: e.date.clone(),
                speaker: e.speaker_of(q).map(|s| c.speakers[s].name.clone()),
                text: text_of((ai, qi)).to_string(),
                score,
                diff,
            }
        };
        let first = text_of(at);
        let others = self
            .alignment
            .same_as(at)
            .iter()
            .map(|&other| {
                let b = text_of(other);
                let diff = crate::align::word_diff(first, b)
                    .into_iter()
                    .map(|op| match op {
                        crate::align::DiffOp::Same { b: sb, .. } => {
                            DiffPiece { op: "same", text: sb.slice(b).to_string() }
                        }
                        crate::align::DiffOp::Removed { a } => {
                            DiffPiece { op: "removed", text: a.slice(first).to_string() }
                        }
                        crate::align::DiffOp::Added { b: sb } => {
                            DiffPiece { op: "added", text: sb.slice(b).to_string() }
                        }
                    })
                    .collect();
                let score = self.alignment.link(at, other).map_or(0.0, |l| l.score);
                report(other, score, diff)
            })
            .collect();
        to_js(&CompareView { quote: report(at, 1.0, Vec::new()), others })
    }

    /// Add a person's own article (kept only in their browser). `bytes` is the file as read; it is
    /// checked (empty, binary, not UTF-8, over 5 MB, already here) and every refusal is an error
    /// whose message names the file. With `reindex` false the search index and alignment are not
    /// rebuilt (call [`Lens::reindex`] after a batch). Returns the article's summary.
    #[wasm_bindgen(js_name = addArticle)]
    pub fn add_article(&mut self, name: &str, bytes: &[u8], reindex: bool) -> Result<JsValue, JsError> {
        let text = crate::corpus::check_article(bytes).map_err(|e| JsError::new(&e.message(name)))?;
        let source = crate::corpus::Source { name: name.to_string(), text, outlet: None, date: None, local: true };
        let i = self.corpus.add(source).map_err(|e| JsError::new(&e.message(name)))?;
        if reindex {
            self.reindex();
        }
        to_js(&summary(&self.corpus.articles[i]))
    }

    /// Rebuild the search index and the alignment after articles were added or removed.
    pub fn reindex(&mut self) {
        self.index = crate::search::Index::build(&self.corpus);
        self.alignment = crate::align::align(&self.corpus);
        self.generation = next_generation();
    }

    /// Remove a locally added article; bundled articles cannot be removed. Returns whether one was.
    #[wasm_bindgen(js_name = removeArticle)]
    pub fn remove_article(&mut self, id: &str) -> bool {
        let removed = self.corpus.remove_local(id);
        if removed {
            self.reindex(); // a new generation too
        }
        removed
    }

    /// A quote with its citation, ready to paste.
    pub fn citation(&self, quote_id: &str) -> Result<String, JsError> {
        let (ai, qi) = self.quote_index(quote_id)?;
        crate::report::citation(&self.corpus, ai, qi).ok_or_else(|| JsError::new("That quote has no citation."))
    }
}

impl Lens {
    fn quote_index(&self, quote_id: &str) -> Result<(usize, usize), JsError> {
        self.corpus.quote(quote_id).ok_or_else(|| {
            JsError::new(&format!("There is no quote with id “{}” in this copy.", excerpt(quote_id, 40)))
        })
    }
}
