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
    /// Where each sentence ends in `words`: sentences follow each other
    /// from the first word with none between them, so an end is all a
    /// sentence needs (4 bytes, against 16 for a range).
    sentence_ends: Vec<u32>,
}

impl ArticleText {
    pub fn new(article: &Article) -> ArticleText {
        // Reserved at once: growing by doubling would leave a large
        // article's list with spare room, and hold the old and the new list
        // at the same moment.
        let mut all_words = WordList::with_capacity(word_starts(article.body_text()));
        let mut sentence_ends = Vec::new();
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
                // The list holds at most `MAX_TEXT` words, below `u32::MAX`.
                sentence_ends.push(all_words.len() as u32);
            }
        });
        // The estimate counts runs that normalising joins into one word
        // (around a soft hyphen, or inside "30,000").
        all_words.shrink_to_fit();
        sentence_ends.shrink_to_fit();
        ArticleText {
            words: all_words,
            sentence_ends,
        }
    }

    /// The words and sentences, read with `article`, the article this was
    /// made of.
    pub fn read<'a>(&'a self, article: &'a Article) -> ArticleWords<'a> {
        ArticleWords {
            words: self.words.view(&article.text),
            sentences: Sentences {
                ends: &self.sentence_ends,
            },
        }
    }

    /// Spare room of the lists of words and sentences, in entries (none
    /// once made).
    pub fn spare_room(&self) -> usize {
        self.words.spare() + (self.sentence_ends.capacity() - self.sentence_ends.len())
    }
}

/// An `ArticleText` read with its article. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct ArticleWords<'a> {
    /// Words of the body; ranges are into the article's whole text.
    pub words: Words<'a>,
    /// Sentences as ranges of `words`.
    pub sentences: Sentences<'a>,
}

/// The sentences of an article as ranges of its words, in order and
/// adjacent. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Sentences<'a> {
    ends: &'a [u32],
}

impl<'a> Sentences<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The words of sentence `s`, if there is one.
    pub fn get(&self, s: usize) -> Option<Range<usize>> {
        let end = *self.ends.get(s)? as usize;
        let start = s
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        Some(start..end)
    }

    /// The words of sentence `s`; panics when there is no such sentence,
    /// like indexing a list.
    pub fn at(&self, s: usize) -> Range<usize> {
        self.get(s).expect("sentence index in range")
    }

    pub fn iter(&self) -> impl Iterator<Item = Range<usize>> + 'a {
        let ends = self.ends;
        (0..ends.len()).map(move |s| Sentences { ends }.at(s))
    }

    /// The sentence holding word `index`.
    pub fn of_word(&self, index: usize) -> Option<usize> {
        let at = self.ends.partition_point(|&end| end as usize <= index);
        (at < self.ends.len()).then_some(at)
    }
}

impl ArticleWords<'_> {
    /// The sentence holding word `index`.
    pub fn sentence_of(&self, index: usize) -> Option<usize> {
        self.sentences.of_word(index)
    }

    /// Whether one sentence holds `phrase` (consecutive normalised words):
    /// what a phrase query of the index finds in this article.
    pub fn has_phrase(&self, phrase: &[&str]) -> bool {
        !phrase.is_empty()
            && self.sentences.iter().any(|sentence| {
                let sentence = self.words.slice(sentence);
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn sentences_are_adjacent_ranges_of_words() {
        let article = Article::parse(
            PathBuf::from("/w/a.md"),
            "a.md".into(),
            "---\ndate: 2024-05-10\n---\nThe talks failed. Unions walked out of the room. Nobody spoke.\n"
                .into(),
        );
        let owned = ArticleText::new(&article);
        let text = owned.read(&article);
        let sentences: Vec<Range<usize>> = text.sentences.iter().collect();
        assert_eq!(sentences, [0..3, 3..9, 9..11]);
        assert_eq!(text.sentences.len(), 3);
        assert_eq!(text.sentences.get(1), Some(3..9));
        assert_eq!(text.sentences.get(3), None);
        assert_eq!(text.sentences.at(2), 9..11);
        assert_eq!(text.sentence_of(0), Some(0));
        assert_eq!(text.sentence_of(8), Some(1));
        assert_eq!(text.sentence_of(10), Some(2));
        assert_eq!(text.sentence_of(11), None);
        assert!(text.has_phrase(&["walked", "out"]));
        assert!(!text.has_phrase(&["failed", "unions"]));
    }
}
