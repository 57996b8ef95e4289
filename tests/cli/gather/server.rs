//! A real HTTP/1.1 server on 127.0.0.1 for the `--fetch` tests: a thread
//! that accepts connections, reads each request, answers from a fixed set
//! of routes and records what it was sent. It honours `If-None-Match` and
//! `If-Modified-Since` as a web server does (`304 Not Modified`).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    /// Header names in lower case.
    pub headers: BTreeMap<String, String>,
}

/// What a route answers.
#[derive(Debug, Clone)]
pub enum Route {
    /// A body with validators: 304 when the request's match.
    Cached {
        content_type: &'static str,
        body: String,
        etag: &'static str,
        last_modified: &'static str,
    },
    /// A redirect to another path.
    Redirect(&'static str),
}

pub struct Server {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn start(routes: Vec<(&'static str, Route)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let routes: BTreeMap<&'static str, Route> = routes.into_iter().collect();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if let Some(req) = read_request(&stream) {
                    respond(&stream, &req, &routes);
                    log.lock().unwrap().push(req);
                }
            }
        });
        Server { base, seen }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(stream: &TcpStream) -> Option<Seen> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
    }
    Some(Seen { path, headers })
}

fn respond(mut stream: &TcpStream, req: &Seen, routes: &BTreeMap<&'static str, Route>) {
    let reply = match routes.get(req.path.as_str()) {
        None => {
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
        }
        Some(Route::Redirect(to)) => format!(
            "HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
        Some(Route::Cached {
            content_type,
            body,
            etag,
            last_modified,
        }) => {
            let etag_matches = req.headers.get("if-none-match").is_some_and(|v| v == etag);
            let date_matches = !req.headers.contains_key("if-none-match")
                && req
                    .headers
                    .get("if-modified-since")
                    .is_some_and(|v| v == last_modified);
            if etag_matches || date_matches {
                format!("HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n")
            } else {
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nETag: {etag}\r\n\
                     Last-Modified: {last_modified}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                )
            }
        }
    };
    let _ = stream.write_all(reply.as_bytes());
    let _ = stream.flush();
}
