//! When does a word of the text match a word of the query? One definition ([`word_match`]), and
//! the fast way the index finds every dictionary term that matches (`expand`): the stem group
//! for exact and stemmed matches, a range scan for prefixes, and a walk of the sorted dictionary as
//! an implicit trie with a bounded Damerau–Levenshtein row for typos.
//!
//! Typos are counted by [`typo_distance`]: edits (insert, delete, substitute, swap two neighbours)
//! after the first letter count one each; an edit touching the first letter counts two, as people
//! rarely mistype the first letter of a word (Meilisearch counts it the same way). So a 5–8 letter
//! word tolerates one typo after its first letter, and a longer word two typos after its first
//! letter or one in it ("negotaitions" → "negotiations", "goverment" → "government",
//! "kandidate" → "candidate").

use super::index::{Dictionary, Tables};
use super::query::Word;
use super::sort::{smallest, sort_dedup};
use super::stem::stem;
use serde::Serialize;

/// Most dictionary terms a prefix expands to (range 1..=100_000, default 64). A short prefix while
/// typing ("t") could match thousands of words; the shortest, then most common, are kept.
pub const MAX_PREFIX_TERMS: usize = 64;

/// Most postings (documents, over quotes and paragraphs) a prefix may expand to (range
/// 1..=100_000_000, default 15_000): the first letters typed match most of the corpus, so the
/// shortest, then most common, completions are taken until the next would pass this many documents
/// (the first completion is always taken). Exact and stemmed matches are never capped.
pub const MAX_PREFIX_POSTINGS: usize = 15_000;

/// Most dictionary terms a typo-tolerant word expands to (range 1..=10_000, default 32); the
/// closest, then most common, are kept.
pub const MAX_TYPO_TERMS: usize = 32;

/// Most trie nodes the typo search of one word visits (range 100..=10_000_000, default 20_000):
/// the work bound for hostile queries (100 long words with typos). Past it, the candidates found
/// so far are used.
pub const MAX_TYPO_NODES: usize = 20_000;

/// How a text word matched a query word, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same folded word.
    Exact,
    /// Another word with the same stem ("negotiations" for "negotiation").
    Stem,
    /// A longer word starting with the typed word.
    Prefix,
    /// One typo away.
    Typo1,
    /// Two typos away.
    Typo2,
}

/// A sort key: `major` (7 bits), then more common first (25 bits of document frequency), then
/// the term id (32 bits), so ordering keys orders terms.
fn rank_key(major: u64, df: usize, t: u32) -> u64 {
    const DF_MAX: u64 = (1 << 25) - 1;
    (major.min(127) << 57) | ((DF_MAX - (df as u64).min(DF_MAX)) << 32) | u64::from(t)
}

impl MatchKind {
    /// The kind with this discriminant (`kind as u8`); out of range is the weakest.
    fn from_index(i: u8) -> MatchKind {
        match i {
            0 => MatchKind::Exact,
            1 => MatchKind::Stem,
            2 => MatchKind::Prefix,
            3 => MatchKind::Typo1,
            _ => MatchKind::Typo2,
        }
    }

    /// Ranking weight of an occurrence matched this way (exact 1.0, stem 0.9, prefix 0.7, one typo
    /// 0.45, two typos 0.3; each in 0.0..=1.0).
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Stem => 0.9,
            MatchKind::Prefix => 0.7,
            MatchKind::Typo1 => 0.45,
            MatchKind::Typo2 => 0.3,
        }
    }

    /// True for typo matches (ranked below every exact, stemmed and prefix match).
    pub fn is_typo(self) -> bool {
        matches!(self, MatchKind::Typo1 | MatchKind::Typo2)
    }
}

/// Whether the folded text word `surface` matches the query word, and how. This is the
/// definition; the index computes the same thing faster (and the tests check that it does).
pub fn word_match(word: &Word, surface: &str) -> Option<MatchKind> {
    if surface == word.text {
        return Some(MatchKind::Exact);
    }
    if stem(surface) == word.stem {
        return Some(MatchKind::Stem);
    }
    if word.prefix && surface.starts_with(word.text.as_str()) {
        return Some(MatchKind::Prefix);
    }
    if word.typos > 0 {
        let a = chars(&word.text);
        let b = chars(surface);
        return match typo_distance(&a, &b) {
            1 => Some(MatchKind::Typo1),
            2 if word.typos >= 2 => Some(MatchKind::Typo2),
            _ => None,
        };
    }
    None
}

