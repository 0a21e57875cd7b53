//! Who is who inside one article: the people and organisations it names (with their aliases and
//! roles), and what a pronoun or a description ("he", "the foreign minister") refers to.
//!
//! **Names.** A full mention ("Wang Wenbin") creates or finds a person; a one-word mention
//! ("Wang", "Wenbin", "Mr. Ackman") is the person with that word in their name whose *full* name
//! was mentioned most recently, so an article with both Wang Yi and Wang Wenbin gives each bare
//! "Wang" to whoever was last named in full. A bare surname seen before the full name is upgraded
//! when the full name arrives ("Trump" … "Donald Trump").
//!
//! **Pronouns** resolve by who is speaking, not by the nearest name: he/she is the person who is
//! the subject of an earlier sentence *of the same paragraph*, else the current speaker (the last
//! person quoted), else the last person who was a sentence subject. They resolve to the last
//! subject; it to the last organisation. I and we are the writer and are never resolved.
//!
//! **Descriptions** ("the senior diplomat") resolve to the last person whose roles share the head
//! word or a synonym, else to the current speaker, else to the most quoted person, skipping
//! anyone whose known roles name a different office.

use super::names::{is_honorific_or_suffix, is_person_noun, MKind, Mention, Nom, Pron};
use super::SpeakerKind;

/// One person or organisation of an article.
#[derive(Clone, Debug)]
pub(crate) struct Entity {
    /// The fullest name seen.
    pub name: String,
    /// Person or organisation.
    pub kind: SpeakerKind,
    /// Other names used for it.
    pub aliases: Vec<String>,
    /// Roles given to it.
    pub roles: Vec<String>,
    /// Byte position of the most recent mention with two or more name words.
    pub last_full: Option<usize>,
    /// Byte position of the most recent mention.
    pub last_seen: usize,
    /// Quotes attributed so far.
    pub quotes: usize,
    /// The significant words of `name` as byte ranges into it (cached for matching; inline, so
    /// naming an entity allocates nothing beyond its name).
    words: [(u32, u32); MAX_NAME_WORDS],
    /// How many of `words` are used.
    n_words: usize,
    /// The [`word_hash`] of each of `words`: words [`eq`] calls equal hash equal, so a differing
    /// hash settles most comparisons without looking at the text.
    hashes: [u64; MAX_NAME_WORDS],
    /// The [`word_hash`] of the whole name.
    name_hash: u64,
    /// One bit per word of `words` ([`bit_of`] of each hash): entities sharing no bit share no word.
    sig: u64,
}

