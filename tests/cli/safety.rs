//! Nothing lost: what a build may delete, what it never touches, and what
//! is left when it is killed (docs/guarantees.md).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::TestSite;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_folder_broadsheet_never_wrote_is_refused_then_only_added_to() {
    let site = TestSite::new();
    site.articles(3);
    let out = site.path("elsewhere");
    write(&out.join("thesis.txt"), "four years of work");
    write(&out.join("photos/cat.jpg"), "a cat");
    let refused = site.cmd(&["build", "-o", "elsewhere"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let message = stderr(&refused);
    assert!(
        message.contains("holds files Broadsheet did not write, such as `photos/cat.jpg`")
            && message.contains("--force"),
        "{message}"
    );
    assert!(!out.join("index.html").exists(), "nothing was written");

    let forced = site.cmd(&["build", "-o", "elsewhere", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(out.join("index.html").is_file());
    // A later build removes the pages the site no longer has, and only those.
    std::fs::remove_file(site.path("content/articles/a-3.md")).unwrap();
    let again = site.cmd(&["build", "-o", "elsewhere"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(!out.join("articles/a-3/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.txt")).unwrap(),
        "four years of work"
    );
    assert!(out.join("photos/cat.jpg").is_file());
}

#[test]
fn a_gh_pages_checkout_keeps_git_cname_and_kept_globs() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[build]\nkeep = [\"CNAME\", \".well-known/**\", \"extra/*.txt\"]\n",
    );
    site.articles(3);
    let public = site.path("public");
    for f in [
        ".git/HEAD",
        ".git/objects/ab/cdef",
        "CNAME",
        ".well-known/security.txt",
    ] {
        write(&public.join(f), f);
    }
    // Only `.git/` and kept files: not a foreign folder, no --force needed.
    site.build_ok();
    write(&public.join("extra/notes.txt"), "kept by a glob");
    std::fs::remove_file(site.path("content/articles/a-2.md")).unwrap();
    let summary = site.build_ok();
    assert!(summary.output.removed >= 1);
    for f in [
        ".git/HEAD",
        ".git/objects/ab/cdef",
        "CNAME",
        ".well-known/security.txt",
        "extra/notes.txt",
    ] {
        assert!(public.join(f).is_file(), "{f} is still there");
    }
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).unwrap(),
        "CNAME"
    );
    assert!(!site.exists("articles/a-2/index.html"));
}

#[test]
fn a_bad_keep_glob_is_reported_with_its_line() {
    let site = TestSite::with_config("title = \"T\"\n[build]\nkeep = [\"a[b\"]\n");
    let out = site.cmd(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("config.toml:3:") && message.contains("`a[b`"),
        "{message}"
    );
}

#[test]
fn the_output_may_not_be_a_folder_the_site_reads() {
    let site = TestSite::new();
    site.articles(1)
        .write("static/a.txt", "a")
        .write("templates/x.txt", "x");
    let root = site.root().to_str().unwrap().to_owned();
    let parent = site.root().parent().unwrap().to_str().unwrap().to_owned();
    for dir in [
        "/",
        parent.as_str(),
        root.as_str(),
        ".",
        "content",
        "content/articles/out",
        "static",
        "templates",
        ".broadsheet",
        ".broadsheet/out",
    ] {
        let out = site.cmd(&["build", "-o", dir]);
        assert_eq!(out.status.code(), Some(2), "{dir}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("refusing to write the site into"),
            "{dir}: {}",
            stderr(&out)
        );
    }
    assert!(!site.path("public").exists());
    let content: Vec<_> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(content.len(), 1, "nothing was written into content/");
}

#[test]
fn a_date_format_that_cannot_show_a_date_is_refused_at_load() {
    let site = TestSite::with_config("title = \"T\"\n\ndate_format = \"%Q %\"\n");
    site.articles(1);
    let out = site.cmd(&["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("config.toml:3:") && message.contains("`%Q %` is not a date format"),
        "{message}"
    );
    let check = site.cmd(&["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
}

/// A site big enough that its build runs for a while.
fn big_site() -> TestSite {
    let site = TestSite::new();
    let body = "A paragraph of some length about the news of the day. ".repeat(40);
    for i in 0..1500 {
        site.article(
            &format!("story-{i}"),
            &format!("2025-07-{:02}T10:00:00Z", 1 + i % 20),
            &format!("tags = [\"t{}\", \"t{}\"]\n", i % 50, i % 7),
            &format!("{body}\n\n{body}\n"),
        );
    }
    site
}

/// Sends `signal` to `child`: SIGTERM as `kill PID` or a service manager
/// does, SIGINT as Ctrl-C does.
#[cfg(unix)]
fn send(child: &std::process::Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) with a PID of our own child and a valid signal number.
    let sent = unsafe { libc::kill(pid, signal) };
    assert_eq!(sent, 0, "signal {signal} sent");
}

fn staging_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-"))
        .collect()
}

/// Whether `dir` holds a staging folder whose lock a live build holds: it
/// has registered the folder for removal on an interrupt.
fn has_live_staging(dir: &Path) -> bool {
    staging_folders(dir)
        .iter()
        .filter(|n| !n.ends_with(".lock"))
        .any(|n| {
            let lock = dir.join(format!("{n}.lock"));
            std::fs::File::open(lock)
                .is_ok_and(|f| matches!(f.try_lock(), Err(std::fs::TryLockError::WouldBlock)))
        })
}

/// Starts a build of `site` and waits until it has a live staging folder.
fn build_until_staging(site: &TestSite) -> Option<std::process::Child> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--quiet", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while waited.elapsed() < Duration::from_secs(120) {
        if has_live_staging(site.root()) {
            return Some(child);
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(unix)]
#[test]
fn sigterm_and_ctrl_c_remove_the_staging_folder_and_leave_the_output() {
    let site = big_site();
    site.build_ok();
    let mut before = site.snapshot();
    std::fs::remove_file(site.path("content/articles/story-3.md")).unwrap();
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let Some(child) = build_until_staging(&site) else {
            panic!("the build ended before it staged anything: make the fixture bigger");
        };
        send(&child, signal);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(130),
            "it stopped on signal {signal}: {}",
            stderr(&out)
        );
        assert_eq!(staging_folders(site.root()), Vec::<String>::new());
        // A signal during the commit waits for it, and says so.
        if stderr(&out).contains("the output folder holds the new site") {
            assert!(
                !site.exists("articles/story-3/index.html"),
                "{}",
                stderr(&out)
            );
            before = site.snapshot();
        } else {
            assert!(
                stderr(&out).contains("Interrupted: the output folder is as it was"),
                "{}",
                stderr(&out)
            );
            assert_eq!(site.snapshot(), before, "the output is as it was");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_killed_builds_staging_folder_is_swept_by_the_next_build() {
    let site = big_site();
    let Some(mut child) = build_until_staging(&site) else {
        panic!("the build ended before it staged anything: make the fixture bigger");
    };
    child.kill().unwrap(); // SIGKILL: no handler runs
    child.wait().unwrap();
    assert!(
        !staging_folders(site.root()).is_empty(),
        "kill -9 leaves it"
    );
    site.build_ok();
    assert_eq!(staging_folders(site.root()), Vec::<String>::new());
    assert!(site.exists("articles/story-1/index.html"));
}

#[test]
fn an_article_with_too_many_tags_is_refused_with_its_line() {
    let site = TestSite::with_config("title = \"T\"\n[build]\nmax_terms_per_article = 20\n");
    let tags: Vec<String> = (0..10_000).map(|i| format!("\"tag {i}\"")).collect();
    site.article(
        "many",
        "2025-07-01",
        &format!("tags = [{}]\n", tags.join(", ")),
        "x\n",
    );
    let out = site.cmd(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.starts_with("error[too-many-terms]: content/articles/many.md:4:1: `tags` has 10000 terms; at most 20 are allowed"),
        "{message}"
    );
    assert!(!site.path("public").exists(), "nothing was written");
    let check = site.cmd(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("too-many-terms"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn term_pages_do_not_list_every_tag_of_every_article() {
    let site = TestSite::new();
    let tags: Vec<String> = (0..100).map(|i| format!("\"tag {i}\"")).collect();
    site.article(
        "many",
        "2025-07-01",
        &format!("tags = [{}]\n", tags.join(", ")),
        "x\n",
    );
    site.build_ok();
    let tag_links = |rel: &str| crate::harness::texts(&site.html(rel), "ul.tags li").len();
    assert_eq!(
        tag_links("articles/many/index.html"),
        100,
        "its own page shows all"
    );
    assert_eq!(
        tag_links("tags/tag-57/index.html"),
        broadsheet::render::view::CARD_TAGS
    );
    assert_eq!(tag_links("index.html"), broadsheet::render::view::CARD_TAGS);
}

#[test]
fn names_longer_than_a_file_name_are_reported_with_the_article() {
    let site = TestSite::new();
    let long = "word-".repeat(60);
    site.article(
        "ok",
        "2025-07-01",
        &format!("tags = [\"fine\", \"{long}\"]\n"),
        "x\n",
    );
    site.write(
        &format!("content/articles/{}.md", "a".repeat(250)),
        &format!(
            "+++\ntitle = \"Long\"\ndate = 2025-07-01\nslug = \"{}\"\n+++\nx\n",
            "b".repeat(256)
        ),
    );
    for command in ["build", "check"] {
        let out = site.cmd(&[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let message = stderr(&out);
        assert!(
            message.contains("content/articles/ok.md:4:1: the `tags` term `word-word")
                && message
                    .contains("makes a 299-byte URL segment; file names may have at most 255"),
            "{command}: {message}"
        );
        assert!(
            message.contains(".md:4:8: the slug is 256 bytes long"),
            "{command}: {message}"
        );
        assert!(!message.contains("staging"), "{message}");
    }
}

#[test]
fn a_year_9999_date_gets_a_clear_diagnostic() {
    let site = TestSite::new();
    site.article("far", "9999-12-31", "", "x\n");
    let out = site.cmd(&["build", "--future"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error[bad-date]: content/articles/far.md:3:8: `9999-12-31` is too far in the past or the future: use a date between the years 1 and 9998\n  help: write a date that exists, such as `2025-02-28`\n1 error\n"
    );
}

#[test]
fn json_ld_description_is_cut_like_the_meta_description() {
    let site = TestSite::new();
    let paragraph = "Words without end in one paragraph. ".repeat(20_000);
    site.article("huge", "2025-07-01", "", &format!("{paragraph}\n"));
    site.build_ok();
    let doc = site.html("articles/huge/index.html");
    let script = crate::harness::texts(&doc, "script[type=\"application/ld+json\"]");
    let json: serde_json::Value = serde_json::from_str(&script[0]).unwrap();
    let description = json["description"].as_str().unwrap();
    let meta = crate::harness::attrs(&doc, "meta[name=description]", "content");
    assert!(description.chars().count() <= 301, "{}", description.len());
    assert_eq!(description.chars().count(), meta[0].chars().count());
    assert!(description.ends_with('…'));
}

const STORM: &str =
    "content/articles/2026/2026-01-15-storm-batters-port-aldwin-as-council-weighs-harbour-wall.md";

fn import(site: &crate::import::Site, args: &[&str]) -> std::process::Output {
    let raw = crate::import::fixture("harbour-storm.txt");
    let mut all = vec!["import", raw.to_str().unwrap(), "--date", "2026-01-15"];
    all.extend_from_slice(args);
    site.run(&all)
}

#[test]
fn import_force_keeps_the_editors_front_matter() {
    let site = crate::import::Site::new();
    assert!(import(&site, &[]).status.success());
    let original = site.read(STORM);
    let edited = original.replacen("title = \"", "featured = true\ntitle = \"Edited: ", 1);
    site.write(STORM, &edited);
    let out = import(&site, &["--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("front matter kept as edited: featured, title"),
        "{}",
        stderr(&out)
    );
    let text = site.read(STORM);
    let split = broadsheet::source::front_matter::split(STORM, &text).unwrap();
    let front: broadsheet::source::front_matter::ArticleFrontMatter =
        toml::from_str(split.toml).unwrap();
    assert!(front.featured);
    assert!(front.title.starts_with("Edited: "), "{}", front.title);
    assert!(front.import.is_some());
}

#[cfg(unix)]
#[test]
fn import_does_not_follow_links_out_of_the_folder_unless_asked() {
    let site = crate::import::Site::new();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::copy(crate::import::fixture("harbour-storm.txt"), &secret).unwrap();
    let folder = site.root().join("raw");
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(&secret, folder.join("shadow.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), folder.join("elsewhere")).unwrap();
    let before = site.articles();
    let out = site.run(&["import", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("shadow.txt: a symbolic link that leads out of")
            && stderr(&out).contains("--follow-links"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("elsewhere: a symbolic link that leads out of"),
        "a link to a folder is reported too: {}",
        stderr(&out)
    );
    assert_eq!(site.articles(), before, "nothing imported");
    let out = site.run(&["import", folder.to_str().unwrap(), "--follow-links"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(site.articles().len(), before.len() + 1);
}

#[cfg(unix)]
#[test]
fn static_links_out_of_static_are_not_published() {
    let site = TestSite::new();
    site.articles(1).write("static/ok.txt", "ok");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwd"), site.path("static/passwd")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path("static/dir")).unwrap();
    std::os::unix::fs::symlink("ok.txt", site.path("static/inside.txt")).unwrap();
    let summary = site.build_ok();
    assert!(!site.exists("passwd") && !site.path("public/dir").exists());
    assert_eq!(
        site.read("inside.txt"),
        "ok",
        "a link inside static/ is copied"
    );
    let warnings = summary.warnings.sorted(); // as reported: sorted, once each
    let warned: Vec<&str> = warnings.iter().map(|d| d.file.as_str()).collect();
    assert_eq!(warned, ["static/dir", "static/passwd"]);
    assert!(warnings.iter().all(|d| d.code == "link-outside"));
    assert!(
        warnings[1]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("--follow-links"),
        "{:?}",
        warnings[1]
    );
    let out = site.cmd(&["build", "--follow-links", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(site.read("passwd"), "root:x:0:0", "copied when asked");
}

#[test]
fn a_template_that_renders_forever_stops_the_build_naming_it() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[build]\nrender_timeout_secs = 1\n",
    );
    site.articles(2);
    site.build_ok();
    let before = site.snapshot();
    site.write(
        "templates/term.html",
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}{{ a }}{% endfor %}{% endfor %}{% endfor %}",
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["build", "--root"])
        .arg(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let waited = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if waited.elapsed() > Duration::from_secs(120) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("the build still ran after two minutes: no time limit");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.starts_with(
            "error[render-timeout]: templates/term.html: the template `term.html` rendered `"
        ) && message.contains("/index.html` for more than 1 s; the build is stopped"),
        "{message}"
    );
    assert_eq!(staging_folders(site.root()), Vec::<String>::new());
    assert_eq!(site.snapshot(), before, "the output is as it was");
}

#[cfg(unix)]
#[test]
fn serve_removes_its_temporary_site_on_sigterm() {
    use std::io::BufRead;
    let site = TestSite::new();
    site.articles(3);
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .env("TMPDIR", tmp.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let serving = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.starts_with("Serving http://"));
    assert!(serving, "serve started");
    let previews = || {
        std::fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("broadsheet-serve-")
            })
            .count()
    };
    assert_eq!(previews(), 1, "the preview is built in TMPDIR");
    send(&child, libc::SIGTERM);
    child.wait().unwrap();
    assert_eq!(previews(), 0, "SIGTERM removed the temporary site");
}
