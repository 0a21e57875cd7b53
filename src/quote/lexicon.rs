//! One table for every closed word list of the quote engine: a word's lists as a bit set,
//! found with one hash lookup and stored on its token, so the scanners test list membership
//! with a bit mask instead of searching lists again and again.
//!
//! The lists themselves live beside the code that reads them ([`super::names`],
//! [`super::speaker`], [`super::cues`]); this module only indexes them. Lookups are
//! case-insensitive for ASCII, treat ’ as ', and ignore a final abbreviation dot ("Sen.").

use super::{cues, names, speaker};
use crate::article::scan;
use std::sync::OnceLock;

/// Longest word in any list, in bytes (checked by a test).
const MAX_WORD: usize = 24;

/// A word packed into three integers: equal words compare as integers, no byte loop.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
struct Packed([u64; 3]);

impl Packed {
    fn of(bytes: &[u8]) -> Packed {
        let mut k = [0u64; 3];
        for (i, &b) in bytes.iter().enumerate().take(MAX_WORD) {
            k[i / 8] |= u64::from(b) << ((i % 8) * 8);
        }
        Packed(k)
    }

    /// The key's hash under `seed` (the table's, see [`Table::build`]).
    #[inline]
    fn hash(self, seed: u64) -> u64 {
        let [a, b, c] = self.0;
        (a ^ b.rotate_left(21) ^ c.rotate_left(42) ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// A perfect hash over the listed words ("hash and displace"): a word's hash picks a bucket, the
/// bucket's displacement and the hash pick the word's own slot, and the slot holds the word and
/// its entry. A lookup reads two small arrays and compares one key, with no probe loop and no
/// branch on whether the word is listed, so the half of all lookups that find nothing cost the
/// same as the others. Empty slots hold the empty key with no flags.
struct Table {
    /// Per bucket: the displacement that sends its words to free slots.
    disp: Vec<u16>,
    /// (first eight bytes of the word, entry) by slot: sixteen bytes a slot, so the table stays
    /// in cache. An entry with the [`LONG`] bit is a word of more than eight bytes.
    slots: Vec<(u64, u64)>,
    /// Bytes 8..24 of the word of each slot (zero for a word of at most eight bytes), read only
    /// for such longer words.
    rest: Vec<(u64, u64)>,
    /// The hash seed the displacements were found for.
    seed: u64,
    /// Buckets are the top `bucket_bits` of the hash.
    bucket_bits: u32,
}

/// The bit of a slot's entry that marks a word longer than eight bytes (no list or cue group
/// uses it; checked by a test).
const LONG: u64 = 1 << 47;

impl Table {
    /// The slot of a word with hash `h` in a bucket displaced by `d`, among `n` slots.
    #[inline]
    fn slot(h: u64, d: u16, n: usize) -> usize {
        let x = (h ^ u64::from(d).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (((x >> 32) * n as u64) >> 32) as usize
    }

    /// The entry of `k`, 0 for a word in no list.
    #[inline]
    fn get(&self, k: Packed) -> u64 {
        let h = k.hash(self.seed);
        let d = self.disp.get((h >> (64 - self.bucket_bits)) as usize).copied().unwrap_or(0);
        let s = Table::slot(h, d, self.slots.len());
        let (first, entry) = self.slots.get(s).copied().unwrap_or_default();
        let [k0, k1, k2] = k.0;
        // The rest of the word: nothing for a short one (the slot's word must be short too),
        // else bytes 8..24.
        let rest_same = if k1 | k2 == 0 { entry & LONG == 0 } else { self.rest.get(s) == Some(&(k1, k2)) };
        // Branch-free: the entry, masked off unless the slot holds this very word.
        (entry & !LONG) & u64::from(first == k0 && rest_same).wrapping_neg()
    }

    /// The table of `words` (each key once, with its entry): for a first seed under which every
    /// bucket finds a displacement, largest buckets first. `None` only if no seed of a thousand
    /// works (a test checks the first one does).
    fn build(words: &[(Packed, u64)]) -> Option<Table> {
        let n = words.len() + words.len() / 8 + 1;
        let bucket_bits = (words.len() / 4).max(1).next_power_of_two().trailing_zeros().max(1);
        (0..1000u64).find_map(|seed| Table::build_seeded(words, n, bucket_bits, seed))
    }

    fn build_seeded(words: &[(Packed, u64)], n: usize, bucket_bits: u32, seed: u64) -> Option<Table> {
        let mut buckets: Vec<Vec<(Packed, u64, u64)>> = vec![Vec::new(); 1 << bucket_bits];
        for &(k, e) in words {
            let h = k.hash(seed);
            buckets[(h >> (64 - bucket_bits)) as usize].push((k, e, h));
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(buckets[b].len()), b));
        let mut disp = vec![0u16; buckets.len()];
        let mut slots = vec![(0u64, 0u64); n];
        let mut rest = vec![(0u64, 0u64); n];
        let mut taken = vec![false; n];
        let mut mine: Vec<usize> = Vec::new();
        for b in order {
            let words = &buckets[b];
            if words.is_empty() {
                break;
            }
            let d = (0..=u16::MAX).find(|&d| {
                mine.clear();
                for &(_, _, h) in words {
                    let s = Table::slot(h, d, n);
                    if taken[s] || mine.contains(&s) {
                        return false;
                    }
                    mine.push(s);
                }
                true
            })?;
            disp[b] = d;
            for &(k, e, h) in words {
                let s = Table::slot(h, d, n);
                taken[s] = true;
                let [k0, k1, k2] = k.0;
                slots[s] = (k0, if k1 | k2 == 0 { e } else { e | LONG });
                rest[s] = (k1, k2);
            }
        }
        Some(Table { disp, slots, rest, seed, bucket_bits })
    }
}

/// One bit per word list.
pub(crate) mod flag {
    /// Word of `names::AUXILIARIES`.
    pub const AUXILIARIES: u64 = 1 << 37;
    /// Word of `speaker::NAMING_WORDS`.
    pub const NAMING_WORDS: u64 = 1 << 36;
    /// Word of `names::DETERMINERS`.
    pub const DETERMINERS: u64 = 1 << 31;
    /// Word of `speaker::RELATIVES`.
    pub const RELATIVES: u64 = 1 << 32;
    /// Word of `speaker::NOUN_OPENERS`.
    pub const NOUN_OPENERS: u64 = 1 << 33;
    /// Word of `speaker::COORDINATORS`.
    pub const COORDINATORS: u64 = 1 << 34;
    /// Word of `speaker::ARTICLES`.
    pub const ARTICLES: u64 = 1 << 35;
    /// Word of `names::STOP_CAPS`.
    pub const STOP_CAPS: u64 = 1 << 0;
    /// Word of `names::AFTER_PARTICIPLE`.
    pub const AFTER_PARTICIPLE: u64 = 1 << 1;
    /// Word of `names::HONORIFICS`.
    pub const HONORIFICS: u64 = 1 << 2;
    /// Word of `names::ROLE_CAPS`.
    pub const ROLE_CAPS: u64 = 1 << 3;
    /// Word of `names::SUFFIXES`.
    pub const SUFFIXES: u64 = 1 << 4;
    /// Word of `names::CONNECTORS`.
    pub const CONNECTORS: u64 = 1 << 5;
    /// Word of `names::ORG_HEADS`.
    pub const ORG_HEADS: u64 = 1 << 6;
    /// Word of `names::PLACES`.
    pub const PLACES: u64 = 1 << 7;
    /// Word of `names::ORG_NOUNS`.
    pub const ORG_NOUNS: u64 = 1 << 8;
    /// Word of `names::PERSON_NOUNS`.
    pub const PERSON_NOUNS: u64 = 1 << 9;
    /// Word of `names::ROLE_LOWER_EXTRA`.
    pub const ROLE_LOWER_EXTRA: u64 = 1 << 10;
    /// Word of `names::THING_NOUNS`.
    pub const THING_NOUNS: u64 = 1 << 11;
    /// Word of `names::POSS_DETS`.
    pub const POSS_DETS: u64 = 1 << 12;
    /// Word of `names::PRON_PERSON`.
    pub const PRON_PERSON: u64 = 1 << 13;
    /// Word of `names::PRON_PLURAL`.
    pub const PRON_PLURAL: u64 = 1 << 14;
    /// Word of `names::PRON_NEUTER`.
    pub const PRON_NEUTER: u64 = 1 << 15;
    /// Word of `names::PRON_FIRST`.
    pub const PRON_FIRST: u64 = 1 << 16;
    /// Word of `names::GROUP_NOUNS`.
    pub const GROUP_NOUNS: u64 = 1 << 17;
    /// Word of `names::ORG_NOUNS_AFTER`.
    pub const ORG_NOUNS_AFTER: u64 = 1 << 18;
    /// Word of `speaker::SKIP`.
    pub const SKIP: u64 = 1 << 19;
    /// Word of `speaker::TIME_CAPS`.
    pub const TIME_CAPS: u64 = 1 << 20;
    /// Word of `speaker::CONJ`.
    pub const CONJ: u64 = 1 << 21;
    /// Word of `speaker::INTRO`.
    pub const INTRO: u64 = 1 << 22;
    /// Word of `speaker::SPEECH_NOUNS`.
    pub const SPEECH_NOUNS: u64 = 1 << 23;
    /// Word of `speaker::SUBORDINATORS`.
    pub const SUBORDINATORS: u64 = 1 << 24;
    /// Word of `speaker::MODALS`.
    pub const MODALS: u64 = 1 << 25;
    /// Word of `speaker::PREPOSITIONS`.
    pub const PREPOSITIONS: u64 = 1 << 26;
    /// Word of `speaker::IRREGULAR_PAST`.
    pub const IRREGULAR_PAST: u64 = 1 << 27;
    /// Word of `speaker::INDEFINITE`.
    pub const INDEFINITE: u64 = 1 << 28;
    /// Word of `speaker::WEAVING`.
    pub const WEAVING: u64 = 1 << 29;
    /// Word of `cues::CUE_FIRST`.
    pub const CUE_FIRST: u64 = 1 << 30;
}

/// The lists and their bits.
const LISTS: &[(&[&str], u64)] = &[
    (names::STOP_CAPS, flag::STOP_CAPS),
    (names::AFTER_PARTICIPLE, flag::AFTER_PARTICIPLE),
    (names::HONORIFICS, flag::HONORIFICS),
    (names::ROLE_CAPS, flag::ROLE_CAPS),
    (names::SUFFIXES, flag::SUFFIXES),
    (names::CONNECTORS, flag::CONNECTORS),
    (names::ORG_HEADS, flag::ORG_HEADS),
    (names::PLACES, flag::PLACES),
    (names::ORG_NOUNS, flag::ORG_NOUNS),
    (names::PERSON_NOUNS, flag::PERSON_NOUNS),
    (names::ROLE_LOWER_EXTRA, flag::ROLE_LOWER_EXTRA),
    (names::THING_NOUNS, flag::THING_NOUNS),
    (names::POSS_DETS, flag::POSS_DETS),
    (names::PRON_PERSON, flag::PRON_PERSON),
    (names::PRON_PLURAL, flag::PRON_PLURAL),
    (names::PRON_NEUTER, flag::PRON_NEUTER),
    (names::PRON_FIRST, flag::PRON_FIRST),
    (names::GROUP_NOUNS, flag::GROUP_NOUNS),
    (names::ORG_NOUNS_AFTER, flag::ORG_NOUNS_AFTER),
    (speaker::SKIP, flag::SKIP),
    (speaker::TIME_CAPS, flag::TIME_CAPS),
    (speaker::CONJ, flag::CONJ),
    (speaker::INTRO, flag::INTRO),
    (speaker::SPEECH_NOUNS, flag::SPEECH_NOUNS),
    (speaker::SUBORDINATORS, flag::SUBORDINATORS),
    (speaker::MODALS, flag::MODALS),
    (speaker::PREPOSITIONS, flag::PREPOSITIONS),
    (speaker::IRREGULAR_PAST, flag::IRREGULAR_PAST),
    (speaker::INDEFINITE, flag::INDEFINITE),
    (speaker::WEAVING, flag::WEAVING),
    (names::DETERMINERS, flag::DETERMINERS),
    (speaker::RELATIVES, flag::RELATIVES),
    (speaker::NOUN_OPENERS, flag::NOUN_OPENERS),
    (speaker::COORDINATORS, flag::COORDINATORS),
    (speaker::ARTICLES, flag::ARTICLES),
    (speaker::NAMING_WORDS, flag::NAMING_WORDS),
    (names::AUXILIARIES, flag::AUXILIARIES),
];

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Every listed word once, with the bits of all its lists.
        let mut words: Vec<(Packed, u64)> = Vec::new();
        for &(list, bit) in LISTS {
            for &w in list {
                words.push((Packed::of(w.as_bytes()), bit));
            }
        }
        for (w, first) in cues::groups() {
            // The index of the word's first phrase rides in the high bits (see `lookup`).
            words.push((Packed::of(w.as_bytes()), flag::CUE_FIRST | ((first as u64 + 1) << CUE_SHIFT)));
        }
        words.sort_unstable_by_key(|w| w.0);
        words.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 |= later.1;
            }
            same
        });
        // The empty key is never a listed word (an empty slot holds it), so it needs no slot.
        words.retain(|w| w.0 != Packed::default());
        Table::build(&words).unwrap_or_else(|| Table {
            disp: Vec::new(),
            slots: Vec::new(),
            rest: Vec::new(),
            seed: 0,
            bucket_bits: 1,
        })
    })
}

