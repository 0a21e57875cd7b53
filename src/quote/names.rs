//! Mentions of people and organisations in the reporter's words: names with the titles and roles
//! around them, pronouns, and descriptions such as "the foreign minister".
//!
//! A name is a run of capitalised words ("NATO Secretary General Jens Stoltenberg"), split into a
//! role prefix ("NATO Secretary General") and the name proper ("Jens Stoltenberg") at the last
//! title word. Lowercase roles right before a name count too ("European Commission spokesman
//! Peter Stano"), and so does an apposition after it ("Peter Stano, a spokesman for the European
//! Commission,"). A name is an organisation when it is an acronym (NATO), a known country or
//! capital (China, Beijing), contains an organisation word (White *House*, *Foreign Ministry*),
//! or is followed by one in lowercase ("Xinhua news agency", "the Trump campaign").
//!
//! Everything here is decided from word shapes and small closed word lists, never from the seeds'
//! strings, so it carries over to articles nobody here has read.

use super::cues::Cues;
use super::lexicon::flag;
use super::tokens::{tok_in, Tk, Tok};
use crate::article::scan;
use crate::span::Span;
use std::cell::{Cell, OnceCell};

/// What a mention refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MKind {
    /// A named person.
    Person,
    /// A named organisation, government, country or outlet.
    Org,
    /// he, she, they, it, I, we (and their possessives).
    Pronoun(Pron),
    /// "the foreign minister", "the ministry", "the statement".
    Nominal(Nom),
}

/// Pronoun classes (gender-agnostic on purpose: he and she resolve the same way).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pron {
    /// he, she, his, her.
    Person,
    /// they, their.
    Plural,
    /// it, its.
    Neuter,
    /// I, we, my, our: the writer, never resolved.
    First,
}

/// What a description's head word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nom {
    /// A person by role: "the foreign minister", "the senior diplomat".
    Person,
    /// An organisation: "the ministry", "the campaign".
    Org,
    /// A thing or a crowd that cannot be a named speaker: "the statement", "officials".
    Thing,
}

/// One mention in a paragraph's token stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mention {
    /// First token (including a role before the name).
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// The whole mention text.
    pub span: Span,
    /// The name proper (no role, honorific or possessive ending); for pronouns and descriptions
    /// the head word.
    pub name: Span,
    /// A role before the name or in an apposition after it.
    pub role: Option<Span>,
    /// Token index of the comma closing an apposition after the name, if any.
    pub appos_end: Option<usize>,
    /// What it refers to.
    pub kind: MKind,
    /// Ends in a possessive ("Wang’s", "his").
    pub poss: bool,
    /// Number of words in the name proper.
    pub words: usize,
    /// A country, capital or state ("Ohio"): a place named after a person may be an address.
    pub place: bool,
}

/// Capitalised words that never start a name (sentence openers, pronouns, days, months).
#[rustfmt::skip]
pub(crate) const STOP_CAPS: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "again", "against", "ahead", "alas", "all", "almost",
    "along", "alongside", "already", "also", "although", "amid", "among", "amongst", "an", "and", "another", "any",
    "anyway", "april", "are", "as", "ask", "asked", "at", "august", "bad", "because", "before", "behind", "being",
    "below", "beneath", "besides", "between", "beyond", "both", "breaking", "but", "by", "can", "check", "continue",
    "contrary", "contrast", "correction", "could", "december", "despite", "did", "do", "does", "during", "each",
    "earlier", "eight", "either", "eleven", "even", "every", "except", "exclusive", "february", "few", "fifth", "fifty",
    "finally", "first", "five", "for", "forty", "four", "fourth", "friday", "from", "furthermore", "given", "good",
    "had", "has", "have", "he", "hence", "her", "here", "hers", "him", "his", "how", "however", "hundred", "i", "if",
    "in", "including", "indeed", "inside", "instead", "into", "is", "it", "its", "january", "july", "june", "just",
    "last", "late", "later", "latest", "let", "like", "look", "many", "march", "may", "meanwhile", "minus", "monday",
    "more", "moreover", "most", "much", "multiple", "my", "near", "nearly", "neither", "never", "nevertheless", "next",
    "nine", "no", "nonetheless", "nor", "not", "november", "now", "october", "of", "often", "ok", "okay", "on", "once",
    "one", "only", "or", "other", "otherwise", "our", "outside", "over", "overall", "per", "perhaps", "photo", "please",
    "plus", "rather", "read", "regardless", "related", "saturday", "second", "see", "september", "seven", "several",
    "she", "since", "six", "so", "some", "somehow", "sometimes", "soon", "sooner", "still", "such", "sunday", "sure",
    "take", "ten", "than", "thanks", "that", "the", "their", "then", "there", "therefore", "these", "they", "think",
    "third", "thirty", "this", "those", "though", "thousand", "three", "through", "throughout", "thursday", "thus",
    "to", "today", "together", "tomorrow", "tonight", "too", "toward", "towards", "tuesday", "twelve", "twenty", "two",
    "under", "unlike", "until", "update", "upon", "via", "video", "was", "watch", "we", "wednesday", "well", "were",
    "what", "whatever", "when", "where", "whether", "which", "while", "who", "whoever", "whose", "why", "will", "with",
    "within", "without", "would", "yes", "yesterday", "yet", "you", "your",
];

/// Words that follow a sentence-opening participle ("Weighing in", "Speaking to the crowd").
#[rustfmt::skip]
pub(crate) const AFTER_PARTICIPLE: &[&str] = &[
    "a", "about", "after", "against", "an", "at", "back", "before", "down", "for", "from", "her", "his", "in",
    "into", "its", "off", "on", "out", "over", "that", "the", "their", "this", "through", "to", "up", "with",
];

/// Auxiliaries and adverbs that follow a sentence's subject ("Manning has said").
pub(crate) const AUXILIARIES: &[&str] = &[
    "also", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must", "should", "was", "will",
    "would",
];

/// Courtesy titles: dropped from names, not kept as roles.
pub(crate) const HONORIFICS: &[&str] =
    &["dame", "dr", "fr", "lady", "lord", "messrs", "miss", "mr", "mrs", "ms", "mx", "sir"];

/// Capitalised words of a title or role before a name ("Foreign Minister", "Sen.", "Chinese"),
/// including party and nationality words that open a role.
#[rustfmt::skip]
pub(crate) const ROLE_CAPS: &[&str] = &[
    "acting", "adm", "admiral", "adviser", "advisor", "advocate", "aide", "alderman", "alderwoman", "ambassador",
    "american", "analyst", "anchor", "assemblyman", "assemblywoman", "assistant", "associate", "asst", "attorney",
    "atty", "australian", "bishop", "brig", "british", "canadian", "candidate", "capt", "captain", "cardinal", "ceo",
    "chair", "chairman", "chairwoman", "challenger", "chancellor", "chief", "chinese", "cmdr", "co-founder", "co-host",
    "col", "colonel", "commander", "commissioner", "congressman", "congresswoman", "correspondent", "councilman",
    "councilwoman", "counsel", "cpl", "defense", "del", "democrat", "democratic", "deputy", "det", "detective",
    "director", "dj", "dutch", "economist", "editor", "emir", "envoy", "eu", "european", "executive", "first",
    "foreign", "former", "founder", "french", "gen", "general", "german", "gop", "gov", "governor", "homeland", "host",
    "incumbent", "independent", "indian", "inspector", "interior", "iranian", "israeli", "italian", "japanese", "judge",
    "justice", "king", "korean", "labor", "labour", "leader", "libertarian", "lieutenant", "lt", "maj", "majority",
    "manager", "mayor", "mexican", "minister", "minority", "national", "nominee", "officer", "opponent", "pastor",
    "police", "pope", "premier", "president", "press", "prime", "prince", "princess", "prof", "professor", "prosecutor",
    "queen", "rabbi", "rep", "representative", "reps", "republican", "rev", "reverend", "rival", "russian", "sec",
    "secretary", "security", "sen", "senator", "senators", "senior", "sens", "sergeant", "sgt", "sheriff", "speaker",
    "special", "spokesman", "spokesperson", "spokeswoman", "state", "strategist", "superintendent", "supt", "treasury",
    "u.n", "u.s", "uk", "ukrainian", "un", "us", "vice", "whip",
];

