//! Stage 5a: what rendering needs besides the model and the templates.
//!
//! The files copied as they are, the lead images, every article's card,
//! the planned jobs, and a fingerprint of what every page depends on.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

use super::statics::{self, StaticFile};
use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::error::Result;
use crate::hash::FxHasher;
use crate::images::Images;
use crate::model::{Overlay, Site};
use crate::render::templates::Templates;
use crate::render::{self, Planned, Renderer, view::Views};
use crate::source::SourceTree;

/// The previous build's article cards, by card fingerprint (see
/// [`render::article_cards`]); empty for a build that has none.
pub(crate) type CardCache = HashMap<u64, tera::Value>;

/// What [`prepare`] reads.
pub(crate) struct Input<'a> {
    /// The site's folder.
    pub root: &'a Path,
    /// The site's settings.
    pub config: &'a Config,
    /// The model.
    pub site: &'a Site,
    /// The site's files (those copied as they are, here).
    pub tree: &'a SourceTree,
}

/// What a site's jobs render with, besides the model and the templates.
pub(crate) struct Prepared {
    /// The files copied as they are, by output path.
    pub files: BTreeMap<String, StaticFile>,
    /// The lead images and social cards.
    pub images: Images,
    /// Every article's card, in article order.
    pub cards: Vec<tera::Value>,
    /// Every card's fingerprint, standing in for it in job fingerprints.
    pub card_prints: Vec<tera::Value>,
    /// Every job, planned.
    pub jobs: Vec<Planned>,
    /// What every page depends on: the config, the templates, the tool and
    /// the site's navigation.
    pub global: u64,
    /// The search script's address, with its content hash (empty without search).
    pub search_script: String,
}

impl Prepared {
    /// A renderer of `planned` jobs (whose sitemap entries it lists) of
    /// `site`: this build's model, or one that shows an edited article.
    pub(crate) fn renderer<'a>(
        &'a self,
        config: &'a Config,
        site: Overlay<'a>,
        templates: &'a Templates,
        planned: &[Planned],
        now: Option<jiff::Timestamp>,
    ) -> Renderer<'a> {
        let views = Views {
            config,
            site,
            cards: &self.cards,
            images: &self.images,
        };
        Renderer::new(views, templates, planned, now, self.global)
            .with_card_prints(&self.card_prints)
            .with_search_script(self.search_script.clone())
    }
}

/// A fingerprint of a site's settings.
pub(crate) fn config_fingerprint(config: &Config) -> u64 {
    let mut h = FxHasher::default();
    format!("{config:?}").hash(&mut h);
    h.finish()
}

/// Finds the files copied as they are, plans the images and the jobs,
/// makes the article cards (reusing those in `cards`, which is left
/// holding this site's) and gives `templates` the site's globals.
pub(crate) fn prepare(
    input: &Input<'_>,
    templates: &mut Templates,
    cards: &mut CardCache,
    diagnostics: &mut Diagnostics,
) -> Result<Prepared> {
    let Input {
        root,
        config,
        site,
        tree,
    } = *input;
    let mut files = statics::static_files(&tree.static_files, &tree.asset_files);
    statics::add_bundle_files(&mut files, site, &tree.bundle_files);
    if !config.search.enabled && matches!(files.get("search.js"), Some(StaticFile::Builtin(_))) {
        files.remove("search.js"); // no script on a site without search
    }
    let stylesheet_url = statics::stylesheet_url(config, &files)?;
    let images = Images::plan(
        root,
        site,
        &config.images,
        root.join(super::CACHE_DIR).join("images"),
        diagnostics,
    );
    let site_view = Views {
        config,
        site: Overlay::plain(site),
        cards: &[],
        images: &images,
    }
    .site(stylesheet_url);
    let global = {
        let mut h = FxHasher::default();
        (
            config_fingerprint(config),
            templates.fingerprint(),
            env!("CARGO_PKG_VERSION"),
        )
            .hash(&mut h);
        serde_json::to_string(&site_view)
            .unwrap_or_default()
            .hash(&mut h);
        h.finish()
    };
    templates.set_globals(tera::context! { site => &site_view });
    let (cards, card_prints) = render::article_cards(site, config, &images, cards);
    let mut jobs = render::plan(site, config);
    jobs.extend(render::plan_images(site, config, &images));
    let search_script = if config.search.enabled {
        statics::asset_url(config, &files, "search.js")?
    } else {
        String::new()
    };
    Ok(Prepared {
        files,
        images,
        cards,
        card_prints,
        jobs,
        global,
        search_script,
    })
}
