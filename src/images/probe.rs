//! Finding an article's lead image and reading its size from the header,
//! without decoding a pixel: a 20,000×20,000 PNG is refused here, in
//! microseconds, before anything is allocated for it.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageDecoder, ImageFormat, ImageReader, metadata::Orientation};
use sha2::{Digest, Sha256};

use super::LeadImage;
use crate::config::ImagesConfig;
use crate::diagnostic::{Diagnostic, LineCol};
use crate::model::Article;
use crate::source::STATIC_DIR;

/// What a lead image's file is, as far as its header tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    /// Width after the EXIF orientation is applied.
    pub(super) width: u32,
    /// Height after the EXIF orientation is applied.
    pub(super) height: u32,
    /// Whether it keeps a PNG fallback (it may have transparency) or a JPEG one.
    pub(super) png: bool,
}

/// True for an `image` value the build processes: a site path (not a
/// remote address) of a raster image (an SVG is shown as it is, at any size).
pub(crate) fn processes(src: &str) -> bool {
    let remote = src.contains("://") || src.starts_with("//") || src.starts_with("data:");
    let svg = Path::new(src)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    !remote && !svg
}

/// The lead image of `a`, when it is a file of the site; `Err` says why it
/// cannot be used (a warning: the page is built without it).
pub(super) fn lead_image(
    root: &Path,
    a: &Article,
    settings: &ImagesConfig,
) -> Option<Result<LeadImage, Diagnostic>> {
    let src = a.image.as_deref().filter(|s| processes(s))?;
    Some(probe(root, a, src, settings))
}

fn probe(
    root: &Path,
    a: &Article,
    src: &str,
    settings: &ImagesConfig,
) -> Result<LeadImage, Diagnostic> {
    let problem = |message: String, help: &str| {
        Diagnostic::warning("image", &a.file, message)
            .at_opt(image_key_line(&a.source_file))
            .with_help(help.to_owned())
    };
    let Some(image) = a.site_image().filter(|i| i.is_contained()) else {
        return Err(problem(
            format!(
                "the image `{src}` is not a path inside `{STATIC_DIR}/` or the article's folder"
            ),
            "give the path of a file in `static/`, such as `/images/lead.jpg`, or of a file beside an article that has a folder of its own (`lead.jpg` beside its `index.md`)",
        ));
    };
    let abs: PathBuf = root.join(&image.file);
    let file = &image.file;
    let bytes = crate::fs::read(&abs).map_err(|_| {
        let help = if image.beside {
            "add the file beside the article's `index.md`, or start the path with `/` for a file of `static/`"
        } else {
            "add the file to `static/`, or correct the `image` path"
        };
        problem(
            format!("the image `{file}` does not exist or cannot be read"),
            help,
        )
    })?;
    let header = read_header(&bytes, settings.max_pixels).map_err(|why| {
        problem(
            format!("the image `{file}` cannot be used: {why}"),
            "use a JPEG, PNG or WebP file of at most the configured `images.max_pixels`",
        )
    })?;
    Ok(LeadImage {
        file: a.file.clone(),
        line: image_key_line(&a.source_file),
        abs,
        source: image.file.clone(),
        id: id(&bytes, settings),
        width: header.width,
        height: header.height,
        png: header.png,
        widths: widths(header.width, &settings.widths),
    })
}

/// Reads the size and orientation of an encoded image; `Err` says in plain
/// words what is wrong with it.
pub(super) fn read_header(bytes: &[u8], max_pixels: u64) -> Result<Header, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        Some(other) => return Err(format!("{other:?} images are not supported")),
        None => return Err("it is not an image (not JPEG, PNG or WebP)".to_owned()),
    };
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("its header cannot be read ({e})"))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err("it has no pixels".to_owned());
    }
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(format!(
            "it is {w}×{h} pixels, more than the {max_pixels} pixels allowed"
        ));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Header {
        width,
        height,
        png: format != ImageFormat::Jpeg,
    })
}

/// The widths made of an image `width` pixels wide: the configured ones
/// below it, and the largest configured one capped at the image's own.
pub(super) fn widths(width: u32, configured: &[u32]) -> Vec<u32> {
    let largest = configured.iter().copied().max().unwrap_or(width).min(width);
    let mut out: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|&w| w < largest)
        .collect();
    out.push(largest);
    out.sort_unstable();
    out.dedup();
    out
}

/// The cache key of an image: its bytes and every setting its files depend on.
fn id(bytes: &[u8], settings: &ImagesConfig) -> String {
    let mut h = Sha256::new();
    h.update(bytes);
    h.update(
        format!(
            "{:?} {} {} v1",
            settings.widths, settings.quality, settings.avif_speed
        )
        .as_bytes(),
    );
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The line of the `image` key in an article's front matter, read again
/// only to point a problem at it.
fn image_key_line(source: &Path) -> Option<LineCol> {
    let text = crate::fs::read_to_string(source).ok()?;
    let offset = text
        .lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "+++")
        .position(|l| {
            l.strip_prefix("image")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })?;
    Some(LineCol {
        line: offset as u32 + 2,
        col: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(w, h)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn remote_and_svg_images_are_not_processed() {
        assert!(processes("images/a.jpg"));
        assert!(processes("/a.PNG"));
        assert!(!processes("https://cdn.example/a.jpg"));
        assert!(!processes("//cdn.example/a.jpg"));
        assert!(!processes("/img/lead.SVG"));
    }

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(widths(2000, &[480, 960, 1440]), [480, 960, 1440]);
        assert_eq!(widths(1200, &[480, 960, 1440]), [480, 960, 1200]);
        assert_eq!(widths(300, &[480, 960, 1440]), [300]);
        assert_eq!(widths(960, &[960, 480]), [480, 960]);
    }

    #[test]
    fn headers_give_size_and_fallback() {
        let h = read_header(&png(40, 20), 1_000_000).unwrap();
        assert_eq!((h.width, h.height, h.png), (40, 20, true));
    }

    #[test]
    fn huge_and_non_images_are_refused() {
        let err = read_header(&png(40, 20), 100).unwrap_err();
        assert!(err.contains("40×20"), "{err}");
        let err = read_header(b"hello, world", 100).unwrap_err();
        assert!(err.contains("not an image"), "{err}");
    }

    #[test]
    fn the_image_key_is_found_in_the_front_matter() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(
            &file,
            "+++\ntitle = \"A\"\nimage = \"x.png\"\n+++\nimage = no\n",
        )
        .unwrap();
        assert_eq!(image_key_line(&file).map(|l| l.line), Some(3));
    }
}
