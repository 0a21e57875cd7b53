//! Alignment: the seed pairs that must be linked and the ones that must not, a table of synthetic
//! pairs, word diffs, the naive all-pairs oracle, properties on random input, the CLI's `same_as`,
//! and a run over PolNeAR's training articles when `../shared` is present.

mod common;

use common::{random_text, Rng, PIECES};
use quotelens::align::{
    align, align_all_pairs, compare_texts, word_diff, Alignment, DiffOp, QuoteAt, Scorer, SpeakerMatch, THRESHOLD,
};
use quotelens::corpus::{Corpus, Source};
use quotelens::search::fold::fold_str;
use std::collections::BTreeSet;

/// The text of a quote.
fn text(corpus: &Corpus, at: QuoteAt) -> &str {
    let e = &corpus.articles[at.0];
    e.quotes.quotes[at.1].span.slice(&e.article.text)
}

/// The first quote of the seed whose file name starts with `file` and whose folded text contains
/// every folded needle. Found by content, not id, so a new extractor that splits quotes a little
/// differently still passes.
fn find(corpus: &Corpus, file: &str, needles: &[&str]) -> QuoteAt {
    let ai = corpus.articles.iter().position(|a| a.name.starts_with(file)).unwrap_or_else(|| panic!("no seed {file}"));
    let e = &corpus.articles[ai];
    let qi = e
        .quotes
        .quotes
        .iter()
        .position(|q| {
            let t = fold_str(q.span.slice(&e.article.text));
            needles.iter().all(|n| t.contains(&fold_str(n)))
        })
        .unwrap_or_else(|| panic!("seed {file} has no quote containing {needles:?}"));
    (ai, qi)
}

/// A seed quote by file prefix and needles (see [`find`]).
type Where<'a> = (&'a str, &'a [&'a str]);

fn score_line(scorer: &Scorer, corpus: &Corpus, a: QuoteAt, b: QuoteAt) -> String {
    match scorer.score(a, b) {
        Some(l) => format!(
            "score {:.3} signals {:?} evidence {:?}\n  a: {}\n  b: {}",
            l.score,
            l.evidence.signals(),
            l.evidence,
            text(corpus, a),
            text(corpus, b)
        ),
        None => format!("not comparable\n  a: {}\n  b: {}", text(corpus, a), text(corpus, b)),
    }
}

/// The four pairs: 001 and 002 report Wang Yi's 7 March 2022 press conference in two
/// translations.
#[test]
fn seed_translations_of_one_press_conference_are_linked() {
    let corpus = Corpus::seeds();
    let al = align(&corpus);
    let scorer = Scorer::new(&corpus);
    let rows: &[(&str, &[&str], &[&str])] = &[
        ("rock-solid / iron clad", &["friendship between the two peoples", "rock"], &["iron clad"]),
        ("sinister / perilous", &["No matter how sinister"], &["No matter how perilous"]),
        ("as soon as possible", &["as soon as possible"], &["as soon as possible"]),
        ("calmness and rationality", &["calmness and rationality"], &["calmness and rationality"]),
        ("mediation", &["international community to carry out necessary mediation"], &["necessary mediation"]),
        ("legitimate security concerns", &["legitimate security concerns"], &["legitimate security concerns"]),
    ];
    for &(case, in_001, in_002) in rows {
        let a = find(&corpus, "001", in_001);
        let b = find(&corpus, "002", in_002);
        let line = score_line(&scorer, &corpus, a, b);
        println!("{case}: {line}");
        assert!(al.same_as(a).contains(&b), "{case}: must be linked, {line}");
        assert!(al.same_as(b).contains(&a), "{case}: links are symmetric");
        assert!(al.link(a, b).is_some_and(|l| l.score >= THRESHOLD), "{case}");
        assert!(al.other_articles(a).contains(&b.0), "{case}: 002 also reports 001's remark");
    }
}

