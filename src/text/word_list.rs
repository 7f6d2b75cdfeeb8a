//! A text's normalised words kept as byte ranges into the text itself, with
//! the normalised form stored only for the words whose normalised form is
//! not their written form ("The", "30,000", "Zelensky’s"). An article's
//! words are read this way: a `Word` (a `String` and a range) per word would
//! take several times the article's own size.

use std::ops::Range;

use super::Word;

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

/// In `WordList::lengths`, marks a word kept apart: one whose normalised
/// form is not its written form, or longer than `APART - 1` bytes. Its
/// form and its end are in `WordList::apart_forms` and
/// `WordList::apart_ends`. A word costs 5 bytes, and one kept apart 8 more
/// and its normalised form.
const APART: u8 = u8::MAX;

/// Words per block of `WordList::apart_before_block`.
const BLOCK: usize = 64;

/// The words of one text, owned; read them through `WordList::view`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    /// Where each word starts in the text.
    starts: Vec<u32>,
    /// Each word's length in bytes, or `APART`.
    lengths: Vec<u8>,
    /// How many words kept apart come before each run of `BLOCK` words:
    /// with the `APART` marks within a block, a word's place among those
    /// kept apart, without a search.
    apart_before_block: Vec<u32>,
    /// The normalised forms of the words kept apart, in order.
    apart_forms: Strings,
    /// The end in the text of each word kept apart.
    apart_ends: Vec<u32>,
}

/// Why a text's words cannot be kept as ranges: the ranges are 32 bits
/// (files are read only up to `files::MAX_FILE_BYTES`, far below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextTooLong;

/// The largest text whose words a `WordList` holds (2 GiB less a byte).
pub const MAX_TEXT: usize = (1 << 31) - 1;

impl WordList {
    /// An empty list with room for `words` words.
    pub fn with_capacity(words: usize) -> WordList {
        WordList {
            starts: Vec::with_capacity(words),
            lengths: Vec::with_capacity(words),
            apart_before_block: Vec::with_capacity(words.div_ceil(BLOCK)),
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
        let as_written = text.get(word.range.clone()) == Some(word.text.as_str());
        let length = match u8::try_from(word.range.len()) {
            Ok(length) if as_written && length != APART => length,
            _ => {
                self.apart_forms.push(&word.text).ok_or(TextTooLong)?;
                self.apart_ends.push(word.range.end as u32);
                APART
            }
        };
        if self.starts.len().is_multiple_of(BLOCK) {
            // Counted before this word, which may itself be kept apart.
            let before = self.apart_ends.len() - usize::from(length == APART);
            self.apart_before_block.push(before as u32);
        }
        self.starts.push(word.range.start as u32);
        self.lengths.push(length);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Give back spare room (the list is reserved at an estimate).
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.lengths.shrink_to_fit();
        self.apart_before_block.shrink_to_fit();
        self.apart_forms.shrink_to_fit();
        self.apart_ends.shrink_to_fit();
    }

    /// Word `i`'s place among the words kept apart; `i` is one of them.
    fn apart_index(&self, i: usize) -> usize {
        let block = i / BLOCK;
        let within = self.lengths[block * BLOCK..i]
            .iter()
            .filter(|&&length| length == APART)
            .count();
        self.apart_before_block[block] as usize + within
    }

    /// Word `i`'s range in the text.
    pub fn range(&self, i: usize) -> Range<usize> {
        let start = self.starts[i] as usize;
        let end = match self.lengths[i] {
            APART => self.apart_ends[self.apart_index(i)] as usize,
            length => start + usize::from(length),
        };
        start..end
    }

    /// Word `i`'s normalised form, read with `text`.
    fn text<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        match self.lengths[i] {
            APART => self.apart_forms.get(self.apart_index(i) as u32),
            length => {
                let start = self.starts[i] as usize;
                &text[start..start + usize::from(length)]
            }
        }
    }

