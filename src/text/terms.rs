//! Index terms (for related articles and the search index) and the
//! [`Vocabulary`] that interns them and remembers the stems of the words met.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::{fold_into, is_stop_word, stem, words::is_folded};
use crate::hash::{FxMap, hash64};

/// Calls `f` with the index terms of `text`: runs of letters and digits,
/// folded, without stop words and one-letter words, stemmed.
///
/// This is the tokeniser of related articles and of the search index, and
/// the search page's script splits queries the same way: a term is a run of
/// Unicode letters and digits (an apostrophe ends it: `Russia’s` gives
/// `russia`). A build calls [`Vocabulary::tokens`] instead, whose memo
/// lasts as long as the vocabulary.
pub fn index_terms(text: &str, mut f: impl FnMut(&str)) {
    Vocabulary::default().tokens(text, Intern::Nothing, |t| f(t.stem));
}

/// An index term interned in a [`Vocabulary`]: the same string always has
/// the same id in it ([`Vocabulary::strings`] gives it back). Ids depend on
/// the order in which terms were first seen, so nothing written to disk may
/// depend on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TermId(pub u32);

/// Which interned term [`Vocabulary::tokens`] gives with each token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intern {
    /// None.
    Nothing,
    /// The stem.
    Stem,
    /// The folded word, unstemmed.
    Word,
}

/// One index term of a text.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The stem of the folded word.
    pub stem: &'a str,
    /// [`hash64`] of the stem.
    pub hash: u64,
    /// The interned stem or word, as asked.
    pub id: Option<TermId>,
}

/// The terms a build or a `serve` session has interned, by id, and what it
/// has learnt of the words it met (their stems): owned by the session, so
/// that all of it goes when the session drops it (and `serve` can start a
/// new one when the old one holds mostly terms no file has any more).
#[derive(Default)]
pub struct Vocabulary {
    terms: Mutex<Terms>,
    /// Memos not in use: a call to [`Vocabulary::tokens`] takes one (or
    /// makes one) and puts it back, so there are as many as threads at work.
    memos: Mutex<Vec<Memos>>,
}

#[derive(Default)]
struct Terms {
    ids: FxMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Vocabulary({} terms)", self.len())
    }
}

/// Locks `m`; a panic elsewhere leaves its data whole (every update is one push).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Vocabulary {
    /// The id of `term`, interning it when new. Threads call this once per
    /// word their memo has not met before (see [`Vocabulary::tokens`]), so
    /// the lock is cold.
    pub fn intern(&self, term: &str) -> TermId {
        let mut v = lock(&self.terms);
        if let Some(&id) = v.ids.get(term) {
            return TermId(id);
        }
        let id = u32::try_from(v.terms.len()).expect("fewer than 2^32 distinct terms");
        let term: Arc<str> = term.into();
        v.terms.push(Arc::clone(&term));
        v.ids.insert(term, id);
        TermId(id)
    }

    /// The strings of interned terms, in the order of `ids`.
    pub fn strings(&self, ids: impl IntoIterator<Item = TermId>) -> Vec<Arc<str>> {
        let v = lock(&self.terms);
        ids.into_iter()
            .map(|id| Arc::clone(&v.terms[id.0 as usize]))
            .collect()
    }

    /// How many terms it holds.
    pub fn len(&self) -> usize {
        lock(&self.terms).terms.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// [`index_terms`] with more about each term: its hash and, if asked,
    /// its id in this vocabulary. One pass gives related articles their
    /// keywords (by hash) and the search index its terms (by id). Stems are
    /// remembered in the vocabulary: a corpus repeats its words.
    pub fn tokens(&self, text: &str, intern: Intern, mut f: impl FnMut(Token<'_>)) {
        let mut memo = lock(&self.memos).pop().unwrap_or_default();
        let mut buffer = String::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.len() < 2 && word.is_ascii() {
                continue;
            }
            // `fold`, into a buffer reused from word to word.
            let folded: &str = if is_folded(word) {
                word
            } else {
                buffer.clear();
                fold_into(word, &mut buffer);
                &buffer
            };
            let m = memo.entry(folded);
            if m.stop {
                continue;
            }
            let id = match intern {
                Intern::Nothing => None,
                Intern::Stem => Some(*m.stem_id.get_or_insert_with(|| self.intern(&m.stem))),
                Intern::Word => Some(*m.word_id.get_or_insert_with(|| self.intern(folded))),
            };
            f(Token {
                stem: &m.stem,
                hash: m.hash,
                id,
            });
        }
        lock(&self.memos).push(memo);
    }
}

