//! Throughput of the quote engine: `Article::parse` + `quote::extract` over every `.txt` under a
//! directory (default `../shared/corpora/polnear/train`), several rounds, in MB/s.
//!
//! ```text
//! cargo run --release --example bench_extract [DIR] [ROUNDS]
//! ```
//!
//! `BENCH_FILES=N` keeps only the first N files (in path order), for instruction counting under
//! `valgrind --tool=callgrind` on a small, fixed subset.
//!
//! Skips with a message (and exit code 0) when the directory is absent, so a fresh clone without
//! `../shared` still runs every example.

use quotelens::article::Article;
use quotelens::quote::extract;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Every `.txt` file under `dir`, recursively, in path order.
fn texts(dir: &Path) -> Vec<String> {
    let mut stack = vec![dir.to_path_buf()];
    let mut paths: Vec<PathBuf> = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                paths.push(p);
            }
        }
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("../shared/corpora/polnear/train", String::as_str));
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    if !dir.is_dir() {
        println!("bench_extract: skipped: {} is not a directory (pass a folder of .txt articles)", dir.display());
        return;
    }
    let mut docs = texts(&dir);
    if let Some(n) = std::env::var("BENCH_FILES").ok().and_then(|n| n.parse::<usize>().ok()) {
        docs.truncate(n);
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    if bytes == 0 {
        println!("bench_extract: skipped: no .txt text under {}", dir.display());
        return;
    }
    // One warm-up round, then the timed ones.
    let mut quotes = 0usize;
    for d in &docs {
        quotes += extract(&Article::parse(d)).quotes.len();
    }
    let t = Instant::now();
    let (mut parse_only, mut extract_only) = (0f64, 0f64);
    for _ in 0..rounds {
        for d in &docs {
            let p = Instant::now();
            let a = Article::parse(d);
            let e = Instant::now();
            parse_only += (e - p).as_secs_f64();
            std::hint::black_box(extract(&a));
            extract_only += e.elapsed().as_secs_f64();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "extract: {mb:.1} MB in {secs:.3} s = {:.1} MB/s (Article::parse + quote::extract; extract alone {:.1} MB/s, parse alone {:.1} MB/s; {} docs, {quotes} quotes per round)",
        mb / secs,
        mb / extract_only.max(1e-9),
        mb / parse_only.max(1e-9),
        docs.len(),
    );
    // The same work spread over the machine's cores (`quotelens::par`, as the CLI's extract and
    // pack run it): throughput for a batch of articles, not for one.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if threads > 1 {
        let t = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(quotelens::par::map(&docs, |d| extract(&Article::parse(d)).quotes.len()));
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "extract on {threads} threads: {mb:.1} MB in {secs:.3} s = {:.1} MB/s (one article per task; {:.2}x one thread)",
            mb / secs,
            (mb / secs) / (mb / (parse_only + extract_only).max(1e-9)),
        );
    }
}
