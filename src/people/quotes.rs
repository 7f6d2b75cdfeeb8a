//! Quoted passages in an article body: straight and curly double quotes,
//! quotes that run over several paragraphs (each paragraph reopens the quote
//! and only the last one closes it), nested quotes inside curly ones.
//! Unbalanced quotes are dropped, never guessed at; the scan is linear.

use std::ops::Range;

/// A quoted passage: its pieces of text (one per paragraph) without the
/// quote marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    pub segments: Vec<Range<usize>>,
    /// The opening mark of the first paragraph.
    pub open: usize,
    /// Just after the closing mark.
    pub close_end: usize,
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Straight,
    Curly,
}

struct Open {
    style: Style,
    mark: usize,
    content: usize,
    segments: Vec<Range<usize>>,
    depth: usize,
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
    let mut pos = 0;
    while pos < slice.len() {
        let Some(c) = slice[pos..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        if let Some(current) = &open
            && pos - current.content > MAX_SEGMENT_BYTES
        {
            open = None;
        }
        match c {
            '“' => match &mut open {
                None => open = Some(new_open(Style::Curly, pos, width)),
                Some(o) if o.style == Style::Curly => o.depth += 1,
                Some(_) => {}
            },
            '”' => {
                if let Some(o) = &mut open
                    && o.style == Style::Curly
                {
                    if o.depth > 0 {
                        o.depth -= 1;
                    } else if let Some(o) = open.take() {
                        finish(text, base, o, pos, width, &mut quotes);
                    }
                }
            }
            '"' => match &open {
                None => {
                    let next = slice[pos + width..].chars().next();
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        open = Some(new_open(Style::Straight, pos, width));
                    }
                }
                Some(o) if o.style == Style::Straight => {
                    if let Some(o) = open.take() {
                        finish(text, base, o, pos, width, &mut quotes);
                    }
                }
                Some(_) => {}
            },
            '\n' if open.is_some() => {
                let (next_line, blank_between) = next_text_line(slice, pos + 1);
                let style = open.as_ref().map(|o| o.style);
                let reopens = style.and_then(|style| reopened_at(slice, next_line?, style));
                if let (Some(content), Some(o)) = (reopens, open.as_mut()) {
                    // The quote goes on in the next paragraph.
                    o.segments.push(o.content..pos);
                    o.content = content;
                    pos = content;
                    continue;
                }
                if blank_between || next_line.is_none() {
                    // A paragraph ended inside a quote that never closed.
                    open = None;
                }
            }
            _ => {}
        }
        pos += width;
    }
    quotes
}

fn new_open(style: Style, mark: usize, width: usize) -> Open {
    Open {
        style,
        mark,
        content: mark + width,
        segments: Vec::new(),
        depth: 0,
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
        });
    }
}

/// Where a quote of `style` goes on when the line at `line_start` opens
/// with its mark again: just after that mark.
fn reopened_at(slice: &str, line_start: usize, style: Style) -> Option<usize> {
    let line = &slice[line_start..];
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let mark = line[indent..].chars().next()?;
    let same = match style {
        Style::Curly => mark == '“',
        Style::Straight => mark == '"',
    };
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
    fn nested_curly_quotes_stay_inside() {
        let text = "“He told me “go home now” and left,” she said.";
        assert_eq!(quoted(text), ["He told me “go home now” and left,"]);
    }
}