/// Pairs that must stay apart: same topic but another remark, one shared word, another speaker, a
/// quote and itself.
#[test]
fn seed_pairs_that_must_not_be_linked() {
    let corpus = Corpus::seeds();
    let al = align(&corpus);
    let scorer = Scorer::new(&corpus);
    let rows: &[(&str, Where, Where)] = &[
        (
            "same topic, another remark",
            ("002", &["must be cooperating based on an equal basis"]),
            ("001", &["We hope the culprit"]),
        ),
        (
            "stock phrase 'play a constructive role', other remarks",
            ("002", &["continue playing a constructive role"]),
            ("003", &["fulfilled its international obligations"]),
        ),
        ("Blinken vs Wang", ("002", &["coercion of Vilnius"]), ("001", &["No matter how sinister"])),
        (
            "Blinken vs Wang's view of sovereignty",
            ("002", &["coercion of Vilnius"]),
            ("001", &["respect the sovereignty"]),
        ),
        ("one word: complex", ("001", &["complex"]), ("001", &["Solving complex problems"])),
        ("Stano vs Wang", ("002", &["reach out to Moscow"]), ("001", &["willing to work with the international"])),
    ];
    for &(case, (fa, na), (fb, nb)) in rows {
        let a = find(&corpus, fa, na);
        let b = find(&corpus, fb, nb);
        let line = score_line(&scorer, &corpus, a, b);
        println!("{case}: {line}");
        assert!(!al.same_as(a).contains(&b), "{case}: must not be linked, {line}");
        assert!(scorer.score(a, b).is_none_or(|l| l.score < THRESHOLD), "{case}: {line}");
    }
    // A quote is never compared with itself or with its own article.
    let a = find(&corpus, "001", &["calmness and rationality"]);
    assert!(scorer.score(a, a).is_none(), "a quote against itself");
    for l in &al.links {
        assert_ne!(l.a.0, l.b.0, "link inside one article: {l:?}");
    }
    // Single quoted words and short terms link to nothing.
    for (file, word) in [("002", "war,"), ("002", "regret"), ("001", "complex"), ("002", "coercion")] {
        let e = corpus.articles.iter().position(|a| a.name.starts_with(file)).unwrap();
        let entry = &corpus.articles[e];
        for (qi, q) in entry.quotes.quotes.iter().enumerate() {
            if q.span.slice(&entry.article.text) == word {
                assert!(al.same_as((e, qi)).is_empty(), "{word:?} must not align: {:?}", al.same_as((e, qi)));
            }
        }
    }
    // Nothing the seeds' Blinken or Stano said is linked to anything Wang said.
    for needle in ["coercion of Vilnius", "reach out to Moscow"] {
        let q = find(&corpus, "002", &[needle]);
        assert!(al.same_as(q).is_empty(), "{needle}: {:?}", al.same_as(q));
    }
}

/// The group rules on the seeds: every group has at most one quote per article, groups are sorted,
/// and each link's quotes are in one group or kept apart only because of that rule.
#[test]
fn seed_groups_are_well_formed() {
    let corpus = Corpus::seeds();
    let al = align(&corpus);
    check_alignment(&corpus, &al);
    // 002's "No matter how perilous … iron clad" reports two of 001's quotes; it joins the group of
    // the stronger link (rock-solid / iron clad), and "sinister" keeps its link outside the group.
    let sinister = find(&corpus, "001", &["No matter how sinister"]);
    let friendship = find(&corpus, "001", &["friendship between the two peoples"]);
    let perilous = find(&corpus, "002", &["No matter how perilous"]);
    let iron = find(&corpus, "002", &["iron clad"]);
    let g = al.group_of(friendship).expect("friendship is grouped");
    assert!(g.contains(&iron), "{g:?}");
    assert!(al.same_as(sinister).contains(&perilous));
    assert!(al.other_articles(sinister).contains(&perilous.0));
}

