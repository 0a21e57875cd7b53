//! The similarity of two quotes: each quote is prepared once (words, stems, sentences), then a pair
//! is compared sentence by sentence and the best pair of pieces counts. See the module docs of
//! [`crate::align`] for the signals and how they combine.

use super::words::{is_negator, is_stopword, stem, words};
use super::{
    Evidence, CONTAINED_CHANCE, EXACT_FULL_WEIGHT, FREQUENT_MIN_ARTICLES, FREQUENT_SHARE, FULL_CONTENT_WEIGHT,
    MAX_CLAUSES, MAX_QUOTE_WORDS, MAX_SEGMENTS, MIN_PIECE_WORDS, MIN_SHARED_STEMS, NAME_WEIGHT, NEGATION_FACTOR,
    NEGATION_LOOKBEHIND, PHRASE_FULL_WEIGHT, RUN_FREE_WEIGHT, STOPWORD_RUN_WEIGHT,
};
use crate::article::split_sentences;
use crate::span::{is_open_quote, Span};
use std::collections::BTreeMap;

/// A quote made ready for comparison.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// Article index.
    pub article: usize,
    /// Stem id of every word, in order (capped at [`MAX_QUOTE_WORDS`]).
    pub stems: Vec<u32>,
    /// Byte span of every word in the quote text.
    pub spans: Vec<Span>,
    /// True for content words (not stopwords).
    pub content: Vec<bool>,
    /// True for words that negate (see `words::is_negator`).
    pub negator: Vec<bool>,
    /// Capital-letter vote of each word for the name test: `Some(true)` capitalised inside a
    /// sentence, `Some(false)` lowercase, `None` at a sentence start (says nothing).
    pub capital: Vec<Option<bool>>,
    /// Pieces compared: the whole quote first, then each sentence when there are several.
    pub segments: Vec<Segment>,
    /// Clauses (split at sentence ends, commas, semicolons, colons, dashes and brackets), each
    /// trimmed to run from its first to its last content word: checked for verbatim containment.
    pub clauses: Vec<Segment>,
    /// Distinct content stems of the whole quote, sorted.
    pub distinct: Vec<u32>,
}

/// A run of words of a quote: the whole quote or one sentence of it.
#[derive(Debug, Default)]
pub(crate) struct Segment {
    /// First word index.
    pub lo: usize,
    /// One past the last word index.
    pub hi: usize,
    /// Distinct content stems, sorted.
    pub distinct: Vec<u32>,
    /// Words from the first to the last content word (0 without content words).
    pub reach: usize,
}

/// Folded stems interned to small ids, plus what the corpus says about each.
#[derive(Debug, Default)]
pub(crate) struct Vocabulary {
    /// Stem → id.
    ids: BTreeMap<String, usize>,
    /// Folded word → stem id × 2 + 1 for a content word (one map type with the corpus's, so the
    /// wasm carries one copy of the B-tree code).
    words: BTreeMap<String, usize>,
    /// Per stem id: in how many articles' quotes it appears as a content word.
    pub df: Vec<u32>,
    /// Per stem id: appears in so many articles that it is left out of the index and the gate.
    pub frequent: Vec<bool>,
    /// Per stem id: weight in the signals (see [`idf_weight`]).
    pub weights: Vec<f32>,
    /// Per stem id: (capitalised, lowercase) occurrences inside sentences across the corpus.
    pub capitals: Vec<(u32, u32)>,
    /// Per stem id: mostly written with a capital inside sentences, so a name ("Rubio", "China").
    pub name: Vec<bool>,
}

impl Vocabulary {
    /// (stem id, is a content word) of a folded word, computed once per distinct word.
    fn word(&mut self, folded: &str) -> (u32, bool) {
        if let Some(&known) = self.words.get(folded) {
            return ((known / 2) as u32, known % 2 == 1);
        }
        let next = self.ids.len();
        let id = *self.ids.entry(stem(folded)).or_insert(next);
        let content = !is_stopword(folded) && folded.chars().nth(1).is_some();
        self.words.insert(folded.to_string(), id * 2 + usize::from(content));
        (id as u32, content)
    }

