//! BM25 ranking that depends on the corpus alone, not on the history of the
//! index that holds it. An index updated in place keeps deleted sentences
//! in its segments until they merge, and tantivy counts them in BM25's
//! statistics (sentence count, word frequencies, average length); a merge
//! also replaces the exact total length by a sum of one-byte length codes.
//! Here the statistics are counted over live sentences only, from what every
//! layout keeps alike (postings and the length codes); tantivy's pruned
//! search with them only gathers candidates, since it sums a sentence's word
//! scores in an order that depends on the layout, and the candidates are
//! scored again word by word in query order. Equal scores are then ranked by
//! article key, corpus position and sentence.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight, EnableScoring, Query};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

/// How far below the `wanted`-th best score of tantivy's candidate search a
/// sentence is still gathered: far more than the rounding by which two sums
/// of the same word scores in different orders can differ, so that no
/// sentence of the exact best is left out.
const ROUNDING_SLACK: Score = 1e-3;

/// Counts over the live sentences of one opened index.
#[derive(Debug)]
pub(super) struct LiveStatistics {
    field: Field,
    sentences: u64,
    /// Sum of the live sentences' lengths as their length codes give them.
    words: u64,
    /// The deleted documents of each segment, ascending.
    deleted: Vec<Vec<DocId>>,
    /// Live sentence frequencies asked so far, when there are deletions.
    frequencies: Mutex<HashMap<Term, u64>>,
}

impl LiveStatistics {
    /// Count the live sentences of `searcher`'s segments, words in `field`.
    pub fn count(searcher: &Searcher, field: Field) -> tantivy::Result<LiveStatistics> {
        let mut words = 0u64;
        let mut deleted = Vec::new();
        for segment in searcher.segment_readers() {
            let norms = segment.get_fieldnorms_reader(field)?;
            let alive = segment.alive_bitset();
            let mut gone = Vec::new();
            for doc in 0..segment.max_doc() {
                if alive.is_some_and(|a| a.is_deleted(doc)) {
                    gone.push(doc);
                } else {
                    words += u64::from(FieldNormReader::id_to_fieldnorm(norms.fieldnorm_id(doc)));
                }
            }
            deleted.push(gone);
        }
        Ok(LiveStatistics {
            field,
            sentences: searcher.num_docs(),
            words,
            deleted,
            frequencies: Mutex::default(),
        })
    }

    pub fn sentences(&self) -> u64 {
        self.sentences
    }

    /// How many live sentences hold `term`.
    pub fn frequency(&self, searcher: &Searcher, term: &Term) -> u64 {
        if self.deleted.iter().all(Vec::is_empty) {
            return searcher.doc_freq(term).unwrap_or(0);
        }
        if let Some(known) = (self.frequencies.lock().ok()).and_then(|m| m.get(term).copied()) {
            return known;
        }
        let counted = self.count_frequency(searcher, term).unwrap_or(0);
        if let Ok(mut memo) = self.frequencies.lock() {
            memo.insert(term.clone(), counted);
        }
        counted
    }

    /// The sentences holding `term`, less the deleted ones among them: the
    /// postings are searched for the deleted documents, few next to them.
    fn count_frequency(&self, searcher: &Searcher, term: &Term) -> tantivy::Result<u64> {
        let mut found = 0u64;
        for (segment, gone) in searcher.segment_readers().iter().zip(&self.deleted) {
            let inverted = segment.inverted_index(term.field())?;
            let Some(info) = inverted.get_term_info(term)? else {
                continue;
            };
            found += u64::from(info.doc_freq);
            if gone.is_empty() {
                continue;
            }
            let mut postings =
                inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
            for &doc in gone {
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() == TERMINATED {
                    break;
                }
                if postings.doc() == doc {
                    found -= 1;
                }
            }
        }
        Ok(found)
    }

    /// BM25's weight of each of `terms` over the live sentences.
    pub fn weights(&self, searcher: &Searcher, terms: &[Term]) -> Vec<Bm25Weight> {
        let average = self.words as Score / self.sentences.max(1) as Score;
        terms
            .iter()
            .map(|term| {
                let frequency = self.frequency(searcher, term).min(self.sentences);
                Bm25Weight::for_one_term_without_explain(frequency, self.sentences, average)
            })
            .collect()
    }
}

