//! Mapping request paths to files of the preview folder, safely.

use std::path::{Path, PathBuf};

/// The file for a request path under `root`, or `None` when the path is
/// malformed or would leave `root` (`..`, `%2e%2e`, a symlink out of it).
/// Folders are served by their `index.html`.
pub(crate) fn resolve(root: &Path, raw_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(raw_path)?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return None,
            s if s.contains(['\\', '\0']) || s.starts_with('.') => return None,
            s => path.push(s),
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // Symlinks may not lead out of the folder.
    let real = path.canonicalize().ok()?;
    let real_root = root.canonicalize().ok()?;
    (real.starts_with(&real_root) && real.is_file()).then_some(real)
}

/// Decodes `%XX` escapes; `None` for invalid escapes or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The MIME type for a file name.
pub(crate) fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_files_and_index_and_refuses_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        crate::fs::write(&root.join("a/index.html"), b"a").unwrap();
        crate::fs::write(&root.join("x y.txt"), b"b").unwrap();
        crate::fs::write(&dir.path().join("secret.txt"), b"s").unwrap();
        assert!(resolve(&root, "/a/").unwrap().ends_with("a/index.html"));
        assert!(resolve(&root, "/a").unwrap().ends_with("a/index.html"));
        assert!(resolve(&root, "/x%20y.txt").is_some());
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/a%5c..%5csecret.txt",
            "/%zz",
            "/.hidden",
        ] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(
            resolve(&root, "/link.txt"),
            None,
            "symlinks out of the folder"
        );
        assert_eq!(resolve(&root, "/missing.html"), None);
    }

    #[test]
    fn mime_types() {
        assert_eq!(
            mime_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            mime_type(Path::new("atom.XML")),
            "application/xml; charset=utf-8"
        );
        assert_eq!(mime_type(Path::new("x")), "application/octet-stream");
    }
}
