//! Search properties: the index against a naive linear scan on random corpora and queries (match
//! sets, totals, facet counts, highlights), highlight ranges on char boundaries covering whole
//! matched words in hostile text, and bounded work on hostile queries.

mod common;

use common::{random_text, Rng, PIECES};
use quotelens::corpus::{Corpus, Entry, Source};
use quotelens::quote::QuoteKind;
use quotelens::search::fold::fold_char;
use quotelens::search::tokenize::{words, MAX_WORD_BYTES};
use quotelens::search::{parse_query, word_match, Field, Index, Literal, Query, Request, UNATTRIBUTED, UNKNOWN_OUTLET};
use quotelens::span::Span;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// Words of the random corpora: stem families, accents, typographic marks, names and cues.
const VOCAB: &[&str] = &[
    "negotiation",
    "negotiations",
    "negotiated",
    "negotiate",
    "election",
    "elected",
    "elections",
    "border",
    "wall",
    "walls",
    "trade",
    "deal",
    "deals",
    "taxes",
    "takes",
    "tax",
    "café",
    "cafe",
    "Straße",
    "strasse",
    "İstanbul",
    "istanbul",
    "O’Brien",
    "don't",
    "six-point",
    "plan",
    "1,000",
    "3.5",
    "war",
    "peace",
    "China",
    "Russia",
    "the",
    "a",
    "of",
    "sanctions",
    "sanction",
    "policy",
    "policies",
    "economy",
    "economic",
    "中国",
    "Москва",
    "e\u{301}te\u{301}",
    "negociation",
    "bordre",
    "😀",
    "wang",
    "smith",
];
const NAMES: &[&str] = &["Wang Yi", "Jane Smith", "Donald Trump", "Zoë Ağaoğlu", "Wang Wenbin"];
const OUTLETS: &[&str] = &["Reuters", "Breitbart News", "Le Monde"];

fn sentence(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(VOCAB));
    }
    s
}

/// A random article: a headline, then paragraphs with quotes in straight or curly marks, some
/// attributed with a name and cue.
fn random_article(rng: &mut Rng) -> String {
    let n = 1 + rng.below(4);
    let mut t = format!("{}\n\n", capitalise(&sentence(rng, n)));
    for _ in 0..1 + rng.below(4) {
        for _ in 0..1 + rng.below(3) {
            let (open, close) = rng.pick(&[("“", "”"), ("\"", "\""), ("«", "»")]);
            let n = 1 + rng.below(8);
            let inner = capitalise(&sentence(rng, n));
            let punct = rng.pick(&[",", ".", ""]);
            match rng.below(3) {
                0 => t.push_str(&format!("{open}{inner}{punct}{close} {} said. ", rng.pick(NAMES))),
                1 => t.push_str(&format!("{} said {open}{inner}{punct}{close} ", rng.pick(NAMES))),
                _ => t.push_str(&format!("{} {open}{inner}{close} {}. ", sentence(rng, 2), sentence(rng, 2))),
            }
        }
        t.push_str("\n\n");
    }
    t
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn random_corpus(rng: &mut Rng) -> Corpus {
    let n = 1 + rng.below(6);
    Corpus::build(
        (0..n)
            .map(|i| Source {
                name: format!("art{i}.txt"),
                text: random_article(rng),
                outlet: (rng.below(4) > 0).then(|| rng.pick(OUTLETS).to_string()),
                date: None,
                local: false,
            })
            .collect(),
    )
}

/// A random query: words, prefixes, typos, phrases, OR, exclusions, fields, kinds.
fn random_query(rng: &mut Rng, corpus: &Corpus) -> String {
    let mut parts: Vec<String> = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let w = rng.pick(VOCAB).to_string();
        let part = match rng.below(12) {
            0 => format!("\"{} {}\"", rng.pick(VOCAB), rng.pick(VOCAB)),
            1 => format!("-{w}"),
            2 => format!("{w} OR {}", rng.pick(VOCAB)),
            3 => format!("speaker:{}", rng.pick(&["wang", "smith", "\"wang yi\"", "trump", "zoe", "agaoglu"])),
            4 => format!("outlet:{}", rng.pick(&["reuters", "\"breitbart news\"", "monde", "breitbart"])),
            5 => match corpus.articles.first() {
                Some(a) if rng.below(2) == 0 => format!("article:{}", a.id),
                _ => format!("article:{w}"),
            },
            6 => format!("kind:{}", rng.pick(&["direct", "partial", "term", "dir"])),
            7 => {
                // A typo: drop, double or swap a letter.
                let mut cs: Vec<char> = w.chars().collect();
                if cs.len() > 2 {
                    let i = rng.below(cs.len() - 1);
                    match rng.below(3) {
                        0 => {
                            cs.remove(i);
                        }
                        1 => cs.insert(i, cs[i]),
                        _ => cs.swap(i, i + 1),
                    }
                }
                cs.into_iter().collect()
            }
            8 => {
                let cs: Vec<char> = w.chars().collect();
                cs[..1 + rng.below(cs.len())].iter().collect()
            }
            _ => w,
        };
        parts.push(part);
    }
    let mut q = parts.join(" ");
    if rng.below(3) == 0 {
        q.push(' ');
    }
    q
}

