//! Editions: the digest of a day (or a week).
//!
//! A curated edition comes from `content/editions/<yyyy-mm-dd>.md`: the
//! editor's intro and an ordered list of stories, optionally in sections.
//! Every period with published stories and no curated edition gets an
//! automatic one: its stories, featured first, then newest.

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;

use super::article::ArticleId;
use super::{Catalog, Unlisted};
use crate::config::EditionMode;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::parse::ParsedEdition;

/// One edition.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The day the edition is for (the Monday, for an automatic weekly one).
    pub date: Date,
    /// Whether it covers a day or a week.
    pub period: Period,
    /// The editor's title, if any.
    pub title: Option<String>,
    /// The editor's introduction as HTML (empty for automatic editions).
    pub intro_html: String,
    /// The stories, in sections.
    pub sections: Vec<Section>,
    /// The source file of a curated edition.
    pub file: Option<String>,
    /// Front matter `[extra]`.
    pub extra: toml::Table,
    /// A hash of the curated edition's file (0 for automatic editions).
    pub fingerprint: u64,
}

/// The span of time an edition covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One day.
    Day,
    /// Monday to Sunday.
    Week,
}

/// A group of stories in an edition.
#[derive(Debug, Clone)]
pub struct Section {
    /// The heading, if the editor gave one.
    pub name: Option<String>,
    /// The stories, in order.
    pub articles: Vec<ArticleId>,
}

impl Edition {
    /// The site path of the edition's page.
    pub fn path(&self) -> String {
        format!("editions/{}/", self.date)
    }

    /// True for an edition an editor wrote.
    pub fn is_curated(&self) -> bool {
        self.file.is_some()
    }

    /// Every story of the edition, in order.
    pub fn articles(&self) -> impl Iterator<Item = ArticleId> + '_ {
        self.sections
            .iter()
            .flat_map(|s| s.articles.iter().copied())
    }
}

/// Builds the editions, newest first; curated drafts only when `drafts`.
pub(crate) fn assemble(
    curated: &[Arc<ParsedEdition>],
    catalog: &Catalog<'_>,
    mode: EditionMode,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Edition> {
    let articles = catalog.articles;
    let mut editions: Vec<Edition> = curated
        .iter()
        .filter_map(|e| curated_edition(e, catalog, drafts, diagnostics))
        .collect();
    let period = match mode {
        EditionMode::Daily => Period::Day,
        EditionMode::Weekly => Period::Week,
        EditionMode::Off => {
            sort(&mut editions);
            return editions;
        }
    };
    let covered: Vec<Date> = editions.iter().map(|e| start_of(e.date, period)).collect();
    let mut days: BTreeMap<Date, Vec<ArticleId>> = BTreeMap::new();
    for &id in catalog.listed {
        let day = start_of(articles[id.0 as usize].local_date, period);
        if !covered.contains(&day) {
            days.entry(day).or_default().push(id);
        }
    }
    for (date, mut ids) in days {
        // `listed` is newest first; a stable sort keeps that order within each group.
        ids.sort_by_key(|id| !articles[id.0 as usize].featured);
        editions.push(Edition {
            date,
            period,
            title: None,
            intro_html: String::new(),
            sections: vec![Section {
                name: None,
                articles: ids,
            }],
            file: None,
            extra: toml::Table::new(),
            fingerprint: 0,
        });
    }
    sort(&mut editions);
    editions
}

fn sort(editions: &mut [Edition]) {
    editions.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.file.cmp(&b.file)));
}

/// The first day of the period holding `day`.
fn start_of(day: Date, period: Period) -> Date {
    match period {
        Period::Day => day,
        Period::Week => {
            let back = i64::from(day.weekday().to_monday_zero_offset());
            day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
        }
    }
}

fn curated_edition(
    e: &ParsedEdition,
    catalog: &Catalog<'_>,
    drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Edition> {
    let mut sections: Vec<Section> = if e.front.sections.is_empty() {
        vec![Section {
            name: None,
            articles: Vec::new(),
        }]
    } else {
        e.front
            .sections
            .iter()
            .map(|s| Section {
                name: Some(s.name.clone()),
                articles: Vec::new(),
            })
            .collect()
    };
    let mut ok = true;
    for entry in &e.entries {
        let problem = match catalog.by_slug.get(&entry.slug) {
            Some(&id) => {
                sections[entry.section.unwrap_or(0)].articles.push(id);
                continue;
            }
            None => match catalog.unlisted(&entry.slug) {
                Some(Unlisted::Draft) => format!("the article `{}` is a draft", entry.slug),
                Some(Unlisted::NotPublished) => format!(
                    "the article `{}` is not published at this time (future or expired)",
                    entry.slug
                ),
                None => format!("there is no article with the slug `{}`", entry.slug),
            },
        };
        ok = false;
        diagnostics.push(
            Diagnostic::error("edition", e.file.clone(), problem)
                .at(entry.at)
                .with_help("an edition lists articles by slug: the file name without its date, or the front matter's `slug`"),
        );
    }
    if !ok || (e.front.draft && !drafts) {
        return None;
    }
    Some(Edition {
        date: e.date,
        period: Period::Day,
        title: e
            .front
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned),
        intro_html: e.intro.html.to_string(),
        sections,
        file: Some(e.file.clone()),
        extra: e.front.extra.clone(),
        fingerprint: e.fingerprint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(start_of(d("2025-07-23"), Period::Week), d("2025-07-21"));
        assert_eq!(start_of(d("2025-07-21"), Period::Week), d("2025-07-21"));
        assert_eq!(start_of(d("2025-07-27"), Period::Week), d("2025-07-21"));
        assert_eq!(d("2025-07-21").weekday(), jiff::civil::Weekday::Monday);
    }
}