/// The live statistics as tantivy's scoring asks for them.
struct LiveProvider<'a> {
    searcher: &'a Searcher,
    live: &'a LiveStatistics,
}

impl Bm25StatisticsProvider for LiveProvider<'_> {
    fn total_num_tokens(&self, _field: Field) -> tantivy::Result<u64> {
        Ok(self.live.words)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.live.sentences)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.live.frequency(self.searcher, term))
    }
}

/// A live document that may rank among the best: segment, doc, score.
pub(super) type Scored = (u32, DocId, Score);

/// The live documents `query` (a disjunction of words) matches whose
/// score may place them among the best `wanted`, with their exact scores
/// over `terms` (the query's distinct words, in query order).
pub(super) fn best_candidates(
    searcher: &Searcher,
    live: &LiveStatistics,
    query: &dyn Query,
    terms: &[Term],
    wanted: usize,
) -> tantivy::Result<Vec<Scored>> {
    let provider = LiveProvider { searcher, live };
    let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
        &provider, searcher,
    ))?;
    let mut pool = Pool {
        wanted: wanted.max(1),
        found: Vec::new(),
        floor: Score::MIN,
    };
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        let floor = pool.floor;
        weight.for_each_pruning(floor, segment, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return pool.floor;
            }
            pool.offer(ord as u32, doc, score)
        })?;
    }
    pool.tighten();
    let mut found = pool.found;
    found.sort_unstable_by_key(|&(segment, doc, _)| (segment, doc));
    rescore(searcher, live, terms, found)
}

/// The live documents of one article, `article` being its id term, in
/// the order `rescore` takes them.
pub(super) fn documents_of(searcher: &Searcher, article: &Term) -> tantivy::Result<Vec<Scored>> {
    let mut docs = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(article.field())?;
        let Some(mut postings) = inverted.read_postings(article, IndexRecordOption::Basic)? else {
            continue;
        };
        let alive = segment.alive_bitset();
        while postings.doc() != TERMINATED {
            let doc = postings.doc();
            if !alive.is_some_and(|a| a.is_deleted(doc)) {
                docs.push((ord as u32, doc, 0.0));
            }
            postings.advance();
        }
    }
    Ok(docs)
}

/// Every live document of the segments' `docs` (ascending within each
/// segment) with its exact score over `terms`; those holding none left out.
pub(super) fn rescore(
    searcher: &Searcher,
    live: &LiveStatistics,
    terms: &[Term],
    mut docs: Vec<Scored>,
) -> tantivy::Result<Vec<Scored>> {
    let weights = live.weights(searcher, terms);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let start = docs.partition_point(|d| d.0 < ord as u32);
        let end = docs.partition_point(|d| d.0 <= ord as u32);
        if start < end {
            exact_scores(segment, live.field, terms, &weights, &mut docs[start..end])?;
        }
    }
    docs.retain(|d| d.2 > 0.0);
    Ok(docs)
}

/// Set each of `docs` (one segment's, ascending) to its BM25 score, the
/// words' scores added in the order of `terms`.
fn exact_scores(
    segment: &SegmentReader,
    field: Field,
    terms: &[Term],
    weights: &[Bm25Weight],
    docs: &mut [Scored],
) -> tantivy::Result<()> {
    let norms = segment.get_fieldnorms_reader(field)?;
    let inverted = segment.inverted_index(field)?;
    for doc in docs.iter_mut() {
        doc.2 = 0.0;
    }
    for (term, weight) in terms.iter().zip(weights) {
        let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::WithFreqs)? else {
            continue;
        };
        for doc in docs.iter_mut() {
            if postings.doc() < doc.1 {
                postings.seek(doc.1);
            }
            if postings.doc() == TERMINATED {
                break;
            }
            if postings.doc() == doc.1 {
                doc.2 += weight.score(norms.fieldnorm_id(doc.1), postings.term_freq());
            }
        }
    }
    Ok(())
}

/// The documents tantivy's search offers, kept while they may rank among
/// the best `wanted`.
struct Pool {
    wanted: usize,
    found: Vec<Scored>,
    /// Offers at or below this score cannot rank among the best.
    floor: Score,
}

