//! Alignment: quotes in different articles that report the same remark, linked and grouped.
//!
//! [`align`] scores pairs of quotes from different articles and links those scoring at least
//! [`THRESHOLD`]; an [`Alignment`] answers, per quote, which quotes elsewhere report the same
//! remark ([`Alignment::same_as`], the CLI's `same_as`), how many other articles do
//! ([`Alignment::other_articles`], "Also reported by N outlets"), and holds the groups. Every
//! [`Link`] carries its score and [`Evidence`] (which signals fired, which pieces matched), and
//! [`word_diff`] gives the side-by-side view its word-level differences. [`Scorer`] scores any pair
//! on demand, and [`compare_texts`] two bare texts.
//!
//! # The score
//!
//! Reports of one remark differ in extent (a partial "as soon as possible" against a whole
//! sentence), in wording (translations: "rock-solid" / "iron clad", "sinister international
//! situation" / "perilous international landscape") and in what surrounds them. So a quote is
//! compared in **pieces**: the whole quote, each of its sentences, and each clause (split at
//! commas, semicolons, colons, dashes and brackets); the best-matching pair of pieces counts.
//!
//! Words are folded ([`crate::search::fold`]), stemmed lightly ("peoples" / "people", "solving" /
//! "solve") and split into stopwords and content words. A content stem weighs its inverse document
//! frequency over the corpus's quotes, `ln((N+1)/df)`, relative to a stem quoted in two articles
//! (weight 1): words every article quotes weigh little. A **name** (a stem mostly capitalised
//! inside sentences: "Rubio", "China") weighs half and a **frequent** stem (quoted in more than
//! max(8, 5 % of the articles)) is left out of the index; neither counts as informative.
//!
//! Two pieces are compared only if they share at least [`MIN_SHARED_STEMS`] (2) informative stems
//! and each runs at least [`MIN_PIECE_WORDS`] (3) words from its first to its last content word:
//! the minimum of informative content. "war", "regret", "complex", "Morning Joe" or "rock solid"
//! never align on their own, however often they are quoted. Then three signals, each 0..=1:
//!
//! - **words**: weighted Dice overlap of the two pieces' distinct content stems, scaled down for a
//!   piece lighter than [`FULL_CONTENT_WEIGHT`]. Carries rewording and translation variants.
//! - **contained**: a clause of one quote found word for word in the other (stems, stopwords
//!   included), scored by the weight of the verbatim run around it, from 0 at [`RUN_FREE_WEIGHT`]
//!   to 1 at [`EXACT_FULL_WEIGHT`] ("calmness and rationality", "as soon as possible" in the seeds:
//!   1); otherwise the share of the lighter piece's content found in order in the other, from 0 at
//!   [`CONTAINED_CHANCE`] to 1 at all of it. Carries partial quotes.
//! - **phrase**: the longest run of identical words the quotes share (content weights plus
//!   [`STOPWORD_RUN_WEIGHT`] per stopword), from 0 at [`RUN_FREE_WEIGHT`] to 1 at
//!   [`PHRASE_FULL_WEIGHT`] ("the friendship between the two peoples is …").
//!
//! The text score is the strongest signal plus [`SUPPORT_WEIGHT`] × the other two, capped at 1,
//! times [`NEGATION_FACTOR`] when one side negates the matched stretch and the other does not
//! ("we will not accept" / "we will accept" are different remarks; both negated is fine). The
//! score adds [`SAME_SPEAKER_BONUS`] for one corpus speaker, subtracts
//! [`DIFFERENT_SPEAKER_PENALTY`] for speakers with no name word in common ("Wang" / "Wang Yi" are
//! neither), adds up to [`POSITION_WEIGHT`] for nearness in the article, and is clamped to 0..=1.
//!
//! # The threshold, measured
//!
//! [`THRESHOLD`] is 0.55. On the seeds, 001 and 002 (Wang Yi's press conference of 7 March 2022
//! in two translations) score, with this branch's extractor (and with the quote branch's new one,
//! which attributes more quotes to Wang Yi): rock-solid / iron clad 0.887 (0.958), sinister /
//! perilous 0.620 (0.720), "as soon as possible" 1.0 (1.0), "calmness and rationality" 1.0 (1.0);
//! also linked: the mediation, "legitimate security concerns", "crucial bilateral relationship"
//! and "world peace, stability and development" pairs, 0.88 to 1.0. The highest pair that must not
//! link is 002's "continue playing a constructive role in facilitating dialogue" against 003's
//! "played a constructive role in maintaining peace", another remark sharing a stock phrase: 0.382
//! (0.482 when both are attributed to Wang Yi); every other seed pair scores 0.22 or less.
//!
//! # Groups
//!
//! Groups are the connected components of the links, built strongest link first, except that a
//! group never holds two quotes of one article: 002's "No matter how perilous …. The friendship
//! between the two peoples is iron clad" reports two of 001's quotes, joins the group of the
//! stronger link, and keeps the other as a link in `same_as`.
//!
//! # Cost
//!
//! No all-pairs comparison: an inverted index of informative stems yields the pairs sharing at
//! least [`MIN_SHARED_STEMS`] of them ([`align_all_pairs`] is the naive oracle the tests compare
//! with). PolNeAR's 840 training articles (about 9,500 quotes) align in about 0.3 s natively, into
//! about 115 groups.
//!
//! # Limits
//!
//! Stock phrases that are rare in the corpus ("boots on the ground", "sick and tired") link
//! quotes that merely share them; in a large corpus their weight falls, in a small one (and with
//! the same speaker) they come close to the threshold. Two-word fragments never align. Negation is
//! the presence of a negating word in the matched stretch, not its scope. A long quote repeated
//! word for word links even when the two articles attribute it to different people.
//!
//! ```
//! use quotelens::align::align;
//! use quotelens::corpus::{Corpus, Source};
//! let src = |name: &str, text: &str| Source { name: name.into(), text: text.into(), ..Source::default() };
//! let corpus = Corpus::build(vec![
//!     src("a.txt", "“Solving complex problems requires calmness and rationality, rather than adding fuel to the fire,” Wang Yi said."),
//!     src("b.txt", "Wang Yi said it takes “calmness and rationality, instead of moves that pour oil on the flame.”"),
//! ]);
//! let al = align(&corpus);
//! assert_eq!(al.same_as((0, 0)), [(1, 0)]);
//! assert_eq!(al.groups, [vec![(0, 0), (1, 0)]]);
//! ```
//!
//! [`Alignment`]: crate::align::Alignment
//! [`Alignment::other_articles`]: crate::align::Alignment::other_articles
//! [`Alignment::same_as`]: crate::align::Alignment::same_as
//! [`CONTAINED_CHANCE`]: crate::align::CONTAINED_CHANCE
//! [`DIFFERENT_SPEAKER_PENALTY`]: crate::align::DIFFERENT_SPEAKER_PENALTY
//! [`EXACT_FULL_WEIGHT`]: crate::align::EXACT_FULL_WEIGHT
//! [`Evidence`]: crate::align::Evidence
//! [`FULL_CONTENT_WEIGHT`]: crate::align::FULL_CONTENT_WEIGHT
//! [`Link`]: crate::align::Link
//! [`MIN_PIECE_WORDS`]: crate::align::MIN_PIECE_WORDS
//! [`MIN_SHARED_STEMS`]: crate::align::MIN_SHARED_STEMS
//! [`NEGATION_FACTOR`]: crate::align::NEGATION_FACTOR
//! [`PHRASE_FULL_WEIGHT`]: crate::align::PHRASE_FULL_WEIGHT
//! [`POSITION_WEIGHT`]: crate::align::POSITION_WEIGHT
//! [`RUN_FREE_WEIGHT`]: crate::align::RUN_FREE_WEIGHT
//! [`SAME_SPEAKER_BONUS`]: crate::align::SAME_SPEAKER_BONUS
//! [`STOPWORD_RUN_WEIGHT`]: crate::align::STOPWORD_RUN_WEIGHT
//! [`SUPPORT_WEIGHT`]: crate::align::SUPPORT_WEIGHT
//! [`Scorer`]: crate::align::Scorer
//! [`THRESHOLD`]: crate::align::THRESHOLD
//! [`align`]: crate::align::align
//! [`align_all_pairs`]: crate::align::align_all_pairs
//! [`compare_texts`]: crate::align::compare_texts
//! [`word_diff`]: crate::align::word_diff

