//! The reporter's words around the quotes: one paragraph as a flat stream of words, punctuation
//! and whole quotations (one token per quotation), plus the case-folding word lookup every
//! lexicon in this module uses.
//!
//! Attribution patterns ("…,” said Wang", "Wang told reporters: “…”") are sequences over this
//! stream. A quotation is a single [`Tk::Quote`] token, so a pattern never looks inside a quote and
//! never has to skip its words. Markup tags (`<tweet id="…">`) are skipped entirely. Tokenising is
//! one pass over the paragraph's bytes with no allocation beyond the reused output vector.

use super::marks::{tag_end, Marked};
use crate::article::scan;
use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tk {
    /// Letters and digits, with inner apostrophes, hyphens and abbreviation dots ("O’Brien",
    /// "Russia-Ukraine", "U.S.", "Mr.").
    Word,
    /// One punctuation character outside any quote.
    Punct(char),
    /// A whole quotation: index into the paragraph's quotes.
    Quote(usize),
}

/// One token of a paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Where the token is (for a quote: its outer span).
    pub span: Span,
    /// What it is.
    pub kind: Tk,
    /// A word starting with an uppercase letter.
    pub cap: bool,
    /// A word ending in a possessive ’s / 's ("Wang’s").
    pub poss: bool,
    /// A word with an apostrophe, ’ or ' ("O’Brien", "I’m", "Sanders’").
    pub apos: bool,
    /// The word lists the word is in ([`super::lexicon::flag`] bits; 0 for non-words).
    pub flags: u64,
    /// For the first word of a cue phrase, 1 + the index of its first phrase in the cue lexicon
    /// ([`super::lexicon::lookup`]); 0 otherwise.
    pub cue: u16,
}

impl Tok {
    /// True for a word in any of the lists `f` ([`super::lexicon::flag`] bits).
    pub fn has(&self, f: u64) -> bool {
        self.flags & f != 0
    }

    /// True for a word token.
    pub fn is_word(&self) -> bool {
        self.kind == Tk::Word
    }

    /// True for the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Tk::Punct(c)
    }

    /// True for punctuation that ends a reporter's sentence or clause for attribution purposes.
    pub fn is_terminal(&self) -> bool {
        matches!(self.kind, Tk::Punct('.' | '!' | '?' | ';' | '…'))
    }

    /// The word without a possessive ending ("Wang’s" → "Wang").
    pub fn base(&self, text: &str) -> Span {
        if !self.poss {
            return self.span;
        }
        let s = self.span.slice(text);
        let cut = if s.ends_with("’s") || s.ends_with("’S") {
            4
        } else if s.ends_with('’') {
            3
        } else if s.ends_with('\'') {
            1
        } else {
            2
        };
        Span::new(self.span.start, self.span.end.saturating_sub(cut).max(self.span.start))
    }
}

/// Tokenise `content` of `text`, where `quotes` are the paragraph's outer quotations in order.
/// Clears and fills `out`.
pub(crate) fn tokenize(text: &str, content: Span, quotes: &[Marked], out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let end = content.end.min(text.len());
    let mut i = content.start;
    let mut qi = 0;
    while i < end {
        let limit = quotes.get(qi).map_or(end, |q| q.outer.start.min(end));
        if i >= limit {
            if let Some(q) = quotes.get(qi) {
                out.push(Tok {
                    span: q.outer,
                    kind: Tk::Quote(qi),
                    cap: false,
                    poss: false,
                    apos: false,
                    flags: 0,
                    cue: 0,
                });
                i = i.max(q.outer.end);
                qi += 1;
                continue;
            }
            break;
        }
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if b.is_ascii_alphanumeric() {
                i = plain_word(text, i, limit, out).unwrap_or_else(|| word(text, i, limit, out));
                continue;
            }
            if (b == b'@' || b == b'#') && next_is_alnum(text, i + 1, limit) {
                i = word(text, i, limit, out);
                continue;
            }
            if b == b'<' {
                if let Some(e) = tag_end(bytes, i, limit) {
                    i = e;
                    continue;
                }
            }
            let kind = Tk::Punct(b as char);
            out.push(Tok { span: Span::new(i, i + 1), kind, cap: false, poss: false, apos: false, flags: 0, cue: 0 });
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { break };
        if scan::is_alphanumeric(c) {
            i = word(text, i, limit, out);
        } else {
            if !c.is_whitespace() {
                out.push(Tok {
                    span: Span::new(i, i + c.len_utf8()),
                    kind: Tk::Punct(c),
                    cap: false,
                    poss: false,
                    apos: false,
                    flags: 0,
                    cue: 0,
                });
            }
            i += c.len_utf8();
        }
    }
}

