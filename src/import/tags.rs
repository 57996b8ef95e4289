//! Automatic tags: the people, places, organisations and key terms of an
//! article, scored by TF-IDF over every article imported together and the
//! articles already on the site.
//!
//! 1. [`observe`] (per article, in parallel) finds runs of capitalised words
//!    (`President Donald Trump`, `Ukraine Defense Contact Group`), splits off
//!    job titles and nationalities, and counts in a [`Vocabulary`] how often
//!    each word is written in lowercase or capitalised mid-sentence, and
//!    which stems the article uses.
//! 2. [`Vocabulary::merge`] adds those counts up over the whole corpus, so a
//!    word capitalised only because it opens a sentence (`Asked`, `Now`) is
//!    told apart from a name (`Kyiv`).
//! 3. [`terms`] turns an article's runs into terms: sentence-initial common
//!    words stripped, surnames merged into the full name the article uses
//!    (`Trump` → `Donald Trump`), aliases applied (`U.S.` → `United
//!    States`), weekdays, months, the blocklist and stop words left out.
//! 4. [`pick`] scores terms by count × inverse document frequency (a term
//!    in the title counts extra) and keeps the best `max_tags`.
//!
//! An import holds what it observed of every article until the corpus is
//! read, so [`Observed`] and [`Terms`] keep only what scoring needs, in
//! compact forms: the words of runs in one string, per-word counts summed
//! into the shared [`Vocabulary`] instead of kept per article.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

use super::lexicon::{ABBREVIATIONS, CONNECTORS, DEMONYMS, ROLES};
use crate::config::ImportConfig;
use crate::hash::{FxMap, FxSet, Hash64, hash64};
use crate::text;

/// How often a word was written each way, over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CaseCount {
    /// Written starting with a lowercase letter.
    pub lower: u32,
    /// Written capitalised, not at the start of a sentence.
    pub capitalised: u32,
    /// Of those, written as a name of its own (not inside `New York`).
    pub alone: u32,
}

/// A word of a run, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word<'a> {
    text: &'a str,
    /// At the start of a sentence (or after an opening quote or colon).
    initial: bool,
}

/// Words one after the other in one string, without separators: word `i`
/// is `text[ends[i - 1]..ends[i]]`. One allocation for all the words of an
/// article instead of one each.
#[derive(Debug, Clone, Default)]
struct WordList {
    text: String,
    /// Where each word ends in `text`, and whether it opens a sentence.
    ends: Vec<(usize, bool)>,
}

impl WordList {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn push(&mut self, word: &str, initial: bool) {
        self.text.push_str(word);
        self.ends.push((self.text.len(), initial));
    }

    /// Appends `more` to the last word; there must be one.
    fn extend_last(&mut self, more: &str) {
        self.text.push_str(more);
        if let Some(last) = self.ends.last_mut() {
            last.0 = self.text.len();
        }
    }

    fn get(&self, i: usize) -> Word<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1].0 };
        let (end, initial) = self.ends[i];
        Word {
            text: &self.text[start..end],
            initial,
        }
    }

    fn last(&self) -> Option<Word<'_>> {
        self.len().checked_sub(1).map(|i| self.get(i))
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }
}

/// What one article says, before corpus statistics are known.
#[derive(Debug, Clone, Default)]
pub(crate) struct Observed {
    /// The words of the runs of capitalised words, split at job titles.
    run_words: WordList,
    /// Where each run ends in `run_words` (it starts where the one before ends).
    run_ends: Vec<usize>,
    /// The title's words, normalised (see [`key`]).
    title_keys: Vec<String>,
    /// The article's key-term candidates (see [`Topic`]).
    topics: Vec<Topic>,
}

impl Observed {
    /// The runs, each as its words.
    fn runs(&self) -> impl Iterator<Item = impl ExactSizeIterator<Item = Word<'_>>> + '_ {
        let starts = std::iter::once(0).chain(self.run_ends.iter().copied());
        starts
            .zip(&self.run_ends)
            .map(|(start, &end)| (start..end).map(|i| self.run_words.get(i)))
    }
}

/// A stem of the article's lowercase words that could be a tag: used at
/// least [`MIN_TOPIC_COUNT`] times, and also a stem of a title word (only
/// those are ever picked).
#[derive(Debug, Clone, PartialEq)]
struct Topic {
    /// The stem's [`topic_key`].
    df_key: u64,
    /// Uses of words with this stem.
    count: u32,
    /// The most used of those words.
    spelling: String,
}

/// A lowercase word is a key term only if the article uses it this often.
const MIN_TOPIC_COUNT: u32 = 3;

/// The document-frequency key of a stem (kept apart from names).
fn topic_key(stem: &str) -> u64 {
    // `hash64` of `topic:{stem}`, without formatting that string.
    let mut h = Hash64::new();
    h.write(b"topic:");
    h.write(stem.as_bytes());
    h.finish()
}

/// The document-frequency key of a name's key.
fn name_key(key: &str) -> u64 {
    hash64(key.as_bytes())
}

/// [`text::fold`] of `word` into `buf` (cleared first), returned; allocates nothing.
fn fold_in<'b>(buf: &'b mut String, word: &str) -> &'b str {
    buf.clear();
    text::fold_into(word, buf);
    buf
}

