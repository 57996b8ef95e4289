//! Editions as newsletters: the built emails, the editions' feeds, and
//! `broadsheet send` against a real SMTP server (aiosmtpd on 127.0.0.1,
//! `tests/newsletter/smtp_sink.py`), whose messages Python's `email`
//! package parses.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::harness::{TestSite, attrs, texts};

const SINK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/newsletter/smtp_sink.py");

/// A running SMTP sink, stopped when dropped.
struct Sink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for Sink {
    fn drop(&mut self) {
        drop(self.child.stdin.take()); // the sink stops when its input closes
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[allow(clippy::print_stderr)] // the test harness shows why a test did nothing
fn python_has_aiosmtpd() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!(
            "skipped: python3 with aiosmtpd is missing (pip install aiosmtpd; .ci/run installs it)"
        );
    }
    ok
}

impl Sink {
    /// Starts the sink; `None` (the test skips) without python3 and aiosmtpd.
    fn start(reject_once: &[&str]) -> Option<Sink> {
        let args: Vec<String> = reject_once
            .iter()
            .flat_map(|r| ["--reject-once".to_owned(), (*r).to_owned()])
            .collect();
        Sink::start_with(&args)
    }

    /// Starts the sink with these arguments.
    fn start_with(args: &[String]) -> Option<Sink> {
        if !python_has_aiosmtpd() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut cmd = Command::new("python3");
        cmd.arg(SINK).arg(dir.path()).args(args);
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("PORT ")
            .unwrap_or_else(|| panic!("the sink said {line:?}"))
            .parse()
            .unwrap();
        Some(Sink { child, port, dir })
    }

    /// The messages received so far, in order, as the sink parsed them.
    fn messages(&self) -> Vec<Value> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }
}

