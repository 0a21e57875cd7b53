//! The JSON shapes that leave the core for outside tools: the CLI's `extract` output. Tools outside
//! the project read these, so fields are only ever added, never renamed or removed.

use crate::corpus::{Corpus, Entry};
use serde::Serialize;

/// One article in `extract` output.
#[derive(Serialize)]
pub struct ArticleReport {
    /// The path as given on the command line.
    pub file: String,
    /// The headline, or null when the text has none.
    pub title: Option<String>,
    /// Stable article id.
    pub id: String,
    /// Quotes in text order.
    pub quotes: Vec<QuoteReport>,
    /// Recoveries the extractor made (unclosed quotes …).
    pub diagnostics: Vec<DiagnosticReport>,
}

/// One quote in `extract` output.
#[derive(Serialize)]
pub struct QuoteReport {
    /// Stable quote id.
    pub id: String,
    /// Exactly the characters between the marks.
    pub text: String,
    /// UTF-8 byte offset of `text` in the file.
    pub start: usize,
    /// UTF-8 byte offset one past the end of `text`.
    pub end: usize,
    /// Canonical speaker name, or null.
    pub speaker: Option<String>,
    /// Stable speaker id, or null.
    pub speaker_id: Option<String>,
    /// "direct", "partial" or "term".
    pub kind: &'static str,
    /// The words introducing the quote, or null.
    pub cue: Option<String>,
    /// The rule that attributed the speaker.
    pub rule: &'static str,
    /// The words the attribution rests on ("NATO Secretary General Jens Stoltenberg", "he"), or
    /// null.
    pub mention: Option<String>,
    /// "person" or "organisation" for an attributed quote, else null.
    pub speaker_kind: Option<&'static str>,
    /// Index of the article block (paragraph) the quote is in.
    pub block: usize,
}

/// One diagnostic in `extract` output.
#[derive(Serialize)]
pub struct DiagnosticReport {
    /// Stable short code.
    pub code: &'static str,
    /// UTF-8 byte offset where it applies.
    pub start: usize,
    /// What happened.
    pub message: String,
}

/// The report of one corpus article under the name `file`.
pub fn article_report(corpus: &Corpus, entry: &Entry, file: &str) -> ArticleReport {
    let text = &entry.article.text;
    let quotes = entry
        .quotes
        .quotes
        .iter()
        .zip(&entry.quote_ids)
        .map(|(q, id)| {
            let speaker = entry.speaker_of(q).map(|s| &corpus.speakers[s]);
            QuoteReport {
                id: id.clone(),
                text: q.span.slice(text).to_string(),
                start: q.span.start,
                end: q.span.end,
                speaker: speaker.map(|s| s.name.clone()),
                speaker_id: speaker.map(|s| s.id.clone()),
                kind: q.kind.as_str(),
                cue: q.cue.as_ref().map(|c| c.span.slice(text).to_string()),
                rule: q.rule,
                mention: q.mention.map(|m| m.slice(text).to_string()),
                speaker_kind: speaker.map(|s| match s.kind {
                    crate::quote::SpeakerKind::Person => "person",
                    crate::quote::SpeakerKind::Organisation => "organisation",
                }),
                block: q.block,
            }
        })
        .collect();
    let diagnostics = entry
        .quotes
        .diagnostics
        .iter()
        .map(|d| DiagnosticReport { code: d.code, start: d.span.start, message: d.message.clone() })
        .collect();
    ArticleReport {
        file: file.to_string(),
        title: entry.article.title_text().map(str::to_string),
        id: entry.id.clone(),
        quotes,
        diagnostics,
    }
}
