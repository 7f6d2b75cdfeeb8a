//! Quotes in a headline. Headlines quote with single marks (`Spicer: 'We
//! did our job'`, `‘Read my lips’`), which running text uses as often for
//! apostrophes and for quotes inside quotes; so single marks are read as
//! quotes only on a Markdown heading line, and only where a mark can open
//! or close a quote: an opening mark after a space or the line's start
//! with a word right after it, a closing mark after a word and before a
//! space, a punctuation mark or the line's end. A mark between two letters
//! (`Trump's`) is an apostrophe.

use std::ops::Range;

use super::{MIN_WORDS, QuoteSpan, word_count};

/// The single-quoted passages of the heading lines of `text[region]` with
/// at least `MIN_WORDS` words, on lines that hold none of `found` (the
/// double-quoted passages, whose inner single marks are nested quotes).
pub(super) fn headline_quotes(
    text: &str,
    region: Range<usize>,
    found: &[QuoteSpan],
) -> Vec<QuoteSpan> {
    let mut quotes = Vec::new();
    let Some(slice) = text.get(region.clone()) else {
        return quotes;
    };
    let mut line_start = region.start;
    for line in slice.split_inclusive('\n') {
        let line_range = line_start..line_start + line.trim_end().len();
        line_start += line.len();
        if !line.starts_with('#') {
            continue;
        }
        let holds_a_quote = found
            .iter()
            .any(|q| q.open < line_range.end && line_range.start < q.close_end);
        if !holds_a_quote {
            quotes.extend(single_quoted(text, line_range));
        }
    }
    quotes
}

fn opens_single(c: char) -> bool {
    matches!(c, '\'' | '‘')
}

fn closes_single(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The single-quoted passages of one line, `text[line]`.
fn single_quoted(text: &str, line: Range<usize>) -> Vec<QuoteSpan> {
    let mut quotes = Vec::new();
    let chars: Vec<(usize, char)> = text[line.clone()]
        .char_indices()
        .map(|(i, c)| (line.start + i, c))
        .collect();
    let mut open: Option<usize> = None;
    for (k, &(at, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|p| chars[p].1);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        match open {
            Some(mark) if closes_single(c) && can_close(before, after) => {
                let content = mark + text[mark..].chars().next().map_or(1, char::len_utf8);
                let segments: Vec<Range<usize>> = std::iter::once(content..at).collect();
                if word_count(text, &segments) >= MIN_WORDS {
                    quotes.push(QuoteSpan {
                        segments,
                        open: mark,
                        close_end: at + c.len_utf8(),
                        continues_previous: false,
                    });
                }
                open = None;
            }
            None if opens_single(c) && can_open(before, after) => open = Some(at),
            _ => {}
        }
    }
    quotes
}

/// An opening mark follows the line's start, a space or an opening
/// bracket or dash, and comes right before a word.
fn can_open(before: Option<char>, after: Option<char>) -> bool {
    let placed = before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '-' | '—'));
    placed && after.is_some_and(char::is_alphanumeric)
}

/// A closing mark follows a word or its punctuation and comes before the
/// line's end, a space or a punctuation mark.
fn can_close(before: Option<char>, after: Option<char>) -> bool {
    let placed = before.is_some_and(|b| !b.is_whitespace());
    let ends = after.is_none_or(|a| {
        a.is_whitespace() || matches!(a, ',' | '.' | ':' | ';' | '!' | '?' | ')' | '-' | '—')
    });
    placed && ends
}

#[cfg(test)]
mod tests {
    use super::super::find_quotes;

    fn quoted(text: &str) -> Vec<&str> {
        find_quotes(text, 0..text.len())
            .into_iter()
            .map(|q| &text[q.range()])
            .collect()
    }

    #[test]
    fn single_marks_quote_in_a_headline() {
        assert_eq!(
            quoted("# Spicer: 'We did our job' by arranging pushback\n\nBody text."),
            ["We did our job"]
        );
        assert_eq!(
            quoted("# ‘Read my lips: no!’ Putin chooses a successor\n"),
            ["Read my lips: no!"]
        );
    }

    #[test]
    fn apostrophes_and_scare_quotes_are_no_headline_quote() {
        assert!(quoted("# Fact-checking Trump's tweets: Germany's 'debt'\n").is_empty());
        assert!(quoted("# Trump's aides can't say whether it's true\n").is_empty());
        assert_eq!(
            quoted("# Trump's tweets: Does Germany owe NATO 'vast sums of money'?\n"),
            ["vast sums of money"]
        );
    }

    #[test]
    fn single_marks_in_running_text_stay_apostrophes() {
        assert!(quoted("He said 'we will go home now' and left.").is_empty());
    }

    #[test]
    fn a_headline_with_a_double_quote_keeps_its_inner_marks_nested() {
        assert_eq!(
            quoted("# \"He told me 'go home now' and left,\" she says\n"),
            ["He told me 'go home now' and left,"]
        );
    }
}
