//! Analysis of a cleaned article: reading the raw bytes, the summary, the
//! date and where it came from, the slug, and the fingerprints (SHA-256 of
//! the raw file, SimHash of the body). Tags are in [`super::tags`], since
//! they need the whole corpus.

use std::fmt;

use jiff::civil;

use super::clean::{Block, BlockKind};
use crate::hash::FxMap;
use crate::source::decode;
use crate::text;

/// Raw files larger than this are rejected: no article is this long.
pub const MAX_RAW_BYTES: usize = decode::MAX_FILE_BYTES;

/// Why a raw file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Nothing but whitespace.
    Empty,
    /// Not text.
    Binary,
    /// Too large to be an article.
    TooLarge(usize),
    /// A title but no paragraph after cleaning.
    NoParagraphs,
    /// Reading failed.
    Unreadable(String),
    /// Cleaning kept too little of the file (`--strict`): why.
    TooLittleKept(String),
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::Empty => f.write_str("the file is empty"),
            Rejection::Binary => f.write_str("this is a binary file, not text"),
            Rejection::TooLarge(n) => write!(
                f,
                "the file is {:.1} MB; raw articles over {} MB are refused",
                *n as f64 / 1e6,
                MAX_RAW_BYTES / (1024 * 1024)
            ),
            Rejection::NoParagraphs => {
                f.write_str("no paragraphs: after cleaning, only a title (or nothing) is left")
            }
            Rejection::Unreadable(why) => write!(f, "cannot be read: {why}"),
            Rejection::TooLittleKept(why) => write!(f, "{why} (refused by --strict)"),
        }
    }
}

/// Decodes a raw article: UTF-8 (a BOM and CRLF are fine), else Latin-1
/// with a warning. Control characters other than tabs and line breaks are
/// dropped; a file with NUL bytes or many control characters is binary.
pub fn decode_raw(bytes: &[u8]) -> Result<(String, Option<String>), Rejection> {
    if bytes.len() > MAX_RAW_BYTES {
        return Err(Rejection::TooLarge(bytes.len()));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if bytes.contains(&0) || controls * 10 > bytes.len() {
        return Err(Rejection::Binary);
    }
    let (text, warning) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(e) => {
            let valid = e.valid_up_to();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            // Latin-1: every byte is the code point of the same number.
            let text = bytes.iter().map(|&b| char::from(b)).collect();
            let warning = format!(
                "not valid UTF-8 (byte 0x{:02X} on line {line}); read as Latin-1",
                bytes[valid]
            );
            (text, Some(warning))
        }
    };
    let text = decode::normalize(text);
    let text: String = if has_stray_controls(&text) {
        text.chars()
            .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
            .collect()
    } else {
        text // nearly always: nothing to drop, no copy
    };
    if text.trim().is_empty() {
        return Err(Rejection::Empty);
    }
    Ok((text, warning))
}

/// True when `text` has control characters other than tabs and line
/// breaks: U+0000 to U+001F, U+007F, or U+0080 to U+009F (`char::is_control`),
/// which UTF-8 writes as one byte below 0x20, 0x7F, or 0xC2 then 0x80 to 0x9F.
fn has_stray_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\n' | b'\t' => false,
        0..0x20 | 0x7f => true,
        0xc2 => bytes.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)),
        _ => false,
    })
}

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `--date`.
    Option,
    /// A `YYYY-MM-DD` in the raw file's name.
    FileName,
    /// A date line or dateline in the text.
    Text,
    /// None was found: the day of the import.
    Today,
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateSource::Option => "--date",
            DateSource::FileName => "file name",
            DateSource::Text => "text",
            DateSource::Today => "today",
        })
    }
}

/// The article's date: `--date`, else the file name's, else the text's, else today.
pub fn pick_date(
    option: Option<civil::Date>,
    file_name: &str,
    in_text: Option<civil::Date>,
    today: civil::Date,
) -> (civil::Date, DateSource) {
    if let Some(d) = option {
        (d, DateSource::Option)
    } else if let Some(d) = date_in_file_name(file_name) {
        (d, DateSource::FileName)
    } else if let Some(d) = in_text {
        (d, DateSource::Text)
    } else {
        (today, DateSource::Today)
    }
}

