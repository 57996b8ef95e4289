//! A running `broadsheet serve` for tests, and a plain HTTP/1.1 client that
//! can send what a browser would not (any `Host`, `Origin`, huge heads).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::harness::TestSite;

/// A running `broadsheet serve`, stopped when dropped.
pub struct Served {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// What the server printed before it served.
    pub started: Vec<String>,
    /// The server's later output, line by line.
    pub log: Receiver<String>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// `broadsheet serve --port 0 --root SITE ARGS…`, under `ulimit -n FDS` when given.
    pub fn start(site: &TestSite, args: &[&str], fds: Option<u32>) -> Served {
        let bin = env!("CARGO_BIN_EXE_broadsheet");
        let mut command = match fds {
            Some(n) => {
                let mut c = Command::new("sh");
                c.args(["-c", &format!("ulimit -n {n} && exec \"$0\" \"$@\""), bin]);
                c
            }
            None => Command::new(bin),
        };
        let mut child = command
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(args)
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
        let mut served = Served {
            child,
            addr: String::new(),
            started: Vec::new(),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while served.addr.is_empty() {
            let line = served
                .log
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("serve prints its address");
            if let Some(url) = line.strip_prefix("Serving http://") {
                served.addr = url.split('/').next().unwrap().to_owned();
            }
            served.started.push(line);
        }
        served
    }
}

/// A response: status, head (status line and headers) and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Reply {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Sends `raw` bytes as one request and reads the whole reply.
pub fn send(addr: &str, raw: &[u8]) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect_timeout(&addr.parse().unwrap(), Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(raw)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("not an HTTP reply: {head:?}")))?;
    Ok(Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}

/// `METHOD path` with `Host: addr`, extra header lines (each ending in
/// `\r\n`) and a body.
pub fn request(addr: &str, method: &str, path: &str, headers: &str, body: &str) -> Reply {
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n{body}",
        body.len()
    );
    send(addr, raw.as_bytes()).unwrap()
}

/// Says on stderr why a test did not run (the harness shows it).
#[allow(clippy::print_stderr)]
pub fn skipped(why: &str) {
    eprintln!("skipped: {why}");
}
