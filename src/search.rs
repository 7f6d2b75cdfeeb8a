//! Passage retrieval over the corpus: every article's words (normalised, with
//! their byte ranges) split into sentences, and a tantivy index with one
//! document per sentence for BM25 ranking and phrase queries. Built once per
//! corpus, on first use, so article-only runs never pay for it.

use std::ops::Range;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{DocAddress, Index, IndexReader, TantivyDocument, Term};

use crate::article::Article;
use crate::corpus::Corpus;
use crate::note::inline;
use crate::text::{Word, words};

/// An article's body as words and sentences.
#[derive(Debug, Clone, Default)]
pub struct ArticleText {
    /// Words of the body; ranges are into the article's whole text.
    pub words: Vec<Word>,
    /// Sentences as ranges of `words`.
    pub sentences: Vec<Range<usize>>,
}

impl ArticleText {
    pub fn new(article: &Article) -> ArticleText {
        let body = article.body_text();
        let offset = article.body.start;
        let mut all_words = Vec::new();
        let mut sentences = Vec::new();
        let mut line_start = 0;
        // Scraped articles put one paragraph per line; a sentence never
        // crosses a line.
        for line in body.split_inclusive('\n') {
            for sentence in inline::sentences(line, &[]) {
                let first = all_words.len();
                for mut word in words(&line[sentence.clone()]) {
                    let shift = offset + line_start + sentence.start;
                    word.range = word.range.start + shift..word.range.end + shift;
                    all_words.push(word);
                }
                if all_words.len() > first {
                    sentences.push(first..all_words.len());
                }
            }
            line_start += line.len();
        }
        ArticleText {
            words: all_words,
            sentences,
        }
    }

    /// The sentence holding word `index`.
    pub fn sentence_of(&self, index: usize) -> Option<usize> {
        let at = self.sentences.partition_point(|s| s.end <= index);
        (at < self.sentences.len()).then_some(at)
    }

    /// Byte range in the article's text of words `range`.
    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        match (
            self.words.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.words.get(e)),
        ) {
            (Some(first), Some(last)) if range.end > range.start => {
                first.range.start..last.range.end
            }
            (Some(first), _) => first.range.start..first.range.start,
            _ => 0..0,
        }
    }
}

/// A sentence of the corpus.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Passage {
    pub article: usize,
    pub sentence: usize,
    pub score: f32,
}

pub struct SearchIndex {
    /// Parallel to `Corpus::articles`.
    pub texts: Vec<ArticleText>,
    reader: Option<IndexReader>,
    /// (article, sentence) of every document, by segment and doc id: reading
    /// tantivy's fast-field columns per hit was most of a quote lookup.
    locations: Vec<Vec<(u32, u32)>>,
    article_field: Field,
    text_field: Field,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("articles", &self.texts.len())
            .finish()
    }
}