/// The values of each field of a document, as the naive scan sees them.
#[derive(Default)]
struct Doc {
    any: Vec<String>,
    speaker: Vec<String>,
    outlet: Vec<String>,
    article: Vec<String>,
    kinds: Vec<QuoteKind>,
}

fn article_fields(e: &Entry, d: &mut Doc) {
    d.article = vec![e.display_title(), e.id.clone(), e.name.clone()];
    d.outlet = e.outlet.iter().cloned().collect();
}

fn speaker_values(corpus: &Corpus, s: Option<usize>) -> Vec<String> {
    s.and_then(|s| corpus.speakers.get(s))
        .map(|s| std::iter::once(s.name.clone()).chain(s.aliases.iter().cloned()).collect())
        .unwrap_or_default()
}

fn quote_doc(corpus: &Corpus, e: &Entry, qi: usize) -> Doc {
    let q = &e.quotes.quotes[qi];
    let text = &e.article.text;
    let mut d = Doc::default();
    article_fields(e, &mut d);
    let speaker = e.speaker_of(q);
    d.speaker = speaker_values(corpus, speaker);
    d.any = vec![q.span.slice(text).to_string()];
    d.any.extend(d.speaker.iter().cloned());
    if let Some(s) = speaker.and_then(|s| corpus.speakers.get(s)) {
        d.any.extend(s.roles.iter().cloned());
    }
    if let Some(c) = &q.cue {
        d.any.push(c.span.slice(text).to_string());
    }
    d.any.push(e.display_title());
    d.any.extend(e.outlet.iter().cloned());
    d.kinds = vec![q.kind];
    d
}

fn passage_doc(corpus: &Corpus, e: &Entry, bi: usize) -> Doc {
    let mut d = Doc::default();
    article_fields(e, &mut d);
    d.any = vec![e.article.blocks[bi].content.slice(&e.article.text).to_string()];
    for q in e.quotes.quotes.iter().filter(|q| q.block == bi) {
        for n in speaker_values(corpus, e.speaker_of(q)) {
            if !d.speaker.contains(&n) {
                d.speaker.push(n);
            }
        }
        d.kinds.push(q.kind);
    }
    d
}

/// Does the literal's word sequence occur in one of the values?
fn lit_holds(l: &Literal, d: &Doc) -> bool {
    let values = match l.field {
        Field::Kind => return d.kinds.iter().any(|k| l.kinds.contains(k)),
        Field::Any => &d.any,
        Field::Speaker => &d.speaker,
        Field::Outlet => &d.outlet,
        Field::Article => &d.article,
    };
    let n = l.words.len();
    n > 0
        && values.iter().any(|v| {
            let toks = words(v);
            toks.len() >= n
                && (0..=toks.len() - n).any(|i| (0..n).all(|k| word_match(&l.words[k], &toks[i + k].1).is_some()))
        })
}

