//! The SMTP connection, from `[newsletter]` and the environment.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use super::config::{NewsletterConfig, SmtpSecurity};
use crate::error::{Error, Result};

/// The environment variable with the SMTP user name.
pub const USER_VAR: &str = "BROADSHEET_SMTP_USER";
/// The environment variable with the SMTP password.
pub const PASSWORD_VAR: &str = "BROADSHEET_SMTP_PASSWORD";

/// A connection to the configured SMTP server, logged in with the
/// credentials of the environment when `BROADSHEET_SMTP_USER` is set.
pub fn connect(config: &NewsletterConfig) -> Result<Mailer> {
    let host = config.smtp_host.as_str();
    let bad = |e: lettre::transport::smtp::Error| {
        Error::Invalid(format!(
            "cannot set up SMTP to `{host}`: {e}\n  help: check `[newsletter] smtp_host` and `smtp_security` in config.toml"
        ))
    };
    let builder = match config.smtp_security {
        SmtpSecurity::Starttls => SmtpTransport::builder_dangerous(host).tls(Tls::Required(
            TlsParameters::new(host.to_owned()).map_err(bad)?,
        )),
        SmtpSecurity::Tls => SmtpTransport::builder_dangerous(host).tls(Tls::Wrapper(
            TlsParameters::new(host.to_owned()).map_err(bad)?,
        )),
        SmtpSecurity::None => SmtpTransport::builder_dangerous(host).tls(Tls::None),
    };
    let mut builder = builder
        .port(config.port())
        .timeout(Some(Duration::from_secs(30)));
    match (std::env::var(USER_VAR), std::env::var(PASSWORD_VAR)) {
        (Ok(user), Ok(password)) => builder = builder.credentials(Credentials::new(user, password)),
        (Ok(_), Err(_)) => {
            return Err(Error::Invalid(format!(
                "{USER_VAR} is set but {PASSWORD_VAR} is not\n  help: set both, or neither for a server that needs no login"
            )));
        }
        _ => {}
    }
    Ok(Mailer {
        transport: builder.build(),
        server: format!("{host}:{}", config.port()),
    })
}

/// An SMTP client.
pub struct Mailer {
    transport: SmtpTransport,
    server: String,
}

impl Mailer {
    /// Delivers `message`; the error says what the server answered.
    pub fn send(&self, message: &Message) -> std::result::Result<(), String> {
        self.transport
            .send(message)
            .map(drop)
            .map_err(|e| format!("{} refused or failed: {e}", self.server))
    }
}
