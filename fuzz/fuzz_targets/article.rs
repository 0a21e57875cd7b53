//! Article parsing on arbitrary text: never panics, blocks tile the text, sentences tile blocks.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::article::Article;

fuzz_target!(|text: &str| {
    let a = Article::parse(text);
    let mut pos = 0;
    for b in &a.blocks {
        assert_eq!(b.span.start, pos);
        assert!(b.span.contains(b.content));
        pos = b.span.end;
    }
    assert_eq!(pos, text.len());
    for s in &a.sentences {
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
});
