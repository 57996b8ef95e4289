//! The only place that writes to the terminal: diagnostics, status lines
//! and progress bars go to stderr; data (`--dry-run`, JSON) goes to stdout
//! from the CLI.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostic::Diagnostics;

/// A progress bar on stderr, shown only when asked for and stderr is a terminal.
pub(crate) fn progress_bar(enabled: bool, len: u64, label: &'static str) -> ProgressBar {
    if !enabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(label);
    bar
}

/// Prints diagnostics (sorted) and a count line to stderr.
#[allow(clippy::print_stderr)]
pub(crate) fn diagnostics(diagnostics: &Diagnostics) {
    if diagnostics.is_empty() {
        return;
    }
    eprint!("{diagnostics}");
    let (e, w) = (diagnostics.error_count(), diagnostics.warning_count());
    match (e, w) {
        (0, w) => eprintln!("{}", count(w, "warning")),
        (e, 0) => eprintln!("{}", count(e, "error")),
        (e, w) => eprintln!("{}, {}", count(e, "error"), count(w, "warning")),
    }
}

/// `count` and `word`, plural unless the count is one: `1 page`, `2 pages`.
pub(crate) fn count(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// Prints a status line to stderr, unless quiet.
#[allow(clippy::print_stderr)]
pub(crate) fn status(quiet: bool, message: &str) {
    if !quiet {
        eprintln!("{message}");
    }
}

/// Prints a fatal error with its causes on one line.
#[allow(clippy::print_stderr)]
pub(crate) fn error(err: &anyhow::Error) {
    eprintln!("error: {}", one_line(err));
}

/// An error and its causes, joined by `: `. A cause that the message
/// before it already ends with (an I/O error quoted by its wrapper) is not
/// repeated.
fn one_line(err: &anyhow::Error) -> String {
    let mut line = err.to_string();
    for cause in err.chain().skip(1) {
        let cause = cause.to_string();
        if !line.ends_with(&cause) {
            line.push_str(": ");
            line.push_str(&cause);
        }
    }
    line
}

/// Prints a problem line to stderr, even when quiet (`-q` keeps errors and warnings).
#[allow(clippy::print_stderr)]
pub(crate) fn problem(message: &str) {
    eprintln!("{message}");
}

/// Writes data (not status) to stdout, such as the files of `import --dry-run`.
///
/// Returns whether the reader is still there: when it went away (`| head`),
/// the write is not an error, and the caller may stop writing.
pub(crate) fn data(text: &str) -> crate::error::Result<bool> {
    write_data(&mut std::io::stdout().lock(), text)
}

fn write_data(out: &mut impl std::io::Write, text: &str) -> crate::error::Result<bool> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(crate::error::Error::io(
            "failed to write",
            "standard output",
            e,
        )),
    }
}

/// Prints the duration of each build stage to stderr.
#[allow(clippy::print_stderr)]
pub(crate) fn timings(stages: &[crate::build::Stage]) {
    for s in stages {
        eprintln!(
            "{:>10} {:8.1} ms   peak memory {:6.0} MiB",
            s.name,
            s.took.as_secs_f64() * 1000.0,
            s.peak_kib as f64 / 1024.0
        );
    }
}

/// Prints how many lead images and social cards a build processed (the
/// others came from the cache), with the timings.
#[allow(clippy::print_stderr)]
pub(crate) fn images_processed(count: usize) {
    eprintln!("    images: {count} processed (the others from the cache)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_that_went_away_is_not_an_error() {
        let (reader, mut writer) = std::io::pipe().unwrap();
        drop(reader);
        assert!(!write_data(&mut writer, "data\n").unwrap());
        assert!(write_data(&mut Vec::new(), "data\n").unwrap());
    }

    #[test]
    fn causes_are_not_repeated() {
        let io = std::io::Error::other("File exists (os error 17)");
        let err = anyhow::Error::new(crate::error::Error::io("failed to write", "a/b", io));
        assert_eq!(
            one_line(&err),
            "failed to write `a/b`: File exists (os error 17)"
        );
        let err = anyhow::anyhow!("inner").context("outer");
        assert_eq!(one_line(&err), "outer: inner");
    }
}
