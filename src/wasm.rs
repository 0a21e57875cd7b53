//! THE browser boundary: the only file that names wasm_bindgen, web_sys, js_sys, gloo or
//! serde_wasm_bindgen.
//!
//! JS holds one opaque [`Lens`] handle; every call returns a small plain object (serde-wasm-bindgen
//! with `json_compatible()`, so maps arrive as plain objects). Text that JS shows with marks comes
//! as pre-split **segments** (`[{text, quote?, hit?}]`), so JS never computes an offset; where a
//! caller does want offsets they are UTF-16 code units, converted here and nowhere else.
//! Errors become `JsError` with a message a person can act on; a panic (a bug, never input) is
//! reported to the page through the hook installed by [`set_panic_handler`].

use crate::article::BlockKind;
use crate::corpus::{excerpt, Corpus, Entry};
use crate::span::Span;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Install a panic hook that logs the panic to the console and calls `on_panic(message)`, so the
/// page can show a banner with a reload button instead of silently dying.
#[wasm_bindgen(js_name = setPanicHandler)]
pub fn set_panic_handler(on_panic: js_sys::Function) {
    std::panic::set_hook(Box::new(move |info| {
        let msg = info.to_string();
        gloo_console::error!(format!("quotelens core panicked: {msg}"));
        let _ = on_panic.call1(&JsValue::NULL, &JsValue::from_str(&msg));
    }));
}

/// Deliberately panic (for the test that proves a panic reaches the page as a banner).
#[wasm_bindgen(js_name = forcePanicForTest)]
pub fn force_panic_for_test() {
    panic!("forced panic (test of the error banner)");
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("could not hand the result to the page: {e}")))
}

/// The whole app state on the Rust side: the corpus (bundled articles).
#[wasm_bindgen]
pub struct Lens {
    corpus: Corpus,
}

/// An article in the list.
#[derive(Serialize)]
struct ArticleSummary<'a> {
    id: &'a str,
    file: &'a str,
    title: String,
    has_headline: bool,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    quotes: usize,
    lede: String,
}

/// One piece of text with what it is part of.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct Segment {
    text: String,
    /// Index into the block's `quotes` when the piece is inside a quotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<usize>,
    /// True when the piece matches the search.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hit: bool,
}

#[derive(Serialize)]
struct BlockView {
    kind: &'static str,
    reason: &'static str,
    segments: Vec<Segment>,
    quotes: Vec<QuoteMark>,
}

#[derive(Serialize)]
struct QuoteMark {
    id: String,
    /// The quote's text (between its marks) as UTF-16 offsets into the block's text.
    range: [usize; 2],
    kind: &'static str,
    speaker: Option<String>,
    speaker_id: Option<String>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    id: &'a str,
    file: &'a str,
    title: String,
    has_headline: bool,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    blocks: Vec<BlockView>,
}

#[wasm_bindgen]
impl Lens {
    /// Build the lens over the bundled articles.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Lens {
        Lens { corpus: Corpus::seeds() }
    }

    /// `[{id, file, title, has_headline, outlet, date, quotes, lede}]` in corpus order.
    pub fn articles(&self) -> Result<JsValue, JsError> {
        let list: Vec<ArticleSummary> = self.corpus.articles.iter().map(summary).collect();
        to_js(&list)
    }

    /// One article for the reader view: its blocks (kind, rule) as segments with quotes marked.
    pub fn article(&self, id: &str) -> Result<JsValue, JsError> {
        let e = self
            .corpus
            .article(id)
            .ok_or_else(|| JsError::new(&format!("There is no article with id “{}” in this copy.", excerpt(id, 40))))?;
        to_js(&article_view(&self.corpus, e))
    }
}

/// What the page asks of a search (field names as in the URL). Passed as plain arguments rather
/// than one object: deserializing an object through serde costs the wasm ~25 kB gzipped.
struct SearchRequest {
    q: String,
    speaker: Vec<String>,
    outlet: Vec<String>,
    kind: Vec<String>,
}

