//! `serve`'s HTTP server under abuse: descriptor exhaustion, ranges on
//! missing pages, oversized request heads (issue #20).

use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::TestSite;
use crate::served::{Served, request, send, skipped};

fn site() -> TestSite {
    let site = TestSite::new();
    site.articles(2).write("static/data.txt", "0123456789");
    site
}

/// The soft limit on open files of this process, read from /proc.
fn open_files_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

#[test]
fn many_idle_connections_under_1024_descriptors_do_not_stop_it() {
    const IDLE: usize = 1100;
    // The test itself holds the idle connections: it needs more than 1,024
    // descriptors (the server gets exactly 1,024).
    if open_files_limit().is_some_and(|n| n < 2048) {
        let _ = Command::new("prlimit")
            .arg(format!("--pid={}", std::process::id()))
            .arg("--nofile=4096:")
            .status();
    }
    if open_files_limit().is_none_or(|n| n < 2048) {
        skipped("this process cannot open 1,100 connections (ulimit -n, prlimit)");
        return;
    }
    let site = site();
    let served = Served::start(&site, &[], Some(1024));
    let addr: std::net::SocketAddr = served.addr.parse().unwrap();
    // Idle connections that never send a byte; those the listen queue
    // cannot take fail, which is fine.
    let idle: Vec<TcpStream> = (0..IDLE)
        .filter_map(|_| TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok())
        .collect();
    assert!(idle.len() > 1024, "opened {} idle connections", idle.len());
    // A normal request is answered after a bounded number of attempts.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut attempts = 0;
    let reply = loop {
        attempts += 1;
        match send(
            &served.addr,
            format!("GET /data.txt HTTP/1.1\r\nHost: {}\r\n\r\n", served.addr).as_bytes(),
        ) {
            Ok(reply) => break reply,
            Err(_) if attempts < 40 && Instant::now() < deadline => continue,
            Err(e) => panic!("no answer after {attempts} attempts: {e}"),
        }
    };
    assert_eq!((reply.status, reply.body.as_str()), (200, "0123456789"));
    drop(idle);
    // And the server keeps working afterwards.
    let reply = request(&served.addr, "GET", "/", "", "");
    assert_eq!(reply.status, 200);
}

#[test]
fn a_range_on_a_missing_page_is_a_whole_404() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let missing = request(&served.addr, "GET", "/no/such/", "Range: bytes=0-9\r\n", "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("Content-Range"), None);
    let page = scraper::Html::parse_document(&missing.body);
    let title = scraper::Selector::parse("h1").unwrap();
    let title = page.select(&title).next().expect("the whole 404 page");
    assert!(title.text().collect::<String>().contains("Page not found"));
    let found = request(&served.addr, "GET", "/data.txt", "Range: bytes=2-4\r\n", "");
    assert_eq!((found.status, found.body.as_str()), (206, "234"));
    assert_eq!(found.header("Content-Range"), Some("bytes 2-4/10"));
}

#[test]
fn oversized_request_lines_and_headers_get_414_and_431() {
    let site = site();
    let served = Served::start(&site, &[], None);
    let long_path = format!("/{}", "a".repeat(20 * 1024));
    let reply = request(&served.addr, "GET", &long_path, "", "");
    assert_eq!(reply.status, 414);
    let big_header = format!("X-Filler: {}\r\n", "b".repeat(32 * 1024));
    let reply = request(&served.addr, "GET", "/", &big_header, "");
    assert_eq!(reply.status, 431);
    let many_headers: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let reply = request(&served.addr, "GET", "/", &many_headers, "");
    assert_eq!(reply.status, 431);
    assert_eq!(request(&served.addr, "GET", "/", "", "").status, 200);
}