mod diff;
mod score;
mod words;

pub use diff::{word_diff, DiffOp, MAX_DIFF_WORDS, MAX_READ_WORDS};

use crate::corpus::Corpus;
use crate::span::Span;

use score::{compare, count_articles, prepare, Prepared, Vocabulary};
use serde::Serialize;

/// A quote's place in a corpus: (article index, quote index), as [`Corpus::quote`] returns it.
pub type QuoteAt = (usize, usize);

/// Score at or above which two quotes are linked as reporting the same remark.
/// Range 0.3..=0.8; default 0.55. See the module docs for the seed scores it separates.
pub const THRESHOLD: f32 = 0.55;

/// Minimum informative content: two pieces are compared only when they share at least this many
/// distinct informative stems (content words that are neither frequent in the corpus nor names).
/// One shared word ("war", "regret", "complex") is never enough. Range 1..=4; default 2.
pub const MIN_SHARED_STEMS: usize = 2;

/// A stem is frequent when more than `max(FREQUENT_MIN_ARTICLES, FREQUENT_SHARE × articles)`
/// articles quote it. Frequent stems are left out of the candidate index, do not count towards
/// [`MIN_SHARED_STEMS`]; in the signals they weigh their (low) inverse document frequency like any
/// stem. Range 2..=50; default 8, so in a handful of articles nothing is frequent.
pub const FREQUENT_MIN_ARTICLES: usize = 8;

