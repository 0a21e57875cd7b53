//! Evaluating a parsed query against one posting space: which documents match, with what BM25F
//! score, how many query words they match only through a typo, and the proximity bonus for the
//! best of them. Also marking matched words in any text (highlights).
//!
//! Work is proportional to the postings of the words the query expands to, never to the corpus:
//! a word's expansion is merged by sorting its (doc, weight) pairs, or in a dense array when the
//! pairs outnumber a quarter of the documents.

use super::index::{
    kind_index, Dictionary, DocField, Space, SpaceKind, Tables, Token, FIELDS, FIELD_SHIFT, NONE, POS_MASK,
};
use super::letters::Letters;
use super::matching::{expand, Expansion, MatchKind, Matcher};
use super::query::{Field, Literal, Query};
use super::sort::{insertion_sort_by, sort_dedup};
use super::tokenize::tokenize;
use crate::span::Span;
use std::ops::Range;

/// BM25 term-frequency saturation k1 (range 0.0..=3.0, default 1.2).
pub const K1: f32 = 1.2;

/// Proximity bonus for two consecutive query words found next to each other (range 0.0..=10.0,
/// default 0.6); words `d` positions apart in the same field earn `PROXIMITY_WEIGHT / d`.
pub const PROXIMITY_WEIGHT: f32 = 0.6;

/// How many of the best-scored matches get the proximity bonus, which then reorders them (range
/// 0..=100_000, default 200). Finding positions for every match would cost more than the ranking.
pub const PROXIMITY_WINDOW: usize = 200;

/// A query resolved against the dictionary: every word with its expansion.
pub(crate) struct Resolved<'q> {
    pub(crate) clauses: Vec<Vec<RLit<'q>>>,
}

/// A literal with its words' expansions.
pub(crate) struct RLit<'q> {
    pub(crate) lit: &'q Literal,
    pub(crate) words: Vec<Expansion>,
}

/// Expand every word of the query.
pub(crate) fn resolve<'q>(tables: &Tables, q: &'q Query, letters: Option<&Letters>) -> Resolved<'q> {
    // Loops rather than nested collects (smaller in the page's wasm).
    let mut clauses = Vec::with_capacity(q.clauses.len());
    for c in &q.clauses {
        let positive = c.any.iter().all(|l| !l.negated);
        let mut lits = Vec::with_capacity(c.any.len());
        for lit in &c.any {
            let mut words = Vec::with_capacity(lit.words.len());
            for w in &lit.words {
                // A one-letter prefix that `evaluate` takes from the letters table (a lone free-text
                // word of an all-positive clause) is not expanded: its expansion, the commonest
                // of thousands of terms, would go unused.
                if positive && letters.is_some_and(|t| from_letters(t, SpaceKind::Quotes, lit).is_some()) {
                    words.push(Expansion::default());
                } else {
                    words.push(expand(tables, w));
                }
            }
            lits.push(RLit { lit, words });
        }
        clauses.push(lits);
    }
    Resolved { clauses }
}

/// The matches `letters` holds for `lit` in `kind` when it is a lone one-letter prefix of positive
/// free text (`None` for any other literal): the one test behind `resolve` leaving such a word
/// unexpanded and `evaluate` taking its matches from the table.
fn from_letters<'l>(letters: &'l Letters, kind: SpaceKind, lit: &Literal) -> Option<&'l [Match]> {
    match lit.words.as_slice() {
        [w] if lit.field == Field::Any && !lit.negated => letters.get(kind, w),
        _ => None,
    }
}

/// One matching document.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Match {
    pub(crate) doc: u32,
    pub(crate) score: f32,
    /// Positive free-text words this document matches only through a typo.
    pub(crate) typos: u8,
    /// A posting pair of the best expansion term in this doc (for proximity), or [`NONE`].
    pub(crate) pair: u32,
}

/// The doc fields a literal looks in, in one space's own documents.
pub(crate) fn field_mask(field: Field, space: SpaceKind) -> u8 {
    let bit = |f: DocField| 1u8 << (f as u8);
    match (field, space) {
        (Field::Any, SpaceKind::Quotes) => {
            bit(DocField::Text) | bit(DocField::Speaker) | bit(DocField::Role) | bit(DocField::Cue)
        }
        (Field::Any, SpaceKind::Passages) => bit(DocField::Text),
        (Field::Any, SpaceKind::Articles) => bit(DocField::Title) | bit(DocField::Outlet),
        (Field::Speaker, SpaceKind::Quotes | SpaceKind::Passages) => bit(DocField::Speaker),
        (Field::Outlet, SpaceKind::Articles) => bit(DocField::Outlet),
        (Field::Article, SpaceKind::Articles) => bit(DocField::Title) | bit(DocField::ArticleRef),
        _ => 0,
    }
}

/// The article fields a literal looks in for the documents of a space (a quote has its article's
/// title and outlet as free text; a paragraph's free text is its own words only).
fn article_mask(field: Field, space: SpaceKind) -> u8 {
    match (field, space) {
        (_, SpaceKind::Articles) | (Field::Any, SpaceKind::Passages) => 0,
        _ => field_mask(field, SpaceKind::Articles),
    }
}

