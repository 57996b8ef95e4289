//! Data on stdout to a reader that went away (`| head`): a quiet exit, no panic.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::harness::TestSite;

/// Runs `broadsheet ARGS` in `dir` with stdout a pipe whose reader is already closed.
fn run_into_closed_pipe(dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .current_dir(dir)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

fn assert_quiet(out: &Output, expected: i32) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert_eq!(out.status.code(), Some(expected), "{err}");
}

#[test]
fn check_json_into_a_closed_pipe_exits_quietly() {
    let site = TestSite::new();
    site.articles(2);
    let out = run_into_closed_pipe(site.root(), &["check", "--format", "json"]);
    assert_quiet(&out, 0);
}

#[test]
fn import_dry_run_into_a_closed_pipe_exits_quietly() {
    let site = TestSite::new();
    for i in 0..3 {
        site.write(
            &format!("raw/story-{i}.txt"),
            &format!("Story number {i} makes the news\n\nLONDON, 15 January - Something happened in story {i} today, officials said.\n"),
        );
    }
    let out = run_into_closed_pipe(
        site.root(),
        &["import", "--dry-run", "--date", "2026-01-15", "raw"],
    );
    assert_quiet(&out, 0);
}
