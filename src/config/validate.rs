//! Reading `config.toml` and checking its values: every problem is a
//! diagnostic naming the file, found before anything is built.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::{BuildConfig, CONFIG_FILE, Config, ImagesConfig, ImportConfig, SearchConfig, deploy};
use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::fs;

impl Config {
    /// Reads and validates `config.toml` in `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::NotASite(root.to_path_buf()));
        }
        let text = fs::read_to_string(&path)?;
        Config::parse(&text).map_err(Error::Site)
    }

    /// Parses and validates the text of `config.toml`.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let config: Config = toml::from_str(text).map_err(|e| {
            Diagnostics::from_iter([diagnostic::from_toml_error(CONFIG_FILE, text, 0, &e)])
        })?;
        let problems = config.validate();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self) -> Diagnostics {
        let mut problems = Diagnostics::new();
        let mut bad = |message: String, help: &str| {
            problems.push(Diagnostic::error("config", CONFIG_FILE, message).with_help(help));
        };
        if self.paginate_by == 0 {
            bad(
                "`paginate_by` must be at least 1".into(),
                "set it to the number of articles per index page, such as 10",
            );
        }
        if self.editions_paginate_by == 0 {
            bad(
                "`editions_paginate_by` must be at least 1".into(),
                "set it to the number of editions per page, such as 20",
            );
        }
        if self.words_per_minute == 0 {
            bad(
                "`words_per_minute` must be at least 1".into(),
                "200 is a common reading speed",
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for t in &self.taxonomies {
            if !is_simple_name(&t.name) {
                bad(
                    format!(
                        "taxonomy name `{}` must be lowercase letters, digits and `-`",
                        t.name
                    ),
                    "it becomes a URL folder, such as `tags`",
                );
            } else if is_reserved_folder(&t.name) {
                bad(
                    format!(
                        "taxonomy name `{}` clashes with a folder Broadsheet writes",
                        t.name
                    ),
                    "choose another name",
                );
            }
            if !seen.insert(t.name.as_str()) {
                bad(
                    format!("taxonomy `{}` is listed twice", t.name),
                    "remove one of them",
                );
            }
            if t.paginate_by == Some(0) {
                bad(
                    format!("`paginate_by` of taxonomy `{}` must be at least 1", t.name),
                    "remove it to use the site's",
                );
            }
        }
        for message in self.import.problems() {
            bad(
                message,
                "see docs/import.md for the `[import]` keys and their defaults",
            );
        }
        for message in self.build.problems() {
            bad(
                message,
                "see docs/guarantees.md for the `[build]` keys and their defaults",
            );
        }
        for message in self.search.problems() {
            bad(
                message,
                "see docs/search.md for the `[search]` keys and their defaults",
            );
        }
        for message in deploy::list_problems(&self.deploy) {
            bad(message, "see docs/deploy.md for the `[[deploy]]` keys");
        }
        for message in self.hosting.problems() {
            bad(message, "see docs/deploy.md for the `[hosting]` keys");
        }
        for message in self.newsletter.problems() {
            bad(
                message,
                "see docs/newsletter.md for the `[newsletter]` keys and their defaults",
            );
        }
        for message in self.images.problems() {
            bad(
                message,
                "see the README's \"Images and social cards\" section for the `[images]` keys",
            );
        }
        if self.output_dir.as_os_str().is_empty()
            || self
                .output_dir
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bad(
                format!(
                    "`output_dir` `{}` must be a folder inside the site",
                    self.output_dir.display()
                ),
                "use a relative name such as `public`",
            );
        }
        problems
    }
}

/// True for URL folders Broadsheet writes itself; taxonomies and pages may not use them.
pub fn is_reserved_folder(name: &str) -> bool {
    [
        "articles", "page", "archive", "editions", "search", "static",
    ]
    .contains(&name)
}

