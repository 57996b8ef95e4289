//! Cleaning: raw text → a [`Draft`] (title, paragraphs, subheadings, and what
//! was taken out of the text: source, dateline, credit, a date).
//!
//! Each rule is a small named pass, `fn(&mut Draft, &Rules)`, listed in
//! [`PASSES`] in the order they run. A pass only looks at the draft and the
//! rules: no I/O, no state, so each is tested alone. Every line a pass
//! removes is recorded in [`Draft::removed`] with the rule's name, for
//! `import --explain`.

use jiff::civil;

use super::dateline::{parse_dateline, parse_dateline_line, parse_text_date};
use super::rules::{MAX_RULE_LINE, Rules, may_be_debris, reads_as_credit};
use super::share::{self, ShareLine};
use super::{byline, leftovers, page};

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

/// A line taken out of the body, and the rule that took it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// The line, trimmed.
    pub line: String,
    /// The rule's name (`share`, `caption`, `teaser-block`, …).
    pub rule: String,
    /// Moved into the credit rather than dropped.
    pub credit: bool,
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
    /// Every line removed, in the order the passes removed them.
    pub removed: Vec<Removed>,
    /// Scraper leftovers decoded in the text (character references, mojibake), one line each.
    pub notes: Vec<String>,
    /// The date in the file's name: a dateline's date without a year is
    /// the last such day on or before it (else on or before the import's day).
    pub file_date: Option<civil::Date>,
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

    /// Removes every line for which `rule` names a rule, recording it, and
    /// blocks left empty. `rule` is given each line with the index of its
    /// block and its index among all the draft's lines.
    fn remove_lines(&mut self, mut rule: impl FnMut(usize, usize, &str) -> Option<String>) {
        let removed = &mut self.removed;
        let mut index = 0;
        for (b, block) in self.blocks.iter_mut().enumerate() {
            block.lines.retain(|line| {
                index += 1;
                let Some(rule) = rule(b, index - 1, line) else {
                    return true;
                };
                removed.push(Removed {
                    line: line.clone(),
                    rule,
                    credit: false,
                });
                false
            });
        }
        self.blocks.retain(|b| !b.lines.is_empty());
    }

    /// Removes blocks `from..to` (every line), recorded under `rule`.
    fn remove_blocks(&mut self, range: std::ops::Range<usize>, rule: &str) {
        for block in self.blocks.drain(range) {
            for line in block.lines {
                self.removed.push(Removed {
                    line,
                    rule: rule.to_owned(),
                    credit: false,
                });
            }
        }
    }

    /// The line at `(block, line)`, removed and recorded under `rule`.
    fn remove_line_at(&mut self, b: usize, l: usize, rule: &str) {
        let line = self.blocks[b].lines.remove(l);
        self.removed.push(Removed {
            line,
            rule: rule.to_owned(),
            credit: false,
        });
    }
}

/// A cleaning pass.
pub type Pass = fn(&mut Draft, &Rules);

/// The cleaning passes, in the order they run.
pub const PASSES: &[(&str, Pass)] = &[
    ("share", share_lines),
    ("notice", notices),
    ("navigation", navigation),
    ("title", title),
    ("byline", byline),
    ("date-line", date_line),
    ("teaser-block", teaser_block),
    ("attribution", attribution),
    ("author-bio", author_bio),
    ("repeated", repeated),
    ("page-boilerplate", page_boilerplate),
    ("dateline", dateline),
    ("subheadings", subheadings),
];

/// Cleans the raw text of one article (already decoded from its bytes):
/// scraper leftovers are undone, then every pass runs. `name` is the
/// file's name (its date, if any, helps date a dateline without a year).
pub fn clean_article(text: &str, name: &str, rules: &Rules) -> Draft {
    let (text, notes) = leftovers::decode(text);
    let mut draft = Draft::from_text(&text);
    draft.notes = notes;
    draft.file_date = super::analyse::date_in_file_name(name);
    for (name, pass) in PASSES {
        if rules.enabled(name) {
            pass(&mut draft, rules);
        }
    }
    draft
}

/// Removes share widgets anywhere (`Share this @domain`, `Facebook Twitter
/// Email`, …); the first domain of a `share_line` becomes the source. A
/// plain word (`Email`, `Print`) goes only next to another widget line.
pub fn share_lines(draft: &mut Draft, rules: &Rules) {
    let mut source = draft.source.take();
    let kinds: Vec<Vec<ShareLine>> = draft
        .blocks
        .iter()
        .map(|b| {
            b.lines
                .iter()
                .map(|line| match rules.share_line.matches(line) {
                    Some(domain) => {
                        if source.is_none() && !domain.is_empty() {
                            source = Some(domain.trim_start_matches('@').to_lowercase());
                        }
                        ShareLine::Widget
                    }
                    None => share::classify(line),
                })
                .collect()
        })
        .collect();
    let flat: Vec<ShareLine> = kinds.iter().flatten().copied().collect();
    let mut remove = vec![false; flat.len()];
    for i in 0..flat.len() {
        remove[i] = match flat[i] {
            ShareLine::Widget => true,
            ShareLine::Weak => {
                // Beside a widget line, or in a run of plain words beside one.
                let near = |range: &mut dyn Iterator<Item = usize>| {
                    range
                        .take_while(|&j| flat[j] != ShareLine::No)
                        .any(|j| flat[j] == ShareLine::Widget)
                };
                near(&mut (0..i).rev()) || near(&mut (i + 1..flat.len()))
            }
            ShareLine::No => false,
        };
    }
    draft.remove_lines(|_, i, _| remove[i].then(|| "share".to_owned()));
    draft.source = source;
}

