//! Automatic tags: the people, places, organisations and key terms of an
//! article, scored by TF-IDF over every article imported together and the
//! articles already on the site.
//!
//! 1. [`observe`] (per article, in parallel) finds runs of capitalised words
//!    (`President Donald Trump`, `Ukraine Defense Contact Group`), splits off
//!    job titles and nationalities, and counts how often each word is
//!    written in lowercase or capitalised mid-sentence.
//! 2. [`Vocabulary::new`] adds those counts up over the whole corpus, so a
//!    word capitalised only because it opens a sentence (`Asked`, `Now`) is
//!    told apart from a name (`Kyiv`).
//! 3. [`terms`] turns an article's runs into terms: sentence-initial common
//!    words stripped, surnames merged into the full name the article uses
//!    (`Trump` → `Donald Trump`), aliases applied (`U.S.` → `United
//!    States`), weekdays, months, the blocklist and stop words left out.
//! 4. [`pick`] scores terms by count × inverse document frequency (a term
//!    in the title counts extra) and keeps the best `max_tags`.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::lexicon::{ABBREVIATIONS, CALENDAR, CONNECTORS, DEMONYMS, ROLES};
use crate::config::ImportConfig;
use crate::text;

/// How often a word was written each way, over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseCount {
    /// Written starting with a lowercase letter.
    pub lower: u32,
    /// Written capitalised, not at the start of a sentence.
    pub capitalised: u32,
    /// Of those, written as a name of its own (not inside `New York`).
    pub alone: u32,
}

/// A word of a run, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    text: String,
    /// At the start of a sentence (or after an opening quote or colon).
    initial: bool,
}

/// What one article says, before corpus statistics are known.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    /// Runs of capitalised words, split at job titles.
    runs: Vec<Vec<Word>>,
    /// How each folded word was written in this article, by [`text::hash64`] of the word.
    cases: HashMap<u64, CaseCount>,
    /// The title's words, normalised (see [`key`]).
    title_keys: Vec<String>,
    /// Lowercase content words (folded) and their counts.
    lowercase: HashMap<String, u32>,
    /// Lowercase content words used at least [`MIN_TOPIC_COUNT`] times, by
    /// stem: count and the most used spelling.
    stems: BTreeMap<String, (u32, String)>,
    /// Every stem of the article, hashed (for document frequencies).
    stem_keys: Vec<u64>,
}

/// A lowercase word is a key term only if the article uses it this often.
const MIN_TOPIC_COUNT: u32 = 3;

/// The document-frequency key of a stem (kept apart from names).
fn topic_key(stem: &str) -> u64 {
    text::hash64(format!("topic:{stem}").as_bytes())
}

/// The document-frequency key of a name's key.
fn name_key(key: &str) -> u64 {
    text::hash64(key.as_bytes())
}

/// Reads an article's title and paragraphs.
pub fn observe<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> Observed {
    let mut observed = Observed {
        title_keys: text::words(title)
            .map(|w| key(strip_possessive(w)))
            .collect(),
        ..Observed::default()
    };
    for paragraph in paragraphs {
        observe_paragraph(paragraph, &mut observed);
    }
    // Stem each distinct word once: stemming is the costly part.
    let mut words: Vec<(String, u32)> = observed.lowercase.drain().collect();
    words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut stems: BTreeMap<String, (u32, String)> = BTreeMap::new();
    for (word, count) in words {
        let stem = text::stem_cached(&word);
        let entry = stems.entry(stem).or_insert((0, word));
        entry.0 += count;
    }
    observed.stem_keys = stems.keys().map(|s| topic_key(s)).collect();
    stems.retain(|_, (count, _)| *count >= MIN_TOPIC_COUNT);
    observed.stems = stems;
    observed
}

