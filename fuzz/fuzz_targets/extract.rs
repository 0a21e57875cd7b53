//! Quote extraction on arbitrary text: never panics; every quote's span is on char boundaries,
//! inside its outer marks, and every speaker index is valid.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::{article::Article, quote::extract};

fuzz_target!(|text: &str| {
    let a = Article::parse(text);
    let q = extract(&a);
    for quote in &q.quotes {
        assert!(text.is_char_boundary(quote.span.start) && text.is_char_boundary(quote.span.end));
        assert!(quote.outer.contains(quote.span));
        assert!(quote.speaker.is_none_or(|i| i < q.people.len()));
    }
});