#[derive(Serialize)]
struct FacetValue {
    value: String,
    label: String,
    count: usize,
    selected: bool,
}

#[derive(Serialize)]
struct SpeakerRef {
    id: String,
    name: String,
    role: Option<String>,
}

#[derive(Serialize)]
struct HitView {
    id: String,
    article_id: String,
    article_title: String,
    outlet: Option<String>,
    date: Option<String>,
    kind: &'static str,
    cue: Option<String>,
    rule: &'static str,
    speaker: Option<SpeakerRef>,
    segments: Vec<Segment>,
    same_as: usize,
}

#[derive(Serialize, Default)]
struct FacetsView {
    speaker: Vec<FacetValue>,
    outlet: Vec<FacetValue>,
    kind: Vec<FacetValue>,
}

#[derive(Serialize)]
struct SearchView {
    total: usize,
    hits: Vec<HitView>,
    facets: FacetsView,
    hints: Vec<()>,
    passages: Vec<()>,
}

#[wasm_bindgen]
impl Lens {
    /// Search the quotes: `search(q, [speaker ids], [outlet ids], [kinds], limit)` →
    /// `{total, hits, facets, hints, passages}`. Interim: every query word must occur in the quote,
    /// its speaker or its article title (folded substring scan); the indexed engine replaces it.
    pub fn search(
        &self,
        q: String,
        speaker: Vec<String>,
        outlet: Vec<String>,
        kind: Vec<String>,
        limit: u32,
    ) -> Result<JsValue, JsError> {
        let req = SearchRequest { q, speaker, outlet, kind };
        let (all, facets) = self.run_search(&req);
        let words: Vec<String> = crate::search::fold::fold_str(&req.q).split_whitespace().map(str::to_string).collect();
        let hits = all.iter().take(limit as usize).map(|&(ai, qi)| self.hit_view(ai, qi, &words)).collect();
        to_js(&SearchView { total: all.len(), hits, facets, hints: Vec::new(), passages: Vec::new() })
    }

