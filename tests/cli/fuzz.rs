//! The fuzz targets' checks (`fuzz/checks.rs`), run by `cargo test` on
//! every input the fuzzers found (kept in `fuzz/regressions/<target>/`)
//! and on the repository's own content and import fixtures.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/checks.rs"]
mod checks;

/// The files under `dir` (none if it does not exist) with this extension (any if empty).
fn files_in(dir: &Path, extension: &str) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| extension.is_empty() || p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

/// Runs `target`'s check on each file, naming the file that fails.
fn run_all(target: &str, files: &[PathBuf]) {
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let result = std::panic::catch_unwind(|| checks::run(target, &bytes));
        assert!(result.is_ok(), "{target}: {}", file.display());
    }
}

#[test]
fn inputs_the_fuzzers_found_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for (target, _) in checks::TARGETS {
        run_all(target, &files_in(&root.join(target), ""));
    }
}

#[test]
fn the_checks_hold_on_the_example_site_and_import_fixtures() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = files_in(&repo.join("content"), "md");
    assert!(content.len() > 5);
    run_all("front_matter", &content);
    run_all("markdown", &content);
    let raw = files_in(&repo.join("tests/fixtures/import"), "txt");
    assert!(raw.len() > 5);
    run_all("import", &raw);
}

#[test]
fn the_inertness_check_catches_script() {
    for html in [
        "<p>x</p><script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a title='a>b' href='java&Tab;script:x'>x</a>",
        "<img src=x onerror=alert(1)>",
        "<svg><p></p></svg>",
    ] {
        let caught = std::panic::catch_unwind(|| checks::assert_inert(html)).is_err();
        assert!(caught, "{html}");
    }
    // Text, comments, harmless attributes, and a space that makes a relative URL.
    checks::assert_inert(
        "<p>a &lt;script&gt; <a href=\"/x\" title=\"on\">y</a> <a href=\"java script:x\">z</a></p><!-- <script> -->",
    );
}