/// True for the files Broadsheet writes at the root of the output folder; a
/// page may not take one as its slug, since the page would be a folder of
/// the same name.
pub fn is_reserved_file(name: &str) -> bool {
    const FILES: &[&str] = &[
        "index.html",
        "404.html",
        "atom.xml",
        "rss.xml",
        "feed.json",
        "sitemap.xml",
        "news-sitemap.xml",
        "robots.txt",
        "style.css",
        "favicon.svg",
    ];
    FILES.contains(&name)
        || name
            .strip_prefix("sitemap-")
            .and_then(|n| n.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn is_simple_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Reads `date_format`, refusing a format that cannot show a date (`%Q`, a
/// lone `%`): found when the config is read, with its line, not mid-build.
pub(super) fn date_format<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let format = String::deserialize(d)?;
    let sample = jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(jiff::tz::TimeZone::UTC);
    jiff::fmt::strtime::format(format.as_str(), &sample).map_err(|e| {
        serde::de::Error::custom(format!(
            "`{format}` is not a date format: {e}; use strftime directives such as `%-d %B %Y`"
        ))
    })?;
    Ok(format)
}

pub(super) fn keep_globs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<crate::keep::KeepList, D::Error> {
    let patterns = Vec::<String>::deserialize(d)?;
    let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
    crate::keep::KeepList::new(&patterns).map_err(serde::de::Error::custom)
}

impl BuildConfig {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.max_terms_per_article == 0 {
            problems.push("`build.max_terms_per_article` must be at least 1".to_owned());
        }
        if self.render_timeout_secs == 0 {
            problems.push("`build.render_timeout_secs` must be at least 1".to_owned());
        }
        problems
    }
}

impl SearchConfig {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.enabled && self.fields.is_empty() {
            problems.push(
                "`search.fields` is empty: list at least one field, such as `\"title\"`".to_owned(),
            );
        }
        if self.max_shard_size < 1024 {
            problems.push("`search.max_shard_size` must be at least 1024 (bytes)".to_owned());
        }
        if self.max_postings == 0 {
            problems.push("`search.max_postings` must be at least 1".to_owned());
        }
        problems
    }
}

impl ImagesConfig {
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.widths.is_empty() || self.widths.iter().any(|&w| w == 0 || w > 8192) {
            problems.push("`images.widths` must list widths between 1 and 8192".to_owned());
        }
        if !(1..=100).contains(&self.quality) {
            problems.push("`images.quality` must be between 1 and 100".to_owned());
        }
        if !(1..=10).contains(&self.avif_speed) {
            problems.push("`images.avif_speed` must be between 1 and 10".to_owned());
        }
        if self.max_pixels == 0 {
            problems.push("`images.max_pixels` must be at least 1".to_owned());
        }
        for (key, colour) in [
            ("card_background", &self.card_background),
            ("card_foreground", &self.card_foreground),
            ("card_accent", &self.card_accent),
        ] {
            let hex = colour.strip_prefix('#').unwrap_or("");
            if !matches!(hex.len(), 3 | 6) || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.push(format!(
                    "`images.{key}` `{colour}` must be a colour such as `#a3111a`"
                ));
            }
        }
        problems
    }
}

