//! The inverted index: a sorted term dictionary with stem groups, and three posting spaces with
//! positions, built once from a [`Corpus`]: quotes, paragraphs, and articles. What belongs to an
//! article (title, outlet, id and file name) is indexed once per article, not once per quote and
//! paragraph: a quote or paragraph matches a title word through its article, whose quotes and
//! paragraphs are contiguous document ranges.
//!
//! Layout (all flat vectors, no per-term allocation):
//! - [`Dictionary`]: every distinct folded word, sorted by bytes, concatenated in one string with
//!   end offsets. Sorted order makes a prefix a contiguous range and lets the typo search walk the
//!   terms as a trie. Each term knows its stem; each stem lists its terms.
//! - [`Space`]: for each term a run of (doc, positions) pairs sorted by doc; positions carry the doc
//!   field in their top bits (`field << FIELD_SHIFT | position`), so a phrase never crosses fields
//!   and one posting list serves every field.

use super::sort::{insertion_sort_by, sort_strs};
use super::stem::stem;
use super::tokenize::tokenize;
use crate::corpus::Corpus;
use crate::quote::QuoteKind;
use std::ops::Range;

/// Bits of a position that hold the word's index inside its field; the field is above them.
pub(crate) const FIELD_SHIFT: u32 = 28;
/// Mask of the in-field word index of a position.
pub(crate) const POS_MASK: u32 = (1 << FIELD_SHIFT) - 1;
/// Positions left empty between two values of one field (a speaker's name and an alias), so a
/// phrase never spans two values.
const VALUE_GAP: u32 = 8;
/// "No such thing" in u32 tables (no speaker, no outlet).
pub(crate) const NONE: u32 = u32::MAX;

/// The fields of an indexed document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum DocField {
    /// The quote text, or the paragraph text.
    Text = 0,
    /// The speaker's canonical name and aliases (for a paragraph: of the quotes in it).
    Speaker = 1,
    /// The speaker's roles.
    Role = 2,
    /// The words introducing the quote.
    Cue = 3,
    /// The article's display title.
    Title = 4,
    /// The outlet name.
    Outlet = 5,
    /// The article id and file name (only for `article:`).
    ArticleRef = 6,
}

/// Number of [`DocField`]s.
pub(crate) const FIELDS: usize = 7;

/// Free-text weight of each field in ranking (BM25F), in field order: text, speaker, role, cue,
/// title, outlet, article id/file name. Range 0.0..=10.0 each; defaults: text 1.0, speaker 2.0 (a
/// name typed is usually the speaker wanted), role 0.6, cue 0.3, title 0.4, outlet 0.3, article
/// ref 0 (only for `article:`).
pub const FIELD_BOOST: [f32; FIELDS] = [1.0, 2.0, 0.6, 0.3, 0.4, 0.3, 0.0];

/// BM25 length normalisation of each field, in the order of [`FIELD_BOOST`] (range 0.0..=1.0;
/// 0 = ignore length). Defaults: 0.75 for text, 0.3 for the short fields, whose length says little.
pub const FIELD_B: [f32; FIELDS] = [0.75, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3];

/// Which of the posting spaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SpaceKind {
    /// One document per quote: text, speaker names, roles, cue.
    Quotes,
    /// One document per body paragraph: text, names of the speakers quoted in it.
    Passages,
    /// One document per article: title, outlet, id and file name.
    Articles,
}

/// The sorted term dictionary with stem groups.
#[derive(Debug, Default)]
pub(crate) struct Dictionary {
    text: String,
    ends: Vec<u32>,
    stem_of: Vec<u32>,
    stems: String,
    stem_ends: Vec<u32>,
    members: Vec<u32>,
    member_ends: Vec<u32>,
    /// The distinct first letters of the terms, in order.
    initials: Vec<char>,
    /// Term ids ordered by their text after the first letter (then by id): the terms one edit of
    /// the first letter apart ("overeign", "sovereign", "tovereign") form one run, found by one
    /// binary search instead of one lookup per initial.
    tails: Vec<u32>,
    /// Per term, the bytes it shares with the term before it (at most 255): where the runs of the
    /// implicit trie's children end, read without comparing terms.
    lcp: Vec<u8>,
}