/// Name suffixes that never make a name on their own.
pub(crate) const SUFFIXES: &[&str] = &["ii", "iii", "iv", "jr", "sr"];

/// Lowercase connectors allowed inside a capitalised name ("Secretary of State", "Charles de Gaulle").
pub(crate) const CONNECTORS: &[&str] =
    &["al", "bin", "da", "de", "del", "der", "di", "du", "for", "ibn", "la", "le", "of", "van", "von"];

/// Capitalised words that make a name an organisation.
#[rustfmt::skip]
pub(crate) const ORG_HEADS: &[&str] = &[
    "abc", "academy", "administration", "afp", "agency", "alliance", "ap", "army", "assembly", "association",
    "authority", "bank", "bbc", "bloomberg", "board", "bureau", "cabinet", "campaign", "caucus", "cbs", "center",
    "centre", "chamber", "channel", "church", "club", "cnn", "coalition", "college", "commission", "committee",
    "company", "congress", "corp", "corporation", "council", "court", "daily", "democrats", "department", "embassy",
    "emirates", "facebook", "federation", "forces", "foundation", "fox", "fund", "gallup", "gazette", "google",
    "government", "group", "guard", "herald", "hospital", "house", "inc", "institute", "institution", "journal",
    "kingdom", "kremlin", "league", "legislature", "ltd", "magazine", "media", "ministry", "movement", "msnbc",
    "nations", "navy", "nbc", "network", "news", "newspaper", "npr", "office", "organisation", "organization",
    "pac", "parliament", "party", "pbs", "pentagon", "police", "post", "press", "project", "radio", "regime",
    "republic", "republicans", "reserve", "reuters", "review", "school", "secretariat", "senate", "service",
    "society", "staff", "states", "telegraph", "television", "times", "tribune", "tv", "twitter", "union",
    "university", "xinhua",
];

/// Countries, capitals and blocs that speak as organisations ("China said", "Beijing denounced").
#[rustfmt::skip]
pub(crate) const PLACES: &[&str] = &[
    "afghanistan", "africa", "ala", "alabama", "alaska", "america", "ankara", "arabia", "ariz", "arizona", "ark",
    "arkansas", "australia", "austria", "baghdad", "beijing", "belgium", "berlin", "brazil", "britain", "brussels",
    "calif", "california", "canada", "carolina", "china", "colo", "colorado", "conn", "connecticut", "cuba",
    "dakota", "damascus", "delaware", "delhi", "egypt", "england", "europe", "fla", "florida", "france", "georgia",
    "germany", "greece", "hampshire", "hawaii", "idaho", "ill", "illinois", "ind", "india", "indiana", "indonesia",
    "iowa", "iran", "iraq", "ireland", "islamabad", "israel", "italy", "japan", "jersey", "jerusalem", "kabul",
    "kan", "kansas", "kentucky", "kiev", "korea", "ky", "kyiv", "lebanon", "libya", "lithuania", "london",
    "louisiana", "maine", "maryland", "mass", "massachusetts", "md", "mexico", "mich", "michigan", "minn",
    "minnesota", "mississippi", "missouri", "mont", "montana", "moscow", "neb", "nebraska", "nev", "nevada",
    "nigeria", "ohio", "okla", "oklahoma", "ore", "oregon", "ottawa", "pakistan", "palestine", "paris",
    "pennsylvania", "poland", "pyongyang", "qatar", "riyadh", "russia", "scotland", "seoul", "spain", "sweden",
    "switzerland", "syria", "taipei", "taiwan", "tehran", "tenn", "tennessee", "tex", "texas", "tokyo", "turkey",
    "ukraine", "utah", "vatican", "venezuela", "vermont", "vietnam", "vilnius", "virginia", "vt", "wales",
    "washington", "wis", "wisconsin", "wyo", "wyoming", "york",
];

/// Lowercase words naming an organisation after a name or "the" ("Xinhua news agency").
#[rustfmt::skip]
pub(crate) const ORG_NOUNS: &[&str] = &[
    "administration", "agency", "association", "authority", "bank", "board", "body", "bureau", "camp", "campaign",
    "center", "channel", "coalition", "commission", "committee", "company", "council", "court", "daily",
    "department", "embassy", "firm", "foundation", "fund", "government", "group", "institute", "league", "magazine",
    "ministry", "network", "newspaper", "office", "organisation", "organization", "outlet", "panel", "paper",
    "party", "publication", "regime", "regulator", "service", "station", "tabloid", "team", "union", "university",
    "website",
];

/// Lowercase words naming a person by role, the heads of descriptions ("the foreign minister").
#[rustfmt::skip]
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "activist", "actor", "actress", "adviser", "advisor", "aide", "alderman", "alderwoman", "ambassador", "analyst",
    "anchor", "attorney", "author", "billionaire", "brother", "businessman", "businesswoman", "candidate", "ceo",
    "chair", "chairman", "chairwoman", "chancellor", "chief", "coach", "colleague", "columnist", "comedian",
    "commander", "commentator", "commissioner", "congressman", "congresswoman", "correspondent", "daughter", "democrat",
    "diplomat", "director", "economist", "editor", "entrepreneur", "envoy", "executive", "expert", "father",
    "filmmaker", "founder", "friend", "front-runner", "frontrunner", "general", "governor", "historian", "host",
    "husband", "investor", "journalist", "judge", "lawmaker", "lawyer", "leader", "legislator", "manager", "mayor",
    "minister", "mogul", "mother", "musician", "nominee", "novelist", "official", "organizer", "owner", "pastor",
    "philanthropist", "pollster", "premier", "president", "president-elect", "professor", "prosecutor", "publisher",
    "rapper", "representative", "republican", "researcher", "scholar", "secretary", "senator", "sheriff", "singer",
    "sister", "son", "speaker", "spokesman", "spokesperson", "spokeswoman", "strategist", "wife", "writer",
];

/// Words that make the lowercase words before a name a role ("press secretary", "pollster").
#[rustfmt::skip]
pub(crate) const ROLE_LOWER_EXTRA: &[&str] = &[
    "boss", "campaign", "chief", "communications", "consultant", "deputy", "donor", "foreign", "former", "lobbyist",
    "longtime", "member", "national", "operative", "policy", "political", "presidential", "press", "senior",
    "vice", "vice-presidential", "voter",
];

