//! The desk of `serve` (issue #16): its guard (Host, Origin, token), its
//! saves (conflicts, validation, content/ only) and what a save rebuilds.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::harness::TestSite;
use crate::served::{Reply, Served, request, send};

fn site() -> TestSite {
    let site = TestSite::new();
    site.articles(4);
    site.article(
        "tagged",
        "2025-07-01T08:00:00Z",
        "tags = [\"Harbour\"]\nsource = \"other.org\"\n# a note the desk keeps\nsummary = \"A tagged story.\"\n",
        "Body of the tagged story.\n",
    );
    // Two reports of one story, with the fingerprints import wrote.
    for (name, simhash) in [
        ("pier-a", "00ff00ff00ff00ff"),
        ("pier-b", "00ff00ff00ff00fe"),
    ] {
        site.article(
            name,
            "2025-06-30T08:00:00Z",
            &format!(
                "[import]\nfile = \"{name}.txt\"\nsha256 = \"{}\"\nsimhash = \"{simhash}\"\n",
                "0".repeat(64)
            ),
            "The pier reopens.\n",
        );
    }
    site
}

/// The session token, from the desk page.
fn token(served: &Served) -> String {
    let page = request(&served.addr, "GET", "/_desk/", "", "");
    assert_eq!(page.status, 200, "{}", page.body);
    let html = scraper::Html::parse_document(&page.body);
    let meta = scraper::Selector::parse("meta[name=desk-token]").unwrap();
    let element = html
        .select(&meta)
        .next()
        .expect("the page carries the token");
    element.value().attr("content").unwrap().to_owned()
}

/// A file of the site (not of its output).
fn source(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path(rel)).unwrap()
}

fn json_of(reply: &Reply) -> Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|e| panic!("{e}: {}", reply.body))
}

fn put(served: &Served, path: &str, token: &str, body: &Value) -> Reply {
    let headers = format!(
        "Content-Type: application/json\r\nX-Desk-Token: {token}\r\nOrigin: http://{}\r\nSec-Fetch-Site: same-origin\r\n",
        served.addr
    );
    request(&served.addr, "PUT", path, &headers, &body.to_string())
}

fn get_json(served: &Served, path: &str) -> Value {
    let reply = request(&served.addr, "GET", path, "", "");
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    json_of(&reply)
}

/// Polls until `check` holds, for at most twenty seconds.
fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_queue_lists_stories_newest_first_with_filters() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let all = get_json(&served, "/_desk/api/stories");
    let slugs: Vec<&str> = all["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["a-1", "a-2", "a-3", "a-4", "tagged", "pier-a", "pier-b"]
    );
    // The story editor offers import's near-duplicates.
    let story = get_json(&served, "/_desk/api/stories/pier-b");
    assert_eq!(story["candidates"].as_array().unwrap().len(), 1);
    assert_eq!(story["candidates"][0]["slug"], "pier-a");
    assert_eq!(
        get_json(&served, "/_desk/api/stories/a-1")["candidates"],
        json!([])
    );
    assert_eq!(all["tags"], json!(["all", "Harbour"]));
    let tagged = get_json(&served, "/_desk/api/stories?tag=harbour");
    assert_eq!(tagged["stories"].as_array().unwrap().len(), 1);
    assert_eq!(tagged["stories"][0]["summary"], "A tagged story.");
    let dated = get_json(&served, "/_desk/api/stories?from=2025-07-19&to=2025-07-20");
    assert_eq!(dated["stories"].as_array().unwrap().len(), 2);
    let text = get_json(&served, "/_desk/api/stories?q=TAGGED&source=other.org");
    assert_eq!(text["stories"][0]["slug"], "tagged");
}

