//! A first, simple extractor: quote marks, a kind from the quote's punctuation, the nearest
//! reporting verb in the sentence, and a capitalised name next to it.

use super::marks::scan;
use super::{ArticleQuotes, Cue, Person, Quote, QuoteKind, SpeakerKind};
use crate::article::Article;
use crate::span::Span;

const CUES: &[&str] =
    &["said", "says", "told", "added", "insisted", "warned", "declared", "wrote", "noted", "according to"];

pub(crate) fn extract(article: &Article) -> ArticleQuotes {
    let text = &article.text;
    let mut out = ArticleQuotes::default();
    for (bi, b) in article.article_blocks() {
        for m in scan(text, b.content, &mut out.diagnostics) {
            let inner = m.inner.slice(text);
            let words = inner.split_whitespace().count();
            let ends_punct = inner.trim_end().ends_with([',', '.', '?', '!']);
            let starts_upper = inner.chars().next().is_some_and(char::is_uppercase);
            let kind = if words <= 3 && !ends_punct {
                QuoteKind::Term
            } else if starts_upper && ends_punct && words >= 4 {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            let sentence = article.sentence_at(m.outer.start).map(|i| article.sentences[i]).unwrap_or(b.content);
            let (cue, speaker, mention) = attribute(text, sentence, m.outer, &mut out.people);
            out.quotes.push(Quote {
                span: m.inner,
                outer: m.outer,
                kind,
                cue,
                speaker,
                mention,
                rule: if speaker.is_some() { "name-next-to-cue" } else { "none" },
                block: bi,
            });
        }
    }
    out
}

fn attribute(
    text: &str,
    sentence: Span,
    quote: Span,
    people: &mut Vec<Person>,
) -> (Option<Cue>, Option<usize>, Option<Span>) {
    let s = sentence.slice(text);
    for cue in CUES {
        let mut from = 0;
        while let Some(p) = s[from..].find(cue) {
            let at = sentence.start + from + p;
            from += p + cue.len();
            let span = Span::new(at, at + cue.len());
            if quote.contains(span) {
                continue;
            }
            let name = name_before(text, sentence.start, at).or_else(|| name_after(text, span.end, sentence.end));
            let speaker = name.map(|n| {
                let name = n.slice(text).to_string();
                match people.iter().position(|p| p.name == name || p.name.ends_with(&format!(" {name}"))) {
                    Some(i) => i,
                    None => {
                        people.push(Person { name, aliases: vec![], roles: vec![], kind: SpeakerKind::Person });
                        people.len() - 1
                    }
                }
            });
            return (Some(Cue { span }), speaker, name);
        }
    }
    (None, None, None)
}

/// Words of `s` with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    s.split_whitespace().map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w)).collect()
}

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
}

/// Capitalised words ending right before `at`.
fn name_before(text: &str, lo: usize, at: usize) -> Option<Span> {
    let s = text.get(lo..at)?;
    let ws = words(s);
    let mut span: Option<Span> = None;
    for &(p, w) in ws.iter().rev() {
        if !is_name_word(w) {
            break;
        }
        let end = span.map_or(p + w.len(), |sp| sp.end - lo);
        span = Some(Span::new(lo + p, lo + end));
    }
    span
}

/// Capitalised words starting right after `at`.
fn name_after(text: &str, at: usize, hi: usize) -> Option<Span> {
    let s = text.get(at..hi)?;
    let mut span: Option<Span> = None;
    for (p, w) in words(s) {
        let bare = w.trim_end_matches([',', '.']);
        if !is_name_word(bare) {
            break;
        }
        let start = span.map_or(at + p, |sp| sp.start);
        span = Some(Span::new(start, at + p + bare.len()));
        if bare.len() != w.len() {
            break;
        }
    }
    span
}
