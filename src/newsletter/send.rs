//! `broadsheet send`: an edition's email to every recipient, once each.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use lettre::Address;
use lettre::message::Mailbox;

use super::message::Edition;
use super::plain::decode;
use super::recipients;
use super::sent_log::{self, Delivery, SentLog};
use super::smtp;
use crate::config::{CONFIG_FILE, Config};
use crate::error::{Error, Result};

/// What to send, and how.
#[derive(Debug, Clone, Default)]
pub(crate) struct SendOptions {
    /// The edition's date, `yyyy-mm-dd`.
    pub edition: String,
    /// Send to this address only, instead of the recipients file.
    pub to: Option<Address>,
    /// Send again to recipients who already got the edition.
    pub resend: bool,
    /// Say what would be sent; send nothing, record nothing.
    pub dry_run: bool,
    /// Write the message (to `to`, or the list's first recipient) to this
    /// file instead of sending it.
    pub eml: Option<PathBuf>,
}

/// What `send` did (or, on a dry run, would do).
#[derive(Debug, Clone)]
pub(crate) struct SendReport {
    /// The subject line.
    pub subject: String,
    /// The sender.
    pub from: String,
    /// The recipients sent to (or who would be), in order.
    pub sent: Vec<String>,
    /// Recipients skipped because the sent log has them.
    pub skipped: usize,
    /// The sent log.
    pub log: PathBuf,
    /// The file written by `--eml`.
    pub eml: Option<PathBuf>,
}

