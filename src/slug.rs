//! URL slugs: how titles, file names and terms become URL segments.

/// Turns any text into a lowercase ASCII slug (`"Économie & Société"` → `economie-societe`).
///
/// Non-Latin scripts are transliterated. Returns an empty string when
/// nothing usable is left (such as for `"!!!"`).
pub(crate) fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// Checks a slug written by hand in front matter.
///
/// A slug is one URL segment: it may not contain `/`, `\`, `..`, spaces or
/// control characters, so that no output path can leave the output folder.
pub(crate) fn validate(slug: &str) -> Result<(), String> {
    if slug.is_empty() {
        return Err("the slug is empty".to_owned());
    }
    if slug.starts_with('.') {
        return Err(format!("the slug `{slug}` starts with a dot"));
    }
    match slug
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~')))
    {
        Some(c) => Err(format!("the slug `{slug}` contains {c:?}")),
        None => Ok(()),
    }
}

/// The slug of an article file: its stem without a leading `YYYY-MM-DD-` date.
pub(crate) fn from_file_stem(stem: &str) -> String {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && (b[10] == b'-' || b[10] == b'_');
    slugify(if dated { &stem[11..] } else { stem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_lose_their_date() {
        assert_eq!(
            from_file_stem("2025-07-21-russia-attacks-kyiv"),
            "russia-attacks-kyiv"
        );
        assert_eq!(from_file_stem("2025-07-21_Hello World"), "hello-world");
        assert_eq!(from_file_stem("2025-07-21"), "2025-07-21");
        assert_eq!(from_file_stem("about"), "about");
    }

    #[test]
    fn hand_written_slugs_cannot_escape() {
        assert!(validate("../../etc").is_err());
        assert!(validate("a/b").is_err());
        assert!(validate(".hidden").is_err());
        assert!(validate("").is_err());
        assert!(validate("a b").is_err());
        assert!(validate("kyiv-2025").is_ok());
        assert!(validate("économie").is_ok());
    }

    #[test]
    fn slugify_transliterates() {
        assert_eq!(slugify("Économie & Société"), "economie-societe");
        assert_eq!(slugify("Москва"), "moskva");
        assert_eq!(slugify("!!!"), "");
    }
}