/// Invariants of any alignment.
fn check_alignment(corpus: &Corpus, al: &Alignment) {
    for g in &al.groups {
        assert!(g.len() >= 2, "a group has two or more quotes: {g:?}");
        assert!(g.windows(2).all(|w| w[0] < w[1]), "group sorted: {g:?}");
        let arts: BTreeSet<usize> = g.iter().map(|q| q.0).collect();
        assert_eq!(arts.len(), g.len(), "two quotes of one article in a group: {g:?}");
        for &q in g {
            assert_eq!(al.group_of(q), Some(g.as_slice()));
        }
    }
    assert!(al.groups.windows(2).all(|w| w[0] < w[1]), "groups sorted");
    assert!(al.links.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)), "links sorted");
    for l in &al.links {
        assert!(l.a < l.b && l.a.0 != l.b.0, "{l:?}");
        assert!((THRESHOLD..=1.0).contains(&l.score), "{l:?}");
        assert!(al.same_as(l.a).contains(&l.b) && al.same_as(l.b).contains(&l.a));
        let (ga, gb) = (al.group_of(l.a), al.group_of(l.b));
        if ga.is_none() || ga != gb {
            // Kept apart only because joining would put two quotes of one article together.
            let (ga, gb) = (ga.unwrap_or(std::slice::from_ref(&l.a)), gb.unwrap_or(std::slice::from_ref(&l.b)));
            let arts: BTreeSet<usize> = ga.iter().map(|q| q.0).collect();
            assert!(gb.iter().any(|q| arts.contains(&q.0)), "link {l:?} split across groups {ga:?} / {gb:?}");
        }
    }
    for (ai, e) in corpus.articles.iter().enumerate() {
        for qi in 0..e.quotes.quotes.len() {
            let s = al.same_as((ai, qi));
            assert!(s.windows(2).all(|w| w[0] < w[1]));
            assert!(s.iter().all(|q| q.0 != ai));
            assert_eq!(al.same_as_ids(corpus, (ai, qi)).len(), s.len());
        }
    }
}

/// Synthetic pairs, one per line: (a, b, speakers, aligned?). Speakers: 'S' same, 'D' different
/// (no name word in common), 'U' unknown. Scored as two one-quote articles (every word is rare in a
/// corpus of two, so these rows test the rules, not corpus frequencies).
#[test]
fn synthetic_pairs() {
    #[rustfmt::skip]
    let rows: &[(&str, &str, char, bool)] = &[
        // Rewording and word order.
        ("We will never abandon our allies in the region, whatever the cost.", "Whatever the cost, we will never abandon our allies in this region", 'U', true),
        ("Beijing's actions are speaking much louder than its words", "Beijing's actions speak louder than its words", 'U', true),
        ("We're going to put a lot of coal companies and coal miners out of business.", "going to put a lot of coal miners and coal companies out of business,", 'U', true),
        // Translation variants of one remark.
        ("The friendship between the two peoples is rock-solid, and both sides' future cooperation prospects are very vast", "No matter how perilous the international landscape. The friendship between the two peoples is iron clad,", 'U', true),
        ("No matter how sinister the international situation is, both China and Russia will maintain their strategic determination and push forward the comprehensive strategic partnership in the new era", "No matter how perilous the international landscape, we will maintain our strategic focus and promote the development of a comprehensive China-Russia partnership in the new era.", 'U', true),
        ("Solving complex problems requires calmness and rationality, rather than adding fuel to the fire", "calmness and rationality, instead of moves that pour oil on the flame", 'U', true),
        // Containment of partials.
        ("as soon as possible", "The Red Cross will provide a batch of aid to Ukraine as soon as possible, he said", 'S', true),
        ("as soon as possible", "as soon as possible,", 'U', true),
        ("legitimate security concerns.", "We respect the legitimate security concerns of every country", 'U', true),
        ("abolish the second amendment.", "Hillary wants to abolish, essentially abolish the Second Amendment.", 'U', true),
        // Negation: one side negates the matched words, the other does not: not the same remark.
        ("We will accept the deal on the table", "We will not accept the deal on the table", 'S', false),
        ("China will never send weapons to either side", "China will send weapons to either side", 'U', false),
        ("We will not accept the deal on the table", "we won't accept the deal on the table", 'U', true),
        ("No matter how hard it gets, we will stay", "No matter how hard it gets, we will stay", 'U', true),
        // Too little informative content: single words, two-word terms, names.
        ("war", "war", 'S', false),
        ("regret", "We regret the loss of civilian life", 'S', false),
        ("complex", "Solving complex problems requires calmness", 'U', false),
        ("rock solid", "The friendship between the two peoples is rock-solid", 'S', false),
        ("Morning Joe", "Morning Joe,", 'U', false),
        ("I told Marco Rubio and Ted Cruz", "Ted Cruz and Marco Rubio were there", 'U', false),
        // Same topic, another remark.
        ("China and the United States must be cooperating based on an equal basis", "The United States is trying to set up its own bloc to increase pressure on China", 'U', false),
        ("We hope the culprit of the crisis would reflect on their role", "The crisis creates uncertainty for China during a year of stability", 'U', false),
        // Speakers: a known different speaker is a strong penalty; an identical long quote survives it.
        ("No matter how sinister the international situation is, both China and Russia will maintain their strategic determination", "No matter how perilous the international landscape, we will maintain our strategic focus", 'D', false),
        ("No matter how sinister the international situation is, both China and Russia will maintain their strategic determination", "No matter how perilous the international landscape, we will maintain our strategic focus", 'S', true),
        ("Revenues are up a little bit, and so are rounds,", "Revenues are up a little bit, and so are rounds,", 'D', true),
        // Empty and odd input.
        ("", "", 'U', false),
        ("“”", "—", 'U', false),
    ];
    let mut failures = Vec::new();
    for &(a, b, who, want) in rows {
        let speaker = match who {
            'S' => SpeakerMatch::Same,
            'D' => SpeakerMatch::Different,
            _ => SpeakerMatch::Unknown,
        };
        let got = compare_texts(a, b, speaker);
        let aligned = got.as_ref().is_some_and(|(s, _)| *s >= THRESHOLD);
        let shown = got.map_or("not comparable".to_string(), |(s, e)| format!("{s:.3} {:?}", e.signals()));
        println!("{:<5} {shown}  |  {a:?}  ~  {b:?}", if aligned { "yes" } else { "no" });
        if aligned != want {
            failures.push(format!("{a:?} ~ {b:?} ({who}): want aligned={want}, got {shown}"));
        }
        // Symmetric: the order of the two quotes does not matter.
        let back = compare_texts(b, a, speaker).map(|(s, _)| s);
        let fwd = compare_texts(a, b, speaker).map(|(s, _)| s);
        assert_eq!(fwd, back, "score of {a:?} ~ {b:?} depends on the order");
    }
    assert!(failures.is_empty(), "synthetic pairs:\n{}", failures.join("\n"));
}