/// Python's `email` package's view of a message file.
fn parse_eml(path: &Path) -> Value {
    let out = Command::new("python3")
        .arg(SINK)
        .arg("--parse")
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The stories' headline links in an email.
const STORY_LINKS: &str = "a[href*='/articles/']";

const RECIPIENTS: [&str; 3] = ["ann@example.org", "bob+news@example.org", "cai@example.net"];

/// A site with one day's edition of three stories, sending to `port`.
fn site(port: u16) -> TestSite {
    let site = TestSite::with_config(&format!(
        r#"title = "Test Digest"
base_url = "https://news.example.org/"

[newsletter]
from = "Test Digest <digest@news.example.org>"
reply_to = "desk@news.example.org"
unsubscribe_url = "https://news.example.org/unsubscribe?address={{email}}&list=daily"
smtp_host = "127.0.0.1"
smtp_port = {port}
smtp_security = "none"
"#
    ));
    for (i, title) in [
        "Storm hits harbour",
        "Ferry fares rise",
        "Café & bar <reopen>",
    ]
    .iter()
    .enumerate()
    {
        site.write(
            &format!("content/articles/story-{i}.md"),
            &format!(
                "+++\ntitle = {title:?}\ndate = 2025-07-21T0{i}:00:00Z\nsource = \"example.com\"\n+++\nThe first paragraph of story {i}.\n"
            ),
        );
    }
    site.write(
        "subscribers.csv",
        &format!(
            "name,email\n\"Doe, Ann\",{}\nBob,{}\nCai,{}\n",
            RECIPIENTS[0], RECIPIENTS[1], RECIPIENTS[2]
        ),
    );
    site.build_ok();
    site
}

fn part<'a>(message: &'a Value, content_type: &str) -> &'a str {
    message["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["content_type"] == content_type)
        .unwrap_or_else(|| panic!("no {content_type} part"))["content"]
        .as_str()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn sent_log(site: &TestSite) -> Value {
    let text = std::fs::read_to_string(site.path(".broadsheet/sent/2025-07-21.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn send_delivers_one_message_per_recipient_with_both_parts_and_list_headers() {
    let Some(sink) = Sink::start(&[]) else { return };
    let site = site(sink.port);
    let out = site.cmd(&["send", "2025-07-21"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("to 3 recipients"), "{}", stderr(&out));

    let messages = sink.messages();
    assert_eq!(messages.len(), 3);
    let mut ids = Vec::new();
    for (m, to) in messages.iter().zip(RECIPIENTS) {
        assert_eq!(m["envelope_to"], serde_json::json!([to]));
        assert_eq!(m["envelope_from"], "digest@news.example.org");
        assert_eq!(m["defects"], serde_json::json!([]));
        assert_eq!(m["content_type"], "multipart/alternative");
        let h = &m["headers"];
        assert_eq!(h["To"], to);
        assert_eq!(h["From"], "Test Digest <digest@news.example.org>");
        assert_eq!(h["Reply-To"], "desk@news.example.org");
        assert_eq!(h["Subject"], "Monday 21 July 2025 — Test Digest");
        assert_eq!(h["MIME-Version"], "1.0");
        assert_eq!(h["List-Id"], "Test Digest <news.example.org>");
        let encoded = to.replace('@', "%40").replace('+', "%2B");
        let unsubscribe =
            format!("https://news.example.org/unsubscribe?address={encoded}&list=daily");
        assert_eq!(h["List-Unsubscribe"], format!("<{unsubscribe}>"));
        assert_eq!(h["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click");
        assert_eq!(m["date_ok"], true);
        for name in ["Date", "Message-ID", "List-Id", "List-Unsubscribe"] {
            assert_eq!(m["header_counts"][name], 1, "{name}");
        }
        ids.push(h["Message-ID"].as_str().unwrap().to_owned());

        // Text first, then HTML (the last part is the preferred one).
        let types: Vec<&str> = m["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["content_type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["text/plain", "text/html"]);
        for p in m["parts"].as_array().unwrap() {
            assert_eq!(p["charset"], "utf-8");
        }
        let text = part(m, "text/plain");
        assert!(
            text.contains(&format!("Unsubscribe: {unsubscribe}")),
            "{text}"
        );
        assert_stories_in_text(text);
        let html = scraper::Html::parse_document(part(m, "text/html"));
        let links = attrs(&html, "a", "href");
        assert!(links.contains(&unsubscribe), "{links:?}");
        assert!(!part(m, "text/html").contains("%7Bemail%7D"));
        assert_eq!(
            texts(&html, STORY_LINKS),
            [
                "Café & bar <reopen>",
                "Ferry fares rise",
                "Storm hits harbour"
            ]
        );
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "one Message-ID per recipient");

    // The log lists each, and a second send refuses.
    let log = sent_log(&site);
    assert_eq!(log["complete"], true);
    let logged: Vec<&str> = log["sent"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["to"].as_str().unwrap())
        .collect();
    assert_eq!(logged, RECIPIENTS);
    let again = site.cmd(&["send", "2025-07-21"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already sent to 3 recipients"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("--resend"));
    assert_eq!(sink.messages().len(), 3, "nothing more was sent");

    // `--resend` sends everyone the edition again.
    let resend = site.cmd(&["send", "2025-07-21", "--resend"]);
    assert!(resend.status.success(), "{}", stderr(&resend));
    assert_eq!(sink.messages().len(), 6);
    assert_eq!(sent_log(&site)["resends"], 1);
}

/// Every story's title and link is in the text part, the link on the line
/// under its title block.
fn assert_stories_in_text(text: &str) {
    for (slug, title) in [
        ("story-0", "Storm hits harbour"),
        ("story-1", "Ferry fares rise"),
        ("story-2", "Café & bar <reopen>"),
    ] {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines
            .iter()
            .position(|l| *l == format!("* {title}"))
            .unwrap_or_else(|| panic!("no title {title} in\n{text}"));
        let link = lines[at..]
            .iter()
            .find(|l| l.starts_with("https://"))
            .unwrap();
        assert!(
            link.starts_with(&format!("https://news.example.org/articles/{slug}/?utm_")),
            "{link}"
        );
        assert!(link.contains("utm_source=newsletter"), "{link}");
    }
}

#[test]
fn a_send_that_fails_midway_resumes_and_reaches_everyone_once() {
    let Some(sink) = Sink::start(&[RECIPIENTS[1]]) else {
        return;
    };
    let site = site(sink.port);
    let first = site.cmd(&["send", "2025-07-21"]);
    assert_eq!(first.status.code(), Some(2));
    let err = stderr(&first);
    assert!(
        err.contains(&format!("to {} failed", RECIPIENTS[1])),
        "{err}"
    );
    assert!(err.contains("550"), "the server's answer: {err}");
    assert!(err.contains("1 of 3 got it"), "{err}");
    assert!(err.contains(".broadsheet/sent/2025-07-21.json"), "{err}");
    assert_eq!(sink.messages().len(), 1);
    assert_eq!(sent_log(&site)["complete"], false);

    let second = site.cmd(&["send", "2025-07-21"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("1 skipped"), "{}", stderr(&second));
    let mut received: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| m["envelope_to"][0].as_str().unwrap().to_owned())
        .collect();
    received.sort();
    assert_eq!(received, RECIPIENTS, "each recipient exactly once");
    assert_eq!(sent_log(&site)["complete"], true);
}

#[test]
fn dry_run_and_eml_send_nothing() {
    let Some(sink) = Sink::start(&[]) else { return };
    let site = site(sink.port);
    let dry = site.cmd(&["send", "2025-07-21", "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let stdout = String::from_utf8(dry.stdout).unwrap();
    let to: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("To: "))
        .collect();
    assert_eq!(to, RECIPIENTS);
    assert!(stdout.starts_with("Subject: Monday 21 July 2025 — Test Digest\n"));

    let eml = site.path("edition.eml");
    let out = site.cmd(&["send", "2025-07-21", "--to", "dee@example.org", "--eml"]);
    assert_eq!(out.status.code(), Some(2), "--eml needs a file");
    let out = site.cmd(&[
        "send",
        "2025-07-21",
        "--to",
        "dee@example.org",
        "--eml",
        eml.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = parse_eml(&eml);
    assert_eq!(m["headers"]["To"], "dee@example.org");
    assert_eq!(m["content_type"], "multipart/alternative");
    assert_stories_in_text(part(&m, "text/plain"));

    assert!(sink.messages().is_empty(), "nothing was sent");
    assert!(
        !site.path(".broadsheet/sent").exists(),
        "nothing was recorded"
    );
}

#[test]
fn send_explains_what_is_missing() {
    let site = TestSite::new();
    site.article("a", "2025-07-21", "", "Text.\n");
    site.build_ok();
    let out = site.cmd(&["send", "2025-07-21"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`[newsletter] from` is not set in config.toml"),
        "{}",
        stderr(&out)
    );
    site.write(
        "config.toml",
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[newsletter]\nfrom = \"t@news.example.org\"\n",
    );
    let out = site.cmd(&["send", "2025-07-21"]);
    assert!(
        stderr(&out).contains("the recipients file `subscribers.csv` does not exist"),
        "{}",
        stderr(&out)
    );
    site.write("subscribers.csv", "ann@example.org\nnot an address\n");
    let out = site.cmd(&["send", "2025-07-21"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("subscribers.csv:2:1"),
        "{}",
        stderr(&out)
    );
    let out = site.cmd(&["send", "2025-07-22"]);
    assert!(
        stderr(&out).contains("run `broadsheet build` first"),
        "{}",
        stderr(&out)
    );
    let out = site.cmd(&["send", "../../etc"]);
    assert!(
        stderr(&out).contains("is not an edition's date"),
        "{}",
        stderr(&out)
    );
}

/// The example site (the repository's `config.toml` and `content/`),
/// copied into a temporary folder and built there.
fn example_site() -> TestSite {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = TestSite::with_config(&std::fs::read_to_string(repo.join("config.toml")).unwrap());
    for entry in walkdir::WalkDir::new(repo.join("content")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(repo).unwrap().to_str().unwrap();
            site.write(rel, &std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let options = broadsheet::build::BuildOptions::default(); // the example's dates are real
    broadsheet::build::build(site.root(), &options).unwrap();
    site
}

/// The editions (dates) of a built site.
fn editions(site: &TestSite) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(site.path("public/editions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.len() == 10 && n.starts_with('2'))
        .collect();
    out.sort();
    out
}

#[test]
fn the_example_site_s_emails_are_small_inline_styled_and_self_contained() {
    let site = example_site();
    let dates = editions(&site);
    assert!(dates.len() >= 3, "{dates:?}");
    for date in &dates {
        let file = format!("editions/{date}/email.html");
        let raw = site.read(&file);
        assert!(raw.len() < 102 * 1024, "{file}: {} bytes", raw.len());
        let doc = scraper::Html::parse_document(&raw);
        for banned in [
            "script",
            "style",
            "link",
            "iframe",
            "object",
            "embed",
            "form",
            "[class]",
            "[id]",
            "[srcset]",
            "[background]",
        ] {
            assert!(texts(&doc, banned).is_empty(), "{file}: {banned}");
        }
        let images = attrs(&doc, "img", "src");
        assert!(images.is_empty(), "{file}: {images:?} (nothing to fetch)");
        for style in attrs(&doc, "[style]", "style") {
            assert!(!style.contains("url("), "{file}: {style}");
        }
        assert!(attrs(&doc, "body", "style")[0].contains("background-color"));
        // Every link goes back to the site, absolute; story links carry the UTM parameters.
        for href in attrs(&doc, "a", "href") {
            assert!(
                href.starts_with("https://digest.example.org/"),
                "{file}: {href}"
            );
        }
        // The email shows the edition page's stories, in order, and the text part too.
        let page = site.html(&format!("editions/{date}/index.html"));
        let titles = texts(&page, ".edition-section .card-title");
        assert_eq!(texts(&doc, STORY_LINKS), titles, "{file}");
        let text = site.read(&format!("editions/{date}/email.txt"));
        for (title, url) in
            titles
                .iter()
                .zip(attrs(&page, ".edition-section .card-title a", "href"))
        {
            let permalink = format!(
                "https://digest.example.org{url}?utm_campaign=edition-{date}&utm_medium=email&utm_source=newsletter"
            );
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            let at = lines
                .iter()
                .position(|l| *l == format!("* {title}"))
                .unwrap_or_else(|| panic!("{date}: no {title} in\n{text}"));
            assert!(
                lines[at..].contains(&permalink.as_str()),
                "{date}: {permalink} in\n{text}"
            );
        }
        assert!(
            !text.contains("&amp;") && !text.contains("&#"),
            "{date}: the text part is not escaped HTML"
        );
    }
}

#[test]
fn a_large_edition_warns_and_names_max_stories() {
    let config = "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[newsletter]\nmax_stories = 200\n";
    let site = TestSite::with_config(config);
    let summary = "A summary long enough to make each story weigh in the message. ".repeat(8);
    for i in 0..120 {
        site.article(
            &format!("s-{i}"),
            &format!("2025-07-21T{:02}:{:02}:00Z", i / 60, i % 60),
            "",
            &format!("{summary}{i}\n"),
        );
    }
    let built = site.build_ok();
    let warnings: Vec<String> = built.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("email of the edition 2025-07-21 is"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("Gmail clips messages past 102 KB"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[0].contains("`[newsletter] max_stories` (now 200)"),
        "{}",
        warnings[0]
    );
    assert!(site.read("editions/2025-07-21/email.html").len() > 102 * 1024);

    site.write("config.toml", &config.replace("200", "10"));
    let built = site.build_ok();
    assert!(built.warnings.is_empty(), "{}", built.warnings);
    let doc = site.html("editions/2025-07-21/email.html");
    assert_eq!(texts(&doc, STORY_LINKS).len(), 10);
    assert!(
        site.read("editions/2025-07-21/email.html")
            .contains("110 more stories in this edition.")
    );
    assert!(
        site.read("editions/2025-07-21/email.txt")
            .contains("110 more stories in this edition.")
    );
}

#[test]
fn the_editions_feeds_carry_each_email() {
    let site = site(25);
    let atom = site.read("editions/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 1);
    let content = entries[0]
        .children()
        .find(|c| c.has_tag_name("content"))
        .unwrap();
    assert_eq!(content.attribute("type"), Some("html"));
    let email = site.read("editions/2025-07-21/email.html");
    assert_eq!(content.text().unwrap(), email);
    let feed: Value = serde_json::from_str(&site.read("editions/feed.json")).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(
        feed["feed_url"],
        "https://news.example.org/editions/feed.json"
    );
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0]["url"],
        "https://news.example.org/editions/2025-07-21/"
    );
    assert_eq!(items[0]["content_html"], email);
}

#[test]
fn a_site_overrides_the_email_templates_or_turns_them_off() {
    let site = site(25);
    site.write(
        "templates/email.txt",
        "{{ email.title }}{% for s in email.sections %}{% for story in s.stories %}\n- {{ story.title }}{% endfor %}{% endfor %}\n",
    );
    site.build_ok();
    assert_eq!(
        site.read("editions/2025-07-21/email.txt"),
        "Monday 21 July 2025\n- Café & bar <reopen>\n- Ferry fares rise\n- Storm hits harbour\n"
    );
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    site.write(
        "config.toml",
        &config.replace("[newsletter]\n", "[newsletter]\nenabled = false\n"),
    );
    site.build_ok();
    assert!(!site.exists("editions/2025-07-21/email.html"));
    assert!(!site.exists("editions/2025-07-21/email.txt"));
    let atom = site.read("editions/atom.xml");
    assert!(atom.contains("Ferry fares rise") && !atom.contains("View in your browser"));
}

/// A certificate authority and a certificate it signed for 127.0.0.1, made
/// with the `openssl` command in `dir`: (CA, certificate, key); `None`
/// without openssl.
#[allow(clippy::print_stderr)] // the test harness shows why a test did nothing
fn certificates(dir: &Path) -> Option<(PathBuf, PathBuf, PathBuf)> {
    let run = |args: &[&str]| {
        Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    std::fs::write(
        dir.join("leaf.ext"),
        "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    let ok = run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Broadsheet test CA",
    ]) && run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "leaf.key",
        "-out",
        "leaf.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]) && run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "leaf.pem",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
    ]);
    if !ok {
        eprintln!("skipped: the openssl command is missing or failed (.ci/run installs it)");
        return None;
    }
    Some((
        dir.join("ca.pem"),
        dir.join("leaf.pem"),
        dir.join("leaf.key"),
    ))
}

#[test]
fn send_requires_starttls_and_logs_in_with_the_environment_s_credentials() {
    let certs = tempfile::tempdir().unwrap();
    let Some((ca, cert, key)) = certificates(certs.path()) else {
        return;
    };
    let args = [
        "--starttls".to_owned(),
        cert.to_str().unwrap().to_owned(),
        key.to_str().unwrap().to_owned(),
        "--login".to_owned(),
        "editor:s3cret".to_owned(),
    ];
    let Some(sink) = Sink::start_with(&args) else {
        return;
    };
    let site = site(sink.port);
    let config = std::fs::read_to_string(site.path("config.toml")).unwrap();
    let config = config.replace("smtp_security = \"none\"", "smtp_security = \"starttls\"");
    site.write(
        "config.toml",
        &format!("{config}smtp_ca_file = {:?}\n", ca.to_str().unwrap()),
    );
    let send = |user: &str, password: &str| {
        Command::new(env!("CARGO_BIN_EXE_broadsheet"))
            .args(["send", "2025-07-21", "--to", RECIPIENTS[0], "--root"])
            .arg(site.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("BROADSHEET_SMTP_USER", user)
            .env("BROADSHEET_SMTP_PASSWORD", password)
            .output()
            .unwrap()
    };
    let right = send("editor", "s3cret");
    assert!(right.status.success(), "{}", stderr(&right));
    let messages = sink.messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["tls"], true, "sent over STARTTLS");
    assert_eq!(messages[0]["authenticated"], true);
    assert_eq!(messages[0]["login"], "editor");
    assert_eq!(
        messages[0]["envelope_to"],
        serde_json::json!([RECIPIENTS[0]])
    );

    // Without the CA, the server's certificate is not trusted: nothing is sent.
    site.write("config.toml", &config);
    let untrusted = send("editor", "s3cret");
    assert_eq!(untrusted.status.code(), Some(2));
    assert_eq!(sink.messages().len(), 1);
}

#[test]
fn hostile_text_is_inert_in_the_email_even_where_pages_trust_raw_html() {
    let site = TestSite::with_config(
        "title = \"T\"\nbase_url = \"https://news.example.org/\"\n[markdown]\nraw_html = \"trust\"\n",
    );
    site.article("a", "2025-07-21", "", "Text.\n");
    site.write(
        "content/editions/2025-07-21.md",
        "+++\ntitle = \"<b>Bold</b> day\"\n+++\nIntro <script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)).\n",
    );
    site.build_ok();
    let raw = site.read("editions/2025-07-21/email.html");
    let doc = scraper::Html::parse_document(&raw);
    assert!(texts(&doc, "script").is_empty(), "{raw}");
    assert!(attrs(&doc, "[onerror]", "onerror").is_empty());
    assert!(attrs(&doc, "a[href^='javascript']", "href").is_empty());
    assert_eq!(texts(&doc, "h1"), ["<b>Bold</b> day"], "titles are text");
    let text = site.read("editions/2025-07-21/email.txt");
    assert!(text.contains("Daily edition: <b>Bold</b> day"), "{text}");
    assert!(
        !text.contains("alert(1)") && !text.contains("javascript:"),
        "{text}"
    );
}
