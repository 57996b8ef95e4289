//! Scraper leftovers in the text, undone before cleaning: stray HTML tags,
//! HTML character references (`&#233;`, `&eacute;`), UTF-8 read as
//! Windows-1252 or Latin-1 (`Ã©`, `â€™`), zero-width characters, and
//! non-breaking spaces (which become plain spaces). Each kind found gives
//! one report line.
//!
//! Written by hand: an HTML parser would treat the whole file as markup
//! (and drop `<`, `&` that are text), and the mojibake repair is a small,
//! conservative subset of what `ftfy` does: only sequences that decode as
//! valid UTF-8 from the lead bytes that real mojibake starts with.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Tags of HTML that scrapers leave in text; only these are removed, so
/// `a <b` or `x < y > z` stay text.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?is)<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->|",
        r"</?(?:a|abbr|article|aside|b|big|blockquote|br|button|center|cite|code|del|div|em|",
        r"figcaption|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|label|li|",
        r"link|main|mark|meta|nav|noscript|ol|p|picture|q|s|section|small|source|span|strike|",
        r"strong|sub|sup|svg|table|tbody|td|th|thead|time|tr|tt|u|ul|video|wbr)",
        r#"(?:\s+[^<>"']*(?:"[^"]*"|'[^']*')?)*\s*/?>"#
    ))
    .expect("valid regex")
});

/// A character reference: `&name;`, `&#233;`, `&#xE9;`.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));")
        .expect("valid regex")
});

/// What [`decode`] found and undid, one line each for the report.
pub type Notes = Vec<String>;

/// Undoes the leftovers in `text`; borrowed when there are none (nearly always).
pub fn decode(text: &str) -> (Cow<'_, str>, Notes) {
    let mut notes = Vec::new();
    let mut text = Cow::Borrowed(text);
    if text.contains('<') {
        let (out, n, first) = replace_all(&TAG, &text, |m| {
            let block = m.len() > 1
                && matches!(
                    m.as_bytes()[1].to_ascii_lowercase(),
                    b'p' | b'd' | b'b' | b'h' | b'l' | b't'
                );
            if block { " " } else { "" }.to_owned()
        });
        if n > 0 {
            notes.push(format!(
                "removed {n} stray HTML tag{} (first: `{}` on line {})",
                plural(n),
                first.0,
                first.1
            ));
            text = Cow::Owned(collapse_spaces(&out));
        }
    }
    // Twice: scrapers sometimes escape twice (`&amp;#233;`).
    let mut total = 0;
    let mut example = None;
    for _ in 0..2 {
        if !text.contains('&') {
            break;
        }
        let (out, n, first) = replace_all(&REFERENCE, &text, |m| {
            reference(m).unwrap_or_else(|| m.to_owned())
        });
        if n == 0 {
            break;
        }
        total += n;
        example.get_or_insert(first);
        text = Cow::Owned(out);
    }
    if let Some((reference, line)) = example {
        let decoded = REFERENCE
            .find(&reference)
            .and_then(|m| self::reference(m.as_str()))
            .unwrap_or_default();
        notes.push(format!(
            "decoded {total} HTML character reference{} (first: `{reference}` → `{decoded}` on line {line})",
            plural(total)
        ));
    }
    if let Some((out, n, first)) = repair_mojibake(&text) {
        notes.push(format!(
            "repaired {n} character{} of UTF-8 read as Windows-1252 (first: `{}` → `{}` on line {})",
            plural(n),
            first.0,
            first.1,
            first.2
        ));
        text = Cow::Owned(out);
    }
    // Every character below is outside ASCII; most files are not.
    if text.is_ascii() {
        return (text, notes);
    }
    if text.contains('\u{200c}') {
        text = Cow::Owned(drop_latin_joiners(&text));
    }
    if text.contains(is_invisible) {
        let n = text.chars().filter(|&c| is_invisible(c)).count();
        let line = line_of(&text, text.find(is_invisible).unwrap_or(0));
        notes.push(format!(
            "removed {n} zero-width character{} (first on line {line})",
            plural(n)
        ));
        text = Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect());
    }
    if text.contains(is_non_breaking) {
        let n = text.chars().filter(|&c| is_non_breaking(c)).count();
        let line = line_of(&text, text.find(is_non_breaking).unwrap_or(0));
        notes.push(format!(
            "replaced {n} non-breaking space{} with plain spaces (first on line {line})",
            plural(n)
        ));
        text = Cow::Owned(text.replace(is_non_breaking, " "));
    }
    (text, notes)
}

