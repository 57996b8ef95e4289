//! The search index: static files that the search page's script
//! (`templates/assets/search.js`) reads, so search needs no server.
//!
//! ```text
//! search/index.json            manifest: language, document count, shards, filters
//! search/terms/<i>.bin         shards: sorted terms with their postings, each ≤ max_shard_size
//! search/filters/<tax>/<slug>.bin   the documents of a tag (or source…), for the filters
//! search/docs/<n>.json         documents 10n … 10n+9: title, address, date, source, tags, summary
//! ```
//!
//! A document is a listed article; documents are numbered oldest first, so
//! a new article appends one and leaves the others' numbers (and files)
//! alone. The terms come from parsing ([`IndexTerms`]): the index is built
//! from the model without reading any text again. `docs/search.md`
//! describes the formats; [`index`] builds the terms and shards.
//!
//! [`IndexTerms`]: terms::IndexTerms

mod docs;
pub(crate) mod index;
pub(crate) mod terms;

use crate::config::Config;
use crate::model::{ArticleId, Site};

pub(crate) use docs::docs_file;
pub(crate) use index::index_files;

/// Documents per `docs/<n>.json` file: ten results need at most ten
/// files of a few kilobytes (smaller files mean more files to write).
pub(crate) const DOCS_PER_FILE: usize = 10;

/// Terms of a taxonomy offered as filters: the most used ones.
pub(crate) const FILTER_TERMS: usize = 100;

/// The site path of the search page.
pub(crate) const PAGE: &str = "search/";

/// The site path of the manifest.
pub(crate) const MANIFEST: &str = "search/index.json";

/// What the search jobs are made from, worked out once per build.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The documents, oldest first: listed articles.
    pub docs: Vec<ArticleId>,
    /// The filters, one per taxonomy (that has terms).
    pub filters: Vec<Filter>,
}

/// A taxonomy's terms offered as a filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Filter {
    /// The taxonomy's name (`tags`).
    pub name: String,
    /// Its heading (`Tags`).
    pub title: String,
    /// The most used [`FILTER_TERMS`] terms, in the taxonomy's order (by name).
    pub terms: Vec<FilterTerm>,
}

/// A term offered as a filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FilterTerm {
    /// The name.
    pub name: String,
    /// The slug (the value the page sends, and the file name).
    pub slug: String,
    /// Its documents, ascending.
    pub docs: Vec<u32>,
}

impl Plan {
    /// The plan of `site`'s search, or `None` when search is off.
    pub fn new(site: &Site, config: &Config) -> Option<Plan> {
        if !config.search.enabled {
            return None;
        }
        let docs: Vec<ArticleId> = site.listed.iter().rev().copied().collect();
        let mut doc_of = vec![u32::MAX; site.articles.len()];
        for (d, id) in docs.iter().enumerate() {
            doc_of[id.0 as usize] = d as u32;
        }
        let filters = site
            .taxonomies
            .iter()
            .filter(|t| !t.terms.is_empty())
            .map(|t| {
                let mut chosen: Vec<usize> = (0..t.terms.len()).collect();
                chosen.sort_by_key(|&i| std::cmp::Reverse(t.terms[i].articles.len()));
                chosen.truncate(FILTER_TERMS);
                chosen.sort_unstable();
                Filter {
                    name: t.name.clone(),
                    title: t.title.clone(),
                    terms: chosen
                        .into_iter()
                        .map(|i| {
                            let term = &t.terms[i];
                            let mut docs: Vec<u32> = term
                                .articles
                                .iter()
                                .map(|id| doc_of[id.0 as usize])
                                .filter(|&d| d != u32::MAX)
                                .collect();
                            docs.sort_unstable();
                            FilterTerm {
                                name: term.name.clone(),
                                slug: term.slug.clone(),
                                docs,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        Some(Plan { docs, filters })
    }

    /// The number of `docs/<n>.json` files.
    pub fn doc_files(&self) -> usize {
        self.docs.len().div_ceil(DOCS_PER_FILE)
    }

    /// The documents of file `n`.
    pub fn docs_of_file(&self, n: usize) -> &[ArticleId] {
        let start = (n * DOCS_PER_FILE).min(self.docs.len());
        &self.docs[start..(start + DOCS_PER_FILE).min(self.docs.len())]
    }
}

/// The path of a filter term's file, relative to the manifest.
pub(crate) fn filter_path(filter: &Filter, term: &FilterTerm) -> String {
    format!("filters/{}/{}.bin", filter.name, term.slug)
}

#[cfg(test)]
mod script_tests {
    use crate::text;

    /// `fold` of every character from U+00C0 to U+024F, joined by `|`
    /// (no folded character contains `|`).
    fn latin_table() -> String {
        (0xc0..=0x24f_u32)
            .map(|c| text::fold(&char::from_u32(c).unwrap().to_string()).into_owned())
            .collect::<Vec<_>>()
            .join("|")
    }

    fn stop_words_line() -> String {
        format!("const STOP_WORDS = \"{}\";", text::stop_words().join(" "))
    }

    /// The page's script folds and drops words with the tables of `text`.
    #[test]
    fn the_script_has_the_tokeniser_tables_of_the_index() {
        let script = include_str!("../../templates/assets/search.js");
        let latin = format!("const LATIN = \"{}\";", latin_table());
        assert!(
            script.contains(&latin),
            "search.js must have this line (src/text.rs `fold` changed?):\n{latin}"
        );
        let stop = stop_words_line();
        assert!(
            script.contains(&stop),
            "search.js must have this line (src/text.rs STOP_WORDS changed?):\n{stop}"
        );
        // Words are runs of what Rust's `char::is_alphanumeric` accepts.
        assert!(script.contains(r"const WORD = /[\p{Alphabetic}\p{N}]+/gu;"));
    }
}