/// Where the table keeps a cue word's group: bits 48.. of an entry hold 1 + the index in
/// [`cues`]' lexicon of the first phrase starting with the word (0 for other words).
const CUE_SHIFT: u32 = 48;

/// The lists `word` belongs to, as a bit set of [`flag`]s (0 for none).
pub(crate) fn flags(word: &str) -> u64 {
    lookup(word).0
}

/// [`flags`], and for the first word of a cue phrase 1 + the index of the first such phrase in
/// the cue lexicon (0 otherwise), so that finding a cue needs no search.
pub(crate) fn lookup(word: &str) -> (u64, u16) {
    let found = raw(word);
    (found & ((1 << CUE_SHIFT) - 1), (found >> CUE_SHIFT) as u16)
}

/// [`lookup_in`] of a word of ASCII letters and digits with no final dot (the tokenizer's plain
/// words, most words): one that fits in eight bytes needs no test for a dot or for bytes outside
/// ASCII before its one load and one probe.
#[inline]
pub(crate) fn lookup_plain(text: &str, start: usize, end: usize) -> (u64, u16) {
    match scan::load(text.as_bytes(), start) {
        Some(x) if end.wrapping_sub(start) <= 8 => {
            let n = end - start;
            let key = if n >= 8 { x } else { x & ((1u64 << (8 * n)) - 1) };
            let found = table().get(Packed([scan::lower_ascii(key), 0, 0]));
            (found & ((1 << CUE_SHIFT) - 1), (found >> CUE_SHIFT) as u16)
        }
        _ => lookup_in(text, start, end),
    }
}

