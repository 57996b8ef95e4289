//! Cleaning: raw text → a [`Draft`] (title, paragraphs, subheadings, and what
//! was taken out of the text: source, dateline, credit, a date).
//!
//! Each rule is a small named pass, `fn(&mut Draft, &ImportConfig)`, listed
//! in [`PASSES`] in the order they run. A pass only looks at the draft and
//! the config: no I/O, no state, so each is tested alone.

use jiff::civil;

use super::dateline::{parse_dateline, parse_text_date};
use crate::config::ImportConfig;

/// What a block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph of text.
    Paragraph,
    /// A subheading (`## …` in Markdown).
    Heading,
}

/// A paragraph or subheading: one or more lines of text, trimmed, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Paragraph or heading.
    pub kind: BlockKind,
    /// The lines, without line endings.
    pub lines: Vec<String>,
}

impl Block {
    /// A paragraph of `lines`.
    pub fn paragraph<S: Into<String>>(lines: impl IntoIterator<Item = S>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            lines: lines.into_iter().map(Into::into).collect(),
        }
    }

    /// The block's text, its lines joined by spaces.
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }
}

/// An article while it is being cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The headline (empty until the `title` pass finds one).
    pub title: String,
    /// The body, in order. The title is not part of it once found.
    pub blocks: Vec<Block>,
    /// The outlet named by a share line.
    pub source: Option<String>,
    /// The dateline taken off the first paragraph (`WASHINGTON (AP)`).
    pub dateline: Option<String>,
    /// Attribution lines taken out of the body.
    pub credits: Vec<String>,
    /// A publication date found in the text (a date line or the dateline).
    pub date: Option<civil::Date>,
}

impl Draft {
    /// Splits text (with `\n` line endings) into blocks at blank lines; lines are trimmed.
    pub fn from_text(text: &str) -> Self {
        let mut blocks = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        for line in text.split('\n') {
            let line = line.trim();
            if line.is_empty() {
                if !lines.is_empty() {
                    blocks.push(Block::paragraph(std::mem::take(&mut lines)));
                }
            } else {
                lines.push(line.to_owned());
            }
        }
        if !lines.is_empty() {
            blocks.push(Block::paragraph(lines));
        }
        Draft {
            blocks,
            ..Draft::default()
        }
    }

    /// Removes every line for which `remove` is true, and blocks left empty.
    fn retain_lines(&mut self, mut keep: impl FnMut(&str) -> bool) {
        for block in &mut self.blocks {
            block.lines.retain(|line| keep(line));
        }
        self.blocks.retain(|b| !b.lines.is_empty());
    }
}

/// A cleaning pass.
pub type Pass = fn(&mut Draft, &ImportConfig);

/// The cleaning passes, in the order they run.
pub const PASSES: &[(&str, Pass)] = &[
    ("share-lines", share_lines),
    ("notices", notices),
    ("title", title),
    ("teaser-block", teaser_block),
    ("attribution", attribution),
    ("date-line", date_line),
    ("dateline", dateline),
    ("subheadings", subheadings),
];

/// Runs every pass on `text`.
pub fn clean(text: &str, config: &ImportConfig) -> Draft {
    let mut draft = Draft::from_text(text);
    for (_, pass) in PASSES {
        pass(&mut draft, config);
    }
    draft
}

/// Removes `Share this @domain` lines anywhere; the first domain becomes the source.
pub fn share_lines(draft: &mut Draft, config: &ImportConfig) {
    let mut source = draft.source.take();
    draft.retain_lines(|line| match config.share_line.matches(line) {
        Some(domain) => {
            if source.is_none() && !domain.is_empty() {
                source = Some(domain.trim_start_matches('@').to_lowercase());
            }
            false
        }
        None => true,
    });
    draft.source = source;
}

/// Removes stray site notices (`Internet Explorer 11 is not compatible…`) anywhere.
pub fn notices(draft: &mut Draft, config: &ImportConfig) {
    draft.retain_lines(|line| !config.notices.iter().any(|p| p.matches(line).is_some()));
}