fn next_is_alnum(text: &str, at: usize, limit: usize) -> bool {
    if at >= limit {
        return false;
    }
    match text.as_bytes().get(at) {
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        _ => text.get(at..).and_then(|s| s.chars().next()).is_some_and(scan::is_alphanumeric),
    }
}

/// The common word, pushed without [`word`]'s general rules: a run of ASCII letters and digits
/// from `start` ended by `limit` or by an ASCII byte that neither joins it to more letters (' - &)
/// nor may end an abbreviation (.). Such a word has no dot, no apostrophe and no possessive, which
/// is exactly what [`word`] makes of it. `None` (nothing pushed) for any other word.
#[inline]
fn plain_word(text: &str, start: usize, limit: usize, out: &mut Vec<Tok>) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = crate::article::scan::skip_ascii_alnum(bytes, start, limit);
    if end < limit && bytes.get(end).is_none_or(|&b| b >= 0x80 || matches!(b, b'\'' | b'-' | b'&' | b'.')) {
        return None;
    }
    let cap = bytes.get(start).is_some_and(u8::is_ascii_uppercase);
    let (flags, cue) = super::lexicon::lookup_plain(text, start, end);
    out.push(Tok { span: Span::new(start, end), kind: Tk::Word, cap, poss: false, apos: false, flags, cue });
    Some(end)
}

