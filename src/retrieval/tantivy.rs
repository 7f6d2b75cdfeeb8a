//! The passage index as tantivy builds it: one document per sentence, keyed
//! by a stable article id, for BM25 ranking and phrase queries; in memory or
//! in a folder of the cache.

use std::path::Path;

use tantivy::indexer::NoMergePolicy;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, Searcher, TantivyDocument, Term};

use crate::article::{Article, for_each_sentence};
use crate::corpus::Corpus;

use super::ranking::{self, LiveStatistics};
use super::{Passage, PassageIndex, article_id};

/// The `article_id` of every article, in corpus order.
fn article_ids(corpus: &Corpus) -> Vec<u64> {
    corpus
        .entries()
        .iter()
        .map(|e| article_id(e.rel_path()))
        .collect()
}

/// Each article's rank by key, then corpus position: how passages of equal
/// score are ordered. Keys mostly follow the corpus's path order, so the
/// sort mostly finds runs already in order.
fn key_order(corpus: &Corpus) -> Vec<u32> {
    let mut positions: Vec<usize> = (0..corpus.len()).collect();
    positions.sort_by(|&a, &b| corpus.key(a).cmp(corpus.key(b)));
    let mut order = vec![0; corpus.len()];
    for (rank, position) in positions.into_iter().enumerate() {
        order[position] = rank as u32;
    }
    order
}

/// An index on disk, opened but not yet read.
#[derive(Debug)]
pub struct StoredIndex {
    index: Index,
}

impl StoredIndex {
    /// The index, ready to search `corpus`.
    pub fn search(&self, corpus: &Corpus) -> tantivy::Result<TantivyIndex> {
        TantivyIndex::with_reader(corpus, &self.index, schema().1)
    }
}

pub struct TantivyIndex {
    reader: Option<IndexReader>,
    /// BM25's statistics over the live sentences; with `reader`.
    live: Option<LiveStatistics>,
    /// (article, sentence) of every document, by segment and doc id: reading
    /// tantivy's fast-field columns per hit was most of a quote lookup.
    /// `u32::MAX` for a document whose article is not in the corpus.
    locations: Vec<Vec<(u32, u32)>>,
    /// `article_id` of every article of the corpus, by position.
    ids: Vec<u64>,
    /// `key_order` of the corpus.
    order: Vec<u32>,
    fields: Fields,
}

impl std::fmt::Debug for TantivyIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TantivyIndex")
            .field("articles", &self.ids.len())
            .finish()
    }
}

/// Words are normalised by `text::words` before they reach tantivy, so its
/// tokenizer only splits on the spaces that join them.
const TOKENIZER: &str = "backstop_words";

/// Most words whose postings `articles_with_words` reads: past a few rare
/// ones, a word rarely narrows the articles enough to pay for its postings.
const MOST_WORDS: usize = 3;

#[derive(Debug, Clone, Copy)]
struct Fields {
    article: Field,
    sentence: Field,
    text: Field,
}

fn schema() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let article = schema.add_u64_field(
        "article",
        NumericOptions::default().set_indexed().set_fast(),
    );
    let sentence = schema.add_u64_field("sentence", NumericOptions::default().set_fast());
    let text = schema.add_text_field(
        "text",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    (
        schema.build(),
        Fields {
            article,
            sentence,
            text,
        },
    )
}

fn register_tokenizer(index: &Index) {
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
    );
}

/// Call `visit` with each sentence of an article as its normalised words
/// joined by spaces: what tantivy indexes. Read a sentence at a time, so
/// that only the joined text, not every word of the article, is held at
/// once.
fn for_each_sentence_doc(article: &Article, mut visit: impl FnMut(String)) {
    for_each_sentence(article, |words| {
        let mut joined = String::new();
        for (i, word) in words.iter().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(&word.text);
        }
        visit(joined);
    });
}

/// Each sentence of an article as `for_each_sentence_doc` gives it.
fn sentence_docs(article: &Article) -> Vec<String> {
    let mut docs = Vec::new();
    for_each_sentence_doc(article, |doc| docs.push(doc));
    docs
}

/// An article body longer than this is indexed as it is read, a sentence at
/// a time, rather than read whole beside others first: its sentences alone
/// would take more than its own size.
const STREAMED_BODY: usize = 4 << 20;

