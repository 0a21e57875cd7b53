//! The binary pack: a corpus and its alignment survive encode → decode exactly, and any corruption
//! (truncation, flipped bytes, random bytes) is refused without a panic.

mod common;

use common::Rng;
use quotelens::align::{align, Alignment};
use quotelens::corpus::Corpus;
use quotelens::pack::{decode, encode_corpus};

fn same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.articles.len(), b.articles.len());
    for (x, y) in a.articles.iter().zip(&b.articles) {
        assert_eq!(x.id, y.id);
        assert_eq!((&x.name, &x.outlet, &x.date, x.local), (&y.name, &y.outlet, &y.date, y.local));
        assert_eq!(format!("{:?}", x.article), format!("{:?}", y.article), "article {} structure", x.id);
        assert_eq!(format!("{:?}", x.quotes), format!("{:?}", y.quotes), "article {} quotes", x.id);
        assert_eq!(x.quote_ids, y.quote_ids);
        assert_eq!(x.speakers, y.speakers);
    }
    assert_eq!(format!("{:?}", a.speakers), format!("{:?}", b.speakers));
}

fn roundtrip(c: &Corpus) -> (Corpus, Alignment) {
    let al = align(c);
    let bytes = encode_corpus(c, &al);
    let d = decode(&bytes).expect("our own pack decodes");
    let back = Corpus::from_entries(d.articles);
    let al2 = Alignment::from_links(&back, &d.links);
    let links = |a: &Alignment| a.links.iter().map(|l| (l.a, l.b, l.score.to_bits())).collect::<Vec<_>>();
    assert_eq!(links(&al), links(&al2), "alignment links survive");
    assert_eq!(al.groups, al2.groups, "and so do the groups");
    (back, al2)
}

#[test]
fn seeds_survive_a_round_trip() {
    let c = Corpus::seeds();
    let (back, _) = roundtrip(&c);
    same(&c, &back);
}

#[test]
fn polnear_dev_survives_a_round_trip() {
    let Some((_, sources)) = common::polnear("dev", "polnear_dev_survives_a_round_trip") else { return };
    let c = Corpus::build(sources);
    let (back, _) = roundtrip(&c);
    same(&c, &back);
}

#[test]
fn corrupt_packs_are_refused_without_panicking() {
    let c = Corpus::seeds();
    let bytes = encode_corpus(&c, &align(&c));
    for cut in [0, 3, 4, 5, bytes.len() / 2, bytes.len() - 1] {
        assert!(decode(&bytes[..cut]).is_none(), "a pack cut at {cut} is refused");
    }
    let mut extra = bytes.clone();
    extra.push(0);
    assert!(decode(&extra).is_none(), "trailing bytes are refused");
    let mut rng = Rng::new(11);
    for _ in 0..3000 {
        let mut b = bytes.clone();
        for _ in 0..1 + rng.below(4) {
            let i = rng.below(b.len());
            b[i] = rng.next() as u8;
        }
        if let Some(d) = decode(&b) {
            // A flip that still decodes must give a consistent corpus.
            let back = Corpus::from_entries(d.articles);
            for e in &back.articles {
                for q in &e.quotes.quotes {
                    assert!(e.article.text.is_char_boundary(q.span.start) && q.span.end <= e.article.text.len());
                }
            }
        }
    }
    for len in [0usize, 1, 7, 100, 5000] {
        let junk: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        assert!(decode(&junk).is_none());
    }
}

/// A pack that repeats an article (two workers' packs joined, a crafted file) loads each id once,
/// the first copy, in the pack's order.
#[test]
fn repeated_articles_load_once_in_order() {
    let c = Corpus::seeds();
    let e = |i: usize| c.articles[i].clone();
    let back = Corpus::from_entries(vec![e(2), e(0), e(2), e(1), e(0), e(3)]);
    let ids: Vec<&str> = back.articles.iter().map(|a| a.id.as_str()).collect();
    let want: Vec<&str> = [2, 0, 1, 3].iter().map(|&i| c.articles[i].id.as_str()).collect();
    assert_eq!(ids, want);
}