/// Reads an article's title and paragraphs, and adds how its words are
/// written (and which stems it uses) to `vocabulary`.
pub(crate) fn observe<'a>(
    title: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
    vocabulary: &mut Vocabulary,
) -> Observed {
    observe_into(
        title,
        paragraphs,
        vocabulary,
        &mut text::FoldedWords::default(),
    )
}

/// [`observe`], which also appends the words of the paragraphs (not of the
/// title), folded, to `words`: it folds them anyway, and the near-duplicate
/// fingerprint is made of them.
pub(crate) fn observe_into<'a>(
    title: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
    vocabulary: &mut Vocabulary,
    words: &mut text::FoldedWords,
) -> Observed {
    let title_keys: Vec<String> = text::words(title)
        .map(|w| key(strip_possessive(w)))
        .collect();
    let mut observer = Observer {
        vocabulary,
        run_words: WordList::default(),
        run_ends: Vec::new(),
        run: WordList::default(),
        words,
        folded: String::new(),
    };
    for paragraph in paragraphs {
        observer.paragraph(paragraph);
    }
    let Observer {
        vocabulary,
        run_words,
        run_ends,
        ..
    } = observer;
    Observed {
        topics: topics(&title_keys, vocabulary),
        run_words,
        run_ends,
        title_keys,
    }
}

/// Counts the stems of the article's lowercase content words (counted in
/// `vocabulary.words`) in `vocabulary` (one document each), and returns its
/// [`Topic`]s. Empties the article's word counts for the next article.
fn topics(title_keys: &[String], vocabulary: &mut Vocabulary) -> Vec<Topic> {
    let Vocabulary {
        topics: document_counts,
        stems,
        words,
        ..
    } = vocabulary;
    // By stem: the total count, and the most used spelling (of those used
    // equally, the first in alphabetical order), with its count.
    let mut by_stem: FxMap<StemId, (u32, WordId, u32)> = FxMap::default();
    by_stem.reserve(words.counted.len());
    for (word, count) in words.take_counts() {
        match by_stem.entry(words.stem(word, stems)) {
            Entry::Occupied(mut e) => {
                let (total, best, best_count) = e.get_mut();
                *total += count;
                let first = count > *best_count
                    || (count == *best_count && words.text(word) < words.text(*best));
                if first {
                    (*best, *best_count) = (word, count);
                }
            }
            Entry::Vacant(e) => {
                e.insert((count, word, count));
            }
        }
    }
    for &stem in by_stem.keys() {
        *document_counts.entry(stems.topic_key(stem)).or_default() += 1;
    }
    let title_stems: Vec<StemId> = title_keys.iter().map(|t| stems.id(t)).collect();
    let mut topics: Vec<(StemId, u32, WordId)> = by_stem
        .into_iter()
        .filter(|(stem, (count, ..))| *count >= MIN_TOPIC_COUNT && title_stems.contains(stem))
        .map(|(stem, (count, spelling, _))| (stem, count, spelling))
        .collect();
    // In the order of their stems, as they always were.
    topics.sort_unstable_by(|a, b| stems.text(a.0).cmp(stems.text(b.0)));
    topics
        .into_iter()
        .map(|(stem, count, spelling)| Topic {
            df_key: stems.topic_key(stem),
            count,
            spelling: words.text(spelling).to_owned(),
        })
        .collect()
}

/// The number of a word in a [`WordTable`].
type WordId = usize;

/// The lowercase words of four letters or more a worker has read, each
/// numbered once, with what observing them needs: whether it is a content
/// word (see [`is_content_word`]) and its stem. An article counts its words
/// by number, instead of hashing and comparing each in a map of its own.
///
/// A word is found by its hash (`hash64` of the folded word, which
/// the case counts need anyway) and checked against its text: two words
/// with one hash would be kept apart.
#[derive(Debug, Clone, Default)]
struct WordTable {
    /// By hash: the first word read with that hash.
    by_hash: FxMap<u64, WordId>,
    /// Words whose hash an earlier, different word has.
    collided: FxMap<String, WordId>,
    words: Vec<TableWord>,
    /// The current article's count of each word, by number (zero for the
    /// words it does not use), and the words it uses.
    counts: Vec<u32>,
    counted: Vec<WordId>,
}

#[derive(Debug, Clone)]
struct TableWord {
    text: String,
    content: bool,
    /// Looked up the first time it is needed.
    stem: Option<StemId>,
}

impl WordTable {
    /// Counts a use of the folded word `folded`, of hash `hash`, in the
    /// current article if it is a content word.
    fn count(&mut self, folded: &str, hash: u64) {
        let id = self.id(folded, hash);
        if self.words[id].content {
            if self.counts[id] == 0 {
                self.counted.push(id);
            }
            self.counts[id] += 1;
        }
    }

    /// The number of `folded`, of hash `hash`, added if new.
    fn id(&mut self, folded: &str, hash: u64) -> WordId {
        match self.by_hash.get(&hash) {
            None => {
                let id = self.add(folded);
                self.by_hash.insert(hash, id);
                id
            }
            Some(&id) if self.words[id].text == folded => id,
            Some(_) => match self.collided.get(folded) {
                Some(&id) => id,
                None => {
                    let id = self.add(folded);
                    self.collided.insert(folded.to_owned(), id);
                    id
                }
            },
        }
    }

