//! The index terms of one article, packed: what parsing hands to the
//! search index (and to related stories), with the LEB128 varints that the
//! packing and the index's shards share.

use std::sync::Arc;

use crate::text::TermId;

/// What the search index reads of an article: every index term with its
/// weighted frequency (title and tag words count [`weight::TITLE`] times…),
/// packed in a few bytes per term. Term ids are [`TermId`]s, so the
/// vocabulary is shared by all articles and a term costs its string once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTerms {
    /// `(term id − previous term id, weighted count)` pairs, by term id, as
    /// LEB128 varints.
    bytes: Arc<[u8]>,
    /// The document's length: the sum of the weighted counts.
    pub length: u32,
}

impl Default for IndexTerms {
    fn default() -> Self {
        IndexTerms {
            bytes: Arc::from(&[][..]),
            length: 0,
        }
    }
}

/// How much a word counts in each field of an article, for search.
pub(crate) mod weight {
    /// A headline word.
    pub(crate) const TITLE: u16 = 4;
    /// A word of a tag.
    pub(crate) const TAGS: u16 = 4;
    /// A word of the source.
    pub(crate) const SOURCE: u16 = 2;
    /// A word of the front matter's summary.
    pub(crate) const SUMMARY: u16 = 1;
    /// A word of the body.
    pub(crate) const BODY: u16 = 1;
}

impl IndexTerms {
    /// Packs `(term, weight)` occurrences, in any order.
    pub fn from_occurrences(mut occurrences: Vec<(TermId, u16)>) -> IndexTerms {
        occurrences.sort_unstable_by_key(|&(t, _)| t);
        let mut bytes = Vec::with_capacity(occurrences.len());
        let mut length = 0u32;
        let mut previous = 0u32;
        let mut i = 0;
        while i < occurrences.len() {
            let term = occurrences[i].0;
            let mut count = 0u16;
            while i < occurrences.len() && occurrences[i].0 == term {
                count = count.saturating_add(occurrences[i].1);
                i += 1;
            }
            length += u32::from(count);
            put_varint(&mut bytes, u64::from(term.0 - previous));
            put_varint(&mut bytes, u64::from(count));
            previous = term.0;
        }
        IndexTerms {
            bytes: bytes.into(),
            length,
        }
    }

    /// Calls `f` with every term and its weighted count, by term id: the
    /// fast way through the terms of many articles.
    pub fn for_each(&self, mut f: impl FnMut(TermId, u16)) {
        let bytes = &self.bytes[..];
        let mut pos = 0;
        let mut term = 0u32;
        while pos < bytes.len() {
            // Deltas and counts are mostly below 128: one byte each.
            let b = bytes[pos];
            if b < 0x80 {
                term += u32::from(b);
                pos += 1;
            } else {
                term += get_varint(bytes, &mut pos) as u32;
            }
            let b = bytes[pos];
            let count = if b < 0x80 {
                pos += 1;
                u16::from(b)
            } else {
                get_varint(bytes, &mut pos) as u16
            };
            f(TermId(term), count);
        }
    }

    /// The terms and their weighted counts, by term id.
    pub fn iter(&self) -> impl Iterator<Item = (TermId, u16)> + '_ {
        let mut pos = 0;
        let mut term = 0u32;
        std::iter::from_fn(move || {
            if pos >= self.bytes.len() {
                return None;
            }
            term += get_varint(&self.bytes, &mut pos) as u32;
            let count = get_varint(&self.bytes, &mut pos) as u16;
            Some((TermId(term), count))
        })
    }

    /// True when the article has no index terms.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Appends `n` as an LEB128 varint: seven bits a byte, low bits first, the
/// high bit set on every byte but the last. The index's shards use it too.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads the LEB128 varint at `*pos` and moves `pos` past it.
pub(crate) fn get_varint(bytes: &[u8], pos: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = bytes[*pos];
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_leb128_and_read_back() {
        let enc = |n| {
            let mut v = Vec::new();
            put_varint(&mut v, n);
            v
        };
        assert_eq!(enc(0), [0]);
        assert_eq!(enc(127), [127]);
        assert_eq!(enc(128), [0x80, 1]);
        assert_eq!(enc(300), [0xac, 2]);
        assert_eq!(enc(u64::from(u32::MAX)).len(), 5);
        for n in [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX)] {
            let bytes = enc(n);
            let mut pos = 0;
            assert_eq!(get_varint(&bytes, &mut pos), n);
            assert_eq!(pos, bytes.len());
        }
    }
}
