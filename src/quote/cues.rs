//! The words that introduce a quotation: "said", "told reporters", "according to", "in a
//! statement", "wrote on Twitter", "called … a", in two tiers.
//!
//! - **Safe** cues are verbs of saying: they attribute a quote anywhere in the reporter's clause,
//!   before it ("Wang said the alliance would ‘…’") or after it ("‘…,’ Wang said").
//! - **Near** cues characterise rather than report ("called it a", "described … as", "hailed",
//!   "asking … to respect"): they attribute only a quote within a few words after them, since far
//!   from a quote mark they are ordinary verbs.
//!
//! Entries are phrases of lowercase words, matched word by word over the token stream; the
//! longest phrase at a position wins ("said in a statement" over "said").

use super::lexicon::flag;
use super::tokens::{Tk, Tok};

/// How far a cue may be from the quote it introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tier {
    /// A verb of saying: anywhere in the clause.
    Safe,
    /// A verb of characterising: only just before a quote mark.
    Near,
}

/// How the cue relates to its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// "Wang said", "said Wang": the speaker is the subject, before or right after.
    Verb,
    /// "saying", "adding": the speaker is the subject of the clause it hangs on.
    Participle,
    /// "according to Wang": the speaker follows.
    AccordingTo,
    /// "quoted Wang as saying": the speaker is right before.
    AsSaying,
    /// "in a statement": no speaker of its own; the subject of the clause.
    Circumstance,
}

/// A cue found in a token stream.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CueHit {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Its tier.
    pub tier: Tier,
    /// How it points at its speaker.
    pub form: Form,
}

use Form::*;
use Tier::*;