/// Removes site notices and the built-in kinds of debris (advertising,
/// newsletter and cookie notices, captions, media widgets…) anywhere.
pub fn notices(draft: &mut Draft, rules: &Rules) {
    let (block_of, lines): (Vec<usize>, Vec<&str>) = draft
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| block.lines.iter().map(move |l| (b, l.as_str())))
        .unzip();
    // The first line is the headline.
    let mut marks: Vec<Option<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| notice_rule(line, i == 0, rules))
        .collect();
    widget_leftovers(&lines, &block_of, &mut marks, rules);
    draft.remove_lines(|_, i, _| marks[i].take());
}

/// The rule that removes `line` as a notice or built-in debris, if any.
fn notice_rule(line: &str, title: bool, rules: &Rules) -> Option<String> {
    if let Some(pattern) = rules.notices.first_match(line) {
        return Some(format!("notice `{pattern}`"));
    }
    // A teaser marker (`Comments`, `Related`) is the teaser-block
    // pass's: it cuts what follows it too.
    if is_teaser_marker(line, rules) || !may_be_debris(line) {
        return None;
    }
    let rule = rules.remove.first_match(line)?;
    // The first line is the headline unless it is page chrome that no
    // headline reads like (`Headline | Reuters` is not a caption).
    if title && !PAGE_CHROME.contains(&rule) {
        return None;
    }
    // A caption in the article's own list (a gallery) is the article's.
    let captions = ["caption", "photo-credit"].contains(&rule);
    if captions && is_list_item(line) {
        return None;
    }
    // A teaser's headline may say `says`: after its label it is no sentence.
    let speech_ok = ["photo-credit", "inline-teaser"].contains(&rule);
    (speech_ok || !is_reported_speech(line)).then(|| rule.to_owned())
}

/// Words of widgets' buttons and options (`Yes`/`No`, `On`/`Off`, `Not
/// now`, reactions), removed only beside other debris.
const WIDGET_WORDS: &[&str] = &[
    "yes",
    "no",
    "on",
    "off",
    "allow",
    "block",
    "not now",
    "ok",
    "okay",
    "refresh",
    "like",
    "love",
    "haha",
    "wow",
    "sad",
    "angry",
    "happy",
    "neutral",
    "care",
    "share",
    "tweet",
    "email",
    "print",
    "save",
    "more",
    "less",
    "next",
    "previous",
    "prev",
    "back",
    "close",
    "menu",
    "search",
    "subscribe",
    "log in",
    "sign in",
    "register",
    "follow",
    "following",
    "reply",
    "report",
    "submit",
    "send",
    "cancel",
    "continue",
    "skip",
    "play",
    "pause",
    "mute",
    "unmute",
    "live",
    "new",
    "top",
    "latest",
    "oldest",
    "newest",
    "sort by",
    "show",
    "hide",
    "expand",
    "collapse",
    "copy",
    "copied",
    "link",
    "embed",
    "donate",
    "upvote",
    "downvote",
    "helpful",
    "not helpful",
    "thanks",
    "thank you",
    "got it",
    "dismiss",
    "learn more",
];

