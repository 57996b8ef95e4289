//! Terms and their postings, ranked by BM25 and packed into shards.
//!
//! Every posting carries a BM25 *impact*: the score a document gets for the
//! term, quantised to a byte as a fraction of the term's `weight` (its idf
//! times `k1 + 1`, the most BM25 can give). A term keeps at most `max_postings` documents, the highest
//! impacts (ties to the newer): a word that most articles contain costs the
//! reader its best ten thousand documents, not all of them. Terms are
//! sorted and cut into shards of at most `max_shard_size` bytes; the
//! manifest lists each shard's first term, so a query fetches one shard per
//! word (a prefix may span two).
//!
//! The build reads each article's packed terms twice (counting, then
//! filling one flat array of four bytes a posting), each time in parallel
//! over slices of the documents, then ranks and encodes the terms in
//! parallel.

use std::sync::atomic::{AtomicU32, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::terms::put_varint;
use super::{Plan, filter_path};
use crate::config::Config;
use crate::model::{Article, Site};
use crate::text;

/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.75;
/// Documents a posting can number (24 bits, beside an 8-bit impact).
const MAX_DOCS: usize = 1 << 24;
/// Room for a shard's own header beside one term's postings.
const SHARD_SLACK: usize = 64;

/// The manifest, `search/index.json`.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    /// The format's version.
    version: u32,
    /// How words become terms: `english` (stemmed) or `none`.
    language: &'static str,
    /// The number of documents.
    documents: usize,
    /// Documents per `docs/<n>.json`.
    docs_per_file: usize,
    /// The most documents a term keeps.
    max_postings: usize,
    /// The first term of every shard, in term order: shard `i` is
    /// `terms/<i>.bin` and holds the terms from its first to the next one's.
    shards: Vec<String>,
    /// A hash of every shard's bytes, asked for with it (`?v=`) so that a
    /// browser may cache shards.
    versions: Vec<String>,
    /// The taxonomies whose terms have a file under `filters/`.
    filters: Vec<&'a str>,
}

/// One term, ranked and encoded, before it is put in a shard.
struct TermRecord {
    term: std::sync::Arc<str>,
    /// Documents that contain it (before truncation).
    df: u32,
    /// The most a document can score for the term (idf × (k1 + 1)), in thousandths.
    weight: u32,
    /// Postings kept.
    kept: u32,
    /// `(document delta, impact)` pairs: varint, byte.
    postings: Vec<u8>,
}

/// The manifest, the shards and the filter files of `plan`'s documents, as
/// `(output path, bytes)`.
pub(crate) fn index_files(site: &Site, config: &Config, plan: &Plan) -> Vec<(String, Vec<u8>)> {
    let search = &config.search;
    let all: Vec<&Article> = plan.docs.iter().map(|&id| site.article(id)).collect();
    // Beyond 16.7 million documents the oldest are left out of the terms.
    let base = all.len().saturating_sub(MAX_DOCS - 1);
    let records = rank_terms(
        &site.vocabulary,
        &all[base..],
        base as u32,
        search.max_postings,
        search.max_shard_size,
    );
    let mut files = Vec::new();
    let mut shards = Vec::new();
    let mut versions = Vec::new();
    for (i, (first, bytes)) in pack_shards(&records, search.max_shard_size)
        .into_iter()
        .enumerate()
    {
        versions.push(format!("{:06x}", crate::hash::hash64(&bytes) >> 40));
        files.push((format!("search/terms/{i}.bin"), bytes));
        shards.push(first);
    }
    for filter in &plan.filters {
        for term in &filter.terms {
            let mut bytes = Vec::with_capacity(term.docs.len() * 2);
            let mut previous = 0;
            for &d in &term.docs {
                put_varint(&mut bytes, u64::from(d - previous));
                previous = d;
            }
            files.push((format!("search/{}", filter_path(filter, term)), bytes));
        }
    }
    let manifest = Manifest {
        version: 1,
        language: search.language.name(),
        documents: plan.docs.len(),
        docs_per_file: super::DOCS_PER_FILE,
        max_postings: search.max_postings,
        shards,
        versions,
        filters: plan.filters.iter().map(|f| f.name.as_str()).collect(),
    };
    let json = serde_json::to_vec(&manifest).expect("the manifest serializes");
    files.push((super::MANIFEST.to_owned(), json));
    files
}