/// Takes the first line as the title; the rest of its block stays in the body.
pub fn title(draft: &mut Draft, _: &ImportConfig) {
    let Some(first) = draft.blocks.first_mut() else {
        return;
    };
    draft.title = first.lines.remove(0);
    if first.lines.is_empty() {
        draft.blocks.remove(0);
    }
}

/// Cuts the trailing block of teasers, from its marker line (`You May Also
/// Like`, `Related`, …) to the end. The marker must follow at least one
/// paragraph of the body, so a story is never cut to nothing.
pub fn teaser_block(draft: &mut Draft, config: &ImportConfig) {
    let is_marker = |line: &str| {
        let line = line.trim_end_matches([':', '.', '…', ' ']);
        config
            .teaser_markers
            .iter()
            .any(|p| p.matches(line).is_some())
    };
    for b in 0..draft.blocks.len() {
        let found = draft.blocks[b].lines.iter().position(|l| is_marker(l));
        let Some(line) = found else { continue };
        if b == 0 && line == 0 {
            continue;
        }
        draft.blocks.truncate(b + 1);
        draft.blocks[b].lines.truncate(line);
        draft.blocks.retain(|block| !block.lines.is_empty());
        return;
    }
}

/// Moves attribution lines (`The Associated Press contributed to this report.`) into the credit.
pub fn attribution(draft: &mut Draft, config: &ImportConfig) {
    let mut credits = std::mem::take(&mut draft.credits);
    draft.retain_lines(|line| {
        let is_credit = line.chars().count() <= 200
            && config
                .attributions
                .iter()
                .any(|p| p.matches(line).is_some());
        if is_credit {
            credits.push(line.to_owned());
        }
        !is_credit
    });
    draft.credits = credits;
}

/// Removes a line that only gives the date (`Monday, July 21, 2025`,
/// `Published 21 July 2025`) from the top of the body, keeping the date.
pub fn date_line(draft: &mut Draft, _: &ImportConfig) {
    let limit = draft.blocks.len().min(2);
    for b in 0..limit {
        let block = &draft.blocks[b];
        if block.lines.len() != 1 || draft.blocks.len() < 2 {
            continue;
        }
        let line = block.lines[0].as_str();
        let mut rest = line;
        for prefix in ["published", "updated", "posted", "last updated"] {
            if rest.len() > prefix.len()
                && rest.is_char_boundary(prefix.len())
                && rest[..prefix.len()].eq_ignore_ascii_case(prefix)
            {
                rest = rest[prefix.len()..].trim_start_matches([':', ' ']);
                rest = rest.strip_prefix("on ").unwrap_or(rest);
                break;
            }
        }
        if let Some((date, len)) = parse_text_date(rest)
            && rest[len..].trim_matches([' ', '.', ',']).is_empty()
        {
            draft.date.get_or_insert(date);
            draft.blocks.remove(b);
            return;
        }
    }
}

/// Removes an empty or bare dateline (`() `, `(CNN) — `, `WASHINGTON (AP) — `)
/// from the start of the first paragraph; a named outlet or place is kept
/// as the dateline, and a date in it as the date.
pub fn dateline(draft: &mut Draft, config: &ImportConfig) {
    if !config.strip_dateline {
        return;
    }
    let Some(block) = draft
        .blocks
        .first_mut()
        .filter(|b| b.kind == BlockKind::Paragraph)
    else {
        return;
    };
    let Some(found) = parse_dateline(&block.lines[0]) else {
        return;
    };
    // Lines stay trimmed: a tab left after the dateline would start an
    // indented code block in Markdown (found by fuzzing).
    block.lines[0] = block.lines[0][found.len..].trim_start().to_owned();
    if let Some(date) = found.date {
        draft.date.get_or_insert(date);
    }
    if !found.text.is_empty() {
        draft.dateline = Some(found.text);
    }
}