fn query_holds(q: &Query, d: &Doc) -> bool {
    q.clauses.iter().all(|c| c.any.iter().any(|l| lit_holds(l, d) != l.negated))
}

#[test]
fn index_agrees_with_a_naive_scan() {
    let mut rng = Rng::new(20_241);
    let mut checked = 0;
    let mut nontrivial = 0;
    for round in 0..300 {
        let corpus = random_corpus(&mut rng);
        let index = Index::build(&corpus);
        for _ in 0..8 {
            let text = random_query(&mut rng, &corpus);
            let (query, _) = parse_query(&text);
            // Random facet selections too.
            let mut req = Request {
                query: text.clone(),
                limit: usize::MAX,
                passage_limit: usize::MAX,
                facet_limit: 0,
                ..Request::default()
            };
            if rng.below(3) == 0 && !corpus.speakers.is_empty() {
                req.speakers.push(corpus.speakers[rng.below(corpus.speakers.len())].id.clone());
                if rng.below(2) == 0 {
                    req.speakers.push(UNATTRIBUTED.into());
                }
            }
            if rng.below(4) == 0 {
                req.kinds.push(rng.pick(&[QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term]));
            }
            if rng.below(4) == 0 {
                req.outlets.push(rng.pick(&[OUTLETS[0], OUTLETS[1], UNKNOWN_OUTLET]).to_string());
            }
            let got = index.search(&corpus, &req);

            // Quotes: the naive match set, then the selection, and facets counted the slow way.
            let mut want = BTreeSet::new();
            let mut speakers = std::collections::BTreeMap::<String, usize>::new();
            let mut kinds = std::collections::BTreeMap::<String, usize>::new();
            for (ai, e) in corpus.articles.iter().enumerate() {
                for (qi, q) in e.quotes.quotes.iter().enumerate() {
                    if !query_holds(&query, &quote_doc(&corpus, e, qi)) {
                        continue;
                    }
                    let sid = e.speaker_of(q).map_or(UNATTRIBUTED.to_string(), |s| corpus.speakers[s].id.clone());
                    let outlet = e.outlet.clone().unwrap_or(UNKNOWN_OUTLET.into());
                    let ps = req.speakers.is_empty() || req.speakers.contains(&sid);
                    let pk = req.kinds.is_empty() || req.kinds.contains(&q.kind);
                    let po = req.outlets.is_empty() || req.outlets.contains(&outlet);
                    if pk && po {
                        *speakers.entry(sid).or_default() += 1;
                    }
                    if ps && po {
                        *kinds.entry(q.kind.as_str().to_string()).or_default() += 1;
                    }
                    if ps && pk && po {
                        want.insert((ai, qi));
                    }
                }
            }
            let have: BTreeSet<(usize, usize)> = got.hits.iter().map(|h| (h.article, h.quote)).collect();
            assert_eq!(have, want, "round {round}: quotes for {text:?} ({req:?})");
            assert_eq!(got.total, want.len(), "round {round}: total for {text:?}");
            let all: usize = corpus.articles.iter().map(|a| a.quotes.quotes.len()).sum();
            if !want.is_empty() && want.len() < all {
                nontrivial += 1;
            }
            let facet = |values: &[quotelens::search::FacetValue]| {
                values
                    .iter()
                    .filter(|v| v.count > 0)
                    .map(|v| (v.value.clone(), v.count))
                    .collect::<std::collections::BTreeMap<_, _>>()
            };
            assert_eq!(facet(&got.facets.speakers), speakers, "round {round}: speaker facet for {text:?} ({req:?})");
            assert_eq!(facet(&got.facets.kinds), kinds, "round {round}: kind facet for {text:?} ({req:?})");

            // Passages (free-text queries only).
            if query.has_free_text() {
                let mut want = BTreeSet::new();
                for (ai, e) in corpus.articles.iter().enumerate() {
                    let outlet = e.outlet.clone().unwrap_or(UNKNOWN_OUTLET.into());
                    for (bi, b) in e.article.blocks.iter().enumerate() {
                        if b.kind != quotelens::article::BlockKind::Body {
                            continue;
                        }
                        let d = passage_doc(&corpus, e, bi);
                        let in_block: Vec<_> = e.quotes.quotes.iter().filter(|q| q.block == bi).collect();
                        let ps = req.speakers.is_empty()
                            || in_block.iter().any(|q| {
                                let sid =
                                    e.speaker_of(q).map_or(UNATTRIBUTED.to_string(), |s| corpus.speakers[s].id.clone());
                                req.speakers.contains(&sid)
                            });
                        let pk = req.kinds.is_empty() || in_block.iter().any(|q| req.kinds.contains(&q.kind));
                        let po = req.outlets.is_empty() || req.outlets.contains(&outlet);
                        if ps && pk && po && query_holds(&query, &d) {
                            want.insert((ai, bi));
                        }
                    }
                }
                let have: BTreeSet<(usize, usize)> = got.passages.iter().map(|p| (p.article, p.block)).collect();
                assert_eq!(have, want, "round {round}: passages for {text:?} ({req:?})");
                assert_eq!(got.passage_total, want.len());
            }

            // Every highlight in a hit is a whole matched word (or phrase) of the quote text.
            for h in &got.hits {
                let e = &corpus.articles[h.article];
                let text = e.quotes.quotes[h.quote].span.slice(&e.article.text);
                check_ranges(&query, text, &h.text, &format!("round {round}: hit for {text:?}"));
            }
            checked += 1;
        }
    }
    assert!(checked > 1000);
    assert!(nontrivial > checked / 4, "only {nontrivial} of {checked} queries matched some but not all quotes");
}

