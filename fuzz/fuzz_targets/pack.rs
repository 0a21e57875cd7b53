//! Pack decoding on arbitrary bytes (seeded with the bundled articles' real pack): never panics,
//! and whatever decodes is a consistent corpus (with one count of other articles per quote) that
//! alignment, the index and a search accept.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::align::Alignment;
use quotelens::pack::decode;
use quotelens::search::{Index, Request};

fuzz_target!(|bytes: &[u8]| {
    let Some(d) = decode(bytes) else { return };
    let c = &d.corpus;
    for e in &c.articles {
        assert_eq!(e.quote_ids.len(), e.quotes.quotes.len());
        assert_eq!(e.speakers.len(), e.quotes.people.len());
        assert!(e.speakers.iter().all(|&s| s < c.speakers.len()));
        for q in &e.quotes.quotes {
            assert!(e.article.text.is_char_boundary(q.span.start) && e.article.text.is_char_boundary(q.span.end));
        }
    }
    assert_eq!(d.reported_elsewhere.len(), c.articles.len());
    for (e, counts) in c.articles.iter().zip(&d.reported_elsewhere) {
        assert_eq!(counts.len(), e.quotes.quotes.len());
        assert!(counts.iter().all(|&n| n < c.articles.len()));
    }
    let _ = Alignment::from_links(c, &d.links);
    let index = Index::build(c);
    let _ = index.search(c, &Request { query: "a".into(), ..Request::default() });
});
