//! The `quotelens` command-line tool: the same core as the page, JSON out.
//!
//! ```text
//! quotelens extract --format json FILE...     quotes of each file, in input order
//! quotelens articles [--dir DIR]              article structure (blocks, sentences) as JSON
//! ```
//!
//! Every failure (a missing file, a directory, an empty file, bytes that are not UTF-8) names the
//! file, says what is wrong and exits non-zero; nothing is printed on stdout then.

use quotelens::corpus::{Corpus, Source};
use quotelens::report::article_report;
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage:
  quotelens extract [--format json] FILE...
  quotelens articles [--dir DIR]

extract   prints a JSON array, one object per FILE in input order:
          {file, title, id, quotes: [{id, text, start, end, speaker, speaker_id, kind, cue, rule,
           mention, speaker_kind, block}], diagnostics}
articles  prints the block and sentence structure of the bundled articles (or of DIR/*.txt)";

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
    let reports: Vec<_> = files
        .iter()
        .zip(&texts)
        .filter_map(|(f, t)| {
            corpus.articles.iter().find(|a| a.article.text == *t).map(|e| article_report(&corpus, e, f))
        })
        .collect();
    serde_json::to_string_pretty(&reports).map_err(|e| format!("could not write JSON: {e}"))
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