    /// Weight of a content stem in the signals.
    pub fn weight(&self, id: u32) -> f32 {
        self.weights.get(id as usize).copied().unwrap_or(1.0)
    }

    /// True for a stem that counts as informative: not frequent and not a name.
    pub fn informative(&self, id: u32) -> bool {
        let i = id as usize;
        !self.frequent.get(i).copied().unwrap_or(true) && !self.name.get(i).copied().unwrap_or(true)
    }

    /// Mark frequent stems once document frequencies are known, for a corpus of `articles`.
    pub fn finish(&mut self, articles: usize) {
        let limit = frequent_limit(articles);
        self.frequent = self.df.iter().map(|&d| d as usize > limit).collect();
        self.capitals.resize(self.df.len(), (0, 0));
        self.name = self.capitals.iter().map(|&(up, low)| up > low).collect();
        self.weights = self
            .df
            .iter()
            .zip(&self.name)
            .map(|(&d, &name)| idf_weight(d as usize, articles) * if name { NAME_WEIGHT } else { 1.0 })
            .collect();
    }
}

/// Weight of a stem quoted in `df` of `articles` articles: its inverse document frequency
/// `ln((articles + 1) / df)`, relative to that of a stem quoted in just two articles (the rarest a
/// shared stem can be), so 1 for the rarest and falling towards 0 for a stem every article quotes.
/// In four articles a stem quoted in three weighs 0.56, in all four 0.24.
pub(crate) fn idf_weight(df: usize, articles: usize) -> f32 {
    if articles < 2 || df <= 2 {
        return 1.0;
    }
    let n = articles as f32 + 1.0;
    ((n / df as f32).ln() / (n / 2.0).ln()).clamp(0.0, 1.0)
}

/// A stem in the quotes of more than this many articles is frequent.
pub(crate) fn frequent_limit(articles: usize) -> usize {
    let share = (articles as f32 * FREQUENT_SHARE).ceil() as usize;
    share.max(FREQUENT_MIN_ARTICLES)
}

/// Prepare one quote's text. `vocab.df` is not touched here (see [`count_articles`]).
pub(crate) fn prepare(article: usize, text: &str, vocab: &mut Vocabulary) -> Prepared {
    let ws = words(text, MAX_QUOTE_WORDS);
    let sentences = split_sentences(text, Span::new(0, text.len()));
    let mut p = Prepared { article, ..Prepared::default() };
    for (k, w) in ws.iter().enumerate() {
        let next = ws.get(k + 1).map_or("", |n| n.folded.as_str());
        let before = text.get(ws.get(k.wrapping_sub(1)).map_or(0, |b| b.span.end)..w.span.start).unwrap_or("");
        let initial = k == 0
            || sentences
                .iter()
                .any(|s| s.start > 0 && s.start <= w.span.start && s.start >= w.span.start - before.len())
            || before.contains(|c: char| is_open_quote(c) || matches!(c, ':' | '(' | '[' | '—' | '–' | '-'));
        let upper = w.span.slice(text).chars().next().is_some_and(char::is_uppercase);
        let (id, content) = vocab.word(&w.folded);
        p.stems.push(id);
        p.spans.push(w.span);
        p.content.push(content);
        p.negator.push(is_negator(&w.folded, next));
        p.capital.push((!initial).then_some(upper));
    }
    if vocab.df.len() < vocab.ids.len() {
        vocab.df.resize(vocab.ids.len(), 0);
    }
    let n = p.stems.len();
    p.segments.push(segment(&p, 0, n));
    if sentences.len() > 1 {
        let mut lo = 0;
        for s in sentences.iter().take(MAX_SEGMENTS) {
            let hi = lo + p.spans[lo..].iter().take_while(|w| w.start < s.end).count();
            if hi > lo {
                let seg = segment(&p, lo, hi);
                p.segments.push(seg);
            }
            lo = hi;
        }
    }
    p.distinct = p.segments[0].distinct.clone();
    p.clauses = clauses(&p, text, &sentences);
    p
}