/// Descriptions that are not a nameable speaker: documents, and crowds in the plural.
#[rustfmt::skip]
pub(crate) const THING_NOUNS: &[&str] = &[
    "activists", "ad", "advertisement", "advocates", "aides", "americans", "analysts", "article", "authorities",
    "banner", "bill", "blog", "book", "campaigners", "candidates", "children", "column", "commenters", "complaint",
    "critics", "delegates", "document", "donors", "dozens", "economists", "editorial", "email", "employees",
    "experts", "families", "fans", "filing", "footage", "governors", "headline", "historians", "hundreds",
    "insiders", "investigators", "lawmakers", "lawsuit", "leaders", "letter", "members", "memo", "men", "message",
    "millions", "note", "observers", "officials", "operatives", "opponents", "order", "organizers", "others",
    "parents", "people", "poll", "pollsters", "post", "protesters", "readers", "release", "report", "researchers",
    "residents", "ruling", "scholars", "scientists", "senators", "sign", "sources", "speech", "staffers",
    "statement", "story", "strategists", "students", "study", "supporters", "survey", "teachers", "thousands",
    "transcript", "tweet", "users", "veterans", "video", "viewers", "voters", "website", "witnesses", "women",
    "workers",
];

/// Determiners that open a description ("the foreign minister", "this official").
pub(crate) const DETERMINERS: &[&str] = &["that", "the", "this"];

/// Possessive pronouns that can open a description ("his wife").
pub(crate) const POSS_DETS: &[&str] = &["her", "his", "its", "my", "our", "their"];

/// Pronouns of a person (gender-agnostic: he and she resolve alike).
pub(crate) const PRON_PERSON: &[&str] = &["he", "her", "his", "she"];
/// Plural pronouns.
pub(crate) const PRON_PLURAL: &[&str] = &["their", "they"];
/// Pronouns of a thing or an organisation.
pub(crate) const PRON_NEUTER: &[&str] = &["it", "its"];
/// The writer's pronouns, never resolved.
pub(crate) const PRON_FIRST: &[&str] = &["i", "my", "our", "we"];

/// Is the token a word in `list`?
fn is(text: &str, t: &Tok, list: &[&str]) -> bool {
    tok_in(text, t, list)
}

fn pronoun(text: &str, t: &Tok) -> Option<Pron> {
    // Without an apostrophe a pronoun is a word of one of the pronoun lists ("I" is "i" of
    // PRON_FIRST to the lexicon): most words are turned away by their flags.
    const ANY: u64 = flag::PRON_PERSON | flag::PRON_PLURAL | flag::PRON_NEUTER | flag::PRON_FIRST;
    if !t.is_word() || (!t.apos && !t.has(ANY)) {
        return None;
    }
    let w = t.span.slice(text);
    // The longest pronoun word is a five-letter one with a dot ("their."): a contraction of one
    // ("their.’ll") has at most 11 bytes, and any longer word is no pronoun.
    if w.len() > 11 {
        return None;
    }
    // Contractions: "I’m", "We’ve", "She’ll" are their pronoun (the tokenizer marks the words
    // with an apostrophe).
    let apostrophe = t.apos.then(|| w.find(['’', '\''])).flatten();
    if let Some(p) = apostrophe.filter(|&p| p > 0) {
        let (head, tail) = w.split_at(p);
        let tail = tail.trim_start_matches(['’', '\'']);
        if matches!(tail, "m" | "ve" | "ll" | "d" | "re" | "s") {
            let f = super::lexicon::flags(head);
            return if head == "I" || f & flag::PRON_FIRST != 0 {
                Some(Pron::First)
            } else if f & flag::PRON_PERSON != 0 {
                Some(Pron::Person)
            } else if f & flag::PRON_PLURAL != 0 {
                Some(Pron::Plural)
            } else if f & flag::PRON_NEUTER != 0 {
                Some(Pron::Neuter)
            } else {
                None
            };
        }
    }
    if w.len() > 5 {
        return None;
    }
    if t.has(flag::PRON_PERSON) {
        Some(Pron::Person)
    } else if t.has(flag::PRON_PLURAL) {
        Some(Pron::Plural)
    } else if t.has(flag::PRON_NEUTER) {
        Some(Pron::Neuter)
    } else if w == "I" || (w != "i" && t.has(flag::PRON_FIRST)) {
        Some(Pron::First)
    } else {
        None
    }
}

/// True for an all-caps acronym of two or more letters ("NATO", "U.S.", "BBC").
fn acronym(w: &str) -> bool {
    if w.is_ascii() {
        // The same test byte by byte: in ASCII the letters are a-z and A-Z.
        // The shape first: a name in Title Case fails at its second letter.
        let b = w.as_bytes();
        return b.iter().all(|&c| c.is_ascii_uppercase() || matches!(c, b'.' | b'&' | b'0'..=b'9'))
            && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
    }
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// The words an article writes in lowercase: a capitalised word opening a sentence that the
/// article also writes in lowercase is a common word, not a name.
///
/// An article asks about a handful of words (six on average in PolNeAR) but writes hundreds in
/// lowercase, so the words are recorded where they start, chained by their first letter, not
/// hashed: a question compares its word with the recorded words that start with its letter.
/// Only an article whose questions have made [`COMPARED_PER_WORD`] comparisons per recorded word
/// gets a hash set of all its words, so no text costs more than a few passes over its words.
pub(crate) struct Lowercase<'a> {
    text: &'a str,
    /// The lowercase words in text order.
    words: Vec<Recorded>,
    /// Per letter `b'a' + k`: 1 + the index of the last word starting with it (0 for none), the
    /// head of the chain through the letter's words.
    last_of_letter: [usize; 26],
    /// Recorded words [`Lowercase::has`] has compared so far.
    compared: Cell<usize>,
    /// The words' hashes by open addressing (0 for an empty slot), a power of two long and at
    /// most half full: with 64 bits, two distinct words practically never share a hash. Built
    /// once the questions have compared [`COMPARED_PER_WORD`] times as many words as recorded.
    set: OnceCell<Vec<u64>>,
    /// Surnames the article has written after a first name ("Marty Small", "George Will"), as
    /// hashes in the same kind of table: learnt paragraph by paragraph, in reading order.
    named: Vec<u64>,
    named_used: usize,
}

/// A lowercase word of the article as [`Lowercase`] records it.
#[derive(Clone, Copy)]
struct Recorded {
    /// Where the word starts in the text.
    start: usize,
    /// The end of its block: its run of letters and digits stops there at the latest.
    end: usize,
    /// Its first eight bytes (zero past the block's end), high bits cleared and ASCII letters
    /// lowered: a question's word is compared with these before the text is read.
    head: u64,
    /// 1 + the index of the previous word with the same first letter (0 for none).
    previous: usize,
}

/// Comparisons per recorded word [`Lowercase::has`] makes before it hashes all the words instead
/// (hashing and storing a word costs about as much as sixteen comparisons).
const COMPARED_PER_WORD: usize = 16;

