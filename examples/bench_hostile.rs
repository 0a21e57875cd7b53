//! Bounded work on hostile input: each pathological case runs at full size and at half size, and
//! the table prints both times and their ratio (≈ 2 means linear; much more means superlinear).
//! Each time is the best of three runs, so that the first run's page faults on fresh memory (tens
//! of megabytes for the 5 MB paragraph) do not count against the full size alone.
//! Run by `./build.sh bench` (`cargo run --release --example bench_hostile`).

use quotelens::article::Article;
use quotelens::corpus::Corpus;
use quotelens::quote::extract;
use quotelens::search::{Index, Request};
use std::time::Instant;

fn time<F: FnMut()>(mut f: F) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

/// A text case: name and a builder from a size knob.
type TextCase = (&'static str, fn(usize) -> String, usize);

fn main() {
    let text_cases: Vec<TextCase> = vec![
        ("5 MB paragraph, no punctuation", |n| "word ".repeat(n / 5), 5 * 1024 * 1024),
        ("100,000 quote marks", |n| "“a” ".repeat(n), 100_000 / 2),
        ("50,000 unbalanced opening quotes", |n| "“open ".repeat(n), 50_000),
        ("quotes nested 1,000 deep", |n| format!("{}x{}", "“‘".repeat(n / 2), "’”".repeat(n / 2)), 1_000),
        ("100,000 apostrophes and primes", |n| "O’Brien’s 6'2\" rock ’n’ roll ".repeat(n / 5), 100_000),
        ("50,000 straight quotes, one line", |n| "\"a ".repeat(n), 50_000),
    ];
    println!("\nhostile input (native, release): full size vs half size");
    println!("| {:<36} | {:>10} | {:>10} | {:>6} |", "case", "full ms", "half ms", "ratio");
    println!("|{:-<38}|{:-<12}|{:-<12}|{:-<8}|", "", "", "", "");
    for (name, build, n) in text_cases {
        let full = build(n);
        let half = build(n / 2);
        let run = |t: &str| time(|| drop(std::hint::black_box(extract(&Article::parse(t)))));
        let (a, b) = (run(&full), run(&half));
        println!("| {name:<36} | {a:>10.1} | {b:>10.1} | {:>6.2} |", a / b.max(0.001));
    }
    let corpus = Corpus::seeds();
    let index = Index::build(&corpus);
    let query_cases: Vec<TextCase> = vec![
        ("10,000-character query", |n| "sovereignty ".repeat(n / 12), 10_000),
        ("query of 1,000 terms", |n| (0..n).map(|i| format!("w{i} ")).collect(), 1_000),
        ("query of 500 ORs", |n| (0..n).map(|i| format!("w{i} OR ")).collect(), 500),
        ("typo tolerance on 100 long terms", |n| "internationalizaton ".repeat(n), 100),
        ("10,000 quote marks in a query", |n| "\"".repeat(n), 10_000),
    ];
    for (name, build, n) in query_cases {
        let run = |q: String| {
            let req = Request { query: q, ..Request::default() };
            time(|| drop(std::hint::black_box(index.search(&corpus, &req))))
        };
        let (a, b) = (run(build(n)), run(build(n / 2)));
        println!("| {name:<36} | {a:>10.2} | {b:>10.2} | {:>6.2} |", a / b.max(0.001));
    }
}
