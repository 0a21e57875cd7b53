//! The corpus: every article with its quotes, ids that stay stable across rebuilds, and one
//! canonical [`Speaker`] per person across all articles.
//!
//! Ids are derived from content, never from position, so shared links keep working when articles
//! are added, removed, renamed or reordered:
//! - article id: the first 10 hex digits of FNV-1a-64 of the article text;
//! - quote id: `{article id}-{6 hex digits of FNV-1a-64 of the quote text}`, with `-2`, `-3` … for
//!   the second and later identical quotes in one article;
//! - speaker id: the slug of the canonical name ("wang-yi").

use crate::article::Article;
use crate::quote::{self, ArticleQuotes, Quote, SpeakerKind};
use crate::search::fold::fold_str;
use crate::span::{short_hash, slug};
use serde::Serialize;
use std::collections::BTreeMap;

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// One bundled article as compiled in by build.rs.
#[derive(Clone, Copy, Debug)]
pub struct Seed {
    /// File name inside seeds/.
    pub file: &'static str,
    /// The text, byte for byte.
    pub text: &'static str,
    /// The outlet, when seeds/README.md names it.
    pub outlet: Option<&'static str>,
    /// The publication date (YYYY-MM-DD), when seeds/README.md gives it.
    pub date: Option<&'static str>,
}

/// An article to add to a corpus: its name (a file name or a label), text and what is known of it.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// File name or label ("000_06260985032954de.txt", "pasted text").
    pub name: String,
    /// The article text.
    pub text: String,
    /// Outlet, if known.
    pub outlet: Option<String>,
    /// Publication date, if known.
    pub date: Option<String>,
    /// Added by the person using the page (kept in their browser only), not bundled.
    pub local: bool,
}

impl Source {
    /// The bundled seed articles as sources.
    pub fn seeds() -> Vec<Source> {
        SEEDS
            .iter()
            .map(|s| Source {
                name: s.file.to_string(),
                text: s.text.to_string(),
                outlet: s.outlet.map(str::to_string),
                date: s.date.map(str::to_string),
                local: false,
            })
            .collect()
    }
}

/// One article in the corpus.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Stable article id (content hash).
    pub id: String,
    /// File name or label it came from.
    pub name: String,
    /// Outlet, if known.
    pub outlet: Option<String>,
    /// Publication date, if known.
    pub date: Option<String>,
    /// The parsed article.
    pub article: Article,
    /// Its quotes.
    pub quotes: ArticleQuotes,
    /// Stable id of each quote, parallel to `quotes.quotes`.
    pub quote_ids: Vec<String>,
    /// Corpus speaker index of each article-local person, parallel to `quotes.people`.
    pub speakers: Vec<usize>,
    /// Added in the browser by the person using the page (not bundled).
    pub local: bool,
}

impl Entry {
    /// The article's display title: its headline, or the start of its first paragraph.
    pub fn display_title(&self) -> String {
        if let Some(t) = self.article.title_text() {
            return t.to_string();
        }
        let lede = self.article.lede().unwrap_or(&self.name);
        excerpt(lede, 90)
    }

    /// Corpus speaker index of a quote's speaker.
    pub fn speaker_of(&self, q: &Quote) -> Option<usize> {
        q.speaker.and_then(|i| self.speakers.get(i).copied())
    }
}

/// One person or organisation across the whole corpus.
#[derive(Clone, Debug, Serialize)]
pub struct Speaker {
    /// Stable id: slug of the canonical name.
    pub id: String,
    /// Canonical (fullest) name.
    pub name: String,
    /// Other names seen, sorted.
    pub aliases: Vec<String>,
    /// Roles seen, sorted.
    pub roles: Vec<String>,
    /// Person or organisation.
    pub kind: SpeakerKind,
}

/// All articles, their quotes and the speakers.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Articles in the order they were added.
    pub articles: Vec<Entry>,
    /// Speakers, sorted by id.
    pub speakers: Vec<Speaker>,
}

impl Corpus {
    /// Build a corpus from sources. Identical texts are kept once (the first name wins).
    pub fn build(sources: Vec<Source>) -> Corpus {
        let mut c = Corpus::default();
        let mut seen = std::collections::BTreeSet::new();
        let sources: Vec<Source> = sources.into_iter().filter(|s| seen.insert(article_id(&s.text, s.local))).collect();
        // Each article is parsed and its quotes found on its own: on every core natively.
        c.articles = crate::par::map(&sources, entry);
        c.merge_speakers();
        c
    }

