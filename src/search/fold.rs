//! Character folding: the one place that decides which characters count as "the same" for search,
//! slugs and alignment. Case (full Unicode lowercase), diacritics on Latin letters (é → e, ß → ss,
//! İ → i, ø → o, æ → ae), and typographic marks (’ ‘ → ', “ ” → ", – — → -, no-break space → space).
//!
//! Folding works per `char` and may expand one char into several (ß → "ss"), so callers that need
//! offsets map each folded char back to the source char it came from (see `search::tokenize`).

/// Fold one character to its search form: lowercase, without diacritics, typographic marks made
/// plain. Returns a short string because some letters expand (ß → "ss", æ → "ae").
pub fn fold_char(c: char) -> FoldedChar {
    if c.is_ascii() {
        return FoldedChar::one(c.to_ascii_lowercase());
    }
    if let Some(s) = latin_base(c).or_else(|| table_base(c)) {
        return FoldedChar::from_str(s);
    }
    match c {
        // Greek letters with tonos or dialytika, and final sigma, fold to the plain lowercase letter.
        'Ά' | 'ά' => FoldedChar::one('α'),
        'Έ' | 'έ' => FoldedChar::one('ε'),
        'Ή' | 'ή' => FoldedChar::one('η'),
        'Ί' | 'ί' | 'Ϊ' | 'ϊ' | 'ΐ' => FoldedChar::one('ι'),
        'Ό' | 'ό' => FoldedChar::one('ο'),
        'Ύ' | 'ύ' | 'Ϋ' | 'ϋ' | 'ΰ' => FoldedChar::one('υ'),
        'Ώ' | 'ώ' => FoldedChar::one('ω'),
        'ς' => FoldedChar::one('σ'),
        // Russian writers use е for ё interchangeably.
        'Ё' | 'ё' => FoldedChar::one('е'),
        // Invisible characters vanish, so they never split a word: soft hyphen, zero-width space and
        // joiners, word joiner, byte-order mark, variation selectors.
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE00}'..='\u{FE0F}' => FoldedChar::empty(),
        // More combining marks: extended and supplementary diacritics, marks for symbols, half marks,
        // Hebrew points and Arabic harakat (vocalised and plain spellings match).
        '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{064B}'..='\u{065F}' => FoldedChar::empty(),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{0060}' => {
            FoldedChar::one('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
            FoldedChar::one('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => FoldedChar::one('-'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => FoldedChar::one(' '),
        // Combining diacritical marks vanish: "e\u{301}" folds like "é".
        '\u{0300}'..='\u{036F}' => FoldedChar::empty(),
        _ => FoldedChar::one(lower(c)),
    }
}

/// Lowercase for the cased scripts news text uses (Latin, Greek, Cyrillic, Armenian), by ranges.
/// Deliberately not `char::to_lowercase`: its table alone is 14 kB of the wasm. Letters of other
/// cased scripts (Georgian, Cherokee, Deseret…) keep their case; caseless scripts are unaffected.
pub fn lower(c: char) -> char {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if u.is_multiple_of(2) => {
            u + 1
        }
        0x139..=0x148 | 0x179..=0x17E if !u.is_multiple_of(2) => u + 1,
        0x130 => 0x69, // İ → i (std gives "i\u{307}"; the dot is not part of the letter here)
        0x178 => 0xFF,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 0x25,
        0x38C => 0x3CC,
        0x38E..=0x38F => u + 0x3F,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if u.is_multiple_of(2) => u + 1,
        0x4C1..=0x4CE if !u.is_multiple_of(2) => u + 1,
        0x531..=0x556 => u + 0x30,
        _ => u,
    };
    char::from_u32(l).unwrap_or(c)
}

/// Fold a whole string (convenience for names, slugs and tests).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push_str(fold_char(c).as_str());
    }
    out
}

/// Up to four folded chars, stored inline: folding runs per char on the hot path, so it must not
/// allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoldedChar {
    buf: [u8; 16],
    len: u8,
}

impl FoldedChar {
    fn empty() -> FoldedChar {
        FoldedChar { buf: [0; 16], len: 0 }
    }

    fn one(c: char) -> FoldedChar {
        let mut f = FoldedChar::empty();
        f.push(c);
        f
    }

    fn from_str(s: &str) -> FoldedChar {
        FoldedChar::from_iter(s.chars())
    }

    fn from_iter(chars: impl Iterator<Item = char>) -> FoldedChar {
        let mut f = FoldedChar::empty();
        for c in chars {
            f.push(c);
        }
        f
    }

    fn push(&mut self, c: char) {
        let n = c.len_utf8();
        if usize::from(self.len) + n <= self.buf.len() {
            c.encode_utf8(&mut self.buf[usize::from(self.len)..]);
            self.len += n as u8;
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }

    /// The folded chars.
    pub fn chars(&self) -> std::str::Chars<'_> {
        self.as_str().chars()
    }