/// Scan one word starting at `start` (an alphanumeric char or a handle sign); push it; return
/// the byte after it.
fn word(text: &str, start: usize, limit: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let mut i = start;
    let mut seg_chars = 0usize; // chars in the current dot-separated segment
    let mut has_dot = false;
    let mut apos = false;
    let mut last = ' ';
    // A handle sign counts only as the first character.
    if i < limit && matches!(bytes[i], b'@' | b'#') {
        i += 1;
        seg_chars = 1;
        last = char::from(bytes[i - 1]);
    }
    while i < limit {
        // ASCII fast path: most words are a run of plain letters and digits.
        let run = i;
        i = crate::article::scan::skip_ascii_alnum(bytes, i, limit);
        if i > run {
            seg_chars += i - run;
            last = char::from(bytes[i - 1]);
        }
        let Some(&b) = bytes.get(i).filter(|_| i < limit) else { break };
        if b < 0x80 {
            if matches!(b, b'\'' | b'-' | b'&' | b'.')
                && next_is_alnum(text, i + 1, limit)
                && (b != b'.' || seg_chars == 1)
            {
                has_dot |= b == b'.';
                apos |= b == b'\'';
                i += 1;
                seg_chars = 0;
                continue;
            }
            break;
        }
        let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { break };
        if scan::is_alphanumeric(c) {
            i += c.len_utf8();
            seg_chars += 1;
            last = c;
            continue;
        }
        let connector = matches!(c, '’' | '‐');
        if connector && next_is_alnum(text, i + c.len_utf8(), limit) {
            apos |= c == '’';
            i += c.len_utf8();
            seg_chars = 0;
            continue;
        }
        break;
    }
    // The word's bytes (its text is decoded only off the common paths below).
    let wb = bytes.get(start..i).unwrap_or(&[]);
    let w = || text.get(start..start + wb.len()).unwrap_or("");
    // A trailing dot belongs to an abbreviation or an initial ("Mr.", "U.S.", "J."), and to any
    // word when the sentence plainly goes on ("(R-Wis.)", "R-Wis., said", "Inc. said").
    if i < limit && bytes.get(i) == Some(&b'.') {
        let after = text.get(i + 1..limit).unwrap_or("");
        let goes_on = after.starts_with([')', ',']) || {
            let rest = after.trim_start();
            rest.len() < after.len()
                && (rest.starts_with(|c: char| c.is_lowercase())
                    // "the No. 2 in the GOP leadership": a number's abbreviation.
                    || (matches!(wb, b"No" | b"Nos" | b"no") && rest.starts_with(|c: char| c.is_ascii_digit())))
        };
        // "in the U.S. While …", "at 5 p.m. The …": a dotted short form ends the sentence when a
        // word that only opens one follows.
        let ends = has_dot && !goes_on && after.starts_with([' ', '\n']) && opens_sentence(after.trim_start());
        if !ends && (has_dot || (seg_chars == 1 && last.is_uppercase()) || is_abbreviation(w()) || goes_on) {
            i += 1;
        }
    }
    let cap = match wb.first() {
        Some(&b) if b.is_ascii_alphanumeric() => b.is_ascii_uppercase(),
        _ => w().chars().find(|&c| scan::is_alphanumeric(c)).is_some_and(char::is_uppercase),
    };
    // ’s, 's or ’S at the end (’ is E2 80 99 in UTF-8).
    let mut poss = wb.len() > 2 && matches!(wb, [.., b'\'', b's'] | [.., 0xE2, 0x80, 0x99, b's' | b'S']);
    // A plural possessive: "Sanders’ campaign", "the players' union".
    if !poss && matches!(wb.last(), Some(b's' | b'S')) {
        let rest = bytes.get(i..limit).unwrap_or(&[]);
        let mark = match rest {
            [0xE2, 0x80, 0x99, ..] => 3,
            [b'\'', ..] => 1,
            _ => 0,
        };
        if mark > 0 && !next_is_alnum(text, i + mark, limit) {
            i += mark;
            poss = true;
            apos = true;
        }
    }
    let (mut flags, cue) = super::lexicon::lookup_in(text, start, i);
    // "Twenty-two years ago", "One-third of voters": a hyphenated word that opens like a
    // sentence opener and goes on in lowercase starts no name either.
    if cap && flags & super::lexicon::flag::STOP_CAPS == 0 {
        // "R-Texas", "D-N.C.": a party and a state, never a name.
        if matches!(wb, [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase()) {
            flags |= super::lexicon::flag::STOP_CAPS;
        } else if let Some(h) = wb.iter().position(|&b| b == b'-') {
            let rest_lower = wb.get(h + 1).is_some_and(u8::is_ascii_lowercase);
            if rest_lower && super::lexicon::lookup_in(text, start, start + h).0 & super::lexicon::flag::STOP_CAPS != 0
            {
                flags |= super::lexicon::flag::STOP_CAPS;
            }
        }
    }
    out.push(Tok { span: Span::new(start, i), kind: Tk::Word, cap, poss, apos, flags, cue });
    i
}

/// Does `rest` start with a capitalised word that opens sentences, not names ("While", "But",
/// "The", "He")?
fn opens_sentence(rest: &str) -> bool {
    #[rustfmt::skip]
    const OPENERS: &[&str] = &[
        "After", "Although", "And", "As", "But", "He", "Her", "His", "However", "If", "In", "It", "Its", "She",
        "That", "The", "Their", "There", "These", "They", "This", "Those", "Though", "We", "When", "While", "Yet",
    ];
    let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..end];
    end > 0 && !rest[end..].starts_with(['.', '-', '\'', '’']) && OPENERS.binary_search(&word).is_ok()
}

/// Short forms written with a final dot that does not end a sentence (compared case-sensitively).
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ald", "Amb", "Asst", "Atty", "Capt", "Cmdr", "Col", "Cpl", "Del", "Det", "Dr", "Fr", "Gen", "Gens",
    "Gov", "Hon", "Insp", "Jr", "Lt", "Maj", "Mr", "Mrs", "Ms", "Msgr", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev",
    "Sec", "Sen", "Sens", "Sgt", "Sr", "St", "Supt",
];

fn is_abbreviation(w: &str) -> bool {
    // Every abbreviation is two to four ASCII letters, the first a capital (checked by a test):
    // most words are turned away before the search.
    (2..=4).contains(&w.len())
        && w.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && ABBREVIATIONS.binary_search(&w).is_ok()
}

/// Longest word, in bytes, any lexicon holds; longer words are never looked up.
const MAX_KEY: usize = 32;

