//! An article's body as normalised words split into sentences: what quote
//! matching, support and the passage index read of an article.

use std::ops::Range;

use super::Article;
use crate::note::inline;
use crate::text::{Word, WordList, Words, word_starts, words};

/// An article's body as words and sentences. Computed per article when a
/// check needs it (`Corpus::article_text`): a whole corpus of them would
/// take several times the corpus's own size. The words are ranges into the
/// article's text (`WordList`), so an article longer than
/// `text::word_list::MAX_TEXT` has none past that point. Read through
/// `ArticleText::read`.
#[derive(Debug, Clone, Default)]
pub struct ArticleText {
    /// Words of the body; ranges are into the article's whole text.
    words: WordList,
    /// Sentences as ranges of `words`.
    sentences: Vec<Range<usize>>,
}

impl ArticleText {
    pub fn new(article: &Article) -> ArticleText {
        // Reserved at once: growing by doubling would leave a large
        // article's list with spare room, and hold the old and the new list
        // at the same moment.
        let mut all_words = WordList::with_capacity(word_starts(article.body_text()));
        let mut sentences = Vec::new();
        let mut full = false;
        for_each_sentence(article, |words| {
            let first = all_words.len();
            for word in words {
                if full || all_words.push(&article.text, word).is_err() {
                    full = true;
                    break;
                }
            }
            if all_words.len() > first {
                sentences.push(first..all_words.len());
            }
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

    /// The words and sentences, read with `article`, the article this was
    /// made of.
    pub fn read<'a>(&'a self, article: &'a Article) -> ArticleWords<'a> {
        ArticleWords {
            words: self.words.view(&article.text),
            sentences: &self.sentences,
        }
    }

    /// Spare room of the lists of words and sentences, in entries (none
    /// once made).
    pub fn spare_room(&self) -> usize {
        self.words.spare() + (self.sentences.capacity() - self.sentences.len())
    }
}

/// An `ArticleText` read with its article. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct ArticleWords<'a> {
    /// Words of the body; ranges are into the article's whole text.
    pub words: Words<'a>,
    /// Sentences as ranges of `words`.
    pub sentences: &'a [Range<usize>],
}

impl ArticleWords<'_> {
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
                let sentence = self.words.slice(sentence.clone());
                (0..(sentence.len() + 1).saturating_sub(phrase.len()))
                    .any(|at| (phrase.iter().enumerate()).all(|(k, p)| sentence.text(at + k) == *p))
            })
    }

    /// Byte range in the article's text of words `range`.
    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        let len = self.words.len();
        if range.start >= len {
            return 0..0;
        }
        let first = self.words.range(range.start);
        match range.end.checked_sub(1) {
            Some(last) if range.end > range.start && last < len => {
                first.start..self.words.range(last).end
            }
            _ => first.start..first.start,
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