/// Render a diff as "=same -removed +added" pieces, checking that every span lies on char
/// boundaries and that the pieces reassemble both texts exactly.
fn render(a: &str, b: &str) -> Vec<String> {
    let ops = word_diff(a, b);
    check_diff(a, b, &ops);
    ops.iter()
        .map(|op| match *op {
            DiffOp::Same { a: s, b: t } => format!("={}|{}", s.slice(a), t.slice(b)),
            DiffOp::Removed { a: s } => format!("-{}", s.slice(a)),
            DiffOp::Added { b: s } => format!("+{}", s.slice(b)),
        })
        .collect()
}

fn check_diff(a: &str, b: &str, ops: &[DiffOp]) {
    let (mut ra, mut rb) = (String::new(), String::new());
    for op in ops {
        let (sa, sb) = match *op {
            DiffOp::Same { a, b } => (Some(a), Some(b)),
            DiffOp::Removed { a } => (Some(a), None),
            DiffOp::Added { b } => (None, Some(b)),
        };
        if let Some(s) = sa {
            assert!(a.is_char_boundary(s.start) && a.is_char_boundary(s.end), "{op:?} off a char boundary of {a:?}");
            assert!(!s.is_empty(), "empty op {op:?}");
            ra.push_str(s.slice(a));
        }
        if let Some(s) = sb {
            assert!(b.is_char_boundary(s.start) && b.is_char_boundary(s.end), "{op:?} off a char boundary of {b:?}");
            assert!(!s.is_empty(), "empty op {op:?}");
            rb.push_str(s.slice(b));
        }
    }
    assert_eq!(ra, a, "Same+Removed must reassemble a; ops {ops:?}");
    assert_eq!(rb, b, "Same+Added must reassemble b; ops {ops:?}");
    for w in ops.windows(2) {
        let kind = |op: &DiffOp| std::mem::discriminant(op);
        assert!(kind(&w[0]) != kind(&w[1]), "neighbouring ops of one kind are merged: {ops:?}");
        assert!(!matches!((w[0], w[1]), (DiffOp::Added { .. }, DiffOp::Removed { .. })), "removal first: {ops:?}");
    }
}

