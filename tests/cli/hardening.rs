//! Bad input: every kind of broken file gives a clear error naming the
//! file (and line), `build` reports them all together with exit code 1,
//! and the previous output is left exactly as it was.
//!
//! Each test builds a good site first, adds the bad input, runs the
//! `broadsheet build` binary and snapshots what the editor sees.

use std::path::Path;

use crate::harness::{NOW, TestSite};

/// A site that builds, built once (so `public/` holds a previous build).
fn built_site() -> TestSite {
    let site = TestSite::new();
    site.articles(2);
    site.build_ok();
    site
}

/// Says on stderr why part of a test did not run (the harness shows it).
#[allow(clippy::print_stderr)]
fn skipped(why: &str) {
    eprintln!("skipped: {why}");
}

/// Writes raw bytes at `rel` in the site.
fn write_bytes(site: &TestSite, rel: &str, bytes: &[u8]) {
    let path = site.path(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `build` on a site whose output was built before `bad` was added:
/// the build fails with exit code 1 and leaves the output untouched.
/// Returns stderr.
fn refused(site: &TestSite) -> String {
    let before = site.snapshot();
    let out = site.cmd(&["build", "--now", NOW]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(site.snapshot(), before, "the output folder changed");
    stderr
}

#[test]
fn invalid_utf8_names_the_line_and_byte() {
    let site = built_site();
    write_bytes(
        &site,
        "content/articles/latin1.md",
        b"+++\ntitle = \"Caf\xe9 culture\"\ndate = 2025-07-01\n+++\nBody.\n",
    );
    insta::assert_snapshot!("invalid_utf8", refused(&site));
}

#[test]
fn a_bom_crlf_and_lone_cr_line_endings_are_read_as_text() {
    let site = TestSite::new();
    write_bytes(
        &site,
        "content/articles/bom.md",
        b"\xEF\xBB\xBF+++\r\ntitle = \"With a BOM\"\r\ndate = 2025-07-01\r\n+++\r\nFirst *line*.\r\nSame paragraph.\r\n\r\nSecond.\r\n",
    );
    write_bytes(
        &site,
        "content/articles/old-mac.md",
        b"+++\rtitle = \"Lone CR\"\rdate = 2025-07-02\r+++\rOne.\r\rTwo.\r",
    );
    site.build_ok();
    let doc = site.html("articles/bom/index.html");
    assert_eq!(crate::harness::texts(&doc, "h1"), ["With a BOM"]);
    let body = site.read("articles/bom/index.html");
    assert!(body.contains("<p>First <em>line</em>.\nSame paragraph.</p>"));
    assert!(!body.contains('\r') && !body.contains('\u{feff}'));
    let doc = site.html("articles/old-mac/index.html");
    assert_eq!(crate::harness::texts(&doc, "h1"), ["Lone CR"]);
    assert_eq!(
        crate::harness::texts(&doc, ".article-body p"),
        ["One.", "Two."]
    );

    // Line numbers count CRLF and CR line endings as an editor does.
    write_bytes(
        &site,
        "content/articles/crlf-error.md",
        b"+++\r\ntitle = \"x\"\r\ndate = 2025-07-01\r\ntagz = []\r\n+++\r\n",
    );
    write_bytes(
        &site,
        "content/articles/cr-error.md",
        b"+++\rtitle = \"x\"\rdate = 2025-07-01\r\rtagz = []\r+++\r",
    );
    insta::assert_snapshot!("line_endings", refused(&site));
}

#[test]
fn an_empty_file_says_so() {
    let site = built_site();
    site.write("content/articles/empty.md", "")
        .write("content/articles/blank.md", "\n  \n");
    insta::assert_snapshot!("empty_file", refused(&site));
}

#[test]
fn a_front_matter_without_its_closing_line() {
    let site = built_site();
    site.write(
        "content/articles/open.md",
        "+++\ntitle = \"Open\"\ndate = 2025-07-01\n\nThe body starts here.\n",
    );
    insta::assert_snapshot!("unclosed_front_matter", refused(&site));
}

#[test]
fn a_100_mb_article_is_refused_without_reading_it() {
    let site = built_site();
    // A sparse file: 100 MB to the file system, no disk space used.
    let file = std::fs::File::create(site.path("content/articles/huge.md")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    insta::assert_snapshot!("huge_file", refused(&site));

    // The size is read from the file's metadata: the build does not load it.
    // GNU time reports the peak memory; without it this part is skipped.
    let report = site.path("time.txt");
    let timed = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "-q", "--root"])
        .arg(site.root())
        .output();
    match timed
        .ok()
        .and_then(|_| std::fs::read_to_string(&report).ok())
    {
        Some(text) => {
            let kb: u64 = text.trim().lines().last().unwrap().parse().unwrap();
            assert!(kb < 64 * 1024, "the build used {kb} KB");
        }
        None => skipped("no GNU time at /usr/bin/time: peak memory not measured"),
    }
}

#[test]
fn a_binary_file_in_content() {
    let site = built_site();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    write_bytes(&site, "content/articles/photo.md", png);
    write_bytes(&site, "content/articles/photo.png", png);
    insta::assert_snapshot!("binary_file", refused(&site));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    let site = built_site();
    std::fs::create_dir_all(site.path("content/articles/2025")).unwrap();
    std::os::unix::fs::symlink("..", site.path("content/articles/2025/up")).unwrap();
    insta::assert_snapshot!("symlink_loop", refused(&site));
}

/// Files that cannot be read: a symbolic link to nothing and a named pipe
/// (which would block a reader forever). Tests may run as root, for whom
/// permissions do not stop reads; `a_file_without_read_permission` covers
/// that case when they do not.
#[cfg(unix)]
#[test]
fn unreadable_files() {
    let site = built_site();
    std::os::unix::fs::symlink(
        "/nonexistent/broadsheet-test.md",
        site.path("content/articles/dangling.md"),
    )
    .unwrap();
    let fifo = site.path("content/articles/pipe.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        // Without `mkfifo`, check the dangling link alone (the snapshot holds both).
        skipped("no mkfifo: the named pipe case is not run");
        let stderr = refused(&site);
        assert!(stderr.contains("content/articles/dangling.md"), "{stderr}");
        return;
    }
    insta::assert_snapshot!("unreadable", refused(&site));
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission() {
    use std::os::unix::fs::PermissionsExt;
    let site = built_site();
    site.article("locked", "2025-07-01", "", "Secret.\n");
    let path = site.path("content/articles/locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        skipped("running as root: permissions do not stop reads, so this case cannot be tested");
        return;
    }
    let stderr = refused(&site);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(
        stderr.contains("error[unreadable]: content/articles/locked.md: cannot be read:"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = built_site();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let path = site.path("content/articles").join(name);
    if std::fs::write(&path, "+++\ntitle = \"x\"\ndate = 2025-07-01\n+++\n").is_err() {
        skipped("this file system refuses names that are not UTF-8: nothing to test");
        return;
    }
    insta::assert_snapshot!("file_name_not_utf8", refused(&site));
}

#[test]
fn dates_that_do_not_exist() {
    let site = built_site();
    site.article("feb-30", "2025-02-30", "", "x\n")
        .article("feb-30-quoted", "\"2025-02-30\"", "", "x\n")
        .article("month-13", "2025-13-01T09:00:00Z", "", "x\n")
        .article("not-a-date", "\"last Tuesday\"", "", "x\n");
    insta::assert_snapshot!("impossible_dates", refused(&site));
}

#[test]
fn a_page_may_not_take_the_name_of_a_generated_file() {
    let site = built_site();
    site.write(
        "content/pages/feed.md",
        "+++\ntitle = \"Feed\"\nslug = \"atom.xml\"\n+++\nx\n",
    );
    insta::assert_snapshot!("page_named_like_a_file", refused(&site));
}

#[test]
fn a_static_file_named_like_a_folder_of_the_site() {
    let site = built_site();
    site.write("static/articles", "not a folder");
    insta::assert_snapshot!("static_file_named_like_a_folder", refused(&site));
}

#[test]
fn template_syntax_errors_are_reported_with_content_errors() {
    let site = built_site();
    site.write("templates/page.html", "{% if %}\n").write(
        "content/articles/no-date.md",
        "+++\ntitle = \"No date\"\n+++\n",
    );
    insta::assert_snapshot!("template_and_content", refused(&site));
}

#[test]
fn a_template_reading_an_undefined_variable() {
    let site = built_site();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.headline }}</h1>\n{% endblock content %}\n",
    );
    insta::assert_snapshot!("template_undefined_variable", refused(&site));
}

#[test]
fn a_config_with_a_wrong_type() {
    let site = built_site();
    site.write(
        "config.toml",
        "title = \"Test Digest\"\nbase_url = \"https://news.example.org/\"\n[feeds]\natom = \"yes\"\nlimit = -3\n",
    );
    insta::assert_snapshot!("config_wrong_type", refused(&site));
}

/// Every bad input of the issue in one site: one build reports them all,
/// sorted by file, and leaves the previous output as it was. (Linux: other
/// systems refuse the file name that is not UTF-8.)
#[cfg(target_os = "linux")]
#[test]
fn every_bad_input_is_reported_together() {
    let site = built_site();
    write_bytes(
        &site,
        "content/articles/latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = 2025-07-01\n+++\n",
    );
    write_bytes(
        &site,
        "content/articles/crlf.md",
        b"\xEF\xBB\xBF+++\r\ntitle = \"BOM and CRLF are fine\"\r\ndate = 2025-07-01\r\n+++\r\nx\r\n",
    );
    site.write("content/articles/empty.md", "")
        .write(
            "content/articles/open.md",
            "+++\ntitle = \"Open\"\ndate = 2025-07-01\n",
        )
        .article("2025-07-01-same", "2025-07-01", "", "x\n")
        .article("2025-07-02-same", "2025-07-02", "", "x\n")
        .article("escape", "2025-07-01", "slug = \"../../etc\"\n", "x\n")
        .article("feb-30", "2025-02-30", "", "x\n")
        .write("templates/term.html", "{% for %}\n");
    write_bytes(&site, "content/articles/photo.md", b"\x89PNG\r\n\x1a\n\0\0");
    let file = std::fs::File::create(site.path("content/articles/huge.md")).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::fs::create_dir_all(site.path("content/articles/loop")).unwrap();
        std::os::unix::fs::symlink("..", site.path("content/articles/loop/up")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/x.md", site.path("content/articles/gone.md"))
            .unwrap();
        let name = std::ffi::OsStr::from_bytes(b"na\xefve.md");
        // A file system that refuses such names (not Linux's) changes the snapshot.
        std::fs::write(site.path("content/articles").join(name), "x").unwrap();
    }
    insta::assert_snapshot!("everything_together", refused(&site));
    // The one good new file is not lost: fixing the others builds it.
    assert!(Path::new(&site.path("content/articles/crlf.md")).is_file());
}
