//! Host conventions written by the build: a redirect page for each old
//! address of an article (`aliases`), and the `_headers` and `_redirects`
//! files that Netlify and Cloudflare Pages read (`docs/deploy.md`).

use super::xml::escape;
use crate::config::Config;
use crate::model::Site;

/// A page that sends readers and crawlers on to `to`, an absolute address:
/// a meta refresh for browsers, a canonical link for search engines, and a
/// plain link for everyone else. Written in Rust, not as a theme template:
/// it has no layout, and it must stay valid on any theme.
pub(super) fn redirect_page(language: &str, to: &str) -> String {
    let to = escape(to);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved</title>\n<link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{to}\">{to}</a>.</p>\n</body>\n</html>\n",
        lang = escape(language)
    )
}

/// True when the site writes `_headers` or `_redirects`.
pub(super) fn has_files(site: &Site, config: &Config) -> bool {
    !config.hosting.headers.is_empty()
        || !config.hosting.redirects.is_empty()
        || site.articles.iter().any(|a| !a.aliases.is_empty())
}

/// `_headers`: each rule's path, then its headers indented, as Netlify
/// and Cloudflare Pages read it. `None` without rules.
pub(super) fn headers_file(config: &Config) -> Option<String> {
    let rules = &config.hosting.headers;
    if rules.is_empty() {
        return None;
    }
    let mut text = String::new();
    for rule in rules {
        text.push_str(&config.base_url.url(&rule.path));
        text.push('\n');
        for (name, value) in &rule.values {
            text.push_str(&format!("  {name}: {value}\n"));
        }
    }
    Some(text)
}

/// `_redirects`: `from to status` per line, the config's rules first, then
/// one per article alias (301). `None` when there are none.
pub(super) fn redirects_file(site: &Site, config: &Config) -> Option<String> {
    let base = &config.base_url;
    let mut lines: Vec<String> = config
        .hosting
        .redirects
        .iter()
        .map(|r| {
            let to = if r.to.starts_with('/') {
                base.url(&r.to)
            } else {
                r.to.clone()
            };
            format!("{} {to} {}", base.url(&r.from), r.status)
        })
        .collect();
    for a in &site.articles {
        for alias in &a.aliases {
            lines.push(format!("{} {} 301", base.url(alias), base.url(&a.path)));
        }
    }
    if lines.is_empty() {
        return None;
    }
    Some(lines.join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirect_pages_escape_the_address() {
        let page = redirect_page("en", "https://e.org/a/?x=\"><script>");
        assert!(page.contains("href=\"https://e.org/a/?x=&quot;&gt;&lt;script&gt;\""));
        assert!(!page.contains("<script>"));
        assert!(page.contains("http-equiv=\"refresh\" content=\"0; url=https://e.org/a/?x="));
    }

    #[test]
    fn headers_keep_the_base_path() {
        let config = Config::parse(
            "base_url = \"https://e.org/news/\"\n[hosting]\nheaders = [{ path = \"/*\", values = { \"X-Frame-Options\" = \"DENY\" } }]\n",
        )
        .unwrap();
        assert_eq!(
            headers_file(&config).unwrap(),
            "/news/*\n  X-Frame-Options: DENY\n"
        );
    }
}