/// Share of the articles above which a stem is frequent (see [`FREQUENT_MIN_ARTICLES`]).
/// Range 0.01..=0.5; default 0.05 (42 of PolNeAR's 840 training articles).
pub const FREQUENT_SHARE: f32 = 0.05;

/// Content weight at which a piece is trusted fully by the word and containment signals; lighter
/// pieces have those signals scaled down by `weight / FULL_CONTENT_WEIGHT`. Range 2.0..=6.0;
/// default 4.0.
pub const FULL_CONTENT_WEIGHT: f32 = 4.0;

/// Share of a piece's content words that another piece holds in order by chance; the containment
/// signal rises from 0 at this share to 1 at all of them. Range 0.0..=0.8; default 0.5.
pub const CONTAINED_CHANCE: f32 = 0.5;

/// Weight of the verbatim run around a clause found word for word in the other quote at which the
/// containment signal reaches 1 (two rare words and a stopword: "calmness and rationality").
/// Range 1.5..=5.0; default 2.25.
pub const EXACT_FULL_WEIGHT: f32 = 2.25;

/// Clauses of a quote checked for verbatim containment. Range 1..=256; default 48.
pub const MAX_CLAUSES: usize = 48;

/// Weight factor of a name: a stem mostly written with a capital letter inside sentences across
/// the corpus ("Rubio", "China", "Morning Joe"). Names say what a quote is about, not which remark
/// it is, so they also never count towards [`MIN_SHARED_STEMS`]. Range 0.0..=1.0; default 0.5.
pub const NAME_WEIGHT: f32 = 0.5;

/// Weight of a stopword inside a verbatim run (content words weigh their stem's weight): twelve
/// plain words in a row ("if she gets to pick her judges, nothing you can do") are evidence too.
/// Range 0.0..=0.5; default 0.25.
pub const STOPWORD_RUN_WEIGHT: f32 = 0.25;

/// Minimum length, in words from the first to the last content word, of anything that can carry a
/// match: a piece compared for word overlap, a clause found verbatim, a shared run. "calmness and
/// rationality" and "as soon as possible" (3 from "soon") pass; two-word names and terms ("Ted
/// Cruz", "Morning Joe", "rock solid") never align on their own. Range 2..=6; default 3.
pub const MIN_PIECE_WORDS: usize = 3;

/// Weight of a verbatim run that counts for nothing: the phrase signal rises from 0 at this
/// weight to 1 at [`PHRASE_FULL_WEIGHT`], the verbatim containment signal to 1 at
/// [`EXACT_FULL_WEIGHT`]. A run weighs the sum of its content words' weights plus
/// [`STOPWORD_RUN_WEIGHT`] per stopword: "commander in chief" or "hundreds of thousands" in a
/// corpus of 840 articles weigh about 1.5. Range 0.5..=2.0; default 1.5.
pub const RUN_FREE_WEIGHT: f32 = 1.5;