/// BM25's length normalisation of a document of length `dl` (average `avgdl`).
fn norm(dl: u32, avgdl: f32) -> f32 {
    K1 * (1.0 - B + B * dl as f32 / avgdl)
}

/// A document's impact for a term it has `tf` times, as a fraction of the
/// most any document can get (BM25's `tf (k1 + 1) / (tf + norm)` over
/// `k1 + 1`), quantised to 1..=255.
fn impact(tf: u16, norm: f32) -> u32 {
    let tf = f32::from(tf);
    // The fraction is in (0, 1): 1 + ⌊254 · fraction⌋ (a cast, not `ceil`, a libm call).
    1 + ((254.0 * tf / (tf + norm)) as u32).min(254)
}

/// Every term of `docs` (document `i` is number `base + i`) with its best
/// postings, sorted by term.
fn rank_terms(
    vocabulary: &text::Vocabulary,
    docs: &[&Article],
    base: u32,
    max_postings: usize,
    max_shard_size: usize,
) -> Vec<TermRecord> {
    let n = docs.len();
    if n == 0 {
        return Vec::new();
    }
    let avgdl = (docs
        .iter()
        .map(|a| f64::from(a.index_terms.length))
        .sum::<f64>()
        / n as f64)
        .max(1.0) as f32;
    // Pass 1: in each slice of the documents, the document frequency of
    // every term, by term id.
    let slice = n.div_ceil(rayon::current_num_threads().max(1) * 2).max(256);
    let counts: Vec<Vec<u32>> = docs
        .par_chunks(slice)
        .map(|chunk| {
            let mut df = Vec::<u32>::new();
            for a in chunk {
                a.index_terms.for_each(|t, _| {
                    let t = t.0 as usize;
                    if t >= df.len() {
                        df.resize(t + 1, 0);
                    }
                    df[t] += 1;
                });
            }
            df
        })
        .collect();
    let mut df = vec![0u32; counts.iter().map(Vec::len).max().unwrap_or(0)];
    for c in &counts {
        for (total, d) in df.iter_mut().zip(c) {
            *total += d;
        }
    }
    // Pass 2: one flat array of postings, term after term, each in document
    // order: `document << 8 | impact`. Each slice of documents fills its
    // own places, in parallel.
    let mut start = Vec::with_capacity(df.len() + 1);
    let mut total = 0usize;
    for &d in &df {
        start.push(total);
        total += d as usize;
    }
    start.push(total);
    let mut cursors = Vec::with_capacity(counts.len());
    let mut next = start[..df.len()].to_vec();
    for c in counts {
        cursors.push(next.clone());
        for (at, d) in next.iter_mut().zip(c) {
            *at += d as usize;
        }
    }
    drop(next);
    let filled: Vec<AtomicU32> = (0..total).map(|_| AtomicU32::new(0)).collect();
    docs.par_chunks(slice)
        .zip(cursors)
        .enumerate()
        .for_each(|(k, (chunk, mut cursor))| {
            for (i, a) in chunk.iter().enumerate() {
                let d = (k * slice + i) as u32;
                let norm = norm(a.index_terms.length, avgdl);
                a.index_terms.for_each(|t, tf| {
                    let t = t.0 as usize;
                    filled[cursor[t]].store(d << 8 | impact(tf, norm), Ordering::Relaxed);
                    cursor[t] += 1;
                });
            }
        });
    let postings: Vec<u32> = filled.into_iter().map(AtomicU32::into_inner).collect();
    let ids: Vec<text::TermId> = (0..df.len())
        .filter(|&t| df[t] > 0)
        .map(|t| text::TermId(t as u32))
        .collect();
    let strings = vocabulary.strings(ids.iter().copied());
    let mut terms: Vec<(std::sync::Arc<str>, usize)> = strings
        .into_iter()
        .zip(ids.iter().map(|id| id.0 as usize))
        .collect();
    terms.sort_unstable();
    let budget = max_shard_size.saturating_sub(SHARD_SLACK);
    terms
        .into_par_iter()
        .map(|(term, t)| {
            let list = &postings[start[t]..start[t + 1]];
            let idf = (1.0 + (n as f32 - df[t] as f32 + 0.5) / (df[t] as f32 + 0.5)).ln();
            let header = term.len() + 6 * 5;
            let (kept, postings) =
                best_postings(list, base, max_postings, budget.saturating_sub(header));
            TermRecord {
                df: df[t],
                weight: (idf * (K1 + 1.0) * 1000.0).round() as u32,
                kept,
                postings,
                term,
            }
        })
        .collect()
}

