//! Lead images and social cards.
//!
//! [`Images::plan`] runs between the model and rendering: it finds each
//! article's lead image in `static/`, hashes its bytes with the settings,
//! and reads its size from the header (refusing huge images before any
//! pixel is decoded). Pages can then carry `width`, `height` and `srcset`
//! before an image is processed. The decoding, resizing and encoding happen
//! in render jobs (`Job::Image`, one per distinct image), in parallel with
//! the pages, through a cache in `.broadsheet/images/` keyed by that hash;
//! social cards (`Job::Card`) are cached by a hash of their rendered SVG.
//! A second build of an unchanged site processes nothing
//! ([`Images::processed`]).

mod cache;
pub(crate) mod card;
mod probe;
mod process;
mod view;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub(crate) use card::{CardOf, CardView};
pub(crate) use probe::processes;
pub(crate) use view::PictureView;

use self::cache::Cache;
use crate::config::ImagesConfig;
use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};
use crate::model::{ArticleId, Site};

/// A file format images are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// AVIF, the smallest.
    Avif,
    /// WebP (lossless).
    WebP,
    /// JPEG, the fallback of photographs.
    Jpeg,
    /// PNG, the fallback of PNG and WebP sources (which may be transparent).
    Png,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Avif => "avif",
            Format::WebP => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    /// The media type, for `<source type>` and feed enclosures.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Avif => "image/avif",
            Format::WebP => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// A lead image of the site: one file of `static/`, shown by one or more articles.
#[derive(Debug, Clone)]
pub struct LeadImage {
    /// The (first) article that shows it, for messages.
    pub file: String,
    /// The line of its `image` key in that article.
    pub line: Option<LineCol>,
    abs: PathBuf,
    /// The image's file as the site names it (`static/images/a.jpg`).
    pub source: String,
    /// A hash of its bytes and the settings: its files' folder and cache key.
    pub id: String,
    /// Its width, upright.
    pub width: u32,
    /// Its height, upright.
    pub height: u32,
    png: bool,
    /// The widths it is written at, ascending.
    pub widths: Vec<u32>,
}

impl LeadImage {
    /// The height of the file `width` pixels wide.
    pub fn height_at(&self, width: u32) -> u32 {
        let h = (u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width);
        (h as u32).max(1)
    }

    /// The formats it is written in, the fallback last.
    pub fn formats(&self) -> [Format; 3] {
        let fallback = if self.png { Format::Png } else { Format::Jpeg };
        [Format::Avif, Format::WebP, fallback]
    }

    /// The fallback format.
    pub fn fallback(&self) -> Format {
        self.formats()[2]
    }

    /// The largest width.
    pub fn largest(&self) -> u32 {
        *self.widths.last().expect("at least one width")
    }

    /// The site path of the file in `format`, `width` pixels wide.
    pub fn path(&self, format: Format, width: u32) -> String {
        format!("images/{}/{width}.{}", self.id, format.extension())
    }
}

/// The site's lead images, and how many images and cards this build made.
#[derive(Debug)]
pub struct Images {
    settings: ImagesConfig,
    cache: Cache,
    unique: Vec<LeadImage>,
    of_article: Vec<Option<usize>>,
    processed: AtomicUsize,
}

impl Images {
    /// Finds and measures every article's lead image, in parallel; images
    /// that cannot be used are warnings naming the article (its page is
    /// built without the image, and gets a social card instead).
    /// `cache_dir` holds processed files between builds.
    pub fn plan(
        root: &Path,
        site: &Site,
        settings: &ImagesConfig,
        cache_dir: PathBuf,
        diagnostics: &mut Diagnostics,
    ) -> Images {
        let probed: Vec<_> = site
            .articles
            .par_iter()
            .map(|a| probe::lead_image(root, a, settings))
            .collect();
        let mut unique: Vec<LeadImage> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut of_article = Vec::with_capacity(probed.len());
        for result in probed {
            of_article.push(match result {
                None => None,
                Some(Err(d)) => {
                    diagnostics.push(d);
                    None
                }
                Some(Ok(lead)) => Some(*by_id.entry(lead.id.clone()).or_insert_with(|| {
                    unique.push(lead);
                    unique.len() - 1
                })),
            });
        }
        Images {
            settings: settings.clone(),
            cache: Cache::new(cache_dir),
            unique,
            of_article,
            processed: AtomicUsize::new(0),
        }
    }

    /// No lead images (for tools that do not render them).
    pub fn none(settings: &ImagesConfig) -> Images {
        Images {
            settings: settings.clone(),
            cache: Cache::new(PathBuf::new()),
            unique: Vec::new(),
            of_article: Vec::new(),
            processed: AtomicUsize::new(0),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &ImagesConfig {
        &self.settings
    }

    /// The lead image of an article, when it is a usable file of the site.
    pub fn of(&self, id: ArticleId) -> Option<&LeadImage> {
        let i = (*self.of_article.get(id.0 as usize)?)?;
        Some(&self.unique[i])
    }

    /// The distinct lead images.
    pub fn all(&self) -> &[LeadImage] {
        &self.unique
    }

    /// Images and cards decoded, resized, encoded or drawn by this build
    /// (not taken from the cache).
    pub fn processed(&self) -> usize {
        self.processed.load(Ordering::Relaxed)
    }

    /// Every file of lead image `i`, as (site path, bytes): from the cache,
    /// or made (and cached). `Err` is an error naming the article.
    pub fn files(&self, i: usize) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
        let lead = &self.unique[i];
        let names: Vec<(Format, u32)> = lead
            .widths
            .iter()
            .flat_map(|&w| lead.formats().map(|f| (f, w)))
            .collect();
        let cached: Option<Vec<(String, Vec<u8>)>> = names
            .iter()
            .map(|&(f, w)| {
                let path = lead.path(f, w);
                let bytes = self.cache.get(cache_name(&path))?;
                Some((path, bytes))
            })
            .collect();
        if let Some(files) = cached {
            return Ok(files);
        }
        let problem = |why: String| {
            Diagnostic::error(
                "image",
                &lead.file,
                format!("the image `{}` cannot be processed: {why}", lead.source),
            )
            .at_opt(lead.line)
            .with_help("open the image in an editor and save it again, or replace it")
        };
        let bytes = crate::fs::read(&lead.abs).map_err(|e| problem(e.to_string()))?;
        let made = process::variants(lead, &bytes, &self.settings).map_err(problem)?;
        self.processed.fetch_add(1, Ordering::Relaxed);
        let mut files = Vec::with_capacity(made.len());
        for (format, width, bytes) in made {
            let path = lead.path(format, width);
            // A cache that cannot be written only costs time next build.
            let _ = self.cache.put(cache_name(&path), &bytes);
            files.push((path, bytes));
        }
        Ok(files)
    }

    /// The PNG of a card drawn from `svg`: from the cache, or drawn (and
    /// cached). `Err` says why the SVG cannot be drawn.
    pub fn card_png(&self, svg: &str) -> Result<Vec<u8>, String> {
        let digest = Sha256::digest(svg.as_bytes());
        let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
        let name = format!("cards/{hex}.png");
        if let Some(png) = self.cache.get(&name) {
            return Ok(png);
        }
        let png = card::rasterise(svg)?;
        self.processed.fetch_add(1, Ordering::Relaxed);
        // A cache that cannot be written only costs time next build.
        let _ = self.cache.put(&name, &png);
        Ok(png)
    }
}

/// Where a lead image's file is kept in the cache: its site path without `images/`.
fn cache_name(path: &str) -> &str {
    path.strip_prefix("images/").unwrap_or(path)
}