/// Word diffs: (a, b, expected ops as "=a-text|b-text", "-removed", "+added").
#[test]
fn word_diffs() {
    #[rustfmt::skip]
    let rows: &[(&str, &str, &[&str])] = &[
        ("is rock-solid, they said", "is iron clad, they said", &["=is |is ", "-rock-solid, ", "+iron clad, ", "=they said|they said"]),
        ("The friendship between the two peoples is rock-solid,", "The friendship between the two peoples is iron clad,", &["=The friendship between the two peoples is |The friendship between the two peoples is ", "-rock-solid,", "+iron clad,"]),
        ("“No matter how sinister the situation”", "‘No matter how perilous the landscape’", &["=“No matter how |‘No matter how ", "-sinister ", "+perilous ", "=the |the ", "-situation”", "+landscape’"]),
        ("China’s role — active", "China's role - active!", &["=China’s role — active|China's role - active!"]),
        ("Café résumé naïve", "cafe resume NAIVE", &["=Café résumé naïve|cafe resume NAIVE"]),
        ("We 😀 agree", "We agree 🇺🇦", &["=We 😀 agree|We agree 🇺🇦"]),
        ("e\u{301}lan vital", "élan vital", &["=e\u{301}lan vital|élan vital"]),
        ("", "", &[]),
        ("", "new words", &["+new words"]),
        ("old words", "", &["-old words"]),
        ("— …", "—", &["-— …", "+—"]),
        ("a b c", "c b a", &["-a b ", "=c|c ", "+b a"]),
        ("as soon as possible", "as soon as possible,", &["=as soon as possible|as soon as possible,"]),
    ];
    for &(a, b, want) in rows {
        assert_eq!(render(a, b), want, "word_diff({a:?}, {b:?})");
    }
}

/// A 5 MB quote is diffed in bounded time, and still reassembles.
#[test]
fn word_diff_is_bounded_on_huge_input() {
    let a = "word ".repeat(1_000_000);
    let b = format!("{}changed ending", "other ".repeat(700_000));
    let t = std::time::Instant::now();
    let ops = word_diff(&a, &b);
    check_diff(&a, &b, &ops);
    let near: String = (0..2000).map(|i| format!("w{} ", i % 97)).collect();
    let near2 = near.replace("w5 ", "w5x ");
    check_diff(&near, &near2, &word_diff(&near, &near2));
    assert!(t.elapsed().as_secs() < 10, "word_diff took {:?}", t.elapsed());
}

/// Extra pieces for alignment properties: words of the seed remarks, so random quotes overlap.
const REMARK_PIECES: &[&str] = &[
    "friendship",
    "between the two peoples",
    "rock-solid",
    "iron clad",
    "calmness and rationality",
    "as soon as possible",
    "legitimate security concerns",
    "No matter how",
    "not",
    "never",
    "Wang Yi",
    "strategic partnership",
];

fn random_quote(rng: &mut Rng) -> String {
    let n = rng.below(12);
    let mut s = String::new();
    for _ in 0..n {
        if rng.below(2) == 0 {
            s.push_str(rng.pick(REMARK_PIECES));
        } else {
            s.push_str(rng.pick(PIECES));
        }
        s.push(' ');
    }
    s
}

/// Random articles with overlapping quotes: align never panics, equals the all-pairs oracle, and
/// keeps its invariants; word_diff and compare_texts never panic and diffs reassemble.
#[test]
fn random_input_never_panics_and_matches_the_oracle() {
    let mut rng = Rng::new(6);
    let mut linked_any = false;
    for round in 0..40 {
        let articles = 2 + rng.below(4);
        let sources: Vec<Source> = (0..articles)
            .map(|k| {
                let mut text = random_text(&mut rng, 6);
                for _ in 0..1 + rng.below(4) {
                    text.push_str(&format!(
                        "\n“{}” Wang Yi said. {}",
                        random_quote(&mut rng),
                        random_text(&mut rng, 4)
                    ));
                }
                Source { name: format!("r{round}-{k}.txt"), text, ..Source::default() }
            })
            .collect();
        let corpus = Corpus::build(sources);
        let fast = align(&corpus);
        let slow = align_all_pairs(&corpus);
        assert_eq!(fast.links, slow.links, "round {round}: the index must find every pair the oracle links");
        assert_eq!(fast.groups, slow.groups);
        check_alignment(&corpus, &fast);
        linked_any |= !fast.links.is_empty();
    }
    assert!(linked_any, "the generator should produce some links");
    for _ in 0..500 {
        let a = if rng.below(2) == 0 { random_text(&mut rng, 30) } else { random_quote(&mut rng) };
        let b = if rng.below(2) == 0 { random_text(&mut rng, 30) } else { random_quote(&mut rng) };
        check_diff(&a, &b, &word_diff(&a, &b));
        for who in [SpeakerMatch::Same, SpeakerMatch::Different, SpeakerMatch::Unknown] {
            if let Some((s, _)) = compare_texts(&a, &b, who) {
                assert!((0.0..=1.0).contains(&s), "score {s} for {a:?} ~ {b:?}");
            }
        }
    }
}