#[test]
fn the_host_header_must_name_the_server() {
    let site = site();
    let served = Served::start(&site, &[], None);
    // A page on evil.example whose name now resolves to 127.0.0.1 (DNS rebinding).
    let port = served.addr.rsplit(':').next().unwrap();
    for host in [format!("evil.example:{port}"), "127.0.0.1".into()] {
        let raw =
            format!("GET /_desk/api/stories HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let reply = send(&served.addr, raw.as_bytes()).unwrap();
        assert_eq!(reply.status, 403, "{host}");
        assert!(json_of(&reply)["error"].as_str().unwrap().contains("Host"));
    }
    let local = format!(
        "GET /_desk/api/stories HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(send(&served.addr, local.as_bytes()).unwrap().status, 200);
}

#[test]
fn writes_need_the_token_and_the_same_origin() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let token = token(&served);
    let before = source(&site, "content/articles/tagged.md");
    let story = get_json(&served, "/_desk/api/stories/tagged");
    let mut save = story.clone();
    save["title"] = json!("Renamed");
    let body = save.to_string();
    let json = "Content-Type: application/json\r\n";
    // No token, a wrong one, and the right one from another origin.
    let attempts = [
        json.to_owned(),
        format!("{json}X-Desk-Token: {}\r\n", "0".repeat(64)),
        format!("{json}X-Desk-Token: {token}\r\nOrigin: http://evil.example\r\n"),
        format!("{json}X-Desk-Token: {token}\r\nSec-Fetch-Site: cross-site\r\n"),
    ];
    for headers in &attempts {
        let reply = request(
            &served.addr,
            "PUT",
            "/_desk/api/stories/tagged",
            headers,
            &body,
        );
        assert_eq!(reply.status, 403, "{headers}");
    }
    assert_eq!(
        source(&site, "content/articles/tagged.md"),
        before,
        "nothing written"
    );
    let reply = put(&served, "/_desk/api/stories/tagged", &token, &save);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        source(&site, "content/articles/tagged.md"),
        before.replace("title = \"tagged\"", "title = \"Renamed\""),
        "only the title changed, the comment and the body are kept"
    );
    wait_for("the rebuilt page", || {
        request(&served.addr, "GET", "/articles/tagged/", "", "")
            .body
            .contains("Renamed")
    });
}

#[test]
fn a_file_changed_on_disk_is_a_conflict_and_is_not_overwritten() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let token = token(&served);
    let story = get_json(&served, "/_desk/api/stories/a-2");
    // Someone edits the file in a text editor meanwhile.
    let external =
        source(&site, "content/articles/a-2.md").replace("Paragraph", "Edited paragraph");
    site.write("content/articles/a-2.md", &external);
    let mut save = story.clone();
    save["tags"] = json!(["all", "late"]);
    let reply = put(&served, "/_desk/api/stories/a-2", &token, &save);
    assert_eq!(reply.status, 409, "{}", reply.body);
    let answer = json_of(&reply);
    assert_eq!(answer["conflict"], true);
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("content/articles/a-2.md")
    );
    assert_eq!(source(&site, "content/articles/a-2.md"), external);
    // A new edition's file that appeared meanwhile is a conflict too.
    site.write(
        "content/editions/2025-07-21.md",
        "+++\narticles = [\"a-1\"]\n+++\n",
    );
    let edition = json!({"sha256": "", "title": "", "intro": "", "sections": [{"name": "", "articles": ["a-2"]}]});
    let reply = put(&served, "/_desk/api/editions/2025-07-21", &token, &edition);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(
        source(&site, "content/editions/2025-07-21.md"),
        "+++\narticles = [\"a-1\"]\n+++\n"
    );
}

#[test]
fn saves_stay_inside_content_and_are_validated() {
    let site = site();
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), site.path("content/editions")).unwrap();
    let served = Served::start(&site, &[], None);
    let token = token(&served);
    let edition = json!({"sha256": "", "title": "", "intro": "Hi.", "sections": [{"name": "", "articles": ["a-1"]}]});
    for bad in [
        "..%2F..%2Fconfig",
        "2025-07-21.md",
        "2025-13-01",
        "..",
        "%2Fetc%2Fpasswd",
    ] {
        let reply = put(
            &served,
            &format!("/_desk/api/editions/{bad}"),
            &token,
            &edition,
        );
        assert!(
            reply.status == 400 || reply.status == 404,
            "{bad}: {}",
            reply.status
        );
    }
    // content/editions leads out of content/: refused, nothing written there.
    let reply = put(&served, "/_desk/api/editions/2025-07-21", &token, &edition);
    assert_eq!(reply.status, 403, "{}", reply.body);
    assert!(
        json_of(&reply)["error"]
            .as_str()
            .unwrap()
            .contains("content/")
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    // What build would refuse is refused, with the problem named.
    let reply = put(
        &served,
        "/_desk/api/stories/a-1",
        &token,
        &json!({
            "sha256": get_json(&served, "/_desk/api/stories/a-1")["sha256"],
            "title": "", "tags": ["all"], "duplicate_of": "no-such-story"
        }),
    );
    assert_eq!(reply.status, 422, "{}", reply.body);
    let problems = json_of(&reply)["problems"].to_string();
    assert!(
        problems.contains("no-such-story") && problems.contains("content/articles/a-1.md"),
        "{problems}"
    );
}

