//! Quoted passages in an article body: straight and curly double quotes,
//! « » and „ “ marks, quotes that run over several paragraphs (each
//! paragraph reopens the quote and only the last one closes it), wire copy
//! whose paragraph breaks were lost (a quote reopened after a full stop
//! before it closed), and nested quotes. Unbalanced quotes are dropped,
//! except a closing mark in the shape of an attribution (`…record," he
//! said`), whose lost opening is taken to be the start of its sentence;
//! the scan is linear. Single marks quote only in headlines (`headline`).

use std::ops::Range;

use super::model::QuoteSpeaker;
use super::scan;
use super::vocabulary;

mod headline;

/// A quote of an article with its speaker, as attribution finds it;
/// person ids are the name table's.
pub(super) struct DraftQuote {
    pub span: QuoteSpan,
    pub speaker: QuoteSpeaker,
    pub cue: Option<String>,
    pub speaker_range: Option<Range<usize>>,
}

/// A quoted passage: its pieces of text (one per paragraph) without the
/// quote marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    pub segments: Vec<Range<usize>>,
    /// The opening mark of the first paragraph.
    pub open: usize,
    /// Just after the closing mark, or at the mark that reopened the quote
    /// when the paragraph break before it was lost.
    pub close_end: usize,
    /// Opened while the previous quote was still open: the same speaker
    /// going on after a lost paragraph break.
    pub continues_previous: bool,
}

/// The quote of `spans` (sorted and disjoint) that holds `offset`.
pub(super) fn quote_holding(spans: &[QuoteSpan], offset: usize) -> Option<&QuoteSpan> {
    let after = spans.partition_point(|s| s.open <= offset);
    (after.checked_sub(1).map(|i| &spans[i])).filter(|s| offset < s.close_end)
}

impl QuoteSpan {
    pub fn range(&self) -> Range<usize> {
        let start = self.segments.first().map_or(self.open, |s| s.start);
        let end = self.segments.last().map_or(self.open, |s| s.end);
        start..end
    }
}

/// Fewer words than this is a scare quote or a term, not a quotation.
pub const MIN_WORDS: usize = 3;
/// A quote open for longer than this within one paragraph is a stray mark.
const MAX_SEGMENT_BYTES: usize = 6_000;

/// A family of quote marks, named by its opening mark.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `"…"`
    Straight,
    /// `“…”`
    Curly,
    /// `„…“` (German, Czech) or `„…”` (Polish, Romanian).
    Low,
    /// `«…»`
    Guillemet,
    /// `»…«` (German, Danish).
    Reversed,
}

impl Style {
    fn opened_by(c: char) -> Option<Style> {
        match c {
            '"' => Some(Style::Straight),
            '“' => Some(Style::Curly),
            '„' => Some(Style::Low),
            '«' => Some(Style::Guillemet),
            '»' => Some(Style::Reversed),
            _ => None,
        }
    }

    /// Marks that also close quotes open only with a word right after.
    fn needs_a_word_after(self) -> bool {
        matches!(self, Style::Straight | Style::Reversed)
    }

    fn opens(self, c: char) -> bool {
        Style::opened_by(c) == Some(self)
    }

    fn closes(self, c: char) -> bool {
        match self {
            Style::Straight => c == '"',
            Style::Curly => c == '”',
            Style::Low => c == '“' || c == '”',
            Style::Guillemet => c == '»',
            Style::Reversed => c == '«',
        }
    }
}