/// The first `YYYY-MM-DD` date in a file name (`2019-01-04-magnitogorsk.txt`).
pub fn date_in_file_name(name: &str) -> Option<civil::Date> {
    let name = name.rsplit('/').next().unwrap_or(name);
    (0..name.len().saturating_sub(9)).find_map(|i| {
        let candidate = name.get(i..i + 10)?;
        let shaped = candidate.bytes().enumerate().all(|(j, b)| {
            if j == 4 || j == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let before_ok = i == 0 || !name.as_bytes()[i - 1].is_ascii_digit();
        let after_ok = name
            .as_bytes()
            .get(i + 10)
            .is_none_or(|b| !b.is_ascii_digit());
        (shaped && before_ok && after_ok)
            .then(|| candidate.parse().ok())
            .flatten()
    })
}

/// The summary: the first paragraph, cut on a word boundary to at most `max` characters.
pub fn summary(blocks: &[Block], max: usize) -> Option<String> {
    let first = blocks.iter().find(|b| b.kind == BlockKind::Paragraph)?;
    Some(cut_on_word(&first.text(), max))
}

/// Cuts `text` to at most `max` characters at a word boundary, ending in `…` when cut.
pub fn cut_on_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let limit = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let cut = if text[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        text[..limit]
            .rfind(char::is_whitespace)
            .filter(|&i| i > 0)
            .unwrap_or(limit)
    };
    let kept = text[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-".contains(c));
    format!("{kept}…")
}

pub use crate::hash::sha256_hex;

/// Words per shingle of the near-duplicate fingerprint.
pub const SHINGLE_WORDS: usize = 3;

/// The near-duplicate fingerprint of a body: the SimHash of its 3-word shingles.
pub fn fingerprint(blocks: &[Block]) -> u64 {
    let mut words = text::FoldedWords::with_capacity(text_len(blocks));
    for line in blocks.iter().flat_map(|b| b.lines.iter()) {
        for word in text::words(line) {
            words.push(word);
        }
    }
    fingerprint_words(&words)
}

/// The bytes of the blocks' lines with a space or line break after each.
pub fn text_len(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .map(|l| l.len() + 1)
        .sum()
}

/// [`fingerprint`] of a body whose words, folded, are `words`, in order.
pub fn fingerprint_words(words: &text::FoldedWords) -> u64 {
    text::simhash(words.shingles(SHINGLE_WORDS))
}

/// True when the words of each block's text ([`Block::text`], its lines
/// joined by spaces) are the words of its lines, one line after the other,
/// so that the words read in block texts make its [`fingerprint`].
///
/// A space between two other characters is a word boundary on both sides
/// (UAX #29), except before a character that word segmentation attaches
/// to what precedes it (a combining mark, a format character, a joiner).
/// Lines are trimmed; a line that starts with an ASCII character cannot
/// start so. Other lines are rare, and then the fingerprint reads the
/// lines themselves.
pub fn words_cross_no_line(blocks: &[Block]) -> bool {
    blocks.iter().all(|b| {
        b.lines
            .iter()
            .skip(1)
            .all(|l| l.as_bytes().first().is_some_and(u8::is_ascii))
    })
}

/// Formats a fingerprint as written in front matter.
pub fn fingerprint_hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// Reads a fingerprint written by [`fingerprint_hex`].
pub fn parse_fingerprint(hex: &str) -> Option<u64> {
    u64::from_str_radix(hex, 16).ok()
}

/// Fingerprints in the order they were added, each with a value (the slug
/// of its story), to find the first one within a Hamming distance.
///
/// Two 64-bit hashes at most `distance` bits apart agree on at least one of
/// any `distance + 1` disjoint groups of their bits (pigeonhole). So the
/// fingerprints are indexed by their bits in each group, and only those
/// that share a group's bits with the one looked for are compared, instead
/// of all of them. When the groups would be too small to narrow the search
/// (a large distance), all are compared, as in a plain list.
#[derive(Debug, Clone)]
pub struct NearDuplicates<T> {
    distance: u32,
    entries: Vec<(u64, T)>,
    /// Each group's first bit and width, and the entries by their bits in
    /// it (see [`group_key`]), in the order they were added.
    groups: Vec<(u32, u32, FxMap<u64, Vec<usize>>)>,
}

/// Groups narrower than this do not pay for their index.
const MIN_GROUP_BITS: u32 = 8;

impl<T> NearDuplicates<T> {
    /// An empty list, for fingerprints at most `distance` bits apart.
    pub fn new(distance: u32) -> Self {
        let count = distance + 1;
        let mut groups = Vec::new();
        if 64 / count >= MIN_GROUP_BITS {
            let mut start = 0;
            for g in 0..count {
                // 64 bits shared as evenly as possible.
                let width = 64 / count + u32::from(g < 64 % count);
                groups.push((start, width, FxMap::default()));
                start += width;
            }
        }
        NearDuplicates {
            distance,
            entries: Vec::new(),
            groups,
        }
    }

    /// Adds `hash`, standing for `value`.
    pub fn push(&mut self, hash: u64, value: T) {
        let index = self.entries.len();
        self.entries.push((hash, value));
        for (start, width, by_bits) in &mut self.groups {
            let key = group_key(hash, *start, *width);
            by_bits.entry(key).or_default().push(index);
        }
    }

    /// The value of the first fingerprint added that is at most the
    /// distance away from `hash`.
    pub fn find(&self, hash: u64) -> Option<&T> {
        let near = |&(h, _): &(u64, T)| text::hamming(h, hash) <= self.distance;
        if self.groups.is_empty() {
            return self.entries.iter().find(|e| near(e)).map(|(_, v)| v);
        }
        let mut first: Option<usize> = None;
        for (start, width, by_bits) in &self.groups {
            let Some(indices) = by_bits.get(&group_key(hash, *start, *width)) else {
                continue;
            };
            // In the order added: the first near one is this group's earliest.
            let mut earlier = indices.iter().take_while(|&&i| first.is_none_or(|f| i < f));
            if let Some(&i) = earlier.find(|&&i| near(&self.entries[i])) {
                first = Some(i);
            }
        }
        first.map(|i| &self.entries[i].1)
    }
}

/// The key of `hash`'s `width` bits from `start` in a group's index: the
/// bits, spread over the whole key by an odd multiplier (no two bit
/// patterns share a key), as the map's hasher takes keys as they are.
fn group_key(hash: u64, start: u32, width: u32) -> u64 {
    let bits = (hash >> start) & (u64::MAX >> (64 - width));
    bits.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The longest slug made from a title, in bytes.
pub const MAX_SLUG_LEN: usize = 60;

/// The slug of a title: its slugified words, cut at a `-` to at most 60 bytes.
pub fn slug_for(title: &str) -> String {
    let mut slug = crate::slug::slugify(title);
    if slug.len() > MAX_SLUG_LEN {
        let cut = slug[..=MAX_SLUG_LEN].rfind('-').unwrap_or(MAX_SLUG_LEN);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug.push_str("article");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_handles_bom_crlf_and_latin1() {
        let (t, w) = decode_raw(b"\xEF\xBB\xBFTitle\r\n\r\nBody\r\n").unwrap();
        assert_eq!((t.as_str(), w), ("Title\n\nBody\n", None));
        let (t, w) = decode_raw(b"Price\n\n\xA3600m caf\xE9").unwrap();
        assert_eq!(t, "Price\n\n£600m café");
        assert_eq!(
            w.as_deref(),
            Some("not valid UTF-8 (byte 0xA3 on line 3); read as Latin-1")
        );
    }

    #[test]
    fn stray_controls_are_found_as_char_is_control_finds_them() {
        let stray = |t: &str| t.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
        for text in [
            "plain\ttext\n",
            "bell\x07",
            "del\x7f",
            "c1 \u{85} \u{9f}",
            "not c1: \u{a0} é \u{100} \u{2028}",
            "\r",
            "",
        ] {
            assert_eq!(has_stray_controls(text), stray(text), "{text:?}");
        }
    }

    #[test]
    fn decoding_rejects_binary_and_empty_files() {
        assert_eq!(decode_raw(b"\x89PNG\r\n\x1a\n\0\0"), Err(Rejection::Binary));
        assert_eq!(decode_raw(b"\x01\x02\x03\x04abc"), Err(Rejection::Binary));
        assert_eq!(decode_raw(b" \n\t\n"), Err(Rejection::Empty));
        assert_eq!(decode_raw(b""), Err(Rejection::Empty));
        let (t, _) = decode_raw(b"Title\n\nBody a\x07b.").unwrap();
        assert_eq!(t, "Title\n\nBody ab.");
    }

    #[test]
    fn date_comes_from_option_file_name_text_or_today() {
        let today = civil::date(2026, 1, 1);
        let text = Some(civil::date(2025, 7, 21));
        let opt = Some(civil::date(2024, 2, 29));
        assert_eq!(
            pick_date(opt, "2019-01-04-x.txt", text, today),
            (civil::date(2024, 2, 29), DateSource::Option)
        );
        assert_eq!(
            pick_date(None, "2019/2019-01-04-x.txt", text, today),
            (civil::date(2019, 1, 4), DateSource::FileName)
        );
        assert_eq!(
            pick_date(None, "000_7313777d4a13786a.txt", text, today).1,
            DateSource::Text
        );
        assert_eq!(
            pick_date(None, "001.txt", None, today),
            (today, DateSource::Today)
        );
        assert_eq!(date_in_file_name("a-2019-13-04.txt"), None);
        assert_eq!(date_in_file_name("12019-01-04.txt"), None);
    }

    #[test]
    fn summary_is_cut_on_a_word_boundary() {
        assert_eq!(cut_on_word("short text", 300), "short text");
        assert_eq!(cut_on_word("one two three four", 12), "one two…");
        assert_eq!(cut_on_word("one two, three", 9), "one two…");
        let long = "word ".repeat(100);
        let cut = cut_on_word(&long, 300);
        assert!(
            cut.chars().count() <= 300 && cut.ends_with("word…"),
            "{cut}"
        );
        let blocks = [
            Block {
                kind: BlockKind::Heading,
                lines: vec!["Head".into()],
            },
            Block::paragraph(["First", "para."]),
        ];
        assert_eq!(summary(&blocks, 300).as_deref(), Some("First para."));
    }

    #[test]
    fn hashes_and_fingerprints() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let fp = fingerprint(&[Block::paragraph(["Russian drones hit Kyiv on Monday."])]);
        assert_eq!(parse_fingerprint(&fingerprint_hex(fp)), Some(fp));
    }

    #[test]
    fn fingerprints_of_block_texts_are_those_of_lines() {
        let blocks = [
            Block::paragraph([
                "Russian drones’ attacks",
                "on Kyiv — U.S.",
                "Army’s “Zürich” café.",
            ]),
            Block {
                kind: BlockKind::Heading,
                lines: vec!["A heading".into()],
            },
            Block::paragraph(["1,000 x.", "2.5 percent"]),
        ];
        assert!(words_cross_no_line(&blocks));
        let mut words = text::FoldedWords::default();
        for block in &blocks {
            for word in text::words(&block.text()) {
                words.push(word);
            }
        }
        assert_eq!(fingerprint_words(&words), fingerprint(&blocks));
        // A line starting with a combining mark joins the word before it.
        let marked = [Block::paragraph(["Cafe", "\u{301}tude"])];
        assert!(!words_cross_no_line(&marked));
        assert_eq!(text_len(&[Block::paragraph(["ab", "c"])]), 5);
    }

    #[test]
    fn near_duplicates_are_found_as_by_a_scan() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut hashes: Vec<u64> = (0..400).map(|_| next()).collect();
        // Near copies of earlier hashes: a few bits flipped.
        for i in 0..400 {
            let mut h = hashes[i * 7 % 400];
            for _ in 0..(i % 6) {
                h ^= 1 << (next() % 64);
            }
            hashes.push(h);
        }
        for distance in [0, 1, 2, 3, 5, 7, 8, 12, 32] {
            let mut list = NearDuplicates::new(distance);
            for (i, &h) in hashes.iter().enumerate() {
                let scan = hashes[..i]
                    .iter()
                    .position(|&e| text::hamming(e, h) <= distance);
                assert_eq!(list.find(h).copied(), scan, "distance {distance}, {i}");
                list.push(h, i);
            }
        }
    }

    #[test]
    fn slugs_are_short_and_never_empty() {
        assert_eq!(
            slug_for("Russia attacks Kyiv ahead of NATO meeting on US aid to Ukraine"),
            "russia-attacks-kyiv-ahead-of-nato-meeting-on-us-aid-to"
        );
        assert_eq!(slug_for("!!!"), "article");
        assert!(slug_for(&"a".repeat(100)).len() <= MAX_SLUG_LEN);
    }
}
