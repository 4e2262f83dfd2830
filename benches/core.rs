//! Criterion benches of the core: `cargo bench --bench core`. The mixed corpus is the one
//! `./build.sh bench` uses (target/bench/corpus.txt, from `node scripts/bench-corpus.mjs`); without
//! it, a short built-in mix. Budget figures (median and p95 per URL) come from `benches/budgets.rs`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use miwake::{address, Detector, Lang, Report, UserContext};
use std::hint::black_box;

const FALLBACK: &[&str] = &[
    "https://www.alibaba.com/",
    "https://alibba.com/login",
    "https://www.wikipedia.org/wiki/Rust",
    "https://xn--80ak6aa92e.com/",
    "https://accounts.google.com.verify-id.xyz/signin",
    "https://google-account-verify.com/",
    "https://evil.web.app/",
    "https://www.nytimes.com/section/world",
    "https://xxxx.jp/administrator/login",
    "http://203.0.113.7/alibaba.com/login",
];

fn corpus() -> Vec<String> {
    match std::fs::read_to_string("target/bench/corpus.txt") {
        Ok(text) => text
            .lines()
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        Err(_) => FALLBACK.iter().map(|s| s.to_string()).collect(),
    }
}

fn benches(c: &mut Criterion) {
    let urls = corpus();
    let detector = Detector::new(&UserContext::default()).expect("embedded data is valid");

    c.bench_function("detector_new", |b| {
        b.iter(|| Detector::new(black_box(&UserContext::default())))
    });

    let mut group = c.benchmark_group("corpus");
    group.throughput(Throughput::Elements(urls.len() as u64));
    group.bench_function("check_url", |b| {
        b.iter(|| {
            for url in &urls {
                black_box(detector.check_url(black_box(url)));
            }
        })
    });
    group.bench_function("check_url_report_json", |b| {
        b.iter(|| {
            for url in &urls {
                let verdict = detector.check_url(black_box(url));
                let report = Report::new(&verdict, detector.brands(), Lang::En);
                black_box(serde_json::to_string(&report).ok());
            }
        })
    });
    group.finish();

    let hosts: Vec<String> = urls
        .iter()
        .filter_map(|u| u.split("://").nth(1))
        .filter_map(|rest| rest.split(['/', '?', '#']).next())
        .filter(|h| h.is_ascii())
        .map(str::to_owned)
        .collect();
    let mut group = c.benchmark_group("registrable_domain");
    group.throughput(Throughput::Elements(hosts.len() as u64));
    group.bench_function("split", |b| {
        b.iter(|| {
            for host in &hosts {
                black_box(address::registrable_domain(black_box(host)));
            }
        })
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
