//! Report shapes: citations, CSV and JSON exports, speaker pages.

use quotelens::corpus::{Corpus, Source};
use quotelens::report::{citation, export_csv, export_rows, speaker_profile};

fn corpus() -> Corpus {
    Corpus::build(vec![
        Source {
            name: "a.txt".into(),
            text: "Leaders Say \"Enough\" in Paris\n\n“We will keep talking to everyone,” said Foreign Minister Jane Smith.\n\n“=1+1 is the answer on every sign,” Jane Smith said.".into(),
            outlet: Some("The Daily".into()),
            date: Some("2022-03-07".into()),
            local: false,
        },
        Source { name: "b.txt".into(), text: "Nobody said anything.\n“Nothing to add,” a spokesman said.".into(), ..Source::default() },
    ])
}

#[test]
fn citation_names_speaker_outlet_and_date_or_says_they_are_unknown() {
    let c = corpus();
    let e = &c.articles[0];
    let qi = e.quotes.quotes.iter().position(|q| q.span.slice(&e.article.text).starts_with("We will keep")).unwrap();
    let cite = citation(&c, 0, qi).unwrap();
    assert!(cite.starts_with("“We will keep talking to everyone,”"), "{cite}");
    assert!(cite.contains("Jane Smith") && cite.contains("in The Daily, 2022-03-07."), "{cite}");
    let unknown = citation(&c, 1, 0).unwrap();
    assert!(unknown.contains("(outlet unknown)"), "{unknown}");
    assert!(citation(&c, 9, 0).is_none() && citation(&c, 0, 99).is_none());
}

#[test]
fn csv_quotes_every_field_and_defuses_formulas() {
    let c = corpus();
    let all: Vec<_> = c.all_quotes().collect();
    let csv = export_csv(&c, &all);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("\"id\",\"text\",\"speaker\""));
    assert_eq!(lines.len(), all.len() + 2, "header + one line per quote + final empty piece");
    assert!(csv.contains("\"'=1+1 is the answer on every sign,\""), "formula cell is prefixed: {csv}");
    assert!(csv.contains("\"Leaders Say \"\"Enough\"\" in Paris\""), "quotes inside a field are doubled: {csv}");
    let rows = export_rows(&c, &all);
    assert_eq!(rows.len(), all.len());
    assert!(rows.iter().all(|r| r.id.starts_with(&r.article_id)));
}

#[test]
fn speaker_profile_counts_quotes_by_article_and_kind() {
    let c = corpus();
    let Some(si) = c.speakers.iter().position(|s| s.name.contains("Smith")) else {
        panic!("Jane Smith is a speaker: {:?}", c.speakers)
    };
    let p = speaker_profile(&c, si).unwrap();
    assert_eq!(p.total, p.quotes.len());
    assert!(p.total >= 1);
    assert_eq!(p.articles.len(), 1);
    let k = p.articles[0].counts;
    assert_eq!(k.direct + k.partial + k.term, p.total);
    assert!(speaker_profile(&c, 999).is_none());
}
