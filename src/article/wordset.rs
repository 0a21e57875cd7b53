//! Small sets of lowercase ASCII words hashed at compile time, for the word lists that are looked
//! up once per word or sentence of a block (credit and site vocabulary, abbreviations).
//!
//! A lookup hashes the word once (ASCII case folded on the fly), probes a table of `u16` slots and
//! compares one candidate: no allocation, no buffer, no runtime initialisation, and a table of a
//! few hundred bytes in the binary. A sorted list with binary search costs half a dozen string
//! comparisons per word instead.

/// A set of at most `SLOTS / 2` distinct words, each lowercase ASCII (checked when the set is
/// built, at compile time). `SLOTS` must be a power of two.
pub(crate) struct WordSet<const SLOTS: usize> {
    words: &'static [&'static str],
    /// Index + 1 into `words`, 0 for an empty slot; linear probing.
    slots: [u16; SLOTS],
}

/// The start of [`hash`]'s running state.
pub(crate) const HASH_START: u32 = 0x811c_9dc5;

/// One byte into [`hash`]'s running state (FNV-1a over the ASCII-lowercased bytes), for callers
/// that hash a word while they scan it.
#[inline]
pub(crate) const fn hash_step(h: u32, b: u8) -> u32 {
    (h ^ b.to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193)
}

/// FNV-1a over the ASCII-lowercased bytes, then a multiplicative mix for the top bits.
const fn hash(bytes: &[u8]) -> u32 {
    let mut h: u32 = HASH_START;
    let mut i = 0;
    while i < bytes.len() {
        h = hash_step(h, bytes[i]);
        i += 1;
    }
    finish(h)
}

const fn finish(h: u32) -> u32 {
    h.wrapping_mul(0x9E37_79B9)
}

impl<const SLOTS: usize> WordSet<SLOTS> {
    /// Build the set. Fails to compile when a word is not lowercase ASCII, appears twice, or the
    /// table would be more than half full.
    pub(crate) const fn new(words: &'static [&'static str]) -> WordSet<SLOTS> {
        Self::build(words, true)
    }

    /// Build a set of ASCII words in any case, for [`WordSet::index_exact`] (words differing only
    /// in case may both be listed).
    pub(crate) const fn exact(words: &'static [&'static str]) -> WordSet<SLOTS> {
        Self::build(words, false)
    }

    const fn build(words: &'static [&'static str], lowercase: bool) -> WordSet<SLOTS> {
        assert!(SLOTS.is_power_of_two() && SLOTS >= 2 && SLOTS <= 1 << 15, "SLOTS must be a power of two");
        assert!(words.len() * 2 <= SLOTS, "a word set must stay at most half full");
        let mut slots = [0u16; SLOTS];
        let mut w = 0;
        while w < words.len() {
            let b = words[w].as_bytes();
            let mut k = 0;
            while k < b.len() {
                assert!(b[k].is_ascii() && !(lowercase && b[k].is_ascii_uppercase()), "word sets hold ASCII words");
                k += 1;
            }
            let mut i = Self::home(b);
            while slots[i] != 0 {
                let other = words[slots[i] as usize - 1].as_bytes();
                assert!(!Self::same(other, b), "a word set holds a word twice");
                i = (i + 1) & (SLOTS - 1);
            }
            slots[i] = (w + 1) as u16;
            w += 1;
        }
        WordSet { words, slots }
    }

    const fn home(b: &[u8]) -> usize {
        Self::home_of(hash(b))
    }

    const fn home_of(h: u32) -> usize {
        (h >> (32 - SLOTS.trailing_zeros())) as usize & (SLOTS - 1)
    }

    const fn same(a: &[u8], b: &[u8]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// Index in the word list of `key`, ASCII case ignored.
    pub(crate) fn index(&self, key: &[u8]) -> Option<usize> {
        self.probe(Self::home(key), key)
    }

    /// [`WordSet::index`] of a key whose running hash ([`hash_step`] from [`HASH_START`]) the
    /// caller computed while scanning it.
    pub(crate) fn index_hashed(&self, running: u32, key: &[u8]) -> Option<usize> {
        self.probe(Self::home_of(finish(running)), key)
    }

    fn probe(&self, home: usize, key: &[u8]) -> Option<usize> {
        let mut i = home;
        loop {
            let s = usize::from(self.slots[i]);
            if s == 0 {
                return None;
            }
            if self.words[s - 1].as_bytes().eq_ignore_ascii_case(key) {
                return Some(s - 1);
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }

    /// Index in the word list of exactly `key` (case counts). The hash ignores case, so words
    /// differing only in case share a probe sequence and the loop compares each exactly.
    pub(crate) fn index_exact(&self, key: &[u8]) -> Option<usize> {
        let mut i = Self::home(key);
        loop {
            let s = usize::from(self.slots[i]);
            if s == 0 {
                return None;
            }
            if self.words[s - 1].as_bytes() == key {
                return Some(s - 1);
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }

    /// Index of the word `w` after search folding (case, diacritics: "Phóto" is "photo"). ASCII
    /// words fold by ASCII case alone, so only other words pay for [`fold_str`].
    ///
    /// [`fold_str`]: crate::search::fold::fold_str
    pub(crate) fn folded(&self, w: &str) -> Option<usize> {
        if w.is_ascii() {
            self.index(w.as_bytes())
        } else {
            self.index(crate::search::fold::fold_str(w).as_bytes())
        }
    }

    /// The word at index `i`.
    pub(crate) fn word(&self, i: usize) -> &'static str {
        self.words.get(i).copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: WordSet<16> = WordSet::new(&["by", "photo", "via", "getty", "", "x"]);

    #[test]
    fn finds_every_word_and_nothing_else() {
        for (i, w) in ["by", "photo", "via", "getty", "", "x"].iter().enumerate() {
            assert_eq!(SET.index(w.as_bytes()), Some(i), "{w:?}");
            assert_eq!(SET.index(w.to_uppercase().as_bytes()), Some(i), "{w:?} in capitals");
        }
        for w in ["b", "photos", "vi", "gettyy", "y", "é", "PHOTO "] {
            assert_eq!(SET.index(w.as_bytes()), None, "{w:?}");
        }
        assert_eq!(SET.folded("Phóto"), Some(1));
        const EXACT: WordSet<8> = WordSet::exact(&["No", "no", "pp"]);
        assert_eq!(EXACT.index_exact(b"No"), Some(0));
        assert_eq!(EXACT.index_exact(b"no"), Some(1));
        assert_eq!(EXACT.index_exact(b"NO"), None);
        assert_eq!(EXACT.index_exact(b"Pp"), None);
        assert_eq!(SET.word(3), "getty");
    }
}