/// The result of a whole query in one space.
#[derive(Default)]
pub(crate) struct Evaluated {
    /// Matching documents, ascending by doc.
    pub(crate) matches: Vec<Match>,
    /// Per single-word positive free-text clause, in query order: its matches among the final
    /// matches at least (for proximity).
    pub(crate) near: Vec<Vec<Match>>,
}

/// Evaluate a resolved query in one space. Positive clauses run cheapest first (by the postings
/// their words expand to); each later clause, and every exclusion, only looks at the documents
/// still in the running, so a conjunction of common words costs about as much as its rarest word.
/// The matches of a one-letter prefix come from `letters` (whole: the intersection below narrows
/// them to the documents still in the running).
pub(crate) fn evaluate(tables: &Tables, kind: SpaceKind, rq: &Resolved, letters: &Letters) -> Evaluated {
    let space = tables.space(kind);
    type Clauses<'a, 'q> = Vec<(usize, &'a Vec<RLit<'q>>)>;
    let (mut positive, mixed): (Clauses, Clauses) =
        rq.clauses.iter().enumerate().partition(|(_, c)| c.iter().all(|l| !l.lit.negated));
    let mut costs: Vec<usize> = Vec::with_capacity(rq.clauses.len());
    for c in &rq.clauses {
        let mut n = 0;
        for l in c {
            // A one-letter prefix from the table costs its matches (it has no expansion).
            n += from_letters(letters, kind, l.lit).map_or_else(|| cost(tables, space, l), <[Match]>::len);
        }
        costs.push(n);
    }
    insertion_sort_by(&mut positive, |a, b| (costs[a.0], a.0) < (costs[b.0], b.0));
    // Proximity needs two or more single-word free-text clauses; only then keep their matches.
    let is_near = |c: &Vec<RLit>| c.len() == 1 && c[0].lit.field == Field::Any && c[0].words.len() == 1;
    let mut keep_near = false;
    let mut seen = 0;
    for (_, c) in &positive {
        if is_near(c) {
            seen += 1;
            keep_near = seen >= 2;
        }
    }
    let mut acc: Option<Vec<Match>> = None;
    let mut near: Vec<(usize, Vec<Match>)> = Vec::new();
    for (i, clause) in positive {
        let within: Option<Vec<u32>> = acc.as_deref().map(docs_of);
        let mut r: Option<Vec<Match>> = None;
        for l in clause {
            let scoring = l.lit.field == Field::Any;
            let m = from_letters(letters, kind, l.lit).map(<[Match]>::to_vec);
            let m = m.unwrap_or_else(|| eval_literal(tables, kind, l, scoring, within.as_deref()));
            r = Some(match r {
                None => m,
                Some(prev) => union(&prev, &m),
            });
        }
        let r = r.unwrap_or_default();
        if keep_near && is_near(clause) {
            near.push((i, r.clone()));
        }
        acc = Some(match acc {
            None => r,
            Some(a) => intersect(&a, &r),
        });
    }
    let mut matches = match acc {
        Some(a) => a,
        None => unscored(0..space.n_docs),
    };
    for (_, clause) in mixed {
        // (p1 or … or not n1 or …) fails exactly on (n1 and …) minus (p1 or …).
        let within = docs_of(&matches);
        let mut fails: Option<Vec<u32>> = None;
        for l in clause {
            if !l.lit.negated {
                continue;
            }
            let docs = docs_of(&eval_literal(tables, kind, l, false, Some(&within)));
            fails = Some(match fails {
                None => docs,
                Some(prev) => intersect_docs(&prev, &docs),
            });
        }
        let mut fails = fails.unwrap_or_default();
        for l in clause {
            if !l.lit.negated {
                let docs = docs_of(&eval_literal(tables, kind, l, false, Some(&fails)));
                fails = minus_docs(&fails, &docs);
            }
        }
        matches.retain(|m| fails.binary_search(&m.doc).is_err());
    }
    insertion_sort_by(&mut near, |a, b| a.0 < b.0);
    let mut kept = Vec::with_capacity(near.len());
    for (_, m) in near {
        kept.push(m);
    }
    Evaluated { matches, near: kept }
}

/// The docs of `matches`, in order (one loop for every caller: smaller in the page's wasm than a
/// collect at each).
fn docs_of(matches: &[Match]) -> Vec<u32> {
    let mut out = Vec::with_capacity(matches.len());
    for m in matches {
        out.push(m.doc);
    }
    out
}

/// Matches of `docs` with no score (one loop for every caller, as [`docs_of`]).
fn unscored(docs: impl Iterator<Item = u32>) -> Vec<Match> {
    let mut out = Vec::with_capacity(docs.size_hint().0);
    for doc in docs {
        out.push(Match { doc, score: 0.0, typos: 0, pair: NONE });
    }
    out
}

/// Documents a literal could match (its words' document frequencies): the evaluation order of
/// clauses.
fn cost(tables: &Tables, space: &Space, l: &RLit) -> usize {
    if l.lit.field == Field::Kind {
        let mut n = 0;
        for &k in &l.lit.kinds {
            n += space.kind_docs.get(kind_index(k)).map_or(0, Vec::len);
        }
        return n;
    }
    let mut n = 0;
    for e in &l.words {
        for &(t, _) in &e.terms {
            n += tables.df(t);
        }
    }
    n
}