/// The typo distance from query word `a` to text word `b`: [`edit_distance`] after the first
/// letter when both start with the same letter; otherwise 2 when one edit at the first letter
/// (substitute, delete, insert before, swap with the second) turns `a` into `b`, else 3 or more.
pub fn typo_distance(a: &[char], b: &[char]) -> usize {
    match (a.first(), b.first()) {
        (Some(x), Some(y)) if x == y => edit_distance(&a[1..], &b[1..]),
        (Some(_), Some(_)) => {
            let one_edit = a[1..] == b[1..]
                || a[1..] == *b
                || b[1..] == *a
                || (a.len() == b.len() && a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..]);
            if one_edit {
                2
            } else {
                3
            }
        }
        _ => 2 * edit_distance(a, b),
    }
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), the plain DP
/// (three rolling rows, on the stack for words up to 64 letters).
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut small = [0usize; 3 * 65];
    let mut big = Vec::new();
    let rows: &mut [usize] = if 3 * w <= small.len() {
        &mut small[..3 * w]
    } else {
        big.resize(3 * w, 0);
        &mut big
    };
    for (j, v) in rows[..w].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        let (r2, r1, r0) = ((i + 1) % 3 * w, (i + 2) % 3 * w, i % 3 * w);
        rows[r0] = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[r1 + j] + 1).min(rows[r0 + j - 1] + 1).min(rows[r1 + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[r2 + j - 2] + 1);
            }
            rows[r0 + j] = v;
        }
    }
    rows[a.len() % 3 * w + b.len()]
}

/// [`word_match`] made cheap to ask for every word of a text: the query word's chars and the part
/// of its stem every stemmed match must start with are computed once, and the costly checks run
/// only after cheap filters pass.
pub(crate) struct Matcher<'w> {
    word: &'w Word,
    /// The stem without its last char: a word with this stem starts with it (the stemmer only
    /// removes suffixes and changes or adds the last letter).
    stem_head: &'w str,
    chars: Vec<char>,
}

impl<'w> Matcher<'w> {
    pub(crate) fn new(word: &'w Word) -> Matcher<'w> {
        let mut cut = word.stem.len().saturating_sub(1);
        while !word.stem.is_char_boundary(cut) {
            cut -= 1;
        }
        Matcher { word, stem_head: word.stem.get(..cut).unwrap_or(""), chars: chars(&word.text) }
    }

    /// Same answer as `word_match(word, surface).is_some()`.
    pub(crate) fn matches(&self, surface: &str, scratch: &mut Vec<char>) -> bool {
        let w = self.word;
        // Stems the stemmer changed are 3+ letters long, so a shorter stem only matches itself.
        let stemmed = if w.stem.len() < 3 {
            surface == w.stem
        } else {
            surface.starts_with(self.stem_head) && stem(surface) == w.stem
        };
        if surface == w.text || stemmed || (w.prefix && surface.starts_with(w.text.as_str())) {
            return true;
        }
        if w.typos == 0 {
            return false;
        }
        // Cheap filters first: within k typos, the lengths differ by at most k (at most 1 when the
        // first letters differ, which costs 2).
        let k = usize::from(w.typos);
        let same_first = surface.chars().next() == self.chars.first().copied();
        let len_gap = surface.chars().count().abs_diff(self.chars.len());
        if !((same_first && len_gap <= k) || (k >= 2 && len_gap <= 1)) {
            return false;
        }
        scratch.clear();
        scratch.extend(surface.chars());
        let d = typo_distance(&self.chars, scratch);
        d >= 1 && d <= k
    }
}

/// The dictionary terms a query word matches, each with its best way, sorted by term id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Expansion {
    pub(crate) terms: Vec<(u32, MatchKind)>,
}

/// The chars of `s`, pushed one by one rather than collected: one copy of the growing code for every
/// caller in the page's wasm instead of `FromIterator`'s own.
pub(crate) fn chars(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        out.push(c);
    }
    out
}