impl Pool {
    /// Keep an offer; the floor for the next ones.
    fn offer(&mut self, segment: u32, doc: DocId, score: Score) -> Score {
        if score > self.floor {
            self.found.push((segment, doc, score));
            if self.found.len() >= 4 * self.wanted + 64 {
                self.tighten();
            }
        }
        self.floor
    }

    /// Raise the floor to just below the `wanted`-th best score offered,
    /// and drop what is below it.
    fn tighten(&mut self) {
        if self.found.len() < self.wanted {
            return;
        }
        let mut scores: Vec<Score> = self.found.iter().map(|d| d.2).collect();
        let (_, &mut nth, _) =
            scores.select_nth_unstable_by(self.wanted - 1, |a, b| b.total_cmp(a));
        let floor = nth - nth.abs() * ROUNDING_SLACK;
        if floor > self.floor {
            self.floor = floor;
            self.found.retain(|d| d.2 > floor);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::article::Article;
    use crate::corpus::Corpus;
    use crate::retrieval::{PassageIndex, TantivyIndex, article_id};

    fn corpus(articles: &[(&str, &str)]) -> Corpus {
        Corpus::new(
            (articles.iter())
                .map(|(name, body)| {
                    Article::parse(
                        PathBuf::from(format!("/w/sources/{name}.md")),
                        format!("sources/{name}.md"),
                        format!("---\ntitle: {name}\ndate: 2024-05-10\n---\n{body}\n"),
                    )
                })
                .collect(),
        )
    }

    /// An index updated in place (its deleted sentences still in its
    /// segments) answers exactly as one built afresh for the same corpus.
    #[test]
    fn an_updated_index_ranks_as_a_fresh_one() {
        let before = corpus(&[
            (
                "a",
                "The rail link opens in winter. The harbour bridge is late.",
            ),
            ("b", "Rail rail rail tunnel quarry quarry. The mayor spoke."),
            (
                "c",
                "The harbour tunnel and the rail link cost more than planned.",
            ),
            ("d", "A tunnel. A quarry. A rail link. The harbour."),
        ]);
        let after = corpus(&[
            (
                "a",
                "The rail link opens in winter. The harbour bridge is late.",
            ),
            ("c", "The harbour tunnel was finished before the rail link."),
            ("d", "A tunnel. A quarry. A rail link. The harbour."),
            ("e", "The rail link and the harbour tunnel. The quarry."),
        ]);
        let dir = tempfile::tempdir().unwrap();
        TantivyIndex::build_in(&before, dir.path(), "1").unwrap();
        let removed: Vec<u64> = ["sources/b.md", "sources/c.md"].map(article_id).to_vec();
        let updated = TantivyIndex::update_in(&after, dir.path(), &removed, &[1, 3], "2").unwrap();
        let fresh = TantivyIndex::build(&after);
        for query in [
            &["rail", "link"][..],
            &["harbour", "tunnel", "quarry"],
            &["the", "rail", "rail", "winter"],
            &["quarry"],
        ] {
            for within in [None, Some(0), Some(1), Some(3)] {
                let (got, want) = (
                    updated.passages(query, 3, within),
                    fresh.passages(query, 3, within),
                );
                assert_eq!(got, want, "{query:?} within {within:?}");
            }
            assert!(!fresh.passages(query, 3, None).is_empty(), "{query:?}");
        }
        for word in ["rail", "quarry", "mayor", "tunnel"] {
            assert_eq!(
                updated.sentence_frequency(word),
                fresh.sentence_frequency(word)
            );
        }
        assert_eq!(updated.sentence_frequency("mayor"), 0);
        assert_eq!(updated.sentence_count(), fresh.sentence_count());
    }

    /// Passages of equal score come by article key, whatever the order in
    /// which the index holds them.
    #[test]
    fn equal_scores_rank_by_article_key() {
        let articles = corpus(&[
            ("m", "The quarry closed."),
            ("k", "The quarry closed."),
            ("z", "The quarry closed."),
        ]);
        let index = TantivyIndex::build(&articles);
        let found: Vec<&str> = (index.passages(&["quarry"], 3, None).iter())
            .map(|p| articles.key(p.article))
            .collect();
        assert_eq!(found, ["k", "m", "z"]);
    }
}
