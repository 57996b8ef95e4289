//! The `[[deploy]]` tables: where `broadsheet deploy` publishes the site
//! (`docs/deploy.md`).
//!
//! One flat table per target, checked by kind: a key that belongs to another
//! kind of target is an error, so a typo never silently does nothing.
//! Credentials are never read from here: S3 keys come from the environment
//! or the standard AWS files, SSH keys from the user's SSH setup.

use serde::Deserialize;

/// One publishing target.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployTarget {
    /// The target's name, given to `broadsheet deploy NAME`.
    pub name: String,
    /// How the site is published.
    pub kind: DeployKind,
    /// rsync: where to, as rsync writes it (`user@host:/var/www/site/`).
    #[serde(default)]
    pub destination: Option<String>,
    /// rsync: the remote shell command (`ssh -p 2222 -i ~/.ssh/site`), else `ssh`.
    #[serde(default)]
    pub rsh: Option<String>,
    /// rsync: the SSH port, when `rsh` is not set.
    #[serde(default)]
    pub port: Option<u16>,
    /// s3: the bucket's name.
    #[serde(default)]
    pub bucket: Option<String>,
    /// s3: the service's address (default AWS S3 in `region`).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// s3: the bucket's region (default `us-east-1`; `auto` for Cloudflare R2).
    #[serde(default)]
    pub region: Option<String>,
    /// s3: address the bucket in the path (`path`, for MinIO and most
    /// local servers) or in the host name (`virtual`, the AWS default).
    #[serde(default)]
    pub url_style: Option<UrlStyle>,
    /// s3: a folder inside the bucket to publish under (`site/`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// s3: store text files precompressed with this encoding.
    #[serde(default)]
    pub compress: Option<Compression>,
    /// s3: `Cache-Control` by path pattern; the first matching rule wins.
    #[serde(default)]
    pub cache_control: Vec<CacheRule>,
    /// git: the repository to push to (default: the site repository's `origin`).
    #[serde(default)]
    pub repository: Option<String>,
    /// git: the branch to commit the site to (default `gh-pages`).
    #[serde(default)]
    pub branch: Option<String>,
    /// The host's most files per site (default: the kind's known limit, if any).
    #[serde(default)]
    pub max_files: Option<usize>,
    /// The host's largest single file, in bytes (default: the kind's known limit).
    #[serde(default)]
    pub max_file_size: Option<u64>,
}

/// How a target publishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DeployKind {
    /// The system `rsync` over SSH.
    Rsync,
    /// An S3-compatible bucket.
    S3,
    /// A branch of a git repository (GitHub Pages).
    Git,
}

impl DeployKind {
    /// The name written in `config.toml`.
    pub fn name(self) -> &'static str {
        match self {
            DeployKind::Rsync => "rsync",
            DeployKind::S3 => "s3",
            DeployKind::Git => "git",
        }
    }
}

/// How an S3 bucket is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlStyle {
    /// `https://endpoint/bucket/key`.
    Path,
    /// `https://bucket.endpoint/key`.
    Virtual,
}

/// A precompression of text files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// `Content-Encoding: gzip`, understood by every browser.
    Gzip,
    /// `Content-Encoding: br`, smaller, for HTTPS-only sites.
    Br,
}

/// One `Cache-Control` rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CacheRule {
    /// A glob over output paths (`**/*.html`, `static/**`).
    pub pattern: String,
    /// The header's value (`public, max-age=300`).
    pub value: String,
}