/// Marks short lines without final punctuation that stand between body
/// paragraphs as subheadings. The first block never is one (a story does
/// not open with a subheading), nor are runs of short lines (a list).
pub fn subheadings(draft: &mut Draft, config: &ImportConfig) {
    if config.subheading_max_chars == 0 {
        return;
    }
    let n = draft.blocks.len();
    for i in 1..n.saturating_sub(1) {
        let candidate = is_heading_like(&draft.blocks[i], config.subheading_max_chars)
            && draft.blocks[i - 1].kind == BlockKind::Paragraph
            && !is_heading_like(&draft.blocks[i - 1], config.subheading_max_chars)
            && !is_heading_like(&draft.blocks[i + 1], config.subheading_max_chars);
        if candidate {
            draft.blocks[i].kind = BlockKind::Heading;
        }
    }
}

fn is_heading_like(block: &Block, max_chars: usize) -> bool {
    let [line] = block.lines.as_slice() else {
        return false;
    };
    let Some(first) = line.chars().next() else {
        return false;
    };
    let last = line.chars().next_back().unwrap_or(first);
    line.chars().count() <= max_chars
        && (first.is_uppercase() || first.is_ascii_digit())
        && line.chars().any(char::is_alphabetic)
        && !".!?…:;,\"”’')]}-–—".contains(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> ImportConfig {
        ImportConfig::default()
    }

    fn run(pass: Pass, text: &str) -> Draft {
        let mut d = Draft::from_text(text);
        pass(&mut d, &config());
        d
    }

    fn texts(d: &Draft) -> Vec<String> {
        d.blocks.iter().map(|b| b.lines.join("\n")).collect()
    }

    #[test]
    fn passes_are_named_once() {
        let mut names: Vec<_> = PASSES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PASSES.len());
    }

    #[test]
    fn blocks_split_at_blank_lines_and_lines_are_trimmed() {
        let d = Draft::from_text("  Title \nsecond\n\n\n  para  \n \t\nlast");
        assert_eq!(texts(&d), ["Title\nsecond", "para", "last"]);
    }

    #[test]
    fn share_lines_are_removed_everywhere_and_name_the_source() {
        let d = run(
            share_lines,
            "Title\nShare this @Example.org\n\nBody.\n\nShare this @other.net\nYou May Also Like",
        );
        assert_eq!(texts(&d), ["Title", "Body.", "You May Also Like"]);
        assert_eq!(d.source.as_deref(), Some("example.org"));
    }

    #[test]
    fn notices_are_removed() {
        let d = run(
            notices,
            "A\n\nInternet Explorer 11 is not compatible. For the best experience, please visit…\n\nB\nIE 11 is no longer supported. For the best experience…",
        );
        assert_eq!(texts(&d), ["A", "B"]);
    }

    #[test]
    fn title_is_the_first_line() {
        let d = run(title, "\n\nHeadline here\nStandfirst\n\nBody.");
        assert_eq!(d.title, "Headline here");
        assert_eq!(texts(&d), ["Standfirst", "Body."]);
        let d = run(title, "");
        assert_eq!(d.title, "");
    }

    #[test]
    fn teaser_block_is_cut_from_its_marker() {
        for marker in [
            "You May Also Like",
            "RELATED",
            "Read more:",
            "More from The Daily Planet",
            "Recommended",
        ] {
            let mut d = Draft::from_text(&format!(
                "Body one.\n\nBody two.\n{marker}\n\nTeaser title\n\nTeaser text…"
            ));
            teaser_block(&mut d, &config());
            assert_eq!(texts(&d), ["Body one.", "Body two."], "{marker}");
        }
        // Never the first line: a story is not cut to nothing.
        let d = run(teaser_block, "Related\n\nBody.");
        assert_eq!(texts(&d), ["Related", "Body."]);
        // Words inside a paragraph are not markers.
        let d = run(teaser_block, "A.\n\nRead more about it in the report.");
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn attribution_becomes_the_credit() {
        let d = run(
            attribution,
            "Body.\n\nThe Associated Press contributed to this report.\n\nEnd.",
        );
        assert_eq!(texts(&d), ["Body.", "End."]);
        assert_eq!(
            d.credits,
            ["The Associated Press contributed to this report."]
        );
    }

    #[test]
    fn a_date_line_at_the_top_gives_the_date() {
        let d = run(date_line, "Monday, July 21, 2025\n\nBody.");
        assert_eq!(texts(&d), ["Body."]);
        assert_eq!(d.date, Some(civil::date(2025, 7, 21)));
        let d = run(date_line, "Published: 21 Jul 2025\n\nBody.");
        assert_eq!(d.date, Some(civil::date(2025, 7, 21)));
        let d = run(date_line, "July 21, 2025 was hot.\n\nBody.");
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.date, None);
    }

    #[test]
    fn datelines_are_removed_and_kept_aside() {
        let cases = [
            ("() Russian drones.", "Russian drones.", None),
            ("(CNN) — The talks.", "The talks.", Some("CNN")),
            (
                "WASHINGTON (AP) — U.S. and European officials met.",
                "U.S. and European officials met.",
                Some("WASHINGTON (AP)"),
            ),
            (
                "JONESBOROUGH, Tenn. (WJHL) — On Monday night.",
                "On Monday night.",
                Some("JONESBOROUGH, Tenn. (WJHL)"),
            ),
            (
                "AUGUSTA, Ga. ()- A mother.",
                "A mother.",
                Some("AUGUSTA, Ga."),
            ),
            ("LONDON – This week.", "This week.", Some("LONDON")),
            (
                "(AP)\t\t\t\t A tab after the dateline.",
                "A tab after the dateline.",
                Some("AP"),
            ),
        ];
        for (input, body, kept) in cases {
            let d = run(dateline, &format!("{input}\n\nMore."));
            assert_eq!(d.blocks[0].lines[0], body, "{input}");
            assert_eq!(d.dateline.as_deref(), kept, "{input}");
        }
        let d = run(dateline, "WASHINGTON, July 21, 2025 (Reuters) - Talks.");
        assert_eq!(d.blocks[0].lines[0], "Talks.");
        assert_eq!(d.date, Some(civil::date(2025, 7, 21)));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        for text in [
            "The (small) firm grew.",
            "UK (and US) sales fell.",
            "US media giant TimeWarner grew.",
            "Quarterly profits - a record - rose.",
            "()",
            "Ad sales boost Time Warner profit",
        ] {
            let d = run(dateline, text);
            assert_eq!(d.blocks[0].lines[0], text);
            assert_eq!(d.dateline, None, "{text}");
        }
        let mut d = Draft::from_text("(CNN) — Text.");
        dateline(
            &mut d,
            &ImportConfig {
                strip_dateline: false,
                ..config()
            },
        );
        assert_eq!(d.blocks[0].lines[0], "(CNN) — Text.");
    }

    #[test]
    fn short_unpunctuated_lines_before_body_become_subheadings() {
        let d = run(
            subheadings,
            "First paragraph.\n\nTrump issues 50-day ultimatum to Russia\n\nBody text.\n\nNot a heading.\n\n“A quote”\n\nMore.\n\nLast line",
        );
        let kinds: Vec<_> = d.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::{Heading as H, Paragraph as P};
        assert_eq!(kinds, [P, H, P, P, P, P, P]);
        let d = run(subheadings, "Lead\n\nBody.");
        assert!(d.blocks.iter().all(|b| b.kind == P), "not the first block");
        let d = run(subheadings, "Body.\n\nOne\n\nTwo\n\nBody.");
        assert!(d.blocks.iter().all(|b| b.kind == P), "not two in a row");
    }

    #[test]
    fn clean_runs_every_pass_in_order() {
        let d = clean(
            "Title\nShare this @x.org\n\n() Lead paragraph.\n\nThe AP contributed to this report.\n\nShare this @x.org\nRelated\n\nTeaser",
            &config(),
        );
        assert_eq!(d.title, "Title");
        assert_eq!(texts(&d), ["Lead paragraph."]);
        assert_eq!(d.source.as_deref(), Some("x.org"));
        assert_eq!(d.credits, ["The AP contributed to this report."]);
    }
}