/// Extends the marks of debris to what is left of its widgets:
/// - a short line between two lines of debris in one block (`Image
///   copyright` / `Reuters` / `Image caption`);
/// - headlines right after a label removed as debris, in its block
///   (`Suggested reading` / headline / headline);
/// - buttons beside debris (`Was this helpful?` / `Yes` / `No`).
fn widget_leftovers(
    lines: &[&str],
    block_of: &[usize],
    marks: &mut [Option<String>],
    rules: &Rules,
) {
    let n = lines.len();
    let short = |l: &str| l.split_whitespace().count() <= 40 && l.len() <= 300;
    for i in 1..n.saturating_sub(1) {
        if marks[i].is_none()
            && marks[i - 1].is_some()
            && marks[i + 1].is_some()
            && block_of[i - 1] == block_of[i]
            && block_of[i + 1] == block_of[i]
            && short(lines[i])
            && !is_teaser_marker(lines[i], rules)
        {
            marks[i] = marks[i - 1].clone();
        }
    }
    for i in 0..n {
        // A label may end in a colon (`In this article:`), never a full stop.
        let label = marks[i].is_some()
            && lines[i].split_whitespace().count() <= 4
            && !lines[i].ends_with(['.', '!', '?']);
        if !label {
            continue;
        }
        let mut j = i + 1;
        while j < n
            && j <= i + 6
            && block_of[j] == block_of[i]
            && marks[j].is_none()
            && is_headline(lines[j])
            && lines[j].split_whitespace().count() <= 20
        {
            marks[j] = marks[i].clone();
            j += 1;
        }
    }
    let button = |l: &str| {
        let key = l
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        // `Yes.` is an answer in an interview; `Yes` a button.
        l.len() <= 30
            && !l.ends_with('.')
            && (WIDGET_WORDS.contains(&key.as_str()) || !l.chars().any(char::is_alphabetic))
    };
    // Both ways, so that a run of buttons goes with the debris beside it.
    for order in [false, true] {
        let mut next: Option<String> = None;
        let indices: Vec<usize> = if order {
            (0..n).rev().collect()
        } else {
            (0..n).collect()
        };
        for i in indices {
            match &marks[i] {
                Some(rule) => next = Some(rule.clone()),
                None if next.is_some() && button(lines[i]) => marks[i] = next.clone(),
                None => next = None,
            }
        }
    }
}

/// A journalist's biography: `Jane Doe is a reporter for The Herald,
/// covering health.`, `Jane Doe has been a correspondent with … since 2011.`
static BIO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?-i:\p{Lu})[\w'’.-]+(?: (?-i:\p{Lu})[\w'’.-]+){1,3} (?:(?i:is|was|has been|had been) (?:a|an|(?-i:\p{Lu})[\w'’ ]{0,40}(?:'s|’s)) (?:[\w-]+ ){0,3}(?i:reporter|correspondent|editor|writer|journalist|columnist|contributor|producer|photographer|freelancer|intern|bureau chief|anchor)s?\b|(?i:writes about|covers|reports on) [^.]{1,80} for (?-i:\p{Lu})).{0,240}[.!]$",
    )
    .expect("a valid regular expression")
});

/// Removes a journalist's biography from the article's last blocks (never
/// from its body: `Jane Doe is a reporter …` is a fact inside a story).
pub fn author_bio(draft: &mut Draft, _: &Rules) {
    let n = draft.blocks.len();
    if n < 3 {
        return;
    }
    draft.remove_lines(|b, _, line| {
        let bio = b >= n - 2 && line.split_whitespace().count() <= 60 && BIO.is_match(line);
        bio.then(|| "author-bio".to_owned())
    });
}

/// Removes the short lines that repeat across the files of this import
/// (a site's furniture) from the page's head and tail, around the
/// article's sentences (a subheading the site's stories share stays), once
/// the other passes have read the lines they need (teaser markers, bylines,
/// date lines).
pub fn repeated(draft: &mut Draft, rules: &Rules) {
    let sentence = |b: &Block| {
        b.lines
            .iter()
            .any(|l| page::LineFeatures::of(l).is_sentence())
    };
    let first = draft.blocks.iter().position(sentence).unwrap_or(0);
    let last = draft.blocks.iter().rposition(sentence).unwrap_or(0);
    draft.remove_lines(|b, _, line| {
        let furniture = !(first..=last).contains(&b) && rules.repeats.has_line(line);
        furniture.then(|| "repeated".to_owned())
    });
}

/// Rules whose lines no headline reads like: they may remove the first line.
const PAGE_CHROME: &[&str] = &[
    "advertisement",
    "cookie-notice",
    "browser-notice",
    "script",
    "separator",
    "link",
];

/// A line of a list: `- item`, `* item`, `• item`.
pub(crate) fn is_list_item(line: &str) -> bool {
    ["- ", "* ", "• ", "– ", "+ "]
        .iter()
        .any(|m| line.starts_with(m))
}

/// True for a line that reports what someone said: an article's, whatever it starts with.
fn is_reported_speech(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        " said",
        " says",
        " told ",
        "according to",
        " stated",
        " added",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && line.split_whitespace().count() >= 8
}

/// Removes the navigation of whole-page text, line by line: menu words
/// (`Home`, `World`) before the first sentence, runs of three menu words
/// anywhere, menu and breadcrumb lines (`Home › World`, `You are here:
/// Home / World`) and the page's controls (`Skip to content`, `Sign in`)
/// anywhere.
pub fn navigation(draft: &mut Draft, _: &Rules) {
    let lines: Vec<&String> = draft.blocks.iter().flat_map(|b| &b.lines).collect();
    let menu_word: Vec<bool> = lines
        .iter()
        .map(|line| {
            line.len() <= 30
                && !is_list_item(line)
                && page::MENU_WORDS.contains(&menu_key(line).as_str())
        })
        .collect();
    let first_sentence = lines
        .iter()
        .position(|l| page::LineFeatures::of(l).is_sentence())
        .unwrap_or(lines.len());
    let mut remove = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let run = menu_word[i..].iter().take_while(|&&m| m).count();
        for (j, r) in remove.iter_mut().enumerate().skip(i).take(run.max(1)) {
            *r = (menu_word[j] && (j < first_sentence || run >= 3))
                || is_control(lines[j])
                || is_breadcrumb(lines[j]);
        }
        i += run.max(1);
    }
    draft.remove_lines(|_, i, _| remove[i].then(|| "navigation".to_owned()));
}

