//! Query parsing on arbitrary input: never panics, every hint span lies on char boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::search::parse_query;

fuzz_target!(|q: &str| {
    let (_, hints) = parse_query(q);
    for h in hints {
        assert!(q.is_char_boundary(h.span.start) && q.is_char_boundary(h.span.end) && h.span.end <= q.len());
    }
});
