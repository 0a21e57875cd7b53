//! The corpus: stable ids across rebuilds, reordering and additions; adding and removing a
//! person's own articles; every bad input refused with a message, nothing already there lost.

use quotelens::corpus::{article_id, check_article, is_local_id, AddError, Corpus, Source, MAX_ARTICLE_BYTES};

fn src(name: &str, text: &str) -> Source {
    Source { name: name.into(), text: text.into(), ..Source::default() }
}

fn ids(c: &Corpus) -> Vec<(String, Vec<String>)> {
    let mut v: Vec<_> = c.articles.iter().map(|e| (e.id.clone(), e.quote_ids.clone())).collect();
    v.sort();
    v
}

/// Quote, article and speaker ids of unchanged text survive adding another article, reordering
/// and rebuilding.
#[test]
fn ids_survive_adding_reordering_and_rebuilding() {
    let seeds = Source::seeds();
    let a = Corpus::build(seeds.clone());
    let b = Corpus::build(seeds.iter().rev().cloned().collect());
    assert_eq!(ids(&a), ids(&b), "reordering keeps article and quote ids");
    let mut more = seeds.clone();
    more.insert(1, src("new.txt", "“A new remark entirely,” said Jane Roe, a spokeswoman."));
    let c = Corpus::build(more);
    for (id, quotes) in ids(&a) {
        let e = c.article(&id).expect("every old article keeps its id");
        assert_eq!(e.quote_ids, quotes, "quote ids of {id} survive an addition");
    }
    let speakers = |c: &Corpus| c.speakers.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    for s in speakers(&a) {
        assert!(speakers(&c).contains(&s), "speaker {s} keeps its id");
    }
    // Renaming a file changes nothing either: ids come from content.
    let renamed: Vec<Source> =
        seeds.iter().map(|s| Source { name: format!("renamed-{}", s.name), ..s.clone() }).collect();
    assert_eq!(ids(&Corpus::build(renamed)), ids(&a));
}

#[test]
fn local_articles_are_marked_in_their_id_and_removable() {
    let mut c = Corpus::seeds();
    let n = c.articles.len();
    let text = "“We will keep the lights on,” said Mayor Ann Lee.";
    let i = c.add(Source { name: "mine.txt".into(), text: text.into(), local: true, ..Source::default() }).unwrap();
    assert!(is_local_id(&c.articles[i].id) && c.articles[i].id == article_id(text, true));
    assert!(!is_local_id(&c.articles[0].id), "bundled ids never start with u");
    assert_eq!(c.articles.len(), n + 1);
    let dup = c.add(Source { name: "again.txt".into(), text: text.into(), local: true, ..Source::default() });
    assert!(matches!(dup, Err(AddError::Duplicate { .. })), "the same text twice is refused");
    assert_eq!(c.articles.len(), n + 1, "and nothing changed");
    let seed_id = c.articles[0].id.clone();
    assert!(!c.remove_local(&seed_id), "bundled articles cannot be removed");
    let id = c.articles[i].id.clone();
    assert!(c.remove_local(&id));
    assert_eq!(c.articles.len(), n);
}

/// Bad inputs: (case, bytes, expected error, words the message must contain).
#[test]
fn bad_inputs_are_refused_with_a_message() {
    let big = vec![b'a'; MAX_ARTICLE_BYTES + 1];
    let rows: Vec<(&str, Vec<u8>, AddError, &[&str])> = vec![
        ("empty", vec![], AddError::Empty, &["empty"]),
        ("blank", b" \n\t\n".to_vec(), AddError::Empty, &["empty"]),
        ("too large", big.clone(), AddError::TooLarge { bytes: big.len() }, &["5 MB", "Split"]),
        (
            "latin-1",
            b"Caf\xe9".to_vec(),
            AddError::NotUtf8 { offset: 3, byte: 0xe9 },
            &["not UTF-8", "0xe9", "offset 3"],
        ),
        ("png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), AddError::Binary, &["binary"]),
        ("nul", b"text\0more".to_vec(), AddError::Binary, &["binary"]),
    ];
    for (case, bytes, want, words) in rows {
        let got = check_article(&bytes).expect_err(case);
        assert_eq!(got, want, "{case}");
        let msg = got.message("file.txt");
        assert!(msg.contains("file.txt"), "{case}: the message names the file: {msg}");
        for w in words {
            assert!(msg.contains(w), "{case}: {msg:?} should say {w:?}");
        }
    }
    assert_eq!(check_article("\u{feff}“Hi,” she said.".as_bytes()).unwrap(), "“Hi,” she said.", "a BOM is dropped");
    assert_eq!(check_article("Grüße 😀".as_bytes()).unwrap(), "Grüße 😀");
}

/// Excerpts (ledes, ids in messages) cut at the last space within `max` chars, drop trailing
/// `,;: ` and end with "…"; text within `max` chars comes back whole. Checked against the plain
/// char-by-char statement of that rule on ASCII, accented, curly-quoted and emoji text, at every
/// length.
#[test]
fn excerpts_cut_at_a_word_within_max_chars() {
    fn by_chars(s: &str, max: usize) -> String {
        if s.chars().count() <= max {
            return s.to_string();
        }
        let cut: String = s.chars().take(max).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
    }
    let texts = [
        "",
        "word",
        "Wang Yi said: the friendship, rock-solid; as ever",
        "Zoë’s “déjà vu” 😀 moment, then: more 👍🏽 words here",
        "nospacesatallinthisverylongwordé😀",
        "  leading and trailing  ",
    ];
    for t in texts {
        for max in 0..=t.chars().count() + 2 {
            assert_eq!(quotelens::corpus::excerpt(t, max), by_chars(t, max), "{t:?} at {max}");
        }
    }
    assert_eq!(quotelens::corpus::excerpt("Wang Yi said: the friendship", 15), "Wang Yi said…");
}