impl ImportConfig {
    /// What is wrong with these settings, one message each.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.share_line.contains('*') {
            problems.push(format!(
                "`import.share_line` `{}` needs a `*` where the outlet's name is",
                self.share_line
            ));
        }
        let all = std::iter::once(("share_line", &self.share_line))
            .chain(self.teaser_markers.iter().map(|p| ("teaser_markers", p)))
            .chain(self.notices.iter().map(|p| ("notices", p)))
            .chain(self.attributions.iter().map(|p| ("attributions", p)));
        for (key, pattern) in all {
            if pattern.trim().trim_matches('*').trim().is_empty() {
                problems.push(format!(
                    "a pattern in `import.{key}` matches every line; give it some text"
                ));
            }
        }
        if self.summary_max_chars < 20 {
            problems.push("`import.summary_max_chars` must be at least 20".to_owned());
        }
        if !(0.0..=1.0).contains(&self.min_kept_share) {
            problems.push("`import.min_kept_share` must be between 0 and 1".to_owned());
        }
        if self.near_duplicate_distance > 32 {
            problems.push(
                "`import.near_duplicate_distance` must be at most 32 (of 64 bits)".to_owned(),
            );
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{SearchField, SearchLanguage};

    #[test]
    fn empty_config_gets_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.paginate_by, 10);
        assert_eq!(c.taxonomies.len(), 2);
        assert_eq!(c.base_url.path(), "/");
    }

    #[test]
    fn unknown_key_names_the_line_and_suggests() {
        let errs = Config::parse("title = \"x\"\npaginate_bye = 3\n").unwrap_err();
        let d = errs.sorted().remove(0);
        assert_eq!(
            d.to_string(),
            "error[unknown-key]: config.toml:2:1: unknown key `paginate_bye`\n  help: did you mean `paginate_by`?"
        );
    }

    #[test]
    fn wrong_type_is_reported_at_the_value() {
        let errs = Config::parse("paginate_by = \"ten\"\n").unwrap_err();
        let d = errs.sorted().remove(0);
        assert_eq!(d.location.map(|l| (l.line, l.col)), Some((1, 15)));
        assert_eq!(d.code, "wrong-type");
        assert!(
            d.message.contains("`paginate_by` must be a whole number"),
            "{}",
            d.message
        );
    }

    #[test]
    fn import_rules_have_defaults_and_can_be_changed() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.import.max_tags, 6);
        assert_eq!(c.import.summary_max_chars, 300);
        assert_eq!(c.import.tag_aliases["U.S."], "United States");
        let c = Config::parse(
            "[import]\nmax_tags = 3\ndefault_source = \"example.org\"\nteaser_markers = [\"See also\"]\ntag_aliases = { Kiev = \"Kyiv\" }\n",
        )
        .unwrap();
        assert_eq!(c.import.max_tags, 3);
        assert_eq!(c.import.default_source.as_deref(), Some("example.org"));
        assert_eq!(c.import.teaser_markers, ["See also"]);
        assert_eq!(c.import.tag_aliases["Kiev"], "Kyiv");
        assert_eq!(
            c.import.notices.len(),
            ImportConfig::default().notices.len()
        );
    }

    #[test]
    fn unknown_import_key_suggests_the_right_one() {
        let d = Config::parse("[import]\nmax_tag = 3\n")
            .unwrap_err()
            .sorted()
            .remove(0);
        assert_eq!(d.location.map(|l| l.line), Some(2));
        assert_eq!(d.help.as_deref(), Some("did you mean `max_tags`?"));
    }

    #[test]
    fn bad_import_patterns_are_refused() {
        let errs = Config::parse("[import]\nshare_line = \"Share this\"\nnotices = [\"*\"]\n")
            .unwrap_err();
        let messages: Vec<_> = errs.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("needs a `*`")));
        assert!(messages.iter().any(|m| m.contains("matches every line")));
    }

    #[test]
    fn search_has_defaults_and_checks_its_keys() {
        let c = Config::parse("").unwrap();
        assert!(c.search.enabled);
        assert_eq!(c.search.fields.len(), 5);
        assert_eq!(c.search.language, SearchLanguage::English);
        let c = Config::parse(
            "[search]\nfields = [\"title\", \"tags\"]\nlanguage = \"none\"\nmax_shard_size = 4096\n",
        )
        .unwrap();
        assert!(c.search.has(SearchField::Tags) && !c.search.has(SearchField::Body));
        assert_eq!(c.search.language.name(), "none");
        let errs = Config::parse("[search]\nfields = []\nmax_shard_size = 10\n").unwrap_err();
        assert_eq!(errs.error_count(), 2, "{errs}");
        assert!(Config::parse("[search]\nfields = [\"bogus\"]\n").is_err());
        assert!(Config::parse("[search]\nlanguage = \"french\"\n").is_err());
    }

    #[test]
    fn output_dir_may_not_leave_the_site() {
        assert!(Config::parse("output_dir = \"../x\"").is_err());
        assert!(Config::parse("output_dir = \"/tmp/x\"").is_err());
    }
}
