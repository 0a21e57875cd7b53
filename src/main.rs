//! The `quotelens` command-line tool: the same core as the page, JSON out.
//!
//! ```text
//! quotelens extract --format json FILE...     quotes of each file, in input order
//! quotelens articles [--dir DIR]              article structure (blocks, sentences) as JSON
//! quotelens search [OPTIONS] QUERY            search quotes and paragraphs, JSON out
//! ```
//!
//! Every failure (a missing file, a directory, an empty file, bytes that are not UTF-8) names the
//! file, says what is wrong and exits non-zero; nothing is printed on stdout then.

use quotelens::align::align;
use quotelens::corpus::{Corpus, Source};
use quotelens::report::article_report;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  quotelens extract [--format json] FILE...
  quotelens articles [--dir DIR]
  quotelens pack --out FILE [--dir DIR]
  quotelens search [--format json] [--speaker NAME]... [--kind K]... [--outlet O]... [--article ID]...
                   [--limit N] [--offset N] [--dir DIR] QUERY

extract   prints a JSON array, one object per FILE in input order:
          {file, title, id, quotes: [{id, text, start, end, speaker, speaker_id, kind, cue, rule,
           mention, speaker_kind, block, same_as}], diagnostics}
          same_as: ids of quotes in the other FILEs that report the same remark