/// The postings of all of a word's terms in `space`.
fn postings(space: &Space, e: &Expansion) -> usize {
    let mut n = 0;
    for &(t, _) in &e.terms {
        n += space.pairs(t).len();
    }
    n
}

/// Matches of one literal in a space, among `within` when given (sorted docs): in the documents'
/// own fields, and in their articles' fields (an article's match counts for each of its documents).
fn eval_literal(tables: &Tables, kind: SpaceKind, l: &RLit, scoring: bool, within: Option<&[u32]>) -> Vec<Match> {
    let space = tables.space(kind);
    if l.lit.field == Field::Kind {
        let mut docs: Vec<u32> = Vec::new();
        for &k in &l.lit.kinds {
            docs = union_docs(&docs, &space.kind_docs[kind_index(k)]);
        }
        if let Some(w) = within {
            docs = intersect_docs(&docs, w);
        }
        return unscored(docs.into_iter());
    }
    let scope = Scope { tables, kind, own: field_mask(l.lit.field, kind), art: article_mask(l.lit.field, kind) };
    match l.words.as_slice() {
        [] => Vec::new(),
        [e] => eval_word(&scope, e, scoring, within),
        words => {
            let mut idf = 0.0;
            if scoring {
                for e in words {
                    idf += word_idf(&scope, e);
                }
            }
            let mut out = if scope.own != 0 { eval_phrase(space, words, scope.own, idf, within) } else { Vec::new() };
            if scope.art != 0 {
                let arts = scope.articles_of(within);
                let by_article = eval_phrase(&tables.articles, words, scope.art, idf, arts.as_deref());
                let mut expanded = Vec::new();
                for m in by_article {
                    for ci in scope.docs_in(m.doc, within) {
                        expanded.push(Match { doc: ci, score: m.score, typos: 0, pair: NONE });
                    }
                }
                out = union(&out, &expanded);
            }
            out
        }
    }
}

/// Where a literal looks: a space's documents, in their own fields `own` and in their articles'
/// fields `art`.
struct Scope<'t> {
    tables: &'t Tables,
    kind: SpaceKind,
    own: u8,
    art: u8,
}

impl Scope<'_> {
    /// The articles of the candidate documents (sorted: documents are in article order).
    fn articles_of(&self, within: Option<&[u32]>) -> Option<Vec<u32>> {
        within.map(|docs| {
            let mut a: Vec<u32> = Vec::new();
            for &d in docs {
                let x = self.tables.article_of(self.kind, d);
                if a.last() != Some(&x) {
                    a.push(x);
                }
            }
            a
        })
    }

    /// The documents of article `a` (among `within` when given).
    fn docs_in(&self, a: u32, within: Option<&[u32]>) -> Vec<u32> {
        let range = self.tables.docs_of(self.kind, a);
        match within {
            Some(w) => {
                let from = w.partition_point(|&d| d < range.start);
                let to = w.partition_point(|&d| d < range.end);
                w[from..to].to_vec()
            }
            None => {
                let mut out = Vec::with_capacity(range.len());
                for d in range {
                    out.push(d);
                }
                out
            }
        }
    }
}

