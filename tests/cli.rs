//! The `miwake check` contract: one JSON line per input line, in order, whatever the input.

mod support;

use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use support::{lines, miwake};

#[test]
fn answers_every_stdin_line_in_order_with_exactly_the_documented_fields() {
    let mut input = Vec::new();
    let inputs: Vec<Vec<u8>> = vec![
        b"https://alibba.com/login".to_vec(),
        b"https://www.alibaba.com/".to_vec(),
        b"".to_vec(),
        b"   ".to_vec(),
        b"\xff\xfe not utf-8".to_vec(),
        b"http://[::1".to_vec(),
        b"https://accounts.google.com/\r".to_vec(),
        vec![b'a'; 3 << 20],
        b"javascript:alert(1)".to_vec(),
        "https://аlibaba.com/".as_bytes().to_vec(),
        b"%%%%://??##".to_vec(),
    ];
    for line in &inputs {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    let output = miwake(&["check"], &input);
    assert!(output.status.success(), "{output:?}");
    let answers = lines(&output);
    assert_eq!(answers.len(), inputs.len());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines().all(|l| l.starts_with("{\"url\":")),
        "url comes first"
    );
    for answer in &answers {
        let object = answer.as_object().expect("object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["brand", "reasons", "url", "verdict"],
            "serde_json sorts keys"
        );
        let verdict = answer["verdict"].as_str().expect("verdict is a string");
        assert!(["ok", "caution", "danger"].contains(&verdict));
        assert!(answer["brand"].is_null() || answer["brand"].is_string());
        for reason in answer["reasons"].as_array().expect("reasons") {
            let keys: Vec<&str> = reason
                .as_object()
                .expect("reason")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, ["code", "message"]);
        }
    }
    assert_eq!(answers[0]["url"], "https://alibba.com/login");
    assert_eq!(answers[0]["verdict"], "danger");
    assert_eq!(answers[0]["brand"], "Alibaba.com");
    assert_eq!(answers[0]["reasons"][0]["code"], "lookalike-domain");
    assert_eq!(answers[1]["verdict"], "ok");
    assert_eq!(answers[2]["reasons"][0]["code"], "invalid-url");
    assert_eq!(
        answers[6]["url"], "https://accounts.google.com/",
        "CR of CRLF is dropped"
    );
    assert_eq!(answers[6]["verdict"], "ok");
    assert_eq!(
        answers[7]["reasons"][0]["code"], "invalid-url",
        "an over-long line"
    );
    assert_eq!(answers[9]["reasons"][0]["code"], "confusable-characters");
}

#[test]
fn last_line_without_newline_and_empty_input() {
    let output = miwake(&["check"], b"alibba.com");
    assert_eq!(lines(&output).len(), 1);
    let output = miwake(&["check"], b"");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
}

#[test]
fn url_arguments_shops_and_language() {
    let output = miwake(
        &[
            "check",
            "--shop",
            "xxxx.co.jp",
            "--lang",
            "ja",
            "https://xxxx.jp/administrator/login",
            "https://xxxx.co.jp/admin",
        ],
        b"",
    );
    assert!(output.status.success());
    let answers = lines(&output);
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["verdict"], "danger");
    assert_eq!(answers[0]["reasons"][0]["code"], "shop-suffix-swap");
    let message = answers[0]["reasons"][0]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("あなたのショップ"), "{message}");
    assert_eq!(answers[1]["reasons"][0]["code"], "own-shop");
}

#[test]
fn details_add_domain_fields() {
    let output = miwake(&["check", "--details", "https://login.alibba.com/"], b"");
    let answer = &lines(&output)[0];
    assert_eq!(answer["domain"], "alibba.com");
    assert_eq!(answer["host"], "login.alibba.com");
    assert_eq!(answer["brandDomains"][0], "alibaba.com");
    let output = miwake(&["check", "--details", "https://aliexpres.com/"], b"");
    let answer = &lines(&output)[0];
    assert_eq!(
        answer["brandDomains"][0], "aliexpress.com",
        "the imitated domain comes first"
    );
    assert_eq!(answer["reasons"][0]["level"], "danger");
}