/// A line as menus are compared: lower case, without end punctuation.
fn menu_key(line: &str) -> String {
    line.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .to_lowercase()
}

/// The page's own controls, which no article has as a line.
const CONTROLS: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "skip to search",
    "skip to footer",
    "skip navigation",
    "jump to content",
    "main menu",
    "open menu",
    "close menu",
    "menu",
    "toggle navigation",
    "toggle menu",
    "open navigation",
    "close navigation",
    "sign in",
    "sign out",
    "log in",
    "log out",
    "login",
    "logout",
    "sign in / register",
    "register",
    "my account",
    "account",
    "search",
    "search this site",
    "open search",
    "close search",
    "back to top",
    "scroll to top",
    "go to top",
    "live tv",
    "watch live tv",
    "listen live",
    "today's paper",
    "today’s paper",
    "e-paper",
    "epaper",
    "edition",
    "change edition",
    "select edition",
    "choose your edition",
    "notifications",
    "close",
    "dismiss",
];

fn is_control(line: &str) -> bool {
    line.len() <= 40 && CONTROLS.contains(&menu_key(line).as_str())
}

/// A menu or breadcrumb line: `Home › World › Europe`, `You are here:
/// Home / World`, `Home / World` (two menu words).
fn is_breadcrumb(line: &str) -> bool {
    const SEPARATORS: [char; 7] = ['|', '›', '»', '•', '·', '>', '/'];
    // Most lines are sentences: no separator, or far too long for a trail.
    if line.len() > MAX_RULE_LINE || !line.contains(SEPARATORS) {
        return false;
    }
    let line = [
        "you are here:",
        "you are here",
        "breadcrumb:",
        "breadcrumbs:",
    ]
    .iter()
    .find_map(|p| {
        let head = line.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| line[p.len()..].trim())
    })
    .unwrap_or(line);
    if line.contains(SEPARATORS) && page::LineFeatures::of(line).is_menu() {
        return true;
    }
    let mut items = line.split(SEPARATORS).map(str::trim);
    let all_menu_words = items
        .clone()
        .all(|item| page::MENU_WORDS.contains(&menu_key(item).as_str()));
    items.nth(1).is_some() && all_menu_words
}

/// Takes the first line as the title; the rest of its block stays in the body.
pub fn title(draft: &mut Draft, rules: &Rules) {
    let Some(first) = draft.blocks.first_mut() else {
        return;
    };
    let line = first.lines.remove(0);
    let (title, site) = match split_site_name(&line) {
        (title, None) => match rules.repeats.split_title(&line) {
            Some((title, site)) => (title, Some(site)),
            None => (title, None),
        },
        split => split,
    };
    if let Some(site) = site {
        draft.removed.push(Removed {
            line: site.to_owned(),
            rule: "title-site-name".to_owned(),
            credit: false,
        });
    }
    draft.title = title.to_owned();
    if first.lines.is_empty() {
        draft.blocks.remove(0);
    }
}

/// Splits the site's name off a page title (`Headline | Reuters`,
/// `Headline - BBC News`, `Headline | World news | The Guardian`,
/// `Headline :: WRAL.com`). After ` | ` or ` :: ` any short name goes;
/// after a dash only an outlet's name (a byline's outlet, a domain, a name
/// ending in `News`), since headlines use dashes themselves.
fn split_site_name(line: &str) -> (&str, Option<&str>) {
    let short_name = |s: &str| {
        let words = s.split_whitespace().count();
        (1..=4).contains(&words) && !s.ends_with(['.', '?', '!'])
    };
    let outlet = |s: &str| byline::is_outlet(s) || s.to_lowercase().ends_with(" news");
    for sep in [" | ", " :: "] {
        if let Some(at) = line.find(sep) {
            let (head, tail) = (line[..at].trim_end(), &line[at + sep.len()..]);
            if head.split_whitespace().count() >= 3
                && tail.split(sep).all(|part| short_name(part.trim()))
            {
                return (head, Some(tail.trim()));
            }
        }
    }
    // After a dash: the outlet (`- BBC News`), with the section before it
    // (`- Pakistan - DAWN.COM`), or a section label alone (`– Blog`).
    let mut head = line;
    let mut outlet_seen = false;
    while let Some((at, sep)) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|sep| head.rfind(sep).map(|at| (at, *sep)))
        .max()
    {
        let (rest, tail) = (head[..at].trim_end(), head[at + sep.len()..].trim());
        let section = is_section_label(tail)
            || (outlet_seen && tail.split_whitespace().count() == 1 && starts_upper(tail));
        if rest.split_whitespace().count() < 3 || !short_name(tail) {
            break;
        }
        if outlet(tail) {
            outlet_seen = true;
        } else if !section {
            break;
        }
        head = rest;
    }
    if head.len() < line.len() {
        let site = line[head.len()..].trim_start_matches([' ', '-', '–', '—']);
        return (head, Some(site.trim()));
    }
    (line, None)
}

