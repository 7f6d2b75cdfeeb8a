//! A text's normalised words kept as byte ranges into the text itself, with
//! the normalised form stored only for the words whose normalised form is
//! not their written form ("The", "30,000", "Zelensky’s"). An article's
//! words are read this way: a `Word` (a `String` and a range) per word would
//! take several times the article's own size.

use std::ops::Range;

use super::Word;

/// Set in `Span::end` of a word whose normalised form is stored: the rest
/// of the field is its index in `WordList::folded`, and its end is in
/// `WordList::folded_ends`. A word costs 8 bytes, and a stored one 8 more
/// and its normalised form.
const FOLDED: u32 = 1 << 31;

/// Strings kept end to end in one, each read by the index `push` gave it:
/// the copies a list of words keeps of the few words not read from its
/// text, without an allocation each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings {
    joined: String,
    /// End in `joined` of each string; each starts where the one before ends.
    ends: Vec<u32>,
}

impl Strings {
    /// Keep `s`; its index. At most 4 GiB in all: `None` past that.
    pub fn push(&mut self, s: &str) -> Option<u32> {
        let end = u32::try_from(self.joined.len() + s.len()).ok()?;
        let index = u32::try_from(self.ends.len()).ok()?;
        self.joined.push_str(s);
        self.ends.push(end);
        Some(index)
    }

    /// String `index`.
    pub fn get(&self, index: u32) -> &str {
        let index = index as usize;
        let start = index.checked_sub(1).map_or(0, |p| self.ends[p] as usize);
        &self.joined[start..self.ends[index] as usize]
    }

    /// All of them, end to end.
    pub fn joined(&self) -> &str {
        &self.joined
    }

    pub fn shrink_to_fit(&mut self) {
        self.joined.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// One word: where it starts in the text, and where it ends or (with
/// `FOLDED`) which of the stored normalised forms is its.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: u32,
    end: u32,
}

/// The words of one text, owned; read them through `WordList::view`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    spans: Vec<Span>,
    /// Normalised forms that differ from the written text.
    folded: Strings,
    /// The end in the text of each word of `folded`.
    folded_ends: Vec<u32>,
}

/// Why a text's words cannot be kept as ranges: the ranges are 32 bits
/// (files are read only up to `files::MAX_FILE_BYTES`, far below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextTooLong;

/// The largest text whose words a `WordList` holds (2 GiB less a byte).
pub const MAX_TEXT: usize = FOLDED as usize - 1;

impl WordList {
    /// An empty list with room for `words` words.
    pub fn with_capacity(words: usize) -> WordList {
        WordList {
            spans: Vec::with_capacity(words),
            ..WordList::default()
        }
    }

    /// The words found by `text::words` in `text`, whose ranges are into
    /// `text`; none past `MAX_TEXT`.
    pub fn of(text: &str, words: Vec<Word>) -> WordList {
        let mut list = WordList::with_capacity(words.len());
        for word in words {
            if list.push(text, word).is_err() {
                break;
            }
        }
        list
    }

    /// Add `word`, whose range is into `text` (the text the list is read
    /// with).
    pub fn push(&mut self, text: &str, word: Word) -> Result<(), TextTooLong> {
        if word.range.end > MAX_TEXT {
            return Err(TextTooLong);
        }
        let end = word.range.end as u32;
        let as_written = text.get(word.range.clone()) == Some(word.text.as_str());
        let end = if as_written {
            end
        } else {
            let index = (self.folded.push(&word.text))
                .filter(|&index| index < FOLDED)
                .ok_or(TextTooLong)?;
            self.folded_ends.push(end);
            FOLDED | index
        };
        self.spans.push(Span {
            start: word.range.start as u32,
            end,
        });
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Give back spare room (the list is reserved at an estimate).
    pub fn shrink_to_fit(&mut self) {
        self.spans.shrink_to_fit();
        self.folded.shrink_to_fit();
        self.folded_ends.shrink_to_fit();
    }

    fn span_range(&self, span: Span) -> Range<usize> {
        let end = if span.end & FOLDED == 0 {
            span.end
        } else {
            self.folded_ends[(span.end & !FOLDED) as usize]
        };
        span.start as usize..end as usize
    }

    /// Word `i`'s range in the text.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.span_range(self.spans[i])
    }

    /// The first word (index) for which `before` (of its range) is false,
    /// all words before it making it true: `slice::partition_point`.
    pub fn partition_point(&self, mut before: impl FnMut(Range<usize>) -> bool) -> usize {
        self.spans.partition_point(|&s| before(self.span_range(s)))
    }