/// Inverse document frequency (BM25, always positive).
fn idf(n_docs: u32, df: usize) -> f32 {
    let (n, df) = (n_docs as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The idf of a word: that of its most common expansion term (so it does not depend on which
/// documents were looked at, and a word never counts as rarer than its commonest form).
fn word_idf(scope: &Scope, e: &Expansion) -> f32 {
    let mut df = 0;
    for &(t, _) in &e.terms {
        df = df.max(scope.tables.space_df(scope.kind, t));
    }
    idf(scope.tables.space(scope.kind).n_docs, df)
}

/// BM25 saturation of a weighted term frequency.
fn saturate(tf: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1)
}

/// Weighted frequency of one posting pair inside `mask` (0 when no position is inside it; 1 for
/// any hit when not scoring).
fn pair_tf(space: &Space, doc: u32, j: usize, mask: u8, scoring: bool) -> f32 {
    if mask == space.free_mask {
        let tf = space.free_tf.get(j).copied().unwrap_or(0.0);
        return if scoring || tf <= 0.0 { tf } else { 1.0 };
    }
    let mut tf = 0.0;
    for &p in space.positions(j) {
        let f = (p >> FIELD_SHIFT) as usize;
        if f < FIELDS && mask & (1 << f) != 0 {
            if !scoring {
                return 1.0;
            }
            tf += space.weight(doc, f);
        }
    }
    tf
}

/// Per-doc accumulator while merging a word's expansion.
#[derive(Clone, Copy)]
struct Acc {
    doc: u32,
    tf: f32,
    kind: MatchKind,
    pair: u32,
}

impl Acc {
    fn blank(doc: u32) -> Acc {
        Acc { doc, tf: 0.0, kind: MatchKind::Typo2, pair: NONE }
    }

    fn add(&mut self, tf: f32, kind: MatchKind, pair: u32) {
        if self.tf <= 0.0 || kind < self.kind {
            self.kind = kind;
            self.pair = pair;
        }
        self.tf += tf;
    }
}

/// Call `visit(index in cands, pair id)` for every posting pair whose doc is in `cands`, given the
/// docs of a term's pairs (`docs`, the pair ids starting at `base`); both sorted. A merge, or a
/// binary-search walk when the candidates are few.
fn each_common(cands: &[u32], docs: &[u32], base: usize, visit: &mut dyn FnMut(usize, usize)) {
    if cands.len() * 8 < docs.len() {
        let mut from = 0;
        for (ci, d) in cands.iter().enumerate() {
            match docs[from..].binary_search(d) {
                Ok(p) => {
                    visit(ci, base + from + p);
                    from += p + 1;
                }
                Err(p) => from += p,
            }
        }
    } else {
        let (mut ci, mut p) = (0, 0);
        while ci < cands.len() && p < docs.len() {
            match cands[ci].cmp(&docs[p]) {
                std::cmp::Ordering::Less => ci += 1,
                std::cmp::Ordering::Greater => p += 1,
                std::cmp::Ordering::Equal => {
                    visit(ci, base + p);
                    ci += 1;
                    p += 1;
                }
            }
        }
    }
}

/// Matches of a single word: the postings of every term it expands to, in the documents' own
/// fields and through their articles, among `within` if given. A document's weighted frequencies
/// from all fields add up before BM25 saturation (BM25F).
fn eval_word(scope: &Scope, e: &Expansion, scoring: bool, within: Option<&[u32]>) -> Vec<Match> {
    let (tables, kind) = (scope.tables, scope.kind);
    let space = tables.space(kind);
    let arts = &tables.articles;
    let mut accs: Vec<Acc>;
    if let Some(cands) = within {
        // One slot per candidate; each term's postings are merged or searched into them.
        accs = Vec::with_capacity(cands.len());
        for &d in cands {
            accs.push(Acc::blank(d));
        }
        if scope.own != 0 {
            // Many terms against many candidates (a prefix after a first word): a doc → candidate
            // map reads each posting once instead of merging every term with the candidates.
            let total = postings(space, e);
            let mut slot: Vec<u32> = Vec::new();
            if e.terms.len() > 2 && total + space.n_docs as usize <= cands.len() * e.terms.len() {
                slot = vec![NONE; space.n_docs as usize];
                for (ci, &d) in cands.iter().enumerate() {
                    if let Some(s) = slot.get_mut(d as usize) {
                        *s = ci as u32;
                    }
                }
            }
            for &(t, k) in &e.terms {
                let range = space.pairs(t);
                let mut visit = |ci: usize, j: usize| {
                    let tf = pair_tf(space, cands[ci], j, scope.own, scoring) * k.weight();
                    if tf > 0.0 {
                        accs[ci].add(tf, k, j as u32);
                    }
                };
                if slot.is_empty() {
                    each_common(cands, &space.docs[range.clone()], range.start, &mut visit);
                } else {
                    for j in range {
                        match slot.get(space.docs[j] as usize) {
                            Some(&ci) if ci != NONE => visit(ci as usize, j),
                            _ => {}
                        }
                    }
                }
            }
        }
        if scope.art != 0 {
            let cand_articles = scope.articles_of(within).unwrap_or_default();
            for &(t, k) in &e.terms {
                let range = arts.pairs(t);
                each_common(&cand_articles, &arts.docs[range.clone()], range.start, &mut |ai, j| {
                    let a = cand_articles[ai];
                    let tf = pair_tf(arts, a, j, scope.art, scoring) * k.weight();
                    if tf > 0.0 {
                        let r = tables.docs_of(kind, a);
                        let from = cands.partition_point(|&d| d < r.start);
                        let to = cands.partition_point(|&d| d < r.end);
                        for acc in &mut accs[from..to] {
                            acc.add(tf, k, NONE);
                        }
                    }
                });
            }
        }
        accs.retain(|a| a.tf > 0.0);
    } else {
        // Every (docs, weighted frequency) contribution: own postings (one doc each), then article
        // postings, each over its article's documents (one call for them all).
        let each = |add: &mut dyn FnMut(Range<u32>, f32, MatchKind, u32)| {
            for &(t, k) in &e.terms {
                if scope.own != 0 {
                    for j in space.pairs(t) {
                        let doc = space.docs[j];
                        let tf = pair_tf(space, doc, j, scope.own, scoring) * k.weight();
                        if tf > 0.0 {
                            add(doc..doc.saturating_add(1), tf, k, j as u32);
                        }
                    }
                }
            }
            // Article postings after every own one, as the candidate path adds them: a document
            // keeps its own best pair for proximity when an article posting is only as good.
            for &(t, k) in &e.terms {
                if scope.art != 0 {
                    for j in arts.pairs(t) {
                        let a = arts.docs[j];
                        let tf = pair_tf(arts, a, j, scope.art, scoring) * k.weight();
                        if tf > 0.0 {
                            add(tables.docs_of(kind, a), tf, k, NONE);
                        }
                    }
                }
            }
        };
        let own = if scope.own != 0 { postings(space, e) } else { 0 };
        let mut via = 0;
        if scope.art != 0 {
            for &(t, _) in &e.terms {
                for j in arts.pairs(t) {
                    via += tables.docs_of(kind, arts.docs[j]).len();
                }
            }
        }
        if own + via > space.n_docs as usize / 4 && (e.terms.len() > 1 || via > 0) {
            // Dense: one slot per document, read back in doc order.
            // Per document: its weighted frequency, the best way it matched and that way's pair.
            let n = space.n_docs as usize;
            let mut slots = vec![(0f32, MatchKind::Typo2, NONE); n];
            each(&mut |docs, x, k, j| {
                if let Some(ss) = slots.get_mut(docs.start as usize..docs.end as usize) {
                    for s in ss {
                        if s.0 <= 0.0 || k < s.1 {
                            (s.1, s.2) = (k, j);
                        }
                        s.0 += x;
                    }
                }
            });
            let w = if scoring { word_idf(scope, e) } else { 0.0 };
            let mut out = Vec::with_capacity((own + via).min(n));
            for (d, &(tf, best, pair)) in slots.iter().enumerate() {
                if tf > 0.0 {
                    let typos = u8::from(scoring && best.is_typo());
                    out.push(Match { doc: d as u32, score: w * saturate(tf), typos, pair });
                }
            }
            return out;
        } else {
            accs = Vec::with_capacity(own + via);
            each(&mut |docs, tf, kind, pair| {
                for doc in docs {
                    accs.push(Acc { doc, tf, kind, pair });
                }
            });
            if e.terms.len() > 1 || via > 0 {
                accs = merge_accs(accs);
            }
        }
    }
    let w = if scoring { word_idf(scope, e) } else { 0.0 };
    let mut out = Vec::with_capacity(accs.len());
    for a in accs {
        let typos = u8::from(scoring && a.kind.is_typo());
        out.push(Match { doc: a.doc, score: w * saturate(a.tf), typos, pair: a.pair });
    }
    out
}

/// Sort accumulators by doc and add up those of one doc.
fn merge_accs(accs: Vec<Acc>) -> Vec<Acc> {
    // Sort by doc through packed keys (doc, then push order), then add up each doc's.
    let mut keys: Vec<u64> = Vec::with_capacity(accs.len());
    for (i, a) in accs.iter().enumerate() {
        keys.push(u64::from(a.doc) << 32 | i as u64);
    }
    sort_dedup(&mut keys);
    let mut out: Vec<Acc> = Vec::with_capacity(accs.len());
    for key in keys {
        let a = accs[key as u32 as usize];
        match out.last_mut() {
            Some(last) if last.doc == a.doc => last.add(a.tf, a.kind, a.pair),
            _ => out.push(a),
        }
    }
    out
}

/// Matches of a phrase in one space's fields `mask`: documents with every word (among `within`),
/// then positions checked for adjacency. Its idf (given) is the sum of its words' (as Lucene's
/// phrase queries do); 0 when not scoring.
fn eval_phrase(space: &Space, words: &[Expansion], mask: u8, idf: f32, within: Option<&[u32]>) -> Vec<Match> {
    let scoring = idf > 0.0;
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(words.len());
    for (i, e) in words.iter().enumerate() {
        order.push((i, postings(space, e)));
    }
    insertion_sort_by(&mut order, |a, b| a.1 < b.1);
    let mut candidates: Option<Vec<u32>> = within.map(<[u32]>::to_vec);
    for (i, _) in order {
        let cands = candidates.as_deref();
        let mut docs: Vec<u64> = Vec::new();
        for &(t, _) in &words[i].terms {
            let range = space.pairs(t);
            let mut keep = |j: usize| {
                if pair_tf(space, space.docs[j], j, mask, false) > 0.0 {
                    docs.push(u64::from(space.docs[j]));
                }
            };
            match cands {
                Some(c) => each_common(c, &space.docs[range.clone()], range.start, &mut |_, j| keep(j)),
                None => range.for_each(keep),
            }
        }
        sort_dedup(&mut docs);
        let mut next = Vec::with_capacity(docs.len());
        for d in docs {
            next.push(d as u32);
        }
        candidates = Some(next);
    }
    let candidates = candidates.unwrap_or_default();
    if candidates.is_empty() {
        return Vec::new();
    }
    // Positions of each word inside the candidates, as sorted keys doc << 32 | position.
    let mut occ: Vec<Vec<u64>> = Vec::with_capacity(words.len());
    for e in words {
        let mut v = Vec::new();
        for &(t, _) in &e.terms {
            let range = space.pairs(t);
            each_common(&candidates, &space.docs[range.clone()], range.start, &mut |ci, j| {
                for &pos in space.positions(j) {
                    let f = (pos >> FIELD_SHIFT) as usize;
                    if f < FIELDS && mask & (1 << f) != 0 {
                        v.push(u64::from(candidates[ci]) << 32 | u64::from(pos));
                    }
                }
            });
        }
        sort_dedup(&mut v);
        occ.push(v);
    }
    let mut out = Vec::new();
    for &doc in &candidates {
        let (lo, hi) = (u64::from(doc) << 32, (u64::from(doc) + 1) << 32);
        let mut slices: Vec<&[u64]> = Vec::with_capacity(occ.len());
        for v in &occ {
            let a = v.partition_point(|&k| k < lo);
            let b = v.partition_point(|&k| k < hi);
            slices.push(&v[a..b]);
        }
        let mut tf = 0.0;
        for &key in slices[0] {
            let p = key as u32;
            if p & POS_MASK > POS_MASK - words.len() as u32 {
                continue;
            }
            let all = slices.iter().enumerate().skip(1).all(|(i, s)| s.binary_search(&(key + i as u64)).is_ok());
            if all {
                tf += if scoring { space.weight(doc, (p >> FIELD_SHIFT) as usize) } else { 1.0 };
            }
        }
        if tf > 0.0 {
            out.push(Match { doc, score: idf * saturate(tf), typos: 0, pair: NONE });
        }
    }
    out
}

/// Docs in both (scores and typo counts add up).
fn intersect(a: &[Match], b: &[Match]) -> Vec<Match> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].doc.cmp(&b[j].doc) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Match {
                    doc: a[i].doc,
                    score: a[i].score + b[j].score,
                    typos: a[i].typos.saturating_add(b[j].typos),
                    pair: a[i].pair,
                });
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Docs in either (scores add up; the fewer typos count).
fn union(a: &[Match], b: &[Match]) -> Vec<Match> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].doc < b[j].doc) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].doc < a[i].doc {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(Match {
                doc: a[i].doc,
                score: a[i].score + b[j].score,
                typos: a[i].typos.min(b[j].typos),
                pair: a[i].pair,
            });
            i += 1;
            j += 1;
        }
    }
    out
}