    fn add(&mut self, folded: &str) -> WordId {
        self.words.push(TableWord {
            text: folded.to_owned(),
            content: is_content_word(folded),
            stem: None,
        });
        self.counts.push(0);
        self.words.len() - 1
    }

    /// The current article's words and their counts, which start again from zero.
    fn take_counts(&mut self) -> Vec<(WordId, u32)> {
        let counts = &mut self.counts;
        self.counted
            .drain(..)
            .map(|id| (id, std::mem::take(&mut counts[id])))
            .collect()
    }

    fn text(&self, id: WordId) -> &str {
        &self.words[id].text
    }

    /// The number of the word's stem in `stems`.
    fn stem(&mut self, id: WordId, stems: &mut StemTable) -> StemId {
        let word = &mut self.words[id];
        *word.stem.get_or_insert_with(|| stems.id(&word.text))
    }
}

/// The number of a stem in a [`StemTable`].
type StemId = usize;

/// The stems of the lowercase words a worker has seen, each computed once
/// (a corpus repeats its words, and stemming is the costly part) and
/// numbered: words with the same stem get the same number, so an article
/// groups its words by number, without copying or comparing stems.
#[derive(Debug, Clone, Default)]
struct StemTable {
    /// The stem of each word seen.
    by_word: FxMap<String, StemId>,
    /// The number of each stem.
    by_stem: FxMap<String, StemId>,
    /// Each stem, and its [`topic_key`], by number.
    stems: Vec<(String, u64)>,
}

impl StemTable {
    /// The number of the stem of `word` (lowercase).
    fn id(&mut self, word: &str) -> StemId {
        if let Some(&id) = self.by_word.get(word) {
            return id;
        }
        let stem = text::stem(word);
        let id = match self.by_stem.get(stem.as_ref()) {
            Some(&id) => id,
            None => {
                let id = self.stems.len();
                self.stems.push((stem.to_string(), topic_key(&stem)));
                self.by_stem.insert(stem.into_owned(), id);
                id
            }
        };
        self.by_word.insert(word.to_owned(), id);
        id
    }

    fn text(&self, id: StemId) -> &str {
        &self.stems[id].0
    }

    fn topic_key(&self, id: StemId) -> u64 {
        self.stems[id].1
    }
}

/// The state of [`observe`] while it reads one article.
struct Observer<'v, 'w> {
    /// Where case counts go.
    vocabulary: &'v mut Vocabulary,
    /// The runs kept so far.
    run_words: WordList,
    run_ends: Vec<usize>,
    /// The run being read.
    run: WordList,
    /// Every word read, folded.
    words: &'w mut text::FoldedWords,
    /// Room to fold a word of a run in.
    folded: String,
}

/// The length of [`text::fold`] of an ending [`strip_possessive`] cuts off:
/// `’s` and `'s` fold to `'s`, `’` to `'`.
fn folded_len(ending: &str) -> usize {
    match ending {
        "" => 0,
        "’" => 1,
        _ => 2,
    }
}

impl Observer<'_, '_> {
    fn paragraph(&mut self, text: &str) {
        let mut sentence_start = true;
        let mut prev_end = 0;
        let mut prev_word = "";
        for (start, word) in text.unicode_word_indices() {
            let gap = &text[prev_end..start];
            self.restore_dot(gap, prev_word);
            let boundary = classify_gap(gap, prev_word);
            match boundary {
                Gap::Space | Gap::Hyphen | Gap::Abbreviation => {}
                Gap::Clause => self.flush(),
                Gap::Sentence => {
                    self.flush();
                    sentence_start = true;
                }
            }
            if boundary == Gap::Clause && gap.contains(['“', '"', '‘', ':', '(', '—']) {
                sentence_start = true;
            }
            prev_end = start + word.len();
            prev_word = word;
            self.word(word, boundary, sentence_start);
            sentence_start = false;
        }
        self.restore_dot(&text[prev_end..], prev_word);
        self.flush();
    }

    /// Counts one word, and adds it to the run or ends the run.
    fn word(&mut self, word: &str, boundary: Gap, sentence_start: bool) {
        let base = strip_possessive(word);
        let possessive = base.len() != word.len();
        let first = base.chars().next().unwrap_or(' ');
        // Folding goes character by character, so `base` folds to the start
        // of the folded word: all of it but the folded possessive ending.
        let folded_word = self.words.push(word);
        let folded = &folded_word[..folded_word.len() - folded_len(&word[base.len()..])];
        // A word neither lowercase nor capitalised (`2025`) counts nowhere:
        // no entry is made for it, which reads the same as zero counts.
        let mut lowercase_hash = None;
        if first.is_lowercase() {
            let hash = hash64(folded.as_bytes());
            self.vocabulary.cases.entry(hash).or_default().lower += 1;
            lowercase_hash = Some(hash);
        } else if first.is_uppercase() && !sentence_start {
            let count = self.vocabulary.cases.entry(hash64(folded.as_bytes()));
            count.or_default().capitalised += 1;
        }
        if first.is_uppercase() {
            if boundary == Gap::Hyphen && !self.run.is_empty() {
                self.run.extend_last("-");
                self.run.extend_last(base);
            } else {
                self.run.push(base, sentence_start);
            }
        } else if !self.run.is_empty() && !possessive && CONNECTORS.contains(&base) {
            self.run.push(base, false);
        } else {
            // Words under four letters are never content words: not looked up.
            if let Some(hash) = lowercase_hash
                && folded.chars().nth(3).is_some()
            {
                self.vocabulary.words.count(folded, hash);
            }
            self.flush();
        }
        if possessive {
            self.flush();
        }
    }