impl<'a> Lowercase<'a> {
    /// Collect the lowercase words of `spans` of `text`.
    pub(crate) fn of(text: &'a str, spans: impl Iterator<Item = Span>) -> Lowercase<'a> {
        let mut set = Lowercase {
            text,
            words: Vec::with_capacity(text.len() / 8),
            last_of_letter: [0; 26],
            compared: Cell::new(0),
            set: OnceCell::new(),
            named: vec![0; 64],
            named_used: 0,
        };
        for sp in spans {
            let bytes = sp.slice(text).as_bytes();
            let mut add = |start: usize| {
                // `start` is a lowercase letter's.
                let k = usize::from(bytes[start].wrapping_sub(b'a')).min(25);
                let head = scan::lower_ascii(scan::load_upto(bytes, start) & !scan::splat(0x80));
                set.words.push(Recorded {
                    start: sp.start + start,
                    end: sp.end,
                    head,
                    previous: set.last_of_letter[k],
                });
                set.last_of_letter[k] = set.words.len();
            };
            // Eight bytes at a time: the lowercase letters right after a delimiter start words.
            let mut i = 0;
            let mut after_delim = true;
            while let Some(x) = scan::load(bytes, i) {
                // Every delimiter is at most '(' (0x28): lanes at most that are candidates, checked
                // exactly below; lanes outside ASCII are neither delimiters nor lowercase.
                let high = x & scan::splat(0x80);
                let low7 = x & !scan::splat(0x80);
                let maybe_delim = !scan::ge_bytes(low7, b'(' + 1) & scan::splat(0x80) & !high;
                let lower = scan::range_bytes(low7, b'a', b'z') & !high;
                let mut starts = lower & ((maybe_delim << 8) | if after_delim { 0x80 } else { 0 });
                while starts != 0 {
                    let p = i + (starts.trailing_zeros() / 8) as usize;
                    if p == 0 || matches!(bytes[p - 1], b' ' | b'\n' | b'\t' | b'(' | b'"' | b'\'') {
                        add(p);
                    }
                    starts &= starts - 1;
                }
                after_delim = matches!(bytes[i + 7], b' ' | b'\n' | b'\t' | b'(' | b'"' | b'\'');
                i += 8;
            }
            while i < bytes.len() {
                // A word after a space or an opening mark: not a handle, path or address piece
                // ("@mike_pence", "site.com/pence").
                let word_start = i == 0 || matches!(bytes[i - 1], b' ' | b'\n' | b'\t' | b'(' | b'"' | b'\'');
                if bytes[i].is_ascii_lowercase() && word_start {
                    add(i);
                }
                i += 1;
            }
        }
        set
    }

    /// The hash set of every recorded word ([`Lowercase::set`]).
    fn hash_set(&self) -> Vec<u64> {
        // A word takes two bytes at least: room for every possible word at half load, capped;
        // the table grows if a pathological text needs more.
        let mut slots = vec![0; (self.text.len() / 4).clamp(64, 1 << 16).next_power_of_two()];
        let mut used = 0;
        for &Recorded { start, end, .. } in &self.words {
            let bytes = self.text.as_bytes().get(..end).unwrap_or(&[]);
            // Most words end within the eight bytes loaded at their start: their end and hash
            // come from that one register.
            let h = match scan::load(bytes, start).and_then(|x| Lowercase::word_hash16(x, bytes, start)) {
                Some(h) => h,
                None => {
                    let end = crate::article::scan::skip_ascii_alnum(bytes, start, bytes.len());
                    Lowercase::hash_in(bytes, start, end)
                }
            };
            table_insert(&mut slots, &mut used, h);
        }
        slots
    }

    /// A 64-bit hash of an ASCII word, case ignored (never 0): eight bytes at a time, lowercased
    /// in a register.
    fn hash(word: &[u8]) -> u64 {
        Lowercase::hash_in(word, 0, word.len())
    }

    /// The high bit of every byte of the eight bytes `x` (little-endian) that is not an ASCII
    /// letter or digit: where a word in them stops.
    #[inline]
    fn word_stops(x: u64) -> u64 {
        let hi = scan::splat(0x80);
        let y = x & !hi;
        let alnum = scan::range_bytes(y, b'0', b'9') | scan::range_bytes(y | scan::splat(0x20), b'a', b'z');
        (!alnum & hi) | (x & hi)
    }

    /// [`Lowercase::hash_in`] of the word at the start of the eight bytes `x` (little-endian,
    /// first byte an ASCII letter or digit), when the word ends inside them: the run of ASCII
    /// letters and digits up to the first other byte. `None` when all eight bytes belong to it.
    #[inline]
    fn short_word_hash(x: u64) -> Option<u64> {
        let y = x & !scan::splat(0x80);
        let stop = Lowercase::word_stops(x);
        if stop == 0 {
            return None;
        }
        // The word's length, 0..=7, and its bytes lowercased with the rest masked off: the one
        // chunk `hash_in` would read.
        let len = (stop.trailing_zeros() / 8) as u64;
        let chunk = scan::lower_ascii(y) & ((1u64 << (8 * len)) - 1);
        let mut h = (0x9E37_79B9_7F4A_7C15u64 ^ len ^ chunk).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 32;
        Some(h.max(1))
    }

    /// [`Lowercase::short_word_hash`] extended to words of up to fifteen bytes: `x` holds the
    /// eight bytes at `start` of `bytes`; a word filling them all continues into the next eight.
    #[inline]
    fn word_hash16(x: u64, bytes: &[u8], start: usize) -> Option<u64> {
        if let Some(h) = Lowercase::short_word_hash(x) {
            return Some(h);
        }
        let y = scan::load(bytes, start + 8)?;
        let z = y & !scan::splat(0x80);
        let stop = Lowercase::word_stops(y);
        if stop == 0 {
            return None;
        }
        // The rounds `hash_in` makes: the first eight bytes whole, then the rest if any.
        let rest = (stop.trailing_zeros() / 8) as u64;
        let mut h = (0x9E37_79B9_7F4A_7C15u64 ^ (8 + rest) ^ scan::lower_ascii(x)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 32;
        if rest > 0 {
            h = (h ^ (scan::lower_ascii(z) & ((1u64 << (8 * rest)) - 1))).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 32;
        }
        Some(h.max(1))
    }

    /// [`Lowercase::hash`] of `bytes[start..end]`, reading whole eight-byte chunks from `bytes`
    /// where it has them (the bytes past the word masked off).
    fn hash_in(bytes: &[u8], start: usize, end: usize) -> u64 {
        let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ (end - start) as u64;
        let mut i = start;
        while i < end {
            let raw = scan::load(bytes, i).unwrap_or_else(|| scan::load_upto(bytes, i));
            let left = end - i;
            let chunk = scan::lower_ascii(raw & !scan::splat(0x80));
            let chunk = if left < 8 { chunk & ((1u64 << (8 * left)) - 1) } else { chunk };
            h = (h ^ chunk).wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 32;
            i += 8;
        }
        h.max(1)
    }

    /// Remember the surname of a person named in full ("Marty Small"): an ASCII word only.
    pub(crate) fn learn_surname(&mut self, word: &str) {
        // A number ends names of things, not people: "Air Force One", "Apollo Eleven".
        const NUMBERS: [&str; 13] = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "first",
        ];
        if NUMBERS.iter().any(|n| word.eq_ignore_ascii_case(n)) {
            return;
        }
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            table_insert(&mut self.named, &mut self.named_used, Lowercase::hash(word.as_bytes()));
        }
    }