/// Unknown places are empty answers, not panics.
#[test]
fn unknown_quotes_are_empty_answers() {
    let corpus = Corpus::seeds();
    let al = align(&corpus);
    assert!(al.same_as((99, 0)).is_empty());
    assert!(al.same_as((0, 9999)).is_empty());
    assert!(al.group_of((99, 0)).is_none());
    assert!(al.other_articles((99, 99)).is_empty());
    assert!(Scorer::new(&corpus).score((0, 0), (99, 0)).is_none());
    let empty = align(&Corpus::default());
    assert!(empty.links.is_empty() && empty.groups.is_empty());
}

/// `extract` gives every quote a `same_as` list of quote ids in the other files.
#[test]
fn cli_extract_reports_same_as() {
    let seed = |n: &str| format!("{}/seeds/{n}", env!("CARGO_MANIFEST_DIR"));
    let files = [seed("001_2fe322bd87738eb3.txt"), seed("002_58a277481ee7be65.txt"), seed("003_5425e011c519e91f.txt")];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelens")).arg("extract").args(&files).output().unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arts = v.as_array().unwrap();
    let ids: Vec<Vec<String>> = arts
        .iter()
        .map(|a| a["quotes"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_string()).collect())
        .collect();
    let mut pairs = 0;
    for (k, a) in arts.iter().enumerate() {
        for q in a["quotes"].as_array().unwrap() {
            let same = q["same_as"].as_array().expect("same_as is an array on every quote");
            for other in same {
                let other = other.as_str().unwrap();
                assert!(!ids[k].iter().any(|i| i == other), "same_as points into its own file: {other}");
                let (j, oq) = arts
                    .iter()
                    .enumerate()
                    .find_map(|(j, b)| {
                        b["quotes"].as_array().unwrap().iter().find(|x| x["id"] == other).map(|x| (j, x))
                    })
                    .unwrap_or_else(|| panic!("same_as id {other} is not a quote of the output"));
                assert_ne!(j, k);
                assert!(
                    oq["same_as"].as_array().unwrap().iter().any(|x| x == &q["id"]),
                    "same_as is symmetric: {} / {other}",
                    q["id"]
                );
                pairs += 1;
            }
        }
    }
    assert!(pairs >= 8, "001 and 002 share at least four remarks (both directions), got {pairs}");
    let q = arts[0]["quotes"].as_array().unwrap().iter().find(|q| q["text"] == "as soon as possible").unwrap();
    assert_eq!(q["same_as"].as_array().unwrap().len(), 1, "{q}");
}

/// PolNeAR's 840 training articles: align runs in well under a second (release build) and keeps
/// every group to one quote per article. Skipped, with a message, when ../shared is absent.
#[test]
fn polnear_train_aligns_quickly() {
    let Some((_, sources)) = common::polnear("train", "polnear_train_aligns_quickly") else { return };
    let corpus = Corpus::build(sources);
    let quotes: usize = corpus.articles.iter().map(|a| a.quotes.quotes.len()).sum();
    let t = std::time::Instant::now();
    let al = align(&corpus);
    let took = t.elapsed();
    let largest = al.groups.iter().map(Vec::len).max().unwrap_or(0);
    println!(
        "PolNeAR train: {} articles, {quotes} quotes, align {took:?}: {} links, {} groups (largest {largest})",
        corpus.articles.len(),
        al.links.len(),
        al.groups.len()
    );
    check_alignment(&corpus, &al);
    assert!(!al.groups.is_empty(), "PolNeAR repeats some quotes across articles");
    if !cfg!(debug_assertions) {
        assert!(took.as_secs_f32() < 3.0, "align took {took:?} (expected well under a second natively)");
    }
}
