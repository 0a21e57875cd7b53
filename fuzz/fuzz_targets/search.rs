//! Search over a fixed corpus (the seeds) with arbitrary queries and filters: never panics, every
//! highlight lies on char boundaries of the quote text and of the speaker's name, every hit's
//! quote number reads back, and facets without labels read theirs back by slot.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quotelens::corpus::Corpus;
use quotelens::search::{FacetKind, Index, Request};
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
        let q = &e.quotes.quotes[h.quote];
        let text = q.span.slice(&e.article.text);
        for r in &h.text {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.end <= text.len());
        }
        let name = e.speaker_of(q).map_or("", |s| corpus.speakers[s].name.as_str());
        for r in &h.speaker {
            assert!(name.is_char_boundary(r.start) && name.is_char_boundary(r.end) && r.end <= name.len());
        }
        let n = index.quote_number(h.article, h.quote).expect("a hit has a quote number");
        assert_eq!(index.quote_at(n), Some((h.article, h.quote)));
    }
    let bare = index.search_quotes(corpus, &Request { facet_labels: false, ..req });
    assert_eq!(bare.total, res.total);
    let f = &bare.facets;
    for (kind, values) in [
        (FacetKind::Speaker, &f.speakers),
        (FacetKind::Outlet, &f.outlets),
        (FacetKind::Article, &f.articles),
        (FacetKind::Kind, &f.kinds),
    ] {
        for v in values {
            if let Some(slot) = v.slot {
                assert!(index.facet_value(corpus, kind, slot as usize).is_some(), "{kind:?} slot {slot}");
            }
        }
    }
});