/// The postings of one term (in document order) encoded, keeping at most
/// `max` of them and at most `max_bytes`: the highest impacts, ties to the
/// newer document. Returns the number kept and the bytes.
fn best_postings(list: &[u32], base: u32, max: usize, max_bytes: usize) -> (u32, Vec<u8>) {
    if list.len() <= max {
        let bytes = encode(list, base);
        if bytes.len() <= max_bytes {
            return (list.len() as u32, bytes);
        }
    }
    let by_impact = |a: &u32, b: &u32| (b & 0xff).cmp(&(a & 0xff)).then(b.cmp(a));
    let mut candidates = list.to_vec();
    let mut keep = list.len().min(max);
    loop {
        if keep < candidates.len() {
            candidates.select_nth_unstable_by(keep, by_impact);
            candidates.truncate(keep);
        }
        let mut chosen = candidates.clone();
        chosen.sort_unstable();
        let bytes = encode(&chosen, base);
        if bytes.len() <= max_bytes || keep <= 1 {
            return (chosen.len() as u32, bytes);
        }
        // Too big for a shard: keep proportionally fewer.
        let fewer = keep as f64 * max_bytes as f64 / bytes.len() as f64 * 0.97;
        keep = (fewer as usize).clamp(1, keep - 1);
    }
}

/// `(document delta, impact)` pairs of postings in document order.
fn encode(sorted: &[u32], base: u32) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(sorted.len() * 2 + 8);
    let mut previous = 0u32;
    for &p in sorted {
        let doc = base + (p >> 8);
        put_varint(&mut bytes, u64::from(doc - previous));
        bytes.push((p & 0xff) as u8);
        previous = doc;
    }
    bytes
}

