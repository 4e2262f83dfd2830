//! What the CLI tests share: running the built `miwake` and reading its JSON lines.

use serde_json::Value;
use std::io::{ErrorKind, Write};
use std::process::{Command, Output, Stdio};

/// Runs `miwake args…` from the crate's folder with `stdin` as its input, to the end.
pub fn miwake(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_miwake"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn miwake");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    // Written from another thread: the child answers as it reads, so its stdout must be drained
    // too. A child that reads files it was named may exit without reading its input: a broken
    // pipe is fine then, and only then.
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let output = child.wait_with_output().expect("wait");
    match writer.join().expect("writer") {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => panic!("writing miwake's input: {e}"),
        _ => {}
    }
    output
}

/// Each line of the output, parsed as JSON.
pub fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
