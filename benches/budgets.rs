//! The core's performance budget figures, as JSON for `./build.sh bench` (scripts/bench.mjs prints
//! the table). Not a test: it measures and reports, and never fails on a figure.
//!
//!   cargo bench --bench budgets -- [CORPUS]    (default: target/bench/corpus.txt, written by
//!                                               `node scripts/bench-corpus.mjs`)
//!
//! Each URL is timed on its own, once per round; its time is its median over the rounds, and the
//! figures are the median and 95th percentile over URLs. Start-up costs are measured once, in
//! order, in this fresh process: the first suffix lookup, the first detector, the first check.

use miwake::{address, Detector, Lang, Report, UserContext};
use std::hint::black_box;
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;

fn main() {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "target/bench/corpus.txt".into());
    let corpus = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}\nwrite it first: node scripts/bench-corpus.mjs");
        std::process::exit(2);
    });
    let urls: Vec<&str> = corpus.lines().filter(|l| !l.is_empty()).collect();

    // Start-up, in the order the extension pays it.
    let t = Instant::now();
    black_box(address::registrable_domain("www.example.co.jp"));
    let list_read = t.elapsed();
    let t = Instant::now();
    let detector = Detector::new(&UserContext::default()).expect("embedded data is valid");
    let first_detector = t.elapsed();
    let t = Instant::now();
    black_box(report_json(&detector, urls[0]));
    let first_check = t.elapsed();

    let warm_detector = median(
        (0..50)
            .map(|_| {
                let t = Instant::now();
                black_box(Detector::new(&UserContext::default()).ok());
                t.elapsed()
            })
            .collect(),
    );
    // What reading the address alone costs (URL parser, IDNA, suffix list), of the check's cost.
    let parse = per_url(&urls, |url| {
        black_box(miwake::address::parse(url).ok());
    });
    let check = per_url(&urls, |url| {
        black_box(detector.check_url(url));
    });
    let check_report = per_url(&urls, |url| {
        black_box(report_json(&detector, url));
    });
    let timer = timer_overhead();

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "{{\"urls\":{},\"rounds\":{ROUNDS},\"timer_overhead_us\":{:.4},\
         \"first_suffix_lookup_us\":{:.1},\"first_detector_us\":{:.1},\"warm_detector_us\":{:.1},\
         \"first_check_us\":{:.2},\
         \"parse\":{{\"median_us\":{:.3},\"p95_us\":{:.3},\"mean_us\":{:.3}}},\
         \"check\":{{\"median_us\":{:.3},\"p95_us\":{:.3},\"mean_us\":{:.3}}},\
         \"check_report\":{{\"median_us\":{:.3},\"p95_us\":{:.3},\"mean_us\":{:.3}}}}}",
        urls.len(),
        us(timer),
        us(list_read),
        us(first_detector),
        us(warm_detector),
        us(first_check),
        us(parse.median),
        us(parse.p95),
        us(parse.mean),
        us(check.median),
        us(check.p95),
        us(check.mean),
        us(check_report.median),
        us(check_report.p95),
        us(check_report.mean),
    );
}

/// What the wasm binding does per URL: check, localise, serialise.
fn report_json(detector: &Detector, url: &str) -> String {
    let verdict = detector.check_url(url);
    let report = Report::new(&verdict, detector.brands(), Lang::En);
    serde_json::to_string(&report).unwrap_or_default()
}

struct Figures {
    median: Duration,
    p95: Duration,
    mean: Duration,
}

fn per_url(urls: &[&str], mut f: impl FnMut(&str)) -> Figures {
    for url in urls {
        f(url); // warm-up round
    }
    let mut times = vec![Vec::with_capacity(ROUNDS); urls.len()];
    for _ in 0..ROUNDS {
        for (url, samples) in urls.iter().zip(times.iter_mut()) {
            let t = Instant::now();
            f(url);
            samples.push(t.elapsed());
        }
    }
    let mut per: Vec<Duration> = times.into_iter().map(median).collect();
    per.sort_unstable();
    let total: Duration = per.iter().sum();
    Figures {
        median: per[per.len() / 2],
        p95: per[(per.len() * 95 / 100).min(per.len() - 1)],
        mean: total / per.len() as u32,
    }
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort_unstable();
    xs[xs.len() / 2]
}

/// The cost of reading the clock twice, which every per-URL figure includes.
fn timer_overhead() -> Duration {
    median(
        (0..10_000)
            .map(|_| {
                let t = Instant::now();
                t.elapsed()
            })
            .collect(),
    )
}
