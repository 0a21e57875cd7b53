//! Search tables: the query parser (query → clauses + hints), ranking (query → ordered quote
//! labels over a small fixture corpus), facets, highlights and snippets, and a golden snapshot of
//! the `search` CLI's shape over the same fixture.
//!
//! The fixture corpus is built by hand (articles parsed by `Article::parse`, quotes placed where
//! the fixture says, speakers merged like the corpus does), so these expectations do not move when
//! the quote extractor changes.

mod common;

use common::check_golden;
use quotelens::article::Article;
use quotelens::corpus::{Corpus, Entry, Source, Speaker};
use quotelens::quote::{ArticleQuotes, Cue, Person, Quote, QuoteKind, SpeakerKind};
use quotelens::search::{fold::fold_str, parse_query, Field, Index, Query, Request};
use quotelens::span::{slug, Span};

/// One fixture quote: label (its id), text, speaker spec ("Name|alias,alias|role,role"), kind.
type Q = (&'static str, &'static str, Option<&'static str>, QuoteKind);

/// One fixture article: id, title, outlet, quotes, and a closing paragraph with no quote.
type A = (&'static str, &'static str, Option<&'static str>, &'static [Q], &'static str);

const FIXTURE: &[A] = &[
    (
        "a1",
        "Trade Talks Resume in Geneva",
        Some("Reuters"),
        &[
            ("q1", "The negotiations will resume next week in Geneva.", Some("Jane Smith|Smith|trade representative"), QuoteKind::Direct),
            ("q2", "We negotiated in good faith and expect the same.", Some("Wang Yi|Wang|foreign minister"), QuoteKind::Direct),
            ("q3", "a constructive dialogue", None, QuoteKind::Partial),
        ],
        "Officials said the negotiations on tariffs and the border would take months, and that a deal on trade was not expected before the elections. Analysts in Geneva, Brussels and Washington were divided on whether the talks could survive another round of tariffs.",
    ),
    (
        "a2",
        "Border Wall Debate Heats Up",
        Some("Breitbart News"),
        &[
            ("q4", "We will build a great border wall, and Mexico will pay for it.", Some("Donald Trump|Trump|president"), QuoteKind::Direct),
            ("q5", "Walls do not keep families safe; good policies do.", Some("Hillary Clinton|Clinton|secretary of state"), QuoteKind::Direct),
            ("q6", "wall", Some("Donald Trump|Trump|president"), QuoteKind::Term),
        ],
        "The wall was the centre of the campaign.",
    ),
    (
        "a3",
        "Café Owners in İstanbul Protest",
        None,
        &[
            ("q7", "The taxes on our café in İstanbul are crushing the Straße vendors too.", Some("Zoë Ağaoğlu|Ağaoğlu|café owner"), QuoteKind::Direct),
            ("q8", "Trade is good for everyone in the world economy.", Some("Jane Smith|Smith|trade representative"), QuoteKind::Direct),
            ("q9", "six-point plan", None, QuoteKind::Term),
            ("q10", "It takes time.", Some("Jane Smith|Smith|trade representative"), QuoteKind::Direct),
        ],
        "Owners of cafés said the new taxes were the highest since 1,000 shops closed.",
    ),
];

/// Build the fixture corpus by hand.
fn fixture() -> Corpus {
    let mut articles = Vec::new();
    let mut people_all: Vec<Person> = Vec::new();
    for &(id, title, outlet, quotes, closing) in FIXTURE {
        let mut text = format!("{title}\n\n");
        let mut placed = Vec::new();
        let mut people: Vec<Person> = Vec::new();
        for &(label, body, speaker, kind) in quotes {
            text.push('“');
            let start = text.len();
            text.push_str(body);
            let end = text.len();
            text.push('”');
            let who = speaker.map(|s| s.split('|').next().unwrap_or(s)).unwrap_or("someone");
            text.push(' ');
            let cue_at = text.len() + who.len() + 1;
            text.push_str(&format!("{who} said.\n\n"));
            let person = speaker.map(|spec| {
                let mut parts = spec.split('|');
                let name = parts.next().unwrap_or_default().to_string();
                let list =
                    |p: Option<&str>| p.unwrap_or("").split(',').filter(|s| !s.is_empty()).map(String::from).collect();
                let p =
                    Person { name, aliases: list(parts.next()), roles: list(parts.next()), kind: SpeakerKind::Person };
                match people.iter().position(|q| q.name == p.name) {
                    Some(i) => i,
                    None => {
                        people.push(p);
                        people.len() - 1
                    }
                }
            });
            placed.push((label, Span::new(start, end), kind, person, Span::new(cue_at, cue_at + 4)));
        }
        text.push_str(closing);
        text.push('\n');
        let article = Article::parse(&text);
        assert_eq!(article.title_text(), Some(title), "fixture {id}: the title must parse as the headline");
        let qs: Vec<Quote> = placed
            .iter()
            .map(|&(_, span, kind, person, cue)| Quote {
                span,
                outer: Span::new(span.start - '“'.len_utf8(), span.end + '”'.len_utf8()),
                kind,
                cue: Some(Cue { span: cue }),
                speaker: person,
                mention: None,
                rule: "fixture",
                block: article.block_at(span.start).unwrap_or(0),
            })
            .collect();
        people_all.extend(people.iter().cloned());
        articles.push(Entry {
            id: id.to_string(),
            name: format!("{id}.txt"),
            outlet: outlet.map(String::from),
            date: None,
            quote_ids: placed.iter().map(|p| p.0.to_string()).collect(),
            quotes: ArticleQuotes { quotes: qs, people, diagnostics: Vec::new() },
            article,
            speakers: Vec::new(),
            local: false,
        });
    }
    let mut speakers: Vec<Speaker> = Vec::new();
    for p in people_all {
        let id = slug(&fold_str(&p.name));
        if !speakers.iter().any(|s| s.id == id) {
            speakers.push(Speaker { id, name: p.name, aliases: p.aliases, roles: p.roles, kind: p.kind });
        }
    }
    speakers.sort_by(|a, b| a.id.cmp(&b.id));
    for e in &mut articles {
        e.speakers = e
            .quotes
            .people
            .iter()
            .map(|p| speakers.iter().position(|s| s.id == slug(&fold_str(&p.name))).unwrap_or(0))
            .collect();
    }
    Corpus { articles, speakers }
}

fn ids(index: &Index, corpus: &Corpus, req: &Request) -> Vec<String> {
    index.search(corpus, req).hits.iter().map(|h| h.id(corpus).to_string()).collect()
}

/// Rows: query → quote labels in rank order.
#[test]
fn ranking() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let rows: &[(&str, &[&str])] = &[
        ("", &["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]),
        ("negotiation ", &["q1", "q2"]),
        ("negotiate ", &["q1", "q2"]),
        ("negot", &["q1", "q2"]),
        ("negotaitions ", &["q1"]),
        ("wall ", &["q6", "q5", "q4"]), // the stemmed "Walls" in a shorter quote beats "wall" in a longer one
        ("\"border wall\"", &["q4", "q5", "q6"]),
        ("trump wall ", &["q6", "q4"]),
        ("great wall ", &["q4"]),
        ("wall great ", &["q4"]),
        ("speaker:trump", &["q4", "q6"]),
        ("speaker:\"wang yi\"", &["q2"]),
        ("speaker:\"yi wang\"", &[]),
        ("speaker:smith kind:direct", &["q1", "q8", "q10"]),
        ("kind:term", &["q6", "q9"]),
        ("-kind:direct", &["q3", "q6", "q9"]),
        ("wall -trump ", &["q5"]),
        ("wall -\"border wall\"", &[]),
        ("wall OR taxes ", &["q7", "q6", "q5", "q4", "q10"]), // q10 only through a typo (takes): last
        ("cafe istanbul ", &["q7", "q8", "q9", "q10"]),       // q7 in its text, all of a3 in its title
        ("CAFÉ İSTANBUL STRASSE ", &["q7"]),
        ("strasse ", &["q7"]),
        ("straße ", &["q7"]),
        ("taxes ", &["q7", "q10"]),
        ("smith ", &["q1", "q8", "q10"]),             // equal scores: corpus order
        ("trade ", &["q8", "q1", "q10", "q2", "q3"]), // text, then role + title, role, title
        ("six-point", &["q9"]),
        ("\"six point\"", &["q9"]),
        ("outlet:reuters", &["q1", "q2", "q3"]),
        ("outlet:\"breitbart news\" clinton", &["q5"]),
        ("article:a3 trade", &["q8", "q10"]),
        ("article:istanbul", &["q7", "q8", "q9", "q10"]),
        ("zzzz", &[]),
        ("-zzzz ", &["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]),
    ];
    let mut failures = Vec::new();
    for (q, want) in rows {
        let got = ids(&index, &corpus, &Request { query: q.to_string(), ..Request::default() });
        if got != *want {
            failures.push(format!("{q:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "ranking rows failed:\n{}", failures.join("\n"));
}

#[test]
fn typo_matches_rank_below_exact_ones_even_in_longer_texts() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    // q10 ("It takes time.") is short and would win on BM25 alone; "takes" is a typo of "taxes".
    assert_eq!(ids(&index, &corpus, &Request { query: "taxes ".into(), ..Request::default() }), ["q7", "q10"]);
}

#[test]
fn paging_is_a_window_on_one_order() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let all = ids(&index, &corpus, &Request { query: "the".into(), limit: 100, ..Request::default() });
    let mut paged = Vec::new();
    for offset in 0..all.len() {
        paged.extend(ids(&index, &corpus, &Request { query: "the".into(), offset, limit: 1, ..Request::default() }));
    }
    assert_eq!(paged, all);
}

fn render_query(q: &Query) -> String {
    q.clauses
        .iter()
        .map(|c| {
            let lits: Vec<String> = c
                .any
                .iter()
                .map(|l| {
                    let mut s = String::new();
                    if l.negated {
                        s.push('-');
                    }
                    match l.field {
                        Field::Any => {}
                        Field::Speaker => s.push_str("speaker:"),
                        Field::Outlet => s.push_str("outlet:"),
                        Field::Article => s.push_str("article:"),
                        Field::Kind => {
                            let k: Vec<&str> = l.kinds.iter().map(|k| k.as_str()).collect();
                            s.push_str(&format!("kind:{}", k.join(",")));
                        }
                    }
                    let ws: Vec<String> = l
                        .words
                        .iter()
                        .map(|w| {
                            let mut t = w.text.clone();
                            if w.prefix {
                                t.push('*');
                            }
                            if w.typos > 0 {
                                t.push_str(&format!("~{}", w.typos));
                            }
                            t
                        })
                        .collect();
                    if ws.len() > 1 {
                        s.push_str(&format!("\"{}\"", ws.join(" ")));
                    } else {
                        s.push_str(&ws.join(""));
                    }
                    s
                })
                .collect();
            if lits.len() > 1 {
                format!("({})", lits.join(" | "))
            } else {
                lits.join("")
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// Rows: query → clauses (`&` all, `|` any, `-` not, `*` prefix, `~n` typos) and hints
/// (`code@start..end`).
#[test]
fn parser() {
    let thousand = (0..1000).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
    let long = "a".repeat(1500);
    let rows: Vec<(&str, &str, &str)> = vec![
        ("", "", ""),
        ("   ", "", ""),
        ("trade deal", "trade~1 & deal*", ""),
        ("trade deal ", "trade~1 & deal", ""),
        ("Negotiations ", "negotiations~2", ""),
        ("border", "border*~1", ""),
        ("\"border wall\"", "\"border wall\"", ""),
        ("“border wall”", "\"border wall\"", ""),
        ("„border wall“ x", "\"border wall\" & x*", ""),
        ("\"border wall", "\"border wall*\"", "unclosed-quote@0..12"),
        ("wall OR fence", "(wall | fence*~1)", ""),
        ("a b OR c d", "a & (b | c) & d*", ""),
        ("a OR b OR c ", "(a | b | c)", ""),
        ("a or b ", "a & or & b", ""),
        ("-wall", "-wall", ""),
        ("-\"border wall\" x", "-\"border wall\" & x*", ""),
        ("- wall ", "wall", "empty-exclusion@0..1"),
        ("OR wall ", "wall", "dangling-or@0..2"),
        ("wall OR ", "wall", "dangling-or@5..7"),
        ("a OR OR b ", "(a | b)", "dangling-or@5..7"),
        ("speaker:\"wang yi\"", "speaker:\"wang yi\"", ""),
        ("speaker:“wang yi” x", "speaker:\"wang yi\" & x*", ""),
        ("Speaker:Wang", "speaker:wang*", ""),
        ("speaker:wang yi ", "speaker:wang & yi", ""),
        ("-speaker:trump wall ", "-speaker:trump & wall", ""),
        ("speaker: wang ", "wang", "empty-field@0..8"),
        ("kind:direct", "kind:direct", ""),
        ("kind:dir", "kind:direct", ""),
        ("kind:\"direct partial\"", "kind:direct,partial", ""),
        ("kind:x wall ", "wall", "unknown-kind@5..6"),
        ("outlet:reuters article:ukraine ", "outlet:reuters~1 & article:ukraine~1", ""),
        ("foo:bar ", "\"foo bar\"", "unknown-field@0..4"),
        ("10:30 ", "\"10 30\"", ""),
        ("six-point", "\"six point*\"", ""),
        ("U.S. ", "\"u s\"", ""),
        ("(a OR b) ", "(a | b)", "parentheses@0..1"),
        ("Straße ", "strasse~1", ""),
        ("İstanbul café ", "istanbul~1 & cafe", ""),
        ("O’Brien's ", "obriens~1", ""),
        ("中国 ", "\"中 国\"", ""),
        ("😀 wall ", "wall", ""),
        ("1,000 2016 ", "1000 & 2016", ""),
        (&thousand, "", "too-many-terms@118..1000 query-truncated@1000..4889"),
        (&long, "", "query-truncated@1000..1500"),
    ];
    let mut failures = Vec::new();
    for (q, want, want_hints) in rows {
        let (query, hints) = parse_query(q);
        let mut got = render_query(&query);
        if q.len() > 100 {
            got = String::new(); // only the hint matters for the long rows
        }
        let got_hints: Vec<String> =
            hints.iter().map(|h| format!("{}@{}..{}", h.code, h.span.start, h.span.end)).collect();
        if got != want || got_hints.join(" ") != want_hints {
            failures.push(format!("{q:.40?}: expected {want:?} [{want_hints}], got {got:?} [{}]", got_hints.join(" ")));
        }
    }
    assert!(failures.is_empty(), "parser rows failed:\n{}", failures.join("\n"));
}

/// Mark the ranges in a text with [brackets].
fn bracket(text: &str, ranges: &[Span]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.push('[');
        out.push_str(&text[r.start..r.end]);
        out.push(']');
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Rows: query, any text (indexed or not), the text with its highlights in [brackets].
#[test]
fn highlights() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let rows = [
        ("negotiation ", "Negotiations resumed; negotiators met.", "[Negotiations] resumed; negotiators met."),
        ("negot", "Negotiations resumed; negotiators met.", "[Negotiations] resumed; [negotiators] met."),
        ("negotaitions ", "The negotiations, the negotiation.", "The [negotiations], the [negotiation]."), // 1 and 2 typos
        ("cafe ", "Le Café, cafe\u{301}, CAFÉS.", "Le [Café], [cafe\u{301}], [CAFÉS]."),
        ("istanbul ", "İSTANBUL, Istanbul’s", "[İSTANBUL], [Istanbul’s]"),
        ("strasse ", "Straße STRASSE", "[Straße] [STRASSE]"),
        ("\"border wall\"", "a border wall, a wall, border\u{a0}wall", "a [border wall], a wall, [border\u{a0}wall]"),
        ("border wall ", "a border wall, a wall", "a [border] [wall], a [wall]"),
        ("o'brien ", "O’Brien said", "[O’Brien] said"),
        ("wall -border ", "border wall", "border [wall]"),
        ("speaker:trump wall ", "Trump built a wall", "Trump built a [wall]"),
        ("中国 ", "在中国的", "在[中国]的"),
        ("1,000 ", "1000 and 1,000 and 1.000", "[1000] and [1,000] and 1.000"),
        ("wall 😀 ", "😀 wall 👩‍👩‍👧 walls", "😀 [wall] 👩‍👩‍👧 [walls]"),
        ("", "nothing to mark", "nothing to mark"),
    ];
    let mut failures = Vec::new();
    for (q, text, want) in rows {
        let (query, _) = parse_query(q);
        let got = bracket(text, &index.highlight(&query, text));
        if got != want {
            failures.push(format!("{q:?} in {text:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "highlight rows failed:\n{}", failures.join("\n"));
}

#[test]
fn hits_carry_highlights_in_text_and_speaker() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let r = index.search(&corpus, &Request { query: "smith trade ".into(), ..Request::default() });
    let h = r.hits.iter().find(|h| h.id(&corpus) == "q8").expect("q8 matches");
    let e = &corpus.articles[h.article];
    let text = e.quotes.quotes[h.quote].span.slice(&e.article.text);
    assert_eq!(bracket(text, &h.text), "[Trade] is good for everyone in the world economy.");
    assert_eq!(bracket("Jane Smith", &h.speaker), "Jane [Smith]");
    let r = index.search(&corpus, &Request { query: "talks speaker:\"jane smith\"".into(), ..Request::default() });
    let h = &r.hits[0];
    assert_eq!(h.id(&corpus), "q1");
    assert_eq!(bracket("Jane Smith", &h.speaker), "[Jane Smith]");
}

/// Without labels (the page keeps its own, by slot) the facets list the same values with the same
/// counts, and each slot reads back the value and label the labelled answer has.
#[test]
fn facet_slots_read_back_the_labels() {
    use quotelens::search::FacetKind;
    let corpus = Corpus::build(Source::seeds());
    let index = Index::build(&corpus);
    for (q, speakers) in
        [("", vec![]), ("wang", vec!["wang-yi".to_string(), "nobody".to_string()]), ("kind:term", vec![])]
    {
        let on = Request { query: q.into(), speakers: speakers.clone(), ..Request::default() };
        let off = Request { facet_labels: false, ..on.clone() };
        let (a, b) = (index.search_quotes(&corpus, &on).facets, index.search_quotes(&corpus, &off).facets);
        for (kind, x, y) in [
            (FacetKind::Speaker, &a.speakers, &b.speakers),
            (FacetKind::Outlet, &a.outlets, &b.outlets),
            (FacetKind::Article, &a.articles, &b.articles),
            (FacetKind::Kind, &a.kinds, &b.kinds),
        ] {
            assert_eq!(x.len(), y.len(), "{q:?} {kind:?}");
            assert!(!x.is_empty(), "{q:?} {kind:?}");
            for (x, y) in x.iter().zip(y) {
                assert_eq!((x.count, x.selected, x.slot), (y.count, y.selected, y.slot), "{q:?} {kind:?}");
                assert_eq!(y.value.is_empty(), !y.selected, "{q:?}: only selected values carry labels");
                match x.slot {
                    Some(slot) => assert_eq!(
                        index.facet_value(&corpus, kind, slot as usize),
                        Some((x.value.clone(), x.label.clone()))
                    ),
                    None => assert_eq!((x.value.as_str(), y.value.as_str()), ("nobody", "nobody"), "a stale value"),
                }
            }
        }
    }
}

/// Hits are highlighted from the words the index kept, not by tokenizing again: the oracle is
/// marking the text afresh ([`Index::highlight`]), for every hit of queries with prefixes, typos,
/// stems, phrases, exclusions and fields, over the seeds and the fixture.
#[test]
fn hit_highlights_equal_a_fresh_marking_of_the_text() {
    let queries = [
        "s",
        "wa",
        "wang yi",
        "sovereignty",
        "soverignty",
        "negotiation",
        "\"both sides\"",
        "china -russia",
        "ukraine OR nato",
        "spokesman",
        "said",
        "é",
        "peace tal",
        "trade",
        "smith trade ",
        "cooperat",
    ];
    let mut checked = 0;
    for corpus in [Corpus::build(Source::seeds()), fixture()] {
        let index = Index::build(&corpus);
        for q in queries {
            let (query, _) = parse_query(q);
            let r = index.search(&corpus, &Request { query: q.into(), limit: usize::MAX, ..Request::default() });
            for h in &r.hits {
                let e = &corpus.articles[h.article];
                let quote = &e.quotes.quotes[h.quote];
                let text = quote.span.slice(&e.article.text);
                assert_eq!(h.text, index.highlight(&query, text), "{q:?} in quote {}: {text:?}", h.id(&corpus));
                if let Some(s) = e.speaker_of(quote) {
                    let name = &corpus.speakers[s].name;
                    assert_eq!(h.speaker, index.highlight(&query, name), "{q:?} in speaker {name:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} hits checked");
}

#[test]
fn passages_have_snippets_around_their_matches() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let r = index.search(&corpus, &Request { query: "tariffs ".into(), ..Request::default() });
    assert_eq!(r.total, 0, "no quote mentions tariffs");
    assert_eq!(r.passage_total, 1);
    let p = &r.passages[0];
    let text = &corpus.articles[p.article].article.text;
    let block = corpus.articles[p.article].article.blocks[p.block].content;
    assert!(block.contains(p.snippet) && p.snippet.len() < block.len(), "a long paragraph is cut to a snippet");
    assert!(p.snippet.len() <= quotelens::highlight::SNIPPET_CHARS * 4);
    let marked: Vec<&str> = p.ranges.iter().map(|r| r.slice(text)).collect();
    assert_eq!(marked, ["tariffs"], "the two mentions are too far apart for one snippet");
    // Filters reach passages through the quotes inside them and their article.
    let r = index
        .search(&corpus, &Request { query: "wall ".into(), outlets: vec!["Reuters".into()], ..Request::default() });
    assert_eq!((r.total, r.passage_total), (0, 0));
    let r = index.search(
        &corpus,
        &Request { query: "wall ".into(), speakers: vec!["hillary-clinton".into()], ..Request::default() },
    );
    assert_eq!(r.total, 1);
    assert!(r.passages.iter().all(|p| p.block == corpus.articles[1].quotes.quotes[1].block));
    // No free-text words, no passages.
    let r = index.search(&corpus, &Request { query: "speaker:trump".into(), ..Request::default() });
    assert_eq!(r.passage_total, 0);
}

#[test]
fn quotes_and_passages_apart_add_up_to_the_whole_search() {
    // The page asks for the quotes on each keystroke and for the passages after they are shown:
    // together the two calls must give exactly what one whole search gives.
    let corpus = fixture();
    let index = Index::build(&corpus);
    for (query, speakers) in [
        ("tariffs ", vec![]),
        ("wall", vec![]),
        ("wall ", vec!["hillary-clinton".to_string()]),
        ("speaker:trump", vec![]),
        ("talks OR wall -geneva", vec![]),
        ("", vec![]),
        ("\"trade talks", vec![]),
    ] {
        let req = Request { query: query.into(), speakers, ..Request::default() };
        let whole = index.search(&corpus, &req);
        let quotes = index.search_quotes(&corpus, &req);
        let passages = index.search_passages(&corpus, &req);
        assert_eq!(format!("{:?}", quotes.hits), format!("{:?}", whole.hits), "{query:?}");
        assert_eq!(format!("{:?}", quotes.facets), format!("{:?}", whole.facets), "{query:?}");
        assert_eq!(quotes.total, whole.total, "{query:?}");
        assert_eq!((quotes.passage_total, quotes.passages.len()), (0, 0), "{query:?}");
        assert_eq!(format!("{:?}", passages.passages), format!("{:?}", whole.passages), "{query:?}");
        assert_eq!(passages.passage_total, whole.passage_total, "{query:?}");
        assert_eq!((passages.total, passages.hits.len()), (0, 0), "{query:?}");
        assert_eq!(format!("{:?}", passages.hints), format!("{:?}", whole.hints), "{query:?}");
    }
}

/// An article in which each of 35 people says one thing ("“Point 7 stands,” said Greta Garcia.").
fn many_speakers_text() -> String {
    const FIRST: [&str; 7] = ["Alice", "Bruno", "Carla", "Dmitri", "Elena", "Farid", "Greta"];
    const LAST: [&str; 5] = ["Adams", "Baker", "Castillo", "Dubois", "Eriksen"];
    let mut text = String::from("Thirty-five people gave their view.\n\n");
    for (i, (f, l)) in FIRST.iter().flat_map(|f| LAST.iter().map(move |l| (f, l))).enumerate() {
        text.push_str(&format!("“Point {i} stands,” said {f} {l}{i}.\n\n"));
    }
    text
}

#[test]
fn facet_totals_count_every_value_when_the_list_is_cut() {
    let source =
        quotelens::corpus::Source { name: "many.txt".into(), text: many_speakers_text(), ..Default::default() };
    let corpus = Corpus::build(vec![source]);
    assert_eq!(corpus.speakers.len(), 35, "one speaker per line");
    let index = Index::build(&corpus);
    let cut = index.search(&corpus, &Request { query: "point".into(), facet_limit: 30, ..Request::default() });
    assert_eq!(cut.facets.speakers.len(), 30);
    assert_eq!(cut.facets.totals.speakers, 35, "the total says how many are not listed");
    assert_eq!((cut.facets.totals.articles, cut.facets.totals.outlets), (1, 1));
    let all = index.search(&corpus, &Request { query: "point".into(), facet_limit: 0, ..Request::default() });
    assert_eq!((all.facets.speakers.len(), all.facets.totals.speakers), (35, 35));
    // A selected value outside the top stays listed and counted; a stale one (not in the corpus)
    // is listed with count 0 and counted too.
    let last = all.facets.speakers.last().unwrap().value.clone();
    let sel = index.search(
        &corpus,
        &Request {
            query: "point".into(),
            facet_limit: 3,
            speakers: vec![last.clone(), "nobody-here".into()],
            ..Request::default()
        },
    );
    assert!(sel.facets.speakers.iter().any(|v| v.value == last && v.selected));
    assert_eq!((sel.facets.speakers.len(), sel.facets.totals.speakers), (5, 36));
}

fn facet(values: &[quotelens::search::FacetValue]) -> String {
    values
        .iter()
        .map(|v| format!("{}{}={}", if v.selected { "*" } else { "" }, v.value, v.count))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rows: query and selections → speaker, outlet, article and kind facets (`*` = selected).
#[test]
fn facets_are_disjunctive() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let req = |q: &str, speakers: &[&str], outlets: &[&str], kinds: &[QuoteKind]| Request {
        query: q.into(),
        speakers: speakers.iter().map(|s| s.to_string()).collect(),
        outlets: outlets.iter().map(|s| s.to_string()).collect(),
        kinds: kinds.to_vec(),
        ..Request::default()
    };
    let rows: Vec<(Request, usize, &str, &str, &str, &str)> = vec![
        (
            req("", &[], &[], &[]),
            10,
            "jane-smith=3 donald-trump=2 _unattributed=2 hillary-clinton=1 wang-yi=1 zoe-agaoglu=1",
            "_unknown=4 breitbart-news=3 reuters=3",
            "a3=4 a1=3 a2=3",
            "direct=7 term=2 partial=1",
        ),
        (
            // Selecting a speaker filters the other facets, not the speaker facet itself.
            req("", &["donald-trump"], &[], &[]),
            2,
            "jane-smith=3 *donald-trump=2 _unattributed=2 hillary-clinton=1 wang-yi=1 zoe-agaoglu=1",
            "breitbart-news=2",
            "a2=2",
            "direct=1 term=1",
        ),
        (
            // Any of the values within a facet; all of the facets.
            req("", &["donald-trump", "_unattributed"], &[], &[QuoteKind::Term]),
            2,
            "*donald-trump=1 *_unattributed=1",
            "breitbart-news=1 _unknown=1",
            "a2=1 a3=1",
            "*term=2 direct=1 partial=1",
        ),
        (
            // A selected value the corpus does not have still shows, with 0.
            req("trade ", &[], &["Reuters", "nowhere"], &[]),
            3,
            "jane-smith=1 wang-yi=1 _unattributed=1",
            "*reuters=3 _unknown=2 *nowhere=0",
            "a1=3",
            "direct=2 partial=1",
        ),
    ];
    let mut failures = Vec::new();
    for (r, total, speakers, outlets, articles, kinds) in rows {
        let res = index.search(&corpus, &r);
        let got = (
            res.total,
            facet(&res.facets.speakers),
            facet(&res.facets.outlets),
            facet(&res.facets.articles),
            facet(&res.facets.kinds),
        );
        let want = (total, speakers.to_string(), outlets.to_string(), articles.to_string(), kinds.to_string());
        if got != want {
            failures.push(format!("{r:?}:\n  expected {want:?}\n  got      {got:?}"));
        }
    }
    assert!(failures.is_empty(), "facet rows failed:\n{}", failures.join("\n"));
}

/// The CLI's output shape over the fixture, for review (`UPDATE_EXPECT=1` rewrites it).
#[test]
fn golden_results() {
    let corpus = fixture();
    let index = Index::build(&corpus);
    let mut out = String::new();
    for q in [
        "negot",
        "wall OR taxes ",
        "\"border wall\" -speaker:clinton",
        "speaker:smith kind:dir",
        "tariffs ",
        "negotaitions (",
        "OR kind:x speaker:",
    ] {
        let r = index.search(&corpus, &Request { query: q.into(), limit: 5, facet_limit: 3, ..Request::default() });
        out.push_str(&format!("query {q:?}: {} quotes, {} passages\n", r.total, r.passage_total));
        for h in &r.hints {
            out.push_str(&format!("  hint {} {}..{}: {}\n", h.code, h.span.start, h.span.end, h.message));
        }
        for h in &r.hits {
            let e = &corpus.articles[h.article];
            let q = &e.quotes.quotes[h.quote];
            let speaker = e.speaker_of(q).map_or("-".to_string(), |s| bracket(&corpus.speakers[s].name, &h.speaker));
            out.push_str(&format!(
                "  hit {} {:.3} {} | {} | {} | {}\n",
                h.id(&corpus),
                h.score,
                q.kind.as_str(),
                bracket(q.span.slice(&e.article.text), &h.text),
                speaker,
                e.display_title()
            ));
        }
        for p in &r.passages {
            let text = &corpus.articles[p.article].article.text;
            let rel: Vec<Span> =
                p.ranges.iter().map(|r| Span::new(r.start - p.snippet.start, r.end - p.snippet.start)).collect();
            out.push_str(&format!(
                "  passage {}#{} {:.3} | {}\n",
                corpus.articles[p.article].id,
                p.block,
                p.score,
                bracket(p.snippet.slice(text), &rel)
            ));
        }
        out.push_str(&format!(
            "  facets: speakers [{}] outlets [{}] articles [{}] kinds [{}]\n",
            facet(&r.facets.speakers),
            facet(&r.facets.outlets),
            facet(&r.facets.articles),
            facet(&r.facets.kinds)
        ));
    }
    check_golden("fixture.search", &out);
}

#[test]
fn cli_search_prints_hits_facets_and_hints() {
    let bin = env!("CARGO_BIN_EXE_quotelens");
    let out = std::process::Command::new(bin)
        .args(["search", "--format", "json", "--limit", "2", "--kind", "direct", "china -taiwan"])
        .output()
        .expect("run quotelens");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 2);
    for h in hits {
        assert_eq!(h["kind"], "direct");
        let text = h["text"].as_str().unwrap();
        for r in h["highlights"].as_array().unwrap() {
            let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e, "range {s}..{e} in {text:?}");
        }
        for key in ["id", "speaker", "article", "score"] {
            assert!(h.get(key).is_some(), "hit has {key}");
        }
    }
    for f in ["speakers", "outlets", "articles", "kinds"] {
        assert!(v["facets"][f].is_array(), "facets.{f}");
    }
    assert!(v["hints"].is_array());
    let bad = std::process::Command::new(bin).args(["search", "--kind", "loud", "x"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown kind"));
}

/// The page paints its first quotes from an index of the quotes alone and builds the whole one
/// after that frame: for every blank-query request (every quote, narrowed by any facet selection,
/// paged, with or without labels) both must answer alike, as must facet values and quote numbers.
#[test]
fn quotes_first_index_answers_blank_requests_as_the_whole_one() {
    use quotelens::search::{FacetKind, UNATTRIBUTED, UNKNOWN_OUTLET};
    let mut corpora = vec![("fixture", fixture()), ("seeds", Corpus::seeds())];
    if let Some((_, sources)) = common::polnear("dev", "quotes_first_index (PolNeAR dev part)") {
        corpora.push(("polnear dev, first 60", Corpus::build(sources.into_iter().take(60).collect())));
    }
    for (name, corpus) in &corpora {
        let (whole, first) = (Index::build(corpus), Index::build_quotes(corpus));
        assert!(first.terms() < whole.terms(), "{name}: the quotes-first index should hold fewer words");
        let speakers: Vec<String> =
            corpus.speakers.iter().map(|s| s.id.clone()).chain([UNATTRIBUTED.to_string()]).collect();
        let mut outlets: Vec<String> =
            corpus.articles.iter().filter_map(|a| a.outlet.clone()).chain([UNKNOWN_OUTLET.to_string()]).collect();
        outlets.dedup();
        let articles: Vec<String> = corpus.articles.iter().map(|a| a.id.clone()).collect();
        let blank = |q: &str| Request { query: q.to_string(), ..Request::default() };
        let mut requests = vec![
            blank(""),
            blank("   "),
            blank("\u{a0}\t"),
            Request { limit: 1000, facet_limit: 0, ..blank("") },
            Request { offset: 7, limit: 5, facet_labels: false, ..blank("") },
            Request { kinds: vec![QuoteKind::Partial, QuoteKind::Term], ..blank("") },
            Request { speakers: vec!["no-such-person".into()], outlets: vec!["Nowhere".into()], ..blank("") },
        ];
        for (i, s) in speakers.iter().enumerate().step_by(3) {
            requests.push(Request { speakers: vec![s.clone()], ..blank("") });
            let o = &outlets[i % outlets.len()];
            requests.push(Request { speakers: vec![s.clone()], outlets: vec![o.clone()], ..blank(" ") });
        }
        for (i, a) in articles.iter().enumerate().step_by(2) {
            let kinds = vec![[QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Term][i % 3]];
            requests.push(Request { articles: vec![a.clone()], kinds, ..blank("") });
        }
        for req in &requests {
            assert!(first.answers(&req.query) && whole.answers(&req.query));
            let (a, b) = (whole.search(corpus, req), first.search(corpus, req));
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}: the two indexes differ for {req:?}");
        }
        for (facet, n) in [
            (FacetKind::Speaker, speakers.len()),
            (FacetKind::Outlet, outlets.len()),
            (FacetKind::Article, articles.len()),
            (FacetKind::Kind, 3),
        ] {
            for slot in 0..=n {
                assert_eq!(whole.facet_value(corpus, facet, slot), first.facet_value(corpus, facet, slot), "{name}");
            }
        }
        for (ai, e) in corpus.articles.iter().enumerate() {
            for qi in 0..=e.quotes.quotes.len() {
                assert_eq!(whole.quote_number(ai, qi), first.quote_number(ai, qi), "{name}: quote {ai}/{qi}");
            }
        }
        assert!(!first.answers("china") && whole.answers("china"), "{name}: words need the whole index");
    }
}