    /// Word segmentation leaves the final dot off `U.S.`; put it back in the name.
    fn restore_dot(&mut self, gap: &str, prev_word: &str) {
        if gap.starts_with('.')
            && prev_word.contains('.')
            && self.run.last().is_some_and(|w| w.text.ends_with(prev_word))
        {
            self.run.extend_last(".");
        }
    }

    /// Ends a run: splits it at job titles, drops nationalities at its start,
    /// and keeps the pieces.
    fn flush(&mut self) {
        let mut piece_start = 0;
        for i in 0..self.run.len() {
            if is_role(fold_in(&mut self.folded, self.run.get(i).text)) {
                // The word before a title qualifies it (`Defense Secretary`), unless an acronym.
                let mut end = i;
                if end - piece_start > 1
                    || (end > piece_start && !is_acronym(self.run.get(end - 1).text))
                {
                    end -= 1;
                }
                self.push_piece(piece_start, end);
                piece_start = i + 1;
            }
        }
        self.push_piece(piece_start, self.run.len());
        self.run.clear();
    }

    /// Keeps the words `start..end` of the run, without connectors,
    /// nationalities and stop words at the start, nor connectors at the end.
    fn push_piece(&mut self, mut start: usize, mut end: usize) {
        while start < end && {
            let f = fold_in(&mut self.folded, self.run.get(start).text);
            CONNECTORS.contains(&f) || is_demonym(f) || text::is_stop_word(f)
        } {
            start += 1;
        }
        while end > start && CONNECTORS.contains(&self.run.get(end - 1).text) {
            end -= 1;
        }
        if end == start + 1 && !self.run.get(start).initial {
            let folded = fold_in(&mut self.folded, self.run.get(start).text);
            let count = self.vocabulary.cases.entry(hash64(folded.as_bytes()));
            count.or_default().alone += 1;
        }
        if start < end {
            for i in start..end {
                let word = self.run.get(i);
                self.run_words.push(word.text, word.initial);
            }
            self.run_ends.push(self.run_words.len());
        }
    }
}

/// A lowercase word worth counting as a possible key term (folded):
/// four letters or more, only letters, not a stop word.
fn is_content_word(folded: &str) -> bool {
    folded.chars().count() >= 4
        && folded.chars().all(char::is_alphabetic)
        && !text::is_stop_word(folded)
}

/// The text between two words, as far as names are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Spaces: a name may go on.
    Space,
    /// A hyphen with no spaces (`Jean-Claude`).
    Hyphen,
    /// The dot of an abbreviation (`Gen.`, `U.S.`, `George W.`): not a sentence end.
    Abbreviation,
    /// A comma, bracket, quote or dash: a name ends.
    Clause,
    /// A full stop, question or exclamation mark: a sentence ends.
    Sentence,
}

fn classify_gap(gap: &str, prev_word: &str) -> Gap {
    let trimmed = gap.trim();
    if trimmed.is_empty() {
        return Gap::Space;
    }
    if (trimmed == "-" || trimmed == "‐") && gap.len() == trimmed.len() {
        return Gap::Hyphen;
    }
    if trimmed == "." && is_abbreviation(prev_word) {
        return Gap::Abbreviation;
    }
    if trimmed.contains(['.', '!', '?', '…']) {
        Gap::Sentence
    } else {
        Gap::Clause
    }
}

fn is_abbreviation(word: &str) -> bool {
    word.contains('.')
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATION_SET.contains(word)
}

/// The word lists looked up for nearly every word, as sets: one hash
/// instead of a string comparison per list entry.
static ABBREVIATION_SET: LazyLock<FxSet<&str>> =
    LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());
static ROLE_SET: LazyLock<FxSet<&str>> = LazyLock::new(|| ROLES.iter().copied().collect());
static DEMONYM_SET: LazyLock<FxSet<&str>> = LazyLock::new(|| DEMONYMS.iter().copied().collect());

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

fn is_role(folded: &str) -> bool {
    ROLE_SET.contains(folded.trim_end_matches('.'))
}

fn is_demonym(folded: &str) -> bool {
    DEMONYM_SET.contains(folded)
}

/// `Providing`, `Asked`, `Reportedly`: verb and adverb forms, which open
/// sentences far more often than names do.
fn looks_inflected(folded: &str) -> bool {
    folded.chars().count() > 4 && ["ing", "ed", "ly"].iter().any(|end| folded.ends_with(end))
}

/// `I'll`, `We're`, `Don't`: capitalised at a sentence start, never names.
fn is_contraction(folded: &str) -> bool {
    ["'ll", "'re", "'ve", "'d", "'m", "n't"]
        .iter()
        .any(|end| folded.ends_with(end))
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// The identity of a term: folded, without dots, spaces collapsed.
/// `U.S.`, `US` and `us` share one key; so do `NATO` and `Nato`.
pub(crate) fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// [`key`] of `name`, in `out` (cleared first): no allocation when `out`
/// has room.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    text::fold_into(name, out);
    // Usually the folded name already is its key: no dots, and words split
    // by single spaces.
    let tidy = !out.contains('.')
        && !out.starts_with(' ')
        && !out.ends_with(' ')
        && !out.contains("  ")
        && !out.contains(|c: char| c.is_whitespace() && c != ' ');
    if tidy {
        return;
    }
    let folded = std::mem::take(out);
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| c != '.'));
    }
}