impl DeployTarget {
    /// What is wrong with this target, one message per problem.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let name = &self.name;
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            problems.push(format!(
                "deploy target name `{name}` must be letters, digits, `-` and `_`"
            ));
        }
        let set: [(&str, bool, DeployKind); 12] = [
            ("destination", self.destination.is_some(), DeployKind::Rsync),
            ("rsh", self.rsh.is_some(), DeployKind::Rsync),
            ("port", self.port.is_some(), DeployKind::Rsync),
            ("bucket", self.bucket.is_some(), DeployKind::S3),
            ("endpoint", self.endpoint.is_some(), DeployKind::S3),
            ("region", self.region.is_some(), DeployKind::S3),
            ("url_style", self.url_style.is_some(), DeployKind::S3),
            ("prefix", self.prefix.is_some(), DeployKind::S3),
            ("compress", self.compress.is_some(), DeployKind::S3),
            (
                "cache_control",
                !self.cache_control.is_empty(),
                DeployKind::S3,
            ),
            ("repository", self.repository.is_some(), DeployKind::Git),
            ("branch", self.branch.is_some(), DeployKind::Git),
        ];
        for (key, present, kind) in set {
            if present && kind != self.kind {
                problems.push(format!(
                    "deploy target `{name}`: `{key}` is a key of {} targets, not {}",
                    kind.name(),
                    self.kind.name()
                ));
            }
        }
        match self.kind {
            DeployKind::Rsync if self.destination.is_none() => problems.push(format!(
                "deploy target `{name}` needs `destination`, such as \"user@host:/var/www/site/\""
            )),
            DeployKind::Rsync if self.rsh.is_some() && self.port.is_some() => {
                problems.push(format!(
                    "deploy target `{name}`: set the port in `rsh` (`ssh -p PORT`) or `port`, not both"
                ));
            }
            DeployKind::S3 if self.bucket.is_none() => {
                problems.push(format!("deploy target `{name}` needs `bucket`"));
            }
            _ => {}
        }
        if let Some(endpoint) = &self.endpoint
            && !(endpoint.starts_with("http://") || endpoint.starts_with("https://"))
        {
            problems.push(format!(
                "deploy target `{name}`: `endpoint` `{endpoint}` must start with http:// or https://"
            ));
        }
        for rule in &self.cache_control {
            if let Err(e) = globset::Glob::new(&rule.pattern) {
                problems.push(format!(
                    "deploy target `{name}`: cache_control pattern `{}` is not a glob: {e}",
                    rule.pattern
                ));
            }
        }
        problems
    }
}

/// What is wrong with the list of targets as a whole (names used twice).
pub(crate) fn list_problems(targets: &[DeployTarget]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut problems: Vec<String> = targets.iter().flat_map(DeployTarget::problems).collect();
    for t in targets {
        if !seen.insert(t.name.as_str()) {
            problems.push(format!("deploy target `{}` is listed twice", t.name));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<DeployTarget> {
        #[derive(Deserialize)]
        struct T {
            deploy: Vec<DeployTarget>,
        }
        toml::from_str::<T>(text).unwrap().deploy
    }

    #[test]
    fn a_key_of_another_kind_is_named() {
        let t = parse(
            "[[deploy]]\nname = \"a\"\nkind = \"rsync\"\ndestination = \"h:/x\"\nbucket = \"b\"\n",
        );
        assert_eq!(
            list_problems(&t),
            ["deploy target `a`: `bucket` is a key of s3 targets, not rsync"]
        );
    }

    #[test]
    fn required_keys_and_duplicates() {
        let t = parse(
            "[[deploy]]\nname = \"a\"\nkind = \"s3\"\n[[deploy]]\nname = \"a\"\nkind = \"git\"\n",
        );
        assert_eq!(
            list_problems(&t),
            [
                "deploy target `a` needs `bucket`",
                "deploy target `a` is listed twice"
            ]
        );
    }

    #[test]
    fn bad_globs_and_endpoints() {
        let t = parse(
            "[[deploy]]\nname = \"a\"\nkind = \"s3\"\nbucket = \"b\"\nendpoint = \"ftp://x\"\ncache_control = [{ pattern = \"a/{b\", value = \"x\" }]\n",
        );
        let p = list_problems(&t);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].contains("must start with http"));
        assert!(p[1].contains("is not a glob"));
    }
}