#[test]
fn usage_errors_exit_2_without_output() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["check", "--lang", "fr"],
        vec!["check", "--shop"],
        vec!["check", "--shop", "not a domain!"],
        vec!["check", "--bogus"],
    ] {
        let output = miwake(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    let help = miwake(&["help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("miwake check"));
}

#[test]
fn signals_file_judges_pages() {
    let dir = std::env::temp_dir().join(format!("miwake-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let good = dir.join("google.json");
    std::fs::write(
        &good,
        r#"{"title":"Sign in - Google Accounts","fields":[{"type":"email","id":"identifierId"}]}"#,
    )
    .expect("write");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "[not signals]").expect("write");
    let path = good.to_string_lossy().to_string();
    let output = miwake(
        &["check", "--signals", &path, "https://docs-view.example/"],
        b"",
    );
    let answer = &lines(&output)[0];
    assert_eq!(answer["verdict"], "danger");
    assert_eq!(answer["reasons"][0]["code"], "login-imitation");
    let path = bad.to_string_lossy().to_string();
    let output = miwake(&["check", "--signals", &path, "https://x.example/"], b"");
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

/// An interactive caller writes a line and waits for its answer before writing the next: each
/// answer must come out while the process waits for more input, even with a line half written.
#[test]
fn answers_each_line_before_the_next_is_sent() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_miwake"))
        .arg("check")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn miwake");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (answers, incoming) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if answers.send(line.expect("read answer")).is_err() {
                break;
            }
        }
    });
    // Only a guard against hanging forever if an answer never comes: not a timing requirement.
    let next_answer =
        |child: &mut std::process::Child| match incoming.recv_timeout(Duration::from_secs(120)) {
            Ok(line) => serde_json::from_str::<Value>(&line).expect("answer is JSON"),
            Err(e) => {
                child.kill().ok();
                panic!("no answer while miwake waits for the next line: {e}");
            }
        };
    for (url, verdict) in [
        ("https://alibba.com/login", "danger"),
        ("https://www.alibaba.com/", "ok"),
        ("not a url at all", "ok"),
        ("https://accounts.google.com/", "ok"),
    ] {
        stdin
            .write_all(format!("{url}\n").as_bytes())
            .expect("write");
        stdin.flush().expect("flush");
        let answer = next_answer(&mut child);
        assert_eq!(answer["url"], url);
        if url != "not a url at all" {
            assert_eq!(answer["verdict"], verdict, "{url}");
        }
    }
    // A complete line followed by part of the next: the first is answered while the rest of the
    // second is awaited.
    stdin
        .write_all(b"https://aliexpres.com/\nhttps://www.goo")
        .expect("write");
    stdin.flush().expect("flush");
    let answer = next_answer(&mut child);
    assert_eq!(answer["url"], "https://aliexpres.com/");
    assert_eq!(answer["verdict"], "danger");
    stdin.write_all(b"gle.com/\n").expect("write");
    stdin.flush().expect("flush");
    let answer = next_answer(&mut child);
    assert_eq!(answer["url"], "https://www.google.com/");
    drop(stdin);
    assert!(child.wait().expect("wait").success());
    reader.join().expect("reader");
    assert!(incoming.try_recv().is_err(), "one answer per line");
}

/// Standard input answered in blocks gives the same bytes as the same URLs given as arguments.
#[test]
fn piped_list_gives_the_same_bytes_as_arguments() {
    let urls: Vec<String> = (0..3000)
        .map(|i| match i % 4 {
            0 => format!("https://www.alibaba.com/item/{i}"),
            1 => format!("https://alibba-{i}.com/login"),
            2 => format!("https://accounts.google.com/signin?n={i}"),
            _ => format!("example{i}.co.jp/admin"),
        })
        .collect();
    let input = urls.join("\n");
    let piped = miwake(&["check"], input.as_bytes());
    assert!(piped.status.success());
    let mut args = vec!["check"];
    args.extend(urls.iter().map(String::as_str));
    let direct = miwake(&args, b"");
    assert!(direct.status.success());
    assert_eq!(piped.stdout, direct.stdout);
    assert_eq!(lines(&piped).len(), urls.len());
}