    /// Has the article, so far, written `word` as the surname of a person named in full?
    pub(crate) fn is_surname(&self, word: &str) -> bool {
        if self.named_used == 0 || word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return false;
        }
        let h = Lowercase::hash(word.as_bytes());
        self.named[table_slot(&self.named, h)] == h
    }

    /// Does the article write `word` (an ASCII word, any case) in lowercase somewhere?
    pub(crate) fn has(&self, word: &str) -> bool {
        let w = word.trim_end_matches('.').as_bytes();
        if w.is_empty() || !w.iter().all(u8::is_ascii_alphanumeric) {
            return false;
        }
        if self.compared.get() > COMPARED_PER_WORD.saturating_mul(self.words.len()) {
            let set = self.set.get_or_init(|| self.hash_set());
            let h = Lowercase::hash(w);
            return set[table_slot(set, h)] == h;
        }
        // A recorded word is `w` when it starts with `w`'s bytes (ASCII case ignored) and its run
        // of letters and digits ends right after them. Only words with `w`'s first letter are
        // compared (none for a digit: every recorded word starts with a letter).
        let Some(k) = w[0].to_ascii_lowercase().checked_sub(b'a').map(usize::from).filter(|&k| k < 26) else {
            return false;
        };
        let b = self.text.as_bytes();
        let head = scan::lower_ascii(scan::load_upto(w, 0));
        let head_mask = if w.len() >= 8 { u64::MAX } else { (1u64 << (8 * w.len())) - 1 };
        let (mut next, mut steps, mut found) = (self.last_of_letter[k], 0, false);
        while let Some(&Recorded { start, end, head: h, previous }) =
            next.checked_sub(1).and_then(|i| self.words.get(i))
        {
            steps += 1;
            let same = (h ^ head) & head_mask == 0
                && b.get(start..end).is_some_and(|run| {
                    run.len() >= w.len()
                        && run[..w.len()].eq_ignore_ascii_case(w)
                        && run.get(w.len()).is_none_or(|x| !x.is_ascii_alphanumeric())
                });
            if same {
                found = true;
                break;
            }
            next = previous;
        }
        self.compared.set(self.compared.get().saturating_add(steps));
        found
    }
}

/// The slot of hash `h` in an open-addressing table a power of two long: its own or the empty
/// one where it would go.
fn table_slot(slots: &[u64], h: u64) -> usize {
    let mask = slots.len() - 1;
    let mut i = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
    while slots[i] != 0 && slots[i] != h {
        i = (i + 1) & mask;
    }
    i
}

/// Add hash `h` to an open-addressing table kept at most half full (doubling when needed).
fn table_insert(slots: &mut Vec<u64>, used: &mut usize, h: u64) {
    if (*used + 1) * 2 > slots.len() {
        let size = slots.len() * 2;
        let old = std::mem::replace(slots, vec![0; size]);
        for x in old.into_iter().filter(|&x| x != 0) {
            let i = table_slot(slots, x);
            slots[i] = x;
        }
    }
    let i = table_slot(slots, h);
    if slots[i] == 0 {
        slots[i] = h;
        *used += 1;
    }
}

/// Find the mentions of a paragraph's tokens, in order. Clears and fills `out`.
/// `cues` are the cues of `toks`.
pub(crate) fn find(text: &str, toks: &[Tok], cues: &Cues, common: &Lowercase<'_>, out: &mut Vec<Mention>) {
    out.clear();
    let n = toks.len();
    let mut t = 0;
    while t < n {
        let tok = toks[t];
        if !tok.is_word() {
            t += 1;
            continue;
        }
        if let Some(p) = pronoun(text, &tok) {
            // "his wife", "their spokesman": a possessive pronoun opening a description.
            if tok.has(flag::POSS_DETS) {
                if let Some(m) = description(toks, t, true) {
                    t = m.last + 1;
                    out.push(m);
                    continue;
                }
            }
            let poss =
                ["his", "their", "its", "my", "our"].iter().any(|p| tok.span.slice(text).eq_ignore_ascii_case(p));
            out.push(Mention {
                first: t,
                last: t,
                span: tok.span,
                name: tok.span,
                role: None,
                appos_end: None,
                kind: MKind::Pronoun(p),
                poss,
                words: 1,
                place: false,
            });
            t += 1;
            continue;
        }
        let det = tok.has(flag::DETERMINERS);
        if det || !tok.cap {
            if let Some(m) = description(toks, t, det) {
                t = m.last + 1;
                out.push(m);
                continue;
            }
            if det && toks.get(t + 1).is_some_and(|x| x.is_word() && x.cap) {
                // "the White House", "the New York Times": a name after "the" is an organisation.
                if let Some(mut m) = name(text, toks, cues, t + 1, true, common) {
                    if m.first == t + 1 {
                        m.first = t;
                        m.span = Span::new(tok.span.start, m.span.end);
                    }
                    t = push_name(text, toks, m, out);
                    continue;
                }
            }
            t += 1;
            continue;
        }
        // "Officials said", "Critics say": a capitalised plural description, not a name.
        if tok.cap && tok.has(flag::THING_NOUNS) && !toks.get(t + 1).is_some_and(|x| x.is_word() && x.cap) {
            if let Some(m) = description(toks, t, false) {
                t = m.last + 1;
                out.push(m);
                continue;
            }
        }
        match name(text, toks, cues, t, false, common) {
            Some(m) => t = push_name(text, toks, m, out),
            None => t += 1,
        }
    }
}

/// Add lowercase roles before a person's name and an apposition after it, then push.
fn push_name(text: &str, toks: &[Tok], mut m: Mention, out: &mut Vec<Mention>) -> usize {
    if m.kind == MKind::Person {
        if m.role.is_none() {
            if let Some(first) = role_before(toks, m.first) {
                m.role = Some(Span::new(toks[first].span.start, toks[m.first - 1].span.end));
            }
        }
        if !m.poss {
            apposition(text, toks, &mut m);
        }
    }
    out.push(m);
    // "Obama's former campaign strategist": a description after a possessive name.
    if m.poss && m.kind != MKind::Org {
        if let Some(d) = description(toks, m.last + 1, false).or_else(|| possessed_description(toks, m.last + 1)) {
            let next = d.last + 1;
            out.push(d);
            return next;
        }
    }
    m.last + 1
}

/// A description right after a possessive ("[Obama's] former campaign strategist"): modifiers
/// and a person noun, read as if "the" stood before them.
fn possessed_description(toks: &[Tok], t: usize) -> Option<Mention> {
    let mut d = description(toks, t.checked_sub(1)?, true)?;
    if d.first + 1 != t || !matches!(d.kind, MKind::Nominal(Nom::Person)) {
        return None;
    }
    d.first = t;
    d.span = Span::new(toks[t].span.start, d.span.end);
    Some(d)
}

/// First token of a lowercase role (with an optional capitalised organisation before it) ending
/// right before token `at`: "European Commission spokesman", "White House press secretary".
fn role_before(toks: &[Tok], at: usize) -> Option<usize> {
    let mut j = at;
    let mut has_noun = false;
    let lowest = at.saturating_sub(6);
    while j > lowest {
        let t = &toks[j - 1];
        if !t.is_word() || t.cap {
            break;
        }
        if t.has(flag::PERSON_NOUNS) {
            has_noun = true;
        } else if !t.has(flag::ROLE_LOWER_EXTRA) {
            break;
        }
        j -= 1;
    }
    if !has_noun {
        return None;
    }
    // A capitalised organisation or party right before: "European Commission", "Democratic".
    let mut k = j;
    while k > 0 && k + 5 > j && toks[k - 1].is_word() && toks[k - 1].cap && !toks[k - 1].has(flag::STOP_CAPS) {
        k -= 1;
    }
    if k > 0 && toks[k - 1].is_word() && toks[k - 1].poss && k == j {
        k -= 1; // "Clinton’s campaign manager"
    }
    Some(k)
}

