//! S3 credentials, from where the AWS tools look for them: the environment
//! (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
//! then the profile `AWS_PROFILE` (else `default`) of the shared
//! credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else
//! `~/.aws/credentials`). Never from `config.toml`, which is often public.

use std::path::PathBuf;

use rusty_s3::Credentials;

use crate::error::{Error, Result};

/// The variables that matter, read once (tests pass their own).
#[derive(Debug, Clone, Default)]
pub(crate) struct Env {
    /// `AWS_ACCESS_KEY_ID`.
    pub key: Option<String>,
    /// `AWS_SECRET_ACCESS_KEY`.
    pub secret: Option<String>,
    /// `AWS_SESSION_TOKEN`.
    pub token: Option<String>,
    /// `AWS_PROFILE`.
    pub profile: Option<String>,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else `$HOME/.aws/credentials`.
    pub file: Option<PathBuf>,
}

impl Env {
    /// Reads the process environment.
    pub(crate) fn from_process() -> Env {
        let var = |name| std::env::var(name).ok().filter(|v: &String| !v.is_empty());
        Env {
            key: var("AWS_ACCESS_KEY_ID"),
            secret: var("AWS_SECRET_ACCESS_KEY"),
            token: var("AWS_SESSION_TOKEN"),
            profile: var("AWS_PROFILE"),
            file: var("AWS_SHARED_CREDENTIALS_FILE")
                .map(PathBuf::from)
                .or_else(|| var("HOME").map(|h| PathBuf::from(h).join(".aws/credentials"))),
        }
    }
}

/// The credentials for target `target`.
pub(crate) fn find(env: &Env, target: &str) -> Result<Credentials> {
    if let (Some(key), Some(secret)) = (&env.key, &env.secret) {
        return Ok(match &env.token {
            Some(token) => Credentials::new_with_token(key, secret, token),
            None => Credentials::new(key, secret),
        });
    }
    let profile = env.profile.as_deref().unwrap_or("default");
    let missing = || {
        Error::Invalid(format!(
            "no S3 credentials for deploy target `{target}`\n  help: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or add a `[{profile}]` profile to ~/.aws/credentials (AWS_PROFILE picks another)"
        ))
    };
    let Some(file) = env.file.as_ref().filter(|f| f.is_file()) else {
        return Err(missing());
    };
    let ini = ini::Ini::load_from_file(file)
        .map_err(|e| Error::Invalid(format!("`{}` cannot be read: {e}", file.display())))?;
    let section = ini.section(Some(profile)).ok_or_else(missing)?;
    match (
        section.get("aws_access_key_id"),
        section.get("aws_secret_access_key"),
    ) {
        (Some(key), Some(secret)) => Ok(match section.get("aws_session_token") {
            Some(token) => Credentials::new_with_token(key, secret, token),
            None => Credentials::new(key, secret),
        }),
        _ => Err(Error::Invalid(format!(
            "profile `{profile}` of `{}` needs aws_access_key_id and aws_secret_access_key",
            file.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_comes_first() {
        let env = Env {
            key: Some("K".into()),
            secret: Some("S".into()),
            token: Some("T".into()),
            ..Env::default()
        };
        let c = find(&env, "t").unwrap();
        assert_eq!((c.key(), c.secret(), c.token()), ("K", "S", Some("T")));
    }

    #[test]
    fn then_the_profile_of_the_shared_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        crate::fs::write(
            &file,
            b"[default]\naws_access_key_id = D\naws_secret_access_key = DS\n\n[site]\naws_access_key_id = P\naws_secret_access_key = PS\n",
        )
        .unwrap();
        let env = |profile: Option<&str>| Env {
            profile: profile.map(str::to_owned),
            file: Some(file.clone()),
            ..Env::default()
        };
        assert_eq!(find(&env(None), "t").unwrap().key(), "D");
        assert_eq!(find(&env(Some("site")), "t").unwrap().secret(), "PS");
        let err = find(&env(Some("nope")), "t").unwrap_err().to_string();
        assert!(err.contains("`[nope]` profile"), "{err}");
    }

    #[test]
    fn none_at_all_says_where_to_put_them() {
        let err = find(&Env::default(), "prod").unwrap_err().to_string();
        assert!(
            err.contains("AWS_ACCESS_KEY_ID") && err.contains("`prod`"),
            "{err}"
        );
    }
}