#[test]
fn an_edition_made_at_the_desk_is_built() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let token = token(&served);
    let empty = get_json(&served, "/_desk/api/editions/2025-07-21");
    assert_eq!(empty["exists"], false);
    let edition = json!({
        "sha256": "", "title": "Monday picks", "intro": "Three stories.",
        "sections": [{"name": "", "articles": ["a-3", "a-1", "tagged"]}]
    });
    let reply = put(&served, "/_desk/api/editions/2025-07-21", &token, &edition);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let file = source(&site, "content/editions/2025-07-21.md");
    assert_eq!(
        file,
        "+++\ntitle = \"Monday picks\"\narticles = [\"a-3\", \"a-1\", \"tagged\"]\n+++\nThree stories.\n"
    );
    let loaded = get_json(&served, "/_desk/api/editions/2025-07-21");
    assert_eq!(
        loaded["sections"][0]["articles"],
        json!(["a-3", "a-1", "tagged"])
    );
    wait_for("the edition page", || {
        let page = request(&served.addr, "GET", "/editions/2025-07-21/", "", "");
        page.status == 200 && page.body.contains("Monday picks")
    });
    let page = request(&served.addr, "GET", "/editions/2025-07-21/", "", "");
    let html = scraper::Html::parse_document(&page.body);
    let links = scraper::Selector::parse(".edition-section a[href^=\"/articles/\"]").unwrap();
    let mut order: Vec<&str> = html
        .select(&links)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    order.dedup();
    assert_eq!(
        order,
        ["/articles/a-3/", "/articles/a-1/", "/articles/tagged/"]
    );
    // The queue now says which stories are in an edition.
    wait_for("the queue to know", || {
        get_json(&served, "/_desk/api/stories?q=tagged")["stories"][0]["editions"]
            == json!(["2025-07-21"])
    });
    // An unknown story is refused, and the file is left as it was.
    let mut bad = edition.clone();
    bad["sha256"] = loaded["sha256"].clone();
    bad["sections"][0]["articles"] = json!(["a-3", "missing"]);
    let reply = put(&served, "/_desk/api/editions/2025-07-21", &token, &bad);
    assert_eq!(reply.status, 422);
    assert!(
        json_of(&reply)["problems"]
            .to_string()
            .contains("`missing`")
    );
    assert_eq!(source(&site, "content/editions/2025-07-21.md"), file);
}

#[test]
fn the_desk_is_never_in_a_build() {
    let site = site();
    let served = Served::start(&site, &[], None);
    assert_eq!(request(&served.addr, "GET", "/_desk/", "", "").status, 200);
    drop(served);
    site.build_ok();
    let public = site.path("public");
    let mentions: Vec<_> = walkdir::WalkDir::new(&public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path().to_string_lossy().contains("_desk")
                || std::fs::read(e.path())
                    .unwrap()
                    .windows(6)
                    .any(|w| w == b"_desk/")
        })
        .map(|e| e.path().to_owned())
        .collect();
    assert!(public.join("index.html").is_file());
    assert_eq!(mentions, Vec::<std::path::PathBuf>::new());
}

#[test]
fn no_desk_turns_it_off() {
    let site = site();
    let served = Served::start(&site, &["--no-desk"], None);
    assert_eq!(
        request(&served.addr, "GET", "/_desk/api/stories", "", "").status,
        404
    );
    assert_eq!(request(&served.addr, "GET", "/", "", "").status, 200);
}

#[test]
fn off_loopback_the_desk_needs_desk_and_warns() {
    let site = site();
    let served = Served::start(&site, &["--interface", "0.0.0.0"], None);
    assert!(
        served.started.iter().any(|l| l.contains("The desk is off")),
        "{:?}",
        served.started
    );
    assert_eq!(request(&served.addr, "GET", "/_desk/", "", "").status, 404);
    drop(served);
    let served = Served::start(&site, &["--interface", "0.0.0.0", "--desk"], None);
    assert!(
        served
            .started
            .iter()
            .any(|l| l.starts_with("warning: the desk is on")),
        "{:?}",
        served.started
    );
    assert_eq!(
        request(&served.addr, "GET", "/_desk/api/stories", "", "").status,
        200
    );
}