fn observe_paragraph(text: &str, out: &mut Observed) {
    let mut run: Vec<Word> = Vec::new();
    let mut sentence_start = true;
    let mut prev_end = 0;
    let mut prev_word = "";
    for (start, word) in text.unicode_word_indices() {
        let gap = &text[prev_end..start];
        restore_dot(&mut run, gap, prev_word);
        let boundary = classify_gap(gap, prev_word);
        match boundary {
            Gap::Space | Gap::Hyphen | Gap::Abbreviation => {}
            Gap::Clause => flush(&mut run, out),
            Gap::Sentence => {
                flush(&mut run, out);
                sentence_start = true;
            }
        }
        if boundary == Gap::Clause && gap.contains(['“', '"', '‘', ':', '(', '—']) {
            sentence_start = true;
        }
        prev_end = start + word.len();
        prev_word = word;
        let base = strip_possessive(word);
        let possessive = base.len() != word.len();
        let first = base.chars().next().unwrap_or(' ');
        let folded = text::fold(base).into_owned();
        let count = out
            .cases
            .entry(text::hash64(folded.as_bytes()))
            .or_default();
        if first.is_lowercase() {
            count.lower += 1;
        } else if first.is_uppercase() && !sentence_start {
            count.capitalised += 1;
        }
        if first.is_uppercase() {
            if boundary == Gap::Hyphen
                && let Some(last) = run.last_mut()
            {
                last.text.push('-');
                last.text.push_str(base);
            } else {
                run.push(Word {
                    text: base.to_owned(),
                    initial: sentence_start,
                });
            }
        } else if CONNECTORS.contains(&base) && !run.is_empty() && !possessive {
            run.push(Word {
                text: base.to_owned(),
                initial: false,
            });
        } else {
            flush(&mut run, out);
            if first.is_lowercase()
                && folded.chars().count() >= 4
                && !text::is_stop_word(&folded)
                && folded.chars().all(char::is_alphabetic)
            {
                *out.lowercase.entry(folded).or_default() += 1;
            }
        }
        if possessive {
            flush(&mut run, out);
        }
        sentence_start = false;
    }
    restore_dot(&mut run, &text[prev_end..], prev_word);
    flush(&mut run, out);
}

/// Word segmentation leaves the final dot off `U.S.`; put it back in the name.
fn restore_dot(run: &mut [Word], gap: &str, prev_word: &str) {
    if gap.starts_with('.')
        && prev_word.contains('.')
        && let Some(last) = run.last_mut()
        && last.text.ends_with(prev_word)
    {
        last.text.push('.');
    }
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
        || ABBREVIATIONS.contains(&word)
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

/// Ends a run: splits it at job titles, drops nationalities at its start,
/// and keeps the pieces.
fn flush(run: &mut Vec<Word>, out: &mut Observed) {
    let words = std::mem::take(run);
    let mut piece: Vec<Word> = Vec::new();
    for word in words {
        let folded = text::fold(&word.text);
        if is_role(&folded) {
            // The word before a title qualifies it (`Defense Secretary`), unless an acronym.
            if piece.len() > 1 || piece.last().is_some_and(|w| !is_acronym(&w.text)) {
                piece.pop();
            }
            push_piece(std::mem::take(&mut piece), out);
        } else {
            piece.push(word);
        }
    }
    push_piece(piece, out);
}

fn push_piece(mut piece: Vec<Word>, out: &mut Observed) {
    while piece.first().is_some_and(|w| {
        let f = text::fold(&w.text);
        CONNECTORS.contains(&f.as_ref()) || is_demonym(&f) || text::is_stop_word(&f)
    }) {
        piece.remove(0);
    }
    while piece
        .last()
        .is_some_and(|w| CONNECTORS.contains(&w.text.as_str()))
    {
        piece.pop();
    }
    if let [word] = piece.as_slice()
        && !word.initial
    {
        let folded = text::fold(&word.text);
        out.cases
            .entry(text::hash64(folded.as_bytes()))
            .or_default()
            .alone += 1;
    }
    if !piece.is_empty() {
        out.runs.push(piece);
    }
}

fn is_role(folded: &str) -> bool {
    ROLES.binary_search(&folded.trim_end_matches('.')).is_ok()
}

fn is_demonym(folded: &str) -> bool {
    DEMONYMS.binary_search(&folded).is_ok()
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
pub fn key(name: &str) -> String {
    let folded = text::fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| c != '.'));
    }
    out
}

/// Corpus-wide counts: how words are written, and in how many articles each term appears.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    cases: HashMap<u64, CaseCount>,
}

