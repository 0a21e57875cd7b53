//! quotelens: who said what in a set of news articles.
//!
//! A pure core (no I/O, no panics on any input, deterministic) that turns article text into
//! structure, quotes, speakers and search results, and one thin door to the browser (`wasm.rs`).
//! The same core runs natively behind the `quotelens` command-line tool.
//!
//! Data flows one way: text → [`article`] → [`quote`] → [`corpus`] (ids, speakers) → search → results.
//!
//! ```
//! use quotelens::corpus::{Corpus, Source};
//! let corpus = Corpus::build(vec![Source {
//!     name: "note.txt".into(),
//!     text: "“We are ready,” Jane Smith said.".into(),
//!     ..Source::default()
//! }]);
//! let a = &corpus.articles[0];
//! let q = &a.quotes.quotes[0];
//! assert_eq!(q.span.slice(&a.article.text), "We are ready,");
//! assert_eq!(corpus.speakers[a.speaker_of(q).unwrap()].name, "Jane Smith");
//! ```

/// Quotes in different articles that report the same remark: links, groups and word diffs.
pub mod align;
/// Article structure: title, paragraphs, sentences, captions and boilerplate.
pub mod article;
/// All articles with stable ids and corpus-wide speakers.
pub mod corpus;
/// A compact binary form of a parsed corpus and its alignment (build → page, worker → page).
pub mod pack;
pub mod par;
/// Quote marks, spans, kinds, cues and speakers.
pub mod quote;
/// JSON shapes the CLI prints (the stable contract for outside tools).
pub mod report;
/// Folding, tokenizer, query language, index, ranking and facets.
pub mod search;
/// One small in-place sort for the crate (keeps the wasm small).
pub mod sort;
/// Byte spans and the small text helpers every layer shares.
pub mod span;

/// Views written as JSON text for the page (smaller in its wasm than serde-wasm-bindgen).
#[cfg(any(target_arch = "wasm32", test))]
pub(crate) mod json;

/// The browser boundary: the only module that knows about wasm-bindgen.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The page build's memory allocator (size classes; see the module).
pub mod heap;
/// Match ranges and snippets as data.
pub mod highlight;

// The page's wasm allocates through `heap` instead of std's dlmalloc: ~3 kB gzipped less. Only in a
// single-threaded wasm, which `PageHeap`'s `Sync` relies on.
#[cfg(all(target_arch = "wasm32", feature = "page", not(target_feature = "atomics")))]
#[global_allocator]
static HEAP: heap::PageHeap = heap::PageHeap::new();