    /// Add one article. Fails, changing nothing, when the same text is already in the corpus.
    /// Returns the new article's index.
    pub fn add(&mut self, source: Source) -> Result<usize, AddError> {
        if let Some(e) = self.articles.iter().find(|e| e.article.text == source.text) {
            return Err(AddError::Duplicate { id: e.id.clone(), title: e.display_title() });
        }
        self.articles.push(entry(&source));
        self.merge_speakers();
        Ok(self.articles.len() - 1)
    }

    /// Remove a locally added article by id; bundled articles stay. Returns whether one was removed.
    pub fn remove_local(&mut self, id: &str) -> bool {
        let before = self.articles.len();
        self.articles.retain(|e| !(e.local && e.id == id));
        let removed = self.articles.len() != before;
        if removed {
            self.merge_speakers();
        }
        removed
    }

    /// The bundled seed articles.
    pub fn seeds() -> Corpus {
        Corpus::build(Source::seeds())
    }

    /// Find an article by id.
    pub fn article(&self, id: &str) -> Option<&Entry> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Find a quote by id: (article index, quote index).
    pub fn quote(&self, id: &str) -> Option<(usize, usize)> {
        let (aid, _) = crate::span::split_at_byte(id, b'-')?;
        let ai = self.articles.iter().position(|a| a.id == aid)?;
        let qi = self.articles[ai].quote_ids.iter().position(|q| q == id)?;
        Some((ai, qi))
    }

    /// Find a speaker by id.
    pub fn speaker(&self, id: &str) -> Option<usize> {
        self.speakers.binary_search_by(|s| s.id.as_str().cmp(id)).ok()
    }

    /// Every quote as (article index, quote index), in corpus order.
    pub fn all_quotes(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.articles.iter().enumerate().flat_map(|(ai, a)| (0..a.quotes.quotes.len()).map(move |qi| (ai, qi)))
    }

