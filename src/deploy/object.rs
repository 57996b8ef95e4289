//! How one file is stored in a bucket: its `Content-Type`, `Cache-Control`
//! and, for text, an optional precompression with its `Content-Encoding`.

use std::io::Write;

use globset::{GlobBuilder, GlobMatcher};

use crate::config::deploy::{CacheRule, Compression};
use crate::error::{Error, Result};

/// Rules applied after the target's own: short for pages and feeds, which
/// change with every new article; a year for the stylesheet and scripts,
/// whose addresses carry a content hash (`style.css?h=…`); a day otherwise.
const DEFAULT_RULES: &[(&str, &str)] = &[
    (
        "{**/*.html,**/*.xml,**/*.json,**/*.txt,_headers,_redirects}",
        "public, max-age=300",
    ),
    ("**/*.{css,js}", "public, max-age=31536000, immutable"),
    ("**", "public, max-age=86400"),
];

/// The headers and body of one stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Object {
    /// `Content-Type`.
    pub content_type: String,
    /// `Cache-Control`.
    pub cache_control: String,
    /// `Content-Encoding`, when the body is compressed.
    pub content_encoding: Option<&'static str>,
    /// What is sent.
    pub body: Vec<u8>,
}

/// The target's rules for making objects from files.
pub(crate) struct ObjectRules {
    cache: Vec<(GlobMatcher, String)>,
    compress: Option<Compression>,
}

impl ObjectRules {
    /// Compiles the target's `cache_control` rules (checked with the config).
    pub(crate) fn new(rules: &[CacheRule], compress: Option<Compression>) -> Result<ObjectRules> {
        let user = rules.iter().map(|r| (r.pattern.as_str(), r.value.as_str()));
        let cache = user
            .chain(DEFAULT_RULES.iter().copied())
            .map(|(pattern, value)| {
                let glob = GlobBuilder::new(pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| {
                        Error::Invalid(format!("cache_control pattern `{pattern}`: {e}"))
                    })?;
                Ok((glob.compile_matcher(), value.to_owned()))
            })
            .collect::<Result<_>>()?;
        Ok(ObjectRules { cache, compress })
    }

    /// The `Cache-Control` of `path`: the first rule that matches.
    pub(crate) fn cache_control(&self, path: &str) -> &str {
        self.cache
            .iter()
            .find(|(glob, _)| glob.is_match(path))
            .map_or("public, max-age=86400", |(_, value)| value)
    }

    /// The object stored for `path` with these bytes.
    pub(crate) fn object(&self, path: &str, bytes: Vec<u8>) -> Object {
        let content_type = content_type(path);
        let (content_encoding, body) = match self.compress {
            Some(c) if is_text(&content_type) => compress(c, &bytes),
            _ => (None, bytes),
        };
        Object {
            cache_control: self.cache_control(path).to_owned(),
            content_type,
            content_encoding,
            body,
        }
    }
}

/// The `Content-Type` of `path`, by its extension; text types say UTF-8,
/// which is what Broadsheet writes.
pub(crate) fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let name = mime.essence_str();
    if is_text(name) && name != "image/svg+xml" {
        format!("{name}; charset=utf-8")
    } else {
        name.to_owned()
    }
}

/// True for types worth compressing.
fn is_text(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default();
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/json"
                | "application/xml"
                | "application/javascript"
                | "application/atom+xml"
                | "application/rss+xml"
                | "application/feed+json"
                | "application/manifest+json"
                | "image/svg+xml"
        )
}

fn compress(c: Compression, bytes: &[u8]) -> (Option<&'static str>, Vec<u8>) {
    match c {
        Compression::Gzip => {
            // The header's time is left at 0, so equal files compress equally.
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(bytes).expect("writing to memory");
            (Some("gzip"), enc.finish().expect("writing to memory"))
        }
        Compression::Br => {
            let mut out = Vec::new();
            {
                let mut enc = brotli::CompressorWriter::new(&mut out, 64 * 1024, 9, 22);
                enc.write_all(bytes).expect("writing to memory");
            }
            (Some("br"), out)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("_redirects"), "application/octet-stream");
    }

    #[test]
    fn first_matching_cache_rule_wins() {
        let rules = ObjectRules::new(
            &[CacheRule {
                pattern: "static/**".into(),
                value: "max-age=1".into(),
            }],
            None,
        )
        .unwrap();
        assert_eq!(rules.cache_control("static/a.html"), "max-age=1");
        assert_eq!(rules.cache_control("index.html"), "public, max-age=300");
        assert_eq!(
            rules.cache_control("articles/x/index.html"),
            "public, max-age=300"
        );
        assert_eq!(
            rules.cache_control("style.css"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(rules.cache_control("img/a.png"), "public, max-age=86400");
    }

    #[test]
    fn text_is_compressed_and_decompresses_to_the_file() {
        let rules = ObjectRules::new(&[], Some(Compression::Gzip)).unwrap();
        let text = b"<p>hello hello hello hello</p>".repeat(20);
        let o = rules.object("index.html", text.clone());
        assert_eq!(o.content_encoding, Some("gzip"));
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&o.body[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let png = rules.object("a.png", vec![1, 2, 3]);
        assert_eq!((png.content_encoding, png.body), (None, vec![1, 2, 3]));

        let br = ObjectRules::new(&[], Some(Compression::Br)).unwrap();
        let o = br.object("feed.json", text.clone());
        assert_eq!(o.content_encoding, Some("br"));
        let mut back = Vec::new();
        brotli::Decompressor::new(&o.body[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
