//! A small HTTP/1.1 server for previews: one thread per connection, GET and
//! HEAD, single byte ranges, and `Connection: close` after each response.
//!
//! It is meant for 127.0.0.1 and one editor's browser, not for the internet;
//! requests are still parsed defensively (size limits, timeouts).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// The longest request head accepted.
const MAX_HEAD: usize = 16 * 1024;

/// A parsed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    /// `GET`, `HEAD`, …
    pub(crate) method: String,
    /// The path, percent-encoded, without the query string.
    pub(crate) path: String,
    /// The `Range` header, if any.
    pub(crate) range: Option<String>,
}

/// Reads one request head from `stream`.
pub(crate) fn read_request(stream: &TcpStream) -> io::Result<Request> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(MAX_HEAD as u64));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bad request line",
        ));
    };
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    let mut range = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("range")
        {
            range = Some(value.trim().to_owned());
        }
    }
    Ok(Request {
        method: method.to_owned(),
        path,
        range,
    })
}

/// A response to write.
#[derive(Debug)]
pub(crate) struct Response {
    /// Status code.
    pub(crate) status: u16,
    /// Content type.
    pub(crate) content_type: &'static str,
    /// Body.
    pub(crate) body: Vec<u8>,
    /// Extra headers.
    pub(crate) headers: Vec<(&'static str, String)>,
}

impl Response {
    /// A plain-text response.
    pub(crate) fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
        }
    }

    /// Applies a `Range: bytes=…` header: 206 with the range, or 416.
    pub(crate) fn with_range(mut self, range: Option<&str>) -> Response {
        let Some(range) = range else {
            return self;
        };
        let len = self.body.len();
        match parse_range(range, len) {
            Some((start, end)) => {
                self.status = 206;
                self.headers
                    .push(("Content-Range", format!("bytes {start}-{end}/{len}")));
                self.body = self.body[start..=end].to_vec();
                self
            }
            None => {
                let mut r = Response::text(416, "range not satisfiable\n");
                r.headers.push(("Content-Range", format!("bytes */{len}")));
                r
            }
        }
    }

    /// Writes the response; `head_only` omits the body (HEAD).
    pub(crate) fn write(&self, mut out: impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nAccept-Ranges: bytes\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// `bytes=a-b`, `bytes=a-` or `bytes=-n` → an inclusive range within `len`.
fn parse_range(header: &str, len: usize) -> Option<(usize, usize)> {
    let spec = header.strip_prefix("bytes=")?.trim();
    if spec.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: usize = n.parse().ok()?;
            (len.checked_sub(n.min(len))?, len - 1)
        }
        (a, "") => (a.parse().ok()?, len - 1),
        (a, b) => (a.parse().ok()?, b.parse::<usize>().ok()?.min(len - 1)),
    };
    (start <= end && start < len).then_some((start, end))
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-3", 10), Some((0, 3)));
        assert_eq!(parse_range("bytes=5-", 10), Some((5, 9)));
        assert_eq!(parse_range("bytes=-3", 10), Some((7, 9)));
        assert_eq!(parse_range("bytes=8-100", 10), Some((8, 9)));
        assert_eq!(parse_range("bytes=10-", 10), None);
        assert_eq!(parse_range("bytes=4-2", 10), None);
        assert_eq!(parse_range("bytes=0-1,4-5", 10), None);
        assert_eq!(parse_range("lines=1-2", 10), None);
    }

    #[test]
    fn a_range_response_has_206_and_content_range() {
        let r = Response::text(200, "0123456789").with_range(Some("bytes=2-4"));
        assert_eq!((r.status, r.body.as_slice()), (206, &b"234"[..]));
        let mut out = Vec::new();
        r.write(&mut out, true).unwrap();
        let head = String::from_utf8(out).unwrap();
        assert!(head.starts_with("HTTP/1.1 206 Partial Content\r\n"));
        assert!(head.contains("Content-Range: bytes 2-4/10\r\n") && head.ends_with("\r\n\r\n"));
    }
}