/// Ranges are sorted, disjoint, on char boundaries, and each starts at a word start and ends at a
/// word end of `text`; every word that a positive single-word free-text literal matches is covered.
fn check_ranges(query: &Query, text: &str, ranges: &[Span], what: &str) {
    let toks = words(text);
    for (i, r) in ranges.iter().enumerate() {
        assert!(r.start < r.end && r.end <= text.len(), "{what}: empty or out-of-range {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what}: {r:?} not on char boundaries");
        assert!(toks.iter().any(|(s, _)| s.start == r.start), "{what}: {r:?} does not start a word");
        assert!(toks.iter().any(|(s, _)| s.end == r.end), "{what}: {r:?} does not end a word");
        if i > 0 {
            assert!(ranges[i - 1].end <= r.start, "{what}: ranges overlap or are unsorted: {ranges:?}");
        }
        // A one-word range is a word some positive free-text query word matches.
        if let Some((_, w)) = toks.iter().find(|(s, _)| s == r) {
            let words_of_query =
                query.clauses.iter().flat_map(|c| &c.any).filter(|l| !l.negated && l.field == Field::Any);
            assert!(
                words_of_query.flat_map(|l| &l.words).any(|q| word_match(q, w).is_some()),
                "{what}: {:?} is marked but matches no query word",
                r.slice(text)
            );
        }
    }
    for l in query.clauses.iter().flat_map(|c| &c.any) {
        if l.negated || l.field != Field::Any || l.words.len() != 1 {
            continue;
        }
        for (s, w) in &toks {
            if word_match(&l.words[0], w).is_some() {
                assert!(
                    ranges.iter().any(|r| r.contains(*s)),
                    "{what}: {:?} matches {:?} but is not marked",
                    s.slice(text),
                    l.words[0].text
                );
            }
        }
    }
}