    /// Merge article-local people into corpus speakers and fill `Entry::speakers`.
    ///
    /// 1. People with the same folded name are one speaker ("Wang Yi" in two articles).
    /// 2. A person's full name that differs only by middle names or initials joins the fuller
    ///    form ("James Comey" → "James B. Comey", "Hillary Clinton" → "Hillary Rodham Clinton").
    /// 3. A one-word person ("Wenbin", "Trump") joins the one full-named person of the corpus
    ///    whose name holds that word (the last word first: "Trump" → "Donald Trump" even when
    ///    "Wang" is ambiguous between Wang Yi and Wang Wenbin, and then stays apart).
    ///
    /// Organisations merge by name only. The canonical name is the fullest form (ties: the most
    /// quoted, then alphabetical); every other form becomes an alias. Deterministic: every map is
    /// ordered and ties are broken by name.
    fn merge_speakers(&mut self) {
        /// Significant folded words of a name (no courtesy titles or initials).
        fn words(name: &str) -> Vec<String> {
            fold_str(name)
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
                .filter(|w| {
                    !w.is_empty() && w.chars().count() > 1 && !matches!(*w, "mr" | "mrs" | "ms" | "dr" | "jr" | "sr")
                })
                .map(str::to_string)
                .collect()
        }
        /// One folded name (and kind) and everything said of it.
        #[derive(Default)]
        struct Group {
            forms: Vec<(String, usize)>, // surface form, quotes (or 1) seen with it
            aliases: Vec<String>,
            roles: Vec<String>,
            kind: Option<SpeakerKind>,
            words: Vec<String>,
        }
        let key_of = |p: &quote::Person| {
            let k = match p.kind {
                SpeakerKind::Person => "p:",
                SpeakerKind::Organisation => "o:",
            };
            format!("{k}{}", slug(&fold_str(&p.name)))
        };
        // 1. Same folded name (and kind) → one group. Vectors sorted by key, no maps: the
        // corpus code stays small in the wasm.
        let mut keys: Vec<String> = self.articles.iter().flat_map(|a| a.quotes.people.iter().map(key_of)).collect();
        crate::sort::sort_dedup(&mut keys);
        let find = |k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).unwrap_or(0);
        let mut groups: Vec<Group> = keys.iter().map(|_| Group::default()).collect();
        let mut person_group: Vec<Vec<usize>> = Vec::with_capacity(self.articles.len());
        for a in &self.articles {
            let mut gs = Vec::with_capacity(a.quotes.people.len());
            for (i, p) in a.quotes.people.iter().enumerate() {
                let gi = find(&key_of(p));
                let said = a.quotes.quotes.iter().filter(|q| q.speaker == Some(i)).count().max(1);
                let g = &mut groups[gi];
                match g.forms.iter_mut().find(|(f, _)| *f == p.name) {
                    Some((_, n)) => *n += said,
                    None => g.forms.push((p.name.clone(), said)),
                }
                g.kind.get_or_insert(p.kind);
                if g.words.is_empty() {
                    g.words = words(&p.name);
                }
                g.aliases.extend(p.aliases.iter().cloned());
                g.roles.extend(p.roles.iter().cloned());
                gs.push(gi);
            }
            person_group.push(gs);
        }
        // 2 and 3. Point each person group at the group it joins.
        let is_person = |g: &Group| g.kind == Some(SpeakerKind::Person);
        let mut by_last: Vec<(&str, usize)> = Vec::new();
        let mut by_word: Vec<(&str, usize)> = Vec::new();
        for (gi, g) in groups.iter().enumerate().filter(|(_, g)| is_person(g) && g.words.len() >= 2) {
            by_last.push((g.words[g.words.len() - 1].as_str(), gi));
            by_word.extend(g.words.iter().map(|w| (w.as_str(), gi)));
        }
        crate::sort::sort(&mut by_last);
        crate::sort::sort(&mut by_word);
        let with = |list: &[(&str, usize)], w: &str| -> Vec<usize> {
            let lo = list.partition_point(|(x, _)| *x < w);
            list[lo..].iter().take_while(|(x, _)| *x == w).map(|&(_, g)| g).collect()
        };
        let mut target: Vec<usize> = (0..groups.len()).collect();
        for (gi, g) in groups.iter().enumerate().filter(|(_, g)| is_person(g)) {
            let w = &g.words;
            let Some(last) = w.last() else { continue };
            let same_last = with(&by_last, last);
            if w.len() >= 2 {
                // A fuller form of the same name: more words, or the same words spelled longer.
                let fuller: Vec<usize> = same_last
                    .into_iter()
                    .filter(|&o| {
                        let og = &groups[o].words;
                        o != gi
                            && w.iter().all(|x| og.contains(x))
                            && (og.len() > w.len() || (og.len() == w.len() && keys[o].len() > keys[gi].len()))
                    })
                    .collect();
                if let [one] = fuller[..] {
                    target[gi] = one;
                }
                continue;
            }
            let any = with(&by_word, last);
            match (&same_last[..], &any[..]) {
                ([one], _) | ([], [one]) => target[gi] = *one,
                _ => {}
            }
        }
        // A target that itself joins another (a middle name) resolves a step further.
        let resolve = |mut g: usize| {
            for _ in 0..3 {
                g = target[g];
            }
            g
        };
        let mut merged: Vec<Group> = groups.iter().map(|_| Group::default()).collect();
        for (gi, g) in groups.into_iter().enumerate() {
            let m = &mut merged[resolve(gi)];
            for (f, n) in g.forms {
                match m.forms.iter_mut().find(|(x, _)| *x == f) {
                    Some((_, k)) => *k += n,
                    None => m.forms.push((f, n)),
                }
            }
            m.kind = m.kind.or(g.kind);
            m.aliases.extend(g.aliases);
            m.roles.extend(g.roles);
        }
        // Canonical names; speakers sorted by id, ids unique.
        let mut speakers: Vec<(usize, Speaker)> = Vec::new();
        for (gi, g) in merged.into_iter().enumerate().filter(|(_, g)| !g.forms.is_empty()) {
            let mut forms = g.forms;
            crate::sort::sort(&mut forms);
            let name = forms
                .iter()
                .max_by(|(a, na), (b, nb)| words(a).len().cmp(&words(b).len()).then(na.cmp(nb)).then(b.cmp(a)))
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
            let mut aliases: Vec<String> =
                forms.into_iter().map(|(f, _)| f).chain(g.aliases).filter(|a| *a != name).collect();
            crate::sort::sort_dedup(&mut aliases);
            let mut roles = g.roles;
            crate::sort::sort_dedup(&mut roles);
            let kind = g.kind.unwrap_or(SpeakerKind::Person);
            speakers.push((gi, Speaker { id: slug(&fold_str(&name)), name, aliases, roles, kind }));
        }
        // A person and an organisation may slug alike: the later one's id takes a suffix.
        crate::sort::sort_by(&mut speakers, &|a, b| (&a.1.id, &keys[a.0]) < (&b.1.id, &keys[b.0]));
        for i in 1..speakers.len() {
            if speakers[..i].iter().any(|s| s.1.id == speakers[i].1.id) {
                let base = speakers[i].1.id.clone();
                let mut n = 2;
                while speakers.iter().any(|s| s.1.id == format!("{base}-{n}")) {
                    n += 1;
                }
                speakers[i].1.id = format!("{base}-{n}");
            }
        }
        crate::sort::sort_by(&mut speakers, &|a, b| a.1.id < b.1.id);
        let mut index = vec![0; keys.len()];
        for (si, (gi, _)) in speakers.iter().enumerate() {
            index[*gi] = si;
        }
        self.speakers = speakers.into_iter().map(|(_, s)| s).collect();
        for (a, gs) in self.articles.iter_mut().zip(person_group) {
            a.speakers = gs.into_iter().map(|g| index[resolve(g)]).collect();
        }
    }
}

