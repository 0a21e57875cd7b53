//! Article model: golden structure of every seed, table tests for sentences and block kinds, and
//! a property test that splitting is lossless for arbitrary input.

mod common;

use common::{check_golden, random_text, Rng};
use quotelens::article::{split_sentences, Article, BlockKind};
use quotelens::corpus::Source;
use quotelens::span::Span;

/// One line per block (kind, rule, start of text) and one per sentence, for a snapshot.
fn render(a: &Article) -> String {
    let mut out = String::new();
    out.push_str(&format!("title: {:?}\n", a.title_text()));
    for b in &a.blocks {
        let t: String = b.content.slice(&a.text).chars().take(70).collect();
        out.push_str(&format!(
            "block {:<11} {:<16} {}..{} | {t}\n",
            b.kind.as_str(),
            b.reason,
            b.content.start,
            b.content.end
        ));
    }
    for s in &a.sentences {
        let t: String = s.slice(&a.text).trim_end().chars().take(70).collect();
        out.push_str(&format!("sentence {}..{} | {t}\n", s.start, s.end));
    }
    out
}

#[test]
fn golden_structure_of_every_seed() {
    let seeds = Source::seeds();
    assert!(seeds.len() >= 4, "the four bundled seeds are compiled in");
    for s in seeds {
        let a = Article::parse(&s.text);
        check_golden(&format!("{}.article", s.name.trim_end_matches(".txt")), &render(&a));
    }
}

fn kinds(text: &str) -> Vec<BlockKind> {
    Article::parse(text).blocks.iter().map(|b| b.kind).collect()
}

/// Block classification rows: text, expected kinds. Written from the shapes of scraped news, not
/// from the seeds' exact strings, so the rules must generalise to pass.
#[test]
fn block_kinds() {
    use BlockKind::*;
    let rows: &[(&str, &[BlockKind])] = &[
        ("Senate Passes the Budget Bill\n\nThe Senate passed the bill on Friday.", &[Title, Body]),
        ("The Senate passed the bill on Friday. It now goes to the House.\nMore follows.", &[Body, Body]),
        ("Lede paragraph here, long enough to be a body paragraph of an article.\nJohn Doe/Reuters", &[Body, Credit]),
        ("Body text that is long enough to be a paragraph.\nfile photo", &[Body, Credit]),
        ("Body text here.\nMinisters meet in Paris on May 2, 2021. (JOHN DOE/AFP via Getty Images)", &[Body, Caption]),
        ("Body text here.\nThe minister arrives in Rome on May 2, 2021. Jane Roe/AP Photo", &[Body, Caption]),
        ("Body text here.\nSen. Ann Lee (L) and Gov. Bob Ray (R) at the rally in Ohio on Monday.", &[Body, Caption]),
        ("Sen. Ann Lee (R) said the vote would pass, speaking to reporters.\nMore text.", &[Body, Body]),
        ("Body text here.\nSHARE THIS STORY", &[Body, Boilerplate]),
        ("Body text here.\nComments: 12", &[Body, Boilerplate]),
        ("Body text here.\nMore stories:", &[Body, Boilerplate]),
        ("Body text here.\nLoading, please wait", &[Body, Boilerplate]),
        ("Body text here.\nSign up for our daily newsletter and never miss a story.", &[Body, Boilerplate]),
        ("Body text here.\nHe said:", &[Body, Body]),
        ("Body text here.\nThat comment is a lie.", &[Body, Body]),
        ("Body text here.\n“Please subscribe to my newsletter,” the senator joked.", &[Body, Body]),
        ("Body text here.\nFollow Jane Roe on Twitter @janeroe.", &[Body, Boilerplate]),
        ("Body text here.\nFollow @PaperOpinion or #tellus on Twitter for more.", &[Body, Boilerplate]),
        ("Body text here.\n\"It was late.\n\n\"Follow Jane Roe on Twitter @janeroe.\"", &[Body, Body, Boilerplate]),
        ("Body text here.\n\"Follow me on Twitter,\" the senator said.", &[Body, Body]),
        ("Body text here.\nFollow the money, the senator said on Twitter.", &[Body, Body]),
        ("", &[]),
        ("\n\n   \n", &[Boilerplate]),
    ];
    for (text, want) in rows {
        assert_eq!(kinds(text), *want, "block kinds of {text:?}");
    }
}