impl Vocabulary {
    /// Adds up the case counts of every article.
    pub fn new(observed: &[&Observed]) -> Self {
        fn add(
            mut total: HashMap<u64, CaseCount>,
            other: &HashMap<u64, CaseCount>,
        ) -> HashMap<u64, CaseCount> {
            for (word, c) in other {
                let t = total.entry(*word).or_default();
                t.lower += c.lower;
                t.capitalised += c.capitalised;
                t.alone += c.alone;
            }
            total
        }
        let cases = observed
            .par_iter()
            .fold(HashMap::new, |total, o| add(total, &o.cases))
            .reduce(HashMap::new, |a, b| {
                let (big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
                add(big, &small)
            });
        Vocabulary { cases }
    }

    /// True when `word` is written in lowercase more often than capitalised
    /// mid-sentence: a common word.
    fn is_common(&self, word: &str) -> bool {
        let folded = text::fold(word);
        let c = self
            .cases
            .get(&text::hash64(folded.as_bytes()))
            .copied()
            .unwrap_or_default();
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
        let folded = text::fold(word);
        let c = self
            .cases
            .get(&text::hash64(folded.as_bytes()))
            .copied()
            .unwrap_or_default();
        c.alone >= 1 && c.alone >= c.lower
    }
}

/// An article's terms: key → (weight, spellings with their counts).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Terms {
    names: BTreeMap<String, Term>,
    topics: BTreeMap<String, Term>,
    stem_keys: Vec<u64>,
}

/// One term of an article.
#[derive(Debug, Clone, Default, PartialEq)]
struct Term {
    count: u32,
    in_title: bool,
    spellings: BTreeMap<String, u32>,
    /// Keys merged into this one (a surname).
    merged: Vec<String>,
}

impl Terms {
    /// The hashed keys of the article's terms (for document frequencies).
    fn df_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.names
            .keys()
            .map(|k| name_key(k))
            .chain(self.stem_keys.iter().copied())
    }
}

