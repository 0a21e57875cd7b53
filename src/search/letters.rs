//! The first letter typed. A one-letter prefix ("t") expands to the commonest words of the
//! corpus, so it is the costliest word there is to evaluate, and every search starts with one;
//! at ten times the PolNeAR corpus its postings set the slowest keystrokes. The index evaluates
//! each initial of its dictionary as a one-letter prefix once, when it is built, in each space,
//! and a search takes those matches as they are (a pure function of the immutable index, so the
//! answer is the one evaluating it would give).

use super::eval::{evaluate, resolve, Match};
use super::index::{SpaceKind, Tables};
use super::query::{parse_query, Field, Word};

/// Per initial of the dictionary: its matches as a one-letter prefix in any field of the quotes
/// and of the paragraphs. Empty for the first screen's index (no words are searched there). Kept
/// as parallel lists of types the index already has (each new element type is its own copy of
/// Vec's code in the page's wasm).
#[derive(Debug, Default)]
pub(crate) struct Letters {
    initials: Vec<char>,
    quotes: Vec<Vec<Match>>,
    passages: Vec<Vec<Match>>,
}

impl Letters {
    /// Evaluate every initial in the quotes and in the paragraphs, as the query of that letter
    /// alone (the same parse, expansion and evaluation as a search's).
    pub(crate) fn new(tables: &Tables) -> Letters {
        let mut letters = Letters::default();
        let none = Letters::default();
        for c in tables.dict.initials() {
            let mut buf = [0; 4];
            let letter: &str = c.encode_utf8(&mut buf);
            let (q, _) = parse_query(letter);
            let rq = resolve(tables, &q, None);
            // Kept only when the letter parses as itself alone, the word being typed.
            let itself = matches!(rq.clauses.as_slice(), [clause] if matches!(clause.as_slice(),
                [l] if l.lit.field == Field::Any && !l.lit.negated && matches!(l.lit.words.as_slice(),
                    [w] if w.prefix && w.typos == 0 && w.text == letter)));
            if itself {
                letters.initials.push(c);
                letters.quotes.push(evaluate(tables, SpaceKind::Quotes, &rq, &none).matches);
                letters.passages.push(evaluate(tables, SpaceKind::Passages, &rq, &none).matches);
            }
        }
        letters
    }

    /// The matches of `w` in any field over all of `space` when `w` is a one-letter prefix (the
    /// word being typed, as the query parser makes it) of an initial's.
    pub(crate) fn get(&self, space: SpaceKind, w: &Word) -> Option<&[Match]> {
        let mut cs = w.text.chars();
        let (Some(c), None, true, 0) = (cs.next(), cs.next(), w.prefix, w.typos) else { return None };
        let i = self.initials.iter().position(|&k| k == c)?;
        match space {
            SpaceKind::Quotes => self.quotes.get(i).map(Vec::as_slice),
            SpaceKind::Passages => self.passages.get(i).map(Vec::as_slice),
            SpaceKind::Articles => None,
        }
    }

    /// Estimated heap bytes held.
    pub(crate) fn bytes(&self) -> usize {
        let per = std::mem::size_of::<Match>();
        let mut n = 4 * self.initials.capacity();
        for v in self.quotes.iter().chain(&self.passages) {
            n += 24 + per * v.capacity();
        }
        n
    }
}