/// Weight of a shared run at which the phrase signal reaches 1. Range 3.0..=8.0; default 5.0.
pub const PHRASE_FULL_WEIGHT: f32 = 5.0;

/// How much the two weaker text signals add to the strongest one. Range 0.0..=0.5; default 0.2.
pub const SUPPORT_WEIGHT: f32 = 0.2;

/// Multiplies the text score when one side negates the matched stretch and the other does not
/// ("we will not accept" / "we will accept"): 0.3 keeps even a word-for-word match with the same
/// speaker below the threshold. Range 0.0..=1.0; default 0.3.
pub const NEGATION_FACTOR: f32 = 0.3;

/// Words before the first matched word that still belong to the matched stretch when looking for a
/// negation ("will not accept": "not" is one word before "accept"). Range 0..=4; default 2.
pub const NEGATION_LOOKBEHIND: usize = 2;

/// Added when both quotes are attributed to the same corpus speaker. Range 0.0..=0.3; default 0.1.
pub const SAME_SPEAKER_BONUS: f32 = 0.1;

/// Subtracted when both quotes are attributed and the speakers share no name word (Blinken vs
/// Wang). Speakers who share a name word ("Wang" / "Wang Yi") count as neither same nor different.
/// Range 0.0..=1.0; default 0.4.
pub const DIFFERENT_SPEAKER_PENALTY: f32 = 0.4;

/// Weight of nearness in the article: adds `POSITION_WEIGHT × (1 − |Δ relative position|)`, a weak
/// tie-breaker between equally worded candidates. Range 0.0..=0.1; default 0.03.
pub const POSITION_WEIGHT: f32 = 0.03;

/// Words of a quote that alignment reads; the rest is ignored. Range 50..=2000; default 300.
pub const MAX_QUOTE_WORDS: usize = 300;

/// Sentences of a quote compared one by one (besides the whole quote). Range 1..=64; default 12.
pub const MAX_SEGMENTS: usize = 12;

/// How two quotes' speakers relate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerMatch {
    /// At least one quote is not attributed.
    #[default]
    Unknown,
    /// The same corpus speaker.
    Same,
    /// Different corpus speakers sharing a name word ("Wang" and "Wang Yi"): maybe one person.
    Compatible,
    /// Different speakers with no name word in common.
    Different,
}

/// Why two quotes were linked: the signals of the best-matching pieces.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    /// The word signal: weighted Dice overlap of the pieces' distinct content stems, damped for
    /// light pieces, 0..=1.
    pub words: f32,
    /// The containment signal: a clause found word for word, or the lighter piece's content found
    /// in order in the other, 0..=1 (see the module docs).
    pub contained: f32,
    /// The phrase signal of the longest verbatim run, 0..=1 (0 when the run reaches fewer than
    /// [`MIN_PIECE_WORDS`] words).
    pub phrase: f32,
    /// Words in that run, from its first to its last content word.
    pub phrase_words: usize,
    /// Distinct informative stems the pieces share.
    pub shared_stems: usize,
    /// One side negates the matched stretch and the other does not.
    pub negation_differs: bool,
    /// How the speakers relate.
    pub speaker: SpeakerMatch,
    /// |difference of relative position in the article|, 0..=1.
    pub position_gap: f32,
    /// The piece of the first quote that matched (byte span into the quote's text).
    pub piece_a: Span,
    /// The piece of the second quote that matched (byte span into the quote's text).
    pub piece_b: Span,
}

impl Evidence {
    /// Names of the signals that fired, for a tooltip: "words", "contained", "phrase" (each when it
    /// alone reaches [`THRESHOLD`]), "same-speaker", "different-speaker", "negation", and "nearby"
    /// (relative positions in the two articles within 0.2 of each other).
    pub fn signals(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.words >= THRESHOLD {
            out.push("words");
        }
        if self.contained >= THRESHOLD {
            out.push("contained");
        }
        if self.phrase >= THRESHOLD {
            out.push("phrase");
        }
        match self.speaker {
            SpeakerMatch::Same => out.push("same-speaker"),
            SpeakerMatch::Different => out.push("different-speaker"),
            _ => {}
        }
        if self.negation_differs {
            out.push("negation");
        }
        if self.position_gap <= 0.2 {
            out.push("nearby");
        }
        out
    }
}