/// ", a spokesman for the European Commission," after a name: record it as a role.
fn apposition(text: &str, toks: &[Tok], m: &mut Mention) {
    let c = m.last + 1;
    if !toks.get(c).is_some_and(|t| t.is_punct(',')) {
        return;
    }
    let mut k = c + 1;
    let stop = (c + 24).min(toks.len());
    let mut role_word = false;
    while k < stop {
        let t = &toks[k];
        if t.is_punct(',') || t.is_terminal() || matches!(t.kind, Tk::Quote(_)) || t.is_punct(':') {
            break;
        }
        if t.is_word() && (t.has(flag::PERSON_NOUNS) || t.has(flag::ROLE_CAPS)) {
            role_word = true;
        }
        k += 1;
    }
    if k == c + 1 || k >= toks.len() {
        return;
    }
    let first = &toks[c + 1];
    let numeric = k == c + 2 && first.span.slice(text).chars().all(|ch| ch.is_ascii_digit());
    // A capitalised apposition needs a role in it ("Peter Stano, European Commission
    // spokesman,"); without one it is an address ("Springfield, Va.,").
    let opens = first.is_word()
        && (is(text, first, &["a", "an", "the", "who"])
            || first.poss
            || first.has(flag::PERSON_NOUNS)
            || (first.cap && role_word));
    if !(toks[k].is_punct(',') && (numeric || opens)) {
        return;
    }
    m.appos_end = Some(k);
    if role_word && !is(text, first, &["who"]) {
        let mut s = c + 1;
        if is(text, first, &["a", "an", "the"]) {
            s += 1;
        }
        if s < k {
            m.role = Some(Span::new(toks[s].span.start, toks[k - 1].span.end));
        }
    }
}

/// "the foreign minister", "the senior diplomat", "the ministry", "the statement", "officials".
fn description(toks: &[Tok], t: usize, det: bool) -> Option<Mention> {
    // Without a determiner only a bare plural at `t` itself is a description (the loop below
    // turns down any other head): answer the common case, any other word, at once.
    let bare_plural = |w: &Tok| w.is_word() && w.has(flag::THING_NOUNS) && !w.has(flag::PERSON_NOUNS | flag::ORG_NOUNS);
    if !det && !toks.get(t).is_some_and(bare_plural) {
        return None;
    }
    let start = t;
    let mut j = if det { t + 1 } else { t };
    let stop = (j + 4).min(toks.len());
    while j < stop {
        let w = &toks[j];
        if !w.is_word() {
            return None;
        }
        let lower = !w.cap || (j == start && !det);
        let kind = if w.has(flag::PERSON_NOUNS) && lower {
            Some(Nom::Person)
        } else if w.has(flag::ORG_NOUNS) && lower {
            Some(Nom::Org)
        } else if w.has(flag::THING_NOUNS) && lower {
            Some(Nom::Thing)
        } else {
            None
        };
        if let Some(k) = kind {
            // Without a determiner only bare plurals ("officials said") are descriptions.
            if !(det || (k == Nom::Thing && j == start)) {
                return None;
            }
            // Take a following person noun too: "the campaign manager", "the press secretary".
            let mut last = j;
            while last + 1 < toks.len()
                && toks[last + 1].is_word()
                && !toks[last + 1].cap
                && toks[last + 1].has(flag::PERSON_NOUNS)
            {
                last += 1;
            }
            let kind = if last > j { Nom::Person } else { k };
            return Some(Mention {
                first: start,
                last,
                span: Span::new(toks[start].span.start, toks[last].span.end),
                name: toks[last].span,
                role: None,
                appos_end: None,
                kind: MKind::Nominal(kind),
                poss: toks[last].poss,
                words: 1,
                place: false,
            });
        }
        // Modifiers: lowercase adjectives and title words ("the Chinese leader", "the senior diplomat").
        if w.has(flag::STOP_CAPS) {
            return None;
        }
        if w.poss {
            return None;
        }
        j += 1;
    }
    None
}