struct Open {
    style: Style,
    mark: usize,
    content: usize,
    segments: Vec<Range<usize>>,
    depth: usize,
    continues_previous: bool,
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

fn word_count(text: &str, segments: &[Range<usize>]) -> usize {
    segments
        .iter()
        .map(|s| {
            text[s.clone()]
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        })
        .sum()
}

/// The quoted passages of `text[region]` with at least `MIN_WORDS` words.
pub fn find_quotes(text: &str, region: Range<usize>) -> Vec<QuoteSpan> {
    let mut quotes = Vec::new();
    let Some(slice) = text.get(region.clone()) else {
        return quotes;
    };
    let base = region.start;
    let mut open: Option<Open> = None;
    let mut after_last_quote = 0;
    let mut pos = 0;
    while pos < slice.len() {
        // Only quote marks and line breaks change anything: on to the next
        // byte that may start one ('"', '\n', '«', '»', '“', '”', '„').
        match (slice.as_bytes()[pos..].iter())
            .position(|&b| matches!(b, b'"' | b'\n' | 0xC2 | 0xE2))
        {
            Some(skip) => pos += skip,
            None => break,
        }
        let Some(c) = slice[pos..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        if let Some(current) = &open
            && pos - current.content > MAX_SEGMENT_BYTES
        {
            open = None;
        }
        if c == '"' && stands_for_an_apostrophe(slice, pos, width) {
            pos += width;
            continue;
        }
        if c == '\n' && open.is_some() {
            match paragraph_break(slice, pos, &mut open) {
                Some(content) => pos = content,
                None => pos += width,
            }
            continue;
        }
        match open.take() {
            None if closes_a_lost_opening(slice, pos, width, c) => {
                if let Some(start) = sentence_start(slice, after_last_quote, pos) {
                    finish(
                        text,
                        base,
                        new_open(Style::Straight, start, 0, false),
                        pos,
                        width,
                        &mut quotes,
                    );
                }
                after_last_quote = pos + width;
            }
            None => {
                open = Style::opened_by(c)
                    .filter(|&style| !style.needs_a_word_after() || word_after(slice, pos, width))
                    .map(|style| new_open(style, pos, width, false));
            }
            Some(mut o) => {
                if o.style.opens(c) && reopens(slice, &o, pos, width) {
                    // Wire copy that lost its paragraph break: the quote
                    // ends here and the same speaker goes on.
                    let style = o.style;
                    let end = (slice[..pos].trim_end().strip_suffix('-')).map_or(pos, str::len);
                    finish(text, base, o, end, 0, &mut quotes);
                    open = Some(new_open(style, pos, width, true));
                } else if o.style.closes(c) && o.depth == 0 {
                    finish(text, base, o, pos, width, &mut quotes);
                    after_last_quote = pos + width;
                } else {
                    if o.style.closes(c) {
                        o.depth -= 1;
                    } else if o.style.opens(c) && !o.style.needs_a_word_after() {
                        o.depth += 1;
                    }
                    open = Some(o);
                }
            }
        }
        pos += width;
    }
    let in_headlines = headline::headline_quotes(text, region, &quotes);
    if !in_headlines.is_empty() {
        quotes.extend(in_headlines);
        quotes.sort_by_key(|q| q.open);
    }
    quotes
}

/// Is the straight mark at `pos` an apostrophe that an encoding turned
/// into a quote mark (`don"t`, `I"ve`)? A mark between a letter and a
/// lower-case letter, with no space on either side, neither opens nor
/// closes a quotation.
fn stands_for_an_apostrophe(slice: &str, pos: usize, width: usize) -> bool {
    let letter_before = slice[..pos]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    if scan::past_lost_apostrophe(slice, pos).is_some() {
        return true;
    }
    let lower_after = slice[pos + width..]
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    letter_before && lower_after
}

/// Is the mark at `pos`, met with no quote open, the closing mark of a
/// quote whose opening mark the copy lost? Only in the shape of an
/// attribution: right after a comma, question or exclamation mark, and
/// followed by a lower-case word (`… a very fine record," he said`).
fn closes_a_lost_opening(slice: &str, pos: usize, width: usize, c: char) -> bool {
    if c != '"' && c != '”' {
        return false;
    }
    let ends_a_clause = slice[..pos].ends_with([',', '?', '!']);
    let mut after = slice[pos + width..].chars();
    let attribution_follows =
        after.next() == Some(' ') && after.next().is_some_and(char::is_lowercase);
    ends_a_clause && attribution_follows
}

/// Where the sentence that ends at `end` begins: after the last full stop,
/// question or exclamation mark and space, or line break, before it. `None`
/// when the quote that ended at `floor` is in the same sentence, which
/// leaves no place for a lost opening mark.
fn sentence_start(slice: &str, floor: usize, end: usize) -> Option<usize> {
    let before = &slice[floor..end];
    let boundary = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            c == '\n' || (matches!(c, '.' | '?' | '!') && before[i + 1..].starts_with(' '))
        })
        .map(|(i, c)| i + c.len_utf8());
    let start = match boundary {
        Some(boundary) => floor + boundary,
        None if floor == 0 => 0,
        None => return None,
    };
    Some(start + (slice[start..end].len() - slice[start..end].trim_start().len()))
}

/// Is a word right after the mark at `pos`?
fn word_after(slice: &str, pos: usize, width: usize) -> bool {
    slice[pos + width..]
        .chars()
        .next()
        .is_some_and(|n| !n.is_whitespace())
}

/// Does the opening mark at `pos`, met while `open` is still open and not
/// nested, start the next paragraph of the same quote? Only after a
/// finished sentence and a space, with a word right after the mark: `…
/// concerned. "In fact, …`. A nested quote follows no full stop: `“He told
/// me “go home” and left,”`.
fn reopens(slice: &str, open: &Open, pos: usize, width: usize) -> bool {
    if open.depth > 0 {
        return false;
    }
    let before = &slice[open.content..pos];
    let spaced = before.ends_with(char::is_whitespace);
    // "… customers.- "This is …": a scrape that joined paragraphs may
    // leave a hyphen after the stop.
    let ended = before
        .trim_end()
        .trim_end_matches(['-', ')', ']'])
        .ends_with(['.', '!', '?']);
    spaced && ended && word_after(slice, pos, width)
}

