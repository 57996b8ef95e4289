//! The `[hosting]` table: the `_headers` and `_redirects` files that
//! Netlify and Cloudflare Pages read (`docs/deploy.md`).

use std::collections::BTreeMap;

use serde::Deserialize;

/// Headers and redirects for hosts that read `_headers` and `_redirects`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostingConfig {
    /// Response headers by path pattern, written to `_headers`.
    pub headers: Vec<HeaderRule>,
    /// Redirects, written to `_redirects` before those of article `aliases`.
    pub redirects: Vec<Redirect>,
}

/// Headers for the paths matching `path`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderRule {
    /// A site path, where `*` matches anything (`/*`, `/static/*`).
    pub path: String,
    /// Header names and values.
    pub values: BTreeMap<String, String>,
}

/// One redirect rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Redirect {
    /// The old site path (`/old/address/`).
    pub from: String,
    /// The new site path or an absolute address.
    pub to: String,
    /// The HTTP status (default 301).
    #[serde(default = "moved_permanently")]
    pub status: u16,
}

fn moved_permanently() -> u16 {
    301
}

impl HostingConfig {
    /// What is wrong with the table, one message per problem.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let bad_text = |s: &str| s.is_empty() || s.contains(char::is_whitespace);
        for rule in &self.headers {
            if !rule.path.starts_with('/') || bad_text(&rule.path) {
                problems.push(format!(
                    "hosting header path `{}` must start with `/` and have no spaces",
                    rule.path
                ));
            }
            for (name, value) in &rule.values {
                let token = !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
                if !token {
                    problems.push(format!(
                        "hosting header name `{name}` must be letters, digits and `-`"
                    ));
                }
                if value.contains(['\n', '\r']) {
                    problems.push(format!(
                        "hosting header `{name}` has a line break in its value"
                    ));
                }
            }
        }
        for r in &self.redirects {
            if !r.from.starts_with('/') || bad_text(&r.from) {
                problems.push(format!(
                    "redirect from `{}` must be a site path starting with `/`, without spaces",
                    r.from
                ));
            }
            let absolute = r.to.starts_with("https://") || r.to.starts_with("http://");
            if !(r.to.starts_with('/') || absolute) || bad_text(&r.to) {
                problems.push(format!(
                    "redirect to `{}` must be a site path or an http(s) address, without spaces",
                    r.to
                ));
            }
            if ![200, 301, 302, 303, 307, 308, 404, 410].contains(&r.status) {
                problems.push(format!(
                    "redirect from `{}`: status {} is not one hosts accept (301, 302, 303, 307, 308, 200, 404, 410)",
                    r.from, r.status
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_paths_names_and_statuses() {
        let h: HostingConfig = toml::from_str(
            "headers = [{ path = \"static/*\", values = { \"X Bad\" = \"a\\nb\" } }]\nredirects = [{ from = \"/a\", to = \"javascript:x\", status = 999 }]\n",
        )
        .unwrap();
        let p = h.problems();
        assert_eq!(p.len(), 5, "{p:?}");
        assert_eq!(
            h.redirects[0].status, 999,
            "status is read as written, checked by problems()"
        );
    }

    #[test]
    fn a_good_table_passes() {
        let h: HostingConfig = toml::from_str(
            "headers = [{ path = \"/*\", values = { \"X-Frame-Options\" = \"DENY\" } }]\nredirects = [{ from = \"/old/\", to = \"/new/\" }]\n",
        )
        .unwrap();
        assert!(h.problems().is_empty());
        assert_eq!(h.redirects[0].status, 301);
    }
}
