//! What a result shows: `search/docs/<n>.json`, ten documents a file.

use std::borrow::Cow;

use serde::Serialize;

use super::Plan;
use crate::config::Config;
use crate::model::Site;

/// The longest summary shown with a result, in characters.
const SUMMARY_CHARS: usize = 300;

/// One document as a result shows it.
#[derive(Debug, Serialize)]
struct Doc<'a> {
    title: &'a str,
    /// Root-relative address.
    url: String,
    /// RFC 3339, in the site's zone.
    date: String,
    /// The date as the site shows it (`date_format`).
    day: String,
    source: Option<&'a str>,
    tags: &'a [String],
    /// The summary as plain text, shortened to a few lines.
    summary: Cow<'a, str>,
}

/// File `n` of the documents: `(output path, JSON bytes)`.
pub(crate) fn docs_file(site: &Site, config: &Config, plan: &Plan, n: usize) -> (String, Vec<u8>) {
    let tz = &config.timezone.0;
    let docs: Vec<Doc<'_>> = plan
        .docs_of_file(n)
        .iter()
        .map(|&id| {
            let a = site.article(id);
            let zoned = a.date.to_zoned_datetime(tz.clone());
            Doc {
                title: &a.title,
                url: config.base_url.url(&a.path),
                date: zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
                day: zoned.strftime(&config.date_format).to_string(),
                source: a.source.as_deref(),
                tags: &a.tags,
                summary: shorten(&a.summary_text, SUMMARY_CHARS),
            }
        })
        .collect();
    let bytes = serde_json::to_vec(&docs).expect("documents serialize");
    (format!("search/docs/{n}.json"), bytes)
}

/// `text` cut at a word boundary to at most `max` characters (plus `…`).
fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return Cow::Borrowed(text);
    };
    let head = &text[..cut];
    let end = head
        .rfind(char::is_whitespace)
        .filter(|&i| i > cut / 2)
        .unwrap_or(cut);
    Cow::Owned(format!(
        "{}…",
        head[..end].trim_end_matches(|c: char| !c.is_alphanumeric())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_shortened_at_a_word() {
        assert_eq!(shorten("  Short one. ", 300), "Short one.");
        assert_eq!(shorten("Alpha beta, gamma delta", 14), "Alpha beta…");
        assert_eq!(shorten("Unbreakableword", 5), "Unbre…");
        assert_eq!(shorten("Zürich café über", 10), "Zürich…");
    }
}
