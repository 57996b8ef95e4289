//! Social cards: a 1200×630 PNG for every page without an image of its own,
//! drawn from the `card.svg` template (which a site can override) and
//! rasterised with resvg, using the fonts bundled in `templates/fonts/` so
//! that a card looks the same on every machine.

use std::sync::{Arc, LazyLock};

use resvg::{tiny_skia, usvg};
use serde::Serialize;

use crate::config::ImagesConfig;

/// A card's width, in pixels.
pub(crate) const WIDTH: u32 = 1200;
/// A card's height, in pixels.
pub(crate) const HEIGHT: u32 = 630;

/// The page a card is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardOf {
    /// An article without a lead image, by index.
    Article(u32),
    /// An edition, by index.
    Edition(usize),
    /// A term: taxonomy index, term index.
    Term(usize, usize),
}

/// `card` in `card.svg`: the text of a card, laid out in lines.
#[derive(Debug, Serialize)]
pub(crate) struct CardView<'a> {
    /// Width and height, in pixels.
    pub width: u32,
    /// The height, in pixels.
    pub height: u32,
    /// A line above the headline: the source, section or taxonomy.
    pub kicker: String,
    /// The headline, wrapped.
    pub lines: Vec<String>,
    /// The headline's font size, in pixels.
    pub font_size: u32,
    /// The distance between headline lines, in pixels.
    pub line_height: u32,
    /// Where the headline's first line sits (its baseline), in pixels.
    pub first_baseline: u32,
    /// A line below: the date, or a count.
    pub meta: String,
    /// The site's name.
    pub site: &'a str,
    /// Background colour.
    pub background: &'a str,
    /// Text colour.
    pub foreground: &'a str,
    /// Accent colour.
    pub accent: &'a str,
}

impl<'a> CardView<'a> {
    /// A card for a page titled `title`.
    pub(crate) fn new(
        settings: &'a ImagesConfig,
        site: &'a str,
        kicker: String,
        title: &str,
        meta: String,
    ) -> CardView<'a> {
        // Long headlines get a smaller size; both fit 1040 pixels of width
        // in DejaVu Serif Bold at about 0.6 em per character.
        let (font_size, per_line, max_lines) = if title.chars().count() > 90 {
            (52, 32, 5)
        } else {
            (66, 25, 4)
        };
        let lines = wrap(title, per_line, max_lines);
        let line_height = font_size * 6 / 5;
        // Centre the headline in the band between the kicker and the meta line.
        let block = line_height * lines.len() as u32;
        let first_baseline = 150 + (330u32.saturating_sub(block)) / 2 + font_size;
        CardView {
            width: WIDTH,
            height: HEIGHT,
            kicker,
            lines,
            font_size,
            line_height,
            first_baseline,
            meta,
            site,
            background: &settings.card_background,
            foreground: &settings.card_foreground,
            accent: &settings.card_accent,
        }
    }
}

/// Splits `text` into at most `max_lines` lines of about `width`
/// characters, at spaces; what does not fit ends in an ellipsis.
pub(crate) fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines is at least 1");
        let keep: String = last.chars().take(width.saturating_sub(1)).collect();
        *last = format!("{}…", keep.trim_end());
    }
    // A single word longer than a line is cut rather than run off the card.
    for line in &mut lines {
        if line.chars().count() > width + 2 {
            *line = format!("{}…", line.chars().take(width).collect::<String>());
        }
    }
    lines
}

/// The fonts cards are drawn with, loaded once.
static FONTS: LazyLock<Arc<usvg::fontdb::Database>> = LazyLock::new(|| {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(include_bytes!("../../templates/fonts/DejaVuSerif-Bold.ttf").to_vec());
    db.load_font_data(include_bytes!("../../templates/fonts/DejaVuSans.ttf").to_vec());
    db.set_serif_family("DejaVu Serif");
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
});

/// Draws `svg` as a PNG of its own size; `Err` says why it cannot be drawn.
pub(crate) fn rasterise(svg: &str) -> Result<Vec<u8>, String> {
    let options = usvg::Options {
        // Nothing outside the SVG text is read: no files, no system fonts.
        resources_dir: None,
        font_family: "DejaVu Sans".to_owned(),
        fontdb: Arc::clone(&FONTS),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| "the SVG has no size".to_owned())?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_wrap_at_spaces_and_end_in_an_ellipsis() {
        assert_eq!(wrap("a bb ccc dddd", 6, 4), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("one two three four", 5, 2), ["one", "two…"]);
        assert_eq!(wrap("", 5, 2), Vec::<String>::new());
        assert_eq!(wrap("abcdefghijkl", 4, 2), ["abcd…"]);
    }

    #[test]
    fn draws_text_with_the_bundled_fonts() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="63"><rect width="120" height="63" fill="#fff"/><text x="5" y="40" font-family="serif" font-size="30">Hi</text></svg>"##;
        let png = rasterise(svg).unwrap();
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (120, 63));
        // The text left dark pixels on the white card.
        assert!(image.pixels().any(|p| p.0[0] < 100));
    }

    #[test]
    fn bad_svg_is_an_error() {
        assert!(rasterise("<svg").is_err());
    }
}