/// A capitalised name starting at token `t`. `after_the`: preceded by "the" (an organisation).
fn name(text: &str, toks: &[Tok], cues: &Cues, t: usize, after_the: bool, common: &Lowercase<'_>) -> Option<Mention> {
    let n = toks.len();
    // The run of capitalised words (with connectors), ending at a possessive.
    let mut j = t;
    while j < n && toks[j].is_word() {
        // A headline's capitalised verb ends the name: "Obama Says Museum Will Tell".
        if j > t && toks[j].has(flag::CUE_FIRST) && cues.at(j).is_some_and(|c| c.form == super::cues::Form::Verb) {
            break;
        }
        if toks[j].cap {
            j += 1;
            if toks[j - 1].poss {
                break;
            }
            continue;
        }
        let connector = j > t && j + 1 < n && toks[j + 1].is_word() && toks[j + 1].cap && toks[j].has(flag::CONNECTORS);
        if !connector {
            break;
        }
        // "of" only continues a title or an organisation: "Secretary of State", "Bank of America".
        if is(text, &toks[j], &["for", "of"]) && !(toks[j - 1].has(flag::ROLE_CAPS) || toks[j - 1].has(flag::ORG_HEADS))
        {
            break;
        }
        j += 1;
    }
    // Drop sentence openers and other stop words at the start.
    let mut s = t;
    // "Stated Stone: “…”", "Added Clinton, “…”": a verb of saying opening the sentence, then a name.
    let opens = t == 0 || toks[t - 1].is_terminal() || matches!(toks[t - 1].kind, Tk::Quote(_));
    if j > t + 1
        && opens
        && toks[t].has(flag::CUE_FIRST)
        && cues.at(t).is_some_and(|c| c.form == super::cues::Form::Verb && c.end == t + 1)
    {
        s = t + 1;
    }
    // A stop word standing alone that the article has written as a surname is the person:
    // "Will claims" after "columnist George Will".
    while s < j
        && ((toks[s].has(flag::STOP_CAPS) && !(s + 1 == j && common.is_surname(toks[s].base(text).slice(text))))
            || (toks[s].span.slice(text).starts_with(['@', '#'])))
    {
        s += 1;
    }
    if s >= j {
        return None;
    }
    // A lone capitalised adverb or participle opening a sentence ("Apparently", "Weighing in")
    // is no name.
    if j - s == 1 {
        let w = toks[s].span.slice(text);
        if w.len() >= 7 && w.ends_with("ly") {
            return None;
        }
        let opens = s == 0 || toks[s - 1].is_terminal() || matches!(toks[s - 1].kind, Tk::Quote(_));
        // "Weighing in", "Addressing attendees": a participle opens the sentence when a lowercase
        // word that is neither a verb of saying nor an auxiliary follows ("Manning has said" is a
        // name).
        let verb_follows = toks.get(j).is_some_and(|x| {
            x.is_word()
                && !x.cap
                && (x.has(flag::CUE_FIRST) || x.has(flag::AUXILIARIES))
                && !x.has(flag::AFTER_PARTICIPLE)
        });
        // "Early one evening, …" opens like a participle; "Early said" is a name.
        let participle = (w.len() >= 5 && w.ends_with("ing")) || (w.len() >= 5 && w.ends_with("ed")) || w == "Early";
        if opens && participle && !verb_follows && !toks[s].has(flag::PLACES) {
            return None;
        }
        // A common word capitalised only because it opens the sentence ("Critics", "Two",
        // "Sometimes"): the article also writes it in lowercase.
        // Unless the article has named someone so: "Small, who attended the rally, said" after
        // "Councilman Marty Small".
        let sentence_start = s == 0 || toks[s - 1].is_terminal();
        if sentence_start
            && common.has(w)
            && !toks[s].has(flag::PLACES | flag::ORG_HEADS)
            && !acronym(w)
            && !common.is_surname(toks[s].base(text).slice(text))
        {
            return None;
        }
    }
    let last = j - 1;
    let poss = toks[last].poss;
    // Split the role prefix from the name proper at the last title word that has a name after it.
    let mut name_first = s;
    for r in s..last {
        let w = &toks[r];
        // A capitalised person noun is a role too: "Journalist Jorge Ramos", "Billionaire Donald Trump".
        // So is a place or origin made an adjective: "Texas-based Matt Mackowiak", "South Korean-born …".
        let word = w.span.slice(text).as_bytes();
        let origin = [&b"-based"[..], b"-born"]
            .iter()
            .any(|x| word.len() > x.len() && word[word.len() - x.len()..].eq_ignore_ascii_case(x));
        if w.has(flag::ROLE_CAPS) || w.has(flag::HONORIFICS) || w.has(flag::PERSON_NOUNS) || origin {
            let rest_has_name = (r + 1..=last).any(|k| !toks[k].has(flag::SUFFIXES) && !toks[k].has(flag::CONNECTORS));
            if rest_has_name {
                name_first = r + 1;
            }
        }
    }
    while name_first < last && toks[name_first].has(flag::CONNECTORS) {
        name_first += 1;
    }
    let words = last + 1 - name_first;
    let name_span = Span::new(toks[name_first].span.start, toks[last].base(text).end);
    let honorific_only = name_first > s && (s..name_first).all(|k| toks[k].has(flag::HONORIFICS));
    let role =
        (name_first > s && !honorific_only).then(|| Span::new(toks[s].span.start, toks[name_first - 1].span.end));
    // After a role ("House Speaker Paul Ryan") only the name proper decides.
    let any_org_head = (name_first..=last).any(|k| toks[k].has(flag::ORG_HEADS))
        || (name_first == s && (s..=last).any(|k| toks[k].has(flag::ORG_HEADS)));
    let all_roles = (s..=last)
        .all(|k| toks[k].has(flag::ROLE_CAPS) || toks[k].has(flag::CONNECTORS) || toks[k].has(flag::ORG_HEADS));
    let name_text = name_span.slice(text);
    let single = words == 1;
    let place = (name_first..=last).any(|k| toks[k].has(flag::PLACES) && (k == last || single));
    let org = any_org_head || (single && acronym(name_text)) || place || (after_the && !all_roles && role.is_none());
    let mut m = Mention {
        first: s,
        last,
        span: Span::new(toks[s].span.start, toks[last].span.end),
        name: name_span,
        role,
        appos_end: None,
        kind: if org { MKind::Org } else { MKind::Person },
        poss,
        words,
        place: place && !any_org_head,
    };
    // A lone title the article has written as a surname is the person: "King says" after
    // "Billie Jean King".
    if all_roles && !any_org_head && !(s == last && common.is_surname(toks[s].base(text).slice(text))) {
        // "President", "Foreign Minister": a capitalised role with no name is a description.
        if !toks[last].has(flag::PERSON_NOUNS) {
            return None;
        }
        m.kind = MKind::Nominal(Nom::Person);
        m.name = toks[last].base(text);
        m.role = None;
        return Some(m);
    }
    if org && any_org_head {
        // An organisation keeps its whole name: "Chinese Foreign Ministry", "U.S. State Department".
        m.name = Span::new(toks[s].span.start, toks[last].base(text).end);
        m.role = None;
        m.words = last + 1 - s;
    }
    // "NATO leaders", "White House officials": the organisation speaks through its people.
    if m.kind == MKind::Org && toks.get(last + 1).is_some_and(|x| x.is_word() && !x.cap && x.has(flag::GROUP_NOUNS)) {
        m.last = last + 1;
        m.span = Span::new(m.span.start, toks[last + 1].span.end);
        return Some(m);
    }
    // A lowercase organisation word after the name: "Xinhua news agency", "the Trump campaign".
    let mut e = last + 1;
    while e < n && e <= last + 2 && toks[e].is_word() && !toks[e].cap && toks[e].has(flag::ORG_NOUNS_AFTER) {
        e += 1;
    }
    if e > last + 1 && toks[e - 1].has(flag::ORG_NOUNS) {
        m.kind = MKind::Org;
        m.last = e - 1;
        m.span = Span::new(m.span.start, toks[e - 1].span.end);
        m.name = Span::new(toks[s].span.start, toks[e - 1].base(text).end);
        m.role = None;
        m.poss = toks[e - 1].poss;
        m.words = e - s;
    }
    // An organisation's spokesman or official speaks for it: "a State Department spokesman".
    if m.kind == MKind::Org && !place && !m.poss {
        if let Some(x) = toks.get(m.last + 1).filter(|x| x.is_word() && !x.cap && x.has(flag::PERSON_NOUNS)) {
            m.last += 1;
            m.span = Span::new(m.span.start, x.span.end);
            m.poss = x.poss;
        }
    }
    Some(m)
}

/// Plural people of an organisation: "NATO leaders" speak for NATO.
#[rustfmt::skip]
pub(crate) const GROUP_NOUNS: &[&str] = &[
    "aides", "diplomats", "lawmakers", "leaders", "members", "ministers", "negotiators", "officials",
    "representatives", "sources", "spokesmen", "staff", "staffers",
];

/// Lowercase words that may stand between a name and its organisation noun ("news agency").
#[rustfmt::skip]
pub(crate) const ORG_NOUNS_AFTER: &[&str] = &[
    "administration", "agency", "board", "camp", "campaign", "committee", "company", "council", "court", "daily",
    "department", "embassy", "firm", "foundation", "government", "group", "magazine", "ministry", "network", "news",
    "newspaper", "office", "organisation", "organization", "outlet", "panel", "party", "press", "regime", "state",
    "team", "union", "website",
];

/// Is `w` a person noun (a role head like "minister", "spokesman")?
pub(crate) fn is_person_noun(w: &str) -> bool {
    super::lexicon::flags(w) & flag::PERSON_NOUNS != 0
}

/// Is `w` a lowercase role word that may stand between two names ("campaign manager")?
pub(crate) fn is_role_lower(w: &str) -> bool {
    super::lexicon::flags(w) & (flag::PERSON_NOUNS | flag::ROLE_LOWER_EXTRA) != 0
}

