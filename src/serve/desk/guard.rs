//! Who may use the desk: requests addressed to the served address (no DNS
//! rebinding), from the desk's own origin, and for writes, carrying the
//! session's token.

use axum::http::{HeaderMap, Method};

/// The header that carries the session token on writes.
pub(crate) const TOKEN_HEADER: &str = "x-desk-token";

/// What a request must match.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    /// `Host` values that name the served address.
    hosts: Vec<String>,
    /// The session's secret.
    token: String,
}

impl Guard {
    /// A guard for a server at `addr` (`127.0.0.1:1111`), with `token`.
    pub(crate) fn new(addr: std::net::SocketAddr, token: String) -> Guard {
        let mut hosts = vec![addr.to_string()];
        if addr.ip().is_loopback() {
            hosts.push(format!("localhost:{}", addr.port()));
        }
        Guard { hosts, token }
    }

    /// The session's token, for the desk page.
    pub(crate) fn token(&self) -> &str {
        &self.token
    }

    /// `Err(why)` when the request must be refused (403).
    pub(crate) fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), &'static str> {
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let host = value("host").ok_or("the request has no Host header: open the desk at the address `broadsheet serve` printed")?;
        if !self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return Err(
                "the Host header does not name this server: open the desk at the address `broadsheet serve` printed",
            );
        }
        if let Some(origin) = value("origin")
            && !origin.eq_ignore_ascii_case(&format!("http://{host}"))
        {
            return Err("cross-origin requests are refused: use the desk page itself");
        }
        if let Some(site) = value("sec-fetch-site")
            && site != "same-origin"
            && site != "none"
        {
            return Err("cross-origin requests are refused: use the desk page itself");
        }
        let writes = !matches!(*method, Method::GET | Method::HEAD);
        if writes && value(TOKEN_HEADER).is_none_or(|t| !same(t.as_bytes(), self.token.as_bytes()))
        {
            return Err(
                "a write needs the desk's session token: reload the desk page (a restarted serve has a new token)",
            );
        }
        Ok(())
    }
}

/// Compares in time that does not depend on where the inputs differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh random token: 32 bytes from the system's generator, in hex.
pub(crate) fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make a session token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn checks_host_origin_and_token() {
        let guard = Guard::new("127.0.0.1:4000".parse().unwrap(), "t0k".into());
        let get = Method::GET;
        let put = Method::PUT;
        assert!(
            guard
                .check(&get, &headers(&[("host", "127.0.0.1:4000")]))
                .is_ok()
        );
        assert!(
            guard
                .check(&get, &headers(&[("host", "localhost:4000")]))
                .is_ok()
        );
        assert!(
            guard
                .check(&get, &headers(&[("host", "evil.example:4000")]))
                .is_err()
        );
        assert!(guard.check(&get, &headers(&[])).is_err());
        let cross = [
            ("host", "127.0.0.1:4000"),
            ("origin", "http://evil.example"),
        ];
        assert!(guard.check(&get, &headers(&cross)).is_err());
        let site = [("host", "127.0.0.1:4000"), ("sec-fetch-site", "cross-site")];
        assert!(guard.check(&get, &headers(&site)).is_err());
        let own = [
            ("host", "127.0.0.1:4000"),
            ("origin", "http://127.0.0.1:4000"),
        ];
        assert!(guard.check(&put, &headers(&own)).is_err(), "no token");
        let bad = [("host", "127.0.0.1:4000"), ("x-desk-token", "nope")];
        assert!(guard.check(&put, &headers(&bad)).is_err());
        let good = [("host", "127.0.0.1:4000"), ("x-desk-token", "t0k")];
        assert!(guard.check(&put, &headers(&good)).is_ok());
        assert_ne!(new_token().unwrap(), new_token().unwrap());
        assert_eq!(new_token().unwrap().len(), 64);
    }
}