    /// Spare room of the list of words, in words.
    pub fn spare(&self) -> usize {
        self.spans.capacity() - self.spans.len()
    }

    /// The words, read with `text`: the text their ranges are into.
    pub fn view<'a>(&'a self, text: &'a str) -> Words<'a> {
        Words {
            text,
            spans: &self.spans,
            list: self,
        }
    }
}

/// A run of a `WordList`'s words, read with its text. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    text: &'a str,
    spans: &'a [Span],
    list: &'a WordList,
}

/// One word read from a `Words`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordRef<'a> {
    /// Its normalised form.
    pub text: &'a str,
    /// Where it is in the text.
    pub range: Range<usize>,
}

impl<'a> Words<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Word `i`'s normalised form.
    pub fn text(&self, i: usize) -> &'a str {
        let span = self.spans[i];
        if span.end & FOLDED == 0 {
            &self.text[span.start as usize..span.end as usize]
        } else {
            self.list.folded.get(span.end & !FOLDED)
        }
    }

    /// Word `i`'s range in the text.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.list.span_range(self.spans[i])
    }

    /// Word `i` as written in the text.
    pub fn written(&self, i: usize) -> &'a str {
        &self.text[self.range(i)]
    }

    /// The text between word `a`'s end and word `b`'s start; empty unless
    /// `a` comes before `b`.
    pub fn gap(&self, a: usize, b: usize) -> &'a str {
        let (a, b) = (self.range(a), self.range(b));
        self.text.get(a.end..b.start).unwrap_or("")
    }

    /// The first word (index) for which `before` (of its range) is false,
    /// all words before it making it true: `slice::partition_point`.
    pub fn partition_point(&self, mut before: impl FnMut(Range<usize>) -> bool) -> usize {
        self.spans
            .partition_point(|&s| before(self.list.span_range(s)))
    }

    /// Word `i`.
    pub fn at(&self, i: usize) -> WordRef<'a> {
        WordRef {
            text: self.text(i),
            range: self.range(i),
        }
    }

    /// Word `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<WordRef<'a>> {
        (i < self.len()).then(|| self.at(i))
    }

    pub fn first(&self) -> Option<WordRef<'a>> {
        self.get(0)
    }

    pub fn last(&self) -> Option<WordRef<'a>> {
        self.len().checked_sub(1).map(|i| self.at(i))
    }

    /// Words `range` of these.
    pub fn slice(&self, range: Range<usize>) -> Words<'a> {
        Words {
            spans: &self.spans[range],
            ..*self
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = WordRef<'a>> + ExactSizeIterator + 'a {
        let words = *self;
        (0..words.len()).map(move |i| words.at(i))
    }

    /// The normalised forms, in order.
    pub fn texts(&self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        let words = *self;
        (0..words.len()).map(move |i| words.text(i))
    }
}

/// The words of `text`, kept for the rest of the test run: for tests that
/// read a text's words without keeping the text.
#[cfg(test)]
pub fn leaked(text: &str) -> Words<'static> {
    let text: &'static str = Box::leak(text.to_string().into_boxed_str());
    let list: &'static WordList = Box::leak(Box::new(WordList::of(text, super::words(text))));
    list.view(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;
    use proptest::prelude::*;

    #[test]
    fn reads_written_and_folded_words_alike() {
        let text = "The plan’s cost: 30,000 units, said Zelensky.";
        let found = words(text);
        let list = WordList::of(text, found.clone());
        let view = list.view(text);
        assert_eq!(view.len(), found.len());
        for (i, word) in found.iter().enumerate() {
            assert_eq!(view.text(i), word.text);
            assert_eq!(view.range(i), word.range);
        }
        // Only the words whose normalised form differs are stored apart.
        assert_eq!(list.folded.joined(), "theplan's30000zelensky");
        let tail = view.slice(2..5);
        assert_eq!(tail.texts().collect::<Vec<_>>(), ["cost", "30000", "units"]);
        assert_eq!(tail.first().unwrap().range, found[2].range);
        assert_eq!(tail.last().unwrap().text, "units");
        assert_eq!(tail.get(3), None);
    }

    proptest! {
        #[test]
        fn a_list_reads_back_what_words_found(text in "[a-zA-Z0-9 ,.’'é]{0,60}") {
            let found = words(&text);
            let list = WordList::of(&text, found.clone());
            let read: Vec<Word> = list
                .view(&text)
                .iter()
                .map(|w| Word { text: w.text.to_string(), range: w.range })
                .collect();
            prop_assert_eq!(read, found);
        }
    }
}