/// The clauses of a prepared quote, trimmed to content words, without duplicates.
fn clauses(p: &Prepared, text: &str, sentences: &[Span]) -> Vec<Segment> {
    let n = p.stems.len();
    let mut out: Vec<Segment> = Vec::new();
    let mut lo = 0;
    for k in 0..n {
        let gap_end = p.spans.get(k + 1).map_or(text.len(), |w| w.start);
        let gap = text.get(p.spans[k].end..gap_end).unwrap_or("");
        let sentence_end = sentences.iter().any(|s| s.end > p.spans[k].end && s.end <= gap_end);
        let breaks = sentence_end
            || gap.contains([',', ';', ':', '—', '–', '(', ')', '[', ']', '“', '”', '"', '…'])
            || gap.contains(" - ");
        if breaks || k + 1 == n {
            let first = (lo..=k).find(|&i| p.content[i]);
            let last = (lo..=k).rev().find(|&i| p.content[i]);
            if let (Some(f), Some(l)) = (first, last) {
                let seg = segment(p, f, l + 1);
                if !out.iter().any(|c| c.lo == seg.lo && c.hi == seg.hi) && out.len() < MAX_CLAUSES {
                    out.push(seg);
                }
            }
            lo = k + 1;
        }
    }
    out
}

fn segment(p: &Prepared, lo: usize, hi: usize) -> Segment {
    let mut distinct: Vec<u32> = (lo..hi).filter(|&k| p.content[k]).map(|k| p.stems[k]).collect();
    crate::sort::sort(&mut distinct);
    distinct.dedup();
    let first = (lo..hi).find(|&k| p.content[k]);
    let last = (lo..hi).rev().find(|&k| p.content[k]);
    let reach = first.zip(last).map_or(0, |(f, l)| l + 1 - f);
    Segment { lo, hi, distinct, reach }
}

/// Count, for every stem, the articles whose quotes contain it as a content word, and how often it
/// is capitalised inside a sentence.
pub(crate) fn count_articles(prepared: &[Prepared], vocab: &mut Vocabulary) {
    let mut last_article: Vec<usize> = vec![usize::MAX; vocab.df.len()];
    vocab.capitals.resize(vocab.df.len(), (0, 0));
    for p in prepared {
        for (&s, &vote) in p.stems.iter().zip(&p.capital) {
            if let (Some(c), Some(up)) = (vocab.capitals.get_mut(s as usize), vote) {
                if up {
                    c.0 += 1;
                } else {
                    c.1 += 1;
                }
            }
        }
        for &s in &p.distinct {
            let i = s as usize;
            if last_article[i] != p.article {
                last_article[i] = p.article;
                vocab.df[i] += 1;
            }
        }
    }
}

/// What the text of the best pair of pieces shows, before speaker and position.
#[derive(Clone, Debug, Default)]
pub(crate) struct TextMatch {
    pub text: f32,
    pub evidence: Evidence,
}

/// Compare two prepared quotes: the best pair of pieces (whole quote or sentence on each side, or a
/// clause of one found verbatim in the other), or `None` when no pair shares [`MIN_SHARED_STEMS`]
/// informative stems.
pub(crate) fn compare(a: &Prepared, b: &Prepared, vocab: &Vocabulary) -> Option<TextMatch> {
    let mut best: Option<TextMatch> = None;
    let mut keep = |m: TextMatch| {
        if best.as_ref().is_none_or(|x| m.text > x.text) {
            best = Some(m);
        }
    };
    // The longest verbatim run is found once on the whole quotes: no run inside a pair of
    // sentences is longer.
    let mut run: Option<(f32, usize)> = None;
    for sa in &a.segments {
        for sb in &b.segments {
            if let Some(m) = compare_segments(a, sa, b, sb, vocab, &mut run) {
                keep(m);
            }
        }
    }
    for flip in [false, true] {
        let (x, y) = if flip { (b, a) } else { (a, b) };
        for c in &x.clauses {
            if let Some(m) = contained_clause(x, c, y, vocab) {
                keep(if flip { m.flipped() } else { m });
            }
        }
    }
    best
}

impl TextMatch {
    /// The same match seen from the other quote.
    fn flipped(mut self) -> TextMatch {
        std::mem::swap(&mut self.evidence.piece_a, &mut self.evidence.piece_b);
        self
    }
}