/// [`lookup`] of the word `text[start..end]`, reading the key straight from the text: eight bytes
/// at a time from `start`, the bytes past the word masked off, so a short word costs one load.
pub(crate) fn lookup_in(text: &str, start: usize, end: usize) -> (u64, u16) {
    let b = text.as_bytes();
    let Some(word) = b.get(start..end) else { return (0, 0) };
    let n = word.len() - usize::from(word.last() == Some(&b'.'));
    let mask = |m: usize| if m >= 8 { u64::MAX } else { (1u64 << (8 * m)) - 1 };
    let key = match n {
        0..=8 => scan::load(b, start).map(|x| (x & mask(n), 0, 0)),
        9..=16 => scan::load(b, start).zip(scan::load(b, start + 8)).map(|(x, y)| (x, y & mask(n - 8), 0)),
        _ => None,
    };
    let found = match key {
        // A word of at most eight bytes, most words: one register to lowercase.
        Some((k0, 0, 0)) if !scan::non_ascii(k0) => table().get(Packed([scan::lower_ascii(k0), 0, 0])),
        Some((k0, k1, k2)) if !scan::non_ascii(k0 | k1) => packed_ascii(k0, k1, k2),
        _ => raw(text.get(start..end).unwrap_or("")),
    };
    (found & ((1 << CUE_SHIFT) - 1), (found >> CUE_SHIFT) as u16)
}

