//! Words: Unicode segmentation, folding (lowercase, no diacritics) and
//! English stems.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::hash::{Hash64, hash64};
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The words of `text` as written (Unicode word boundaries; punctuation and
/// spaces are skipped, `Russia’s` and `U.S` are one word each).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_words()
}

/// The words of `text`, lowercased and folded (see [`fold`]).
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).map(|w| fold(w).into_owned())
}

/// Lowercases `word` and removes diacritics from Latin letters
/// (`Zürich` → `zurich`, `Économie` → `economie`); other scripts are only
/// lowercased. Curly apostrophes become straight ones.
pub fn fold(word: &str) -> Cow<'_, str> {
    if is_folded(word) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    Cow::Owned(out)
}

/// True when `word` is its own [`fold`]: ASCII without capitals.
pub(super) fn is_folded(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Appends [`fold`] of `word` to `out`: the same text, into a buffer the
/// caller reuses, so folding many words allocates nothing.
pub fn fold_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // ASCII folds byte by byte: the common case, without the per-char match below.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Latin-1 Supplement and Latin Extended-A/B: letters with diacritics.
            '\u{c0}'..='\u{24f}' if c.is_alphabetic() => {
                let ascii = deunicode::deunicode_char(c).unwrap_or("");
                if ascii.is_empty() || !ascii.bytes().all(|b| b.is_ascii_alphabetic()) {
                    out.extend(c.to_lowercase());
                } else {
                    out.push_str(&ascii.to_ascii_lowercase());
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// [`hash64`] of [`fold`] of `word`, without building the folded word
/// when `word` is ASCII (its bytes are then lowercased one by one).
pub fn hash_folded(word: &str) -> u64 {
    if !word.is_ascii() {
        return hash64(fold(word).as_bytes());
    }
    let mut h = Hash64::new();
    for b in word.bytes() {
        h.write(&[b.to_ascii_lowercase()]);
    }
    h.finish()
}

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The English Snowball stem of a lowercase word (`attacks` → `attack`).
pub fn stem(word: &str) -> Cow<'_, str> {
    ENGLISH.stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_unicode_boundaries() {
        let w: Vec<_> = words("Russia’s U.S. drones—420 of them, “clear”.").collect();
        assert_eq!(
            w,
            ["Russia’s", "U.S", "drones", "420", "of", "them", "clear"]
        );
    }

    #[test]
    fn fold_lowercases_and_removes_diacritics() {
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(fold("ÉCONOMIE"), "economie");
        assert_eq!(fold("Russia’s"), "russia's");
        assert_eq!(fold("Москва"), "москва");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
        let t: Vec<_> = tokens("Kyiv’s Café").collect();
        assert_eq!(t, ["kyiv's", "cafe"]);
    }

    #[test]
    fn stems_english_words() {
        assert_eq!(stem("attacks"), "attack");
        assert_eq!(stem("negotiations"), "negoti");
    }

    #[test]
    fn fold_into_appends_what_fold_gives() {
        let mut buf = String::from("x");
        for word in [
            "Zürich",
            "plain",
            "NATO",
            "Russia’s",
            "Москва",
            "ǅemal",
            "Ǳ",
            "straße",
        ] {
            buf.truncate(1);
            fold_into(word, &mut buf);
            assert_eq!(&buf[1..], fold(word), "{word}");
        }
    }

    #[test]
    fn hash_folded_is_the_hash_of_the_folded_word() {
        for word in ["Kyiv", "NATO", "plain", "Zürich", "Russia’s", ""] {
            assert_eq!(hash_folded(word), hash64(fold(word).as_bytes()), "{word}");
        }
    }
}
