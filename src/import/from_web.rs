//! The glue between [`gather`](super::gather) and the import pipeline:
//! gathered stories become inputs, are prepared like cleaned text (tags and
//! fingerprints read their paragraphs), are checked against the ledger of
//! stories imported before, and fill the front matter's web fields.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::clean::{Block, BlockKind, Draft};
use super::fetch::Fetcher;
use super::gather::{self, Gatherer, Story};
use super::ledger::Ledger;
use super::{ImportItem, Input, Outcome, Planner, PrepareResult, Prepared, analyse, tags};
use crate::config::Config;
use crate::import::analyse::Rejection;
use crate::source::front_matter::ArticleFrontMatter;
use crate::text;

/// `inputs` with every page, feed and list replaced by the stories gathered
/// from it, then the stories of `urls`; what gives no story goes to `refused`.
pub(super) fn gather_stories(
    inputs: Vec<Input>,
    urls: &[String],
    fetcher: Option<&Fetcher>,
    refused: &mut Vec<ImportItem>,
) -> Vec<Input> {
    let gatherer = Gatherer::new(fetcher);
    let mut out = Vec::with_capacity(inputs.len());
    let mut add = |input: &Input, found: Vec<gather::Gathered>| {
        for g in found {
            match g.result {
                Ok(mut story) => {
                    story.warnings.extend(g.warnings);
                    out.push(Input {
                        shown: g.shown,
                        name: g.name,
                        abs: input.abs.clone(),
                        story: Some(Arc::new(story)),
                    });
                }
                Err(reason) => refused.push(ImportItem {
                    input: g.shown,
                    outcome: Outcome::Rejected { reason },
                    warnings: g.warnings,
                }),
            }
        }
    };
    // Pages are parsed in parallel, in input order; URLs below are fetched
    // one at a time, to be gentle with the servers.
    let found: Vec<Option<Vec<gather::Gathered>>> = inputs
        .par_iter()
        .map(|input| {
            gather::is_web_file(&input.abs)
                .then(|| gatherer.file(&input.shown, &input.name, &input.abs))
        })
        .collect();
    let mut texts = Vec::new();
    for (input, found) in inputs.into_iter().zip(found) {
        match found {
            Some(found) => add(&input, found),
            None => texts.push(input),
        }
    }
    for address in urls {
        let input = Input {
            shown: address.clone(),
            name: address.clone(),
            abs: std::path::PathBuf::new(),
            story: None,
        };
        add(&input, gatherer.url(address));
    }
    texts.extend(out);
    texts
}

/// A gathered story like a cleaned text: its draft, fingerprint and words.
pub(super) fn prepare_story(
    story: &Arc<Story>,
    config: &Config,
    vocabulary: &mut tags::Vocabulary,
) -> PrepareResult {
    if story.title.trim().is_empty() {
        return Err(Rejection::Empty);
    }
    if !story.body.has_paragraphs() {
        return Err(Rejection::NoParagraphs);
    }
    let blocks: Vec<Block> = story
        .body
        .paras
        .iter()
        .map(|p| {
            let mut block = Block::paragraph([p.text.clone()]);
            if p.heading {
                block.kind = BlockKind::Heading;
            }
            block
        })
        .collect();
    let draft = Draft {
        title: story.title.clone(),
        blocks,
        source: story.source.clone(),
        date: story.date,
        ..Draft::default()
    };
    let texts: Vec<&str> = story.body.paras.iter().map(|p| p.text.as_str()).collect();
    let mut words = text::FoldedWords::with_capacity(analyse::text_len(&draft.blocks));
    let observed = tags::observe_into(&draft.title, texts.iter().copied(), vocabulary, &mut words);
    let max = config.import.summary_max_chars;
    let summary = match &story.summary {
        Some(s) => analyse::summary(&[Block::paragraph([s.clone()])], max),
        None => analyse::summary(&draft.blocks, max),
    };
    let prepared = Prepared {
        sha256: story.sha256.clone(),
        simhash: analyse::fingerprint_words(&words),
        summary,
        slug: analyse::slug_for(&draft.title),
        draft,
        warnings: story.warnings.clone(),
        story: Some(Arc::clone(story)),
    };
    Ok((prepared, observed))
}

/// The outcome of a gathered story imported before (by one of its keys, in
/// the ledger) or met earlier in this import; `None` when it is new.
/// Under `--force`, a story whose bytes are those of an article goes on to
/// be rewritten like a text file would.
pub(super) fn gathered_before(
    p: &Prepared,
    ledger: &Ledger,
    seen: &mut HashMap<String, String>,
    plan: &Planner<'_>,
    input: &Input,
) -> Option<ImportItem> {
    let story = p.story.as_ref()?;
    let item = |outcome| ImportItem {
        input: input.shown.clone(),
        outcome,
        warnings: p.warnings.clone(),
    };
    if let Some(path) = ledger.find(&story.keys) {
        if plan.options.force && plan.by_sha.contains_key(p.sha256.as_str()) {
            return None;
        }
        return Some(item(Outcome::AlreadyImported {
            path: path.to_owned(),
        }));
    }
    if let Some(of) = story.keys.iter().find_map(|k| seen.get(k)) {
        return Some(item(Outcome::Duplicate { of: of.clone() }));
    }
    for key in &story.keys {
        seen.insert(key.clone(), input.shown.clone());
    }
    None
}

/// Fills the fields a page or feed gives: address, writers, image, and
/// `draft` for feed entries unless `import.publish_feeds`.
pub(super) fn story_front_matter(front: &mut ArticleFrontMatter, story: &Story, config: &Config) {
    front.source_url.clone_from(&story.url);
    front.authors.clone_from(&story.authors);
    front.image.clone_from(&story.image);
    front.draft = story.from_feed && !config.import.publish_feeds;
    if story.summary_only {
        front
            .extra
            .insert("summary_only".to_owned(), toml::Value::Boolean(true));
    }
}