/// Hostile text pieces for the boundary property: emoji (with ZWJ and flags), combining accents,
/// curly quotes, İ, ß.
const HOSTILE: &[&str] = &[
    "😀",
    "👩‍👩‍👧",
    "🇺🇦",
    "e\u{301}",
    "a\u{308}\u{301}",
    "İ",
    "ß",
    "ẞ",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    " ",
    "\u{a0}",
    "-",
    "—",
    "İstanbul",
    "Straße",
    "café",
    "cafe\u{301}",
    "naïve",
    "O’Brien",
    "négociation",
    "negotiations",
    "中国",
    "x",
    "\u{200d}",
    "\u{fe0f}",
    "\u{feff}",
    "1,000",
    "3.5",
];

#[test]
fn highlight_ranges_lie_on_char_boundaries_and_cover_matched_words() {
    let mut rng = Rng::new(7);
    let corpus = Corpus::build(vec![Source {
        name: "h.txt".into(),
        text: "“İstanbul Straße café naïve O’Brien negotiations 中国 1,000,” Jane Smith said.".into(),
        ..Source::default()
    }]);
    let index = Index::build(&corpus);
    for round in 0..3000 {
        let mut text = String::new();
        for _ in 0..rng.below(30) {
            text.push_str(if rng.below(3) == 0 { rng.pick(PIECES) } else { rng.pick(HOSTILE) });
        }
        // Query: words of the text (cut for prefixes, bent for typos), in any case.
        let toks = words(&text);
        let mut q = String::new();
        for _ in 0..1 + rng.below(3) {
            let w = if toks.is_empty() || rng.below(4) == 0 {
                rng.pick(HOSTILE).to_string()
            } else {
                let (s, _) = &toks[rng.below(toks.len())];
                let orig = s.slice(&text);
                match rng.below(4) {
                    0 => orig.to_uppercase(),
                    1 => orig.chars().take(1 + rng.below(orig.chars().count())).collect(),
                    2 => format!("{orig}x"),
                    _ => orig.to_string(),
                }
            };
            q.push_str(&w);
            q.push(' ');
        }
        if rng.below(2) == 0 {
            q.pop();
        }
        let (query, _) = parse_query(&q);
        let ranges = index.highlight(&query, &text);
        check_ranges(&query, &text, &ranges, &format!("round {round}: query {q:?} in {text:?}"));
    }
}

#[test]
fn random_garbage_never_panics() {
    let mut rng = Rng::new(99);
    let corpus =
        Corpus::build(vec![Source { name: "g.txt".into(), text: random_text(&mut rng, 200), ..Source::default() }]);
    let index = Index::build(&corpus);
    for _ in 0..2000 {
        let q = random_text(&mut rng, 20);
        let mut req = Request { query: q.clone(), offset: rng.below(3), limit: rng.below(5), ..Request::default() };
        if rng.below(5) == 0 {
            req.speakers.push(random_text(&mut rng, 2));
            req.articles.push(random_text(&mut rng, 2));
        }
        let r = index.search(&corpus, &req);
        assert!(r.hits.len() <= req.limit);
        for h in &r.hints {
            assert!(
                q.is_char_boundary(h.span.start) && q.is_char_boundary(h.span.end.min(q.len())),
                "hint span {h:?} in {q:?}"
            );
        }
        let text = random_text(&mut rng, 30);
        let ranges = index.highlight(&r.query, &text);
        check_ranges(&r.query, &text, &ranges, &format!("garbage query {q:?} on {text:?}"));
    }
    // A search against a different corpus than the index was built from is wrong but harmless.
    let other = Corpus::seeds();
    let _ = index.search(&other, &Request::default());
    let _ = Index::build(&other).search(&corpus, &Request { query: "china".into(), ..Request::default() });
}