/// No-break, narrow no-break and figure spaces: in scraped text they only
/// stand where a plain space is meant (`10\u{a0}km`, `M.\u{a0}Macron`).
fn is_non_breaking(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Zero-width space, word joiner, byte-order mark and soft hyphen: never
/// meant to be kept in text. (Zero-width joiners are kept: emoji use them.)
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

/// Marks zero-width non-joiners between two Latin letters (`Ra\u{200c}ilways`)
/// for removal, as U+200B: there they are a scraper's leftover, while
/// Persian and Indic text needs them.
fn drop_latin_joiners(text: &str) -> String {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && (c as u32) < 0x250);
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between =
                i > 0 && latin(chars.get(i - 1).copied()) && latin(chars.get(i + 1).copied());
            if c == '\u{200c}' && between {
                '\u{200b}'
            } else {
                c
            }
        })
        .collect()
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Replaces every match of `re` that `with` maps to something else; returns
/// the text, how many were replaced, and the first one with its line.
fn replace_all(
    re: &Regex,
    text: &str,
    mut with: impl FnMut(&str) -> String,
) -> (String, usize, (String, usize)) {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut n = 0;
    let mut first = (String::new(), 0);
    for m in re.find_iter(text) {
        let replacement = with(m.as_str());
        if replacement == m.as_str() {
            continue;
        }
        if n == 0 {
            first = (m.as_str().to_owned(), line_of(text, m.start()));
        }
        n += 1;
        out.push_str(&text[last..m.start()]);
        out.push_str(&replacement);
        last = m.end();
    }
    out.push_str(&text[last..]);
    (out, n, first)
}

