//! `miwake`: the command-line face of the detector. Same core as the extension.

#[path = "miwake/mail_command.rs"]
mod mail_command;

use miwake::{Detector, Lang, PageSignals, Report, UserContext};
use serde::Serialize;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

/// Bytes of an input line that are kept; the rest is read and dropped so memory stays bounded.
/// The core refuses anything over 16 KiB anyway, with an `invalid-url` reason.
const MAX_LINE_BYTES: usize = 1 << 20;

/// Size of the input and output buffers: a piped list is read and answered in blocks this large.
const IO_BUFFER_BYTES: usize = 64 * 1024;

const USAGE: &str = "\
miwake: tells a real login page's address from an imitation

Usage:
  miwake check [--shop DOMAIN]... [--allow DOMAIN]... [--lang en|ja] [--details] [URL...]
  miwake mail [--shop DOMAIN]... [--lang en|ja] [FILE...]
  miwake help | --help
  miwake --version

check   judges each URL (or, with none given, each line of standard input) and prints one JSON
        object per input, in input order:
        {\"url\": ..., \"verdict\": \"ok\"|\"caution\"|\"danger\", \"brand\": ...|null,
         \"reasons\": [{\"code\": ..., \"message\": ...}]}
  --shop DOMAIN    a shop you own (EC-CUBE admin logins are legitimate there); repeatable
  --allow DOMAIN   a site you trust despite a warning; repeatable
  --lang en|ja     language of the messages (default: en)
  --details        also print host, registrable domain, the brand's real domains and reason levels
  --signals FILE   judge each URL as a page showing what FILE describes (the page-signals JSON
                   the extension's content script sends; see ARCHITECTURE.md)

mail    judges each mail FILE (its whole source, headers included: an .eml file; standard
        input when none is given) and prints one JSON object per mail, in order:
        {\"file\": ..., \"verdict\": ..., \"brand\": ...|null, \"reasons\": [...],
         \"links\": [{\"url\": ..., \"text\": ...|null, \"verdict\": ..., \"brand\": ..., \"reasons\": [...]}]}
        The exit status is 1 when a file cannot be read.
";

/// The CLI's documented output line.
#[derive(Serialize)]
struct Line<'a> {
    url: &'a str,
    verdict: &'static str,
    brand: Option<&'a str>,
    reasons: Vec<LineReason<'a>>,
}

/// A reason as both commands print it: `{"code", "message"}`.
#[derive(Serialize)]
struct LineReason<'a> {
    code: &'static str,
    message: &'a str,
}

fn line_reasons(reports: &[miwake::ReasonReport]) -> Vec<LineReason<'_>> {
    reports
        .iter()
        .map(|r| LineReason {
            code: r.code,
            message: &r.message,
        })
        .collect()
}

struct Options {
    context: UserContext,
    lang: Lang,
    details: bool,
    signals: Option<PageSignals>,
    urls: Vec<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => {}
        Some("mail") => return mail_command::run(args.get(1..).unwrap_or(&[]), usage_error),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some("--version" | "-V") => {
            println!("miwake {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => return usage_error("expected a command"),
    }
    let options = match parse_options(args.get(1..).unwrap_or(&[])) {
        Ok(options) => options,
        Err(message) => return usage_error(&message),
    };
    let detector = match Detector::new(&options.context) {
        Ok(d) => d,
        Err(e) => return usage_error(&e.to_string()),
    };
    match run(&detector, &options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("miwake: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        context: UserContext::default(),
        lang: Lang::En,
        details: false,
        signals: None,
        urls: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match arg.as_str() {
            "--shop" => options.context.shops.push(value("--shop")?),
            "--allow" => options.context.allowlist.push(value("--allow")?),
            "--lang" => {
                options.lang = match value("--lang")?.as_str() {
                    "en" => Lang::En,
                    "ja" => Lang::Ja,
                    other => return Err(format!("--lang takes en or ja, not {other:?}")),
                }
            }
            "--details" => options.details = true,
            "--signals" => {
                let path = value("--signals")?;
                let json = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                let signals = PageSignals::from_json(&json).map_err(|e| format!("{path}: {e}"))?;
                options.signals = Some(signals);
            }
            "--" => options.urls.extend(iter.by_ref().cloned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            url => options.urls.push(url.to_owned()),
        }
    }
    Ok(options)
}

fn run(detector: &Detector, options: &Options) -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(IO_BUFFER_BYTES, stdout.lock());
    if !options.urls.is_empty() {
        for url in &options.urls {
            print_line(detector, options, url, &mut out)?;
        }
        return out.flush();
    }
    // Our own buffer over the locked stdin, so we can see whether input is already waiting.
    // Reads of its size bypass stdin's smaller internal buffer.
    let mut input = io::BufReader::with_capacity(IO_BUFFER_BYTES, io::stdin().lock());
    let mut line = Vec::new();
    while read_bounded_line(&mut input, &mut line, || out.flush())? {
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\r').unwrap_or(&text);
        print_line(detector, options, text, &mut out)?;
    }
    out.flush()
}

/// Reads one line without its newline, keeping at most [`MAX_LINE_BYTES`]. False at end of input.
///
/// `before_wait` runs before every read that may block, that is whenever nothing is left in the
/// buffer: the answers so far are flushed then, so a caller streaming URLs one at a time gets each
/// answer at once, while a piped list is answered in large writes.
fn read_bounded_line<R: io::Read>(
    input: &mut io::BufReader<R>,
    line: &mut Vec<u8>,
    mut before_wait: impl FnMut() -> io::Result<()>,
) -> io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        if input.buffer().is_empty() {
            before_wait()?;
        }
        let buffer = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let (chunk, found_newline) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (buffer.get(..i).unwrap_or(&[]), true),
            None => (buffer, false),
        };
        let room = MAX_LINE_BYTES.saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or(&[]));
        let consumed = chunk.len() + usize::from(found_newline);
        input.consume(consumed);
        if found_newline {
            return Ok(true);
        }
    }
}

fn print_line(
    detector: &Detector,
    options: &Options,
    url: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let verdict = match &options.signals {
        Some(signals) => detector.check_page(url, signals),
        None => detector.check_url(url),
    };
    let report = Report::new(&verdict, detector.brands(), options.lang);
    let json = if options.details {
        serde_json::to_string(&report)
    } else {
        serde_json::to_string(&Line {
            url,
            verdict: report.verdict.as_str(),
            brand: report.brand.as_deref(),
            reasons: line_reasons(&report.reasons),
        })
    };
    let json = json.map_err(io::Error::other)?;
    writeln!(out, "{json}")
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("miwake: {message}\n\n{USAGE}");
    ExitCode::from(2)
}