    /// Every quote matching the request, as CSV or JSON text for a download.
    #[wasm_bindgen(js_name = exportQuotes)]
    pub fn export_quotes(
        &self,
        q: String,
        speaker: Vec<String>,
        outlet: Vec<String>,
        kind: Vec<String>,
        format: &str,
    ) -> Result<String, JsError> {
        let req = SearchRequest { q, speaker, outlet, kind };
        let (all, _) = self.run_search(&req);
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
        let quotes: Vec<HitView> = p.quotes.iter().map(|&(ai, qi)| self.hit_view(ai, qi, &[])).collect();
        #[derive(Serialize)]
        struct ProfileView<'a> {
            id: &'a str,
            name: &'a str,
            kind: crate::quote::SpeakerKind,
            aliases: &'a [String],
            roles: &'a [String],
            total: usize,
            articles: &'a [crate::report::ProfileArticle],
            quotes: Vec<HitView>,
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

    /// A quote with its citation, ready to paste.
    pub fn citation(&self, quote_id: &str) -> Result<String, JsError> {
        let (ai, qi) = self.quote_index(quote_id)?;
        crate::report::citation(&self.corpus, ai, qi).ok_or_else(|| JsError::new("That quote has no citation."))
    }
}

impl Lens {
    /// The matching quotes (filters applied) and the facet counts.
    fn run_search(&self, req: &SearchRequest) -> (Vec<(usize, usize)>, FacetsView) {
        let words: Vec<String> = crate::search::fold::fold_str(&req.q).split_whitespace().map(str::to_string).collect();
        let c = &self.corpus;
        let mut matched = Vec::new();
        for (ai, qi) in c.all_quotes() {
            let e = &c.articles[ai];
            let q = &e.quotes.quotes[qi];
            let sp = e.speaker_of(q).map(|s| &c.speakers[s]);
            let hay = crate::search::fold::fold_str(&format!(
                "{} {} {}",
                q.span.slice(&e.article.text),
                sp.map_or("", |s| s.name.as_str()),
                e.display_title()
            ));
            if words.iter().all(|w| hay.contains(w.as_str())) {
                matched.push((ai, qi));
            }
        }
        let passes = |ai: usize, qi: usize, skip: &str| {
            let e = &c.articles[ai];
            let q = &e.quotes.quotes[qi];
            let sp = e.speaker_of(q).map_or("unattributed".to_string(), |s| c.speakers[s].id.clone());
            let outlet = outlet_id(e);
            (skip == "speaker" || req.speaker.is_empty() || req.speaker.contains(&sp))
                && (skip == "outlet" || req.outlet.is_empty() || req.outlet.contains(&outlet))
                && (skip == "kind" || req.kind.is_empty() || req.kind.iter().any(|k| k == q.kind.as_str()))
        };
        let mut facets = FacetsView::default();
        for (name, list) in
            [("speaker", &mut facets.speaker), ("outlet", &mut facets.outlet), ("kind", &mut facets.kind)]
        {
            let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
            for &(ai, qi) in matched.iter().filter(|&&(ai, qi)| passes(ai, qi, name)) {
                let e = &c.articles[ai];
                let q = &e.quotes.quotes[qi];
                let key = match name {
                    "speaker" => e.speaker_of(q).map_or(("unattributed".into(), "Speaker not stated".into()), |s| {
                        (c.speakers[s].id.clone(), c.speakers[s].name.clone())
                    }),
                    "outlet" => (outlet_id(e), e.outlet.clone().unwrap_or_else(|| "Outlet unknown".into())),
                    _ => (q.kind.as_str().into(), q.kind.as_str().into()),
                };
                *counts.entry(key).or_insert(0) += 1;
            }
            let selected: &Vec<String> = match name {
                "speaker" => &req.speaker,
                "outlet" => &req.outlet,
                _ => &req.kind,
            };
            for ((value, label), count) in counts {
                list.push(FacetValue { selected: selected.contains(&value), value, label, count });
            }
            for v in selected {
                if !list.iter().any(|f| &f.value == v) {
                    list.push(FacetValue { value: v.clone(), label: v.clone(), count: 0, selected: true });
                }
            }
            list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        }
        let all = matched.into_iter().filter(|&(ai, qi)| passes(ai, qi, "")).collect();
        (all, facets)
    }

    fn quote_index(&self, quote_id: &str) -> Result<(usize, usize), JsError> {
        self.corpus.quote(quote_id).ok_or_else(|| {
            JsError::new(&format!("There is no quote with id “{}” in this copy.", excerpt(quote_id, 40)))
        })
    }

    fn hit_view(&self, ai: usize, qi: usize, words: &[String]) -> HitView {
        let c = &self.corpus;
        let e = &c.articles[ai];
        let q = &e.quotes.quotes[qi];
        let sp = e.speaker_of(q).map(|s| &c.speakers[s]);
        let person = q.speaker.and_then(|i| e.quotes.people.get(i));
        HitView {
            id: e.quote_ids[qi].clone(),
            article_id: e.id.clone(),
            article_title: e.display_title(),
            outlet: e.outlet.clone(),
            date: e.date.clone(),
            kind: q.kind.as_str(),
            cue: q.cue.as_ref().map(|cue| cue.span.slice(&e.article.text).to_string()),
            rule: q.rule,
            speaker: sp.map(|s| SpeakerRef {
                id: s.id.clone(),
                name: s.name.clone(),
                role: person.and_then(|p| p.roles.first().cloned()),
            }),
            segments: segments(
                &e.article.text,
                q.span,
                &[],
                &interim_highlights(q.span.slice(&e.article.text), words)
                    .into_iter()
                    .map(|h| Span::new(h.start + q.span.start, h.end + q.span.start))
                    .collect::<Vec<_>>(),
            ),
            same_as: 0,
        }
    }
}

/// Interim highlighter: byte spans in `text` where a folded query word occurs as a folded
/// substring (replaced by the index's highlighter).
fn interim_highlights(text: &str, words: &[String]) -> Vec<Span> {
    let mut folded: Vec<(char, usize, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        for f in crate::search::fold::fold_char(c).chars() {
            folded.push((f, i, i + c.len_utf8()));
        }
    }
    let mut out = Vec::new();
    for w in words {
        let w: Vec<char> = w.chars().collect();
        if w.is_empty() || w.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - w.len() {
            if folded[start..start + w.len()].iter().zip(&w).all(|(f, c)| f.0 == *c) {
                out.push(Span::new(folded[start].1, folded[start + w.len() - 1].2));
            }
        }
    }
    out.sort();
    out
}

/// The outlet facet value of an article: the outlet's slug, or "unknown".
fn outlet_id(e: &Entry) -> String {
    e.outlet.as_deref().map_or_else(|| "unknown".to_string(), crate::span::slug)
}

impl Default for Lens {
    fn default() -> Lens {
        Lens::new()
    }
}

fn summary(e: &Entry) -> ArticleSummary<'_> {
    ArticleSummary {
        id: &e.id,
        file: &e.name,
        title: e.display_title(),
        has_headline: e.article.title().is_some(),
        outlet: e.outlet.as_deref(),
        date: e.date.as_deref(),
        quotes: e.quotes.quotes.len(),
        lede: excerpt(e.article.lede().unwrap_or(""), 200),
    }
}