impl Entity {
    /// Name the entity `name`, whose [`name_words`] with their hashes are `words` (subslices of
    /// `name`, as [`Coref::name`] has them already).
    fn set_name(&mut self, name: &str, words: &[Word<'_>]) {
        self.name.clear();
        self.name.push_str(name);
        let n = words.len().min(MAX_NAME_WORDS);
        let base = name.as_ptr() as usize;
        for (slot, x) in self.words.iter_mut().zip(&words[..n]) {
            // Each word is a subslice of `name`: its offset is the distance between the pointers.
            let at = (x.text.as_ptr() as usize).wrapping_sub(base).min(name.len());
            *slot = (at as u32, (at + x.text.len()).min(name.len()) as u32);
        }
        self.n_words = n;
        for (h, x) in self.hashes.iter_mut().zip(&words[..n]) {
            *h = x.hash;
        }
        self.sig = self.hashes[..n].iter().fold(0, |s, &h| s | bit_of(h));
        self.name_hash = word_hash(name);
    }

    /// The significant words of the name with their hashes.
    fn words(&self) -> ([Word<'_>; MAX_NAME_WORDS], usize) {
        let mut out = [Word::default(); MAX_NAME_WORDS];
        for (k, o) in out.iter_mut().enumerate().take(self.n_words) {
            let (a, b) = self.words[k];
            *o = Word { text: self.name.get(a as usize..b as usize).unwrap_or(""), hash: self.hashes[k] };
        }
        (out, self.n_words)
    }
}

/// A sentence subject, remembered for pronoun resolution.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Subject {
    /// Where the subject mention starts.
    pub pos: usize,
    /// Article block it is in.
    pub block: usize,
    /// Who it is.
    pub ent: usize,
}

/// The article's entities and the state of the discourse.
#[derive(Default)]
pub(crate) struct Coref {
    /// Entities in order of first mention.
    pub ents: Vec<Entity>,
    /// The last person quoted.
    pub person_speaker: Option<usize>,
    /// The last organisation quoted.
    pub org_speaker: Option<usize>,
    /// Sentence subjects in text order.
    pub subjects: Vec<Subject>,
    /// Names only find people already known, and change nothing (headlines and Title Case
    /// subheadings, whose capitals are not reliable names).
    pub read_only: bool,
    /// Entities by the [`word_hash`] of each of their name words.
    by_word: Index,
    /// Entities by the [`word_hash`] of their whole name.
    by_name: Index,
    /// Reused list of candidate ids.
    scratch: Vec<u32>,
}

/// Entity ids by a 64-bit key (a name word's hash, a whole name's hash), so that finding who a
/// name refers to looks at the entities sharing a word with it instead of every entity. Open
/// addressing over the keys; each slot heads a chain of ids, newest first. An id stays listed
/// under the words of its older names: callers compare the words anyway.
#[derive(Default)]
struct Index {
    /// (key, 1 + index of the newest node), or (_, 0) for an empty slot; a power of two long.
    slots: Vec<(u64, u32)>,
    /// (entity id, 1 + index of the next older node or 0).
    nodes: Vec<(u32, u32)>,
    /// Slots in use.
    used: usize,
}

impl Index {
    /// An empty index with room for about `n` keys.
    fn with_capacity(n: usize) -> Index {
        Index { slots: vec![(0, 0); (2 * n).next_power_of_two().max(64)], nodes: Vec::with_capacity(n), used: 0 }
    }

    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// The slot of `key`: where it is, or the empty slot where it would go.
    fn slot(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        while self.slots[i].1 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        i
    }

    fn insert(&mut self, key: u64, id: usize) {
        if (self.used + 1) * 2 > self.slots.len() {
            // Grow to keep the table at most half full; chains move with their keys.
            let size = (self.slots.len() * 2).max(64);
            let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
            for (k, head) in old.into_iter().filter(|s| s.1 != 0) {
                let i = self.slot(k);
                self.slots[i] = (k, head);
            }
        }
        let i = self.slot(key);
        if self.slots[i].1 == 0 {
            self.used += 1;
        } else if self.slots[i]
            .1
            .checked_sub(1)
            .and_then(|n| self.nodes.get(n as usize))
            .is_some_and(|n| n.0 == id as u32)
        {
            return; // already the newest under this key
        }
        self.nodes.push((id as u32, self.slots[i].1));
        self.slots[i] = (key, self.nodes.len() as u32);
    }

    /// Append to `out` the ids listed under `key` that are at least `lo`, reading at most
    /// `2 * MAX_SCAN` entries of the chain (only a pathological text renames that often).
    fn ids(&self, key: u64, lo: usize, out: &mut Vec<u32>) {
        if self.slots.is_empty() {
            return;
        }
        let mut next = self.slots[self.slot(key)].1;
        for _ in 0..2 * MAX_SCAN {
            let Some(&(id, older)) = next.checked_sub(1).and_then(|n| self.nodes.get(n as usize)) else { break };
            if id as usize >= lo {
                out.push(id);
            }
            next = older;
        }
    }
}

/// At most this many name words are compared; longer names compare by their first words.
const MAX_NAME_WORDS: usize = 8;

/// The significant words of a name: no courtesy titles, initials or suffixes.
fn name_words<'a>(name: &'a str) -> ([&'a str; MAX_NAME_WORDS], usize) {
    let mut out = [""; MAX_NAME_WORDS];
    let mut n = 0;
    let mut keep = |w: &'a str| {
        let w = w.trim_end_matches(',');
        let initial = w.len() <= 2 && w.ends_with('.');
        if initial || w.is_empty() || (may_be_title_or_suffix(w) && is_honorific_or_suffix(w)) {
            return;
        }
        if n < MAX_NAME_WORDS {
            out[n] = w;
            n += 1;
        }
    };
    if name.is_ascii() {
        // An ASCII name splits at ASCII whitespace bytes, exactly as `split_whitespace` would.
        let b = name.as_bytes();
        let mut start = 0;
        for i in 0..=b.len() {
            if i == b.len() || crate::article::scan::ascii_space(b[i]) {
                keep(name.get(start..i).unwrap_or(""));
                start = i + 1;
            }
        }
    } else {
        for w in crate::article::scan::words(name) {
            keep(w);
        }
    }
    (out, n)
}