/// Index the sentences of `articles` (positions `positions` in the corpus).
/// Words are computed in parallel, a chunk at a time, while tantivy's one
/// indexing thread consumes the previous chunk: one thread keeps the order
/// of documents, and so the ranking, deterministic.
fn add_articles(
    writer: &IndexWriter<TantivyDocument>,
    fields: Fields,
    corpus: &Corpus,
    positions: &[usize],
) -> tantivy::Result<()> {
    use rayon::prelude::*;
    let streamed = |i: usize| corpus.article(i).body.len() > STREAMED_BODY;
    for chunk in positions.chunks(512) {
        let docs: Vec<Option<Vec<String>>> = chunk
            .par_iter()
            .map(|&i| (!streamed(i)).then(|| sentence_docs(corpus.article(i))))
            .collect();
        for (&i, sentences) in chunk.iter().zip(docs) {
            let id = article_id(corpus.rel_path(i));
            let mut sentence = 0;
            let mut add = |joined: String| {
                let mut doc = TantivyDocument::default();
                doc.add_u64(fields.article, id);
                doc.add_u64(fields.sentence, sentence as u64);
                doc.add_text(fields.text, &joined);
                sentence += 1;
                writer.add_document(doc).map(|_| ())
            };
            match sentences {
                Some(sentences) => sentences.into_iter().try_for_each(&mut add)?,
                None => {
                    let mut failed = Ok(());
                    for_each_sentence_doc(corpus.article(i), |joined| {
                        if failed.is_ok() {
                            failed = add(joined);
                        }
                    });
                    failed?
                }
            }
        }
    }
    Ok(())
}

/// Indexing memory budget: few, large segments.
const WRITER_BUDGET: usize = 200_000_000;

impl TantivyIndex {
    /// Build an index of the whole corpus in memory.
    pub fn build(corpus: &Corpus) -> TantivyIndex {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        TantivyIndex::fill(corpus, index, fields, None)
            .map_err(|err| tracing::warn!("passage index unavailable: {err}"))
            .unwrap_or_else(|_| TantivyIndex::unavailable(corpus, fields))
    }

    /// Build an index of the whole corpus in `dir` (emptied first), and
    /// commit it with `payload`.
    pub fn build_in(corpus: &Corpus, dir: &Path, payload: &str) -> tantivy::Result<TantivyIndex> {
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        TantivyIndex::fill(corpus, index, fields, Some(payload))
    }

    fn fill(
        corpus: &Corpus,
        index: Index,
        fields: Fields,
        payload: Option<&str>,
    ) -> tantivy::Result<TantivyIndex> {
        register_tokenizer(&index);
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)?;
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let all: Vec<usize> = (0..corpus.len()).collect();
        add_articles(&writer, fields, corpus, &all)?;
        let mut commit = writer.prepare_commit()?;
        if let Some(payload) = payload {
            commit.set_payload(payload);
        }
        commit.commit()?;
        writer.wait_merging_threads()?;
        TantivyIndex::with_reader(corpus, &index, fields)
    }

    /// Open an index left in `dir` by `build_in` or `update_in`, with the
    /// payload of its last commit. Only its metadata is read until
    /// `StoredIndex::search` is called.
    pub fn open_in(dir: &Path) -> tantivy::Result<(StoredIndex, Option<String>)> {
        let index = Index::open_in_dir(dir)?;
        let payload = index.load_metas()?.payload;
        if index.schema() != schema().0 {
            return Err(tantivy::TantivyError::SchemaError(
                "cached index has another schema".into(),
            ));
        }
        register_tokenizer(&index);
        Ok((StoredIndex { index }, payload))
    }

    /// Update the index in `dir` for `corpus`: drop the sentences of the
    /// articles `removed` (by `article_id`), add those of the articles at
    /// `added` (positions in `corpus`), and commit with `payload`.
    pub fn update_in(
        corpus: &Corpus,
        dir: &Path,
        removed: &[u64],
        added: &[usize],
        payload: &str,
    ) -> tantivy::Result<TantivyIndex> {
        let index = Index::open_in_dir(dir)?;
        register_tokenizer(&index);
        let (_, fields) = schema();
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_BUDGET)?;
        for &id in removed {
            writer.delete_term(Term::from_field_u64(fields.article, id));
        }
        add_articles(&writer, fields, corpus, added)?;
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(payload);
        commit.commit()?;
        // Small segments left by updates are merged by tantivy's default
        // policy; wait for it so no merge is cut off when the process ends.
        writer.wait_merging_threads()?;
        TantivyIndex::with_reader(corpus, &index, fields)
    }

    fn with_reader(
        corpus: &Corpus,
        index: &Index,
        fields: Fields,
    ) -> tantivy::Result<TantivyIndex> {
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let ids = article_ids(corpus);
        let locations = document_locations(&reader, &ids);
        let live = LiveStatistics::count(&reader.searcher(), fields.text)?;
        Ok(TantivyIndex {
            reader: Some(reader),
            live: Some(live),
            locations,
            ids,
            order: key_order(corpus),
            fields,
        })
    }

    fn unavailable(corpus: &Corpus, fields: Fields) -> TantivyIndex {
        TantivyIndex {
            reader: None,
            live: None,
            locations: Vec::new(),
            ids: article_ids(corpus),
            order: key_order(corpus),
            fields,
        }
    }

    fn term(&self, word: &str) -> Term {
        Term::from_field_text(self.fields.text, word)
    }

    /// The articles, ascending, of the sentences `query` matches.
    fn matching_articles(&self, searcher: &Searcher, query: &dyn Query) -> Vec<usize> {
        let Ok(weight) = query.weight(EnableScoring::disabled_from_searcher(searcher)) else {
            return Vec::new();
        };
        let mut articles = Vec::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let alive = segment.alive_bitset();
            let collected = weight.for_each_no_score(segment, &mut |docs| {
                for &doc in docs {
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    if let Some((article, _)) = self.locate(DocAddress::new(ord as u32, doc)) {
                        articles.push(article);
                    }
                }
            });
            if collected.is_err() {
                return Vec::new();
            }
        }
        articles.sort_unstable();
        articles.dedup();
        articles
    }

    fn locate(&self, address: DocAddress) -> Option<(usize, usize)> {
        let &(article, sentence) = self
            .locations
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?;
        (article != u32::MAX).then_some((article as usize, sentence as usize))
    }
}

