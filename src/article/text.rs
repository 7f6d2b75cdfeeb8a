//! An article's body as normalised words split into sentences: what quote
//! matching, support and the passage index read of an article.

use std::ops::Range;

use super::Article;
use crate::note::inline;
use crate::text::{Word, words};

/// An article's body as words and sentences. Computed per article when a
/// check needs it (`Corpus::article_text`): a whole corpus of them would
/// take several times the corpus's own size.
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

    /// Whether one sentence holds `phrase` (consecutive normalised words):
    /// what a phrase query of the index finds in this article.
    pub fn has_phrase(&self, phrase: &[&str]) -> bool {
        !phrase.is_empty()
            && self.sentences.iter().any(|sentence| {
                self.words[sentence.clone()]
                    .windows(phrase.len())
                    .any(|run| run.iter().zip(phrase).all(|(w, p)| w.text == *p))
            })
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
