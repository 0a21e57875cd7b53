//! Search over a fixed corpus (the seeds) with arbitrary queries and filters: never panics, every
//! highlight lies on char boundaries of the quote text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::corpus::Corpus;
use quotelens::search::{Index, Request};
use std::sync::OnceLock;

static LENS: OnceLock<(Corpus, Index)> = OnceLock::new();

fuzz_target!(|input: (&str, Vec<String>, u8)| {
    let (corpus, index) = LENS.get_or_init(|| {
        let c = Corpus::seeds();
        let i = Index::build(&c);
        (c, i)
    });
    let (q, filters, limit) = input;
    let req = Request { query: q.to_string(), speakers: filters.clone(), outlets: filters, limit: usize::from(limit), ..Request::default() };
    let res = index.search(corpus, &req);
    for h in &res.hits {
        let e = &corpus.articles[h.article];
        let text = e.quotes.quotes[h.quote].span.slice(&e.article.text);
        for r in &h.text {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.end <= text.len());
        }
    }
});