/// A site's section or label after a headline's dash (`World`, `Opinion`, `Blog`).
fn is_section_label(tail: &str) -> bool {
    const LABELS: &[&str] = &[
        "blog",
        "blogs",
        "analysis",
        "editorial",
        "editorials",
        "commentary",
        "column",
        "columns",
        "op-ed",
        "reviews",
        "gallery",
        "photos",
        "in pictures",
    ];
    let key = menu_key(tail);
    LABELS.contains(&key.as_str()) || page::MENU_WORDS.contains(&key.as_str())
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Removes a byline at the top of the body (`By Jane Doe`, `By JANE DOE,
/// Associated Press`, `Jane Doe | Reuters`, `Written by Jane Doe`).
pub fn byline(draft: &mut Draft, _: &Rules) {
    // The first four lines of the first three blocks.
    let top: Vec<&str> = draft
        .blocks
        .iter()
        .take(3)
        .flat_map(|b| b.lines.iter().map(String::as_str))
        .take(4)
        .collect();
    let mut remove: Vec<bool> = top.iter().map(|l| byline::is_byline(l)).collect();
    // `Jane Doe` on one line, `Senior Editor` or the outlet on the next.
    for i in 0..top.len().saturating_sub(1) {
        if byline::is_name_and_role(top[i], top[i + 1]) {
            remove[i] = true;
            remove[i + 1] = true;
        }
    }
    draft.remove_lines(|_, i, _| {
        remove
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| "byline".to_owned())
    });
}

/// Cuts the trailing block of teasers, from its marker line (`You May Also
/// Like`, `Related`, `Most Read`, …) to the end, when what follows the
/// marker is teasers (headlines, cut excerpts) or far shorter than the
/// body before it. A marker elsewhere (`Next Story` at the top of a page)
/// is removed alone, with the teaser headlines right after it: the rest
/// of the file is never cut.
pub fn teaser_block(draft: &mut Draft, rules: &Rules) {
    let is_marker = |line: &str| is_teaser_marker(line, rules);
    let mut b = 0;
    while b < draft.blocks.len() {
        let Some(l) = draft.blocks[b].lines.iter().position(|l| is_marker(l)) else {
            b += 1;
            continue;
        };
        let before: usize = draft.blocks[..b].iter().map(text_len).sum::<usize>()
            + draft.blocks[b].lines[..l]
                .iter()
                .map(|x| x.len())
                .sum::<usize>();
        let after_lines: Vec<&String> = draft.blocks[b].lines[l + 1..]
            .iter()
            .chain(draft.blocks[b + 1..].iter().flat_map(|x| &x.lines))
            .collect();
        let after: usize = after_lines.iter().map(|x| x.len()).sum();
        // Only teasers may follow: a paragraph of running text after the
        // marker means it is not the article's tail, and nothing is cut.
        // Readers' comments are sentences: after a comment section's
        // marker in the last third of the file, anything may follow.
        let last_third = |before: usize, after: usize| before >= 2 * after;
        let mut comments =
            last_third(before, after) && is_comments_marker(&draft.blocks[b].lines[l]);
        let mut seen = before;
        let teasers = after_lines.iter().all(|x| {
            seen += x.len();
            if is_marker(x) {
                comments = is_comments_marker(x) && last_third(seen, before + after - seen);
                return true;
            }
            comments || is_teaser_like(x)
        });
        if before > 0 && after > 0 && teasers {
            let tail: Vec<String> = draft.blocks[b].lines.drain(l..).collect();
            for line in tail {
                draft.removed.push(Removed {
                    line,
                    rule: "teaser-block".to_owned(),
                    credit: false,
                });
            }
            draft.remove_blocks(b + 1..draft.blocks.len(), "teaser-block");
            draft.blocks.retain(|block| !block.lines.is_empty());
            return;
        }
        // Not trailing: the marker alone, then the teaser headlines after it.
        draft.remove_line_at(b, l, "teaser-marker");
        while l < draft.blocks[b].lines.len() && is_headline(&draft.blocks[b].lines[l]) {
            draft.remove_line_at(b, l, "teaser-marker");
        }
        if draft.blocks[b].lines.is_empty() {
            draft.blocks.remove(b);
            // The teaser headlines in blocks of their own: a few, with the
            // article going on after them. A longer run of short lines is
            // the article's own list (a gallery's captions).
            let run = draft.blocks[b..]
                .iter()
                .take_while(|x| x.lines.len() <= 3 && x.lines.iter().all(|l| is_headline(l)))
                .count();
            if run <= MAX_TEASERS && b + run < draft.blocks.len() {
                draft.remove_blocks(b..b + run, "teaser-marker");
            }
        } else {
            b += 1;
        }
    }
}

