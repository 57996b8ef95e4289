//! The list of recipients: a CSV file with an `email` column, or one
//! address a line.

use std::path::Path;

use lettre::Address;

use crate::diagnostic::{Diagnostic, Diagnostics, LineCol};

/// The recipients of `text` (the file `file`, as shown in messages), in
/// file order, each once (addresses compare without case). Blank lines and
/// lines starting with `#` are skipped.
pub(crate) fn parse(file: &str, text: &str) -> Result<Vec<Address>, Diagnostics> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let is_csv = first.is_some_and(|l| {
        l.split(',')
            .any(|c| c.trim().trim_matches('"').eq_ignore_ascii_case("email"))
    });
    let mut problems = Diagnostics::new();
    let mut out: Vec<Address> = Vec::new();
    let mut add = |line: usize, raw: &str, problems: &mut Diagnostics| {
        let raw = raw.trim();
        match raw.parse::<Address>() {
            Ok(a) => {
                let same = |b: &Address| {
                    AsRef::<str>::as_ref(b).eq_ignore_ascii_case(AsRef::<str>::as_ref(&a))
                };
                if !out.iter().any(same) {
                    out.push(a);
                }
            }
            Err(e) => problems.push(
                Diagnostic::error(
                    "recipients",
                    file,
                    format!("`{raw}` is not an email address: {e}"),
                )
                .at(LineCol {
                    line: line as u32,
                    col: 1,
                })
                .with_help("fix or remove the line"),
            ),
        }
    };
    if is_csv {
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let column = reader
            .headers()
            .ok()
            .and_then(|h| h.iter().position(|c| c.eq_ignore_ascii_case("email")));
        let Some(column) = column else {
            problems.push(Diagnostic::error("recipients", file, "no `email` column"));
            return Err(problems);
        };
        for record in reader.records() {
            match record {
                Ok(r) => {
                    let line = r.position().map_or(0, |p| p.line() as usize);
                    match r.get(column) {
                        Some(v) if !v.is_empty() => add(line, v, &mut problems),
                        _ => {}
                    }
                }
                Err(e) => problems.push(
                    Diagnostic::error("recipients", file, format!("not valid CSV: {e}"))
                        .with_help("quote fields that contain commas"),
                ),
            }
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            let line_text = line.trim();
            if !line_text.is_empty() && !line_text.starts_with('#') {
                add(i + 1, line_text, &mut problems);
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(out)
}

/// Reads the recipients file at `root`/`rel`.
pub(crate) fn load(root: &Path, rel: &Path) -> crate::error::Result<Vec<Address>> {
    let file = rel.display().to_string();
    let path = root.join(rel);
    if !path.is_file() {
        return Err(crate::error::Error::Invalid(format!(
            "the recipients file `{file}` does not exist\n  help: write one address a line (or a CSV with an `email` column) there, or set `[newsletter] recipients` in config.toml"
        )));
    }
    let text = crate::fs::read_to_string(&path)?;
    parse(&file, &text).map_err(crate::error::Error::Site)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(list: &[Address]) -> Vec<&str> {
        list.iter().map(AsRef::<str>::as_ref).collect()
    }

    #[test]
    fn one_address_a_line() {
        let list = parse(
            "s.txt",
            "# subscribers\nann@example.org\n\nBob@example.org\nann@EXAMPLE.org\n",
        )
        .unwrap();
        assert_eq!(emails(&list), ["ann@example.org", "Bob@example.org"]);
    }

    #[test]
    fn csv_with_an_email_column() {
        let text = "name,email\n\"Doe, Ann\",ann@example.org\nBob, bob@example.org \n";
        let list = parse("s.csv", text).unwrap();
        assert_eq!(emails(&list), ["ann@example.org", "bob@example.org"]);
    }

    #[test]
    fn bad_addresses_name_the_line() {
        let err = parse("s.txt", "ann@example.org\nnot an address\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("s.txt:2:1"), "{text}");
        assert!(text.contains("`not an address`"), "{text}");
    }
}