/// Corpus-wide counts: how words are written, and in how many articles each stem appears.
///
/// [`observe`] adds to one as it reads; vocabularies of parts of a corpus
/// [`merge`](Vocabulary::merge) into the corpus's.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// How each folded word is written, by [`hash64`] of the word.
    cases: FxMap<u64, CaseCount>,
    /// In how many articles each stem appears, by [`topic_key`].
    topics: FxMap<u64, u32>,
    /// Not counts: the words and stems seen, kept for [`observe`].
    stems: StemTable,
    words: WordTable,
}

impl Vocabulary {
    /// The counts of both vocabularies together.
    pub(crate) fn merge(self, other: Vocabulary) -> Vocabulary {
        // The words and stems of the bigger one are kept; the other's are only a cache.
        let (mut big, small) = if self.cases.len() >= other.cases.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (word, c) in small.cases {
            let t = big.cases.entry(word).or_default();
            t.lower += c.lower;
            t.capitalised += c.capitalised;
            t.alone += c.alone;
        }
        for (stem, n) in small.topics {
            *big.topics.entry(stem).or_default() += n;
        }
        big
    }

    fn case_count(&self, word: &str) -> CaseCount {
        let hash = text::hash_folded(word);
        self.cases.get(&hash).copied().unwrap_or_default()
    }

    /// True when `word` is written in lowercase more often than capitalised
    /// mid-sentence: a common word.
    fn is_common(&self, word: &str) -> bool {
        let c = self.case_count(word);
        c.lower >= 1 && c.lower >= c.capitalised
    }

    /// True when `word` alone is a name rather than a capitalised common
    /// word: an acronym, or a word written capitalised on its own
    /// mid-sentence at least as often as in lowercase (`Kyiv`, but not
    /// `New`, which is capitalised only inside `New York`).
    fn is_name(&self, word: &str) -> bool {
        if is_acronym(word) {
            return true;
        }
        let c = self.case_count(word);
        c.alone >= 1 && c.alone >= c.lower
    }
}

/// The config's tag aliases and blocklist, normalised once for all articles.
#[derive(Debug, Clone, Default)]
pub(crate) struct TagRules {
    /// By the [`key`] of the alias: the name it stands for, and that name's key.
    aliases: HashMap<String, (String, String)>,
    /// Keys of names never used as tags.
    blocked: Vec<String>,
}

impl TagRules {
    /// Reads `config.tag_aliases` and `config.tag_blocklist`.
    pub(crate) fn new(config: &ImportConfig) -> Self {
        TagRules {
            // Collected like a map: of two aliases with one key, the last wins.
            aliases: config
                .tag_aliases
                .iter()
                .map(|(from, to)| (key(from), (to.clone(), key(to))))
                .collect(),
            blocked: config.tag_blocklist.iter().map(|b| key(b)).collect(),
        }
    }
}

/// An article's terms, as [`pick`] scores them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Terms {
    /// Names, by key.
    names: Vec<Name>,
    /// Key terms from the title, not blocked.
    topics: Vec<Topic>,
}

/// A name of an article.
#[derive(Debug, Clone, PartialEq)]
struct Name {
    key: String,
    count: u32,
    in_title: bool,
    /// How the article writes it, and how often; by spelling.
    spellings: Vec<(String, u32)>,
}

/// A name while [`terms`] works it out.
#[derive(Debug, Clone, Default, PartialEq)]
struct Term {
    count: u32,
    in_title: bool,
    spellings: BTreeMap<String, u32>,
    /// Keys merged into this one (a surname).
    merged: Vec<String>,
}

