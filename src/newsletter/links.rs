//! Links in an email: UTM parameters on links back to the site, and each
//! recipient's unsubscribe address.

use std::collections::BTreeMap;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What may stay unencoded in a query value: RFC 3986's unreserved characters.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `url` with the `utm` parameters added to its query (before any
/// fragment); `{date}` in a value stands for `date`. Parameters the URL
/// already has are kept as they are.
pub(crate) fn with_utm(url: &str, utm: &BTreeMap<String, String>, date: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let existing: Vec<&str> = base
        .split_once('?')
        .map(|(_, q)| q.split('&').filter_map(|p| p.split('=').next()).collect())
        .unwrap_or_default();
    let mut out = base.to_owned();
    let mut sep = if base.contains('?') { '&' } else { '?' };
    for (key, value) in utm {
        if existing.contains(&key.as_str()) {
            continue;
        }
        let value = value.replace("{date}", date);
        out.push(sep);
        out.push_str(&encode(key));
        out.push('=');
        out.push_str(&encode(&value));
        sep = '&';
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The unsubscribe address of `email` from the configured template.
pub(crate) fn unsubscribe_for(template: &str, email: &str) -> String {
    template.replace(EMAIL_PLACEHOLDER, &encode(email))
}

/// What stands for the recipient's address in `unsubscribe_url`.
pub(crate) const EMAIL_PLACEHOLDER: &str = "{email}";

/// The unsubscribe address the build writes into every edition's email:
/// the template with the placeholder itself encoded (a valid URL that
/// `send` replaces with each recipient's own).
pub(crate) fn unsubscribe_placeholder(template: &str) -> String {
    unsubscribe_for(template, EMAIL_PLACEHOLDER)
}

/// A URL escaped for an HTML attribute. The email templates show the
/// unsubscribe address escaped by this function (not by Tera), so that
/// `send` finds exactly these bytes to replace.
pub(crate) fn escape_attr(url: &str) -> String {
    url.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utm() -> BTreeMap<String, String> {
        BTreeMap::from([
            ("utm_campaign".to_owned(), "edition {date}".to_owned()),
            ("utm_source".to_owned(), "newsletter".to_owned()),
        ])
    }

    #[test]
    fn parameters_go_before_the_fragment_and_are_encoded() {
        assert_eq!(
            with_utm("https://x.org/a/", &utm(), "2025-07-21"),
            "https://x.org/a/?utm_campaign=edition%202025-07-21&utm_source=newsletter"
        );
        assert_eq!(
            with_utm("https://x.org/a/?p=1#top", &utm(), "d"),
            "https://x.org/a/?p=1&utm_campaign=edition%20d&utm_source=newsletter#top"
        );
    }

    #[test]
    fn parameters_a_link_has_are_kept() {
        assert_eq!(
            with_utm("https://x.org/?utm_source=rss", &utm(), "d"),
            "https://x.org/?utm_source=rss&utm_campaign=edition%20d"
        );
        assert_eq!(
            with_utm("https://x.org/", &BTreeMap::new(), "d"),
            "https://x.org/"
        );
    }

    #[test]
    fn the_address_is_percent_encoded_into_the_template() {
        assert_eq!(
            unsubscribe_for("https://x.org/u?a={email}", "ann+news@example.org"),
            "https://x.org/u?a=ann%2Bnews%40example.org"
        );
        assert_eq!(
            unsubscribe_placeholder("https://x.org/u?a={email}&b=1"),
            "https://x.org/u?a=%7Bemail%7D&b=1"
        );
        assert_eq!(
            escape_attr("https://x.org/?a=1&b=\"2\""),
            "https://x.org/?a=1&amp;b=&quot;2&quot;"
        );
    }
}