/// Sentence rows: text, expected sentences (trimmed).
#[test]
fn sentences() {
    let rows: &[(&str, &[&str])] = &[
        ("He left. She stayed.", &["He left.", "She stayed."]),
        ("The U.S. Army left. It was late.", &["The U.S. Army left.", "It was late."]),
        ("On Feb. 27 he spoke. Then he left.", &["On Feb. 27 he spoke.", "Then he left."]),
        ("Sen. Ann Lee spoke to No. 10 staff.", &["Sen. Ann Lee spoke to No. 10 staff."]),
        ("He said no. Then he left.", &["He said no.", "Then he left."]),
        ("Oscar P. Quintero wrote it.", &["Oscar P. Quintero wrote it."]),
        ("“We will win,” he said. “We must.”", &["“We will win,” he said.", "“We must.”"]),
        ("“Is it over?” she asked.", &["“Is it over?” she asked."]),
        ("It grew 3.5 percent. Good.", &["It grew 3.5 percent.", "Good."]),
        ("Wait... what happened? Nobody knows!", &["Wait... what happened?", "Nobody knows!"]),
        ("Mr. and Mrs. Smith arrived at 5 p.m. on Monday.", &["Mr. and Mrs. Smith arrived at 5 p.m. on Monday."]),
        ("He moved to the U.S. The move was hard.", &["He moved to the U.S.", "The move was hard."]),
        ("‘These are not in line.’ Therefore we left.", &["‘These are not in line.’", "Therefore we left."]),
        ("no terminal punctuation", &["no terminal punctuation"]),
    ];
    for (text, want) in rows {
        let got: Vec<&str> =
            split_sentences(text, Span::new(0, text.len())).iter().map(|s| s.slice(text).trim_end()).collect();
        assert_eq!(got, *want, "sentences of {text:?}");
    }
}

/// Lossless splitting for arbitrary input: blocks tile the text, contents lie inside their block,
/// sentences tile their block's content, every span is on char boundaries. Nothing panics.
#[test]
fn splitting_is_lossless_for_arbitrary_text() {
    let mut rng = Rng::new(7);
    for case in 0..4000 {
        let text = random_text(&mut rng, 60);
        let a = Article::parse(&text);
        let mut joined = String::new();
        let mut pos = 0;
        for b in &a.blocks {
            assert_eq!(b.span.start, pos, "case {case}: blocks must be contiguous in {text:?}");
            assert!(text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end), "case {case}: {text:?}");
            assert!(b.span.contains(b.content), "case {case}: content outside its block in {text:?}");
            joined.push_str(b.span.slice(&text));
            pos = b.span.end;
            if b.kind.is_article_text() {
                let ss = split_sentences(&text, b.content);
                let mut sp = b.content.start;
                for s in &ss {
                    assert_eq!(s.start, sp, "case {case}: sentences must tile the block in {text:?}");
                    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                    sp = s.end;
                }
                if !ss.is_empty() {
                    assert_eq!(sp, b.content.end, "case {case}: sentences must reach the block end in {text:?}");
                }
            }
        }
        assert_eq!(joined, text, "case {case}: blocks must concatenate back to the text");
    }
}

/// Every `seeds/*.txt` is compiled in, byte for byte, and matches the shared originals when present.
#[test]
fn seeds_on_disk_are_the_compiled_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut on_disk: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    on_disk.sort();
    let compiled: Vec<(String, String)> = Source::seeds().into_iter().map(|s| (s.name, s.text)).collect();
    assert_eq!(compiled, on_disk, "build.rs must compile exactly the .txt files in seeds/, in name order");
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !shared.exists() {
        eprintln!("skipped: ../shared/seeds is absent, cannot compare with the originals");
        return;
    }
    for (name, text) in &on_disk {
        let original = std::fs::read(shared.join(name)).unwrap();
        assert_eq!(text.as_bytes(), &original[..], "seeds/{name} differs from ../shared/seeds/{name}");
    }
}