/// Two quotes in different articles that report the same remark.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// The quote that comes first in corpus order.
    pub a: QuoteAt,
    /// The other quote (in a later article).
    pub b: QuoteAt,
    /// Similarity, 0..=1; at least [`THRESHOLD`].
    pub score: f32,
    /// What the score rests on.
    pub evidence: Evidence,
}

/// The alignment of a corpus: links between quotes and the groups they form.
#[derive(Clone, Debug, Default)]
pub struct Alignment {
    /// Every link, sorted by (`a`, `b`).
    pub links: Vec<Link>,
    /// Groups of two or more quotes reporting one remark, each sorted by (article, quote), the
    /// groups sorted by their first quote. A group never holds two quotes of one article.
    pub groups: Vec<Vec<QuoteAt>>,
    /// First flat index of each article's quotes.
    offsets: Vec<usize>,
    /// Per flat quote: the quotes it is linked to, sorted.
    same_as: Vec<Vec<QuoteAt>>,
    /// Per flat quote: its group, if any.
    group: Vec<Option<usize>>,
}

impl Alignment {
    fn flat(&self, at: QuoteAt) -> Option<usize> {
        let start = *self.offsets.get(at.0)?;
        let end = self.offsets.get(at.0 + 1).copied().unwrap_or(self.same_as.len());
        let i = start + at.1;
        (i < end).then_some(i)
    }

    /// The quotes in other articles linked to `at` (reporting the same remark), sorted; empty for
    /// an unknown quote.
    pub fn same_as(&self, at: QuoteAt) -> &[QuoteAt] {
        self.flat(at).and_then(|i| self.same_as.get(i)).map_or(&[], Vec::as_slice)
    }

    /// Stable ids of [`Alignment::same_as`], for JSON and URLs.
    pub fn same_as_ids(&self, corpus: &Corpus, at: QuoteAt) -> Vec<String> {
        self.same_as(at)
            .iter()
            .filter_map(|&(ai, qi)| corpus.articles.get(ai).and_then(|e| e.quote_ids.get(qi)).cloned())
            .collect()
    }

    /// The group `at` belongs to, if it is aligned with anything.
    pub fn group_of(&self, at: QuoteAt) -> Option<&[QuoteAt]> {
        let g = (*self.group.get(self.flat(at)?)?)?;
        self.groups.get(g).map(Vec::as_slice)
    }

    /// Other articles reporting the remark of `at` (its links and its group), sorted: "Also
    /// reported by N outlets" counts these (or their distinct outlets).
    pub fn other_articles(&self, at: QuoteAt) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for &(a, _) in self.same_as(at).iter().chain(self.group_of(at).unwrap_or(&[])) {
            if a != at.0 {
                if let Err(k) = out.binary_search(&a) {
                    out.insert(k, a);
                }
            }
        }
        out
    }

    /// How many other articles report the remark of `at`: the length of
    /// [`Alignment::other_articles`], the number the page's cards show (and the pack carries).
    pub fn reported_elsewhere(&self, at: QuoteAt) -> usize {
        self.other_articles(at).len()
    }

    /// The link between two quotes, in either order.
    pub fn link(&self, x: QuoteAt, y: QuoteAt) -> Option<&Link> {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        self.links.binary_search_by(|l| (l.a, l.b).cmp(&(a, b))).ok().map(|i| &self.links[i])
    }
}