/// Distinct stems both sorted lists hold: (their total weight, how many are informative).
fn shared(x: &[u32], y: &[u32], vocab: &Vocabulary) -> (f32, usize) {
    let (mut i, mut j) = (0, 0);
    let (mut weight, mut informative) = (0.0f32, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                weight += vocab.weight(x[i]);
                informative += usize::from(vocab.informative(x[i]));
                i += 1;
                j += 1;
            }
        }
    }
    (weight, informative)
}

fn total(x: &[u32], vocab: &Vocabulary) -> f32 {
    x.iter().map(|&s| vocab.weight(s)).sum()
}

/// Dice overlap of two pieces' distinct stems, damped for light pieces (see [`confidence`]).
fn words_signal(x: &[u32], y: &[u32], shared_w: f32, vocab: &Vocabulary) -> f32 {
    let (wx, wy) = (total(x, vocab), total(y, vocab));
    if wx + wy <= 0.0 {
        return 0.0;
    }
    2.0 * shared_w / (wx + wy) * confidence(wx.min(wy))
}

/// How far a piece of content weight `w` can be trusted on its own: `w / FULL_CONTENT_WEIGHT`,
/// at most 1. Two rare words are not yet a remark.
fn confidence(w: f32) -> f32 {
    (w / FULL_CONTENT_WEIGHT).min(1.0)
}

/// The phrase signal of a shared run with content weight `w` and `words` words.
fn phrase_signal(w: f32, words: usize) -> f32 {
    if words < MIN_PIECE_WORDS {
        return 0.0;
    }
    ((w - RUN_FREE_WEIGHT) / (PHRASE_FULL_WEIGHT - RUN_FREE_WEIGHT)).clamp(0.0, 1.0)
}

/// True when a negation lies in words `lo..=hi` of `p` or the [`NEGATION_LOOKBEHIND`] words before,
/// not reaching before word `floor`.
fn negated(p: &Prepared, lo: usize, hi: usize, floor: usize) -> bool {
    let from = lo.saturating_sub(NEGATION_LOOKBEHIND).max(floor).min(lo);
    (from..=hi).any(|k| p.negator.get(k).copied().unwrap_or(false))
}

/// Clause `c` of `x` found word for word (stems, stopwords included) in `y`.
fn contained_clause(x: &Prepared, c: &Segment, y: &Prepared, vocab: &Vocabulary) -> Option<TextMatch> {
    let informative = c.distinct.iter().filter(|&&s| vocab.informative(s)).count();
    if informative < MIN_SHARED_STEMS || c.reach < MIN_PIECE_WORDS {
        return None;
    }
    // Every stem of the clause must occur in y before a word-by-word search is worth it.
    if !c.distinct.iter().all(|s| y.distinct.binary_search(s).is_ok()) {
        return None;
    }
    let needle = x.stems.get(c.lo..c.hi)?;
    let pos = y.stems.windows(needle.len()).position(|w| w[0] == needle[0] && w == needle)?;
    let end = pos + needle.len();
    // The smallest piece of y holding the run, for the word overlap.
    let host = y.segments.iter().filter(|s| s.lo <= pos && end <= s.hi).min_by_key(|s| s.hi - s.lo)?;
    // Widen to the whole verbatim run around the clause: shared words either side count too.
    let before = (1..=c.lo.min(pos)).take_while(|&k| x.stems[c.lo - k] == y.stems[pos - k]).count();
    let after = (0..(x.stems.len() - c.hi).min(y.stems.len() - end))
        .take_while(|&k| x.stems[c.hi + k] == y.stems[end + k])
        .count();
    let run_w: f32 = (c.lo - before..c.hi + after).map(|k| run_weight(x, k, vocab)).sum();
    let contained = ((run_w - RUN_FREE_WEIGHT) / (EXACT_FULL_WEIGHT - RUN_FREE_WEIGHT)).clamp(0.0, 1.0);
    let phrase = phrase_signal(run_w, c.hi - c.lo);
    let (shared_w, _) = shared(&c.distinct, &host.distinct, vocab);
    let words = words_signal(&c.distinct, &host.distinct, shared_w, vocab);
    let negation_differs = negated(x, c.lo, c.hi - 1, 0) != negated(y, pos, end - 1, 0);
    let mut text = combine(words, contained, phrase);
    if negation_differs {
        text *= NEGATION_FACTOR;
    }
    Some(TextMatch {
        text,
        evidence: Evidence {
            words,
            contained,
            phrase,
            phrase_words: c.hi - c.lo,
            shared_stems: informative,
            negation_differs,
            piece_a: Span::new(x.spans[c.lo].start, x.spans[c.hi - 1].end),
            piece_b: Span::new(y.spans[pos].start, y.spans[end - 1].end),
            ..Evidence::default()
        },
    })
}

