//! Related articles, scored by shared keywords (TF-IDF) and tags, in
//! near-linear time.
//!
//! Each listed article gets a sparse vector: its keywords and tags weighted
//! by TF-IDF, the strongest [`TERMS`] kept and normalised. Candidates come
//! from an inverted index, term by term; since stories are related mostly to
//! stories of about the same time, each posting list is read only within
//! [`WINDOW`] positions (in date order) of the article. The work per article
//! is bounded by `TERMS × 2 × WINDOW`, so the whole pass grows linearly with
//! the number of articles: there is no all-pairs comparison.

use std::hash::{Hash, Hasher};

use crate::hash::FxHasher;
use std::sync::Arc;

use rayon::prelude::*;

use super::article::{Article, ArticleId};
use super::duplicates::Duplicates;
use crate::hash::{FxMap, hash64};
use crate::text;

/// Terms kept per article vector.
pub(crate) const TERMS: usize = 12;
/// Postings read on each side of an article, per term.
pub(crate) const WINDOW: usize = 100;
/// The lowest cosine score that counts as related.
const MIN_SCORE: f32 = 0.08;
/// How much a tag weighs against one occurrence of a keyword.
const TAG_WEIGHT: u16 = 4;

/// The related articles of every published article (by article index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Related {
    lists: Vec<Vec<ArticleId>>,
    signature: u64,
}

impl Related {
    /// The articles related to `id`, best first.
    pub fn of(&self, id: ArticleId) -> &[ArticleId] {
        self.lists.get(id.0 as usize).map_or(&[], Vec::as_slice)
    }

    /// Scores up to `limit` related articles for each article; reuses
    /// `previous` when the keywords, tags and order of the articles are the
    /// same as when it was made.
    pub fn assemble(
        articles: &[Arc<Article>],
        listed: &[ArticleId],
        duplicates: &Duplicates,
        limit: usize,
        previous: Option<&Related>,
    ) -> Related {
        let signature = signature(articles, listed, limit);
        if let Some(previous) =
            previous.filter(|p| p.signature == signature && p.lists.len() == articles.len())
        {
            return previous.clone();
        }
        let mut lists = vec![Vec::new(); articles.len()];
        if limit > 0 && listed.len() > 1 {
            let scored = score(articles, listed, limit);
            for (pos, &id) in listed.iter().enumerate() {
                lists[id.0 as usize] = scored[pos].iter().map(|&q| listed[q as usize]).collect();
            }
            // A duplicate shows what its primary story shows.
            for i in 0..articles.len() {
                let id = ArticleId(i as u32);
                if let Some(primary) = duplicates.primary_of(id) {
                    lists[i] = lists[primary.0 as usize].clone();
                }
            }
        }
        Related { lists, signature }
    }
}

/// A hash of everything the scores are made from.
fn signature(articles: &[Arc<Article>], listed: &[ArticleId], limit: usize) -> u64 {
    let mut h = FxHasher::default();
    (articles.len(), limit).hash(&mut h);
    for &id in listed {
        let a = &articles[id.0 as usize];
        (id, &a.keywords.terms, &a.tags).hash(&mut h);
    }
    h.finish()
}

/// The weighted, normalised vector of each listed article.
fn vectors(articles: &[Arc<Article>], listed: &[ArticleId]) -> Vec<Vec<(u64, f32)>> {
    let mut df: FxMap<u64, u32> = FxMap::default();
    for &id in listed {
        for (t, _) in terms(&articles[id.0 as usize]) {
            *df.entry(t).or_default() += 1;
        }
    }
    let n = listed.len() as f32;
    listed
        .par_iter()
        .map(|&id| {
            let mut v: Vec<(u64, f32)> = terms(&articles[id.0 as usize])
                .map(|(t, tf)| {
                    let idf = (n / df[&t] as f32).ln();
                    (t, (1.0 + f32::from(tf).ln()) * idf)
                })
                .filter(|&(_, w)| w > 0.0)
                .collect();
            v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(TERMS);
            v.shrink_to_fit();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect()
}

/// An article's keywords and tags, as `(term hash, weight)`.
fn terms(a: &Article) -> impl Iterator<Item = (u64, u16)> + '_ {
    let tags = a.tags.iter().map(|tag| {
        let key = format!("\u{1}tag:{}", text::fold(tag.trim()));
        (hash64(key.as_bytes()), TAG_WEIGHT)
    });
    a.keywords.terms.iter().copied().chain(tags)
}

/// For each listed position, up to `limit` other positions, best first.
fn score(articles: &[Arc<Article>], listed: &[ArticleId], limit: usize) -> Vec<Vec<u32>> {
    let vectors = vectors(articles, listed);
    let mut postings: FxMap<u64, Vec<(u32, f32)>> = FxMap::default();
    for (pos, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((pos as u32, w));
        }
    }
    // A scratch buffer per rayon job, and few jobs (some per thread), so
    // that buffers the size of the site are made a few times per call, and
    // none outlives it.
    let jobs = 4 * rayon::current_num_threads();
    (0..vectors.len())
        .into_par_iter()
        .with_min_len(vectors.len().div_ceil(jobs).max(1))
        .map_init(
            || (vec![0f32; vectors.len()], Vec::new()),
            |(acc, touched): &mut (Vec<f32>, Vec<usize>), p| {
                for &(t, w) in &vectors[p] {
                    let list = &postings[&t];
                    let at = list.partition_point(|&(q, _)| (q as usize) < p);
                    let from = at.saturating_sub(WINDOW);
                    let to = (at + WINDOW + 1).min(list.len());
                    for &(q, wq) in &list[from..to] {
                        let q = q as usize;
                        if q != p {
                            if acc[q] == 0.0 {
                                touched.push(q);
                            }
                            acc[q] += w * wq;
                        }
                    }
                }
                let mut best: Vec<(f32, u32)> = touched
                    .iter()
                    .map(|&q| (acc[q], q as u32))
                    .filter(|&(s, _)| s >= MIN_SCORE)
                    .collect();
                for &q in touched.iter() {
                    acc[q] = 0.0;
                }
                touched.clear();
                // Best score first; among equals, the story closest in time.
                let order = |a: &(f32, u32), b: &(f32, u32)| {
                    b.0.total_cmp(&a.0)
                        .then((a.1 as usize).abs_diff(p).cmp(&(b.1 as usize).abs_diff(p)))
                        .then(a.1.cmp(&b.1))
                };
                if best.len() > limit {
                    best.select_nth_unstable_by(limit, order);
                    best.truncate(limit);
                }
                best.sort_unstable_by(order);
                // Not `into_iter().collect()`: that would reuse `best`'s large
                // allocation for the few ids kept, for the rest of the build.
                best.iter().map(|&(_, q)| q).collect()
            },
        )
        .collect()
}