/// Can `w` be a courtesy title or a name suffix at all? Both lists hold words of at most six
/// letters starting with d, f, i, j, l, m or s (checked by a test), so most name words are ruled out
/// before any lexicon lookup.
fn may_be_title_or_suffix(w: &str) -> bool {
    w.len() <= 7
        && matches!(
            w.as_bytes().first().map(u8::to_ascii_lowercase),
            Some(b'd' | b'f' | b'i' | b'j' | b'l' | b'm' | b's')
        )
}

/// A name word with its [`word_hash`].
#[derive(Clone, Copy, Debug, Default)]
struct Word<'a> {
    text: &'a str,
    hash: u64,
}

impl Word<'_> {
    fn of(text: &str) -> Word<'_> {
        Word { text, hash: word_hash(text) }
    }

    /// [`eq`], settled by the hashes when they differ.
    fn same(self, other: Word<'_>) -> bool {
        self.hash == other.hash && eq(self.text, other.text)
    }
}

/// FNV-1a over the characters of `w` as [`eq`] folds them (ASCII case, ’ as '): words `eq` calls
/// equal hash equal. ASCII bytes are hashed without decoding.
fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |c: u32| {
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    let b = w.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            mix(u32::from(b[i].to_ascii_lowercase()));
            i += 1;
            continue;
        }
        let Some(c) = w.get(i..).and_then(|t| t.chars().next()) else { break };
        mix(u32::from(if c == '’' { '\'' } else { c }));
        i += c.len_utf8();
    }
    h
}

/// The signature bit of a word hash.
fn bit_of(h: u64) -> u64 {
    1 << (h >> 58)
}

/// Equal names: ASCII case ignored, ’ and ' the same.
fn eq(a: &str, b: &str) -> bool {
    if a.len() == b.len() && a.eq_ignore_ascii_case(b) {
        return true;
    }
    // Folding changes nothing but ASCII case and ’ (whose UTF-8 starts with 0xE2): without such a
    // byte the comparison above was the whole answer.
    if !a.as_bytes().contains(&0xE2) && !b.as_bytes().contains(&0xE2) {
        return false;
    }
    let fold = |c: char| if c == '’' { '\'' } else { c.to_ascii_lowercase() };
    a.chars().map(fold).eq(b.chars().map(fold))
}

/// Do two full names name the same person? Equal words, or one's words inside the other's with
/// the same last word ("Hillary Clinton" / "Hillary Rodham Clinton").
fn same_full(a: &[Word<'_>], b: &[Word<'_>]) -> bool {
    if a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.same(*y)) {
        return true;
    }
    if a.len() <= b.len() {
        within(a, b)
    } else {
        within(b, a)
    }
}

/// Every word of the shorter name in the longer one, the last words equal, two words at least.
fn within(short: &[Word<'_>], long: &[Word<'_>]) -> bool {
    short.len() >= 2
        && short.last().zip(long.last()).is_some_and(|(x, y)| x.same(*y))
        && short.iter().all(|w| long.iter().any(|l| w.same(*l)))
}

fn push_unique(list: &mut Vec<String>, s: &str) {
    if !s.is_empty() && !list.iter().any(|x| x == s) {
        list.push(s.to_string());
    }
}

/// Synonym groups for matching a description's head word against roles.
const ROLE_GROUPS: &[&[&str]] = &[
    &["ambassador", "diplomat", "envoy", "minister", "secretary"],
    &["spokesman", "spokesperson", "spokeswoman"],
    &["chairman", "chancellor", "king", "leader", "premier", "president", "prime"],
    &["congressman", "congresswoman", "lawmaker", "legislator", "rep", "representative", "sen", "senator"],
    &["candidate", "front-runner", "frontrunner", "nominee"],
    &["ceo", "chief", "director", "executive"],
];