/// Is `w` a courtesy title or a name suffix ("Mr.", "Jr."), both dropped from names? One lookup
/// for both lists.
pub(crate) fn is_honorific_or_suffix(w: &str) -> bool {
    super::lexicon::flags(w) & (flag::HONORIFICS | flag::SUFFIXES) != 0
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn mentions(s: &str) -> Vec<String> {
        let mut toks = Vec::new();
        tokenize(s, Span::new(0, s.len()), &[], &mut toks);
        let mut ms = Vec::new();
        let mut cues = Cues::default();
        cues.fill(s, &toks);
        find(s, &toks, &cues, &Lowercase::of(s, std::iter::empty()), &mut ms);
        ms.iter()
            .map(|m| {
                let k = match m.kind {
                    MKind::Person => "P",
                    MKind::Org => "O",
                    MKind::Pronoun(_) => "pro",
                    MKind::Nominal(Nom::Person) => "nom",
                    MKind::Nominal(Nom::Org) => "nom-org",
                    MKind::Nominal(Nom::Thing) => "thing",
                };
                match m.role {
                    Some(r) => format!("{k}:{}[{}]", m.name.slice(s), r.slice(s)),
                    None => format!("{k}:{}", m.name.slice(s)),
                }
            })
            .collect()
    }

    #[test]
    fn mention_rows() {
        let rows: &[(&str, &[&str])] = &[
            ("NATO Secretary General Jens Stoltenberg said", &["P:Jens Stoltenberg[NATO Secretary General]"]),
            ("US Secretary of State Antony Blinken said", &["P:Antony Blinken[US Secretary of State]"]),
            (
                "European Commission spokesman Peter Stano said",
                &["O:European Commission", "P:Peter Stano[European Commission spokesman]"],
            ),
            (
                "Foreign Ministry spokesperson Wang Wenbin dismissed",
                &["O:Foreign Ministry", "P:Wang Wenbin[Foreign Ministry spokesperson]"],
            ),
            ("the senior diplomat also called China a", &["nom:diplomat", "O:China"]),
            ("Wang’s comments on Monday", &["P:Wang"]),
            ("Mr. Ackman said", &["P:Ackman"]),
            ("Sen. Ted Cruz of Texas said", &["P:Ted Cruz[Sen.]", "O:Texas"]),
            ("the White House said", &["O:White House"]),
            ("Xinhua news agency reported", &["O:Xinhua news agency"]),
            (
                "Peter Stano, a spokesman for the European Commission, said",
                &["P:Peter Stano[spokesman for the European Commission]", "O:European Commission"],
            ),
            ("He said officials told her", &["pro:He", "thing:officials", "pro:her"]),
            ("Beijing on Thursday denounced", &["O:Beijing"]),
            ("Last week, NATO leaders called", &["O:NATO"]),
        ];
        for (text, want) in rows {
            assert_eq!(mentions(text), *want, "mentions({text:?})");
        }
    }

    #[test]
    fn lowercase_words_are_the_article_s() {
        let s = "The cat (sat) on \"the\" 'mat' a\tb\nc. Critics said critics often\u{a0}say é-words xyz1 \
                 abcdefghijklmnopqrstu vw @handle site.com/page";
        // Each answer twice: by comparing the recorded words (a fresh set) and from the hash set
        // built once many questions were asked.
        let has = |w: &str| {
            let fresh = Lowercase::of(s, std::iter::once(Span::new(0, s.len())));
            let hashed = Lowercase::of(s, std::iter::once(Span::new(0, s.len())));
            hashed.compared.set(usize::MAX);
            let (a, b) = (fresh.has(w), hashed.has(w));
            assert_eq!(a, b, "{w:?}: compared and hashed answers differ");
            a
        };
        for w in [
            "the",
            "The",
            "CAT",
            "sat",
            "the",
            "mat",
            "a",
            "b",
            "c",
            "critics",
            "Critics",
            "said",
            "often",
            "xyz1",
            "abcdefghijklmnopqrstu",
            "vw",
            "site",
        ] {
            assert!(has(w), "{w:?} is written in lowercase");
        }
        for w in [
            "say",
            "words",
            "handle",
            "com",
            "page",
            "dog",
            "xyz",
            "1",
            "abcdefghijklmnopqrst",
            "abcdefghijklmnopqrstuv",
            "",
            "é",
        ] {
            assert!(!has(w), "{w:?} is not");
        }
    }

    #[test]
    fn short_word_hash_agrees_with_hash_in() {
        let text = "aB3 xyz, abcdefg abcdefgh a.b c’d q-r Zz9\té(ab) t\u{a0}u abcdefghijklmnop abcdefghI \
                    ABCDEFGHIJKLMNO abcdefghé abcdefghij-k 0123456789012345678 x";
        let b = text.as_bytes();
        for start in (0..b.len()).filter(|&i| b[i].is_ascii_alphanumeric()) {
            let Some(x) = scan::load(b, start) else { continue };
            let end = crate::article::scan::skip_ascii_alnum(b, start, b.len());
            let want = (end - start < 8).then(|| Lowercase::hash_in(b, start, end));
            assert_eq!(Lowercase::short_word_hash(x), want, "word at {start} of {text:?}");
            if scan::load(b, start + 8).is_some() {
                let want = (end - start < 16).then(|| Lowercase::hash_in(b, start, end));
                assert_eq!(Lowercase::word_hash16(x, b, start), want, "word at {start} of {text:?}");
            }
        }
    }

    #[test]
    fn acronyms_agree_with_the_character_test() {
        let by_chars = |w: &str| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
        };
        for w in ["NATO", "U.S.", "BBC", "AT&T", "G7", "A", "Trump", "USa", "3M", "", "ÉU", "A.B", "X1Y", "a.b."] {
            assert_eq!(acronym(w), by_chars(w), "{w:?}");
        }
    }

    #[test]
    fn pronoun_words_fit_the_length_bound() {
        for list in [PRON_PERSON, PRON_PLURAL, PRON_NEUTER, PRON_FIRST] {
            assert!(list.iter().all(|w| w.len() <= 5), "pronoun() assumes pronouns of at most five letters");
        }
    }

    #[test]
    fn lexicons_are_sorted_lowercase() {
        for (name, list) in [
            ("STOP_CAPS", STOP_CAPS),
            ("HONORIFICS", HONORIFICS),
            ("ROLE_CAPS", ROLE_CAPS),
            ("SUFFIXES", SUFFIXES),
            ("CONNECTORS", CONNECTORS),
            ("ORG_HEADS", ORG_HEADS),
            ("PLACES", PLACES),
            ("ORG_NOUNS", ORG_NOUNS),
            ("ORG_NOUNS_AFTER", ORG_NOUNS_AFTER),
            ("GROUP_NOUNS", GROUP_NOUNS),
            ("POSS_DETS", POSS_DETS),
            ("AFTER_PARTICIPLE", AFTER_PARTICIPLE),
            ("AUXILIARIES", AUXILIARIES),
            ("PERSON_NOUNS", PERSON_NOUNS),
            ("ROLE_LOWER_EXTRA", ROLE_LOWER_EXTRA),
            ("THING_NOUNS", THING_NOUNS),
            ("PRON_PERSON", PRON_PERSON),
            ("PRON_PLURAL", PRON_PLURAL),
            ("PRON_NEUTER", PRON_NEUTER),
            ("PRON_FIRST", PRON_FIRST),
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{name} is not sorted at {:?} / {:?}", w[0], w[1]);
            }
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "{name} holds a non-lowercase word {w:?}");
            }
        }
    }
}
