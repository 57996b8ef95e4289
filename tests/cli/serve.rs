//! `serve`: a real server on a free port, real edits, bounded waits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::harness::TestSite;

/// A running `broadsheet serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    /// The server's output, line by line.
    log: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    let root = site.root().display().to_string();
    start_in(site.root(), &["--root", &root])
}

/// Starts `serve` in folder `cwd` with `args` (after `--port 0`), and waits for its address.
fn start_in(cwd: &std::path::Path, args: &[&str]) -> Server {
    let mut server = spawn(cwd, &[&["--port", "0"], args].concat());
    let deadline = Instant::now() + Duration::from_secs(30);
    while server.addr.is_empty() {
        let line = server
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve prints its address");
        if let Some(url) = line.strip_prefix("Serving http://") {
            server.addr = url.split('/').next().unwrap().to_owned();
        }
    }
    server
}

/// Starts `broadsheet serve ARGS` in `cwd`, without waiting for anything.
fn spawn(cwd: &std::path::Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .arg("serve")
        .args(args)
        .current_dir(cwd)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, log) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Server {
        child,
        addr: String::new(),
        log,
    }
}

/// `GET path` (or another request line) → (status, headers, body).
fn request(addr: &str, method: &str, path: &str, headers: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_owned(), body.to_owned())
}

fn get(addr: &str, path: &str) -> (u16, String) {
    let (status, _, body) = request(addr, "GET", path, "");
    (status, body)
}

/// Polls until `check` holds, for at most ten seconds.
fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn serves_rebuilds_reloads_and_shows_errors() {
    let site =
        TestSite::with_config("title = \"Served\"\nbase_url = \"https://example.org/digest/\"\n");
    site.articles(3).write("static/data.txt", "0123456789");
    let server = start(&site);
    let addr = server.addr.clone();

    // Pages, with local links and the reload script.
    let (status, home) = get(&addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("href=\"/articles/a-1/\""),
        "base_url is replaced by the local address"
    );
    assert!(home.contains("/__broadsheet/events"));
    let (status, article) = get(&addr, "/articles/a-2/");
    assert_eq!(status, 200);
    assert!(article.contains("Paragraph of article 2."));
    // Missing pages get the site's 404 page with status 404; nothing leaves the folder.
    let (status, missing) = get(&addr, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"));
    for attempt in [
        "/../config.toml",
        "/%2e%2e/config.toml",
        "/articles/%2E%2E/%2E%2E/config.toml",
    ] {
        let (status, body) = get(&addr, attempt);
        assert!(status == 404 || status == 403, "{attempt}: {status}");
        assert!(!body.contains("base_url"), "{attempt}");
    }
    // HEAD and ranges.
    let (status, head, body) = request(&addr, "HEAD", "/data.txt", "");
    assert_eq!((status, body.as_str()), (200, ""));
    assert!(head.contains("Content-Length: 10") && head.contains("text/plain"));
    let (status, head, body) = request(&addr, "GET", "/data.txt", "Range: bytes=2-5\r\n");
    assert_eq!((status, body.as_str()), (206, "2345"));
    assert!(head.contains("Content-Range: bytes 2-5/10"));

    // An open page hears about rebuilds that change it (its stream is named
    // after its address, as the injected script does).
    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__broadsheet/events/articles/a-2/ HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        events.read_line(&mut line).unwrap();
    }

    // Editing an article serves the new text and sends a reload.
    site.article(
        "a-2",
        "2025-07-20T23:00:00Z",
        "tags = [\"all\"]\nsource = \"example.com\"\n",
        "Edited while serving.\n",
    );
    wait_for("the edit to be served", || {
        get(&addr, "/articles/a-2/")
            .1
            .contains("Edited while serving.")
    });
    loop {
        line.clear();
        events.read_line(&mut line).unwrap();
        if line.starts_with("event: reload") {
            break;
        }
    }

    // A broken file keeps the last good page and shows the error over it.
    site.write(
        "content/articles/a-2.md",
        "+++\ntitle = \"Broken\ndate = 2025-07-20\n+++\n",
    );
    wait_for("the error overlay", || {
        let page = get(&addr, "/articles/a-2/").1;
        page.contains("broadsheet-error") && page.contains("content/articles/a-2.md:2:")
    });
    let (status, page) = get(&addr, "/articles/a-2/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Edited while serving."),
        "the last good page is still served"
    );
    assert!(
        page.contains("content/articles/a-2.md:2:"),
        "the overlay names the file and line"
    );
    // Fixing it clears the overlay.
    site.article("a-2", "2025-07-20T23:00:00Z", "", "Fixed.\n");
    wait_for("the fix", || {
        let page = get(&addr, "/articles/a-2/").1;
        page.contains("Fixed.") && !page.contains("broadsheet-error")
    });
}