/// Cuts the records into shards of at most `max` bytes (a single record
/// larger than that gets a shard of its own). Returns each shard's first
/// term and bytes:
///
/// ```text
/// shard  := varint(terms) record*
/// record := varint(shared) varint(len) suffix varint(df) varint(weight) varint(kept) varint(bytes) postings
/// ```
/// `shared` bytes of the term are the previous term's (front coding), then
/// `len` bytes of `suffix` (UTF-8).
fn pack_shards(records: &[TermRecord], max: usize) -> Vec<(String, Vec<u8>)> {
    let mut shards = Vec::new();
    let mut i = 0;
    while i < records.len() {
        let first = i;
        let mut size = 0;
        while i < records.len() {
            let r = &records[i];
            let len = r.term.len() + 6 * 5 + r.postings.len();
            if i > first && size + len > max {
                break;
            }
            size += len;
            i += 1;
        }
        let group = &records[first..i];
        let mut bytes = Vec::with_capacity(size + 8);
        put_varint(&mut bytes, group.len() as u64);
        let mut previous: &[u8] = &[];
        for r in group {
            let term = r.term.as_bytes();
            let shared = term
                .iter()
                .zip(previous)
                .take_while(|(a, b)| a == b)
                .count();
            put_varint(&mut bytes, shared as u64);
            put_varint(&mut bytes, (term.len() - shared) as u64);
            bytes.extend_from_slice(&term[shared..]);
            put_varint(&mut bytes, u64::from(r.df));
            put_varint(&mut bytes, u64::from(r.weight));
            put_varint(&mut bytes, u64::from(r.kept));
            put_varint(&mut bytes, r.postings.len() as u64);
            bytes.extend_from_slice(&r.postings);
            previous = term;
        }
        let first_term = if first == 0 {
            String::new()
        } else {
            records[first].term.to_string()
        };
        shards.push((first_term, bytes));
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::terms::get_varint;

    fn varint(bytes: &[u8], pos: &mut usize) -> u32 {
        get_varint(bytes, pos) as u32
    }

    /// A decoded term record: term, df, weight, postings `(doc, impact)`.
    type Decoded = (String, u32, u32, Vec<(u32, u8)>);

    fn decode(shard: &[u8]) -> Vec<Decoded> {
        let mut pos = 0;
        let count = varint(shard, &mut pos);
        let mut previous: Vec<u8> = Vec::new();
        let mut out = Vec::new();
        for _ in 0..count {
            let shared = varint(shard, &mut pos) as usize;
            let len = varint(shard, &mut pos) as usize;
            let mut term = previous[..shared].to_vec();
            term.extend_from_slice(&shard[pos..pos + len]);
            pos += len;
            let df = varint(shard, &mut pos);
            let weight = varint(shard, &mut pos);
            let kept = varint(shard, &mut pos);
            let end = varint(shard, &mut pos) as usize + pos;
            let mut postings = Vec::new();
            let mut doc = 0;
            while pos < end {
                doc += varint(shard, &mut pos);
                postings.push((doc, shard[pos]));
                pos += 1;
            }
            assert_eq!(postings.len(), kept as usize);
            out.push((
                String::from_utf8(term.clone()).unwrap(),
                df,
                weight,
                postings,
            ));
            previous = term;
        }
        assert_eq!(pos, shard.len());
        out
    }

    fn record(term: &str, docs: &[u32]) -> TermRecord {
        let list: Vec<u32> = docs.iter().map(|d| d << 8 | 200).collect();
        let (kept, postings) = best_postings(&list, 0, usize::MAX, usize::MAX);
        TermRecord {
            term: term.into(),
            df: docs.len() as u32,
            weight: 1234,
            kept,
            postings,
        }
    }

    #[test]
    fn shards_front_code_terms_and_round_trip() {
        let records = vec![
            record("attack", &[0, 5, 300]),
            record("attacker", &[7]),
            record("zurich", &[1, 2]),
        ];
        let shards = pack_shards(&records, 1 << 20);
        assert_eq!(shards.len(), 1);
        assert_eq!(shards[0].0, "");
        let decoded = decode(&shards[0].1);
        assert_eq!(
            decoded[0],
            (
                "attack".into(),
                3,
                1234,
                vec![(0, 200), (5, 200), (300, 200)]
            )
        );
        assert_eq!(decoded[1].0, "attacker");
        assert_eq!(decoded[2].3, vec![(1, 200), (2, 200)]);
        // "attacker" shares six bytes with "attack": stored as 6, 2, "er".
        let small = pack_shards(&records, 40);
        assert_eq!(small.len(), 3);
        assert_eq!(
            small.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            ["", "attacker", "zurich"]
        );
        for (_, bytes) in &small {
            assert!(bytes.len() <= 40 + 8, "{}", bytes.len());
        }
    }

    #[test]
    fn postings_keep_the_best_documents_within_both_limits() {
        // Documents 0..1000, impact rising with the document number but 999 low.
        let mut list: Vec<u32> = (0..1000u32).map(|d| d << 8 | (d / 4).max(1)).collect();
        list[999] = 999 << 8 | 1;
        let (kept, bytes) = best_postings(&list, 0, 10, usize::MAX);
        assert_eq!(kept, 10);
        let mut pos = 0;
        let mut docs = Vec::new();
        let mut doc = 0;
        while pos < bytes.len() {
            doc += varint(&bytes, &mut pos);
            docs.push(doc);
            pos += 1;
        }
        // Impacts 249 (996..=998), 248 (992..=995), then three of the four
        // 247s (988..=991): ties go to the newer documents.
        assert_eq!(docs, (989..=998).collect::<Vec<_>>());
        assert!(docs.windows(2).all(|w| w[0] < w[1]));
        assert!(!docs.contains(&999));
        let (kept, bytes) = best_postings(&list, 0, 1000, 100);
        assert!(bytes.len() <= 100 && kept >= 40, "{kept} {}", bytes.len());
    }

    #[test]
    fn bm25_saturates_and_normalises_length() {
        let average = norm(100, 100.0);
        assert!((average - K1).abs() < 1e-6);
        assert!(impact(1, average) < impact(4, average));
        assert!(impact(4, average) < impact(40, average));
        assert!(impact(u16::MAX, average) == 254 && impact(1, 1000.0) == 1);
        assert!((0..=u16::MAX).all(|tf| (1..=255).contains(&impact(tf, 0.0))));
        assert!(impact(1, norm(50, 100.0)) > impact(1, norm(200, 100.0)));
        // tf = 1 in an average document scores 1 / (1 + k1) of the most.
        assert_eq!(impact(1, average), 1 + (254.0 / (1.0 + K1)) as u32);
    }
}
