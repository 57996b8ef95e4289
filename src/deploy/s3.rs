//! The S3 target: any S3-compatible bucket (AWS S3, Cloudflare R2, MinIO,
//! Backblaze B2…).
//!
//! Requests are signed by `rusty-s3`, a sans-IO crate (it only builds
//! presigned URLs), and sent with `ureq`, a small blocking HTTP client.
//! Together they add a few dozen light crates; `aws-sdk-s3` would bring
//! tokio, hyper and the whole Smithy runtime (hundreds of crates and
//! minutes of CI build time on two cores) for the two calls deploy makes:
//! PUT and DELETE of an object.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use rusty_s3::actions::{DeleteObject, PutObject, S3Action};
use rusty_s3::{Bucket, Credentials};

use super::Transport;
use super::credentials::{self, Env};
use super::object::ObjectRules;
use crate::config::DeployTarget;
use crate::config::deploy::UrlStyle;
use crate::error::{Error, Result};
use crate::fs;

/// How long a signed request stays valid.
const SIGNED_FOR: Duration = Duration::from_secs(15 * 60);

/// A bucket, ready to take files.
pub(super) struct S3 {
    bucket: Bucket,
    credentials: Credentials,
    prefix: String,
    rules: ObjectRules,
    agent: ureq::Agent,
}

/// The folder inside the bucket: no leading `/`, a trailing one unless empty.
pub(super) fn prefix(target: &DeployTarget) -> String {
    let p = target.prefix.as_deref().unwrap_or("").trim_matches('/');
    if p.is_empty() {
        String::new()
    } else {
        format!("{p}/")
    }
}

impl S3 {
    /// Connects nothing yet: checks the settings and finds the credentials.
    pub(super) fn open(target: &DeployTarget, env: &Env) -> Result<S3> {
        let region = target.region.clone().unwrap_or_else(|| "us-east-1".into());
        let endpoint = target
            .endpoint
            .clone()
            .unwrap_or_else(|| format!("https://s3.{region}.amazonaws.com"));
        let style = match target.url_style {
            Some(UrlStyle::Virtual) => rusty_s3::UrlStyle::VirtualHost,
            Some(UrlStyle::Path) => rusty_s3::UrlStyle::Path,
            None if target.endpoint.is_none() => rusty_s3::UrlStyle::VirtualHost,
            None => rusty_s3::UrlStyle::Path,
        };
        let bad = |e: &dyn std::fmt::Display| {
            Error::Invalid(format!(
                "deploy target `{}`: endpoint `{endpoint}` is not usable: {e}",
                target.name
            ))
        };
        let url = endpoint.parse().map_err(|e| bad(&e))?;
        let name = target.bucket.clone().unwrap_or_default();
        let bucket = Bucket::new(url, style, name, region).map_err(|e| bad(&e))?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(S3 {
            bucket,
            credentials: credentials::find(env, &target.name)?,
            prefix: prefix(target),
            rules: ObjectRules::new(&target.cache_control, target.compress)?,
            agent,
        })
    }

    fn put(&self, out_dir: &Path, path: &str) -> Result<()> {
        let object = self.rules.object(path, fs::read(&out_dir.join(path))?);
        let key = format!("{}{path}", self.prefix);
        let mut action = PutObject::new(&self.bucket, Some(&self.credentials), &key);
        let mut headers = vec![
            ("content-type", object.content_type.as_str()),
            ("cache-control", object.cache_control.as_str()),
        ];
        if let Some(encoding) = object.content_encoding {
            headers.push(("content-encoding", encoding));
        }
        for (name, value) in &headers {
            action.headers_mut().insert(*name, *value);
        }
        let url = action.sign(SIGNED_FOR);
        let mut request = self.agent.put(url.as_str());
        for (name, value) in &headers {
            request = request.header(*name, *value);
        }
        self.check(request.send(&object.body[..]), "upload", &key)
    }

    fn remove(&self, path: &str) -> Result<()> {
        let key = format!("{}{path}", self.prefix);
        let url = DeleteObject::new(&self.bucket, Some(&self.credentials), &key).sign(SIGNED_FOR);
        self.check(self.agent.delete(url.as_str()).call(), "delete", &key)
    }

    /// Turns a failed request into an error naming the object and what
    /// the service said.
    fn check(
        &self,
        response: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
        what: &str,
        key: &str,
    ) -> Result<()> {
        let bucket = self.bucket.name();
        let mut response = response.map_err(|e| {
            Error::Invalid(format!(
                "{what} of `{key}` to bucket `{bucket}` failed: {e}\n  help: check `endpoint` and your network, then run deploy again: what went up is not sent again"
            ))
        })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(4096)
            .read_to_string()
            .unwrap_or_default();
        Err(Error::Invalid(format!(
            "{what} of `{key}` to bucket `{bucket}` failed with HTTP {status}: {}\n  help: check the bucket name, its region and your credentials' rights; deploy again to finish",
            body.trim()
        )))
    }
}

/// Requests in flight at once: object stores answer each in tens of
/// milliseconds, so one at a time would leave the link idle.
const WORKERS: usize = 8;

/// Runs `task` on every item with [`WORKERS`] threads; stops handing out
/// items after the first failure. Returns each item's index and result.
fn in_parallel<T: Sync>(
    items: &[T],
    task: impl Fn(&T) -> Result<()> + Sync,
) -> Vec<(usize, Result<()>)> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let mut results: Vec<(usize, Result<()>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..WORKERS.min(items.len()))
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    while !failed.load(Ordering::Relaxed) {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let result = task(item);
                        if result.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        done.push((i, result));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("upload threads do not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results
}

impl Transport for S3 {
    fn step(&self) -> Option<usize> {
        Some(64)
    }

    fn apply(
        &mut self,
        out_dir: &Path,
        sends: &[String],
        deletes: &[String],
        sent: &mut Vec<String>,
    ) -> Result<()> {
        let this = &*self;
        let mut first_error = None;
        for (i, result) in in_parallel(sends, |path| this.put(out_dir, path)) {
            match result {
                Ok(()) => sent.push(sends[i].clone()),
                Err(e) => first_error = first_error.or(Some(e)),
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
        in_parallel(deletes, |path| this.remove(path))
            .into_iter()
            .try_for_each(|(_, result)| result)
    }
}
