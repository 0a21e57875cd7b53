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
    let back = d.corpus;
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
            let back = d.corpus;
            for e in &back.articles {
                assert_eq!(e.quote_ids.len(), e.quotes.quotes.len());
                assert_eq!(e.speakers.len(), e.quotes.people.len());
                assert!(e.speakers.iter().all(|&s| s < back.speakers.len()));
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

/// A pack that repeats an article (two packs joined, a crafted file) is refused: ids must name one
/// article each.
#[test]
fn a_pack_that_repeats_an_article_is_refused() {
    let c = Corpus::seeds();
    let mut twice = c.clone();
    twice.articles.push(c.articles[1].clone());
    assert!(decode(&encode_corpus(&c, &Alignment::default())).is_some());
    assert!(decode(&encode_corpus(&twice, &Alignment::default())).is_none());
}

/// A pack whose speakers are out of order (looked up by binary search) or whose people point past
/// the speakers is refused.
#[test]
fn a_pack_with_inconsistent_speakers_is_refused() {
    let c = Corpus::seeds();
    let mut swapped = c.clone();
    swapped.speakers.swap(0, 1);
    assert!(decode(&encode_corpus(&swapped, &Alignment::default())).is_none());
    let mut dangling = c.clone();
    let e = dangling.articles.iter_mut().find(|e| !e.speakers.is_empty()).expect("seeds have speakers");
    e.speakers[0] = c.speakers.len();
    assert!(decode(&encode_corpus(&dangling, &Alignment::default())).is_none());
}
