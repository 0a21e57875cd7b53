//! Highlighting arbitrary text for an arbitrary query: never panics, ranges are sorted, on char
//! boundaries and inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::corpus::Corpus;
use quotelens::search::{parse_query, Index};
use std::sync::OnceLock;

static INDEX: OnceLock<Index> = OnceLock::new();

fuzz_target!(|input: (&str, &str)| {
    let index = INDEX.get_or_init(|| Index::build(&Corpus::default()));
    let (q, text) = input;
    let (query, _) = parse_query(q);
    for r in index.highlight(&query, text) {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
});
