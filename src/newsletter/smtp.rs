//! The SMTP connection, from `[newsletter]` and the environment.

use std::path::Path;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

use super::config::{NewsletterConfig, SmtpSecurity};
use crate::error::{Error, Result};

/// The environment variable with the SMTP user name.
pub(crate) const USER_VAR: &str = "BROADSHEET_SMTP_USER";
/// The environment variable with the SMTP password.
pub(crate) const PASSWORD_VAR: &str = "BROADSHEET_SMTP_PASSWORD";

/// A connection to the configured SMTP server (`root` is the site's, for
/// `smtp_ca_file`), logged in with the credentials of the environment when
/// `BROADSHEET_SMTP_USER` is set.
pub(crate) fn connect(config: &NewsletterConfig, root: &Path) -> Result<Mailer> {
    let host = config.smtp_host.as_str();
    let bad = |e: lettre::transport::smtp::Error| {
        Error::Invalid(format!(
            "cannot set up SMTP to `{host}`: {e}\n  help: check `[newsletter] smtp_host`, `smtp_security` and `smtp_ca_file` in config.toml"
        ))
    };
    let tls = || -> Result<TlsParameters> {
        let mut tls = TlsParameters::builder(host.to_owned());
        if let Some(file) = &config.smtp_ca_file {
            let pem = crate::fs::read(&root.join(file))?;
            tls = tls.add_root_certificate(Certificate::from_pem(&pem).map_err(bad)?);
        }
        tls.build().map_err(bad)
    };
    let builder = SmtpTransport::builder_dangerous(host).tls(match config.smtp_security {
        SmtpSecurity::Starttls => Tls::Required(tls()?),
        SmtpSecurity::Tls => Tls::Wrapper(tls()?),
        SmtpSecurity::None => Tls::None,
    });
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
pub(crate) struct Mailer {
    transport: SmtpTransport,
    server: String,
}

impl Mailer {
    /// Delivers `message`; the error says what the server answered.
    pub(crate) fn send(&self, message: &Message) -> std::result::Result<(), String> {
        self.transport
            .send(message)
            .map(drop)
            .map_err(|e| format!("{} refused or failed: {e}", self.server))
    }
}