fn article_view<'a>(corpus: &Corpus, e: &'a Entry) -> ArticleView<'a> {
    let text = &e.article.text;
    let blocks = e
        .article
        .blocks
        .iter()
        .filter(|b| !b.content.is_empty())
        .map(|b| {
            let in_block: Vec<usize> =
                (0..e.quotes.quotes.len()).filter(|&i| b.content.overlaps(e.quotes.quotes[i].outer)).collect();
            let spans: Vec<Span> = in_block.iter().map(|&i| e.quotes.quotes[i].outer).collect();
            let quotes = in_block
                .iter()
                .map(|&i| {
                    let q = &e.quotes.quotes[i];
                    let s = e.speaker_of(q).map(|s| &corpus.speakers[s]);
                    let block_text = b.content.slice(text);
                    let rel = |p: usize| utf16_offset(block_text, p.saturating_sub(b.content.start));
                    QuoteMark {
                        id: e.quote_ids[i].clone(),
                        range: [rel(q.span.start), rel(q.span.end)],
                        kind: q.kind.as_str(),
                        speaker: s.map(|s| s.name.clone()),
                        speaker_id: s.map(|s| s.id.clone()),
                    }
                })
                .collect();
            BlockView {
                kind: b.kind.as_str(),
                reason: b.reason,
                segments: segments(text, b.content, &spans, &[]),
                quotes,
            }
        })
        .collect();
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
pub(crate) fn segments(text: &str, within: Span, quotes: &[Span], hits: &[Span]) -> Vec<Segment> {
    let mut cuts = vec![within.start, within.end];
    for s in quotes.iter().chain(hits) {
        for p in [s.start, s.end] {
            if p > within.start && p < within.end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let piece = Span::new(w[0], w[1]);
            Segment {
                text: piece.slice(text).to_string(),
                quote: quotes.iter().position(|q| q.contains(piece)),
                hit: hits.iter().any(|h| h.contains(piece)),
            }
        })
        .collect()
}

/// Convert a byte offset into `text` to UTF-16 code units (clamped to the text; a position inside
/// a character counts from that character's start).
pub(crate) fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

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
    fn segments_split_at_quote_and_hit_boundaries() {
        let t = "He said “é 😀 fine” today.";
        let q = Span::new(t.find('“').unwrap(), t.find('”').unwrap() + '”'.len_utf8());
        let h = Span::new(t.find("fine").unwrap(), t.find("fine").unwrap() + 4);
        let segs = segments(t, Span::new(0, t.len()), &[q], &[h]);
        let joined: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, t);
        let hit: Vec<&str> = segs.iter().filter(|s| s.hit).map(|s| s.text.as_str()).collect();
        assert_eq!(hit, ["fine"]);
        assert!(segs.iter().filter(|s| s.quote == Some(0)).any(|s| s.text.contains('😀')));
    }
}