/// Words are normalised by `text::words` before they reach tantivy, so its
/// tokenizer only splits on the spaces that join them.
const TOKENIZER: &str = "backstop_words";

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> SearchIndex {
        use rayon::prelude::*;
        let texts: Vec<ArticleText> = corpus.articles.par_iter().map(ArticleText::new).collect();
        let mut schema = Schema::builder();
        let article_field = schema.add_u64_field(
            "article",
            NumericOptions::default().set_indexed().set_fast(),
        );
        let sentence_field = schema.add_u64_field("sentence", NumericOptions::default().set_fast());
        let text_field = schema.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(
            TOKENIZER,
            TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
        );
        // Retrieval is an aid: if tantivy fails, checks fall back to the cited
        // articles alone rather than failing the run.
        let reader = (|| -> tantivy::Result<IndexReader> {
            let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
            for (article, text) in texts.iter().enumerate() {
                for (sentence, range) in text.sentences.iter().enumerate() {
                    let joined = text.words[range.clone()]
                        .iter()
                        .map(|w| w.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let mut doc = TantivyDocument::default();
                    doc.add_u64(article_field, article as u64);
                    doc.add_u64(sentence_field, sentence as u64);
                    doc.add_text(text_field, &joined);
                    writer.add_document(doc)?;
                }
            }
            writer.commit()?;
            index.reader()
        })()
        .map_err(|err| tracing::warn!("passage index unavailable: {err}"))
        .ok();
        let locations = reader.as_ref().map(document_locations).unwrap_or_default();
        SearchIndex {
            texts,
            reader,
            locations,
            article_field,
            text_field,
        }
    }

    fn term(&self, word: &str) -> Term {
        Term::from_field_text(self.text_field, word)
    }

    /// The best sentences for `query_words` by BM25, optionally within one
    /// article.
    pub fn passages(
        &self,
        query_words: &[&str],
        limit: usize,
        within: Option<usize>,
    ) -> Vec<Passage> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        let should: Vec<(Occur, Box<dyn Query>)> = query_words
            .iter()
            .filter(|w| seen.insert(**w))
            .map(|w| {
                (
                    Occur::Should,
                    Box::new(TermQuery::new(self.term(w), IndexRecordOption::WithFreqs))
                        as Box<dyn Query>,
                )
            })
            .collect();
        if should.is_empty() {
            return Vec::new();
        }
        let mut query: Box<dyn Query> = Box::new(BooleanQuery::new(should));
        if let Some(article) = within {
            let filter = TermQuery::new(
                Term::from_field_u64(self.article_field, article as u64),
                IndexRecordOption::Basic,
            );
            query = Box::new(BooleanQuery::new(vec![
                (Occur::Must, query),
                (Occur::Must, Box::new(filter)),
            ]));
        }
        let searcher = reader.searcher();
        let Ok(top) = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())
        else {
            return Vec::new();
        };
        top.into_iter()
            .filter_map(|(score, address)| {
                let (article, sentence) = self.locate(reader, address)?;
                Some(Passage {
                    article,
                    sentence,
                    score,
                })
            })
            .collect()
    }

    /// Articles holding `phrase` (consecutive normalised words) within one
    /// sentence.
    pub fn articles_with_phrase(&self, phrase: &[&str]) -> Vec<usize> {
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
        let searcher = reader.searcher();
        let Ok(found) = searcher.search(&query, &DocSetCollector) else {
            return Vec::new();
        };
        let mut articles: Vec<usize> = found
            .into_iter()
            .filter_map(|address| self.locate(reader, address).map(|(a, _)| a))
            .collect();
        articles.sort_unstable();
        articles.dedup();
        articles
    }

    /// How many sentences hold `word`: rare words tell more about a claim.
    pub fn sentence_frequency(&self, word: &str) -> u64 {
        let Some(reader) = &self.reader else {
            return 0;
        };
        reader.searcher().doc_freq(&self.term(word)).unwrap_or(0)
    }

    /// Number of sentences in the corpus.
    pub fn sentence_count(&self) -> u64 {
        self.reader.as_ref().map_or(0, |r| r.searcher().num_docs())
    }

    fn locate(&self, _reader: &IndexReader, address: DocAddress) -> Option<(usize, usize)> {
        let &(article, sentence) = self
            .locations
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?;
        Some((article as usize, sentence as usize))
    }
}

fn document_locations(reader: &IndexReader) -> Vec<Vec<(u32, u32)>> {
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
                    let article = articles.first(doc).unwrap_or(u64::MAX);
                    let sentence = sentences.first(doc).unwrap_or(u64::MAX);
                    (article as u32, sentence as u32)
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus() -> Corpus {
        let article = |name: &str, text: &str| {
            Article::parse(
                PathBuf::from(format!("/w/seeds/{name}.txt")),
                format!("seeds/{name}.txt"),
                text.to_string(),
            )
        };
        Corpus::new(vec![
            article(
                "a",
                "date: 2025-02-27\n\nStarmer met Trump. “We need a backstop,” he said.\nThe U.S. will decide.",
            ),
            article(
                "b",
                "Zelensky visits Washington on Friday. Up to 30,000 troops.",
            ),
        ])
    }

    #[test]
    fn sentences_and_words() {
        let corpus = corpus();
        let text = ArticleText::new(&corpus.articles[0]);
        assert_eq!(text.sentences.len(), 3);
        let second = text.byte_range(text.sentences[1].clone());
        assert_eq!(
            &corpus.articles[0].text[second],
            "We need a backstop,” he said"
        );
        assert_eq!(text.sentence_of(0), Some(0));
    }

    #[test]
    fn retrieval_and_phrases() {
        let corpus = corpus();
        let index = SearchIndex::build(&corpus);
        assert_eq!(
            index.articles_with_phrase(&["need", "a", "backstop"]),
            vec![0]
        );
        assert!(
            index
                .articles_with_phrase(&["a", "need", "backstop"])
                .is_empty()
        );
        assert_eq!(index.articles_with_phrase(&["30000", "troops"]), vec![1]);
        let best = index.passages(&["zelensky", "washington"], 3, None);
        assert_eq!((best[0].article, best[0].sentence), (1, 0));
        assert!(index.passages(&["zelensky"], 3, Some(0)).is_empty());
        assert_eq!(index.sentence_frequency("backstop"), 1);
    }
}