/// The lowercase ASCII key of a word for lexicon lookup: ASCII letters lowered, ’ made ', a final
/// abbreviation dot dropped. `None` for words too long or with other non-ASCII characters.
pub(crate) fn key<'b>(word: &str, buf: &'b mut [u8; MAX_KEY]) -> Option<&'b str> {
    let w = word.strip_suffix('.').unwrap_or(word);
    let mut n = 0;
    for c in w.chars() {
        let b = match c {
            '’' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        if n >= MAX_KEY {
            return None;
        }
        buf[n] = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Is `word` (any case) in the sorted lowercase `list`?
pub(crate) fn lookup(list: &[&str], word: &str) -> bool {
    let mut buf = [0u8; MAX_KEY];
    key(word, &mut buf).is_some_and(|k| list.binary_search(&k).is_ok())
}

/// Is the token `t` a word in `list` (any case)?
pub(crate) fn tok_in(text: &str, t: &Tok, list: &[&str]) -> bool {
    t.is_word() && lookup(list, t.span.slice(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(s, Span::new(0, s.len()), &[], &mut out);
        out.iter().map(|t| t.span.slice(s).to_string()).collect()
    }

    #[test]
    fn tokens() {
        let rows: &[(&str, &[&str])] = &[
            ("Mr. Ackman said.", &["Mr.", "Ackman", "said", "."]),
            ("U.S. Secretary of State", &["U.S.", "Secretary", "of", "State"]),
            ("from the U.S. While Clinton", &["from", "the", "U.S", ".", "While", "Clinton"]),
            ("at 5 p.m. The vote", &["at", "5", "p.m", ".", "The", "vote"]),
            ("the U.S. Theater Guild", &["the", "U.S.", "Theater", "Guild"]),
            ("O’Brien’s Russia-Ukraine talks", &["O’Brien’s", "Russia-Ukraine", "talks"]),
            ("He said: yes, 3.9 times", &["He", "said", ":", "yes", ",", "3.9", "times"]),
            ("a <tweet id=\"1\">hi</tweet>.", &["a", "hi", "."]),
            ("@realDonaldTrump #MAGA", &["@realDonaldTrump", "#MAGA"]),
            ("James B. Comey", &["James", "B.", "Comey"]),
            ("Sanders’ campaign", &["Sanders’", "campaign"]),
        ];
        for (text, want) in rows {
            assert_eq!(words(text), *want, "tokenize({text:?})");
        }
    }

    #[test]
    fn plain_words_agree_with_the_general_rules() {
        let text = "Mr. Ackman said, (R-Wis.) U.S. players' union O'Brien Sanders’ x1 2.5 A&B a-b \
                    No. 2 it's ab.cd J. Smith Wang’s end.\nnext;word\tTAB é ab";
        for start in (0..text.len()).filter(|&i| text.as_bytes()[i].is_ascii_alphanumeric()) {
            for limit in [start + 1, start + 2, start + 5, text.len()] {
                let limit = limit.min(text.len());
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                let Some(end) = plain_word(text, start, limit, &mut fast) else { continue };
                assert_eq!(word(text, start, limit, &mut general), end, "end of the word at {start}");
                let (f, g) = (fast[0], general[0]);
                assert_eq!(
                    (f.span, f.kind, f.cap, f.poss, f.apos, f.flags, f.cue),
                    (g.span, g.kind, g.cap, g.poss, g.apos, g.flags, g.cue),
                    "the word at {start}..{limit}"
                );
            }
        }
    }

    #[test]
    fn apostrophes_are_marked() {
        for s in ["O’Brien’s players' union don't Sanders’ x 'quoted' it’s ’90s rock ’n’ roll", "I’m we've"]
        {
            let mut out = Vec::new();
            tokenize(s, Span::new(0, s.len()), &[], &mut out);
            for t in out.iter().filter(|t| t.is_word()) {
                let w = t.span.slice(s);
                assert_eq!(t.apos, w.contains(['’', '\'']), "{w:?}");
            }
        }
    }

    #[test]
    fn lookups() {
        assert!(lookup(&["said", "says"], "Said"));
        assert!(lookup(&["o'brien"], "O’Brien"));
        assert!(!lookup(&["said"], "saidx"));
        assert!(!lookup(&["said"], "sáid"));
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]), "ABBREVIATIONS must stay sorted");
        assert!(
            ABBREVIATIONS.iter().all(|w| (2..=4).contains(&w.len()) && w.as_bytes()[0].is_ascii_uppercase()),
            "is_abbreviation assumes two to four letters, the first a capital"
        );
    }
}
