//! What the desk shows: a snapshot of the serve session's model, taken after
//! every successful build.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::config::Config;
use crate::import::analyse;
use crate::model::Site;
use crate::source::front_matter;

/// One story of the queue.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Story {
    /// The URL segment, the story's id in the API.
    pub(crate) slug: String,
    /// The source file, relative to the site root.
    pub(crate) file: String,
    /// The site path of its page (`/articles/<slug>/`).
    pub(crate) url: String,
    /// The headline.
    pub(crate) title: String,
    /// The outlet.
    pub(crate) source: Option<String>,
    /// The publication day (site time zone), `yyyy-mm-dd`.
    pub(crate) date: String,
    /// The publication moment, RFC 3339.
    pub(crate) time: String,
    /// The tags.
    pub(crate) tags: Vec<String>,
    /// The summary as plain text.
    pub(crate) summary: String,
    /// Put forward on index pages.
    pub(crate) featured: bool,
    /// The curated editions that hold it, by date.
    pub(crate) editions: Vec<String>,
    /// The primary story, when this one is a duplicate.
    pub(crate) duplicate_of: Option<String>,
    /// How many stories duplicate this one.
    pub(crate) duplicates: usize,
}

/// The model as the desk sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snapshot {
    /// Newest first.
    pub(crate) stories: Vec<Story>,
    /// Every tag of the site, for completion.
    pub(crate) tags: Vec<String>,
    /// Every source.
    pub(crate) sources: Vec<String>,
    /// The config the site was built with (for validation).
    pub(crate) config: Option<Config>,
    /// Near-duplicate fingerprints written by `import`, by slug.
    simhashes: HashMap<String, u64>,
    /// `import.near_duplicate_distance`.
    distance: u32,
}

/// Fingerprints read from files, kept while the file is unchanged.
#[derive(Debug, Default)]
pub(crate) struct SimhashCache {
    by_file: HashMap<String, (u64, Option<u64>)>,
}

impl Snapshot {
    /// Takes the desk's view of `site`; `cache` saves reading unchanged files again.
    pub(crate) fn of(site: &Site, config: &Config, cache: &mut SimhashCache) -> Snapshot {
        let mut editions: HashMap<u32, Vec<String>> = HashMap::new();
        for edition in site.editions.iter().filter(|e| e.is_curated()) {
            for id in edition.articles() {
                editions
                    .entry(id.0)
                    .or_default()
                    .push(edition.date.to_string());
            }
        }
        let mut tags = BTreeMap::new();
        let mut sources = BTreeSet::new();
        let mut simhashes = HashMap::new();
        let mut stories: Vec<Story> = site
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let id = crate::model::ArticleId(i as u32);
                for tag in &a.tags {
                    tags.entry(tag.to_lowercase())
                        .or_insert_with(|| tag.clone());
                }
                sources.extend(a.source.clone());
                if let Some(hash) = cache.simhash(&a.file, &a.source_file, a.fingerprint) {
                    simhashes.insert(a.slug.clone(), hash);
                }
                Story {
                    slug: a.slug.clone(),
                    file: a.file.clone(),
                    url: format!("/{}", a.path),
                    title: a.title.clone(),
                    source: a.source.clone(),
                    date: a.local_date.to_string(),
                    time: a.date.to_string(),
                    tags: a.tags.clone(),
                    summary: a.summary_text.clone(),
                    featured: a.featured,
                    editions: editions.remove(&id.0).unwrap_or_default(),
                    duplicate_of: site
                        .duplicates
                        .primary_of(id)
                        .map(|p| site.article(p).slug.clone()),
                    duplicates: site.duplicates.reports_of(id).len(),
                }
            })
            .collect();
        stories.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.slug.cmp(&b.slug)));
        Snapshot {
            stories,
            tags: tags.into_values().collect(),
            sources: sources.into_iter().collect(),
            config: Some(config.clone()),
            simhashes,
            distance: config.import.near_duplicate_distance,
        }
    }

    /// The story with this slug.
    pub(crate) fn story(&self, slug: &str) -> Option<&Story> {
        self.stories.iter().find(|s| s.slug == slug)
    }

    /// Stories whose import fingerprint is near that of `slug`, nearest first.
    pub(crate) fn near_duplicates(&self, slug: &str) -> Vec<&Story> {
        let Some(&hash) = self.simhashes.get(slug) else {
            return Vec::new();
        };
        let mut near: Vec<(u32, &Story)> = self
            .stories
            .iter()
            .filter(|s| s.slug != slug)
            .filter_map(|s| {
                let d = crate::text::hamming(*self.simhashes.get(&s.slug)?, hash);
                (d <= self.distance).then_some((d, s))
            })
            .collect();
        near.sort_by_key(|(d, _)| *d);
        near.into_iter().map(|(_, s)| s).collect()
    }
}

impl SimhashCache {
    /// The `[import] simhash` of the article file, read again only when its
    /// fingerprint changed.
    fn simhash(&mut self, rel: &str, abs: &std::path::Path, fingerprint: u64) -> Option<u64> {
        if let Some((fp, hash)) = self.by_file.get(rel)
            && *fp == fingerprint
        {
            return *hash;
        }
        let hash = read_simhash(rel, abs);
        self.by_file.insert(rel.to_owned(), (fingerprint, hash));
        hash
    }
}

fn read_simhash(rel: &str, abs: &std::path::Path) -> Option<u64> {
    let text = crate::fs::read_to_string(abs).ok()?;
    let split = front_matter::split(rel, &text).ok()?;
    let table: toml::Table = toml::from_str(split.toml).ok()?;
    let hex = table.get("import")?.get("simhash")?.as_str()?;
    analyse::parse_fingerprint(hex)
}