/// The most teaser headlines a marker in the body takes with it.
const MAX_TEASERS: usize = 5;

/// A teaser block's marker (`You May Also Like`, `Related:`): a heading,
/// not a sentence (`More on that later.`).
fn is_teaser_marker(line: &str, rules: &Rules) -> bool {
    let sentence = line.ends_with(['.', '?', '!']) && !line.ends_with("..");
    let line = line.trim_end_matches([':', '.', '…', ' ', '»', '›', '>']);
    !sentence && line.chars().count() <= 60 && rules.teaser_markers.is_match(line)
}

/// The marker of a comment section (`24 Comments`, `Join the conversation`).
fn is_comments_marker(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "comment",
        "conversation",
        "discussion",
        "reply",
        "have your say",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn text_len(block: &Block) -> usize {
    block.lines.iter().map(String::len).sum()
}

/// A teaser's line: a headline (a question too), a cut excerpt (`…`), a
/// date, or a short label.
fn is_teaser_like(line: &str) -> bool {
    let end = line.trim_end();
    end.ends_with('…')
        || end.ends_with("...")
        || is_headline(end)
        || (end.ends_with('?') && end.chars().count() <= 160)
        || (end.chars().count() <= 100 && !page::LineFeatures::of(end).is_sentence())
}

/// A headline: no final punctuation, not too long.
fn is_headline(line: &str) -> bool {
    let features = page::LineFeatures::of(line);
    !features.ends_sentence && line.chars().count() <= 160 && !line.ends_with(['"', '”'])
}

/// Moves attribution and credit lines (`The Associated Press contributed
/// to this report.`, `Reporting by …; Editing by …`, `This article was
/// originally published on …`) into the credit.
pub fn attribution(draft: &mut Draft, rules: &Rules) {
    let mut credits = std::mem::take(&mut draft.credits);
    let removed = &mut draft.removed;
    for block in &mut draft.blocks {
        block.lines.retain(|line| {
            if line.chars().count() > 300 {
                return true;
            }
            let rule = match rules.attributions.first_match(line) {
                Some(pattern) if reads_as_credit(line) => Some(format!("attribution `{pattern}`")),
                _ => match rules.credit.first_match(line) {
                    // These read as sentences, and are debris whatever their words.
                    Some(rule @ ("republished" | "syndication")) => Some(rule.to_owned()),
                    Some(rule) if reads_as_credit(line) => Some(rule.to_owned()),
                    _ => None,
                },
            };
            let Some(rule) = rule else { return true };
            credits.push(line.clone());
            removed.push(Removed {
                line: line.clone(),
                rule,
                credit: true,
            });
            false
        });
    }
    draft.blocks.retain(|b| !b.lines.is_empty());
    draft.credits = credits;
}

/// Removes blocks of whole-page text that are navigation, link lists or
/// footers (see [`page::classify`]), in files that have other debris.
pub fn page_boilerplate(draft: &mut Draft, _: &Rules) {
    // Only in page text: a file from which other rules removed debris
    // already. Clean articles (a gallery's captions) are left alone.
    let page_debris = draft.removed.iter().any(|r| {
        !r.credit
            && !["share", "teaser-block", "teaser-marker", "dateline"].contains(&r.rule.as_str())
    });
    if !page_debris {
        return;
    }
    let blocks: Vec<Vec<&str>> = draft
        .blocks
        .iter()
        .map(|b| b.lines.iter().map(String::as_str).collect())
        .collect();
    let class = page::classify(&blocks, 4);
    // The first block is kept even so: it may be a standfirst.
    for i in (0..class.len()).rev() {
        if class[i] == page::BlockClass::Boilerplate && draft.blocks.len() > 1 {
            draft.remove_blocks(i..i + 1, "page-boilerplate");
        }
    }
}

/// Words of the lines that only give the date or time (`Updated 2:15 PM
/// EDT, Mon July 21, 2025`), besides numbers and month and day names.
const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "first",
    "created",
    "date",
    "on",
    "at",
    "am",
    "pm",
    "a.m.",
    "p.m.",
    "et",
    "est",
    "edt",
    "ct",
    "cst",
    "cdt",
    "mt",
    "mst",
    "mdt",
    "pt",
    "pst",
    "pdt",
    "gmt",
    "bst",
    "utc",
    "cet",
    "cest",
    "ist",
    "aest",
    "aedt",
    "jst",
    "hkt",
    "sgt",
    "wib",
    "msk",
    "eet",
    "eest",
    "ago",
    "hours",
    "hour",
    "hrs",
    "hr",
    "minutes",
    "minute",
    "mins",
    "min",
    "days",
    "day",
    "weeks",
    "week",
    "yesterday",
    "today",
    "just",
    "now",
    "the",
    "of",
    "time",
    "local",
    "sept",
    "th",
    "st",
    "nd",
    "rd",
    "|",
    "•",
    "·",
    "-",
    "–",
    "—",
    "/",
    "and",
    "about",
    "around",
    "over",
    "nearly",
    "approximately",
    "an",
    "a",
];