/// The cue lexicon, sorted by phrase (checked by a test). Inflections are listed, not derived.
const CUES: &[(&str, Tier, Form)] = &[
    ("according to", Safe, AccordingTo),
    ("accused", Near, Verb),
    ("accuses", Near, Verb),
    ("acknowledged", Safe, Verb),
    ("acknowledges", Safe, Verb),
    ("acknowledging", Near, Participle),
    ("added", Safe, Verb),
    ("adding", Safe, Participle),
    ("adds", Safe, Verb),
    ("admits", Safe, Verb),
    ("admitted", Safe, Verb),
    ("admitting", Safe, Participle),
    ("advised", Safe, Verb),
    ("affirmed", Safe, Verb),
    ("agreed", Near, Verb),
    ("agrees", Safe, Verb),
    ("alleged", Safe, Verb),
    ("alleges", Safe, Verb),
    ("announced", Safe, Verb),
    ("announces", Safe, Verb),
    ("announcing", Safe, Participle),
    ("answered", Safe, Verb),
    ("argue", Safe, Verb),
    ("argued", Safe, Verb),
    ("argues", Safe, Verb),
    ("arguing", Safe, Participle),
    ("as saying", Safe, AsSaying),
    ("asked", Safe, Verb),
    ("asking", Near, Participle),
    ("asks", Safe, Verb),
    ("asserted", Safe, Verb),
    ("asserts", Safe, Verb),
    ("assured", Safe, Verb),
    ("blasted", Near, Verb),
    ("boasted", Safe, Verb),
    ("boasts", Safe, Verb),
    ("branded", Near, Verb),
    ("called", Near, Verb),
    ("calling", Near, Participle),
    ("calls", Near, Verb),
    ("cautioned", Safe, Verb),
    ("chanted", Safe, Verb),
    ("characterized", Near, Verb),
    ("charged", Near, Verb),
    ("chimed in", Safe, Verb),
    ("cited", Near, Verb),
    ("claim", Near, Verb),
    ("claimed", Safe, Verb),
    ("claiming", Near, Participle),
    ("claims", Safe, Verb),
    ("commented", Safe, Verb),
    ("complained", Safe, Verb),
    ("complains", Safe, Verb),
    ("conceded", Safe, Verb),
    ("concedes", Safe, Verb),
    ("conceding", Safe, Participle),
    ("concluded", Safe, Verb),
    ("concludes", Safe, Verb),
    ("confirmed", Safe, Verb),
    ("contended", Safe, Verb),
    ("contends", Safe, Verb),
    ("continued", Near, Verb),
    ("continues", Near, Verb),
    ("countered", Safe, Verb),
    ("counters", Safe, Verb),
    ("cried", Safe, Verb),
    ("criticized", Near, Verb),
    ("declared", Safe, Verb),
    ("declares", Safe, Verb),
    ("declaring", Safe, Participle),
    ("decried", Near, Verb),
    ("defended", Near, Verb),
    ("demanded", Safe, Verb),
    ("demanding", Near, Participle),
    ("demands", Safe, Verb),
    ("denied", Near, Verb),
    ("denounced", Near, Verb),
    ("described", Near, Verb),
    ("describes", Near, Verb),
    ("describing", Near, Participle),
    ("dismissed", Near, Verb),
    ("dubbed", Near, Verb),
    ("echoed", Safe, Verb),
    ("emphasised", Safe, Verb),
    ("emphasized", Safe, Verb),
    ("exclaimed", Safe, Verb),
    ("exhorted", Safe, Verb),
    ("explained", Safe, Verb),
    ("explaining", Safe, Participle),
    ("explains", Safe, Verb),
    ("expressed", Near, Verb),
    ("fumed", Safe, Verb),
    ("grumbled", Safe, Verb),
    ("hailed", Near, Verb),
    ("hailing", Near, Participle),
    ("in a statement", Safe, Circumstance),
    ("in an email", Safe, Circumstance),
    ("in an interview", Safe, Circumstance),
    ("indicated", Safe, Verb),
    ("insist", Safe, Verb),
    ("insisted", Safe, Verb),
    ("insisting", Safe, Participle),
    ("insists", Safe, Verb),
    ("issued a statement", Safe, Verb),
    ("joked", Safe, Verb),
    ("jokes", Safe, Verb),
    ("labeled", Near, Verb),
    ("labelled", Near, Verb),
    ("lamented", Safe, Verb),
    ("lauded", Near, Verb),
    ("likened", Near, Verb),
    ("made it clear", Safe, Verb),
    ("maintained", Near, Verb),
    ("mocked", Near, Verb),
    ("mused", Safe, Verb),
    ("note", Near, Verb),
    ("noted", Safe, Verb),
    ("notes", Safe, Verb),
    ("noting", Safe, Participle),
    ("objected", Safe, Verb),
    ("observed", Safe, Verb),
    ("observes", Safe, Verb),
    ("opined", Safe, Verb),
    ("pleaded", Safe, Verb),
    ("pledged", Safe, Verb),
    ("pointed out", Safe, Verb),
    ("posted", Near, Verb),
    ("posted on twitter", Safe, Verb),
    ("praised", Near, Verb),
    ("praising", Near, Participle),
    ("predicted", Safe, Verb),
    ("predicting", Safe, Participle),
    ("proclaimed", Safe, Verb),
    ("promised", Safe, Verb),
    ("promising", Near, Participle),
    ("proposed", Near, Verb),
    ("protested", Safe, Verb),
    ("put it", Safe, Verb),
    ("questioned", Near, Verb),
    ("quipped", Safe, Verb),
    ("quoted", Near, Verb),
    ("read", Near, Verb),
    ("reads", Near, Verb),
    ("recalled", Safe, Verb),
    ("recalling", Safe, Participle),
    ("recalls", Safe, Verb),
    ("recounted", Safe, Verb),
    ("referred to", Near, Verb),
    ("referring to", Near, Participle),
    ("refers to", Near, Verb),
    ("reiterated", Safe, Verb),
    ("released a statement", Safe, Verb),
    ("remarked", Safe, Verb),
    ("reminded", Safe, Verb),
    ("repeated", Near, Verb),
    ("replied", Safe, Verb),
    ("replies", Safe, Verb),
    ("replying", Safe, Participle),
    ("reported", Safe, Verb),
    ("reports", Near, Verb),
    ("reports that", Safe, Verb),
    ("responded", Safe, Verb),
    ("responding", Near, Participle),
    ("responds", Safe, Verb),
    ("retorted", Safe, Verb),
    ("said", Safe, Verb),
    ("said in a statement", Safe, Verb),
    ("said on twitter", Safe, Verb),
    ("sang", Near, Verb),
    ("say", Safe, Verb),
    ("saying", Safe, Participle),
    ("says", Safe, Verb),
    ("scoffed", Safe, Verb),
    ("screamed", Safe, Verb),
    ("shot back", Safe, Verb),
    ("shouted", Safe, Verb),
    ("signaled", Near, Verb),
    ("signalled", Near, Verb),
    ("sings", Near, Verb),
    ("slammed", Near, Verb),
    ("snapped", Safe, Verb),
    ("sniped", Safe, Verb),
    ("speculated", Safe, Verb),
    ("stated", Safe, Verb),
    ("stating", Safe, Participle),
    ("stressed", Safe, Verb),
    ("stresses", Safe, Verb),
    ("suggested", Safe, Verb),
    ("suggests", Safe, Verb),
    ("tell", Safe, Verb),
    ("telling", Safe, Participle),
    ("tells", Safe, Verb),
    ("termed", Near, Verb),
    ("testified", Safe, Verb),
    ("testifying", Safe, Participle),
    ("thanked", Near, Verb),
    ("thundered", Safe, Verb),
    ("told", Safe, Verb),
    ("told journalists", Safe, Verb),
    ("told reporters", Safe, Verb),
    ("touted", Near, Verb),
    ("tweeted", Safe, Verb),
    ("tweeted out", Safe, Verb),
    ("tweeting", Safe, Participle),
    ("tweets", Safe, Verb),
    ("urged", Safe, Verb),
    ("urges", Safe, Verb),
    ("urging", Near, Participle),
    ("voiced", Near, Verb),
    ("vowed", Safe, Verb),
    ("vowing", Near, Participle),
    ("vows", Safe, Verb),
    ("warn", Safe, Verb),
    ("warned", Safe, Verb),
    ("warning", Near, Participle),
    ("warns", Safe, Verb),
    ("welcomed", Near, Verb),
    ("went on", Safe, Verb),
    ("went on to say", Safe, Verb),
    ("wondered", Safe, Verb),
    ("writes", Safe, Verb),
    ("writes back", Safe, Verb),
    ("writing", Near, Participle),
    ("wrote", Safe, Verb),
    ("wrote back", Safe, Verb),
    ("wrote in", Safe, Verb),
    ("wrote on facebook", Safe, Verb),
    ("wrote on twitter", Safe, Verb),
    ("yelled", Safe, Verb),
];