/// Runs of spaces left where tags were become one space; lines are trimmed later.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c == ' ' {
            if !space {
                out.push(c);
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The text of one character reference, if it is one.
fn reference(m: &str) -> Option<String> {
    let caps = REFERENCE.captures(m)?;
    let code = if let Some(d) = caps.get(1) {
        d.as_str().parse::<u32>().ok()?
    } else if let Some(h) = caps.get(2) {
        u32::from_str_radix(h.as_str(), 16).ok()?
    } else {
        let name = caps.get(3)?.as_str();
        let (a, b) = *markup5ever::data::NAMED_ENTITIES.get(&format!("{name};"))?;
        let mut s: String = char::from_u32(a)?.into();
        if b != 0 {
            s.push(char::from_u32(b)?);
        }
        return Some(s);
    };
    // As browsers do: 0x80 to 0x9F are Windows-1252, and 0 is no character.
    let c = match code {
        0 => return Some(String::new()),
        0x80..=0x9f => WINDOWS_1252[(code - 0x80) as usize],
        _ => char::from_u32(code)?,
    };
    Some(c.into())
}

/// Windows-1252 bytes 0x80 to 0x9F (the five undefined ones as the C1 control of the same number).
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1.
fn byte_of(c: char) -> Option<u8> {
    let code = c as u32;
    if (0xa0..=0xff).contains(&code) || (0x80..=0x9f).contains(&code) {
        return Some(code as u8);
    }
    WINDOWS_1252
        .iter()
        .position(|&w| w == c)
        .map(|i| 0x80 + i as u8)
}

/// Lead bytes real mojibake starts with: `Â` and `Ã` (Latin-1 letters and
/// signs), `Å` (Œ, Š…), Greek, Cyrillic, Hebrew, Arabic, and every 3- and
/// 4-byte lead (`â€™`). Other Latin-1 capitals (`Ä`, `É`, `Ö`) lead a
/// repair only inside a word (`YÄ±lmaz` → `Yılmaz`): before a sign they
/// are too often real text (`CAFÉ»`).
fn is_lead(b: u8) -> bool {
    matches!(b, 0xc2 | 0xc3 | 0xc5 | 0xce..=0xd1 | 0xd7..=0xd9 | 0xe2..=0xef | 0xf0..=0xf4)
}

/// Repairs UTF-8 read as Windows-1252 or Latin-1 (twice over, at most);
/// None when there is nothing to repair.
fn repair_mojibake(text: &str) -> Option<(String, usize, (String, String, usize))> {
    let (mut out, mut n, first) = repair_once(text)?;
    if let Some((again, m, _)) = repair_once(&out) {
        out = again;
        n += m;
    }
    Some((out, n, first))
}

fn repair_once(text: &str) -> Option<(String, usize, (String, String, usize))> {
    if text.is_ascii() {
        return None;
    }
    // Quick test: every mojibake sequence starts with a non-ASCII lead
    // character and none starts without one of these. All of them are
    // U+00C0–U+00FF, whose UTF-8 starts with the byte 0xC3: most text
    // (curly quotes, `£`) has none, and a byte search is a fraction of a
    // character-by-character one.
    if !text.as_bytes().contains(&0xc3)
        || !text.contains([
            'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Æ', 'Ç', 'È', 'É', 'Ê', 'Ë', 'Ì', 'Í', 'Ò', 'Ó', 'Ô',
            'Õ', 'Ö', 'Ú', 'Û', 'Ü', 'Ý', 'Þ', 'ß', 'â', 'Î', 'Ï', 'Ð', 'Ñ', '×', 'Ø', 'Ù', 'ã',
            'ä', 'å', 'æ', 'ç', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ð', 'ñ', 'ò', 'ó', 'ô',
        ])
    {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut first = None;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let mid_word = |c: Option<&(usize, char)>| c.is_some_and(|&(_, c)| c.is_alphabetic());
        // A weak lead: inside a word, or before a Windows-1252 sign that
        // no text puts after a capital (`ÄŒapek` → `Čapek`).
        // At a word's end, after a letter and before such a sign
        // (`StamenkoviÄ‡` → `Stamenković`).
        let after_letter = i > 0 && mid_word(chars.get(i - 1));
        let before_sign = chars
            .get(i + 1)
            .is_some_and(|&(_, n)| (n as u32) > 0xff && byte_of(n).is_some());
        let lead = byte_of(c).filter(|&b| {
            is_lead(b)
                || (0xc0..=0xdf).contains(&b)
                    && ((mid_word(chars.get(i + 2)) && (after_letter || before_sign))
                        || (after_letter && before_sign))
        });
        if let Some(lead) = lead {
            let len = match lead {
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let mut bytes = vec![lead];
            for &(_, next) in chars.iter().skip(i + 1).take(len - 1) {
                match byte_of(next) {
                    Some(b @ 0x80..=0xbf) => bytes.push(b),
                    _ => break,
                }
            }
            let repaired = match std::str::from_utf8(&bytes) {
                Ok(s) if bytes.len() == len => Some(s.to_owned()),
                // `â€` then a dropped 0x9D (undefined in Windows-1252): a closing quote.
                _ if bytes == [0xe2, 0x80] => Some('”'.into()),
                _ => None,
            };
            if let Some(repaired) = repaired {
                let end = chars.get(i + bytes.len()).map_or(text.len(), |&(e, _)| e);
                if first.is_none() {
                    first = Some((
                        text[at..end].to_owned(),
                        repaired.clone(),
                        line_of(text, at),
                    ));
                }
                out.push_str(&repaired);
                n += 1;
                i += bytes.len();
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    first.map(|f| (out, n, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        decode(text).0.into_owned()
    }

    #[test]
    fn character_references_are_decoded() {
        let (text, notes) =
            decode("Pel&#233; and Beyonc&eacute; &amp; Jay-Z &#x2014; &quot;hi&quot;");
        assert_eq!(text, "Pelé and Beyoncé & Jay-Z — \"hi\"");
        assert_eq!(
            notes,
            ["decoded 6 HTML character references (first: `&#233;` → `é` on line 1)"]
        );
        assert_eq!(fixed("Tom &amp;#233; twice"), "Tom é twice");
        assert_eq!(fixed("&#150; dash"), "– dash", "Windows-1252 numbers");
        assert_eq!(fixed("AT&T; &nosuch; & a&b"), "AT&T; &nosuch; & a&b");
    }

    #[test]
    fn mojibake_is_repaired() {
        let (text, notes) = decode("Itâ€™s the cafÃ© â€œbestâ€ Â£5 in ZÃ¼rich");
        assert_eq!(text, "It’s the café “best” £5 in Zürich");
        assert_eq!(
            notes,
            ["repaired 6 characters of UTF-8 read as Windows-1252 (first: `â€™` → `’` on line 1)"]
        );
        assert_eq!(fixed("Ã¢â‚¬â„¢ twice"), "’ twice");
        assert_eq!(fixed("Recep YÄ±lmaz in GdaÅ„sk"), "Recep Yılmaz in Gdańsk");
        assert_eq!(fixed("ÄŒapek and Ã‰lodie"), "Čapek and Élodie");
        assert_eq!(
            fixed("Vlada StamenkoviÄ‡ of NASA"),
            "Vlada Stamenković of NASA"
        );
        for real in [
            "Café Über Straße",
            "CAFÉ» x",
            "SCHÖN»",
            "«Ô±»",
            "Ça va, Élodie",
            "â la carte",
            "Ã",
        ] {
            assert_eq!(fixed(real), real);
        }
    }

    #[test]
    fn stray_tags_and_invisible_characters_go() {
        let (text, notes) =
            decode("<p>One <strong>bold</strong> word.</p><br/>\nx < y and a<b\u{200b}c");
        assert_eq!(text, " One bold word. \nx < y and a<bc");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].starts_with("removed 5 stray HTML tags (first: `<p>` on line 1)"));
        assert_eq!(notes[1], "removed 1 zero-width character (first on line 2)");
        assert_eq!(fixed("a <script>var x = 1;</script>b"), "a b");
        assert_eq!(
            fixed(r#"see <a href="https://x.org/a>b">this</a>."#),
            "see this."
        );
        assert!(matches!(decode("plain text").0, Cow::Borrowed(_)));
    }

    #[test]
    fn non_joiners_go_between_latin_letters_only() {
        assert_eq!(fixed("Ra\u{200c}ilways"), "Railways");
        let persian = "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}";
        assert_eq!(fixed(persian), persian);
    }

    #[test]
    fn non_breaking_spaces_become_plain_spaces() {
        let (text, notes) = decode("Title\nIt is 10\u{a0}km from M.\u{202f}Macron\u{a0}\u{a0}now.");
        assert_eq!(text, "Title\nIt is 10 km from M. Macron  now.");
        assert_eq!(
            notes,
            ["replaced 4 non-breaking spaces with plain spaces (first on line 2)"]
        );
    }
}