/// Sends the edition of `options.edition` of the site at `root`, calling
/// `progress` after each delivered message.
pub(crate) fn send(
    root: &Path,
    options: &SendOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<SendReport> {
    let config = Config::load(root)?;
    let date = parse_date(&options.edition)?;
    let edition = load_edition(root, &config, &date)?;
    let list = match &options.to {
        Some(to) => vec![to.clone()],
        None => recipients::load(root, &config.newsletter.recipients)?,
    };
    let log_path = sent_log::path(root, &date);
    let mut report = SendReport {
        subject: edition.subject.clone(),
        from: edition.from.to_string(),
        sent: Vec::new(),
        skipped: 0,
        log: log_path.clone(),
        eml: None,
    };
    if let Some(file) = &options.eml {
        let to = list.first().ok_or_else(|| {
            Error::Invalid("the recipients file is empty\n  help: pass `--to ADDRESS` to say whom the message is for".into())
        })?;
        let message = edition.message(to, SystemTime::now()).map_err(mime_error)?;
        crate::fs::write(file, &message.formatted())?;
        report.sent.push(to.to_string());
        report.eml = Some(file.clone());
        return Ok(report);
    }
    let mut log = SentLog::load(&log_path, &date)?;
    let already = |log: &SentLog| list.iter().filter(|a| log.has(a.as_ref())).count();
    let whole_list = options.to.is_none();
    if !options.resend
        && ((whole_list && log.complete) || (!whole_list && already(&log) == list.len()))
    {
        return Err(Error::Invalid(format!(
            "the edition {date} was already sent to {} ({})\n  help: pass `--resend` to send it again",
            crate::report::count(log.sent.len(), "recipient"),
            rel(root, &log_path)
        )));
    }
    if options.resend && !options.dry_run {
        log.sent
            .retain(|d| !list.iter().any(|a| d.to.eq_ignore_ascii_case(a.as_ref())));
        log.complete = false;
        log.resends += 1;
    }
    let pending: Vec<&Address> = list
        .iter()
        .filter(|a| options.resend || !log.has(a.as_ref()))
        .collect();
    report.skipped = list.len() - pending.len();
    if options.dry_run {
        report.sent = pending.iter().map(|a| a.to_string()).collect();
        return Ok(report);
    }
    let mailer = if pending.is_empty() {
        None
    } else {
        Some(smtp::connect(&config.newsletter, root)?)
    };
    for (done, to) in pending.iter().enumerate() {
        let message = edition.message(to, SystemTime::now()).map_err(mime_error)?;
        let mailer = mailer.as_ref().expect("connected when anyone is pending");
        if let Err(e) = mailer.send(&message) {
            return Err(Error::Invalid(format!(
                "sending the edition {date} to {to} failed: {e}\n  help: {} of {} got it (listed in {}); fix the problem and run `broadsheet send {date}` again to send to the others",
                report.skipped + done,
                list.len(),
                rel(root, &log_path)
            )));
        }
        log.sent.push(Delivery {
            to: to.to_string(),
            at: jiff::Timestamp::now().to_string(),
            message_id: edition.message_id(to),
        });
        log.save(&log_path)?;
        report.sent.push(to.to_string());
        progress(to.as_ref());
    }
    if whole_list {
        log.complete = true;
        log.save(&log_path)?;
    }
    Ok(report)
}

fn mime_error(e: lettre::error::Error) -> Error {
    Error::Invalid(format!("cannot build the message: {e}"))
}

fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// An edition's date, checked (it names a folder of the output).
fn parse_date(edition: &str) -> Result<String> {
    let edition = edition.trim().trim_end_matches('/');
    let edition = edition.rsplit('/').next().unwrap_or(edition);
    edition
        .parse::<jiff::civil::Date>()
        .map(|d| d.to_string())
        .map_err(|_| {
            Error::Invalid(format!(
                "`{edition}` is not an edition's date\n  help: name the edition by its date, such as `broadsheet send 2026-11-26`"
            ))
        })
}

/// The built email of the edition of `date`, with the message settings.
fn load_edition(root: &Path, config: &Config, date: &str) -> Result<Edition> {
    let n = &config.newsletter;
    let from = n.from.as_deref().ok_or_else(|| {
        Error::Invalid(format!(
            "`[newsletter] from` is not set in {CONFIG_FILE}\n  help: set the sender, such as `from = \"{} <digest@example.org>\"`",
            config.title
        ))
    })?;
    let mailbox = |key: &str, value: &str| {
        value.parse::<Mailbox>().map_err(|e| {
            Error::Invalid(format!(
                "`[newsletter] {key}` in {CONFIG_FILE} is not a mailbox: {e}\n  help: write `Name <address@example.org>` or just the address"
            ))
        })
    };
    let from = mailbox("from", from)?;
    let reply_to = n
        .reply_to
        .as_deref()
        .map(|r| mailbox("reply_to", r))
        .transpose()?;
    let dir = root.join(&config.output_dir).join("editions").join(date);
    let (html_path, text_path) = (dir.join("email.html"), dir.join("email.txt"));
    if !html_path.is_file() || !text_path.is_file() {
        return Err(Error::Invalid(format!(
            "there is no email of the edition {date} in `{}`\n  help: run `broadsheet build` first; `[newsletter] enabled` must be true, and the date must be an edition's",
            rel(root, &dir)
        )));
    }
    let html = crate::fs::read_to_string(&html_path)?;
    let text = crate::fs::read_to_string(&text_path)?;
    let subject = html
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(t, _)| decode(t.trim()))
        .unwrap_or_else(|| config.title.clone());
    let host = config
        .base_url
        .as_str()
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', ':']).next())
        .unwrap_or("localhost")
        .to_owned();
    Ok(Edition {
        date: date.to_owned(),
        subject,
        from,
        reply_to,
        list_id: n.list_id.clone().unwrap_or(host),
        list_name: config.title.clone(),
        unsubscribe_url: n.unsubscribe_url.clone(),
        html,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_are_named_by_date_only() {
        assert_eq!(parse_date("2025-07-21").unwrap(), "2025-07-21");
        assert_eq!(parse_date("editions/2025-07-21/").unwrap(), "2025-07-21");
        for bad in ["../../etc", "2025-13-01", "", "latest"] {
            let err = parse_date(bad).unwrap_err().to_string();
            assert!(err.contains("help:"), "{err}");
        }
    }
}
