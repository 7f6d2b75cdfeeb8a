//! Passage retrieval: what the note checks ask of the corpus's sentences,
//! behind one interface, so that the engine does not depend on how the
//! sentences are indexed. `TantivyIndex` is the implementation; one that
//! asks a remote engine would implement the same trait.

mod ranking;
mod tantivy;

use std::sync::OnceLock;

use crate::corpus::Corpus;

pub use tantivy::{StoredIndex, TantivyIndex};

/// A sentence of the corpus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Passage {
    /// Position of the article in the corpus.
    pub article: usize,
    /// Index of the sentence in the article's `ArticleText`.
    pub sentence: usize,
    pub score: f32,
}

/// The questions the checks ask of the corpus's sentences. Words are
/// normalised as `text::words` makes them; articles are corpus positions.
/// Answers depend on the corpus alone, never on how or in what steps its
/// index was made: a cached index updated in place answers as a fresh one.
/// Passages of equal score are ranked by article key, then corpus position,
/// then sentence.
pub trait PassageIndex: Send + Sync + std::fmt::Debug {
    /// The best sentences for `query_words` by BM25, at most `limit`,
    /// optionally within one article.
    fn passages(&self, query_words: &[&str], limit: usize, within: Option<usize>) -> Vec<Passage>;

    /// Articles, ascending, holding `phrase` (consecutive words) within one
    /// sentence.
    fn articles_with_phrase(&self, phrase: &[&str]) -> Vec<usize>;

    /// Every article holding all of `words` (each in some sentence), and
    /// perhaps others: an implementation may stop narrowing once at most
    /// `enough` articles remain, since the caller checks each anyway.
    fn articles_with_words(&self, words: &[&str], enough: usize) -> Vec<usize>;

    /// How many sentences hold `word`: rare words tell more about a claim.
    fn sentence_frequency(&self, word: &str) -> u64;

    /// Number of sentences in the corpus.
    fn sentence_count(&self) -> u64;
}

/// The identity of an article in a stored index: stable across runs and
/// corpus changes (a position in the corpus is not), so a persisted index
/// can drop and re-add one article's sentences.
pub fn article_id(rel_path: &str) -> u64 {
    let hash = blake3::hash(rel_path.as_bytes());
    u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// A corpus's passage index, made on first use: the one a cache opened or
/// built for it, else one built in memory. Runs that check no note never
/// pay for an index.
#[derive(Debug, Default)]
pub struct LazyPassageIndex {
    index: OnceLock<Box<dyn PassageIndex>>,
    /// An index on disk, read only when first asked.
    stored: OnceLock<StoredIndex>,
}

impl LazyPassageIndex {
    /// The index for `corpus`, which must be the corpus every earlier call
    /// and every index set here was for.
    pub fn get(&self, corpus: &Corpus) -> &dyn PassageIndex {
        self.index
            .get_or_init(|| {
                if let Some(stored) = self.stored.get() {
                    // A damaged index may make the library panic rather than
                    // fail: either way the index is built afresh.
                    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        stored.search(corpus)
                    }));
                    match opened {
                        Ok(Ok(index)) => return Box::new(index),
                        Ok(Err(err)) => tracing::warn!("cached passage index unreadable: {err}"),
                        Err(_) => tracing::warn!("cached passage index unreadable"),
                    }
                }
                Box::new(TantivyIndex::build(corpus))
            })
            .as_ref()
    }

    /// Read `stored` when the index is first needed.
    pub fn set_stored(&self, stored: StoredIndex) {
        let _ = self.stored.set(stored);
    }

    /// Use `index`; false if one was already made.
    pub fn set(&self, index: Box<dyn PassageIndex>) -> bool {
        self.index.set(index).is_ok()
    }
}