/// Every dictionary term matching `word` (within the caps).
pub(crate) fn expand(tables: &Tables, word: &Word) -> Expansion {
    let dict = &tables.dict;
    let mut terms: Vec<(u32, MatchKind)> = Vec::new();
    for &t in dict.stem_members(&word.stem) {
        terms.push((t, if dict.term(t as usize) == word.text { MatchKind::Exact } else { MatchKind::Stem }));
    }
    if word.prefix && !word.text.is_empty() {
        // The shortest, then most common completions first: keys pack (length, rarity, id).
        let range = dict.prefix_range(&word.text);
        let mut keys: Vec<u64> = Vec::with_capacity(range.len());
        for t in range.start as u32..range.end as u32 {
            keys.push(rank_key(dict.term_bytes(t as usize).len().min(127) as u64, tables.df(t), t));
        }
        smallest(&mut keys, MAX_PREFIX_TERMS);
        let mut budget = MAX_PREFIX_POSTINGS;
        let mut taken = 0;
        for key in keys {
            let t = key as u32;
            if dict.term(t as usize) == word.text {
                continue; // the word itself: already an exact match
            }
            let df = tables.df(t);
            if taken > 0 && df > budget {
                break;
            }
            budget = budget.saturating_sub(df);
            taken += 1;
            terms.push((t, MatchKind::Prefix));
        }
    }
    if word.typos > 0 {
        // The closest, then most common typo matches.
        let mut keys: Vec<u64> = Vec::new();
        for (t, k) in typo_terms(dict, word) {
            keys.push(rank_key(k as u64, tables.df(t), t));
        }
        smallest(&mut keys, MAX_TYPO_TERMS);
        for key in keys {
            let t = key as u32;
            terms.push((t, if key >> 57 == MatchKind::Typo1 as u64 { MatchKind::Typo1 } else { MatchKind::Typo2 }));
        }
    }
    // Sort by term, keeping each term's best way (packed as term << 8 | kind).
    let mut keys: Vec<u64> = Vec::with_capacity(terms.len());
    for &(t, k) in &terms {
        keys.push(u64::from(t) << 8 | k as u64);
    }
    sort_dedup(&mut keys);
    let mut terms: Vec<(u32, MatchKind)> = Vec::with_capacity(keys.len());
    for key in keys {
        let t = (key >> 8) as u32;
        if terms.last().is_none_or(|&(last, _)| last != t) {
            terms.push((t, MatchKind::from_index(key as u8)));
        }
    }
    Expansion { terms }
}

/// Dictionary terms within `word.typos` of `word.text` by [`typo_distance`]: the terms sharing the
/// first letter are walked as a trie with one DP row per trie node (a subtree is skipped once its
/// row minimum exceeds the budget, which no longer word can lower); for two typos, the few words
/// one first-letter edit away are looked up directly.
fn typo_terms(dict: &Dictionary, word: &Word) -> Vec<(u32, MatchKind)> {
    let q = chars(&word.text);
    let k = word.typos.min(2);
    let mut out = Vec::new();
    let Some(&first) = q.first() else { return out };
    let mut buf = [0u8; 4];
    let range = dict.prefix_range(first.encode_utf8(&mut buf));
    let mut walk = Walk {
        dict,
        q: &q[1..],
        k,
        rows: (0..q.len()).map(|j| j.min(255) as u8).collect(),
        path: Vec::new(),
        nodes: 0,
        out: &mut out,
    };
    walk.node(range.start, range.end, first.len_utf8());
    if k >= 2 {
        // Two typos with the first letter edited: the first letter dropped, swapped with the
        // second, replaced by another, or another put before it (each costs 2).
        let rest = crate::span::after(&word.text, first.len_utf8());
        let mut swapped = String::new();
        if q.len() >= 2 && q[0] != q[1] {
            swapped.push(q[1]);
            swapped.push(q[0]);
            swapped.extend(&q[2..]);
        }
        for v in [rest, swapped.as_str()] {
            if let Some(t) = dict.find(v).filter(|_| !v.is_empty()) {
                out.push((t, MatchKind::Typo2));
            }
        }
        let first = first.encode_utf8(&mut buf).as_bytes();
        for tail in [rest, word.text.as_str()] {
            for &t in dict.with_tail(tail) {
                if !dict.term_bytes(t as usize).starts_with(first) {
                    out.push((t, MatchKind::Typo2));
                }
            }
        }
    }
    out
}

