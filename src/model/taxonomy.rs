//! Taxonomies (tags, sources, …) and their terms.
//!
//! Terms are keyed by slug: `Rust` and `rust` are one term, shown with the
//! spelling most articles use. A term whose name has no usable slug is
//! reported and left out.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::article::{Article, ArticleId};
use crate::config::TaxonomyConfig;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug;

/// One taxonomy with its terms.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// The configured name, also the URL folder.
    pub name: String,
    /// The heading shown to readers.
    pub title: String,
    /// Articles per term page, if not the site's.
    pub paginate_by: Option<usize>,
    /// Whether terms get feeds.
    pub feed: bool,
    /// Terms sorted by name, ignoring case.
    pub terms: Vec<Term>,
    by_slug: std::collections::HashMap<String, usize>,
}

/// A term of a taxonomy, with its articles.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name as most of its articles spell it.
    pub name: String,
    /// The URL segment.
    pub slug: String,
    /// The articles, newest first.
    pub articles: Vec<ArticleId>,
}

impl Taxonomy {
    /// Collects the terms of `config` over `articles` (sorted newest first).
    pub fn assemble(
        config: &TaxonomyConfig,
        articles: &[Arc<Article>],
        listed: &[ArticleId],
        diagnostics: &mut Diagnostics,
    ) -> Taxonomy {
        struct Acc<'a> {
            spellings: BTreeMap<&'a str, usize>,
            articles: Vec<ArticleId>,
        }
        let mut by_slug: BTreeMap<String, Acc<'_>> = BTreeMap::new();
        let mut slugs: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
        for &id in listed {
            let article = &articles[id.0 as usize];
            for name in article.terms(&config.name) {
                let name = name.trim();
                // Names repeat across articles: slugify each once.
                let term_slug = slugs
                    .entry(name)
                    .or_insert_with(|| slug::slugify(name))
                    .clone();
                if term_slug.is_empty() {
                    diagnostics.push(
                        Diagnostic::warning(
                            "bad-term",
                            article.file.clone(),
                            format!(
                                "the {} term `{name}` has no letters or digits; it is left out",
                                config.name
                            ),
                        )
                        .with_help("remove it or spell it with letters"),
                    );
                    continue;
                }
                let acc = by_slug.entry(term_slug).or_insert_with(|| Acc {
                    spellings: BTreeMap::new(),
                    articles: Vec::new(),
                });
                *acc.spellings.entry(name).or_default() += 1;
                if acc.articles.last() != Some(&id) {
                    acc.articles.push(id);
                }
            }
        }
        let mut terms: Vec<Term> = by_slug
            .into_iter()
            .map(|(slug, acc)| Term {
                name: most_used(&acc.spellings).to_owned(),
                slug,
                articles: acc.articles,
            })
            .collect();
        terms.sort_by_cached_key(|t| (t.name.to_lowercase(), t.slug.clone()));
        let by_slug = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.slug.clone(), i))
            .collect();
        Taxonomy {
            by_slug,
            name: config.name.clone(),
            title: config.display_title(),
            paginate_by: config.paginate_by,
            feed: config.feed,
            terms,
        }
    }

    /// The term with this slug, if any listed article has it.
    pub fn term_by_slug(&self, slug: &str) -> Option<&Term> {
        self.by_slug.get(slug).map(|&i| &self.terms[i])
    }

    /// The site-relative path of the taxonomy's list page.
    pub fn path(&self) -> String {
        format!("{}/", self.name)
    }

    /// How many articles a term's page lists: the taxonomy's own setting,
    /// else the site's (`site_per_page`).
    pub fn per_page(&self, site_per_page: usize) -> usize {
        self.paginate_by.unwrap_or(site_per_page)
    }

    /// The site-relative path of a term's first page.
    pub fn term_path(&self, term: &Term) -> String {
        format!("{}/{}/", self.name, term.slug)
    }
}

/// The most frequent spelling; ties go to the first in sort order.
fn most_used<'a>(spellings: &BTreeMap<&'a str, usize>) -> &'a str {
    spellings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map_or("", |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_used_spelling_wins_and_ties_are_stable() {
        let m: BTreeMap<&str, usize> = [("rust", 1), ("Rust", 3)].into();
        assert_eq!(most_used(&m), "Rust");
        let m: BTreeMap<&str, usize> = [("b", 1), ("a", 1)].into();
        assert_eq!(most_used(&m), "a");
    }
}
