//! Turning a content file's bytes into text the parsers can trust.
//!
//! Content files must be UTF-8. A byte-order mark is dropped, and `\r\n` and
//! lone `\r` line endings become `\n`, so line numbers in messages match what
//! an editor shows.

use std::path::Path;

use crate::diagnostic::{Diagnostic, LineCol};
use crate::error::Error;
use crate::fs;

/// Files larger than this are refused: no article is this long, and reading
/// one would cost the whole build its memory.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Reads and decodes the content file `abs` (shown as `rel`), or says why
/// it cannot be read as text. A file over [`MAX_FILE_BYTES`] is refused
/// from its size alone, without reading it.
pub fn read(rel: &str, abs: &Path) -> Result<String, Diagnostic> {
    match fs::read_at_most(abs, MAX_FILE_BYTES) {
        Ok(Ok(bytes)) => decode(rel, bytes),
        Ok(Err(size)) => Err(too_large(rel, size)),
        Err(e) => {
            let reason = match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            Err(
                Diagnostic::error("unreadable", rel, format!("cannot be read: {reason}"))
                    .with_help("check the file's permissions"),
            )
        }
    }
}

fn too_large(rel: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        "too-large",
        rel,
        format!(
            "the file is {:.1} MB; content files over {} MB are refused",
            size as f64 / 1e6,
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .with_help("split the article, or move large data to `static/`")
}

/// Decodes a content file, or says why it cannot be read as text.
pub fn decode(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(rel, bytes.len() as u64));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..nul].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Diagnostic::error(
            "binary-file",
            rel,
            "this is a binary file, not Markdown text",
        )
        .at(LineCol {
            line: line as u32,
            col: 1,
        })
        .with_help("remove it from `content/`; images and downloads belong in `static/`"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let at = LineCol::at(
            std::str::from_utf8(&bytes[..valid]).unwrap_or_default(),
            valid,
        );
        Diagnostic::error(
            "not-utf8",
            rel,
            format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
        )
        .at(at)
        .with_help("save the file as UTF-8 in your editor")
    })?;
    Ok(normalize(text))
}

/// Drops a byte-order mark and turns every line ending into `\n`.
pub fn normalize(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_bom_are_normalised() {
        let t = decode("a.md", b"\xEF\xBB\xBFa\r\nb\rc\n".to_vec()).unwrap();
        assert_eq!(t, "a\nb\nc\n");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let d = decode("a.md", b"ok\nbad \xFF here".to_vec()).unwrap_err();
        assert_eq!(d.code, "not-utf8");
        assert_eq!(d.location, Some(LineCol { line: 2, col: 5 }));
    }

    #[test]
    fn binary_files_are_refused() {
        let d = decode("a.md", b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert_eq!(d.code, "binary-file");
    }
}