/// Turns an article's observations into terms.
pub(crate) fn terms(observed: &Observed, vocabulary: &Vocabulary, rules: &TagRules) -> Terms {
    // Last words of the article's longer names: a surname alone is a name
    // even at the start of a sentence (`Reyes said…` after `Tomas Reyes`).
    let surnames: Vec<String> = observed
        .runs()
        .filter(|run| run.len() >= 2)
        .filter_map(|run| run.last().map(|w| key(w.text)))
        .collect();
    let mut names: BTreeMap<String, Term> = BTreeMap::new();
    let mut run: Vec<Word<'_>> = Vec::new();
    // Room to fold a word, and to make a word's key, without allocating.
    let (mut folded, mut word_key) = (String::new(), String::new());
    let mut is_surname = |word: &str| {
        key_into(word, &mut word_key);
        surnames.contains(&word_key)
    };
    for run_words in observed.runs() {
        run.clear();
        run.extend(run_words);
        let mut words: &[Word<'_>] = &run;
        while let Some((first, rest)) = words.split_first() {
            let folded = fold_in(&mut folded, first.text);
            // A sentence's first word is a name only with evidence: written
            // so elsewhere, or followed by more of the name and not an
            // inflected word (`Providing Ukraine`, `Asked Trump`).
            let mut unproven = || {
                if rest.is_empty() {
                    !vocabulary.is_name(first.text) && !is_surname(first.text)
                } else {
                    vocabulary.is_common(first.text) || looks_inflected(folded)
                }
            };
            // Mid-sentence, a capitalised word before more of a name is part of
            // it (`New York`), even when it is a common word on its own.
            let common = text::is_stop_word(folded)
                || (first.initial && unproven())
                || (!first.initial && rest.is_empty() && !vocabulary.is_name(first.text));
            if common || CONNECTORS.contains(&folded) {
                words = rest;
            } else {
                break;
            }
        }
        if words.is_empty() {
            continue;
        }
        if let [single] = words {
            let folded = fold_in(&mut folded, single.text);
            if !(vocabulary.is_name(single.text) || is_surname(single.text))
                || crate::calendar::is_calendar_word(folded)
                || is_demonym(folded)
                || is_role(folded)
                || !single.text.chars().any(char::is_alphabetic)
                || single.text.chars().count() < 2
                || is_contraction(folded)
            {
                continue;
            }
        }
        let name = words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
        let term = names.entry(key(&name)).or_default();
        term.count += 1;
        *term.spellings.entry(name).or_default() += 1;
    }
    merge_surnames(&mut names);
    let mut out: BTreeMap<String, Term> = BTreeMap::new();
    for (k, term) in names {
        let (k, term) = match rules.aliases.get(&k) {
            Some((target, target_key)) => {
                let mut term = term;
                term.spellings = BTreeMap::from([(target.clone(), term.count)]);
                (target_key.clone(), term)
            }
            None => (k, term),
        };
        if rules.blocked.contains(&k) {
            continue;
        }
        let entry = out.entry(k).or_default();
        entry.count += term.count;
        entry.merged.extend(term.merged);
        for (s, n) in term.spellings {
            *entry.spellings.entry(s).or_default() += n;
        }
    }
    let title_keys = &observed.title_keys;
    for (k, term) in &mut out {
        let words: Vec<&str> = k.split(' ').collect();
        let mut alias_spellings = term.spellings.keys().map(|s| key(s));
        term.in_title = title_keys
            .windows(words.len())
            .any(|w| w == words.as_slice())
            || alias_spellings.any(|s| title_keys.contains(&s))
            || term.merged.iter().any(|m| title_keys.contains(m))
            || rules
                .aliases
                .iter()
                .any(|(from, (_, to))| to == k && title_keys.contains(from));
    }
    Terms {
        names: out
            .into_iter()
            .map(|(key, term)| Name {
                key,
                count: term.count,
                in_title: term.in_title,
                spellings: term.spellings.into_iter().collect(),
            })
            .collect(),
        topics: observed
            .topics
            .iter()
            .filter(|t| !rules.blocked.contains(&key(&t.spelling)))
            .cloned()
            .collect(),
    }
}

/// Adds `Trump` to `Donald Trump` when the article has exactly one name
/// ending in `Trump`; drops it when there are several.
fn merge_surnames(names: &mut BTreeMap<String, Term>) {
    let singles: Vec<String> = names.keys().filter(|k| !k.contains(' ')).cloned().collect();
    for single in singles {
        let full: Vec<&String> = names
            .keys()
            .filter(|k| {
                let n = k.split(' ').count();
                (2..=3).contains(&n) && k.rsplit(' ').next() == Some(single.as_str())
            })
            .collect();
        if full.len() > 1 {
            // `Cup` with `World Cup` and `Heineken Cup`: which one is meant is unknown.
            names.remove(&single);
            continue;
        }
        let [full] = full.as_slice() else { continue };
        let full = (*full).clone();
        if let Some(term) = names.remove(&single) {
            let full = names.get_mut(&full).expect("listed above");
            full.count += term.count;
            full.merged.push(single);
        }
    }
}

/// In how many articles each term appears.
#[derive(Debug, Clone)]
pub(crate) struct DocumentFrequency<'v> {
    /// Names, by [`name_key`].
    names: FxMap<u64, u32>,
    /// Stems, by [`topic_key`]: counted by [`observe`].
    topics: &'v FxMap<u64, u32>,
    documents: u32,
}

impl<'v> DocumentFrequency<'v> {
    /// Counts over every article's terms, and the stems of `vocabulary`
    /// (which must have observed exactly those articles).
    pub(crate) fn new<'a>(
        vocabulary: &'v Vocabulary,
        all: impl IntoIterator<Item = &'a Terms>,
    ) -> Self {
        let mut df = DocumentFrequency {
            names: FxMap::default(),
            topics: &vocabulary.topics,
            documents: 0,
        };
        for terms in all {
            df.documents += 1;
            for name in &terms.names {
                *df.names.entry(name_key(&name.key)).or_default() += 1;
            }
        }
        df
    }

    /// In how many articles the term of `key` appears. Names and stems
    /// share one key space: a name and a stem of the same hash add up.
    fn count(&self, key: u64) -> u32 {
        self.names.get(&key).copied().unwrap_or(0) + self.topics.get(&key).copied().unwrap_or(0)
    }

    fn idf(&self, key: u64) -> f64 {
        let df = f64::from(self.count(key));
        (1.0 + f64::from(self.documents) / (1.0 + df)).ln()
    }
}

/// Below this many articles, document frequencies say too little about
/// common words for lowercase key terms to be trusted as tags. A key term
/// must also be in the title and used at least [`MIN_TOPIC_COUNT`] times.
const MIN_DOCUMENTS_FOR_TOPICS: u32 = 50;

