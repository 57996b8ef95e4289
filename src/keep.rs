//! Files of the output folder that a build never removes.
//!
//! `[build] keep` lists globs relative to the output folder (`CNAME`,
//! `.well-known/**`): files the site's host or the user put there. `.git/`
//! is always kept, whatever the list says.

use globset::{GlobSet, GlobSetBuilder};

/// The compiled `[build] keep` globs.
#[derive(Debug, Clone)]
pub struct KeepList {
    set: GlobSet,
}

impl KeepList {
    /// Compiles `patterns`; the error names the first bad one.
    pub fn new(patterns: &[&str]) -> Result<KeepList, String> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    format!("`{pattern}` in `build.keep` is not a glob: {e}; use globs such as `CNAME` or `.well-known/**`")
                })?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| format!("`build.keep` has a bad glob: {e}"))?;
        Ok(KeepList { set })
    }

    /// True when the file at `rel` (relative to the output folder, with `/`)
    /// must be left alone: it is in `.git/` or matches a glob.
    pub fn keeps(&self, rel: &str) -> bool {
        rel == ".git" || rel.starts_with(".git/") || self.set.is_match(rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_git_and_the_listed_globs_only() {
        let keep = KeepList::new(&["CNAME", ".well-known/**"]).unwrap();
        for kept in [
            ".git/HEAD",
            ".git/objects/ab/cd",
            "CNAME",
            ".well-known/security.txt",
        ] {
            assert!(keep.keeps(kept), "{kept}");
        }
        for gone in [
            "index.html",
            "a/CNAME",
            ".gitignore",
            "articles/x/index.html",
        ] {
            assert!(!keep.keeps(gone), "{gone}");
        }
        let err = KeepList::new(&["a[b"]).unwrap_err();
        assert!(err.contains("`a[b`"), "{err}");
    }
}
