//! The output folder: all or nothing, and unchanged files left alone.

use crate::harness::TestSite;

#[test]
fn a_failed_build_leaves_the_old_output_identical() {
    let site = TestSite::new();
    site.articles(3);
    site.build_ok();
    let before = site.snapshot();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.article("a-1", "2025-07-01", "", "Changed body.\n")
        .write("content/articles/broken.md", "+++\ntitle = 1\n+++\n");
    assert!(site.build().is_err());
    assert_eq!(
        site.snapshot(),
        before,
        "bytes and modification times are unchanged"
    );
    // A template that fails while rendering leaves it alone too.
    site.write(
        "content/articles/broken.md",
        "+++\ntitle = \"Fixed\"\ndate = 2025-07-01\n+++\n",
    )
    .write("templates/term.html", "{{ nothing.here }}");
    assert!(site.build().is_err());
    assert_eq!(site.snapshot(), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_identical_build_rewrites_nothing() {
    let site = TestSite::new();
    site.articles(12).write("static/a.txt", "static");
    let first = site.build_ok();
    assert_eq!(first.output.written, first.output.files);
    let before = site.snapshot();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = site.build_ok();
    assert_eq!((second.output.written, second.output.removed), (0, 0));
    assert_eq!(site.snapshot(), before);
}

#[test]
fn a_change_rewrites_only_what_it_touches_and_removes_stale_pages() {
    let site = TestSite::new();
    site.articles(3);
    site.build_ok();
    let before = site.snapshot();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::remove_file(site.path("content/articles/a-3.md")).unwrap();
    let summary = site.build_ok();
    let after = site.snapshot();
    assert!(!after.contains_key("articles/a-3/index.html"));
    assert!(summary.output.removed >= 1);
    // a-1's page does not mention a-3, so it is untouched.
    assert_eq!(
        after["articles/a-1/index.html"],
        before["articles/a-1/index.html"]
    );
    assert_ne!(after["index.html"], before["index.html"]);
}

#[test]
fn output_dir_flag_and_static_overrides() {
    let site = TestSite::new();
    site.articles(1)
        .write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    let out = site.cmd(&["build", "-o", "elsewhere", "--quiet"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let robots = std::fs::read_to_string(site.path("elsewhere/robots.txt")).unwrap();
    assert_eq!(
        robots, "User-agent: *\nDisallow: /\n",
        "a static file replaces the generated one"
    );
    assert!(out.stderr.is_empty(), "--quiet prints nothing on success");
}

#[test]
fn a_static_file_may_not_replace_a_page() {
    let site = TestSite::new();
    site.articles(1).write("static/index.html", "<p>mine</p>");
    let out = site.cmd(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error[output-clash]: static/index.html: this file would replace the page `index.html`\n  help: rename or remove the static file\n1 error\n"
    );
}

#[test]
fn a_no_op_build_notices_a_damaged_output_folder() {
    let site = TestSite::new();
    site.articles(3);
    site.build_ok();
    std::fs::remove_file(site.path("public/articles/a-2/index.html")).unwrap();
    std::fs::write(site.path("public/stray.html"), "left behind").unwrap();
    let summary = site.build_ok();
    assert_eq!((summary.output.written, summary.output.removed), (1, 0));
    assert!(site.exists("articles/a-2/index.html"));
    assert!(
        site.exists("stray.html"),
        "a file Broadsheet did not write is never removed"
    );
    // Nothing changed since: nothing is done.
    let again = site.build_ok();
    assert_eq!((again.output.written, again.output.removed), (0, 0));
    assert!(
        again.timings.stages().len() <= 1,
        "{:?}",
        again.timings.stages()
    );
}

#[test]
fn the_clock_publishes_future_articles_without_any_edit() {
    let site = TestSite::new();
    site.article("now", "2025-07-01", "", "x\n")
        .article("later", "2025-08-01", "", "x\n");
    let mut options = site.options();
    broadsheet::build::build(site.root(), &options).unwrap();
    assert!(!site.exists("articles/later/index.html"));
    options.now = Some("2025-08-02T00:00:00Z".parse().unwrap());
    broadsheet::build::build(site.root(), &options).unwrap();
    assert!(site.exists("articles/later/index.html"));
}
