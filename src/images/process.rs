//! Making a lead image's files: decode (within limits), turn upright by its
//! EXIF orientation, resize to each width, encode as AVIF, WebP and a
//! JPEG or PNG fallback.

use std::io::Cursor;

use image::codecs::avif::AvifEncoder;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};

use super::{Format, LeadImage};
use crate::config::ImagesConfig;

/// Every file of `lead`, as (format, width, bytes), from the source `bytes`.
/// `Err` says in plain words why the image cannot be decoded.
pub(super) fn variants(
    lead: &LeadImage,
    bytes: &[u8],
    settings: &ImagesConfig,
) -> Result<Vec<(Format, u32, Vec<u8>)>, String> {
    let image = decode(bytes, settings.max_pixels)?;
    let mut out = Vec::with_capacity(lead.widths.len() * 3);
    for &w in &lead.widths {
        let h = lead.height_at(w);
        let resized = if (w, h) == (image.width(), image.height()) {
            image.clone()
        } else {
            image.resize_exact(w, h, FilterType::CatmullRom)
        };
        for format in lead.formats() {
            let encoded = encode(&resized, format, settings)
                .map_err(|e| format!("it cannot be encoded as {format:?} ({e})"))?;
            out.push((format, w, encoded));
        }
    }
    Ok(out)
}

/// Decodes `bytes` upright, refusing images over `max_pixels` (and their
/// allocations) before decoding.
pub(super) fn decode(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut limits = Limits::default();
    // Four 16-bit channels per pixel at most, plus room for the decoder.
    limits.max_alloc = Some(max_pixels.saturating_mul(8).saturating_add(64 << 20));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("its header cannot be read ({e})"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(format!(
            "it is {w}×{h} pixels, more than the {max_pixels} pixels allowed"
        ));
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder)
        .map_err(|e| format!("it is damaged or truncated ({e})"))?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(image)
}

fn encode(
    image: &DynamicImage,
    format: Format,
    settings: &ImagesConfig,
) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    let has_alpha = image.color().has_alpha();
    // The encoders take 8-bit RGB(A); JPEG has no alpha channel.
    let pixels = match (format, has_alpha) {
        (Format::Jpeg, _) | (_, false) => DynamicImage::ImageRgb8(image.to_rgb8()),
        (_, true) => DynamicImage::ImageRgba8(image.to_rgba8()),
    };
    match format {
        Format::Avif => pixels.write_with_encoder(AvifEncoder::new_with_speed_quality(
            &mut out,
            settings.avif_speed,
            settings.quality,
        ))?,
        // image's WebP encoder is lossless only; AVIF comes first in the
        // `<picture>` for the browsers that read it.
        Format::WebP => pixels.write_with_encoder(WebPEncoder::new_lossless(&mut out))?,
        Format::Jpeg => {
            pixels.write_with_encoder(JpegEncoder::new_with_quality(&mut out, settings.quality))?
        }
        Format::Png => pixels.write_with_encoder(PngEncoder::new(&mut out))?,
    }
    Ok(out)
}
