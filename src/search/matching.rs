//! When does a word of the text match a word of the query? One definition ([`word_match`]), and
//! the fast way the index finds every dictionary term that matches ([`expand`]): the stem group
//! for exact and stemmed matches, a range scan for prefixes, and a trie walk over the sorted
//! dictionary with a bounded Damerau–Levenshtein row for typos.

use super::index::Tables;
use super::query::Word;
use super::stem::stem;
use serde::Serialize;

/// Most dictionary terms a prefix expands to (range 1..=100_000, default 64). A short prefix while
/// typing ("t") could match thousands of words; the shortest, then most common, are kept. Exact
/// and stemmed matches are never capped.
pub const MAX_PREFIX_TERMS: usize = 64;

/// Most dictionary terms a typo-tolerant word expands to (range 1..=10_000, default 32); the
/// closest, then most common, are kept.
pub const MAX_TYPO_TERMS: usize = 32;

/// Most trie nodes the typo search of one word visits (range 100..=10_000_000, default 40_000):
/// the work bound for hostile queries (100 long words with typos). Past it, the candidates found
/// so far are used.
pub const MAX_TYPO_NODES: usize = 40_000;

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
    /// One edit away.
    Typo1,
    /// Two edits away.
    Typo2,
}

impl MatchKind {
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
        let a: Vec<char> = word.text.chars().collect();
        let b: Vec<char> = surface.chars().collect();
        return match edit_distance(&a, &b) {
            1 if word.typos >= 1 => Some(MatchKind::Typo1),
            2 if word.typos >= 2 => Some(MatchKind::Typo2),
            _ => None,
        };
    }
    None
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), the naive way.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=b.len() {
        d[0][j] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The dictionary terms a query word matches, each with its best way, sorted by term id.
#[derive(Clone, Debug, Default)]
pub(crate) struct Expansion {
    pub(crate) terms: Vec<(u32, MatchKind)>,
}

impl Expansion {
    /// How term `t` matches, if it is in the expansion.
    pub(crate) fn get(&self, t: u32) -> Option<MatchKind> {
        self.terms.binary_search_by_key(&t, |&(id, _)| id).ok().map(|i| self.terms[i].1)
    }
}

/// Every dictionary term matching `word` (within the caps).
pub(crate) fn expand(tables: &Tables, word: &Word) -> Expansion {
    let dict = &tables.dict;
    let mut terms: Vec<(u32, MatchKind)> = dict
        .stem_members(&word.stem)
        .iter()
        .map(|&t| (t, if dict.term(t as usize) == word.text { MatchKind::Exact } else { MatchKind::Stem }))
        .collect();
    if word.prefix && !word.text.is_empty() {
        let range = dict.prefix_range(&word.text);
        let mut ids: Vec<u32> = (range.start as u32..range.end as u32).collect();
        if ids.len() > MAX_PREFIX_TERMS {
            let key = |t: &u32| (dict.term(*t as usize).len(), usize::MAX - tables.df(*t), *t);
            ids.select_nth_unstable_by_key(MAX_PREFIX_TERMS - 1, key);
            ids.truncate(MAX_PREFIX_TERMS);
        }
        terms.extend(ids.into_iter().map(|t| (t, MatchKind::Prefix)));
    }
    if word.typos > 0 {
        let mut found = typo_terms(tables, word);
        if found.len() > MAX_TYPO_TERMS {
            let key = |&(t, k): &(u32, MatchKind)| (k, usize::MAX - tables.df(t), t);
            found.select_nth_unstable_by_key(MAX_TYPO_TERMS - 1, key);
            found.truncate(MAX_TYPO_TERMS);
        }
        terms.extend(found);
    }
    terms.sort_unstable();
    terms.dedup_by_key(|&mut (t, _)| t);
    Expansion { terms }
}

/// Dictionary terms within `word.typos` edits of `word.text`: a depth-first walk of the sorted
/// dictionary as a trie. Consecutive terms share their common prefix's DP rows; a subtree is
/// skipped (by binary search to the end of its prefix range) once its row minimum exceeds the
/// budget, which no longer word can lower.
fn typo_terms(tables: &Tables, word: &Word) -> Vec<(u32, MatchKind)> {
    let dict = &tables.dict;
    let q: Vec<char> = word.text.chars().collect();
    let k = u8::from(word.typos.min(2));
    let m = q.len();
    // DP rows, one per depth of the current path, flattened with stride m + 1.
    let w = m + 1;
    let mut rows: Vec<u8> = (0..=m).map(|j| j.min(255) as u8).collect();
    let mut path: Vec<char> = Vec::new();
    let mut cur: Vec<char> = Vec::new();
    let mut out = Vec::new();
    let mut nodes = 0usize;
    let mut i = 0;
    while i < dict.len() && nodes < MAX_TYPO_NODES {
        let t = dict.term(i);
        cur.clear();
        cur.extend(t.chars());
        let lcp = path.iter().zip(&cur).take_while(|(a, b)| a == b).count();
        path.truncate(lcp);
        rows.truncate((lcp + 1) * w);
        let mut pruned = None;
        for d in lcp + 1..=cur.len() {
            nodes += 1;
            let c = cur[d - 1];
            let prev = (d - 1) * w;
            rows.push(d.min(255) as u8);
            let mut min = rows[d * w];
            for j in 1..=m {
                let sub = rows[prev + j - 1].saturating_add(u8::from(q[j - 1] != c));
                let mut v = sub.min(rows[prev + j].saturating_add(1)).min(rows[d * w + j - 1].saturating_add(1));
                if d > 1 && j > 1 && c == q[j - 2] && cur[d - 2] == q[j - 1] {
                    v = v.min(rows[(d - 2) * w + j - 2].saturating_add(1));
                }
                rows.push(v);
                min = min.min(v);
            }
            path.push(c);
            if min > k {
                pruned = Some(d);
                break;
            }
        }
        match pruned {
            Some(d) => {
                // Skip every term starting with these d chars.
                let bytes: usize = cur[..d].iter().map(|c| c.len_utf8()).sum();
                let p = &t[..bytes.min(t.len())];
                let (mut lo, mut hi) = (i + 1, dict.len());
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if dict.term(mid).starts_with(p) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                path.truncate(d - 1);
                rows.truncate(d * w);
                i = lo;
            }
            None => {
                let dist = rows[cur.len() * w + m];
                if dist >= 1 && dist <= k {
                    out.push((i as u32, if dist == 1 { MatchKind::Typo1 } else { MatchKind::Typo2 }));
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        for (a, b, want) in [
            ("kitten", "sitting", 3),
            ("negotiation", "negotaition", 1),
            ("trump", "trumps", 1),
            ("", "abc", 3),
            ("abc", "abc", 0),
            ("ca", "ac", 1),
        ] {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(edit_distance(&x, &y), want, "distance({a:?}, {b:?})");
        }
    }
}