articles  prints the block and sentence structure of the bundled articles (or of DIR/*.txt)
search    searches the bundled articles (or DIR/*.txt) and prints
          {total, hits: [{id, text, speaker, speaker_id, article, title, kind, score, highlights}],
           passage_total, passages: [{article, block, score, text, highlights}], facets, hints};
          highlights are [start, end] UTF-8 byte ranges into text. The query language:
          words (all must match), \"a phrase\", a OR b, -word, speaker:NAME, outlet:NAME,
          article:TITLE-OR-ID, kind:direct|partial|term; the last word also matches as a prefix,
          words of 5+ letters tolerate a typo (9+: two). --speaker takes a speaker id or name.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("quotelens: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let Some(cmd) = args.first() else { return Err(format!("no command given\n{USAGE}")) };
    let rest = &args[1..];
    match cmd.as_str() {
        "extract" => extract(rest),
        "articles" => articles(rest),
        "pack" => pack(rest),
        "search" => search(rest),
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

fn extract(args: &[String]) -> Result<String, String> {
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--format" => {
                let f = args.get(i + 1).ok_or("--format needs a value (json)")?;
                if f != "json" {
                    return Err(format!("unknown format {f:?}: only json is supported"));
                }
                i += 2;
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a:?}\n{USAGE}")),
            a => {
                files.push(a.to_string());
                i += 1;
            }
        }
    }
    if files.is_empty() {
        return Err(format!("extract needs at least one FILE\n{USAGE}"));
    }
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match read_article(Path::new(f)) {
            Ok(text) => sources.push(Source { name: f.clone(), text, ..Source::default() }),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\nquotelens: "));
    }
    let texts: Vec<String> = sources.iter().map(|s| s.text.clone()).collect();
    let corpus = Corpus::build(sources);
    let alignment = align(&corpus);
    let reports: Vec<_> = files
        .iter()
        .zip(&texts)
        .filter_map(|(f, t)| {
            corpus.articles.iter().find(|a| a.article.text == *t).map(|e| article_report(&corpus, &alignment, e, f))
        })
        .collect();
    serde_json::to_string_pretty(&reports).map_err(|e| format!("could not write JSON: {e}"))
}

/// `pack --out FILE [--dir DIR]`: the parsed, aligned corpus (bundled seeds, or DIR/*.txt) in the
/// binary form the page's wasm embeds (see `quotelens::pack`).
fn pack(args: &[String]) -> Result<String, String> {
    let mut out = None;
    let mut dir = None;
    let mut i = 0;
    while i < args.len() {
        match (args[i].as_str(), args.get(i + 1)) {
            ("--out", Some(v)) => out = Some(v.clone()),
            ("--dir", Some(v)) => dir = Some(v.clone()),
            (a, _) => return Err(format!("pack takes --out FILE and optionally --dir DIR, not {a:?}\n{USAGE}")),
        }
        i += 2;
    }
    let out = out.ok_or("pack needs --out FILE")?;
    let corpus = match dir {
        Some(d) => Corpus::build(read_dir(Path::new(&d))?),
        None => Corpus::seeds(),
    };
    let alignment = quotelens::align::align(&corpus);
    let bytes = quotelens::pack::encode_corpus(&corpus, &alignment);
    std::fs::write(&out, &bytes).map_err(|e| format!("{out}: cannot write: {e}"))?;
    Ok(format!(
        "packed {} articles, {} quotes, {} links into {out} ({} bytes)",
        corpus.articles.len(),
        corpus.articles.iter().map(|e| e.quotes.quotes.len()).sum::<usize>(),
        alignment.links.len(),
        bytes.len()
    ))
}

fn articles(args: &[String]) -> Result<String, String> {
    let corpus = match args {
        [] => Corpus::seeds(),
        [flag, dir] if flag == "--dir" => Corpus::build(read_dir(Path::new(dir))?),
        _ => return Err(format!("articles takes only --dir DIR\n{USAGE}")),
    };
    let out: Vec<_> = corpus
        .articles
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.id,
                "file": e.name,
                "title": e.article.title_text(),
                "outlet": e.outlet,
                "date": e.date,
                "blocks": e.article.blocks.iter().map(|b| serde_json::json!({
                    "kind": b.kind.as_str(),
                    "reason": b.reason,
                    "start": b.content.start,
                    "end": b.content.end,
                    "text": b.content.slice(&e.article.text),
                })).collect::<Vec<_>>(),
                "sentences": e.article.sentences.iter().map(|s| s.slice(&e.article.text).trim_end()).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&out).map_err(|e| format!("could not write JSON: {e}"))
}

/// `search`: run one request over the seeds or a directory and print the results as JSON.
fn search(args: &[String]) -> Result<String, String> {
    use quotelens::quote::QuoteKind;
    use quotelens::search::{Index, Request};
    let mut req = Request::default();
    let (mut speakers, mut dir, mut query) = (Vec::new(), None, Vec::new());
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let value = || args.get(i + 1).ok_or_else(|| format!("{a} needs a value\n{USAGE}"));
        match a {
            "--format" => {
                if value()? != "json" {
                    return Err(format!("unknown format {:?}: only json is supported", value()?));
                }
            }
            "--speaker" => speakers.push(value()?.clone()),
            "--kind" => {
                let k = value()?;
                req.kinds.push(
                    QuoteKind::parse(&k.to_lowercase())
                        .ok_or_else(|| format!("unknown kind {k:?}: use direct, partial or term"))?,
                );
            }
            "--outlet" => req.outlets.push(value()?.clone()),
            "--article" => req.articles.push(value()?.clone()),
            "--limit" | "--offset" => {
                let n: usize =
                    value()?.parse().map_err(|_| format!("{a} needs a whole number, not {:?}", args[i + 1]))?;
                if a == "--limit" {
                    req.limit = n;
                } else {
                    req.offset = n;
                }
            }
            "--dir" => dir = Some(value()?.clone()),
            _ if a.starts_with("--") => return Err(format!("unknown option {a:?}\n{USAGE}")),
            _ => {
                query.push(a.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if query.is_empty() {
        return Err(format!("search needs a QUERY (\"\" for every quote)\n{USAGE}"));
    }
    req.query = query.join(" ");
    let corpus = match dir {
        Some(d) => Corpus::build(read_dir(Path::new(&d))?),
        None => Corpus::seeds(),
    };
    for name in speakers {
        req.speakers.push(speaker_id(&corpus, &name)?);
    }
    let index = Index::build(&corpus);
    let r = index.search(&corpus, &req);
    let pairs = |spans: &[quotelens::span::Span]| spans.iter().map(|s| [s.start, s.end]).collect::<Vec<_>>();
    let hits: Vec<_> = r
        .hits
        .iter()
        .map(|h| {
            let e = &corpus.articles[h.article];
            let q = &e.quotes.quotes[h.quote];
            let s = e.speaker_of(q).and_then(|s| corpus.speakers.get(s));
            serde_json::json!({
                "id": h.id(&corpus),
                "text": q.span.slice(&e.article.text),
                "speaker": s.map(|s| &s.name),
                "speaker_id": s.map(|s| &s.id),
                "article": e.id,
                "title": e.display_title(),
                "kind": q.kind.as_str(),
                "score": (f64::from(h.score) * 1000.0).round() / 1000.0,
                "highlights": pairs(&h.text),
            })
        })
        .collect();
    let passages: Vec<_> = r
        .passages
        .iter()
        .map(|p| {
            let e = &corpus.articles[p.article];
            let rel: Vec<_> = p.ranges.iter().map(|s| [s.start - p.snippet.start, s.end - p.snippet.start]).collect();
            serde_json::json!({
                "article": e.id,
                "block": p.block,
                "score": (f64::from(p.score) * 1000.0).round() / 1000.0,
                "text": p.snippet.slice(&e.article.text),
                "highlights": rel,
            })
        })
        .collect();
    let hints: Vec<_> = r
        .hints
        .iter()
        .map(|h| serde_json::json!({"start": h.span.start, "end": h.span.end, "code": h.code, "message": h.message}))
        .collect();
    let out = serde_json::json!({
        "total": r.total,
        "hits": hits,
        "passage_total": r.passage_total,
        "passages": passages,
        "facets": r.facets,
        "hints": hints,
    });
    serde_json::to_string_pretty(&out).map_err(|e| format!("could not write JSON: {e}"))
}

/// A speaker id from an id or a name (canonical or alias, any case or accents).
fn speaker_id(corpus: &Corpus, name: &str) -> Result<String, String> {
    use quotelens::search::fold::fold_str;
    if name == quotelens::search::UNATTRIBUTED || corpus.speaker(name).is_some() {
        return Ok(name.to_string());
    }
    let want = fold_str(name.trim());
    corpus
        .speakers
        .iter()
        .find(|s| {
            quotelens::span::slug(&want) == s.id
                || std::iter::once(&s.name).chain(&s.aliases).any(|n| fold_str(n) == want)
        })
        .map(|s| s.id.clone())
        .ok_or_else(|| {
            format!("no speaker {name:?} in these articles (give a speaker id like wang-yi, or a name as printed)")
        })
}

/// The `.txt` articles of a directory, in file-name order.
fn read_dir(dir: &Path) -> Result<Vec<Source>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| format!("{}: cannot read directory: {e}", dir.display()))?;
    let mut paths: Vec<_> =
        rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("{}: no .txt articles in this directory", dir.display()));
    }
    paths
        .iter()
        .map(|p| {
            let text = read_article(p)?;
            let name = p.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            Ok(Source { name, text, ..Source::default() })
        })
        .collect()
}

/// Read one article file, with a message a person can act on for each way it can fail.
fn read_article(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{shown}: no such file"),
        std::io::ErrorKind::PermissionDenied => format!("{shown}: permission denied"),
        _ => format!("{shown}: cannot read: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!("{shown}: is a directory, not an article file (pass the .txt files inside it)"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if bytes.is_empty() {
        return Err(format!("{shown}: the file is empty"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!(
            "{shown}: not UTF-8 text: invalid byte 0x{:02x} at byte offset {at}",
            e.as_bytes().get(at).copied().unwrap_or(0)
        )
    })
}