/// Stable article id: 10 hex digits of the text's hash; a locally added article's id starts with
/// "u" instead of its first digit, so a shared link can tell it apart from a bundled one.
pub fn article_id(text: &str, local: bool) -> String {
    let h = short_hash(text.as_bytes(), 10);
    if local {
        format!("u{}", &h[1..])
    } else {
        h
    }
}

/// True when an article id names a locally added article.
pub fn is_local_id(id: &str) -> bool {
    id.starts_with('u')
}

fn entry(s: &Source) -> Entry {
    let article = Article::parse(&s.text);
    let quotes = quote::extract(&article);
    let id = article_id(&article.text, s.local);
    let quote_ids = quote_ids(&id, &article, &quotes.quotes);
    Entry {
        id,
        name: s.name.clone(),
        outlet: s.outlet.clone(),
        date: s.date.clone(),
        article,
        quotes,
        quote_ids,
        speakers: Vec::new(),
        local: s.local,
    }
}

/// Largest article accepted from a person, in bytes. Default 5 MiB: ten times a long feature
/// article, small enough to parse in well under a second.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// Why an article was not added. Each says what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    /// No bytes, or only whitespace.
    Empty,
    /// Larger than [`MAX_ARTICLE_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// Not UTF-8: the first invalid byte and where it is.
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// Looks like a binary file (NUL bytes or many control characters).
    Binary,
    /// The same text is already in the corpus.
    Duplicate {
        /// The existing article's id.
        id: String,
        /// Its title.
        title: String,
    },
}

impl AddError {
    /// A message a person can act on, naming the file.
    pub fn message(&self, name: &str) -> String {
        match self {
            AddError::Empty => format!("“{name}” is empty: there is no text to read."),
            AddError::TooLarge { bytes } => format!(
                "“{name}” is {:.1} MB; quotelens reads articles up to {} MB. Split it into smaller files.",
                *bytes as f64 / 1_048_576.0,
                MAX_ARTICLE_BYTES / 1_048_576
            ),
            AddError::NotUtf8 { offset, byte } => format!(
                "“{name}” is not UTF-8 text (byte 0x{byte:02x} at offset {offset}). If it is Latin-1 or Windows-1252, save it as UTF-8 and add it again."
            ),
            AddError::Binary => {
                format!("“{name}” looks like a binary file (an image, PDF or document), not plain text. Save the article as a .txt file.")
            }
            AddError::Duplicate { title, .. } => format!("“{name}” is already here, as “{title}”."),
        }
    }
}

/// Check bytes offered as a new article and return its text. Never panics.
pub fn check_article(bytes: &[u8]) -> Result<String, AddError> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(AddError::TooLarge { bytes: bytes.len() });
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    if head.contains(&0) || controls * 20 > head.len().max(1) {
        return Err(AddError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        AddError::NotUtf8 { offset, byte: bytes.get(offset).copied().unwrap_or(0) }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(AddError::Empty);
    }
    Ok(text.to_string())
}

/// Stable ids for the quotes of one article.
fn quote_ids(article_id: &str, article: &Article, quotes: &[Quote]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    quotes
        .iter()
        .map(|q| {
            let h = short_hash(q.span.slice(&article.text).as_bytes(), 6);
            let n = seen.entry(h.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{article_id}-{h}")
            } else {
                format!("{article_id}-{h}-{n}")
            }
        })
        .collect()
}

/// The first `max` chars of `s`, cut at a word boundary, with "…" when cut. (Sliced rather than
/// collected char by char and formatted: the page's wasm shows excerpts, and this is 0.2 kB
/// gzipped smaller there.)
pub fn excerpt(s: &str, max: usize) -> String {
    // The byte where char `max` starts (a char starts at each byte that is not a continuation).
    let (mut end, mut n) = (0, 0);
    while n <= max {
        let Some(&b) = s.as_bytes().get(end) else { return s.to_string() };
        n += usize::from(b & 0xC0 != 0x80);
        end += 1;
    }
    end -= 1;
    let cut = s.get(..end).unwrap_or(s);
    let at = cut.bytes().rposition(|b| b == b' ').unwrap_or(cut.len());
    let mut out = cut.get(..at).unwrap_or(cut).trim_end_matches([',', ';', ':', ' ']).to_string();
    out.push('…');
    out
}