impl PassageIndex for TantivyIndex {
    fn passages(&self, query_words: &[&str], limit: usize, within: Option<usize>) -> Vec<Passage> {
        let (Some(reader), Some(live)) = (&self.reader, &self.live) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        let terms: Vec<Term> = (query_words.iter())
            .filter(|w| seen.insert(**w))
            .map(|w| self.term(w))
            .collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let searcher = reader.searcher();
        let wanted = limit.max(1);
        let scored = match within {
            Some(article) => {
                let Some(&id) = self.ids.get(article) else {
                    return Vec::new();
                };
                let article = Term::from_field_u64(self.fields.article, id);
                ranking::documents_of(&searcher, &article)
                    .and_then(|docs| ranking::rescore(&searcher, live, &terms, docs))
            }
            None => {
                let should: Vec<(Occur, Box<dyn Query>)> = (terms.iter())
                    .map(|term| {
                        let query = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                        (Occur::Should, Box::new(query) as Box<dyn Query>)
                    })
                    .collect();
                let query = BooleanQuery::new(should);
                ranking::best_candidates(&searcher, live, &query, &terms, wanted)
            }
        };
        let Ok(scored) = scored else {
            return Vec::new();
        };
        let mut found: Vec<Passage> = (scored.into_iter())
            .filter_map(|(segment, doc, score)| {
                let (article, sentence) = self.locate(DocAddress::new(segment, doc))?;
                Some(Passage {
                    article,
                    sentence,
                    score,
                })
            })
            .collect();
        found.sort_by(|a, b| {
            (b.score.total_cmp(&a.score))
                .then(self.order[a.article].cmp(&self.order[b.article]))
                .then(a.sentence.cmp(&b.sentence))
        });
        found.truncate(wanted);
        found
    }

    fn articles_with_phrase(&self, phrase: &[&str]) -> Vec<usize> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let query: Box<dyn Query> = match phrase {
            [] => return Vec::new(),
            [one] => Box::new(TermQuery::new(self.term(one), IndexRecordOption::Basic)),
            many => Box::new(PhraseQuery::new(
                many.iter().map(|w| self.term(w)).collect(),
            )),
        };
        self.matching_articles(&reader.searcher(), query.as_ref())
    }

    fn articles_with_words(&self, words: &[&str], enough: usize) -> Vec<usize> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let searcher = reader.searcher();
        let mut rare: Vec<(u64, &str)> = words
            .iter()
            .map(|w| (self.sentence_frequency(w), *w))
            .collect();
        rare.sort_unstable();
        rare.dedup();
        let mut found: Option<Vec<usize>> = None;
        for (_, word) in rare.into_iter().take(MOST_WORDS) {
            let query = TermQuery::new(self.term(word), IndexRecordOption::Basic);
            let holding = self.matching_articles(&searcher, &query);
            let narrowed = match found {
                None => holding,
                Some(mut so_far) => {
                    so_far.retain(|a| holding.binary_search(a).is_ok());
                    so_far
                }
            };
            let done = narrowed.len() <= enough;
            found = Some(narrowed);
            if done {
                break;
            }
        }
        found.unwrap_or_default()
    }

    fn sentence_frequency(&self, word: &str) -> u64 {
        let (Some(reader), Some(live)) = (&self.reader, &self.live) else {
            return 0;
        };
        live.frequency(&reader.searcher(), &self.term(word))
    }

    fn sentence_count(&self) -> u64 {
        self.live.as_ref().map_or(0, LiveStatistics::sentences)
    }
}

fn document_locations(reader: &IndexReader, ids: &[u64]) -> Vec<Vec<(u32, u32)>> {
    let position: std::collections::HashMap<u64, u32> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| (id, i as u32))
        .collect();
    let searcher = reader.searcher();
    searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            let fast = segment.fast_fields();
            let (Ok(articles), Ok(sentences)) = (fast.u64("article"), fast.u64("sentence")) else {
                return Vec::new();
            };
            (0..segment.max_doc())
                .map(|doc| {
                    let article = articles
                        .first(doc)
                        .and_then(|id| position.get(&id).copied())
                        .unwrap_or(u32::MAX);
                    let sentence = sentences.first(doc).unwrap_or(u64::MAX);
                    (article, sentence as u32)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
