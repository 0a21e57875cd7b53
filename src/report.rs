//! The JSON shapes that leave the core for outside tools: the CLI's `extract` output. Tools outside
//! the project read these, so fields are only ever added, never renamed or removed.

use crate::align::Alignment;
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
    /// Ids of quotes in the other files that report the same remark (see [`crate::align`]),
    /// sorted by corpus order; empty when none.
    pub same_as: Vec<String>,
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

/// The report of one corpus article under the name `file`; `alignment` (of the same corpus) fills
/// each quote's `same_as`.
pub fn article_report(corpus: &Corpus, alignment: &Alignment, entry: &Entry, file: &str) -> ArticleReport {
    let ai = corpus.articles.iter().position(|a| a.id == entry.id);
    let text = &entry.article.text;
    let quotes = entry
        .quotes
        .quotes
        .iter()
        .zip(&entry.quote_ids)
        .enumerate()
        .map(|(qi, (q, id))| {
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
                same_as: ai.map(|ai| alignment.same_as_ids(corpus, (ai, qi))).unwrap_or_default(),
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

/// A quote with its citation, for pasting into a report:
/// `“We will win,” Jane Smith, Foreign Minister, in Newsweek, 2022-03-07.`
/// Unknown parts are said plainly ("speaker not stated", the article title when the outlet is unknown).
pub fn citation(corpus: &Corpus, article: usize, quote: usize) -> Option<String> {
    let e = corpus.articles.get(article)?;
    let q = e.quotes.quotes.get(quote)?;
    let text = q.span.slice(&e.article.text).trim();
    let mut out = format!("“{text}”");
    match q.speaker.and_then(|i| e.quotes.people.get(i)) {
        Some(p) => {
            let name = e.speaker_of(q).map_or(p.name.as_str(), |s| corpus.speakers[s].name.as_str());
            out.push_str(&format!(" {name}"));
            if let Some(role) = p.roles.first() {
                out.push_str(&format!(", {role}"));
            }
        }
        None => out.push_str(" (speaker not stated)"),
    }
    match &e.outlet {
        Some(o) => out.push_str(&format!(", in {o}")),
        None => out.push_str(&format!(", in “{}” (outlet unknown)", e.display_title())),
    }
    if let Some(d) = &e.date {
        out.push_str(&format!(", {d}"));
    }
    out.push('.');
    Some(out)
}

/// Columns of the CSV export, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "text",
    "speaker",
    "speaker_id",
    "role",
    "kind",
    "cue",
    "article_id",
    "article_title",
    "outlet",
    "date",
    "start",
    "end",
];

/// The given quotes as CSV (RFC 4180: every field quoted, quotes doubled, CRLF line ends). A field
/// that a spreadsheet would run as a formula (starting with = + - @ or a control character) gets a
/// leading apostrophe, so opening an export never executes article text.
pub fn export_csv(corpus: &Corpus, quotes: &[(usize, usize)]) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_COLUMNS.iter().map(|s| s.to_string()));
    for r in export_rows(corpus, quotes) {
        push_row(
            &mut out,
            [
                r.id,
                r.text,
                r.speaker.unwrap_or_default(),
                r.speaker_id.unwrap_or_default(),
                r.role.unwrap_or_default(),
                r.kind.to_string(),
                r.cue.unwrap_or_default(),
                r.article_id,
                r.article_title,
                r.outlet.unwrap_or_default(),
                r.date.unwrap_or_default(),
                r.start.to_string(),
                r.end.to_string(),
            ]
            .into_iter(),
        );
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if f.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

/// One exported quote (the JSON export is an array of these).
#[derive(Serialize)]
pub struct ExportRow {
    /// Stable quote id.
    pub id: String,
    /// The quote text.
    pub text: String,
    /// Canonical speaker name.
    pub speaker: Option<String>,
    /// Stable speaker id.
    pub speaker_id: Option<String>,
    /// The role the article gives the speaker.
    pub role: Option<String>,
    /// direct, partial or term.
    pub kind: &'static str,
    /// The words introducing the quote.
    pub cue: Option<String>,
    /// Stable article id.
    pub article_id: String,
    /// The article's headline or first words.
    pub article_title: String,
    /// Outlet, if known.
    pub outlet: Option<String>,
    /// Date, if known.
    pub date: Option<String>,
    /// UTF-8 byte offset of the text in the article.
    pub start: usize,
    /// UTF-8 byte offset one past the text.
    pub end: usize,
}

/// Rows for the given (article, quote) pairs; pairs that do not exist are skipped.
pub fn export_rows(corpus: &Corpus, quotes: &[(usize, usize)]) -> Vec<ExportRow> {
    quotes
        .iter()
        .filter_map(|&(ai, qi)| {
            let e = corpus.articles.get(ai)?;
            let q = e.quotes.quotes.get(qi)?;
            let sp = e.speaker_of(q).map(|s| &corpus.speakers[s]);
            let person = q.speaker.and_then(|i| e.quotes.people.get(i));
            Some(ExportRow {
                id: e.quote_ids[qi].clone(),
                text: q.span.slice(&e.article.text).to_string(),
                speaker: sp.map(|s| s.name.clone()),
                speaker_id: sp.map(|s| s.id.clone()),
                role: person.and_then(|p| p.roles.first().cloned()),
                kind: q.kind.as_str(),
                cue: q.cue.as_ref().map(|c| c.span.slice(&e.article.text).to_string()),
                article_id: e.id.clone(),
                article_title: e.display_title(),
                outlet: e.outlet.clone(),
                date: e.date.clone(),
                start: q.span.start,
                end: q.span.end,
            })
        })
        .collect()
}

/// What a speaker page shows: who they are, where they are quoted, and how.
#[derive(Serialize)]
pub struct SpeakerProfile {
    /// Stable speaker id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// person or organisation.
    pub kind: crate::quote::SpeakerKind,
    /// Other names seen.
    pub aliases: Vec<String>,
    /// Roles seen across articles.
    pub roles: Vec<String>,
    /// Number of quotes.
    pub total: usize,
    /// Per article: id, title, outlet, date and quote counts by kind, in corpus order.
    pub articles: Vec<ProfileArticle>,
    /// Every quote, as (article index, quote index), in corpus order.
    #[serde(skip)]
    pub quotes: Vec<(usize, usize)>,
}

/// One article on a speaker page.
#[derive(Serialize)]
pub struct ProfileArticle {
    /// Stable article id.
    pub id: String,
    /// Headline or first words.
    pub title: String,
    /// Outlet, if known.
    pub outlet: Option<String>,
    /// Date, if known.
    pub date: Option<String>,
    /// Quotes by kind.
    pub counts: KindCounts,
}

/// Quotes by kind (a JSON object `{direct, partial, term}`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub direct: usize,
    pub partial: usize,
    pub term: usize,
}

/// The speaker page of corpus speaker `speaker`.
pub fn speaker_profile(corpus: &Corpus, speaker: usize) -> Option<SpeakerProfile> {
    let s = corpus.speakers.get(speaker)?;
    let mut articles = Vec::new();
    let mut quotes = Vec::new();
    for (ai, e) in corpus.articles.iter().enumerate() {
        let mut counts = KindCounts::default();
        for (qi, q) in e.quotes.quotes.iter().enumerate() {
            if e.speaker_of(q) == Some(speaker) {
                *match q.kind {
                    crate::quote::QuoteKind::Direct => &mut counts.direct,
                    crate::quote::QuoteKind::Partial => &mut counts.partial,
                    crate::quote::QuoteKind::Term => &mut counts.term,
                } += 1;
                quotes.push((ai, qi));
            }
        }
        if counts != KindCounts::default() {
            articles.push(ProfileArticle {
                id: e.id.clone(),
                title: e.display_title(),
                outlet: e.outlet.clone(),
                date: e.date.clone(),
                counts,
            });
        }
    }
    Some(SpeakerProfile {
        id: s.id.clone(),
        name: s.name.clone(),
        kind: s.kind,
        aliases: s.aliases.clone(),
        roles: s.roles.clone(),
        total: quotes.len(),
        articles,
        quotes,
    })
}
