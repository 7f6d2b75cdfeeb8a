//! Where a diagnostic about an article points: a byte range of its text, and
//! for findings about the article as a whole (no date, no source, a copy of
//! another) a short anchor at its metadata or first words.

use std::ops::Range;

use super::{Article, MetadataForm};
use crate::diagnostic::Location;

/// `range` of `article`'s text as a diagnostic location.
pub fn location(article: &Article, range: Range<usize>) -> Location {
    Location {
        path: article.path.clone(),
        range,
    }
}

/// Most characters of a first line an anchor underlines: a scraped file
/// whose first line is a whole paragraph should not be underlined whole.
const FIRST_WORDS: usize = 40;

/// Where diagnostics about the article as a whole point: its metadata when it
/// has some, else the start of its first line.
pub fn anchor(article: &Article) -> Range<usize> {
    let meta = &article.metadata;
    match meta.form {
        MetadataForm::Inline => {
            if let Some(date) = meta.field("date") {
                return date.key_range.start..date.value_range.end;
            }
        }
        MetadataForm::FrontMatter => return 0..article.text.find(['\r', '\n']).unwrap_or(3).min(3),
        MetadataForm::HeaderBlock => {
            if let (Some(first), Some(last)) = (meta.fields.first(), meta.fields.last()) {
                return first.line_range.start..last.line_range.end;
            }
        }
        MetadataForm::None => {}
    }
    first_words(&article.text)
}

/// The first words of the first line holding text: scraped files often begin
/// with blank lines.
fn first_words(text: &str) -> Range<usize> {
    let first_text = text.len() - text.trim_start().len();
    let line_start = text[..first_text].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    let line_end = rest.find(['\r', '\n']).unwrap_or(rest.len());
    let line = &rest[..line_end];
    let start = line.len() - line.trim_start().len();
    let mut end = line.trim_end().len().max(start);
    if line[start..end].chars().count() > FIRST_WORDS {
        end = line[start..]
            .char_indices()
            .take_while(|(i, _)| *i <= FIRST_WORDS)
            .filter(|(_, c)| c.is_whitespace())
            .last()
            .map_or(
                start
                    + line[start..]
                        .chars()
                        .take(FIRST_WORDS)
                        .map(char::len_utf8)
                        .sum::<usize>(),
                |(i, _)| start + i,
            );
    }
    line_start + start..line_start + end
}
