//! `import --fetch`: downloading pages and feeds, politely.
//!
//! One `ureq` agent (rustls) with a timeout, a size cap, at most
//! [`MAX_REDIRECTS`] redirects and a User-Agent that says who we are.
//! Responses that carry an `ETag` or `Last-Modified` are cached under
//! `.broadsheet/fetch/`, and the next fetch of the same URL asks
//! conditionally (`If-None-Match`, `If-Modified-Since`): a `304 Not
//! Modified` costs the server nothing and gives the cached copy back.
//! Nothing here runs without `--fetch`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;

use crate::build::CACHE_DIR;
use crate::fs;
use crate::import::analyse::sha256_hex;

/// The largest response read, in bytes.
pub(crate) const MAX_BYTES: u64 = 16 * 1024 * 1024;
/// Redirects followed before giving up.
pub(crate) const MAX_REDIRECTS: u32 = 5;
/// How long one download may take, from connecting to the last byte.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(30);

/// The User-Agent sent with every request.
pub(crate) fn user_agent() -> String {
    format!(
        "Broadsheet/{} (news digest importer; fetches only what an editor asked for)",
        env!("CARGO_PKG_VERSION")
    )
}

/// A response's body and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fetched {
    /// The address after redirects.
    pub url: String,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// True when the server said `304 Not Modified` and `body` is the cached copy.
    pub not_modified: bool,
}

/// What is remembered of a URL's last response.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct CacheEntry {
    url: String,
    final_url: String,
    #[serde(default)]
    etag: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
}

/// Downloads URLs for one import.
pub(crate) struct Fetcher {
    agent: ureq::Agent,
    cache: PathBuf,
}

impl Fetcher {
    /// A fetcher caching under the site at `root`.
    pub(crate) fn new(root: &Path) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .timeout_connect(Some(Duration::from_secs(10)))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(user_agent())
            .http_status_as_error(false)
            .build();
        Fetcher {
            agent: config.new_agent(),
            cache: root.join(CACHE_DIR).join("fetch"),
        }
    }

    /// Downloads `url`, conditionally when a copy is cached. The error says
    /// what went wrong in words for the editor.
    pub(crate) fn get(&self, url: &str) -> Result<Fetched, String> {
        let key = sha256_hex(url.as_bytes());
        let meta_path = self.cache.join(format!("{key}.json"));
        let body_path = self.cache.join(format!("{key}.body"));
        let cached: Option<CacheEntry> = fs::read(&meta_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .filter(|_| body_path.is_file());
        let mut request = self.agent.get(url);
        if let Some(c) = &cached {
            if let Some(etag) = &c.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &c.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
        }
        let mut response = request.call().map_err(|e| describe(&e))?;
        let status = response.status().as_u16();
        let final_url = response.get_uri().to_string();
        if status == 304
            && let Some(c) = cached
        {
            let body = fs::read(&body_path).map_err(|e| e.to_string())?;
            return Ok(Fetched {
                url: c.final_url,
                body,
                not_modified: true,
            });
        }
        if !(200..300).contains(&status) {
            let reason = response.status().canonical_reason().unwrap_or("");
            return Err(format!(
                "the server answered {status} {reason}; check the address"
            ));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let entry = CacheEntry {
            url: url.to_owned(),
            final_url: final_url.clone(),
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(MAX_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|e| format!("the download failed: {e}"))?;
        if body.len() as u64 > MAX_BYTES {
            return Err(format!(
                "the response is over {} MB; nothing over that is imported",
                MAX_BYTES / (1024 * 1024)
            ));
        }
        if entry.etag.is_some() || entry.last_modified.is_some() {
            let json = serde_json::to_vec(&entry).map_err(|e| e.to_string())?;
            fs::write(&body_path, &body)
                .and_then(|()| fs::write(&meta_path, &json))
                .map_err(|e| e.to_string())?;
        }
        Ok(Fetched {
            url: final_url,
            body,
            not_modified: false,
        })
    }
}

fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => {
            format!("no answer within {} s; try again later", TIMEOUT.as_secs())
        }
        ureq::Error::HostNotFound => "the host was not found; check the address".to_owned(),
        ureq::Error::TooManyRedirects => {
            format!(
                "more than {MAX_REDIRECTS} redirects; open the address in a browser to see where it leads"
            )
        }
        ureq::Error::ConnectionFailed | ureq::Error::Io(_) => {
            format!("cannot connect: {e}; check the address and the network")
        }
        other => format!("the download failed: {other}"),
    }
}