/// Docs in either sorted list.
fn union_docs(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i] < b[j]) {
            out.push(a[i]);
            i += 1;
        } else {
            if i < a.len() && a[i] == b[j] {
                i += 1;
            }
            out.push(b[j]);
            j += 1;
        }
    }
    out
}

fn intersect_docs(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn minus_docs(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    for &d in a {
        if b.binary_search(&d).is_err() {
            out.push(d);
        }
    }
    out
}

/// Proximity bonus of a document: consecutive single-word clauses whose best terms sit close in
/// one field earn `PROXIMITY_WEIGHT / distance`.
pub(crate) fn proximity(space: &Space, near: &[Vec<Match>], doc: u32) -> f32 {
    let mut bonus = 0.0;
    let mut pairs: Vec<Option<u32>> = Vec::with_capacity(near.len());
    for ms in near {
        pairs.push(ms.binary_search_by_key(&doc, |m| m.doc).ok().map(|i| ms[i].pair).filter(|&p| p != NONE));
    }
    for w in pairs.windows(2) {
        if let (Some(a), Some(b)) = (w[0], w[1]) {
            if a == b {
                continue;
            }
            if let Some(d) = min_distance(space.positions(a as usize), space.positions(b as usize)) {
                bonus += PROXIMITY_WEIGHT / d as f32;
            }
        }
    }
    bonus
}

/// Smallest distance between two sorted position lists within one field.
fn min_distance(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j) = (0, 0);
    let mut best: Option<u32> = None;
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x >> FIELD_SHIFT == y >> FIELD_SHIFT && x != y {
            let d = x.abs_diff(y);
            best = Some(best.map_or(d, |b| b.min(d)));
        }
        if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

/// Which literals mark words in a text.
#[derive(Clone, Copy)]
pub(crate) enum MarkIn {
    /// A quote text or any other text: free-text literals.
    Text,
    /// A speaker name: free-text and `speaker:` literals.
    Speaker,
}

/// True when a literal searching `f` marks words in `within`.
fn applies(f: Field, within: MarkIn) -> bool {
    matches!((f, within), (Field::Any, _) | (Field::Speaker, MarkIn::Speaker))
}

/// The marking behind [`Marker::mark`] and [`Marker::mark_tokens`], over `n` words whose
/// verdicts are `bits` (word `i`'s bit `j` set when the `j`th query word of the marker matches it;
/// `stride` u64s per word) and spans `span(i)` (in text order): every run of words a positive
/// literal applying to `within` matches, sorted, overlaps merged. Words are walked in text order,
/// so the spans come out sorted and are merged as they come (what `highlight::merge` would make of
/// them, without its sort and copies: this runs for every hit of every keystroke).
fn mark_words(
    groups: &[(Field, Vec<Matcher>)],
    within: MarkIn,
    bits: &[u64],
    stride: usize,
    span: &dyn Fn(usize) -> Span,
) -> Vec<Span> {
    let stride = stride.max(1);
    let n = bits.len() / stride;
    let has = |i: usize, j: usize| bits.get(i * stride + j / 64).is_some_and(|b| b >> (j % 64) & 1 == 1);
    // (first bit, words) of each literal that marks in `within`; the first bits of all of them as a
    // mask, to pass over a word no literal starts at with one test (when one u64 holds them).
    let (mut live, mut lead, mut first) = (Vec::new(), 0u64, 0);
    for (f, ms) in groups {
        if applies(*f, within) && !ms.is_empty() {
            live.push((first, ms.len()));
            lead |= 1u64.checked_shl(first as u32).unwrap_or(0);
        }
        first += ms.len();
    }
    let quick = stride == 1 && first <= 64;
    let mut out: Vec<Span> = Vec::new();
    for i in 0..n {
        if quick && bits.get(i).is_none_or(|b| b & lead == 0) {
            continue;
        }
        for &(j, len) in &live {
            if i + len <= n && (0..len).all(|k| has(i + k, j + k)) {
                let s = Span::new(span(i).start, span(i + len - 1).end);
                match out.last_mut() {
                    _ if s.is_empty() => {}
                    Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                    _ => out.push(s),
                }
            }
        }
    }
    out
}

/// Verdict slots of [`Marker`]'s memo (a power of two): a search's hits hold a few hundred
/// distinct words, so most repeat words are answered from it.
const MEMO_SLOTS: usize = 512;

/// Marks matched words in texts: built once per search (one [`Matcher`] per positive literal
/// word), then asked for each text shown, reusing its buffers. A dictionary word's verdicts are
/// computed once per search (a small direct-mapped memo by term id): the hits of one search
/// share most of their words.
pub(crate) struct Marker<'q> {
    /// Per positive literal with words: its field and a matcher per word.
    groups: Vec<(Field, Vec<Matcher<'q>>)>,
    /// u64s per word to hold a bit for each matcher of all groups.
    stride: usize,
    /// Folded words of the current text, one after another.
    folded: String,
    /// Each word of the current text: its span and the range of its folded form in `folded`.
    tokens: Vec<(Span, usize, usize)>,
    /// The current text's verdicts, `stride` per word.
    bits: Vec<u64>,
    /// (term id + 1, verdicts) by term id modulo [`MEMO_SLOTS`]; empty until first asked, and
    /// unused when the matchers need more than one u64.
    memo: Vec<(u32, u64)>,
    scratch: Vec<char>,
}

impl<'q> Marker<'q> {
    pub(crate) fn new(rq: &Resolved<'q>) -> Marker<'q> {
        let mut groups = Vec::new();
        let mut matchers = 0;
        for l in rq.clauses.iter().flatten() {
            if !l.lit.negated && !l.lit.words.is_empty() {
                let mut ms = Vec::with_capacity(l.lit.words.len());
                for w in &l.lit.words {
                    ms.push(Matcher::new(w));
                }
                matchers += ms.len();
                groups.push((l.lit.field, ms));
            }
        }
        Marker {
            groups,
            stride: matchers.div_ceil(64).max(1),
            folded: String::new(),
            tokens: Vec::new(),
            bits: Vec::new(),
            memo: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Push the verdicts of every matcher on `word` (`stride` u64s).
    fn judge(
        groups: &[(Field, Vec<Matcher>)],
        stride: usize,
        scratch: &mut Vec<char>,
        word: &str,
        bits: &mut Vec<u64>,
    ) {
        let at = bits.len();
        bits.resize(at + stride, 0);
        let mut j = 0;
        for (_, ms) in groups {
            for m in ms {
                if m.matches(word, scratch) {
                    bits[at + j / 64] |= 1 << (j % 64);
                }
                j += 1;
            }
        }
    }

    /// Spans of every word of `text` that a positive literal matches by [`super::word_match`]
    /// (phrases as one span from their first to their last word), sorted, overlaps merged.
    /// Highlights follow the matching rules themselves, not the capped expansions, so they also
    /// work on text outside the index.
    pub(crate) fn mark(&mut self, text: &str, within: MarkIn) -> Vec<Span> {
        if text.is_empty() || !self.marks(within) {
            return Vec::new();
        }
        let (folded, tokens) = (&mut self.folded, &mut self.tokens);
        folded.clear();
        tokens.clear();
        tokenize(text, &mut |s, w| {
            tokens.push((s, folded.len(), folded.len() + w.len()));
            folded.push_str(w);
        });
        self.bits.clear();
        for &(_, a, b) in tokens.iter() {
            Self::judge(&self.groups, self.stride, &mut self.scratch, Span::new(a, b).slice(folded), &mut self.bits);
        }
        let tokens = &*tokens;
        mark_words(&self.groups, within, &self.bits, self.stride, &|i| tokens[i].0)
    }

    /// True when some positive literal marks words in `within` (else [`Marker::mark`] is empty).
    pub(crate) fn marks(&self, within: MarkIn) -> bool {
        for (f, _) in &self.groups {
            if applies(*f, within) {
                return true;
            }
        }
        false
    }

    /// [`Marker::mark`] over a text's words kept by the index (spans relative to that text), reading
    /// each word's folded form from the dictionary instead of tokenizing the text again: the same
    /// spans as `mark` on the text the words came from.
    pub(crate) fn mark_tokens(&mut self, tokens: &[Token], dict: &Dictionary, within: MarkIn) -> Vec<Span> {
        if tokens.is_empty() || !self.marks(within) {
            return Vec::new();
        }
        self.bits.clear();
        let memo = self.stride == 1;
        if memo && self.memo.is_empty() {
            self.memo = vec![(0, 0); MEMO_SLOTS];
        }
        for t in tokens {
            let slot = t.term as usize % MEMO_SLOTS;
            match self.memo.get(slot) {
                Some(&(tag, v)) if memo && tag == t.term.wrapping_add(1) => self.bits.push(v),
                _ => {
                    Self::judge(
                        &self.groups,
                        self.stride,
                        &mut self.scratch,
                        dict.term(t.term as usize),
                        &mut self.bits,
                    );
                    if let (true, Some(e), Some(&v)) = (memo, self.memo.get_mut(slot), self.bits.last()) {
                        *e = (t.term.wrapping_add(1), v);
                    }
                }
            }
        }
        let span = |i: usize| tokens.get(i).map_or(Span::new(0, 0), |t| Span::new(t.start as usize, t.end as usize));
        mark_words(&self.groups, within, &self.bits, self.stride, &span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Source};
    use crate::search::matching::tests::xorshift;
    use crate::search::query::parse_query;
    use crate::search::query::Word;

    /// What `mark_words` made before it walked words in text order: every literal's runs, literal
    /// by literal, then sorted and merged by `highlight::merge`.
    fn mark_words_by_merge(
        groups: &[(Field, Vec<Matcher>)],
        within: MarkIn,
        bits: &[u64],
        stride: usize,
        span: &dyn Fn(usize) -> Span,
    ) -> Vec<Span> {
        let n = bits.len() / stride;
        let has = |i: usize, j: usize| bits[i * stride + j / 64] >> (j % 64) & 1 == 1;
        let (mut out, mut first) = (Vec::new(), 0);
        for (f, ms) in groups {
            let len = ms.len();
            if applies(*f, within) && n >= len {
                for i in 0..=n - len {
                    if (0..len).all(|k| has(i + k, first + k)) {
                        out.push(Span::new(span(i).start, span(i + len - 1).end));
                    }
                }
            }
            first += len;
        }
        crate::highlight::merge(&mut out);
        out
    }

    #[test]
    fn marking_in_text_order_is_marking_then_merging() {
        let words: Vec<Word> = (0..70).map(|i| Word::new(&format!("w{i}"), Span::new(0, 0))).collect();
        let mut rand = xorshift(0x9e37_79b9_7f4a_7c15);
        for round in 0..2000 {
            // Literals of 1 to 3 words (phrases), free text or speaker:, sometimes more than 64
            // words in all (two u64s of verdicts per word).
            let (mut groups, mut used) = (Vec::new(), 0);
            let literals = 1 + rand(if round % 10 == 0 { 40 } else { 5 });
            for _ in 0..literals {
                let len = (1 + rand(3)).min(words.len() - used);
                if len == 0 {
                    break;
                }
                let field = if rand(4) == 0 { Field::Speaker } else { Field::Any };
                groups.push((field, words[used..used + len].iter().map(Matcher::new).collect::<Vec<_>>()));
                used += len;
            }
            let stride = used.div_ceil(64).max(1);
            let n = rand(30);
            // Sparse or dense verdicts; some words empty (a span of no text), spans in text order.
            let dense = rand(3);
            let bits: Vec<u64> =
                (0..n * stride).map(|_| (0..64).fold(0u64, |b, k| b | u64::from(rand(4) < dense) << k)).collect();
            let spans: Vec<Span> =
                (0..n).map(|i| Span::new(10 * i, 10 * i + if rand(8) == 0 { 0 } else { 1 + rand(9) })).collect();
            let span = |i: usize| spans[i];
            for within in [MarkIn::Text, MarkIn::Speaker] {
                assert_eq!(
                    mark_words(&groups, within, &bits, stride, &span),
                    mark_words_by_merge(&groups, within, &bits, stride, &span),
                    "round {round}"
                );
            }
        }
    }

    /// Each initial's matches, evaluated once over a whole space when the index is built, are
    /// those the candidate path finds with every document a candidate (another way through the
    /// postings); other words get no table.
    #[test]
    fn each_initial_matches_what_the_candidate_path_finds() {
        let texts = [
            include_str!("../../seeds/000_06260985032954de.txt"),
            include_str!("../../seeds/001_2fe322bd87738eb3.txt"),
            include_str!("../../seeds/002_58a277481ee7be65.txt"),
            include_str!("../../seeds/003_5425e011c519e91f.txt"),
        ];
        let sources = texts.iter().enumerate();
        let corpus = Corpus::build(
            sources
                .map(|(i, t)| Source { name: format!("{i}.txt"), text: t.to_string(), ..Source::default() })
                .collect(),
        );
        let t = Tables::build(&corpus, true);
        let letters = Letters::new(&t);
        let initials: Vec<char> = t.dict.initials().collect();
        assert!(initials.len() >= 20, "{} initials", initials.len());
        let mut compared = 0;
        for c in initials {
            let (q, _) = parse_query(&c.to_string());
            let rq = resolve(&t, &q, None);
            let l = &rq.clauses[0][0];
            for kind in [SpaceKind::Quotes, SpaceKind::Passages] {
                let all: Vec<u32> = (0..t.space(kind).n_docs).collect();
                let want = eval_literal(&t, kind, l, true, Some(&all));
                let got = letters.get(kind, &l.lit.words[0]).expect("an initial has its matches");
                assert_eq!(got.len(), want.len(), "{c:?} in {kind:?}");
                for (g, x) in got.iter().zip(&want) {
                    assert_eq!((g.doc, g.typos), (x.doc, x.typos), "{c:?} in {kind:?}");
                    assert!((g.score - x.score).abs() <= 1e-4 * x.score.abs().max(1.0), "{c:?}: {g:?} vs {x:?}");
                }
                compared += got.len();
            }
            let (whole, _) = parse_query(&format!("{c} x"));
            assert!(letters.get(SpaceKind::Quotes, &whole.clauses[0].any[0].words[0]).is_none(), "{c:?} typed in full");
        }
        assert!(compared > 1000, "{compared} matches compared");
        let (two, _) = parse_query("th");
        assert!(letters.get(SpaceKind::Quotes, &two.clauses[0].any[0].words[0]).is_none());
    }
}
