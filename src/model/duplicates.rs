//! Duplicates: the same story from several outlets.
//!
//! An article with `duplicate_of = "<slug>"` is a duplicate of that story.
//! Chains are followed to the primary story. The primary lists its
//! duplicates ("also reported by"); duplicates keep their own pages but are
//! left out of lists and feeds, with `rel=canonical` pointing at the primary.

use std::collections::HashMap;

use super::Catalog;
use super::article::{Article, ArticleId};
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};

/// Who duplicates whom.
#[derive(Debug, Clone, Default)]
pub struct Duplicates {
    primary_of: Vec<Option<ArticleId>>,
    reports: HashMap<ArticleId, Vec<ArticleId>>,
}

impl Duplicates {
    /// Resolves `duplicate_of`: `declared[i]` is article i's `(slug, position)`.
    /// A duplicate of a draft or future story stands alone until that story
    /// is published.
    pub fn assemble(
        catalog: &Catalog<'_>,
        declared: &[Option<(String, LineCol)>],
        diagnostics: &mut Diagnostics,
    ) -> Duplicates {
        let articles = catalog.articles;
        let direct: Vec<Option<ArticleId>> = articles
            .iter()
            .zip(declared)
            .map(|(a, d)| {
                let (slug, at) = d.as_ref()?;
                match catalog.by_slug.get(slug) {
                    Some(&id) if articles[id.0 as usize].slug == a.slug => {
                        diagnostics.push(bad(
                            a,
                            *at,
                            "an article cannot be a duplicate of itself".into(),
                        ));
                        None
                    }
                    Some(&id) => Some(id),
                    None if catalog.unlisted(slug).is_some() => None,
                    None => {
                        diagnostics.push(bad(
                            a,
                            *at,
                            format!("`duplicate_of` names `{slug}`, which is not an article"),
                        ));
                        None
                    }
                }
            })
            .collect();
        let mut primary_of = vec![None; articles.len()];
        let mut reports: HashMap<ArticleId, Vec<ArticleId>> = HashMap::new();
        for (i, first) in direct.iter().enumerate() {
            let Some(mut primary) = *first else { continue };
            let mut steps = 0;
            while let Some(next) = direct[primary.0 as usize] {
                primary = next;
                steps += 1;
                if steps > articles.len() {
                    break;
                }
            }
            if steps > articles.len() || primary.0 as usize == i {
                let at = declared[i]
                    .as_ref()
                    .map(|d| d.1)
                    .unwrap_or(LineCol { line: 1, col: 1 });
                diagnostics.push(bad(
                    &articles[i],
                    at,
                    "`duplicate_of` goes round in a circle".into(),
                ));
                continue;
            }
            primary_of[i] = Some(primary);
            reports
                .entry(primary)
                .or_default()
                .push(ArticleId(i as u32));
        }
        Duplicates {
            primary_of,
            reports,
        }
    }

    /// The primary story of a duplicate; `None` for a primary.
    pub fn primary_of(&self, id: ArticleId) -> Option<ArticleId> {
        self.primary_of.get(id.0 as usize).copied().flatten()
    }

    /// The duplicates of a primary story, newest first.
    pub fn reports_of(&self, id: ArticleId) -> &[ArticleId] {
        self.reports.get(&id).map_or(&[], Vec::as_slice)
    }

    /// True for a duplicate.
    pub fn is_duplicate(&self, id: ArticleId) -> bool {
        self.primary_of(id).is_some()
    }
}

fn bad(a: &Article, at: LineCol, message: String) -> Diagnostic {
    Diagnostic::error("duplicate-of", a.file.clone(), message)
        .at(at)
        .with_help("set `duplicate_of` to the slug of the primary story, or remove it")
}