    /// True when the char folds away entirely (a combining mark).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Plain base letters for Latin Extended-B and Latin Extended Additional (Vietnamese, African and
/// phonetic letters, ẞ), read from the two tables below.
fn table_base(c: char) -> Option<&'static str> {
    let cp = c as usize;
    let (table, i): (&'static [u8], usize) = match cp {
        0x0180..=0x024F => (LATIN_EXT_B, cp - 0x0180),
        0x1E00..=0x1EFF => (LATIN_EXT_ADDITIONAL, cp - 0x1E00),
        _ => return None,
    };
    let slot = table.get(2 * i..2 * i + 2)?;
    let len = if slot[1] == b'.' { 1 } else { 2 };
    if slot[0] == b'.' {
        return None;
    }
    std::str::from_utf8(&slot[..len]).ok()
}

// Generated from Unicode character names and canonical decompositions (Python's unicodedata:
// the NFD base letter, else the letter a "LATIN … LETTER X WITH …" name gives).
/// Base letters of U+0180..U+0250, two bytes per code point ("." pads; ".." = none).
const LATIN_EXT_B: &[u8; 416] = b"\
    b.b.b.b.......c.c...d.d.d.........f.f.g...hv..i.k.k.l.....n.n.o.\
    o.o.oioip.p...........t.t.t.t.u.u...v.y.y.z.z...................\
    ........dzdzdzljljljnjnjnja.a.i.i.o.o.u.u.u.u.u.u.u.u.u.u...a.a.\
    a.a.aeaeg.g.g.g.k.k.o.o.o.o.....j.dzdzdzg.g.....n.n.a.a.aeaeo.o.\
    a.a.a.a.e.e.e.e.i.i.i.i.o.o.o.o.r.r.r.r.u.u.u.u.s.s.t.t.....h.h.\
    n.d.ououz.z.a.a.e.e.o.o.o.o.o.o.o.o.y.y.l.n.t.......a.c.c.l.t.s.\
    z.....b.....e.e.j.j...q.r.r.y.y.\
";
/// Base letters of U+1E00..U+1F00, two bytes per code point ("." pads; ".." = none).
const LATIN_EXT_ADDITIONAL: &[u8; 512] = b"\
    a.a.b.b.b.b.b.b.c.c.d.d.d.d.d.d.d.d.d.d.e.e.e.e.e.e.e.e.e.e.f.f.\
    g.g.h.h.h.h.h.h.h.h.h.h.i.i.i.i.k.k.k.k.k.k.l.l.l.l.l.l.l.l.m.m.\
    m.m.m.m.n.n.n.n.n.n.n.n.o.o.o.o.o.o.o.o.p.p.p.p.r.r.r.r.r.r.r.r.\
    s.s.s.s.s.s.s.s.s.s.t.t.t.t.t.t.t.t.u.u.u.u.u.u.u.u.u.u.v.v.v.v.\
    w.w.w.w.w.w.w.w.w.w.x.x.x.x.y.y.z.z.z.z.z.z.h.t.w.y.a.......ss..\
    a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.e.e.e.e.e.e.e.e.\
    e.e.e.e.e.e.e.e.i.i.i.i.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.o.\
    o.o.o.o.u.u.u.u.u.u.u.u.u.u.u.u.u.u.y.y.y.y.y.y.y.y.........y.y.\
";

/// Plain base letters for the Latin-1 Supplement and Latin Extended-A blocks (lowercased).
fn latin_base(c: char) -> Option<&'static str> {
    let s = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' | 'ŉ' | 'Ŋ' | 'ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => {
            "u"
        }
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `lower` agrees with the standard library wherever it claims to know the case.
    #[test]
    fn lower_matches_std_on_the_scripts_it_covers() {
        for u in (0x20..0x250).chain(0x370..0x530).chain(0x530..0x590).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            let ours = lower(c);
            if ours != c && u != 0x130 {
                let std: String = c.to_lowercase().collect();
                assert_eq!(ours.to_string(), std, "lower(U+{u:04X})");
            }
        }
    }

    #[test]
    fn folds() {
        for (input, want) in [
            ("Café", "cafe"),
            ("Straße", "strasse"),
            ("İstanbul", "istanbul"),
            ("ØRSTED", "orsted"),
            ("China’s “six-point” plan", "china's \"six-point\" plan"),
            ("a\u{a0}b – c — d", "a b - c - d"),
            ("e\u{301}te\u{301}", "ete"),
            ("ΑΘΗΝΑ", "αθηνα"),
            ("2022", "2022"),
            ("😀", "😀"),
            ("МОСКВА Ёж", "москва еж"),
            ("ΣΩΚΡΑΤΗΣ Ά", "σωκρατησ α"),
            ("ĞÜŞ Łódź Ÿ", "gus lodz y"),
            ("Nguyễn Phú Trọng", "nguyen phu trong"),
            ("ẞ Ǆ ǅ Ș ț", "ss dz dz s t"),
            ("Αθήνα ΆΈΉΊΌΎΏ ς", "αθηνα αεηιουω σ"),
            ("Ёлка", "елка"),
            ("soft\u{ad}hyphen zero\u{200b}width", "softhyphen zerowidth"),
            ("ש\u{5b8}לו\u{5b9}ם", "שלום"),
            ("مَرْحَبًا", "مرحبا"),
        ] {
            assert_eq!(fold_str(input), want, "fold_str({input:?})");
        }
    }
}