impl Alignment {
    /// An alignment from links computed elsewhere (see `pack`), as (a, b, score). Links that do
    /// not fit the corpus (out of range, same article) are dropped; order does not matter.
    pub fn from_links(corpus: &Corpus, links: &[(QuoteAt, QuoteAt, f32)]) -> Alignment {
        let mut offsets = Vec::with_capacity(corpus.articles.len());
        let mut places = Vec::new();
        for (ai, e) in corpus.articles.iter().enumerate() {
            offsets.push(places.len());
            places.extend((0..e.quotes.quotes.len()).map(|qi| (ai, qi)));
        }
        let fits = |(a, q): QuoteAt| corpus.articles.get(a).is_some_and(|e| q < e.quotes.quotes.len());
        let mut pairs: Vec<(QuoteAt, QuoteAt, u32)> = links
            .iter()
            .filter(|(a, b, s)| fits(*a) && fits(*b) && a.0 != b.0 && s.is_finite() && *s >= 0.0)
            .map(|&(a, b, score)| if a < b { (a, b, score.to_bits()) } else { (b, a, score.to_bits()) })
            .collect();
        crate::sort::sort(&mut pairs);
        pairs.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
        let kept: Vec<Link> = pairs
            .into_iter()
            .map(|(a, b, bits)| Link { a, b, score: f32::from_bits(bits), evidence: Evidence::default() })
            .collect();
        finish(kept, offsets, &places)
    }
}

/// Align every quote of the corpus with the quotes of other articles that report the same remark.
///
/// Candidates come from an inverted index of informative stems, so only pairs that could pass
/// [`MIN_SHARED_STEMS`] are scored; the result equals [`align_all_pairs`]. Deterministic; never
/// panics.
pub fn align(corpus: &Corpus) -> Alignment {
    let scorer = Scorer::new(corpus);
    let links = scorer.candidates().into_iter().filter_map(|(i, j)| scorer.link(i, j)).collect();
    scorer.finish(links)
}

/// The naive oracle: the same alignment by scoring every pair of quotes in different articles.
/// Quadratic; for tests of [`align`] on small corpora.
pub fn align_all_pairs(corpus: &Corpus) -> Alignment {
    let scorer = Scorer::new(corpus);
    let n = scorer.prepared.len();
    let mut links = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            links.extend(scorer.link(i, j));
        }
    }
    scorer.finish(links)
}

/// Score two bare quote texts as the only quotes of two one-quote articles, at the same place in
/// each, with the given relation of their speakers: the score [`align`] would give them, and why.
/// `None` when they share too little to be compared (see [`MIN_SHARED_STEMS`], [`MIN_PIECE_WORDS`]).
///
/// ```
/// use quotelens::align::{compare_texts, SpeakerMatch, THRESHOLD};
/// let (score, _) = compare_texts(
///     "No matter how sinister the international situation is, both China and Russia will maintain their strategic determination",
///     "No matter how perilous the international landscape, we will maintain our strategic focus",
///     SpeakerMatch::Same,
/// ).unwrap();
/// assert!(score >= THRESHOLD);
/// assert!(compare_texts("war", "war", SpeakerMatch::Same).is_none());
/// ```
pub fn compare_texts(a: &str, b: &str, speaker: SpeakerMatch) -> Option<(f32, Evidence)> {
    let mut vocab = Vocabulary::default();
    let prepared = [prepare(0, a, &mut vocab), prepare(1, b, &mut vocab)];
    count_articles(&prepared, &mut vocab);
    vocab.finish(2);
    let m = compare(&prepared[0], &prepared[1], &vocab)?;
    Some(adjust(m, speaker, 0.0))
}

/// The final score of a text match: speaker bonus or penalty and nearness, clamped to 0..=1.
fn adjust(m: score::TextMatch, speaker: SpeakerMatch, position_gap: f32) -> (f32, Evidence) {
    let mut evidence = m.evidence;
    evidence.speaker = speaker;
    evidence.position_gap = position_gap;
    let mut score = m.text + POSITION_WEIGHT * (1.0 - position_gap);
    match speaker {
        SpeakerMatch::Same => score += SAME_SPEAKER_BONUS,
        SpeakerMatch::Different => score -= DIFFERENT_SPEAKER_PENALTY,
        _ => {}
    }
    (score.clamp(0.0, 1.0), evidence)
}

/// Everything alignment derives from a corpus (words, stems, corpus frequencies, speaker names), to
/// score any pair of its quotes. [`align`] builds one; tests and the side-by-side view can use one
/// to explain why two quotes are or are not linked.
pub struct Scorer<'c> {
    corpus: &'c Corpus,
    prepared: Vec<Prepared>,
    places: Vec<QuoteAt>,
    offsets: Vec<usize>,
    vocab: Vocabulary,
    names: Vec<Vec<String>>,
}

