//! Links found in imported pages: resolved against the page's address and
//! allowed only for `http`, `https` and `mailto`.
//!
//! Written by hand rather than with the `url` crate: all we need is the
//! scheme check and joining a reference to a base, and `url` (with IDNA
//! tables) is a large build for that.

/// The schemes a link or image in an imported body may use.
const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// `href` as an absolute, safe URL, or `None` when it is not one (a
/// `javascript:` or `data:` link, a bare `#fragment`, or a relative link
/// without a base). `base` is the page's absolute `http(s)` address.
pub(crate) fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    // Browsers drop tabs, newlines and other controls inside a URL
    // (`java\tscript:`), so the scheme is judged without them.
    let href: String = href.trim().chars().filter(|c| !c.is_control()).collect();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let absolute = if let Some(scheme) = scheme_of(&href) {
        if !ALLOWED_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
            return None;
        }
        href
    } else {
        let base = base.filter(|b| is_web_url(b))?;
        join(base, &href)
    };
    Some(escape_destination(&absolute))
}

/// True for an absolute `http` or `https` URL with a host.
pub(crate) fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    !rest.is_empty() && !rest.starts_with('/') && !url.chars().any(char::is_whitespace)
}

/// The host of an absolute web URL, without `www.` or a port.
pub(crate) fn host(url: &str) -> Option<String> {
    if !is_web_url(url) {
        return None;
    }
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// The scheme of `href` (`javascript` of `javascript:x`), if it has one.
fn scheme_of(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    let scheme = &href[..colon];
    let mut chars = scheme.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then_some(scheme)
}

/// `reference` (relative) joined to `base` (absolute), as a browser would for
/// the common shapes: `//host/x`, `/x`, `?q` and `x`, with `..` segments.
fn join(base: &str, reference: &str) -> String {
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(net) = reference.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    let base_path = rest[authority_end..].split(['?', '#']).next().unwrap_or("");
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    if reference.starts_with('?') {
        return format!("{origin}{base_path}{reference}");
    }
    let (path, tail) = match reference.find(['?', '#']) {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    };
    let full = if path.starts_with('/') {
        path.to_owned()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{path}")
    };
    format!("{origin}{}{tail}", normalize(&full))
}

/// Removes `.` and `..` segments from an absolute path.
fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// Percent-encodes what would end or break a Markdown link destination.
fn escape_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://news.example/world/2025/story.html?x=1";

    #[test]
    fn dangerous_schemes_are_refused() {
        for href in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert_eq!(resolve(href, Some(BASE)), None, "{href}");
        }
    }

    #[test]
    fn relative_links_are_joined_to_the_page() {
        assert_eq!(
            resolve("other.html", Some(BASE)).as_deref(),
            Some("https://news.example/world/2025/other.html")
        );
        assert_eq!(
            resolve("../a/b", Some(BASE)).as_deref(),
            Some("https://news.example/world/a/b")
        );
        assert_eq!(
            resolve("/x?y#z", Some(BASE)).as_deref(),
            Some("https://news.example/x?y#z")
        );
        assert_eq!(
            resolve("//cdn.example/i.jpg", Some(BASE)).as_deref(),
            Some("https://cdn.example/i.jpg")
        );
        assert_eq!(resolve("x.html", None), None);
        assert_eq!(resolve("#top", Some(BASE)), None);
    }

    #[test]
    fn destinations_cannot_close_the_link() {
        assert_eq!(
            resolve("https://a.example/x) y(", None).as_deref(),
            Some("https://a.example/x%29%20y%28")
        );
    }

    #[test]
    fn hosts_lose_www_and_ports() {
        assert_eq!(
            host("https://www.News.example:8080/a").as_deref(),
            Some("news.example")
        );
        assert_eq!(host("ftp://x"), None);
    }
}