/// True for a line that only gives a date or time, with something that
/// says so: a year, `ago`, or a clock time (`Tuesday, 1 March` alone may
/// be a fixture list's heading).
fn is_date_only(line: &str) -> bool {
    if line.chars().count() > 100 {
        return false;
    }
    let year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let lower = line.to_lowercase();
    if !(year || lower.contains("ago") || lower.contains(':')) {
        return false;
    }
    let mut strong = false;
    for word in line.split(|c: char| c.is_whitespace() || ",()[]".contains(c)) {
        let word = word.trim_end_matches([':', '.', ',']).to_lowercase();
        if word.is_empty() {
            continue;
        }
        let time =
            word.contains(':') || word.contains('.') && word.chars().any(|c| c.is_ascii_digit());
        if crate::calendar::month_number(&word).is_some()
            || crate::calendar::is_weekday(&word)
            || word == "ago"
            || time
        {
            strong = true;
        } else if !(word
            .chars()
            .all(|c| c.is_ascii_digit() || "/-:.".contains(c))
            || DATE_WORDS.contains(&word.as_str())
            || word
                .trim_end_matches(['a', 'p', 'm'])
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':'))
        {
            return false;
        }
    }
    strong
}

/// Removes the lines that only give the date (`Monday, July 21, 2025`,
/// `Published 21 July 2025`, `Updated 3 hours ago`) from the top of the
/// body (and, starting with `Published` or `Updated`, anywhere), keeping
/// the first date.
pub fn date_line(draft: &mut Draft, _: &Rules) {
    let top = draft.blocks.len().min(2);
    let mut seen = 0;
    let mut date = draft.date;
    let removed = &mut draft.removed;
    let n = draft.blocks.len();
    for (b, block) in draft.blocks.iter_mut().enumerate() {
        block.lines.retain(|line| {
            seen += 1;
            let labelled = [
                "published",
                "updated",
                "posted",
                "last updated",
                "first published",
                "last modified",
                "date:",
                "dated",
            ]
            .iter()
            .any(|p| {
                line.get(..p.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(p))
            });
            let at_top = b < top && seen <= 6 && n > 1;
            if !((at_top || labelled) && is_date_only(without_author(line))) {
                return true;
            }
            if at_top && date.is_none() {
                date = first_date_in(line);
            }
            removed.push(Removed {
                line: line.clone(),
                rule: "date-line".to_owned(),
                credit: false,
            });
            false
        });
    }
    draft.blocks.retain(|b| !b.lines.is_empty());
    draft.date = date;
}

/// A date line without its author's name at the end (`Posted on March 3,
/// 2025 by admin`, `Last updated on March 3, 2025 by Jane Doe`).
fn without_author(line: &str) -> &str {
    match line.rsplit_once(" by ") {
        Some((date, name))
            if (1..=4).contains(&name.split_whitespace().count())
                && !name.contains(['.', ',', ':']) =>
        {
            date
        }
        _ => line,
    }
}

/// The first full date written in `line`.
fn first_date_in(line: &str) -> Option<civil::Date> {
    line.char_indices()
        .filter(|&(i, _)| i == 0 || line[..i].ends_with([' ', ',', '|', ':']))
        .find_map(|(i, _)| parse_text_date(&line[i..]).map(|(d, _)| d))
}

/// Removes an empty or bare dateline (`() `, `(CNN) — `, `WASHINGTON (AP) — `)
/// from the start of the first paragraph; a named outlet or place is kept
/// as the dateline, and a date in it as the date.
pub fn dateline(draft: &mut Draft, rules: &Rules) {
    if !rules.strip_dateline {
        return;
    }
    // The first paragraph: after a one-line standfirst, or short lines
    // left above it (a kicker, a label), the first that runs on.
    let opening = draft
        .blocks
        .iter()
        .take(4)
        .position(|b| {
            b.lines.len() > 1
                || page::LineFeatures::of(&b.lines[0]).ends_sentence
                || b.lines[0].split_whitespace().count() >= 12
        })
        .unwrap_or(0);
    let today = draft.file_date.unwrap_or(rules.today);
    // `ANKARA` or `KATHMANDU, July 28` on a line of its own just above it.
    if opening > 0
        && let [line] = draft.blocks[opening - 1].lines.as_slice()
        && let Some(found) = parse_dateline_line(line, today)
    {
        let line = line.clone();
        draft.blocks.remove(opening - 1);
        draft.removed.push(Removed {
            line,
            rule: "dateline".to_owned(),
            credit: false,
        });
        if let Some(date) = found.date {
            draft.date.get_or_insert(date);
        }
        draft.dateline = Some(found.text);
        return;
    }
    for b in 0..draft.blocks.len().min(opening + 1) {
        let block = &mut draft.blocks[b];
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let Some(found) = parse_dateline(&block.lines[0], today) else {
            continue;
        };
        // Lines stay trimmed: a tab left after the dateline would start an
        // indented code block in Markdown (found by fuzzing).
        let taken = block.lines[0][..found.len].trim_end().to_owned();
        block.lines[0] = block.lines[0][found.len..].trim_start().to_owned();
        draft.removed.push(Removed {
            line: taken,
            rule: "dateline".to_owned(),
            credit: false,
        });
        if let Some(date) = found.date {
            draft.date.get_or_insert(date);
        }
        if !found.text.is_empty() {
            draft.dateline = Some(found.text);
        }
        return;
    }
}

