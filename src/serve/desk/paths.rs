//! Where the desk may write: files inside the site's `content/` folder only.

use std::path::{Component, Path, PathBuf};

use crate::source::CONTENT_DIR;

/// The absolute path of `rel` (relative to the site root) when it names a
/// file inside `content/`: no absolute path, no `..`, no symlink on the way
/// or at the end that leads out of `content/`. The file need not exist.
pub(crate) fn inside_content(root: &Path, rel: &str) -> Result<PathBuf, String> {
    let refuse = |why: &str| {
        Err(format!(
            "{rel}: {why}; the desk only writes inside {CONTENT_DIR}/"
        ))
    };
    let path = Path::new(rel);
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return refuse("not a plain relative path");
    }
    if path.components().next() != Some(Component::Normal(CONTENT_DIR.as_ref())) {
        return refuse("outside the content folder");
    }
    let content = root
        .join(CONTENT_DIR)
        .canonicalize()
        .map_err(|e| format!("{CONTENT_DIR}/: {e}"))?;
    let abs = root.join(path);
    let parent = abs.parent().ok_or_else(|| format!("{rel}: no folder"))?;
    let real_parent = match parent.canonicalize() {
        Ok(p) => p,
        Err(_) => return refuse("its folder does not exist"),
    };
    if !real_parent.starts_with(&content) {
        return refuse("its folder leads out of the content folder");
    }
    if crate::fs::link_target(&abs).is_some() {
        return refuse("it is a symbolic link");
    }
    Ok(real_parent.join(
        abs.file_name()
            .ok_or_else(|| format!("{rel}: no file name"))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_files_under_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::fs::write(&root.join("content/articles/a.md"), b"a").unwrap();
        crate::fs::write(&root.join("config.toml"), b"c").unwrap();
        crate::fs::create_dir_all(&root.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join("content/out")).unwrap();
        std::os::unix::fs::symlink(root.join("config.toml"), root.join("content/link.md")).unwrap();
        assert!(inside_content(root, "content/articles/a.md").is_ok());
        assert!(inside_content(root, "content/articles/new.md").is_ok());
        for bad in [
            "config.toml",
            "content/../config.toml",
            "/etc/passwd",
            "content/out/x.md",
            "content/link.md",
            "content/missing/x.md",
            "./content/articles/a.md",
        ] {
            assert!(inside_content(root, bad).is_err(), "{bad}");
        }
    }
}