/// What a vocabulary remembers of a folded word.
struct Memo {
    stem: Box<str>,
    hash: u64,
    /// A stop word: no index term.
    stop: bool,
    stem_id: Option<TermId>,
    word_id: Option<TermId>,
}

/// Memos of folded words, found by one hash lookup per word.
#[derive(Default)]
struct Memos {
    index: FxMap<Box<str>, u32>,
    entries: Vec<Memo>,
}

impl Memos {
    /// Entries kept at most: bounds the memory of a long `serve` session.
    const MAX: usize = 500_000;

    /// The memo of a folded word, made on first sight.
    fn entry(&mut self, folded: &str) -> &mut Memo {
        if let Some(&i) = self.index.get(folded) {
            return &mut self.entries[i as usize];
        }
        if self.entries.len() >= Self::MAX {
            self.index.clear();
            self.entries.clear();
        }
        let stem: Box<str> = stem(folded).into();
        self.index.insert(folded.into(), self.entries.len() as u32);
        self.entries.push(Memo {
            hash: hash64(stem.as_bytes()),
            stem,
            stop: is_stop_word(folded),
            stem_id: None,
            word_id: None,
        });
        self.entries.last_mut().expect("pushed above")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_terms_split_fold_drop_and_stem() {
        let mut terms = Vec::new();
        index_terms(
            "The Russian drones’ attacks on Kyiv — a 2025 “Zürich” café, x.",
            |t| terms.push(t.to_owned()),
        );
        assert_eq!(
            terms,
            [
                "russian", "drone", "attack", "kyiv", "2025", "zurich", "cafe"
            ]
        );
    }

    #[test]
    fn tokens_carry_hashes_and_interned_ids() {
        let v = Vocabulary::default();
        let mut got = Vec::new();
        v.tokens("Attacks attacked ATTACKING Zürich", Intern::Stem, |t| {
            got.push((t.stem.to_owned(), t.hash, t.id.unwrap()));
        });
        assert_eq!(got.len(), 4);
        assert!(
            got[..3]
                .iter()
                .all(|g| g.0 == "attack" && g.1 == hash64(b"attack"))
        );
        assert!(got[..3].iter().all(|g| g.2 == got[0].2));
        assert_eq!(got[3].0, "zurich");
        let strings = v.strings([got[0].2, got[3].2]);
        assert_eq!(&*strings[0], "attack");
        assert_eq!(&*strings[1], "zurich");
        let mut words = Vec::new();
        v.tokens("Attacks attacked", Intern::Word, |t| {
            words.push(t.id.unwrap())
        });
        assert_eq!(
            v.strings(words).iter().map(|s| &**s).collect::<Vec<_>>(),
            ["attacks", "attacked"]
        );
        assert_eq!(v.intern("attack"), got[0].2);
        // Another vocabulary has ids (and memos) of its own.
        let other = Vocabulary::default();
        let mut ids = Vec::new();
        other.tokens("Zürich", Intern::Stem, |t| ids.push(t.id.unwrap()));
        assert_eq!(ids, [TermId(0)]);
        assert_eq!((other.len(), v.len()), (1, 4));
        let mut none = Vec::new();
        v.tokens("attack", Intern::Nothing, |t| none.push(t.id));
        assert_eq!(none, [None]);
    }

    #[test]
    fn memos_are_lent_and_returned() {
        let v = Vocabulary::default();
        v.tokens("attacks", Intern::Nothing, |_| {});
        v.tokens("negotiations", Intern::Nothing, |outer| {
            // A call inside another takes a memo of its own.
            v.tokens("attacks", Intern::Nothing, |inner| {
                assert_eq!((outer.stem, inner.stem), ("negoti", "attack"));
            });
        });
        let memos = lock(&v.memos);
        assert_eq!(memos.len(), 2);
        assert_eq!(memos.iter().map(|m| m.entries.len()).sum::<usize>(), 3);
    }
}