fn compare_segments(
    a: &Prepared,
    sa: &Segment,
    b: &Prepared,
    sb: &Segment,
    vocab: &Vocabulary,
    run: &mut Option<(f32, usize)>,
) -> Option<TextMatch> {
    if sa.reach < MIN_PIECE_WORDS || sb.reach < MIN_PIECE_WORDS {
        return None;
    }
    let (shared_w, informative) = shared(&sa.distinct, &sb.distinct, vocab);
    if informative < MIN_SHARED_STEMS {
        return None;
    }
    let words = words_signal(&sa.distinct, &sb.distinct, shared_w, vocab);

    // Content words in order on each side: how much of the lighter piece the other holds in order.
    let ca: Vec<usize> = (sa.lo..sa.hi).filter(|&k| a.content[k]).collect();
    let cb: Vec<usize> = (sb.lo..sb.hi).filter(|&k| b.content[k]).collect();
    let (lcs_w, window_a, window_b) = weighted_lcs(&ca, &a.stems, &cb, &b.stems, vocab);
    let sum = |c: &[usize], p: &Prepared| c.iter().map(|&k| vocab.weight(p.stems[k])).sum::<f32>();
    let lighter = sum(&ca, a).min(sum(&cb, b));
    let share = if lighter > 0.0 { (lcs_w / lighter).min(1.0) } else { 0.0 };
    let contained = ((share - CONTAINED_CHANCE) / (1.0 - CONTAINED_CHANCE)).clamp(0.0, 1.0) * confidence(lighter);

    let (phrase_w, phrase_words) = *run.get_or_insert_with(|| {
        let (wa, wb) = (&a.segments[0], &b.segments[0]);
        longest_run(a, wa, b, wb, vocab)
    });
    let phrase = phrase_signal(phrase_w, phrase_words);

    let negation_differs = negated(a, window_a.0, window_a.1, sa.lo) != negated(b, window_b.0, window_b.1, sb.lo);
    let mut text = combine(words, contained, phrase);
    if negation_differs {
        text *= NEGATION_FACTOR;
    }
    let piece = |p: &Prepared, s: &Segment| match (p.spans.get(s.lo), p.spans.get(s.hi.wrapping_sub(1))) {
        (Some(f), Some(l)) => Span::new(f.start, l.end),
        _ => Span::default(),
    };
    Some(TextMatch {
        text,
        evidence: Evidence {
            words,
            contained,
            phrase,
            phrase_words,
            shared_stems: informative,
            negation_differs,
            piece_a: piece(a, sa),
            piece_b: piece(b, sb),
            ..Evidence::default()
        },
    })
}

/// The text score from the three text signals: the strongest one, plus a little of the others.
pub(crate) fn combine(words: f32, contained: f32, phrase: f32) -> f32 {
    let best = words.max(contained).max(phrase);
    let others = words + contained + phrase - best;
    (best + super::SUPPORT_WEIGHT * others).min(1.0)
}

/// Weight of word `k` of `p` inside a verbatim run: its stem's weight for a content word,
/// [`STOPWORD_RUN_WEIGHT`] for a stopword (a long verbatim run of plain words is evidence too).
fn run_weight(p: &Prepared, k: usize, vocab: &Vocabulary) -> f32 {
    if p.content[k] {
        vocab.weight(p.stems[k])
    } else {
        STOPWORD_RUN_WEIGHT
    }
}