/// Marks short lines without final punctuation that stand between body
/// paragraphs as subheadings. The first block never is one (a story does
/// not open with a subheading), nor are runs of short lines (a list).
pub fn subheadings(draft: &mut Draft, rules: &Rules) {
    if rules.subheading_max_chars == 0 {
        return;
    }
    let max = rules.subheading_max_chars;
    let n = draft.blocks.len();
    for i in 1..n.saturating_sub(1) {
        let candidate = is_heading_like(&draft.blocks[i], max)
            && draft.blocks[i - 1].kind == BlockKind::Paragraph
            && !is_heading_like(&draft.blocks[i - 1], max)
            && !is_heading_like(&draft.blocks[i + 1], max);
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
    #[test]
    fn site_names_leave_titles() {
        for (line, title) in [
            (
                "Mayor resigns after expenses scandal | Reuters",
                "Mayor resigns after expenses scandal",
            ),
            (
                "Mayor resigns after expenses scandal - BBC News",
                "Mayor resigns after expenses scandal",
            ),
            (
                "Mayor resigns after scandal | World news | The Guardian",
                "Mayor resigns after scandal",
            ),
            (
                "Mayor resigns after scandal :: WRAL.com",
                "Mayor resigns after scandal",
            ),
            (
                "Mayor resigns after scandal – The Guardian",
                "Mayor resigns after scandal",
            ),
            (
                "Talks with India collapse - Pakistan - DAWN.COM",
                "Talks with India collapse",
            ),
            (
                "Why the harbour matters to us – Blog",
                "Why the harbour matters to us",
            ),
            (
                "Mayor resigns after scandal - Opinion - BBC News",
                "Mayor resigns after scandal",
            ),
            // Dashes and pipes of the headline itself stay.
            (
                "Storm hits the coast - Pakistan",
                "Storm hits the coast - Pakistan",
            ),
            ("Brexit - what happens next", "Brexit - what happens next"),
            (
                "Mayor resigns - and his deputy follows him out",
                "Mayor resigns - and his deputy follows him out",
            ),
            ("Live | Storm hits the coast", "Live | Storm hits the coast"),
        ] {
            assert_eq!(split_site_name(line).0, title, "{line}");
        }
    }

    use super::*;

    use crate::config::ImportConfig;

    fn config() -> Rules {
        Rules::new(&ImportConfig::default(), civil::date(2026, 1, 15)).unwrap()
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
        // At the top, the marker alone goes: a story is not cut to nothing.
        let d = run(teaser_block, "Related\n\nBody.");
        assert_eq!(texts(&d), ["Body."]);
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
        let off = ImportConfig {
            strip_dateline: false,
            ..ImportConfig::default()
        };
        dateline(&mut d, &Rules::new(&off, civil::date(2026, 1, 15)).unwrap());
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
        let d = clean_article(
            "Title\nShare this @x.org\n\n() Lead paragraph.\n\nThe AP contributed to this report.\n\nShare this @x.org\nRelated\n\nTeaser",
            "x.txt",
            &config(),
        );
        assert_eq!(d.title, "Title");
        assert_eq!(texts(&d), ["Lead paragraph."]);
        assert_eq!(d.source.as_deref(), Some("x.org"));
        assert_eq!(d.credits, ["The AP contributed to this report."]);
    }

    #[test]
    fn a_journalists_biography_leaves_the_tail_only() {
        let body = "Jane Doe is a reporter for The Herald, covering the courts.";
        let text = format!(
            "The council voted to rebuild the wall on Monday night.\n\n{body}\n\nEngineers said the work would take a year to finish.\n\nMore rain is due on Friday, forecasters said.\n\nPatrick Mulvey is a freelance journalist based in Vienna."
        );
        let d = run(author_bio, &text);
        assert!(
            texts(&d).contains(&body.to_owned()),
            "inside the story it stays"
        );
        assert!(!texts(&d).iter().any(|t| t.contains("Mulvey")));
        assert_eq!(d.removed[0].rule, "author-bio");
    }
}