impl<'c> Scorer<'c> {
    /// Prepare every quote of `corpus`.
    pub fn new(corpus: &'c Corpus) -> Scorer<'c> {
        let mut vocab = Vocabulary::default();
        let mut offsets = Vec::with_capacity(corpus.articles.len());
        let mut prepared: Vec<Prepared> = Vec::new();
        let mut places: Vec<QuoteAt> = Vec::new();
        for (ai, e) in corpus.articles.iter().enumerate() {
            offsets.push(prepared.len());
            for (qi, q) in e.quotes.quotes.iter().enumerate() {
                prepared.push(prepare(ai, q.span.slice(&e.article.text), &mut vocab));
                places.push((ai, qi));
            }
        }
        count_articles(&prepared, &mut vocab);
        vocab.finish(corpus.articles.len());
        Scorer { corpus, prepared, places, offsets, vocab, names: speaker_names(corpus) }
    }

    /// The score of two quotes whatever [`THRESHOLD`] says, with its evidence, as a link from the
    /// earlier to the later quote. `None` for unknown quotes, two quotes of one article, or quotes
    /// that share too little to be compared.
    pub fn score(&self, x: QuoteAt, y: QuoteAt) -> Option<Link> {
        let flat = |at: QuoteAt| {
            let i = self.offsets.get(at.0)? + at.1;
            (self.places.get(i) == Some(&at)).then_some(i)
        };
        let (i, j) = (flat(x)?, flat(y)?);
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        self.scored(i, j)
    }

    fn scored(&self, i: usize, j: usize) -> Option<Link> {
        let (pa, pb) = (self.prepared.get(i)?, self.prepared.get(j)?);
        if pa.article == pb.article {
            return None;
        }
        let (a, b) = (self.places[i], self.places[j]);
        let m = compare(pa, pb, &self.vocab)?;
        let speaker = speaker_match(self.corpus, &self.names, a, b);
        let gap = (position(self.corpus, a) - position(self.corpus, b)).abs();
        let (score, evidence) = adjust(m, speaker, gap);
        Some(Link { a, b, score, evidence })
    }

    /// A link between flat quotes `i < j` when they score at least [`THRESHOLD`].
    fn link(&self, i: usize, j: usize) -> Option<Link> {
        self.scored(i, j).filter(|l| l.score >= THRESHOLD)
    }

    /// Pairs `i < j` of flat quotes in different articles sharing at least [`MIN_SHARED_STEMS`]
    /// informative stems, from an inverted index; ascending.
    fn candidates(&self) -> Vec<(usize, usize)> {
        let (prepared, vocab) = (&self.prepared, &self.vocab);
        let n = prepared.len();
        // Inverted index: informative stem → quotes containing it (ascending).
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); vocab.df.len()];
        for (i, p) in prepared.iter().enumerate() {
            for &s in &p.distinct {
                if vocab.informative(s) {
                    postings[s as usize].push(i as u32);
                }
            }
        }
        let mut out = Vec::new();
        let mut counts = vec![0u16; n];
        let mut touched: Vec<u32> = Vec::new();
        for (i, p) in prepared.iter().enumerate() {
            for &s in &p.distinct {
                if !vocab.informative(s) {
                    continue;
                }
                let list = &postings[s as usize];
                let from = list.partition_point(|&j| j as usize <= i);
                for &j in &list[from..] {
                    let j = j as usize;
                    if prepared[j].article == p.article {
                        continue;
                    }
                    if counts[j] == 0 {
                        touched.push(j as u32);
                    }
                    counts[j] = counts[j].saturating_add(1);
                }
            }
            crate::sort::sort(&mut touched);
            for &j in &touched {
                let j = j as usize;
                if usize::from(counts[j]) >= MIN_SHARED_STEMS {
                    out.push((i, j));
                }
                counts[j] = 0;
            }
            touched.clear();
        }
        out
    }

    /// `links` must come in (a, b) order, as both pair loops produce them.
    fn finish(&self, links: Vec<Link>) -> Alignment {
        debug_assert!(links.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
        finish(links, self.offsets.clone(), &self.places)
    }
}