/// Weighted longest common subsequence of two content-word lists (indices into `sa`/`sb` stems).
/// Returns the weight and, on each side, the first and last word index of one such subsequence.
fn weighted_lcs(
    ca: &[usize],
    sa: &[u32],
    cb: &[usize],
    sb: &[u32],
    vocab: &Vocabulary,
) -> (f32, (usize, usize), (usize, usize)) {
    let (m, n) = (ca.len(), cb.len());
    let w = n + 1;
    // l[i * w + j]: best weight for ca[i..] and cb[j..].
    let mut l = vec![0.0f32; (m + 1) * w];
    for i in (0..m).rev() {
        for j in (0..n).rev() {
            let (x, y) = (sa[ca[i]], sb[cb[j]]);
            let skip = l[(i + 1) * w + j].max(l[i * w + j + 1]);
            l[i * w + j] = if x == y { skip.max(l[(i + 1) * w + j + 1] + vocab.weight(x)) } else { skip };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut first_a, mut first_b, mut last_a, mut last_b) = (None, None, 0, 0);
    while i < m && j < n {
        let (x, y) = (sa[ca[i]], sb[cb[j]]);
        if x == y && l[i * w + j] == l[(i + 1) * w + j + 1] + vocab.weight(x) {
            first_a.get_or_insert(ca[i]);
            first_b.get_or_insert(cb[j]);
            last_a = ca[i];
            last_b = cb[j];
            i += 1;
            j += 1;
        } else if l[(i + 1) * w + j] >= l[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let fa = first_a.unwrap_or(0);
    let fb = first_b.unwrap_or(0);
    (l[0], (fa, last_a.max(fa)), (fb, last_b.max(fb)))
}

/// The longest run of identical words (stems, stopwords included) both pieces contain, trimmed to
/// start and end on a content word: (content weight of the run, words in the trimmed run). Among
/// runs, the heaviest wins.
fn longest_run(a: &Prepared, sa: &Segment, b: &Prepared, sb: &Segment, vocab: &Vocabulary) -> (f32, usize) {
    let (m, n) = (sa.hi - sa.lo, sb.hi - sb.lo);
    if m == 0 || n == 0 {
        return (0.0, 0);
    }
    // Prefix sums of content weight over a's words, and the nearest content word either way.
    let mut pw = vec![0.0f32; m + 1];
    let mut next_c = vec![usize::MAX; m + 1];
    let mut prev_c = vec![usize::MAX; m];
    for k in 0..m {
        let g = sa.lo + k;
        pw[k + 1] = pw[k] + run_weight(a, g, vocab);
    }
    for k in (0..m).rev() {
        next_c[k] = if a.content[sa.lo + k] { k } else { next_c[k + 1] };
    }
    let mut last = usize::MAX;
    for (k, pc) in prev_c.iter_mut().enumerate() {
        if a.content[sa.lo + k] {
            last = k;
        }
        *pc = last;
    }
    let mut row = vec![0u16; n + 1];
    let mut best = (0.0f32, 0usize);
    for i in 0..m {
        let x = a.stems[sa.lo + i];
        for j in (0..n).rev() {
            row[j + 1] = if x == b.stems[sb.lo + j] { row[j] + 1 } else { 0 };
            let len = usize::from(row[j + 1]);
            if len == 0 {
                continue;
            }
            let start = i + 1 - len;
            let weight = pw[i + 1] - pw[start];
            let (fc, lc) = (next_c[start], prev_c[i]);
            let words = if fc != usize::MAX && lc != usize::MAX && fc <= lc { lc - fc + 1 } else { 0 };
            if weight > best.0 || (weight == best.0 && words > best.1) {
                best = (weight, words);
            }
        }
        row[0] = 0;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_weights() {
        assert_eq!(idf_weight(2, 4), 1.0);
        assert!((idf_weight(3, 4) - 0.557).abs() < 0.01);
        assert!((idf_weight(4, 4) - 0.243).abs() < 0.01);
        assert_eq!(idf_weight(1, 1), 1.0);
        assert!(idf_weight(840, 840) < 0.01);
    }
}
