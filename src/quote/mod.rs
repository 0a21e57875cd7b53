//! Quotations: where they are, what kind they are, which words introduce them, and who said them.
//!
//! Input is a parsed [`Article`]; output is an [`ArticleQuotes`]: the quotes in text order, the
//! people and organisations the article quotes (article-local; the corpus merges them across
//! articles into [`crate::corpus::Speaker`]s), and diagnostics for marks it had to recover from.
//! Extraction never fails: unbalanced or odd marks become diagnostics, never lost text.
//!
//! The pipeline, one paragraph at a time, each stage one pass over the paragraph:
//! marks → tokens (the reporter's words, a quote as one token) → mentions (names, roles,
//! pronouns, descriptions) → entities and discourse (who is who, who is speaking) → for each
//! quote a kind, a cue and a speaker, with the rule that decided. The rules are listed in
//! `speaker.rs`; each quote's `rule` names the one that fired.
//!
//! ```
//! use quotelens::{article::Article, quote::{extract, QuoteKind}};
//! let a = Article::parse("“We will win this,” Jane Smith said.");
//! let q = extract(&a);
//! assert_eq!(q.quotes[0].span.slice(&a.text), "We will win this,");
//! assert_eq!(q.quotes[0].kind, QuoteKind::Direct);
//! assert_eq!(q.speaker_name(&q.quotes[0]), Some("Jane Smith"));
//! ```

/// Pronouns and descriptions resolved; the article's people with aliases and roles.
mod coref;
/// The cue lexicon ("said", "told reporters", "according to") in two tiers.
mod cues;
/// Direct, partial or term.
mod kind;
/// One index over every word list, as bits on each token.
mod lexicon;
/// Quote-mark roles and pairing.
mod marks;
/// Names with roles, organisations, pronouns and descriptions.
mod names;
/// The attribution engine: patterns, discourse, headlines.
mod speaker;
/// The reporter's words as a token stream.
mod tokens;

use crate::article::Article;
use crate::span::Span;
use serde::Serialize;

/// What a quotation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A statement set off by its own punctuation: “We will win,” she said.
    Direct,
    /// A fragment woven into the reporter's sentence: said it is “absolutely necessary”.
    Partial,
    /// A quoted word or name: the “six-point plan”, the word “invasion”.
    Term,
}

impl QuoteKind {
    /// The lowercase name used in JSON, URLs and the page.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Term => "term",
        }
    }

    /// Parse a lowercase kind name.
    pub fn parse(s: &str) -> Option<QuoteKind> {
        match s {
            "direct" => Some(QuoteKind::Direct),
            "partial" => Some(QuoteKind::Partial),
            "term" => Some(QuoteKind::Term),
            _ => None,
        }
    }
}

/// The words that introduce a quote ("said", "told reporters", "according to").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// Where the cue is in the text.
    pub span: Span,
}

/// Whether a speaker is a person or an organisation/country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// A named person.
    Person,
    /// An organisation, government, country or outlet speaking as one.
    Organisation,
}

/// A person or organisation quoted in one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// The fullest name the article gives ("Wang Wenbin", not "Wenbin").
    pub name: String,
    /// Other ways the article refers to them ("Wenbin", "Wang").
    pub aliases: Vec<String>,
    /// Roles the article gives them ("Chinese Foreign Ministry spokesman").
    pub roles: Vec<String>,
    /// Person or organisation.
    pub kind: SpeakerKind,
}

/// One quotation in one article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// The text between the marks (exactly; may include inner marks of a nested quote).
    pub span: Span,
    /// The text including its outer marks.
    pub outer: Span,
    /// Direct statement, partial fragment or quoted term.
    pub kind: QuoteKind,
    /// The words that introduce it, when the text has them.
    pub cue: Option<Cue>,
    /// Index into [`ArticleQuotes::people`] of who said it; `None` when the text does not say.
    pub speaker: Option<usize>,
    /// Where the speaker is named for this quote (the mention the attribution rests on).
    pub mention: Option<Span>,
    /// The rule that attributed the speaker (or why there is none), for transparency.
    pub rule: &'static str,
    /// Index of the article block the quote starts in.
    pub block: usize,
}

/// Something the extractor noticed and recovered from (unbalanced marks, odd nesting).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Where.
    pub span: Span,
    /// A short stable code ("unclosed-quote").
    pub code: &'static str,
    /// What happened and what the extractor did, for a person.
    pub message: String,
}

/// Everything extracted from one article.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ArticleQuotes {
    /// Quotes in text order.
    pub quotes: Vec<Quote>,
    /// Speakers quoted in the article; `Quote::speaker` indexes this.
    pub people: Vec<Person>,
    /// Recoveries worth telling a user about.
    pub diagnostics: Vec<Diagnostic>,
}

impl ArticleQuotes {
    /// The speaker's name of a quote, if attributed.
    pub fn speaker_name(&self, q: &Quote) -> Option<&str> {
        q.speaker.and_then(|i| self.people.get(i)).map(|p| p.name.as_str())
    }
}

/// Extract every quotation of an article with its kind, cue and speaker.
pub fn extract(article: &Article) -> ArticleQuotes {
    speaker::extract(article)
}