/// The best tags of an article, at most `config.max_tags`, best first.
///
/// `display` gives the spelling used across the corpus for a name's key.
pub(crate) fn pick(
    terms: &Terms,
    df: &DocumentFrequency<'_>,
    display: &HashMap<String, String>,
    config: &ImportConfig,
) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = Vec::new();
    for term in &terms.names {
        let weight = f64::from(term.count) + if term.in_title { 2.0 } else { 0.0 };
        if weight < 2.0 {
            continue;
        }
        let name = display
            .get(&term.key)
            .cloned()
            .unwrap_or_else(|| best_spelling(term.spellings.iter().map(|(s, n)| (s.as_str(), *n))));
        scored.push((weight * df.idf(name_key(&term.key)), name));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut tags: Vec<String> = Vec::new();
    for (_, name) in scored {
        if tags.len() == config.max_tags {
            return tags;
        }
        if !tags.iter().any(|t| key(t) == key(&name)) {
            tags.push(name);
        }
    }
    if df.documents >= MIN_DOCUMENTS_FOR_TOPICS {
        // Every topic is in the title (see `Topic`): it weighs 2 more.
        let mut topics: Vec<(f64, String)> = terms
            .topics
            .iter()
            .filter(|t| df.count(t.df_key) * 50 <= df.documents)
            .map(|t| {
                let weight = f64::from(t.count) + 2.0;
                (weight * df.idf(t.df_key), capitalise(&t.spelling))
            })
            .collect();
        topics.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        for (_, name) in topics {
            if tags.len() >= config.max_tags.min(4) {
                break;
            }
            if !tags.iter().any(|t| key(t) == key(&name)) {
                tags.push(name);
            }
        }
    }
    tags.truncate(config.max_tags);
    tags
}

/// The spelling most used across articles, for each name's key.
pub(crate) fn spellings<'a>(all: impl IntoIterator<Item = &'a Terms>) -> HashMap<String, String> {
    // Borrowed from the terms: no string is copied until the answer.
    let mut counts: FxMap<&str, FxMap<&str, u32>> = FxMap::default();
    for terms in all {
        for name in &terms.names {
            let entry = counts.entry(name.key.as_str()).or_default();
            for (s, n) in &name.spellings {
                *entry.entry(s.as_str()).or_default() += n;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, s)| (k.to_owned(), best_spelling(s)))
        .collect()
}

/// Of `spellings` (each listed once, with its count), the most used; on a
/// tie, the one with most capitals (`NATO` over `Nato`), then the first in
/// order. The answer does not depend on the order they come in.
fn best_spelling<'s>(spellings: impl IntoIterator<Item = (&'s str, u32)>) -> String {
    spellings
        .into_iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| capitals(a.0).cmp(&capitals(b.0)))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.to_owned())
        .unwrap_or_default()
}

