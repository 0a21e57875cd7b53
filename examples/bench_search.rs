//! Native search benchmark: index build time, per-keystroke latency (p50, p95, max) while typing
//! realistic queries one character at a time, and the index's memory, at three scales:
//! the bundled seeds; the PolNeAR train texts (`../shared/corpora/polnear/train`, ~840 articles);
//! and those texts ten times over with distinct ids. Scales whose texts are absent are skipped
//! with a message.
//!
//! ```text
//! cargo run --release --example bench_search            # all scales
//! cargo run --release --example bench_search -- 2       # only the first two scales
//! ```

use quotelens::corpus::{Corpus, Source};
use quotelens::search::{Index, Request};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What people type into the box, finished or not, with operators, fields, phrases and typos.
const QUERIES: &[&str] = &[
    "trump",
    "clinton emails",
    "border wall",
    "\"make america great again\"",
    "speaker:trump immigration",
    "bernie sanders",
    "negotiations",
    "tax plan",
    "hillary -emails",
    "obama OR biden",
    "republican nominee",
    "supreme court justice",
    "debate moderator",
    "syrian refugees",
    "isis",
    "kind:direct jobs",
    "\"crooked hillary\"",
    "cruz rubio",
    "campaign finance reform",
    "wall street",
    "goverment shutdown",
    "imigration reform",
    "health care",
    "the",
    "we are going to win",
    "outlet:breitbart clinton",
];

fn main() {
    let max_scales: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let train = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/polnear/train");
    println!("quotelens search benchmark (native, release; {} queries typed char by char)", QUERIES.len());
    println!(
        "{:<14} {:>8} {:>7} {:>8} {:>8} {:>10} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "scale",
        "articles",
        "quotes",
        "paras",
        "terms",
        "corpus ms",
        "index ms",
        "p50 µs",
        "p95 µs",
        "p99 µs",
        "max µs",
        "index MB"
    );
    run("seeds", Source::seeds());
    if max_scales < 2 {
        return;
    }
    let Some(texts) = read_texts(&train) else {
        println!("polnear, ×10: skipped ({} not found; it lives in ../shared beside the repo)", train.display());
        return;
    };
    run("polnear train", texts.clone());
    if max_scales < 3 {
        return;
    }
    let mut ten = Vec::with_capacity(texts.len() * 10);
    for copy in 0..10 {
        for s in &texts {
            // A distinct closing line gives each copy its own content-hash id.
            let text = format!("{}\n\n(copy {copy})\n", s.text);
            ten.push(Source { name: format!("{copy}-{}", s.name), text, ..s.clone() });
        }
    }
    run("polnear ×10", ten);
}

fn run(label: &str, sources: Vec<Source>) {
    let t = Instant::now();
    let corpus = Corpus::build(sources);
    let corpus_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let index = Index::build(&corpus);
    let index_ms = t.elapsed().as_secs_f64() * 1e3;
    let quotes: usize = corpus.articles.iter().map(|a| a.quotes.quotes.len()).sum();
    let paras: usize = corpus
        .articles
        .iter()
        .map(|a| a.article.blocks.iter().filter(|b| b.kind == quotelens::article::BlockKind::Body).count())
        .sum();

    // Warm up once; then time every keystroke of every query five times and keep its median, so
    // a busy machine's hiccups do not count as the search's.
    let mut times: Vec<Duration> = Vec::new();
    let mut sink = 0usize;
    for q in QUERIES {
        let _ = index.search(&corpus, &Request { query: q.to_string(), ..Request::default() });
    }
    for q in QUERIES {
        let ends: Vec<usize> = q.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
        for end in ends {
            let req = Request { query: q[..end].to_string(), ..Request::default() };
            let mut runs: Vec<Duration> = (0..5)
                .map(|_| {
                    let t = Instant::now();
                    let r = index.search(&corpus, &req);
                    let took = t.elapsed();
                    sink += r.total + r.hits.len();
                    took
                })
                .collect();
            runs.sort();
            times.push(runs[2]);
        }
    }
    times.sort();
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e6;
    println!(
        "{:<14} {:>8} {:>7} {:>8} {:>8} {:>10.1} {:>10.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
        label,
        corpus.articles.len(),
        quotes,
        paras,
        index.terms(),
        corpus_ms,
        index_ms,
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0),
        index.memory_bytes() as f64 / 1e6
    );
    if std::env::var_os("BENCH_SLOWEST").is_some() {
        slowest(&index, &corpus);
    }
    std::hint::black_box(sink);
}

/// The ten slowest keystrokes (with `BENCH_SLOWEST=1`), to see what to optimise.
fn slowest(index: &Index, corpus: &Corpus) {
    let mut all: Vec<(Duration, String)> = Vec::new();
    for q in QUERIES {
        for (i, c) in q.char_indices() {
            let s = &q[..i + c.len_utf8()];
            let req = Request { query: s.to_string(), ..Request::default() };
            let t = Instant::now();
            let r = index.search(corpus, &req);
            all.push((t.elapsed(), format!("{s:?} ({} hits)", r.total)));
        }
    }
    all.sort_by_key(|b| std::cmp::Reverse(b.0));
    for (d, s) in all.iter().take(10) {
        println!("    {:>8.1} µs  {s}", d.as_secs_f64() * 1e6);
    }
}

/// The `.txt` texts of a directory in name order, or `None` when it is absent or empty.
fn read_texts(dir: &Path) -> Option<Vec<Source>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let sources: Vec<Source> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            // PolNeAR file names start with the outlet: "breitbart_2015-11-11_…".
            let outlet = name.split('_').next().map(str::to_string);
            Some(Source { name, text, outlet, date: None, local: false })
        })
        .collect();
    (!sources.is_empty()).then_some(sources)
}