/// The first word of a phrase.
fn first_word(p: &str) -> &str {
    p.split(' ').next().unwrap_or(p)
}

/// Each distinct first word of the cues with the index of the first phrase starting with it (for
/// the lexicon index). The lexicon is sorted, so the phrases sharing a first word are contiguous:
/// no phrase sorts between "said" and "said in a statement".
pub(crate) fn groups() -> impl Iterator<Item = (&'static str, usize)> {
    CUES.iter()
        .enumerate()
        .filter(|&(i, (p, _, _))| i == 0 || first_word(CUES[i - 1].0) != first_word(p))
        .map(|(i, (p, _, _))| (first_word(p), i))
}

/// Is `word` (lowercase) on its own a verb of saying ("said", "told", "reports")?
pub(crate) fn is_saying_verb(word: &str) -> bool {
    CUES.binary_search_by(|(p, _, _)| p.cmp(&word)).is_ok_and(|i| CUES[i].2 == Verb)
}

/// The cues of one paragraph's tokens, found once: the engine asks about the same tokens many
/// times. Only the few tokens that start a cue are listed, by position.
#[derive(Default)]
pub(crate) struct Cues {
    hits: Vec<(u32, CueHit)>,
}

impl Cues {
    /// Find the cues of `toks` ([`cue_at`] at every token that can start one).
    pub(crate) fn fill(&mut self, text: &str, toks: &[Tok]) {
        self.hits.clear();
        for (t, tok) in toks.iter().enumerate() {
            if tok.cue != 0 {
                if let Some(h) = cue_at(text, toks, t) {
                    self.hits.push((t as u32, h));
                }
            }
        }
    }

    /// The cue starting at token `t` of the paragraph `fill` saw.
    pub(crate) fn at(&self, t: usize) -> Option<CueHit> {
        let i = self.hits.binary_search_by_key(&t, |&(k, _)| k as usize).ok()?;
        Some(self.hits[i].1)
    }
}

/// The longest cue starting at token `t`, if any.
pub(crate) fn cue_at(text: &str, toks: &[Tok], t: usize) -> Option<CueHit> {
    let first = toks.get(t).filter(|x| x.kind == Tk::Word && x.has(flag::CUE_FIRST))?;
    // The token knows where its phrases start in the lexicon (see `groups`).
    let lo = usize::from(first.cue).checked_sub(1)?;
    let w = first_word(CUES.get(lo)?.0);
    let mut best: Option<CueHit> = None;
    for &(phrase, tier, form) in CUES.get(lo..)? {
        let Some(rest) = phrase.strip_prefix(w) else { break };
        if !(rest.is_empty() || rest.starts_with(' ')) {
            continue;
        }
        let mut end = t + 1;
        let mut ok = true;
        for pw in rest.split_whitespace() {
            let matches = toks.get(end).is_some_and(|x| x.kind == Tk::Word && word_is(x.span.slice(text), pw));
            if !matches {
                ok = false;
                break;
            }
            end += 1;
        }
        if ok && best.is_none_or(|b| end > b.end) {
            best = Some(CueHit { first: t, end, tier, form });
        }
    }
    best
}

/// Is the token text `s` the lowercase ASCII phrase word `pw`, ignoring ASCII case and a final
/// dot (as the lexicon's keys do)? A token with ’ or another character outside ASCII never is.
fn word_is(s: &str, pw: &str) -> bool {
    s.strip_suffix('.').unwrap_or(s).as_bytes().eq_ignore_ascii_case(pw.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;
    use crate::span::Span;

    #[test]
    fn lexicon_is_sorted_and_lowercase() {
        for w in CUES.windows(2) {
            assert!(w[0].0 < w[1].0, "CUES not sorted at {:?} / {:?}", w[0].0, w[1].0);
        }
        for (p, _, _) in CUES {
            assert_eq!(*p, p.to_lowercase());
        }
    }

    #[test]
    fn longest_phrase_wins() {
        let s = "Wang said in a statement that he told reporters nothing, according to AP";
        let mut toks = Vec::new();
        tokenize(s, Span::new(0, s.len()), &[], &mut toks);
        let found: Vec<&str> = (0..toks.len())
            .filter_map(|t| cue_at(s, &toks, t))
            .map(|c| Span::new(toks[c.first].span.start, toks[c.end - 1].span.end).slice(s))
            .collect();
        assert_eq!(found, ["said in a statement", "in a statement", "told reporters", "according to"]);
    }
}