fn role_word_matches(head: &str, w: &str) -> bool {
    let w = w.trim_end_matches('.');
    if w.eq_ignore_ascii_case(head) {
        return true;
    }
    ROLE_GROUPS.iter().any(|g| g.contains(&head) && g.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// How many of the latest entities and sentence subjects a lookup considers. Range 64..=4096;
/// default 512: far more than any news article names, and it keeps a pathological text of
/// thousands of names linear.
const MAX_SCAN: usize = 512;

impl Coref {
    /// An empty discourse with room for about `n` entities. The indexes start smaller: clearing
    /// tables sized for `n` costs more than rehashing the few names of a real article when they
    /// grow.
    pub(crate) fn with_capacity(n: usize) -> Coref {
        Coref {
            ents: Vec::with_capacity(n),
            subjects: Vec::with_capacity(4 * n),
            by_word: Index::with_capacity(n / 2),
            by_name: Index::with_capacity(n / 4),
            ..Coref::default()
        }
    }

    /// The latest entities (all of them in any real article), with their indices.
    fn recent_ents(&self) -> impl Iterator<Item = (usize, &Entity)> {
        let lo = self.ents.len().saturating_sub(MAX_SCAN);
        self.ents[lo..].iter().enumerate().map(move |(i, e)| (i + lo, e))
    }

    /// The latest sentence subjects, in text order.
    fn recent_subjects(&self) -> impl DoubleEndedIterator<Item = &Subject> + Clone {
        self.subjects[self.subjects.len().saturating_sub(MAX_SCAN)..].iter()
    }

    /// The entity a name mention (person or organisation) refers to, creating it if new.
    pub(crate) fn name(&mut self, text: &str, m: &Mention) -> Option<usize> {
        let kind = match m.kind {
            MKind::Person => SpeakerKind::Person,
            MKind::Org => SpeakerKind::Organisation,
            _ => return None,
        };
        let surface = m.name.slice(text).trim();
        let (texts, n) = name_words(surface);
        if n == 0 {
            return None;
        }
        let mut words = [Word::default(); MAX_NAME_WORDS];
        for (w, t) in words.iter_mut().zip(&texts[..n]) {
            *w = Word::of(t);
        }
        let words = &words[..n];
        let pos = m.span.start;
        let role = m.role.map(|r| r.slice(text));
        let found = if kind == SpeakerKind::Organisation {
            let whole = Word::of(surface);
            let mut cands = self.candidates(&[whole], true);
            let found = cands.iter().map(|&i| i as usize).find(|&i| {
                self.ents[i].kind == kind && whole.same(Word { text: &self.ents[i].name, hash: self.ents[i].name_hash })
            });
            cands.clear();
            self.scratch = cands;
            found
        } else if n >= 2 {
            let (same, upgrade) = self.find_full(words);
            if self.read_only {
                return same;
            }
            same.or(upgrade)
        } else {
            self.find_single(words[0])
        };
        if self.read_only {
            return found;
        }
        let id = match found {
            Some(i) => i,
            None => {
                let mut e = Entity {
                    name: String::new(),
                    kind,
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    last_full: None,
                    last_seen: pos,
                    quotes: 0,
                    words: [(0, 0); MAX_NAME_WORDS],
                    hashes: [0; MAX_NAME_WORDS],
                    name_hash: 0,
                    n_words: 0,
                    sig: 0,
                };
                e.set_name(surface, words);
                self.ents.push(e);
                let id = self.ents.len() - 1;
                self.index(id);
                id
            }
        };
        let e = &mut self.ents[id];
        if kind == SpeakerKind::Person && n >= 2 && e.n_words < n {
            // The fuller name becomes canonical; the shorter one an alias.
            let old = std::mem::take(&mut e.name);
            e.set_name(surface, words);
            push_unique(&mut e.aliases, &old);
            self.index(id);
        }
        let e = &mut self.ents[id];
        if surface != e.name {
            push_unique(&mut e.aliases, surface);
        }
        if let Some(r) = role {
            push_unique(&mut e.roles, r.trim());
        }
        e.last_seen = e.last_seen.max(pos);
        if n >= 2 {
            e.last_full = Some(pos);
        }
        Some(id)
    }

    /// A person for a full name: the same name, or a one-word person whose word it contains.
    fn find_full(&mut self, words: &[Word<'_>]) -> (Option<usize>, Option<usize>) {
        let cands = self.candidates(words, false);
        let found = self.find_full_in(words, &cands);
        self.scratch = cands;
        found
    }

    /// [`Coref::find_full`] among the entities `cands` (ascending ids): every entity sharing a
    /// word with the name, in the order a scan of all entities would meet them.
    fn find_full_in(&self, words: &[Word<'_>], cands: &[u32]) -> (Option<usize>, Option<usize>) {
        let mut upgrade: Option<usize> = None;
        let sig = words.iter().fold(0, |s, x| s | bit_of(x.hash));
        for (i, e) in cands.iter().map(|&i| (i as usize, &self.ents[i as usize])) {
            if e.kind != SpeakerKind::Person || e.sig & sig == 0 {
                continue;
            }
            let (ew, en) = e.words();
            let ew = &ew[..en];
            if same_full(ew, words) {
                return (Some(i), None);
            }
            if en == 1
                && e.last_full.is_none()
                && words.iter().any(|w| w.same(ew[0]))
                && upgrade.is_none_or(|u| self.ents[u].last_seen < e.last_seen)
            {
                upgrade = Some(i);
            }
        }
        (None, upgrade)
    }

    /// A person for a one-word name: whoever has the word in their name and was most recently
    /// named in full; an organisation of exactly that name if no person matches.
    fn find_single(&mut self, w: Word<'_>) -> Option<usize> {
        let cands = self.candidates(&[w], false);
        let mut found = self.find_single_in(w, &cands);
        let mut cands = cands;
        if found.is_none() {
            cands.clear();
            self.scratch = cands;
            let orgs = self.candidates(&[w], true);
            let bit = bit_of(w.hash);
            found = orgs.iter().map(|&i| i as usize).find(|&i| {
                let e = &self.ents[i];
                e.kind == SpeakerKind::Organisation
                    && e.sig & bit != 0
                    && w.same(Word { text: &e.name, hash: e.name_hash })
            });
            cands = orgs;
        }
        cands.clear();
        self.scratch = cands;
        found
    }

    /// The people of `cands` (ascending ids) with the word `w` in their name: the one most
    /// recently named in full.
    fn find_single_in(&self, w: Word<'_>, cands: &[u32]) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        let bit = bit_of(w.hash);
        for (i, e) in cands.iter().map(|&i| (i as usize, &self.ents[i as usize])) {
            if e.kind != SpeakerKind::Person || e.sig & bit == 0 {
                continue;
            }
            let named = (0..e.n_words).any(|k| {
                e.hashes[k] == w.hash
                    && e.name.get(e.words[k].0 as usize..e.words[k].1 as usize).is_some_and(|x| eq(x, w.text))
            });
            if !named {
                continue;
            }
            let recency = e.last_full.unwrap_or(e.last_seen);
            if best.is_none_or(|(_, r)| recency > r) {
                best = Some((i, recency));
            }
        }
        best.map(|(i, _)| i)
    }

    /// The ids of the latest [`MAX_SCAN`] entities listed under any of `words` (their word
    /// hashes, or with `whole` the hash of the whole name), ascending, each once. The returned
    /// buffer is the reused scratch list: give it back with `self.scratch = …`.
    fn candidates(&mut self, words: &[Word<'_>], whole: bool) -> Vec<u32> {
        let mut out = std::mem::take(&mut self.scratch);
        out.clear();
        let lo = self.ents.len().saturating_sub(MAX_SCAN);
        let index = if whole { &self.by_name } else { &self.by_word };
        for w in words {
            index.ids(w.hash, lo, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// List entity `id` under its name words and its whole name.
    fn index(&mut self, id: usize) {
        let e = &self.ents[id];
        let (hashes, name_hash) = (e.hashes, e.name_hash);
        for &h in &hashes[..e.n_words] {
            self.by_word.insert(h, id);
        }
        self.by_name.insert(name_hash, id);
    }

    /// Who a pronoun at byte `pos` of block `block` refers to, with the rule that decided.
    pub(crate) fn pronoun(&self, p: Pron, pos: usize, block: usize) -> (Option<usize>, &'static str) {
        let is_kind = |i: usize, k: SpeakerKind| self.ents.get(i).is_some_and(|e| e.kind == k);
        let before = self.recent_subjects().rev().filter(|s| s.pos < pos);
        match p {
            Pron::Person => {
                if let Some(s) =
                    before.clone().take_while(|s| s.block == block).find(|s| is_kind(s.ent, SpeakerKind::Person))
                {
                    return (Some(s.ent), "pronoun-local-subject");
                }
                if let Some(e) = self.person_speaker {
                    return (Some(e), "pronoun-current-speaker");
                }
                if let Some(s) = before.clone().find(|s| is_kind(s.ent, SpeakerKind::Person)) {
                    return (Some(s.ent), "pronoun-previous-subject");
                }
                let last = self
                    .recent_ents()
                    .filter(|(_, e)| e.kind == SpeakerKind::Person && e.last_seen < pos)
                    .max_by_key(|(_, e)| e.last_seen);
                match last {
                    Some((i, _)) => (Some(i), "pronoun-last-person"),
                    None => (None, "pronoun-unresolved"),
                }
            }
            Pron::Plural => match before.clone().next() {
                Some(s) if s.block + 2 > block => {
                    (Some(s.ent), if s.block == block { "pronoun-local-subject" } else { "pronoun-previous-subject" })
                }
                _ => (None, "pronoun-unresolved"),
            },
            Pron::Neuter => {
                if let Some(s) =
                    before.clone().take_while(|s| s.block == block).find(|s| is_kind(s.ent, SpeakerKind::Organisation))
                {
                    return (Some(s.ent), "pronoun-local-subject");
                }
                if let Some(e) = self.org_speaker {
                    return (Some(e), "pronoun-current-speaker");
                }
                match before.clone().find(|s| is_kind(s.ent, SpeakerKind::Organisation)) {
                    Some(s) => (Some(s.ent), "pronoun-previous-subject"),
                    None => (None, "pronoun-unresolved"),
                }
            }
            Pron::First => (None, "pronoun-first-person"),
        }
    }

    /// Who a description ("the foreign minister", "the ministry") at byte `pos` refers to.
    pub(crate) fn description(
        &self,
        text: &str,
        m: &Mention,
        pos: usize,
        block: usize,
    ) -> (Option<usize>, &'static str) {
        let head = m.name.slice(text).trim_end_matches("’s").trim_end_matches("'s").to_ascii_lowercase();
        match m.kind {
            MKind::Nominal(Nom::Person) => {
                let seen = |e: &Entity| e.kind == SpeakerKind::Person && e.last_seen <= pos;
                let by_role = self
                    .recent_ents()
                    .filter(|(_, e)| {
                        seen(e) && e.roles.iter().any(|r| r.split_whitespace().any(|w| role_word_matches(&head, w)))
                    })
                    .max_by_key(|(_, e)| e.last_seen);
                if let Some((i, _)) = by_role {
                    return (Some(i), "nominal-role");
                }
                let conflicts = |e: &Entity| {
                    e.roles.iter().any(|r| r.split_whitespace().any(|w| is_person_noun(w.trim_end_matches('.'))))
                };
                let local = self
                    .subjects
                    .iter()
                    .rev()
                    .filter(|s| s.pos < pos)
                    .take_while(|s| s.block == block)
                    .map(|s| s.ent)
                    .find(|&e| self.ents.get(e).is_some_and(|x| x.kind == SpeakerKind::Person && !conflicts(x)));
                if let Some(i) = local {
                    return (Some(i), "nominal-local-subject");
                }
                if let Some(e) = self.person_speaker.filter(|&e| !conflicts(&self.ents[e])) {
                    return (Some(e), "nominal-current-speaker");
                }
                let salient = self
                    .recent_ents()
                    .filter(|(_, e)| seen(e) && e.quotes > 0 && !conflicts(e))
                    .max_by_key(|(_, e)| (e.quotes, e.last_seen));
                if let Some((i, _)) = salient {
                    return (Some(i), "nominal-salient");
                }
                let subject = self
                    .subjects
                    .iter()
                    .rev()
                    .filter(|s| s.pos < pos)
                    .map(|s| s.ent)
                    .find(|&e| self.ents.get(e).is_some_and(|x| x.kind == SpeakerKind::Person && !conflicts(x)));
                match subject {
                    Some(i) => (Some(i), "nominal-previous-subject"),
                    None => (None, "nominal-unresolved"),
                }
            }
            MKind::Nominal(Nom::Org) => {
                let by_name = self
                    .recent_ents()
                    .filter(|(_, e)| {
                        e.kind == SpeakerKind::Organisation
                            && e.last_seen <= pos
                            && e.name.split_whitespace().any(|w| w.eq_ignore_ascii_case(&head))
                    })
                    .max_by_key(|(_, e)| e.last_seen);
                match by_name {
                    Some((i, _)) => (Some(i), "nominal-org"),
                    None => (None, "nominal-unresolved"),
                }
            }
            _ => (None, "description"),
        }
    }

    /// Resolve any mention to an entity: names directly, pronouns and descriptions by discourse.
    /// `ent` is the entity already assigned to a name mention.
    pub(crate) fn resolve(
        &self,
        text: &str,
        m: &Mention,
        ent: Option<usize>,
        block: usize,
    ) -> (Option<usize>, Option<&'static str>) {
        match m.kind {
            MKind::Person | MKind::Org => (ent, None),
            MKind::Pronoun(p) => {
                let (e, r) = self.pronoun(p, m.span.start, block);
                (e, Some(r))
            }
            MKind::Nominal(_) => {
                let (e, r) = self.description(text, m, m.span.start, block);
                (e, Some(r))
            }
        }
    }

    /// Record that entity `e` was quoted.
    pub(crate) fn quoted(&mut self, e: usize) {
        if let Some(ent) = self.ents.get_mut(e) {
            ent.quotes += 1;
            match ent.kind {
                SpeakerKind::Person => self.person_speaker = Some(e),
                SpeakerKind::Organisation => self.org_speaker = Some(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names() {
        let rows: &[(&str, &str, bool)] = &[
            ("Hillary Clinton", "Hillary Rodham Clinton", true),
            ("James B. Comey", "James Comey", true),
            ("Wang Yi", "Wang Wenbin", false),
            ("Bill Clinton", "Hillary Clinton", false),
        ];
        for (a, b, want) in rows {
            let (x, n) = name_words(a);
            let (y, m) = name_words(b);
            let x: Vec<Word> = x[..n].iter().map(|w| Word::of(w)).collect();
            let y: Vec<Word> = y[..m].iter().map(|w| Word::of(w)).collect();
            assert_eq!(same_full(&x, &y), *want, "same_full({a:?}, {b:?})");
        }
    }

    #[test]
    fn titles_and_suffixes_pass_the_prefilter() {
        for w in super::super::names::HONORIFICS.iter().chain(super::super::names::SUFFIXES) {
            for v in [w.to_string(), w.to_uppercase(), format!("{w}."), format!("{}.", w.to_uppercase())] {
                assert!(may_be_title_or_suffix(&v), "{v:?}");
            }
        }
        assert!(!may_be_title_or_suffix("Trump"));
    }

    #[test]
    fn equal_names() {
        let rows: &[(&str, &str, bool)] = &[
            ("O’Brien", "O'Brien", true),
            ("O’BRIEN", "o'brien", true),
            ("’''", "''’", true),
            ("Trump", "TRUMP", true),
            ("Trump", "Trumps", false),
            ("Émile", "émile", false),
            ("Wang—Yi", "wang—yi", true),
        ];
        for (a, b, want) in rows {
            assert_eq!(eq(a, b), *want, "eq({a:?}, {b:?})");
            if *want {
                assert_eq!(word_hash(a), word_hash(b), "equal words hash equal: {a:?}, {b:?}");
            }
        }
        // The hash is the character-by-character definition.
        for w in ["O’Brien", "Émile", "wang", "ABC", "x\u{301}"] {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in w.chars() {
                let c = if c == '’' { '\'' } else { c.to_ascii_lowercase() };
                h ^= u64::from(u32::from(c));
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
            assert_eq!(word_hash(w), h, "{w:?}");
        }
    }

    #[test]
    fn role_groups_are_sorted() {
        for g in ROLE_GROUPS {
            assert!(g.windows(2).all(|w| w[0] < w[1]), "{g:?}");
        }
    }
}