impl Dictionary {
    pub(crate) fn build(terms: &[&str]) -> Dictionary {
        let mut d = Dictionary::default();
        let mut last: &[u8] = &[];
        for t in terms {
            d.text.push_str(t);
            d.ends.push(d.text.len() as u32);
            let mut shared = 0;
            while shared < last.len() && last.get(shared) == t.as_bytes().get(shared) {
                shared += 1;
            }
            d.lcp.push(shared.min(255) as u8);
            last = t.as_bytes();
        }
        let mut stems: Vec<std::borrow::Cow<str>> = Vec::with_capacity(terms.len());
        for t in terms {
            stems.push(stem(t));
        }
        let mut by_stem: Vec<(&str, u32)> = Vec::with_capacity(stems.len());
        for (i, s) in stems.iter().enumerate() {
            by_stem.push((s, i as u32));
        }
        sort_strs(&mut by_stem);
        d.stem_of = vec![0; terms.len()];
        let mut i = 0;
        while i < by_stem.len() {
            let s = by_stem[i].0;
            let sid = d.stem_ends.len() as u32;
            d.stems.push_str(s);
            d.stem_ends.push(d.stems.len() as u32);
            while i < by_stem.len() && by_stem[i].0 == s {
                d.members.push(by_stem[i].1);
                d.stem_of[by_stem[i].1 as usize] = sid;
                i += 1;
            }
            d.member_ends.push(d.members.len() as u32);
        }
        let mut by_tail: Vec<(&str, u32)> = Vec::with_capacity(terms.len());
        for (i, t) in terms.iter().enumerate() {
            by_tail.push((t.get(t.chars().next().map_or(0, char::len_utf8)..).unwrap_or(""), i as u32));
        }
        sort_strs(&mut by_tail);
        d.tails = Vec::with_capacity(by_tail.len());
        for &(_, i) in &by_tail {
            d.tails.push(i);
        }
        for t in terms {
            if let Some(c) = t.chars().next() {
                if d.initials.last() != Some(&c) {
                    d.initials.push(c);
                }
            }
        }
        d
    }

