//! The site's public address, and the addresses of its pages.

use std::fmt;

use serde::{Deserialize, Deserializer};

/// The site's public address, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    full: String,
    path_start: usize,
}

impl BaseUrl {
    /// Parses an absolute `http(s)://host[:port]/path/` address, in the
    /// `url` crate's normal form (a non-ASCII host in punycode, the path
    /// percent-encoded).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.contains(char::is_whitespace) {
            return Err(format!("`{raw}` contains spaces"));
        }
        let rest = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
            .ok_or_else(|| format!("`{raw}` is not an absolute http(s) address"))?;
        if rest.starts_with(['/', '?', '#']) || rest.is_empty() {
            return Err(format!(
                "`{raw}` needs a host name and no query or fragment"
            ));
        }
        let url = ::url::Url::parse(raw).map_err(|e| format!("`{raw}` is not an address: {e}"))?;
        if url.host_str().is_none_or(str::is_empty)
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(format!(
                "`{raw}` needs a host name and no query or fragment"
            ));
        }
        let mut full = url.as_str().to_owned();
        if !full.ends_with('/') {
            full.push('/');
        }
        let path_start = url[..::url::Position::BeforePath].len();
        Ok(BaseUrl { full, path_start })
    }

    /// The whole address, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// The path part, starting and ending in `/` (`/` for a site at the root).
    pub fn path(&self) -> &str {
        &self.full[self.path_start..]
    }

    /// The absolute address of `rel`, a path relative to the site root,
    /// percent-encoded (a non-ASCII slug gives an ASCII address).
    pub fn permalink(&self, rel: &str) -> String {
        format!("{}{}", self.full, encode_path(rel.trim_start_matches('/')))
    }

    /// The root-relative address of `rel` (with the base path in front),
    /// percent-encoded.
    pub fn url(&self, rel: &str) -> String {
        format!(
            "{}{}",
            self.path(),
            encode_path(rel.trim_start_matches('/'))
        )
    }
}

/// What a site path may not carry as it is in an address: the characters
/// the URL standard encodes in a path, and every non-ASCII byte. `%` is
/// kept, so an address that is already encoded stays as it is.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

fn encode_path(rel: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::utf8_percent_encode(rel, PATH).into()
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        BaseUrl::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_sub_path() {
        let b = BaseUrl::parse("https://example.org/digest").unwrap();
        assert_eq!(b.as_str(), "https://example.org/digest/");
        assert_eq!(b.path(), "/digest/");
        assert_eq!(b.url("articles/a/"), "/digest/articles/a/");
        assert_eq!(
            b.permalink("/atom.xml"),
            "https://example.org/digest/atom.xml"
        );
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://e.org/?q").is_err());
    }

    #[test]
    fn addresses_are_percent_encoded() {
        let b = BaseUrl::parse("https://exämple.org/dïgest").unwrap();
        assert_eq!(b.as_str(), "https://xn--exmple-cua.org/d%C3%AFgest/");
        assert_eq!(b.path(), "/d%C3%AFgest/");
        assert_eq!(
            b.permalink("articles/zürich straße/"),
            "https://xn--exmple-cua.org/d%C3%AFgest/articles/z%C3%BCrich%20stra%C3%9Fe/"
        );
        assert_eq!(b.url("a%20b/"), "/d%C3%AFgest/a%20b/", "not encoded twice");
    }
}