/// Per-quote lists and groups from the links.
fn finish(links: Vec<Link>, offsets: Vec<usize>, places: &[QuoteAt]) -> Alignment {
    let n = places.len();
    let flat = |at: QuoteAt| offsets[at.0] + at.1;
    let mut same_as: Vec<Vec<QuoteAt>> = vec![Vec::new(); n];
    // Links come sorted by (a, b), so each list fills in order: for a fixed a its b's ascend, and
    // for a fixed b its a's ascend.
    for l in &links {
        same_as[flat(l.a)].push(l.b);
        same_as[flat(l.b)].push(l.a);
    }
    // Groups: merge along links, strongest first (ties by link order); a merge that would put two
    // quotes of one article in a group is skipped (the link stays in `same_as`). Scores are
    // non-negative, so their bits sort like the numbers.
    let mut order: Vec<u64> =
        links.iter().enumerate().map(|(k, l)| (u64::from(u32::MAX - l.score.to_bits()) << 32) | k as u64).collect();
    crate::sort::sort(&mut order);
    let mut parent: Vec<usize> = (0..n).collect();
    let mut articles: Vec<Vec<usize>> = places.iter().map(|p| vec![p.0]).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for key in order {
        let k = (key & u64::from(u32::MAX)) as usize;
        let (ra, rb) = (root(&mut parent, flat(links[k].a)), root(&mut parent, flat(links[k].b)));
        if ra == rb || articles[ra].iter().any(|a| articles[rb].contains(a)) {
            continue;
        }
        // The root stays the smallest index of its group, so groups come out in order below.
        let (keep, gone) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[gone] = keep;
        let moved = std::mem::take(&mut articles[gone]);
        articles[keep].extend(moved);
    }
    let mut members: Vec<Vec<QuoteAt>> = vec![Vec::new(); n];
    for (i, &p) in places.iter().enumerate() {
        let r = root(&mut parent, i);
        members[r].push(p);
    }
    // Members were pushed in corpus order and roots are each group's first quote: sorted already.
    let groups: Vec<Vec<QuoteAt>> = members.into_iter().filter(|m| m.len() > 1).collect();
    let mut group = vec![None; n];
    for (g, m) in groups.iter().enumerate() {
        for &at in m {
            group[flat(at)] = Some(g);
        }
    }
    Alignment { links, groups, offsets, same_as, group }
}

/// Relative position of a quote in its article, 0..=1.
fn position(corpus: &Corpus, at: QuoteAt) -> f32 {
    let Some(e) = corpus.articles.get(at.0) else { return 0.0 };
    let Some(q) = e.quotes.quotes.get(at.1) else { return 0.0 };
    q.span.start as f32 / e.article.text.len().max(1) as f32
}

/// Folded name words (name and aliases) of each corpus speaker, without repeats.
fn speaker_names(corpus: &Corpus) -> Vec<Vec<String>> {
    corpus
        .speakers
        .iter()
        .map(|s| {
            let mut ws: Vec<String> = Vec::new();
            for w in std::iter::once(&s.name).chain(&s.aliases).flat_map(|n| words::words(n, 16)) {
                if w.folded.chars().nth(1).is_some() && !words::is_stopword(&w.folded) && !ws.contains(&w.folded) {
                    ws.push(w.folded);
                }
            }
            ws
        })
        .collect()
}

fn speaker_match(corpus: &Corpus, names: &[Vec<String>], a: QuoteAt, b: QuoteAt) -> SpeakerMatch {
    let who = |at: QuoteAt| {
        let e = corpus.articles.get(at.0)?;
        e.speaker_of(e.quotes.quotes.get(at.1)?)
    };
    match (who(a), who(b)) {
        (Some(x), Some(y)) if x == y => SpeakerMatch::Same,
        (Some(x), Some(y)) => {
            let (nx, ny) = (names.get(x), names.get(y));
            let shared = nx.zip(ny).is_some_and(|(nx, ny)| nx.iter().any(|w| ny.contains(w)));
            if shared {
                SpeakerMatch::Compatible
            } else {
                SpeakerMatch::Different
            }
        }
        _ => SpeakerMatch::Unknown,
    }
}