/// The state of one typo walk over the dictionary as an implicit trie.
struct Walk<'a> {
    dict: &'a Dictionary,
    /// The query word after its first letter.
    q: &'a [char],
    k: u8,
    /// DP rows of the current path, stride `q.len() + 1`; row 0 is the empty path.
    rows: Vec<u8>,
    /// Chars of the current path (after the first letter).
    path: Vec<char>,
    nodes: usize,
    out: &'a mut Vec<(u32, MatchKind)>,
}

impl Walk<'_> {
    /// Visit the trie node whose terms are `lo..hi`, all sharing their first `depth` bytes.
    fn node(&mut self, mut lo: usize, hi: usize, depth: usize) {
        let w = self.q.len() + 1;
        let d = self.path.len();
        if lo < hi && self.dict.term_bytes(lo).len() == depth {
            let dist = self.rows[d * w + self.q.len()];
            if dist >= 1 && dist <= self.k {
                self.out.push((lo as u32, if dist == 1 { MatchKind::Typo1 } else { MatchKind::Typo2 }));
            }
            lo += 1;
        }
        while lo < hi && self.nodes < MAX_TYPO_NODES {
            // The child's label: the char at `depth` of its first term (one byte when ASCII).
            let c = match self.dict.term_bytes(lo).get(depth) {
                Some(&b) if b < 0x80 => char::from(b),
                Some(_) => match self.dict.term(lo).get(depth..).and_then(|r| r.chars().next()) {
                    Some(c) => c,
                    None => return,
                },
                None => return,
            };
            // The child's terms: the run sharing this label (the dictionary's shared-prefix table).
            let end = self.dict.run_end(lo, hi, depth + c.len_utf8());
            self.nodes += 1;
            if self.push_row(c) <= self.k {
                self.node(lo, end, depth + c.len_utf8());
            }
            self.path.pop();
            self.rows.truncate((d + 1) * w);
            lo = end;
        }
    }

    /// Append the DP row for `c` after the current path; returns the row minimum. Only the band
    /// of cells within `k` of the diagonal can be `k` or less: the others are set to `k + 1`, no
    /// more than their true value, and a cell of `k` or less only ever derives from such cells.
    fn push_row(&mut self, c: char) -> u8 {
        let (q, w, k) = (self.q, self.q.len() + 1, self.k);
        let d = self.path.len() + 1;
        let start = d * w;
        self.rows.resize(start + w, 0);
        // Slices, not indexing into the Vec: in the page's size-built wasm each `Vec` index is a
        // call, and this loop is most of a typo search.
        let (done, row) = self.rows.split_at_mut(start);
        let prev = &done[start - w..];
        // The row and char before this one, for transpositions (none at the first char).
        let before = self.path.last().map(|&p| (&done[start - 2 * w..start - w], p));
        let first = d.min(255) as u8;
        row[0] = first;
        let (mut min, mut left) = (first, first);
        let far = k.saturating_add(1);
        for j in 1..w {
            let v = if j + usize::from(k) < d || j > d + usize::from(k) {
                far
            } else {
                let sub = prev[j - 1].saturating_add(u8::from(q[j - 1] != c));
                let mut v = sub.min(prev[j].saturating_add(1)).min(left.saturating_add(1));
                if let Some((b, p)) = before {
                    if j > 1 && c == q[j - 2] && p == q[j - 1] {
                        v = v.min(b[j - 2].saturating_add(1));
                    }
                }
                v
            };
            row[j] = v;
            left = v;
            min = min.min(v);
        }
        self.path.push(c);
        min
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A seeded pseudo-random `next(n)` in `0..n` (xorshift), so the random tests repeat.
    pub(crate) fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        }
    }

    #[test]
    fn edit_distances() {
        for (a, b, want) in [
            ("kitten", "sitting", 3),
            ("negotiation", "negotaition", 1),
            ("trump", "trumps", 1),
            ("", "abc", 3),
            ("abc", "", 3),
            ("abc", "abc", 0),
            ("ca", "ac", 1),
            ("abcdef", "badcfe", 3),
        ] {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(edit_distance(&x, &y), want, "distance({a:?}, {b:?})");
        }
    }

    /// The matcher's shortcuts (stem head, length filters, stack DP) give the same answers as the
    /// definition, on words built to be near each other.
    #[test]
    fn matcher_agrees_with_word_match() {
        let base = [
            "negotiation",
            "negotiations",
            "negotiate",
            "negotiated",
            "trump",
            "trumps",
            "tramp",
            "rtump",
            "clinton",
            "election",
            "elected",
            "a",
            "ab",
            "the",
            "then",
            "government",
            "goverment",
            "café",
            "cafe",
            "straße",
            "hoping",
            "hope",
            "hop",
            "policies",
            "policy",
            "polici",
            "x",
            "2016",
            "2015",
            "москва",
        ];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let mut scratch = Vec::new();
        for _ in 0..20_000 {
            let text = base[next(base.len())];
            let mut surface: Vec<char> = base[next(base.len())].chars().collect();
            for _ in 0..next(3) {
                let i = next(surface.len() + 1);
                match next(3) {
                    0 if i < surface.len() => {
                        surface.remove(i);
                    }
                    1 => surface.insert(i, ['a', 'e', 's', 't', 'é'][next(5)]),
                    _ if i + 1 < surface.len() => surface.swap(i, i + 1),
                    _ => {}
                }
            }
            let surface: String = surface.into_iter().collect();
            let mut word = Word::new(text, crate::span::Span::default());
            word.prefix = next(2) == 0;
            word.typos = next(3) as u8;
            let want = word_match(&word, &surface).is_some();
            assert_eq!(Matcher::new(&word).matches(&surface, &mut scratch), want, "{word:?} vs {surface:?}");
        }
    }

    /// The typo walk (an implicit trie over the sorted dictionary, runs found by its shared-prefix
    /// table) finds exactly the terms a scan of the whole dictionary finds by [`typo_distance`].
    #[test]
    fn typo_walk_finds_what_a_scan_finds() {
        let long = "s".repeat(300);
        let mut words: Vec<String> = Vec::new();
        let letters = ['s', 'o', 'v', 'e', 'r', 'i', 'g', 'n', 't', 'y', 'é', 'ß', 'ж'];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let n = 1 + next(9);
            words.push((0..n).map(|_| letters[next(letters.len())]).collect());
        }
        for w in ["sovereignty", "sovereign", "soverignty", "sovereignity", "overeignty"] {
            words.push(w.to_string());
        }
        words.push(format!("{long}a"));
        words.push(format!("{long}b"));
        words.push(format!("{long}ab"));
        words.sort();
        words.dedup();
        let terms: Vec<&str> = words.iter().map(String::as_str).collect();
        let dict = Dictionary::build(&terms);
        let mut queries: Vec<String> = words.iter().step_by(37).cloned().collect();
        queries.extend(["sovereignty", "soveriegnty", "ssovereign", "éßж", &format!("{long}c")].map(String::from));
        for q in &queries {
            for typos in [1u8, 2] {
                let mut word = Word::new(q, crate::span::Span::default());
                word.typos = typos;
                let mut got = typo_terms(&dict, &word);
                // Each term in its best way, as `expand` keeps it.
                got.sort_by_key(|&(t, k)| (t, k as u8));
                got.dedup_by_key(|&mut (t, _)| t);
                let qc = chars(q);
                let want: Vec<(u32, MatchKind)> = (0..dict.len())
                    .filter_map(|t| {
                        let d = typo_distance(&qc, &chars(dict.term(t)));
                        let kind = if d == 1 { MatchKind::Typo1 } else { MatchKind::Typo2 };
                        (d >= 1 && d <= usize::from(typos)).then_some((t as u32, kind))
                    })
                    .collect();
                assert_eq!(got, want, "{q:?} with {typos} typos");
            }
        }
    }

    #[test]
    fn typo_distances_count_the_first_letter_double() {
        for (a, b, want) in [
            ("negotiations", "negotaitions", 1),
            ("goverment", "government", 1),
            ("clinton", "klinton", 2),
            ("clinton", "linton", 2),
            ("clinton", "cclinton", 1),
            ("clinton", "lcinton", 2),
            ("clinton", "klintan", 3),
            ("trump", "trump", 0),
        ] {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(typo_distance(&x, &y).min(3), want, "typo_distance({a:?}, {b:?})");
        }
    }
}