/// The table entry of an ASCII key given as three little-endian words (zero past its end): the
/// entry of its lowercase form (0 for a key with a digit, as no listed word holds one).
fn packed_ascii(k0: u64, k1: u64, k2: u64) -> u64 {
    table().get(Packed([scan::lower_ascii(k0), scan::lower_ascii(k1), scan::lower_ascii(k2)]))
}

/// The table entry of `word`: list bits and, above [`CUE_SHIFT`], the cue group.
fn raw(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let bytes = bytes.strip_suffix(b".").unwrap_or(bytes);
    // Fast path, nearly every word: ASCII, at most MAX_WORD bytes. Eight bytes at a time,
    // lowercased in a register.
    if bytes.len() <= MAX_WORD {
        let (k0, k1, k2) = (scan::load_upto(bytes, 0), scan::load_upto(bytes, 8), scan::load_upto(bytes, 16));
        if !scan::non_ascii(k0 | k1 | k2) {
            return packed_ascii(k0, k1, k2);
        }
    }
    flags_by_char(word)
}

/// [`flags`] one character at a time: the definition, and the path for words with ’ or other
/// characters outside ASCII.
fn flags_by_char(word: &str) -> u64 {
    // One pass straight into the packed key: lowercase ASCII, ’ as ', a final dot dropped; no
    // listed word is longer than MAX_WORD, holds a digit or another non-ASCII letter, so most
    // words never reach the table.
    let bytes = word.as_bytes();
    let bytes = bytes.strip_suffix(b".").unwrap_or(bytes);
    if bytes.len() > MAX_WORD + 2 {
        return 0;
    }
    // Bytes gather in a register, eight at a time.
    let (mut k0, mut k1, mut k2) = (0u64, 0u64, 0u64);
    let (mut cur, mut i, mut n) = (0u64, 0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let out = if b.is_ascii_digit() {
            return 0;
        } else if b < 0x80 {
            i += 1;
            b.to_ascii_lowercase()
        } else if bytes[i..].starts_with("’".as_bytes()) {
            i += 3;
            b'\''
        } else {
            return 0;
        };
        if n >= MAX_WORD {
            return 0;
        }
        cur |= u64::from(out) << ((n % 8) * 8);
        n += 1;
        if n % 8 == 0 {
            match n {
                8 => k0 = cur,
                16 => k1 = cur,
                _ => k2 = cur,
            }
            cur = 0;
        }
    }
    // Scalars, not an array: a key assembled in memory stalls on store forwarding when read back.
    match n / 8 {
        0 => k0 = cur,
        1 => k1 = cur,
        2 => k2 = cur,
        _ => {}
    }
    table().get(Packed([k0, k1, k2]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_path_agrees_with_the_character_loop() {
        let mut words: Vec<String> = LISTS.iter().flat_map(|(l, _)| l.iter().map(|w| w.to_string())).collect();
        for w in [
            "",
            ".",
            "..",
            "Said",
            "SAID.",
            "said..",
            "U.S.",
            "3rd",
            "a1",
            "x".repeat(24).as_str(),
            "x".repeat(25).as_str(),
            "spokesman’s",
            "é",
            "vice-presidential",
            "Sen.",
            "ordinary",
            "@realDonaldTrump",
            "#MAGA",
            "[the]",
            "THE\u{7f}",
        ] {
            words.push(w.to_string());
        }
        let more: Vec<String> =
            words.iter().flat_map(|w| [w.to_uppercase(), format!("{w}."), format!("{w}s"), format!("{w}1")]).collect();
        words.extend(more);
        for w in &words {
            assert_eq!(raw(w), flags_by_char(w), "{w:?}");
            // Read from inside a longer text, with bytes on both sides.
            for pad in ["", " ", "abcdefgh ", "12345678901234567890123456789"] {
                let text = format!("{pad}{w}{pad}");
                assert_eq!(lookup_in(&text, pad.len(), pad.len() + w.len()), lookup(w), "{w:?} in {text:?}");
            }
        }
    }

    #[test]
    fn lists_are_sorted_lowercase_and_indexed() {
        for &(list, bit) in LISTS {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "list not sorted at {:?} / {:?}", w[0], w[1]);
            }
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "a list holds the non-lowercase word {w:?}");
                assert!(flags(w) & bit != 0, "{w:?} is not indexed");
            }
        }
        assert!(LISTS.iter().flat_map(|(l, _)| l.iter()).all(|w| w.len() <= MAX_WORD), "raise MAX_WORD");
        let digit = |w: &&str| w.bytes().any(|b| b.is_ascii_digit());
        assert!(
            !LISTS.iter().flat_map(|(l, _)| l.iter()).any(digit),
            "packed_ascii assumes no listed word has a digit"
        );
        assert!(!cues::groups().any(|(w, _)| digit(&w)), "packed_ascii assumes no cue word has a digit");
        assert!(flags("Sen.") & flag::ROLE_CAPS != 0);
        assert!(flags("O’Brien") == 0);
        assert!(flags("don’t") == flags("don't"));
        assert!(flags("said") & flag::CUE_FIRST != 0);
        assert!(flags("according") & flag::CUE_FIRST != 0);
        assert!(LISTS.iter().all(|&(_, bit)| bit < 1 << CUE_SHIFT), "list bits must stay below the cue group");
        assert!(LISTS.iter().all(|&(_, bit)| bit < LONG) && LONG < 1 << CUE_SHIFT, "LONG must be a free bit");
        assert_eq!(lookup("said").1, lookup("SAID").1);
        assert!(lookup("said").1 > 0 && lookup("the").1 == 0);
        assert_eq!(table().seed, 0, "the perfect hash builds with its first seed");
        assert!(!table().slots.is_empty());
        for &(list, _) in LISTS {
            for w in list {
                assert_eq!(flags(&w.to_uppercase()), flags(w), "{w:?} in capitals");
                assert_eq!(flags(&format!("{w}.")), flags(w), "{w:?} with a final dot");
            }
        }
    }
}
