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

/// Per article, per quote: how many other articles report the same remark, as the alignment says.
fn reported_elsewhere(c: &Corpus, al: &Alignment) -> Vec<Vec<usize>> {
    let counts = |(ai, e): (usize, &quotelens::corpus::Entry)| {
        (0..e.quotes.quotes.len()).map(|qi| al.other_articles((ai, qi)).len()).collect()
    };
    c.articles.iter().enumerate().map(counts).collect()
}

fn roundtrip(c: &Corpus) -> (Corpus, Alignment) {
    let al = align(c);
    let bytes = encode_corpus(c, &al);
    let d = decode(&bytes).expect("our own pack decodes");
    assert_eq!(d.reported_elsewhere, reported_elsewhere(c, &al), "the counts of other articles survive");
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

/// LEB128, as the pack writes its integers.
fn varint(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The pack ends with one count per quote: how many other articles report its remark, what the
/// alignment's `other_articles` gives (the page's cards show it without the alignment). A count
/// list of the wrong length, or a count above the other articles, is refused.
#[test]
fn the_pack_carries_each_quotes_count_of_other_articles() {
    let c = Corpus::seeds();
    let al = align(&c);
    let want = reported_elsewhere(&c, &al);
    assert!(want.iter().flatten().any(|&n| n > 0), "some seed remark is reported by another article");
    let bytes = encode_corpus(&c, &al);
    assert_eq!(decode(&bytes).expect("decodes").reported_elsewhere, want);
    // The list as written at the end: the number of quotes, then each count.
    let counts: Vec<usize> = want.iter().flatten().copied().collect();
    let list = |counts: &[usize], len: usize| {
        let mut out = Vec::new();
        varint(&mut out, len);
        counts.iter().for_each(|&n| varint(&mut out, n));
        out
    };
    let tail = list(&counts, counts.len());
    assert!(bytes.ends_with(&tail), "the pack ends with the count list");
    let head = &bytes[..bytes.len() - tail.len()];
    let with = |tail: Vec<u8>| [head, &tail].concat();
    assert!(decode(&with(list(&counts, counts.len()))).is_some(), "the same list rebuilt decodes");
    let short = &counts[..counts.len() - 1];
    assert!(decode(&with(list(short, short.len()))).is_none(), "one count short is refused");
    let long = [&counts[..], &[0]].concat();
    assert!(decode(&with(list(&long, long.len()))).is_none(), "one count too many is refused");
    assert!(decode(&with(list(&counts, counts.len() + 1))).is_none(), "a length past the counts is refused");
    let mut high = counts.clone();
    high[0] = c.articles.len();
    assert!(decode(&with(list(&high, high.len()))).is_none(), "more other articles than there are is refused");
    high[0] = c.articles.len() - 1;
    assert_eq!(decode(&with(list(&high, high.len()))).expect("every other article").reported_elsewhere[0][0], high[0]);
}