/// Turns an article's observations into terms.
pub fn terms(observed: &Observed, vocabulary: &Vocabulary, config: &ImportConfig) -> Terms {
    let aliases: HashMap<String, &str> = config
        .tag_aliases
        .iter()
        .map(|(k, v)| (key(k), v.as_str()))
        .collect();
    let blocked: Vec<String> = config.tag_blocklist.iter().map(|b| key(b)).collect();
    // Last words of the article's longer names: a surname alone is a name
    // even at the start of a sentence (`Reyes said…` after `Tomas Reyes`).
    let surnames: Vec<String> = observed
        .runs
        .iter()
        .filter(|run| run.len() >= 2)
        .filter_map(|run| run.last().map(|w| key(&w.text)))
        .collect();
    let mut names: BTreeMap<String, Term> = BTreeMap::new();
    for run in &observed.runs {
        let mut words: &[Word] = run;
        while let Some((first, rest)) = words.split_first() {
            let folded = text::fold(&first.text);
            // A sentence's first word is a name only with evidence: written
            // so elsewhere, or followed by more of the name and not an
            // inflected word (`Providing Ukraine`, `Asked Trump`).
            let unproven = if rest.is_empty() {
                !vocabulary.is_name(&first.text) && !surnames.contains(&key(&first.text))
            } else {
                vocabulary.is_common(&first.text) || looks_inflected(&folded)
            };
            // Mid-sentence, a capitalised word before more of a name is part of
            // it (`New York`), even when it is a common word on its own.
            let common = text::is_stop_word(&folded)
                || (first.initial && unproven)
                || (!first.initial && rest.is_empty() && !vocabulary.is_name(&first.text));
            if common || CONNECTORS.contains(&folded.as_ref()) {
                words = rest;
            } else {
                break;
            }
        }
        if words.is_empty() {
            continue;
        }
        if let [single] = words {
            let folded = text::fold(&single.text);
            if !(vocabulary.is_name(&single.text) || surnames.contains(&key(&single.text)))
                || CALENDAR.contains(&folded.as_ref())
                || is_demonym(&folded)
                || is_role(&folded)
                || !single.text.chars().any(char::is_alphabetic)
                || single.text.chars().count() < 2
                || is_contraction(&folded)
            {
                continue;
            }
        }
        let name = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let term = names.entry(key(&name)).or_default();
        term.count += 1;
        *term.spellings.entry(name).or_default() += 1;
    }
    merge_surnames(&mut names);
    let mut out = Terms::default();
    for (k, term) in names {
        let (k, term) = match aliases.get(&k) {
            Some(target) => {
                let mut term = term;
                term.spellings = BTreeMap::from([((*target).to_owned(), term.count)]);
                (key(target), term)
            }
            None => (k, term),
        };
        if blocked.contains(&k) {
            continue;
        }
        let entry = out.names.entry(k).or_default();
        entry.count += term.count;
        entry.merged.extend(term.merged);
        for (s, n) in term.spellings {
            *entry.spellings.entry(s).or_default() += n;
        }
    }
    for (k, term) in &mut out.names {
        let words: Vec<&str> = k.split(' ').collect();
        let mut alias_spellings = term.spellings.keys().map(|s| key(s));
        term.in_title = observed
            .title_keys
            .windows(words.len())
            .any(|w| w == words.as_slice())
            || alias_spellings.any(|s| observed.title_keys.contains(&s))
            || term.merged.iter().any(|m| observed.title_keys.contains(m))
            || aliases
                .iter()
                .any(|(from, to)| key(to) == *k && observed.title_keys.contains(from));
    }
    out.stem_keys = observed.stem_keys.clone();
    let title_stems: Vec<String> = observed
        .title_keys
        .iter()
        .map(|t| text::stem_cached(t))
        .collect();
    for (stem, (count, spelling)) in &observed.stems {
        if blocked.contains(&key(spelling)) {
            continue;
        }
        out.topics.insert(
            stem.clone(),
            Term {
                count: *count,
                in_title: title_stems.iter().any(|t| t == stem),
                spellings: BTreeMap::from([(spelling.clone(), *count)]),
                merged: Vec::new(),
            },
        );
    }
    out
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
#[derive(Debug, Clone, Default)]
pub struct DocumentFrequency {
    counts: HashMap<u64, u32>,
    documents: u32,
}

impl DocumentFrequency {
    /// Counts over every article's terms.
    pub fn new<'a>(all: impl IntoIterator<Item = &'a Terms>) -> Self {
        let mut df = DocumentFrequency::default();
        for terms in all {
            df.documents += 1;
            for k in terms.df_keys() {
                *df.counts.entry(k).or_default() += 1;
            }
        }
        df
    }

    fn idf(&self, key: u64) -> f64 {
        let df = f64::from(self.counts.get(&key).copied().unwrap_or(0));
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
pub fn pick(
    terms: &Terms,
    df: &DocumentFrequency,
    display: &HashMap<String, String>,
    config: &ImportConfig,
) -> Vec<String> {
    let mut scored: Vec<(f64, String)> = Vec::new();
    for (k, term) in &terms.names {
        let weight = f64::from(term.count) + if term.in_title { 2.0 } else { 0.0 };
        if weight < 2.0 {
            continue;
        }
        let name = display
            .get(k)
            .cloned()
            .unwrap_or_else(|| best_spelling(&term.spellings));
        scored.push((weight * df.idf(name_key(k)), name));
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
        let mut topics: Vec<(f64, String)> = terms
            .topics
            .iter()
            .filter(|(k, t)| {
                t.in_title
                    && df.counts.get(&topic_key(k)).copied().unwrap_or(0) * 50 <= df.documents
            })
            .map(|(k, t)| {
                let weight = f64::from(t.count) + if t.in_title { 2.0 } else { 0.0 };
                (
                    weight * df.idf(topic_key(k)),
                    capitalise(&best_spelling(&t.spellings)),
                )
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
pub fn spellings<'a>(all: impl IntoIterator<Item = &'a Terms>) -> HashMap<String, String> {
    let mut counts: HashMap<String, BTreeMap<String, u32>> = HashMap::new();
    for terms in all {
        for (k, term) in &terms.names {
            let entry = counts.entry(k.clone()).or_default();
            for (s, n) in &term.spellings {
                *entry.entry(s.clone()).or_default() += n;
            }
        }
    }
    counts
        .into_iter()
        .map(|(k, s)| (k, best_spelling(&s)))
        .collect()
}

fn best_spelling(spellings: &BTreeMap<String, u32>) -> String {
    // Most used; on a tie, the one with most capitals (`NATO` over `Nato`), then the first.
    spellings
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then_with(|| capitals(a.0).cmp(&capitals(b.0)))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(s, _)| s.clone())
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
        let observed = observe(title, paragraphs.iter().copied());
        let vocabulary = Vocabulary::new(&[&observed]);
        let terms = terms(&observed, &vocabulary, &config);
        let df = DocumentFrequency::new([&terms]);
        let display = spellings([&terms]);
        pick(&terms, &df, &display, &config)
    }

    fn names_of(paragraph: &str) -> Vec<String> {
        let observed = observe("", [paragraph]);
        observed
            .runs
            .iter()
            .map(|r| {
                r.iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
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
    fn keys_ignore_case_dots_and_diacritics() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("Zürich  Airport"), "zurich airport");
        assert_eq!(key("NATO"), key("Nato"));
    }
}