/// At the line break at `pos` inside a quote: where the quote goes on when
/// the next paragraph reopens it (and `open` takes the finished paragraph
/// as a segment), or `None` after dropping a quote whose paragraph ended
/// without closing it.
fn paragraph_break(slice: &str, pos: usize, open: &mut Option<Open>) -> Option<usize> {
    let (next_line, blank_between) = next_text_line(slice, pos + 1);
    let style = open.as_ref().map(|o| o.style);
    let reopens = style.and_then(|style| reopened_at(slice, next_line?, style));
    if let (Some(content), Some(o)) = (reopens, open.as_mut()) {
        o.segments.push(o.content..pos);
        o.content = content;
        return Some(content);
    }
    if blank_between || next_line.is_none() {
        *open = None;
    }
    None
}

fn new_open(style: Style, mark: usize, width: usize, continues_previous: bool) -> Open {
    Open {
        style,
        mark,
        content: mark + width,
        segments: Vec::new(),
        depth: 0,
        continues_previous,
    }
}

fn finish(
    text: &str,
    base: usize,
    mut o: Open,
    pos: usize,
    width: usize,
    out: &mut Vec<QuoteSpan>,
) {
    o.segments.push(o.content..pos);
    let segments: Vec<Range<usize>> = o
        .segments
        .into_iter()
        .map(|s| trim_range(text, base + s.start..base + s.end))
        .filter(|s| !s.is_empty())
        .collect();
    if word_count(text, &segments) >= MIN_WORDS {
        out.push(QuoteSpan {
            segments,
            open: base + o.mark,
            close_end: base + pos + width,
            continues_previous: o.continues_previous,
        });
    }
}

/// Where a quote of `style` goes on when the line at `line_start` opens
/// with its mark again: just after that mark. French copy may reopen a
/// « » quote with ».
fn reopened_at(slice: &str, line_start: usize, style: Style) -> Option<usize> {
    let line = &slice[line_start..];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let mark = line[indent..].chars().next()?;
    let same = style.opens(mark) || (style == Style::Guillemet && mark == '»');
    same.then_some(line_start + indent + mark.len_utf8())
}

/// The start of the next line holding text after `from`, and whether a
/// blank line comes first.
fn next_text_line(slice: &str, from: usize) -> (Option<usize>, bool) {
    let mut start = from;
    let mut blank = false;
    while start < slice.len() {
        let end = slice[start..].find('\n').map_or(slice.len(), |i| start + i);
        if slice[start..end].trim().is_empty() {
            blank = true;
            start = end + 1;
            continue;
        }
        return (Some(start), blank);
    }
    (None, blank)
}

/// Does `text` end a sentence: `… public.`, `… now?`?
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches([')', ']', '"', '”', '’', '\''])
        .ends_with(['.', '!', '?'])
}

/// Does `rest` end its sentence within a few words that bring in no
/// report of their own (`told reporters.`, `said on Monday.`; not `said the
/// plan was …` or `said he would …`)?
pub(super) fn ends_sentence_soon(rest: &str) -> bool {
    let words = words_to_sentence_end(rest);
    words.len() <= 4 && !words.iter().any(|w| is_clause_word(w))
}

/// How many words may say whom a quote was told to, and where and when,
/// before the sentence ends (`told around 600 delegates at a party
/// meeting in Berlin.`).
const LISTENER_AND_OCCASION_WORDS: usize = 12;

/// Does `rest` end its sentence with no more than whom and where or when
/// something was said: no clause opens (`that`, a pronoun, an auxiliary,
/// a past form) before the stop, or before a conjunction of time that
/// only dates the telling (`told around 600 delegates … shortly before
/// he was chosen`)?
pub(super) fn ends_without_a_report(rest: &str) -> bool {
    let mut words = words_to_sentence_end(rest);
    if let Some(at) = words.iter().position(|w| {
        matches!(
            w.to_lowercase().trim_matches(','),
            "before" | "after" | "when" | "while" | "as" | "since" | "until"
        )
    }) {
        words.truncate(at);
    }
    words.len() <= LISTENER_AND_OCCASION_WORDS
        && !words.iter().any(|w| {
            let word = w.to_lowercase();
            let word = word.trim_matches(',');
            is_clause_word(word) || vocabulary::is_auxiliary_verb(word) || word.ends_with("ed")
        })
}

fn words_to_sentence_end(rest: &str) -> Vec<&str> {
    let sentence = rest
        .split(['.', '!', '?', '\n', ':', ';'])
        .next()
        .unwrap_or(rest);
    sentence.split_whitespace().collect()
}

