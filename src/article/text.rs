//! An article's body as normalised words split into sentences: what quote
//! matching, support and the passage index read of an article.

use std::ops::Range;

use super::Article;
use crate::note::inline;
use crate::text::{Word, word_starts, words};

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
        // Reserved at once: growing by doubling would leave a large
        // article's list with spare room, and hold the old and the new list
        // at the same moment.
        let mut all_words = Vec::with_capacity(word_starts(article.body_text()));
        let mut sentences = Vec::new();
        for_each_sentence(article, |words| {
            let first = all_words.len();
            all_words.extend(words);
            sentences.push(first..all_words.len());
        });
        // The estimate counts runs that normalising joins into one word
        // (around a soft hyphen, or inside "30,000").
        all_words.shrink_to_fit();
        sentences.shrink_to_fit();
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

/// Call `visit` with the words of each sentence of `article`'s body, in
/// order, skipping sentences without words; word ranges are into the
/// article's whole text. What `ArticleText` holds, one sentence at a time,
/// for readers (the passage index) that need not keep the whole article's
/// words at once.
pub fn for_each_sentence(article: &Article, mut visit: impl FnMut(Vec<Word>)) {
    let body = article.body_text();
    let offset = article.body.start;
    let mut line_start = 0;
    // Scraped articles put one paragraph per line; a sentence never
    // crosses a line.
    for line in body.split_inclusive('\n') {
        for sentence in inline::sentences(line, &[]) {
            let shift = offset + line_start + sentence.start;
            let mut found = words(&line[sentence.clone()]);
            if found.is_empty() {
                continue;
            }
            for word in &mut found {
                word.range = word.range.start + shift..word.range.end + shift;
            }
            visit(found);
        }
        line_start += line.len();
    }
}
