//! `miwake mail`: judges whole mails, one JSON line each.

use super::{line_reasons, LineReason};
use miwake::mail::{self, LinkReport, MailReport, MAX_MAIL_BYTES};
use miwake::{Detector, Lang, UserContext};
use serde::Serialize;
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// The documented output line.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a str,
    verdict: &'static str,
    brand: Option<&'a str>,
    reasons: Vec<LineReason<'a>>,
    links: Vec<LineLink<'a>>,
}

#[derive(Serialize)]
struct LineLink<'a> {
    url: &'a str,
    text: Option<&'a str>,
    verdict: &'static str,
    brand: Option<&'a str>,
    reasons: Vec<LineReason<'a>>,
}

fn link(report: &LinkReport) -> LineLink<'_> {
    LineLink {
        url: &report.url,
        text: report.text.as_deref(),
        verdict: report.verdict.as_str(),
        brand: report.brand.as_deref(),
        reasons: line_reasons(&report.reasons),
    }
}

/// Runs `miwake mail` with the arguments after `mail`.
pub fn run(args: &[String], usage_error: fn(&str) -> ExitCode) -> ExitCode {
    let mut context = UserContext::default();
    let mut lang = Lang::En;
    let mut files: Vec<String> = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--shop" => match iter.next() {
                Some(shop) => context.shops.push(shop.clone()),
                None => return usage_error("--shop needs a value"),
            },
            "--lang" => match iter.next().map(String::as_str) {
                Some("en") => lang = Lang::En,
                Some("ja") => lang = Lang::Ja,
                _ => return usage_error("--lang takes en or ja"),
            },
            "--" => files.extend(iter.by_ref().cloned()),
            flag if flag.starts_with("--") => {
                return usage_error(&format!("unknown option {flag}"))
            }
            file => files.push(file.to_owned()),
        }
    }
    let detector = match Detector::new(&context) {
        Ok(d) => d,
        Err(e) => return usage_error(&e.to_string()),
    };
    if files.is_empty() {
        files.push("-".to_owned());
    }
    let mut out = io::stdout().lock();
    let mut all_read = true;
    for file in &files {
        let source = match read_bounded(file) {
            Ok(source) => source,
            Err(e) => {
                eprintln!("miwake: cannot read {file}: {e}");
                all_read = false;
                continue;
            }
        };
        let checked = mail::check(&detector, &source);
        let report = MailReport::new(&checked, detector.brands(), lang);
        let line = Line {
            file,
            verdict: report.verdict.as_str(),
            brand: report.brand.as_deref(),
            reasons: line_reasons(&report.reasons),
            links: report.links.iter().map(link).collect(),
        };
        let written = serde_json::to_string(&line)
            .map_err(io::Error::other)
            .and_then(|json| writeln!(out, "{json}"));
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("miwake: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if all_read {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A file's bytes, or standard input's for `-`, up to one byte past what the checker reads (so
/// that it can tell the mail was cut), the rest left unread.
fn read_bounded(file: &str) -> io::Result<Vec<u8>> {
    let limit = u64::try_from(MAX_MAIL_BYTES + 1).unwrap_or(u64::MAX);
    let mut source = Vec::new();
    if file == "-" {
        io::stdin().lock().take(limit).read_to_end(&mut source)?;
    } else {
        std::fs::File::open(file)?
            .take(limit)
            .read_to_end(&mut source)?;
    }
    Ok(source)
}
