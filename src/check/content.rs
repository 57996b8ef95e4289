//! Content a build accepts but a reader or a feed reader would trip over:
//! articles without tags or summary, dates in the future or out of order,
//! URLs the renderer drops, terms that collide after slugifying, and
//! settings that make feeds and the sitemap publish wrong addresses.
//!
//! Everything here is a warning: the site builds, but not as the editor
//! probably meant. `check --deny-warnings` makes them fail.

use std::collections::{BTreeMap, HashMap};

use super::sources::Sources;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::model::{Site, Visibility};
use crate::slug;
use crate::source::parse::ParsedContent;

/// What content checks look at.
pub(super) struct Input<'a> {
    /// The site's settings.
    pub(super) config: &'a Config,
    /// Every parsed file, published or not.
    pub(super) content: &'a ParsedContent,
    /// The published site.
    pub(super) site: &'a Site,
    /// What is published.
    pub(super) visibility: &'a Visibility,
}

/// Runs every content check.
pub(super) fn check(input: &Input<'_>, sources: &mut Sources<'_>, diagnostics: &mut Diagnostics) {
    published_articles(input, diagnostics);
    dates_and_urls(input, sources, diagnostics);
    term_collisions(input, sources, diagnostics);
    feeds_and_sitemap(input.config, diagnostics);
}

fn published_articles(input: &Input<'_>, diagnostics: &mut Diagnostics) {
    for a in &input.site.articles {
        if a.tags.iter().all(|t| t.trim().is_empty()) {
            diagnostics.push(
                Diagnostic::warning("no-tags", a.file.clone(), "the article has no tags")
                    .with_help("add `tags = [\"…\"]` to the front matter: tags make topic pages and feeds, and find related stories"),
            );
        }
        if a.summary_text.trim().is_empty() {
            diagnostics.push(
                Diagnostic::warning(
                    "no-summary",
                    a.file.clone(),
                    "the article has no summary: no `summary` in its front matter and no paragraph to take one from",
                )
                .with_help("add `summary = \"…\"`: it is shown in lists, feeds, search results and link previews"),
            );
        }
    }
}

fn dates_and_urls(input: &Input<'_>, sources: &mut Sources<'_>, diagnostics: &mut Diagnostics) {
    let v = input.visibility;
    let tz = &input.config.timezone.0;
    for a in &input.content.articles {
        let f = &a.front;
        if f.draft && !v.drafts {
            continue;
        }
        let date_at = f
            .date
            .as_ref()
            .and_then(|d| sources.in_front_matter(&a.file, d.span().start));
        if !v.future && a.date > v.now {
            diagnostics.push(
                Diagnostic::warning(
                    "future-date",
                    a.file.clone(),
                    format!(
                        "the article is dated {}, in the future: it is left out until then",
                        a.date
                            .to_zoned_datetime(tz.clone())
                            .strftime("%Y-%m-%d %H:%M %Z")
                    ),
                )
                .at_opt(date_at)
                .with_help("fix the date, or build with `--future` to publish it now"),
            );
        }
        for (wrong, field, message, help) in [
            (
                a.updated.is_some_and(|u| u < a.date),
                f.updated.as_ref(),
                "`updated` is earlier than the article's `date`",
                "feeds and the sitemap use the later of the two; fix or remove `updated`",
            ),
            (
                a.expires.is_some_and(|e| e <= a.date),
                f.expires.as_ref(),
                "the article expires before it is published, so it never appears",
                "fix `expires` or `date`",
            ),
        ] {
            if !wrong {
                continue;
            }
            let at = field.and_then(|d| sources.in_front_matter(&a.file, d.span().start));
            diagnostics.push(
                Diagnostic::warning("bad-date", a.file.clone(), message)
                    .at_opt(at)
                    .with_help(help),
            );
        }
        for (key, value) in [("image", &f.image), ("source_url", &f.source_url)] {
            let Some(url) = value.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
                continue;
            };
            if !markdown::is_safe_url(url) {
                diagnostics.push(
                    Diagnostic::warning(
                        "unsafe-url",
                        a.file.clone(),
                        format!("the `{key}` `{url}` is dropped from the site"),
                    )
                    .at_opt(sources.find_in_front_matter(&a.file, url))
                    .with_help("only http(s) addresses and paths within the site are kept"),
                );
            }
        }
    }
}

/// Terms that are one page after slugifying but spelled differently
/// (`Rust` and `rust`, `C++` and `C`): each article with a spelling other
/// than the one shown is reported.
fn term_collisions(input: &Input<'_>, sources: &mut Sources<'_>, diagnostics: &mut Diagnostics) {
    let site = input.site;
    for t in &site.taxonomies {
        // (file, spelling) → the term's page and the shown spelling, in file order.
        let mut odd: BTreeMap<(&str, &str), (&str, String)> = BTreeMap::new();
        // Names repeat across articles: slugify each once.
        let mut slugs: HashMap<&str, String> = HashMap::new();
        for &id in &site.listed {
            let a = site.article(id);
            for name in a.terms(&t.name) {
                let name = name.trim();
                let term_slug = slugs.entry(name).or_insert_with(|| slug::slugify(name));
                let Some(term) = t.term_by_slug(term_slug) else {
                    continue;
                };
                if term.name != name {
                    odd.insert((&a.file, name), (&term.name, t.term_path(term)));
                }
            }
        }
        for ((file, name), (shown, path)) in odd {
            diagnostics.push(
                Diagnostic::warning(
                    "term-collision",
                    file,
                    format!(
                        "the {} term `{name}` is shown as `{shown}`: both have the page `{}`",
                        t.name,
                        input.config.base_url.url(&path)
                    ),
                )
                .at_opt(sources.find_in_front_matter(file, name))
                .with_help(format!(
                    "write `{shown}` as the other articles do, or choose a term that makes another page"
                )),
            );
        }
    }
}

fn feeds_and_sitemap(config: &Config, diagnostics: &mut Diagnostics) {
    let base = &config.base_url;
    let host = base
        .as_str()
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', ':']).next())
        .unwrap_or_default();
    // `[::1]` is cut at its first `:`.
    if matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[") || host.ends_with(".localhost") {
        diagnostics.push(
            Diagnostic::warning(
                "base-url",
                "config.toml",
                format!(
                    "`base_url` is `{base}`, a local address: feeds, the sitemap and links shared from the site would point there"
                ),
            )
            .with_help("set `base_url` to the site's public address, such as `https://news.example.org/`"),
        );
    }
    let feeds = &config.feeds;
    if feeds.limit == 0 && (feeds.atom || feeds.rss || feeds.json) {
        diagnostics.push(
            Diagnostic::warning(
                "feed",
                "config.toml",
                "`[feeds] limit` is 0: every feed is empty",
            )
            .with_help(
                "set it to the number of entries a feed holds, such as 20, or turn the feeds off",
            ),
        );
    }
}