fn is_clause_word(word: &str) -> bool {
    matches!(
        word.to_lowercase().trim_matches(','),
        "that" | "he" | "she" | "it" | "they" | "we" | "i" | "to"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        find_quotes(text, 0..text.len())
            .iter()
            .map(|q| {
                q.segments
                    .iter()
                    .map(|s| &text[s.clone()])
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            quoted("\"We need a plan now,\" he said. “You are gambling with lives,” Trump said."),
            ["We need a plan now,", "You are gambling with lives,"]
        );
    }

    #[test]
    fn a_mark_inside_a_word_is_an_apostrophe() {
        let text = "Russia won\"t be drawn into it, she said. \"We won\"t be drawn into the arms race,\" she said. I\"ve seen \"no sign of it at all\" here.";
        assert_eq!(
            quoted(text),
            [
                "We won\"t be drawn into the arms race,",
                "no sign of it at all"
            ]
        );
    }

    #[test]
    fn scare_quotes_are_skipped() {
        assert!(quoted("a U.S. \"backstop\" and a \"waste time\"").is_empty());
    }

    #[test]
    fn multi_paragraph() {
        let text = "“There were patients everywhere.\n\n“By four you stop counting,” she said.";
        assert_eq!(
            quoted(text),
            ["There were patients everywhere. | By four you stop counting,"]
        );
    }

    #[test]
    fn unbalanced_quotes_are_dropped() {
        let text = "He said \"this never closes.\n\nThen \"a real quote here\" follows.";
        assert_eq!(quoted(text), ["a real quote here"]);
        assert!(quoted("“open and never closed").is_empty());
        assert!(quoted("closed” without opening").is_empty());
    }

    #[test]
    fn a_lost_opening_mark_before_an_attribution() {
        let text = "He rejected that. Australia has a very fine record,\" he said. \"We are a generous donor.\"";
        assert_eq!(
            quoted(text),
            [
                "Australia has a very fine record,",
                "We are a generous donor."
            ]
        );
        let after_a_quote = "\"We will stay,\" he said, and it was all true,\" she added.";
        assert_eq!(quoted(after_a_quote), ["We will stay,"]);
        assert!(quoted("It ended. Then a stray mark,\" And more.").is_empty());
    }

    #[test]
    fn lost_paragraph_break_splits_the_quote() {
        let text = "\"The falls were isolated,\" she said. \"In some places not at all. \"In fact, they hampered the firefighters.\" Then more.";
        let spans = find_quotes(text, 0..text.len());
        assert_eq!(
            quoted(text),
            [
                "The falls were isolated,",
                "In some places not at all.",
                "In fact, they hampered the firefighters."
            ]
        );
        let continued: Vec<bool> = spans.iter().map(|s| s.continues_previous).collect();
        assert_eq!(continued, [false, false, true]);
    }

    #[test]
    fn curly_quote_reopened_after_a_full_stop() {
        let text = "“We will rebuild the town. “It will take years,” the mayor said.";
        assert_eq!(
            quoted(text),
            ["We will rebuild the town.", "It will take years,"]
        );
    }

    #[test]
    fn quote_reopened_after_a_stop_and_a_hyphen() {
        let text = "\"Brands see our platform as a pillar for growth.- \"This is a really important investment for us.\" Elsewhere, a laundry opened.";
        assert_eq!(
            quoted(text),
            [
                "Brands see our platform as a pillar for growth.",
                "This is a really important investment for us."
            ]
        );
    }

    #[test]
    fn guillemets_with_inner_quotes() {
        let text = "« Nous avons dit “non” à ce plan », a déclaré le ministre.";
        assert_eq!(quoted(text), ["Nous avons dit “non” à ce plan"]);
        let text = "»Wir schaffen das nicht allein«, sagte sie. «Das ist klar und deutlich»";
        assert_eq!(
            quoted(text),
            ["Wir schaffen das nicht allein", "Das ist klar und deutlich"]
        );
    }

    #[test]
    fn low_opening_marks() {
        let text = "„Wir werden das Werk schließen“, sagte er. „Nie wieder so etwas”, schrieb sie.";
        assert_eq!(
            quoted(text),
            ["Wir werden das Werk schließen", "Nie wieder so etwas"]
        );
    }

    #[test]
    fn guillemet_quote_over_two_paragraphs() {
        let text = "« Le premier point est réglé.\n\n» Le second attend encore », dit-il.";
        assert_eq!(
            quoted(text),
            ["Le premier point est réglé. | Le second attend encore"]
        );
    }

    #[test]
    fn nested_curly_quotes_stay_inside() {
        let text = "“He told me “go home now” and left,” she said.";
        assert_eq!(quoted(text), ["He told me “go home now” and left,"]);
    }
}