/// Hostile queries finish fast, with a hint saying what was cut.
#[test]
fn hostile_queries_are_bounded() {
    let corpus = Corpus::seeds();
    let index = Index::build(&corpus);
    let long_words: Vec<String> =
        (0..100).map(|i| format!("negotiationsx{}", "abcdefghij".chars().nth(i % 10).unwrap())).collect();
    let cases: Vec<(String, &str)> = vec![
        ("a".repeat(10_000), "query-truncated"),
        ("x ".repeat(5_000), "query-truncated"),
        ((0..1000).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" "), "too-many-terms"),
        (vec!["china"; 501].join(" OR "), "too-many-terms"),
        (long_words.join(" "), "too-many-terms"),
        (format!("\"{}\"", vec!["the"; 40].join(" ")), "too-many-terms"),
        ("-".repeat(3000), "query-truncated"),
        ("\"".repeat(999), "unclosed-quote"),
    ];
    for (q, code) in cases {
        let t = Instant::now();
        let r = index.search(&corpus, &Request { query: q.clone(), ..Request::default() });
        let took = t.elapsed();
        assert!(took < Duration::from_millis(500), "{}… took {took:?}", &q[..20]);
        assert!(r.hints.iter().any(|h| h.code == code), "{}…: expected a {code} hint, got {:?}", &q[..20], r.hints);
    }
}

/// The tokenizer the slow way, char by char from its documented rules: the oracle for the fast
/// one (ASCII runs, byte scanning).
fn naive_words(text: &str) -> Vec<(Span, String)> {
    let ideograph = |c: char| matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF);
    let wordy = |s: &str| !s.is_empty() && s.chars().all(char::is_alphanumeric);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize, String)> = None;
    let close = |cur: &mut Option<(usize, usize, String)>, out: &mut Vec<(Span, String)>| {
        if let Some((s, e, w)) = cur.take() {
            out.push((Span::new(s, e), w));
        }
    };
    for (n, &(i, c)) in chars.iter().enumerate() {
        let f = fold_char(c).as_str().to_string();
        let end = i + c.len_utf8();
        let next = chars.get(n + 1).map(|&(_, c)| c);
        if ideograph(c) {
            close(&mut cur, &mut out);
            out.push((Span::new(i, end), f));
        } else if wordy(&f) {
            let (_, e, w) = cur.get_or_insert((i, end, String::new()));
            if w.len() + f.len() <= MAX_WORD_BYTES {
                w.push_str(&f);
            }
            *e = end;
        } else if f.is_empty() {
            if let Some((_, e, _)) = cur.as_mut() {
                *e = end;
            }
        } else if cur.is_some() && f == "'" && next.is_some_and(|n| wordy(fold_char(n).as_str()) && !ideograph(n)) {
        } else if (c == ',' || c == '.')
            && cur.as_ref().is_some_and(|(_, _, w)| w.ends_with(|d: char| d.is_ascii_digit()))
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            if c == '.' {
                if let Some((_, _, w)) = cur.as_mut() {
                    if w.len() < MAX_WORD_BYTES {
                        w.push('.');
                    }
                }
            }
        } else {
            close(&mut cur, &mut out);
        }
    }
    close(&mut cur, &mut out);
    out
}

#[test]
fn tokenizer_agrees_with_its_naive_rules() {
    let mut rng = Rng::new(5);
    let long = "x".repeat(70);
    for round in 0..20_000 {
        let mut text = String::new();
        for _ in 0..rng.below(25) {
            let piece = match rng.below(4) {
                0 => rng.pick(PIECES),
                1 => rng.pick(HOSTILE),
                2 => rng.pick(VOCAB),
                _ => rng.pick(&["1,000", "3.5", "a'b", "x`y", "é'", "'", "1.", ".5", long.as_str(), "ǅ", "ẞ", "Ά"]),
            };
            text.push_str(piece);
        }
        assert_eq!(words(&text), naive_words(&text), "round {round}: words of {text:?}");
    }
}