fn capitals(s: &str) -> usize {
    s.chars().filter(|c| c.is_uppercase()).count()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags_of(title: &str, paragraphs: &[&str]) -> Vec<String> {
        let config = ImportConfig::default();
        let mut vocabulary = Vocabulary::default();
        let observed = observe(title, paragraphs.iter().copied(), &mut vocabulary);
        let terms = terms(&observed, &vocabulary, &TagRules::new(&config));
        let df = DocumentFrequency::new(&vocabulary, [&terms]);
        let display = spellings([&terms]);
        pick(&terms, &df, &display, &config)
    }

    fn names_of(paragraph: &str) -> Vec<String> {
        let observed = observe("", [paragraph], &mut Vocabulary::default());
        observed
            .runs()
            .map(|r| r.map(|w| w.text).collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[test]
    fn runs_split_at_titles_and_nationalities() {
        assert_eq!(
            names_of("Ukrainian President Volodymyr Zelenskyy said."),
            ["Volodymyr Zelenskyy"]
        );
        assert_eq!(
            names_of("British Defense Secretary John Healey and Gen. Alexus Grynkewich met."),
            ["John Healey", "Alexus Grynkewich"]
        );
        assert_eq!(
            names_of("according to Secretary of State Marco Rubio, the Bank of England"),
            ["Marco Rubio", "Bank of England"]
        );
        assert_eq!(
            names_of("Russia’s Defense Ministry and NATO’s chief, Jean-Claude Juncker."),
            ["Russia", "Defense Ministry", "NATO", "Jean-Claude Juncker"]
        );
        assert_eq!(
            names_of("U.S. Defense Secretary Pete Hegseth"),
            ["U.S.", "Pete Hegseth"]
        );
        assert_eq!(
            names_of("the U.S. Congress and the U.K."),
            ["U.S. Congress", "U.K."]
        );
    }

    #[test]
    fn surnames_merge_and_common_words_drop() {
        let tags = tags_of(
            "Trump meets Putin in Helsinki",
            &[
                "President Donald Trump met Russian President Vladimir Putin on Monday in Helsinki.",
                "Asked about it, Trump said Putin was strong. Now the talks go on. Trump left.",
                "Helsinki was calm in July.",
            ],
        );
        assert_eq!(tags, ["Donald Trump", "Helsinki", "Vladimir Putin"]);
    }

    #[test]
    fn contractions_are_not_names() {
        let tags = tags_of(
            "Agassi wins",
            &[
                "Andre Agassi said: “I’ll be back. I’ll win.” Then I’ll said Agassi, and O’Neill agreed with O’Neill.",
            ],
        );
        assert_eq!(tags, ["Andre Agassi", "O’Neill"]);
    }

    #[test]
    fn common_words_inside_names_stay() {
        let tags = tags_of(
            "Snow in New York",
            &[
                "It snowed in New York. The new mayor of New York spoke.",
                "New snow fell.",
            ],
        );
        assert_eq!(tags, ["New York"]);
    }

    #[test]
    fn aliases_and_blocklist_apply() {
        let tags = tags_of(
            "U.S. talks",
            &["The U.S. said so. Officials in the U.S. agreed, Reuters reported. Reuters."],
        );
        assert_eq!(tags, ["United States"]);
    }

    #[test]
    fn stem_table_numbers_words_by_stem() {
        let mut table = StemTable::default();
        let attack = table.id("attacks");
        assert_eq!(table.id("attack"), attack);
        assert_eq!(table.id("attacks"), attack);
        assert_ne!(table.id("drones"), attack);
        assert_eq!(table.text(attack), "attack");
        assert_eq!(table.topic_key(attack), hash64(b"topic:attack"));
        assert_eq!(topic_key("drone"), hash64(b"topic:drone"));
    }

    #[test]
    fn topics_take_the_most_used_spelling_of_a_title_stem() {
        let topics_of = |title: &str, text: &str| {
            let observed = observe(title, [text], &mut Vocabulary::default());
            observed
                .topics
                .iter()
                .map(|t| (t.spelling.clone(), t.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            topics_of("Attack", "attacks attacks attack attacking, then drones."),
            [("attacks".to_owned(), 4)]
        );
        // Of spellings used equally, the first in alphabetical order.
        assert_eq!(
            topics_of("Drones attack", "attacks attack attacked drones drone"),
            [("attack".to_owned(), 3)]
        );
    }

    #[test]
    fn possessive_endings_fold_to_their_length() {
        for word in ["Russia’s", "Russia's", "drones’", "’s", "Kyiv", "RUSSIA’S"] {
            let ending = &word[strip_possessive(word).len()..];
            assert_eq!(folded_len(ending), text::fold(ending).len(), "{word}");
        }
    }

    #[test]
    fn observing_folds_the_words_for_the_fingerprint() {
        let mut words = text::FoldedWords::default();
        let text = "Russia’s drones hit Kyiv’s U.S. embassy";
        observe_into("Title", [text], &mut Vocabulary::default(), &mut words);
        let mut expected = text::FoldedWords::default();
        for w in text::words(text) {
            expected.push(w);
        }
        assert_eq!(
            words.shingles(1).collect::<Vec<_>>(),
            expected.shingles(1).collect::<Vec<_>>()
        );
    }

    #[test]
    fn word_table_numbers_words_and_keeps_equal_hashes_apart() {
        let mut table = WordTable::default();
        let attacks = table.id("attacks", 7);
        assert_eq!(table.id("attacks", 7), attacks);
        // Another word with the same hash (as if hash64 collided).
        let drones = table.id("drones", 7);
        assert_ne!(drones, attacks);
        assert_eq!(table.id("drones", 7), drones);
        assert_eq!(
            (table.text(attacks), table.text(drones)),
            ("attacks", "drones")
        );
        // Only content words are counted; counts start again after being taken.
        table.count("attacks", 7);
        table.count("drones", 7);
        table.count("attacks", 7);
        table.count("about", 8);
        assert_eq!(table.take_counts(), [(attacks, 2), (drones, 1)]);
        assert_eq!(table.take_counts(), []);
        let mut stems = StemTable::default();
        let stem = table.stem(attacks, &mut stems);
        assert_eq!(stems.text(stem), "attack");
    }

    #[test]
    fn word_lists_read_as_sets() {
        assert!(is_role("president") && is_role("gen.") && !is_role("kyiv"));
        assert!(is_demonym("ukrainian") && !is_demonym("ukraine"));
        assert!(is_abbreviation("Gen") && is_abbreviation("U.S") && !is_abbreviation("Kyiv"));
    }

    #[test]
    fn vocabularies_merge_by_adding() {
        let mut a = Vocabulary::default();
        let mut b = Vocabulary::default();
        observe("", ["Kyiv was calm. The city of kyiv slept."], &mut a);
        observe("", ["In Kyiv, drones."], &mut b);
        let both = a.merge(b);
        let kyiv = both.case_count("Kyiv");
        assert_eq!((kyiv.lower, kyiv.capitalised, kyiv.alone), (1, 1, 1));
        assert_eq!(both.topics[&topic_key("kyiv")], 1);
        assert_eq!(both.topics[&topic_key("drone")], 1);
    }

    #[test]
    fn keys_ignore_case_dots_and_diacritics() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Zürich  Airport"), "zurich airport");
        assert_eq!(key("NATO"), key("Nato"));
        // As first written, without the shortcut for names already tidy.
        let by_words = |name: &str| {
            let folded = text::fold(name);
            let mut out = String::new();
            for word in folded.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.extend(word.chars().filter(|&c| c != '.'));
            }
            out
        };
        for name in [
            "Donald Trump",
            " New  York ",
            "U.S. Army",
            "U.S. .",
            ". x",
            "A\u{a0}B",
            "Jean-Claude Juncker",
            "",
        ] {
            assert_eq!(key(name), by_words(name), "{name:?}");
        }
    }
}