    /// The first word (index) for which `before` (of its range) is false,
    /// all words before it making it true: `slice::partition_point`.
    pub fn partition_point(&self, before: impl FnMut(Range<usize>) -> bool) -> usize {
        self.view("").partition_point(before)
    }

    /// Spare room of the list of words, in words.
    pub fn spare(&self) -> usize {
        (self.starts.capacity() - self.starts.len())
            + (self.lengths.capacity() - self.lengths.len())
    }

    /// The words, read with `text`: the text their ranges are into.
    pub fn view<'a>(&'a self, text: &'a str) -> Words<'a> {
        Words {
            text,
            list: self,
            first: 0,
            len: self.len(),
        }
    }
}

/// A run of a `WordList`'s words, read with its text. Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    text: &'a str,
    list: &'a WordList,
    /// The run is the list's words `first..first + len`.
    first: usize,
    len: usize,
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
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Word `i` of the run as an index into the list; panics past the run,
    /// as indexing a slice does.
    fn in_list(&self, i: usize) -> usize {
        assert!(i < self.len, "word {i} of a run of {} words", self.len);
        self.first + i
    }

    /// Word `i`'s normalised form.
    pub fn text(&self, i: usize) -> &'a str {
        self.list.text(self.text, self.in_list(i))
    }

    /// Word `i`'s range in the text.
    pub fn range(&self, i: usize) -> Range<usize> {
        self.list.range(self.in_list(i))
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
        let (mut low, mut high) = (0, self.len);
        while low < high {
            let middle = low + (high - low) / 2;
            if before(self.range(middle)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
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
        assert!(
            range.start <= range.end && range.end <= self.len,
            "words {range:?} of a run of {} words",
            self.len
        );
        Words {
            first: self.first + range.start,
            len: range.len(),
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
        assert_eq!(list.apart_forms.joined(), "theplan's30000zelensky");
        let tail = view.slice(2..5);
        assert_eq!(tail.texts().collect::<Vec<_>>(), ["cost", "30000", "units"]);
        assert_eq!(tail.first().unwrap().range, found[2].range);
        assert_eq!(tail.last().unwrap().text, "units");
        assert_eq!(tail.get(3), None);
    }

    #[test]
    fn a_word_too_long_for_its_length_byte_is_kept_apart() {
        let long = "x".repeat(usize::from(APART) + 10);
        let text = format!("One {long} two {}", "y".repeat(usize::from(APART)));
        let found = words(&text);
        let list = WordList::of(&text, found.clone());
        let view = list.view(&text);
        for (i, word) in found.iter().enumerate() {
            assert_eq!(view.text(i), word.text);
            assert_eq!(view.range(i), word.range);
        }
        assert_eq!(list.apart_ends.len(), 3, "\"one\" and the two long words");
    }

    #[test]
    #[should_panic(expected = "word 3 of a run of 3 words")]
    fn reading_past_a_run_panics_as_a_slice_does() {
        leaked("one two three four").slice(0..3).text(3);
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

        /// Texts of several blocks of words, some kept apart.
        #[test]
        fn every_word_of_a_run_reads_back(
            text in "([a-z]{1,3}|[A-Z][a-z]{0,2}|[0-9],[0-9]{3}) ( ?([a-z]{1,3}|[A-Z][a-z]{0,2}|[0-9],[0-9]{3}) ){0,300}",
            cut in 0usize..400,
        ) {
            let found = words(&text);
            let list = WordList::of(&text, found.clone());
            let view = list.view(&text);
            let cut = cut.min(found.len());
            let tail = view.slice(cut..found.len());
            for (i, word) in found[cut..].iter().enumerate() {
                prop_assert_eq!(tail.text(i), word.text.as_str());
                prop_assert_eq!(tail.range(i), word.range.clone());
            }
            let starts: Vec<usize> = found.iter().map(|w| w.range.start).collect();
            for probe in [0, text.len() / 2, text.len()] {
                prop_assert_eq!(
                    view.partition_point(|range| range.start < probe),
                    starts.partition_point(|&start| start < probe)
                );
            }
        }
    }
}
