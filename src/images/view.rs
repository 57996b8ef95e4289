//! `article.picture`: what a theme needs to write a lead image as a
//! `<picture>` with a `srcset` per format, and a fallback `<img>` with
//! `width` and `height` so that the page does not shift as it loads.

use serde::Serialize;

use super::{Format, LeadImage};

/// A lead image as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PictureView<'a> {
    /// The fallback (JPEG or PNG) at its largest width, root-relative.
    pub src: String,
    /// The same, absolute: for `og:image`, feeds and JSON-LD.
    pub permalink: String,
    /// The fallback's media type.
    pub mime: &'static str,
    /// Width of `src`.
    pub width: u32,
    /// Height of `src`.
    pub height: u32,
    /// The smallest fallback, for thumbnails in lists.
    pub thumbnail: String,
    /// Width of `thumbnail`.
    pub thumbnail_width: u32,
    /// Height of `thumbnail`.
    pub thumbnail_height: u32,
    /// Every width of the fallback (`srcset` of the `<img>`).
    pub srcset: String,
    /// The `<source>` elements: AVIF, then WebP.
    pub sources: Vec<SourceView>,
    /// `sizes` on the article's page.
    pub sizes: &'a str,
    /// `sizes` of thumbnails.
    pub thumbnail_sizes: &'a str,
    /// The text alternative (empty for a decorative image).
    pub alt: &'a str,
    /// Who made the image.
    pub credit: Option<&'a str>,
}

/// One `<source>` of a `<picture>`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    /// The media type (`image/avif`).
    #[serde(rename = "type")]
    pub mime: &'static str,
    /// Every width in this format.
    pub srcset: String,
}

impl<'a> PictureView<'a> {
    /// The view of `lead`; `url` and `permalink` turn a site path into a
    /// root-relative and an absolute address.
    pub fn new(
        lead: &LeadImage,
        settings: &'a crate::config::ImagesConfig,
        (alt, credit): (&'a str, Option<&'a str>),
        url: impl Fn(&str) -> String,
        permalink: impl Fn(&str) -> String,
    ) -> PictureView<'a> {
        let srcset = |format: Format| {
            lead.widths
                .iter()
                .map(|&w| format!("{} {w}w", url(&lead.path(format, w))))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let fallback = lead.fallback();
        let (largest, smallest) = (lead.largest(), lead.widths[0]);
        let main = lead.path(fallback, largest);
        PictureView {
            src: url(&main),
            permalink: permalink(&main),
            mime: fallback.mime(),
            width: largest,
            height: lead.height_at(largest),
            thumbnail: url(&lead.path(fallback, smallest)),
            thumbnail_width: smallest,
            thumbnail_height: lead.height_at(smallest),
            srcset: srcset(fallback),
            sources: [Format::Avif, Format::WebP]
                .into_iter()
                .map(|f| SourceView {
                    mime: f.mime(),
                    srcset: srcset(f),
                })
                .collect(),
            sizes: &settings.sizes,
            thumbnail_sizes: &settings.thumbnail_sizes,
            alt,
            credit,
        }
    }
}
