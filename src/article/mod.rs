//! The article model: one scraped news text split into blocks (title, body paragraphs, captions,
//! credit lines, site boilerplate) and sentences, as lossless byte spans.
//!
//! Text in, spans out. Nothing is deleted: every byte of the text belongs to exactly one block, and
//! the blocks' spans concatenate back to the text. Non-article blocks are classified, not removed,
//! so the reader view can show them set apart and the extractor can skip them.
//!
//! ```
//! use quotelens::article::{Article, BlockKind};
//! let a = Article::parse("Top Diplomat Speaks\n\nHe said “yes.”\n\nRELATED ARTICLES\n");
//! assert_eq!(a.title_text(), Some("Top Diplomat Speaks"));
//! let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
//! assert_eq!(kinds, [BlockKind::Title, BlockKind::Body, BlockKind::Boilerplate]);
//! ```

mod blocks;
mod classify;
pub(crate) mod scan;
mod sentences;
pub(crate) mod wordset;

use crate::span::Span;
use serde::Serialize;

pub use sentences::split_sentences;

/// What a block of an article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline (at most one per article, always the first non-blank block).
    Title,
    /// A paragraph of the article proper.
    Body,
    /// A photo caption, including captions that repeat body text.
    Caption,
    /// A credit line on its own ("Greg Baker/AFP via Getty Images", "wire photo").
    Credit,
    /// Site furniture: "RELATED ARTICLES", "Views: 0", comment prompts, share buttons.
    Boilerplate,
}

impl BlockKind {
    /// The lowercase name used in JSON and in the page.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Title => "title",
            BlockKind::Body => "body",
            BlockKind::Caption => "caption",
            BlockKind::Credit => "credit",
            BlockKind::Boilerplate => "boilerplate",
        }
    }

    /// True for blocks that are part of the article's own text (headline and body).
    pub fn is_article_text(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Body)
    }
}

/// One block: a paragraph-sized piece of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The whole block including its trailing line breaks; the blocks of an article tile its text.
    pub span: Span,
    /// The block's text without surrounding whitespace (may be empty only for an all-blank text).
    pub content: Span,
    /// What the block is.
    pub kind: BlockKind,
    /// Why the classifier chose `kind` (a short rule name, for the golden tests and for curious users).
    pub reason: &'static str,
}

/// A parsed article: the source text and its structure.
#[derive(Clone, Debug, Serialize)]
pub struct Article {
    /// The source text, unchanged.
    pub text: String,
    /// Blocks in text order; their `span`s tile `text` exactly.
    pub blocks: Vec<Block>,
    /// Sentences of title and body blocks, in text order. Within a block the sentences tile the
    /// block's `content`.
    pub sentences: Vec<Span>,
}

impl Article {
    /// Parse a text. Never fails and never panics: any string is an article, possibly an empty one.
    pub fn parse(text: &str) -> Article {
        let raw = blocks::split_blocks(text);
        let kinds = classify::classify(text, &raw);
        let mut out = Vec::with_capacity(raw.len());
        for (b, (kind, reason)) in raw.into_iter().zip(kinds) {
            out.push(Block { span: b.span, content: b.content, kind, reason });
        }
        // About a sentence per 120 bytes of news text: reserved once instead of regrown.
        let mut sentences = Vec::with_capacity(text.len() / 120 + 4);
        for b in &out {
            if b.kind.is_article_text() {
                sentences::split_sentences_into(text, b.content, &mut sentences);
            }
        }
        Article { text: text.to_string(), blocks: out, sentences }
    }

    /// The title block's span, if the text has a headline.
    pub fn title(&self) -> Option<Span> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Title).map(|b| b.content)
    }

    /// The headline text, if any.
    pub fn title_text(&self) -> Option<&str> {
        self.title().map(|s| s.slice(&self.text))
    }

    /// The blocks that are part of the article proper (title and body).
    pub fn article_blocks(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks.iter().enumerate().filter(|(_, b)| b.kind.is_article_text())
    }

    /// Index of the block containing byte `pos` (the last block for `pos == text.len()`).
    pub fn block_at(&self, pos: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.span.end <= pos);
        if i < self.blocks.len() {
            Some(i)
        } else {
            self.blocks.len().checked_sub(1)
        }
    }

    /// Index into `sentences` of the sentence containing byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }

    /// The first sentence-sized piece of body text, for a card's fallback description.
    pub fn lede(&self) -> Option<&str> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Body).map(|b| b.content.slice(&self.text))
    }
}

#[cfg(test)]
mod tests;