    /// The distinct first letters of the terms.
    pub(crate) fn initials(&self) -> impl Iterator<Item = char> + '_ {
        self.initials.iter().copied()
    }

    /// Term `i`'s bytes after its first letter.
    fn tail_bytes(&self, i: u32) -> &[u8] {
        let b = self.term_bytes(i as usize);
        let mut n = 1;
        while b.get(n).is_some_and(|&x| x & 0xC0 == 0x80) {
            n += 1;
        }
        b.get(n..).unwrap_or(&[])
    }

    /// The terms that are some letter followed by `tail`, by id.
    pub(crate) fn with_tail(&self, tail: &str) -> &[u32] {
        let tail = tail.as_bytes();
        let (mut lo, mut hi) = (0, self.tails.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.tail_bytes(self.tails[mid]) < tail {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut end = lo;
        while end < self.tails.len() && self.tail_bytes(self.tails[end]) == tail {
            end += 1;
        }
        &self.tails[lo..end]
    }

    /// The end of the run of terms from `lo` (before `hi`) that share their first `n` bytes with
    /// term `lo`: a scan of one byte per term. Past 255 bytes every term is a run of its own
    /// (the table stops counting there), which is slower but never groups different words.
    pub(crate) fn run_end(&self, lo: usize, hi: usize, n: usize) -> usize {
        let run = self.lcp.get(lo + 1..hi.min(self.lcp.len())).unwrap_or(&[]);
        lo + 1 + run.iter().position(|&x| usize::from(x) < n).unwrap_or(run.len())
    }

    /// Number of terms.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where term `i` lies in `text` (empty out of range).
    fn term_range(&self, i: usize) -> Range<usize> {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) as usize };
        start..self.ends.get(i).copied().unwrap_or(0) as usize
    }

    /// The folded text of term `i` (`""` out of range).
    pub(crate) fn term(&self, i: usize) -> &str {
        self.text.get(self.term_range(i)).unwrap_or("")
    }

    /// [`Dictionary::term`]'s bytes, for comparing: slicing bytes skips the char-boundary checks
    /// of slicing a `str`, which the dictionary's binary searches did on every probe.
    pub(crate) fn term_bytes(&self, i: usize) -> &[u8] {
        self.text.as_bytes().get(self.term_range(i)).unwrap_or(&[])
    }

    /// The id of a term.
    pub(crate) fn find(&self, s: &str) -> Option<u32> {
        let i = self.lower_bound(s);
        (i < self.len() && self.term_bytes(i) == s.as_bytes()).then_some(i as u32)
    }

    /// First term `>= s`.
    fn lower_bound(&self, s: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term_bytes(mid) < s.as_bytes() {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The terms starting with `p`, as a range of ids.
    pub(crate) fn prefix_range(&self, p: &str) -> Range<usize> {
        let lo = self.lower_bound(p);
        lo..self.prefix_end(lo, p)
    }

    /// One past the last term starting with `p`, given that terms from `from` on start with it or
    /// sort after all that do.
    fn prefix_end(&self, from: usize, p: &str) -> usize {
        let (mut lo, mut hi) = (from, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.term_bytes(mid).starts_with(p.as_bytes()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn stem_text(&self, sid: usize) -> &str {
        let start = if sid == 0 { 0 } else { self.stem_ends[sid - 1] as usize };
        self.stems.get(start..self.stem_ends[sid] as usize).unwrap_or("")
    }

    /// The terms whose stem is `s`.
    pub(crate) fn stem_members(&self, s: &str) -> &[u32] {
        let (mut lo, mut hi) = (0, self.stem_ends.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.stem_text(mid) < s {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if lo < self.stem_ends.len() && self.stem_text(lo) == s {
            let start = if lo == 0 { 0 } else { self.member_ends[lo - 1] as usize };
            &self.members[start..self.member_ends[lo] as usize]
        } else {
            &[]
        }
    }

    fn bytes(&self) -> usize {
        4 * (self.initials.capacity() + self.tails.capacity())
            + self.lcp.capacity()
            + self.text.capacity()
            + self.stems.capacity()
            + 4 * (self.ends.capacity() + self.stem_of.capacity() + self.stem_ends.capacity())
            + 4 * (self.members.capacity() + self.member_ends.capacity())
    }
}

/// Postings of one document space, plus what ranking needs per document.
#[derive(Debug, Default)]
pub(crate) struct Space {
    /// Pair range of term t: `term_start[t]..term_start[t + 1]`.
    term_start: Vec<u32>,
    /// Document of each pair, ascending within a term.
    pub(crate) docs: Vec<u32>,
    /// Position range of pair j: `pos_start[j]..pos_start[j + 1]`.
    pos_start: Vec<u32>,
    /// `field << FIELD_SHIFT | word index`, ascending within a pair.
    positions: Vec<u32>,
    /// Words per (doc, field), saturating.
    lens: Vec<u16>,
    /// Average words per field over the documents that have the field (at least 1).
    avg: [f32; FIELDS],
    /// Number of documents.
    pub(crate) n_docs: u32,
    /// Documents of each kind (a paragraph has the kinds of the quotes in it), ascending.
    pub(crate) kind_docs: [Vec<u32>; 3],
    /// The fields free-text words search in this space.
    pub(crate) free_mask: u8,
    /// Per pair: its BM25F weighted frequency over the free-text fields (0 when the term occurs only
    /// outside them), precomputed so ranking a word never reads positions.
    pub(crate) free_tf: Vec<f32>,
}

impl Space {
    /// The pair ids of term `t`.
    pub(crate) fn pairs(&self, t: u32) -> Range<usize> {
        let t = t as usize;
        match (self.term_start.get(t), self.term_start.get(t + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// Positions of pair `j`.
    pub(crate) fn positions(&self, j: usize) -> &[u32] {
        match (self.pos_start.get(j), self.pos_start.get(j + 1)) {
            (Some(&a), Some(&b)) => &self.positions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// BM25F weight of one occurrence in `field` of `doc`: boost over length normalisation.
    pub(crate) fn weight(&self, doc: u32, field: usize) -> f32 {
        let len = f32::from(self.lens.get(doc as usize * FIELDS + field).copied().unwrap_or(0));
        let b = FIELD_B[field];
        FIELD_BOOST[field] / (1.0 - b + b * len / self.avg[field])
    }

    fn bytes(&self) -> usize {
        4 * (self.term_start.capacity() + self.docs.capacity() + self.pos_start.capacity() + self.positions.capacity())
            + 4 * self.free_tf.capacity()
            + 2 * self.lens.capacity()
            + 4 * self.kind_docs.iter().map(Vec::capacity).sum::<usize>()
    }
}

/// A quote as the index sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct QuoteDoc {
    pub(crate) article: u32,
    pub(crate) quote: u32,
    /// Corpus speaker index, or [`NONE`].
    pub(crate) speaker: u32,
    pub(crate) kind: QuoteKind,
}

/// One word of a quote's text, kept from indexing so highlighting a hit reads the words instead of
/// tokenizing the text again: byte span relative to the quote text, and the term id.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) term: u32,
}

/// A paragraph as the index sees it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PassageDoc {
    pub(crate) article: u32,
    pub(crate) block: u32,
    /// Range into `Tables::passage_speakers`: speakers quoted in the paragraph ([`NONE`] for an
    /// unattributed quote).
    pub(crate) speakers: (u32, u32),
    /// Bit `k` set when a quote of kind `k` is in the paragraph.
    pub(crate) kinds: u8,
}

/// Everything the index knows, built from a corpus.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    pub(crate) dict: Dictionary,
    pub(crate) quotes: Space,
    pub(crate) passages: Space,
    pub(crate) articles: Space,
    /// Quote docs of article a: `quote_start[a]..quote_start[a + 1]`.
    pub(crate) quote_start: Vec<u32>,
    /// Passage docs of article a: `passage_start[a]..passage_start[a + 1]`.
    pub(crate) passage_start: Vec<u32>,
    pub(crate) quote_docs: Vec<QuoteDoc>,
    /// The words of quote doc d's text: `quote_tokens[quote_token_start[d]..quote_token_start[d + 1]]`.
    quote_tokens: Vec<Token>,
    quote_token_start: Vec<u32>,
    /// The words of corpus speaker s's canonical name, the same way.
    speaker_tokens: Vec<Token>,
    speaker_token_start: Vec<u32>,
    pub(crate) passage_docs: Vec<PassageDoc>,
    pub(crate) passage_speakers: Vec<u32>,
    /// Outlet index of each article, or [`NONE`].
    pub(crate) article_outlet: Vec<u32>,
    /// Distinct outlet names, sorted.
    pub(crate) outlets: Vec<String>,
    pub(crate) n_speakers: usize,
    /// Per term: documents (quotes and paragraphs) containing it, through their article too.
    df: Vec<u32>,
    /// Per term: quotes containing it, through their article too (for quote idf).
    quote_df: Vec<u32>,
}

/// Run `i` of `items`: `items[starts[i]..starts[i + 1]]` (empty out of range).
fn run<'a, T>(items: &'a [T], starts: &[u32], i: usize) -> &'a [T] {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&a), Some(&b)) => items.get(a as usize..b as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// Bit of a kind in kind masks.
pub(crate) fn kind_bit(k: QuoteKind) -> u8 {
    match k {
        QuoteKind::Direct => 1,
        QuoteKind::Partial => 2,
        QuoteKind::Term => 4,
    }
}

/// Index of a kind in `kind_docs`.
pub(crate) fn kind_index(k: QuoteKind) -> usize {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Partial => 1,
        QuoteKind::Term => 2,
    }
}

/// Interns words while documents are added: an open-addressing hash table of word ids (FNV-1a,
/// linear probing), kept small instead of a std `HashMap` (which costs kilobytes of wasm).
#[derive(Default)]
struct Interner {
    /// Word id + 1 per slot (0 = empty); the length is a power of two.
    slots: Vec<u32>,
    terms: Vec<Box<str>>,
}

impl Interner {
    fn words(&mut self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        tokenize(text, &mut |_, w| out.push(self.id(w)));
        out
    }

    /// [`Interner::words`], also appending each word's span (shifted by nothing: relative to `text`)
    /// and temporary id to `tokens`.
    fn words_kept(&mut self, text: &str, tokens: &mut Vec<Token>) -> Vec<u32> {
        let mut out = Vec::new();
        tokenize(text, &mut |span, w| {
            let id = self.id(w);
            out.push(id);
            tokens.push(Token { start: span.start as u32, end: span.end as u32, term: id });
        });
        out
    }

    fn id(&mut self, w: &str) -> u32 {
        if self.terms.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = crate::span::fnv1a64(w.as_bytes()) as usize & mask;
        loop {
            match self.slots[i] {
                0 => {
                    self.terms.push(w.into());
                    self.slots[i] = self.terms.len() as u32;
                    return self.terms.len() as u32 - 1;
                }
                s if &*self.terms[s as usize - 1] == w => return s - 1,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let n = (self.slots.len() * 2).max(1024);
        self.slots = vec![0; n];
        for (id, t) in self.terms.iter().enumerate() {
            let mut i = crate::span::fnv1a64(t.as_bytes()) as usize & (n - 1);
            while self.slots[i] != 0 {
                i = (i + 1) & (n - 1);
            }
            self.slots[i] = id as u32 + 1;
        }
    }
}

/// Occurrences of one space while it is being built.
#[derive(Default)]
struct SpaceBuilder {
    term: Vec<u32>,
    doc: Vec<u32>,
    pos: Vec<u32>,
    lens: Vec<u16>,
    kind_docs: [Vec<u32>; 3],
    n_docs: u32,
}

impl SpaceBuilder {
    /// Add a document: for each field, its values, each a list of word ids.
    fn add(&mut self, fields: &[(DocField, &[&[u32]])], kinds: u8) {
        let doc = self.n_docs;
        self.n_docs += 1;
        let mut lens = [0u16; FIELDS];
        for &(f, values) in fields {
            let mut p: u32 = 0;
            for v in values {
                for &t in *v {
                    if p > POS_MASK {
                        break;
                    }
                    self.term.push(t);
                    self.doc.push(doc);
                    self.pos.push((f as u32) << FIELD_SHIFT | p);
                    p += 1;
                }
                lens[f as usize] = lens[f as usize].saturating_add(v.len().min(usize::from(u16::MAX)) as u16);
                p += VALUE_GAP;
            }
        }
        self.lens.extend_from_slice(&lens);
        for (k, docs) in self.kind_docs.iter_mut().enumerate() {
            if kinds & (1 << k) != 0 {
                docs.push(doc);
            }
        }
    }

    /// Sort occurrences by final term id (stable, so doc and position order stay) into postings.
    fn finish(self, rank: &[u32], free_mask: u8) -> Space {
        let n_terms = rank.len();
        let mut start = vec![0u32; n_terms + 1];
        for &t in &self.term {
            start[rank[t as usize] as usize + 1] += 1;
        }
        for i in 0..n_terms {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; self.term.len()];
        for (i, &t) in self.term.iter().enumerate() {
            let r = rank[t as usize] as usize;
            order[fill[r] as usize] = i as u32;
            fill[r] += 1;
        }
        let mut s =
            Space { n_docs: self.n_docs, lens: self.lens, kind_docs: self.kind_docs, free_mask, ..Space::default() };
        for f in 0..FIELDS {
            let (mut sum, mut n) = (0f64, 0f64);
            for d in 0..s.n_docs as usize {
                let l = s.lens[d * FIELDS + f];
                if l > 0 {
                    sum += f64::from(l);
                    n += 1.0;
                }
            }
            s.avg[f] = if n > 0.0 { (sum / n).max(1.0) as f32 } else { 1.0 };
        }

        s.positions.reserve_exact(order.len());
        for t in 0..n_terms {
            s.term_start.push(s.docs.len() as u32);
            let mut last = NONE;
            for &o in &order[start[t] as usize..start[t + 1] as usize] {
                let d = self.doc[o as usize];
                if d != last {
                    s.docs.push(d);
                    s.pos_start.push(s.positions.len() as u32);
                    last = d;
                }
                s.positions.push(self.pos[o as usize]);
            }
        }
        s.term_start.push(s.docs.len() as u32);
        s.pos_start.push(s.positions.len() as u32);
        let mut free_tf = Vec::with_capacity(s.docs.len());
        for j in 0..s.docs.len() {
            let doc = s.docs[j];
            let mut tf = 0.0;
            for &p in s.positions(j) {
                let f = (p >> FIELD_SHIFT) as usize;
                if f < FIELDS && free_mask & (1 << f) != 0 {
                    tf += s.weight(doc, f);
                }
            }
            free_tf.push(tf);
        }
        s.free_tf = free_tf;
        s.docs.shrink_to_fit();
        s.pos_start.shrink_to_fit();
        s
    }
}

impl Tables {
    /// Build every table from a corpus. Without `passages_too`, no paragraph is indexed (the
    /// passage space is empty and the dictionary holds only the words of quotes, names, roles, cues
    /// and articles).
    pub(crate) fn build(corpus: &Corpus, passages_too: bool) -> Tables {
        let mut words = Interner::default();
        // Per speaker: name + aliases (one value each), roles.
        let mut t = Tables { n_speakers: corpus.speakers.len(), ..Tables::default() };
        // Loops rather than collecting chained or filtered iterators: each such collect is its own
        // copy of Vec's growing code in the page's wasm.
        let (mut speaker_names, mut speaker_roles) = (Vec::new(), Vec::new());
        for s in &corpus.speakers {
            t.speaker_token_start.push(t.speaker_tokens.len() as u32);
            let mut names = vec![words.words_kept(&s.name, &mut t.speaker_tokens)];
            for n in &s.aliases {
                names.push(words.words(n));
            }
            speaker_names.push(names);
            let mut roles = Vec::with_capacity(s.roles.len());
            for r in &s.roles {
                roles.push(words.words(r));
            }
            speaker_roles.push(roles);
        }
        t.speaker_token_start.push(t.speaker_tokens.len() as u32);
        let mut named: Vec<(&str, u32)> = Vec::new();
        for a in &corpus.articles {
            if let Some(o) = a.outlet.as_deref() {
                named.push((o, 0));
            }
        }
        sort_strs(&mut named);
        let mut outlets: Vec<String> = Vec::new();
        for &(o, _) in &named {
            if outlets.last().is_none_or(|last| last != o) {
                outlets.push(o.to_string());
            }
        }
        let mut quotes = SpaceBuilder::default();
        let mut passages = SpaceBuilder::default();
        let mut articles = SpaceBuilder::default();
        let empty: Vec<Vec<u32>> = Vec::new();
        for (ai, e) in corpus.articles.iter().enumerate() {
            let text = &e.article.text;
            let title = words.words(&e.display_title());
            let outlet = e.outlet.as_deref().map(|o| words.words(o)).unwrap_or_default();
            let reference = [words.words(&e.id), words.words(&e.name)];
            t.article_outlet
                .push(e.outlet.as_ref().and_then(|o| outlets.binary_search(o).ok()).map_or(NONE, |i| i as u32));
            let title_v: [&[u32]; 1] = [&title];
            let outlet_v: [&[u32]; 1] = [&outlet];
            let ref_v: [&[u32]; 2] = [&reference[0], &reference[1]];
            articles
                .add(&[(DocField::Title, &title_v), (DocField::Outlet, &outlet_v), (DocField::ArticleRef, &ref_v)], 0);
            t.quote_start.push(quotes.n_docs);
            t.passage_start.push(passages.n_docs);
            let mut block_quotes: Vec<(u32, u32, u8)> = Vec::new(); // (block, speaker, kind bit)
            for (qi, q) in e.quotes.quotes.iter().enumerate() {
                let speaker = e.speaker_of(q).filter(|&s| s < corpus.speakers.len());
                t.quote_token_start.push(t.quote_tokens.len() as u32);
                let body = words.words_kept(q.span.slice(text), &mut t.quote_tokens);
                let cue = q.cue.as_ref().map(|c| words.words(c.span.slice(text))).unwrap_or_default();
                // Pushed rather than collected or extended: each is its own copy of Vec's code.
                let (mut names, mut roles): (Vec<&[u32]>, Vec<&[u32]>) = (Vec::new(), Vec::new());
                for n in speaker.map_or(&empty, |s| &speaker_names[s]) {
                    names.push(n);
                }
                for r in speaker.map_or(&empty, |s| &speaker_roles[s]) {
                    roles.push(r);
                }
                let body_v: [&[u32]; 1] = [&body];
                let cue_v: [&[u32]; 1] = [&cue];
                quotes.add(
                    &[
                        (DocField::Text, &body_v),
                        (DocField::Speaker, &names),
                        (DocField::Role, &roles),
                        (DocField::Cue, &cue_v),
                    ],
                    kind_bit(q.kind),
                );
                let speaker = speaker.map_or(NONE, |s| s as u32);
                t.quote_docs.push(QuoteDoc { article: ai as u32, quote: qi as u32, speaker, kind: q.kind });
                block_quotes.push((q.block as u32, speaker, kind_bit(q.kind)));
            }
            // Quotes come in text order, so their blocks ascend; keep that order without sorting.
            insertion_sort_by(&mut block_quotes, |a, b| a.0 < b.0);
            for (bi, b) in e.article.blocks.iter().enumerate().filter(|_| passages_too) {
                if b.kind != crate::article::BlockKind::Body {
                    continue;
                }
                let body = words.words(b.content.slice(text));
                let from = block_quotes.partition_point(|q| q.0 < bi as u32);
                let to = block_quotes.partition_point(|q| q.0 <= bi as u32);
                let start = t.passage_speakers.len() as u32;
                let mut kinds = 0u8;
                for &(_, s, k) in &block_quotes[from..to] {
                    kinds |= k;
                    if !t.passage_speakers[start as usize..].contains(&s) {
                        t.passage_speakers.push(s);
                    }
                }
                let speakers = (start, t.passage_speakers.len() as u32);
                let mut names: Vec<&[u32]> = Vec::new();
                for &s in &t.passage_speakers[start as usize..] {
                    if s != NONE {
                        for n in &speaker_names[s as usize] {
                            names.push(n);
                        }
                    }
                }
                let body_v: [&[u32]; 1] = [&body];
                passages.add(&[(DocField::Text, &body_v), (DocField::Speaker, &names)], kinds);
                t.passage_docs.push(PassageDoc { article: ai as u32, block: bi as u32, speakers, kinds });
            }
        }
        // Sort the words; rank[temporary id] = final id.
        let mut order: Vec<(&str, u32)> = Vec::with_capacity(words.terms.len());
        for (i, w) in words.terms.iter().enumerate() {
            order.push((w, i as u32));
        }
        sort_strs(&mut order);
        let mut rank = vec![0u32; order.len()];
        for (r, &(_, o)) in order.iter().enumerate() {
            rank[o as usize] = r as u32;
        }
        let mut sorted: Vec<&str> = Vec::with_capacity(order.len());
        for &(w, _) in &order {
            sorted.push(w);
        }
        t.dict = Dictionary::build(&sorted);
        t.quote_token_start.push(t.quote_tokens.len() as u32);
        for tok in t.quote_tokens.iter_mut().chain(&mut t.speaker_tokens) {
            tok.term = rank[tok.term as usize];
        }
        t.quote_start.push(quotes.n_docs);
        t.passage_start.push(passages.n_docs);
        let any = |k| super::eval::field_mask(super::query::Field::Any, k);
        t.quotes = quotes.finish(&rank, any(SpaceKind::Quotes));
        t.passages = passages.finish(&rank, any(SpaceKind::Passages));
        t.articles = articles.finish(&rank, any(SpaceKind::Articles));
        for term in 0..sorted.len() as u32 {
            let (mut q, mut p) = (t.quotes.pairs(term).len(), t.passages.pairs(term).len());
            for j in t.articles.pairs(term) {
                let a = t.articles.docs[j];
                q += t.docs_of(SpaceKind::Quotes, a).len();
                p += t.docs_of(SpaceKind::Passages, a).len();
            }
            t.quote_df.push(q.min(u32::MAX as usize) as u32);
            t.df.push((q + p).min(u32::MAX as usize) as u32);
        }
        t.outlets = outlets;
        t
    }

    /// The words of quote doc `doc`'s text (empty out of range).
    pub(crate) fn quote_tokens(&self, doc: u32) -> &[Token] {
        run(&self.quote_tokens, &self.quote_token_start, doc as usize)
    }

    /// The words of corpus speaker `s`'s canonical name (empty out of range).
    pub(crate) fn speaker_tokens(&self, s: u32) -> &[Token] {
        run(&self.speaker_tokens, &self.speaker_token_start, s as usize)
    }

    /// Postings space.
    pub(crate) fn space(&self, k: SpaceKind) -> &Space {
        match k {
            SpaceKind::Quotes => &self.quotes,
            SpaceKind::Passages => &self.passages,
            SpaceKind::Articles => &self.articles,
        }
    }

    /// The documents of article `a` in a space (quotes or paragraphs; an article is itself).
    pub(crate) fn docs_of(&self, k: SpaceKind, a: u32) -> Range<u32> {
        let starts = match k {
            SpaceKind::Quotes => &self.quote_start,
            SpaceKind::Passages => &self.passage_start,
            SpaceKind::Articles => return a..a + 1,
        };
        let a = a as usize;
        match (starts.get(a), starts.get(a + 1)) {
            (Some(&x), Some(&y)) => x..y,
            _ => 0..0,
        }
    }

    /// The article of document `doc` of a space.
    pub(crate) fn article_of(&self, k: SpaceKind, doc: u32) -> u32 {
        match k {
            SpaceKind::Quotes => self.quote_docs.get(doc as usize).map_or(NONE, |d| d.article),
            SpaceKind::Passages => self.passage_docs.get(doc as usize).map_or(NONE, |d| d.article),
            SpaceKind::Articles => doc,
        }
    }

    /// Documents (quotes and paragraphs) containing term `t`, directly or through their article:
    /// how common it is.
    pub(crate) fn df(&self, t: u32) -> usize {
        self.df.get(t as usize).map_or(0, |&d| d as usize)
    }

    /// Documents of a space containing term `t` in their own free-text fields, or through their
    /// article's (quotes only): the document frequency behind a word's idf.
    pub(crate) fn space_df(&self, k: SpaceKind, t: u32) -> usize {
        match k {
            SpaceKind::Quotes => self.quote_df.get(t as usize).map_or(0, |&d| d as usize),
            _ => self.space(k).pairs(t).len(),
        }
    }

    /// Estimated heap bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.dict.bytes()
            + self.quotes.bytes()
            + self.passages.bytes()
            + self.articles.bytes()
            + 4 * (self.quote_start.capacity() + self.passage_start.capacity())
            + std::mem::size_of::<Token>() * (self.quote_tokens.capacity() + self.speaker_tokens.capacity())
            + 4 * (self.quote_token_start.capacity() + self.speaker_token_start.capacity())
            + 4 * (self.df.capacity() + self.quote_df.capacity())
            + self.quote_docs.capacity() * std::mem::size_of::<QuoteDoc>()
            + self.passage_docs.capacity() * std::mem::size_of::<PassageDoc>()
            + 4 * (self.passage_speakers.capacity() + self.article_outlet.capacity())
            + self.outlets.iter().map(|o| o.capacity() + 24).sum::<usize>()
    }
}