#[test]
fn a_relative_root_rebuilds_on_save() {
    let site = TestSite::new();
    site.articles(2);
    for (i, root) in [".", "./content/.."].into_iter().enumerate() {
        let server = start_in(site.root(), &["--root", root]);
        let text = format!("Saved under relative root number {i}.");
        site.article("a-1", "2025-07-21T23:00:00Z", "", &format!("{text}\n"));
        wait_for("the save to be served", || {
            get(&server.addr, "/articles/a-1/").1.contains(&text)
        });
    }
}

#[test]
fn a_site_that_never_built_serves_its_problems_until_fixed() {
    let site = TestSite::new();
    site.write(
        "content/articles/broken.md",
        "+++\ntitle = \"Broken\ndate = 2025-07-20\n+++\n",
    );
    let server = start(&site);
    let (status, page) = get(&server.addr, "/");
    assert_eq!(status, 503);
    let doc = scraper::Html::parse_document(&page);
    let alert = crate::harness::texts(&doc, "#broadsheet-error").concat();
    assert!(alert.contains("content/articles/broken.md:2:"), "{alert}");
    assert!(
        page.contains("/__broadsheet/events"),
        "it reloads when fixed"
    );
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(
        !log.iter().any(|l| l.contains("last good version")),
        "no good version exists: {log:?}"
    );
    site.article("broken", "2025-07-20T10:00:00Z", "", "Fixed.\n");
    wait_for("the fixed site", || {
        get(&server.addr, "/articles/broken/").0 == 200
    });
}

#[test]
fn quiet_serve_prints_only_problems() {
    let site = TestSite::new();
    site.articles(1);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let root = site.root().display().to_string();
    let mut server = spawn(
        site.root(),
        &["-q", "--port", &port.to_string(), "--root", &root],
    );
    server.addr = format!("127.0.0.1:{port}");
    // No address is printed: poll the port (for as long as `start` waits).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(TcpStream::connect(&server.addr).is_ok() && get(&server.addr, "/").0 == 200) {
        assert!(Instant::now() < deadline, "timed out waiting for the site");
        std::thread::sleep(Duration::from_millis(25));
    }
    site.article("a-1", "2025-07-21T23:00:00Z", "", "Quietly edited.\n");
    wait_for("the edit", || {
        get(&server.addr, "/articles/a-1/")
            .1
            .contains("Quietly edited.")
    });
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(log.is_empty(), "{log:?}");
}

#[test]
fn serve_previews_an_edition_s_email_with_live_reload() {
    let site = TestSite::new();
    site.articles(2);
    let server = start(&site);
    let addr = server.addr.clone();
    let page = "/editions/2025-07-21/email.html";
    let (status, email) = get(&addr, page);
    assert_eq!(status, 200);
    assert!(email.contains("/__broadsheet/events"), "the reload script");
    assert!(email.contains("Paragraph of article 1."));
    assert!(
        email.contains(&format!("href=\"http://{addr}/articles/a-1/?utm_")),
        "links go to the preview"
    );

    let mut events = TcpStream::connect(&addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        events,
        "GET /__broadsheet/events{page} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    while !line.starts_with("retry:") {
        line.clear();
        events.read_line(&mut line).unwrap();
    }
    site.article(
        "a-1",
        "2025-07-21T23:00:00Z",
        "tags = [\"all\"]\nsource = \"example.com\"\n",
        "A new summary for the email.\n",
    );
    wait_for("the edit in the email", || {
        get(&addr, page).1.contains("A new summary for the email.")
    });
    loop {
        line.clear();
        events.read_line(&mut line).unwrap();
        if line.starts_with("event: reload") {
            break;
        }
    }
}
