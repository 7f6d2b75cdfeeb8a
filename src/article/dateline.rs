//! An article's dateline: the full date wire copy and news pages give for
//! the story itself, near its top. `missing-date` offers it as the date,
//! `date-conflict` compares it with the metadata, and hovers show it.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::Article;
use crate::dates;

/// A dateline: where it is in the article's text and the day it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub range: Range<usize>,
    pub date: Date,
}

/// How far into the body a dateline may be: past the first paragraphs a
/// date is an event of the story.
const HEAD: usize = 600;

static DATELINE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\A\s*(?:
            [A-Z][\w.'’\ -]{0,40},\s*
          | (?i:published|posted|updated|dated|last\ updated)(?:\s+on)?:?\s*
        )\z",
    )
    .expect("valid regex")
});

/// A full date that the body gives as its own dateline: inside the wire
/// credit parentheses near the top (`(APP - … - 27th Feb, 2025)`), after a
/// place (`LONDON, 27 February 2025 -`), after "Published", or alone on a line.
/// Dates in the running text are events, not datelines, and are left alone.
pub fn find_dateline(article: &Article) -> Option<Dateline> {
    let body = article.body_text();
    let head_end = body.floor_char_boundary(HEAD);
    let head = &body[..head_end];
    for mention in dates::find_dates(head) {
        let Some(date) = mention.year.and_then(|_| mention.resolve(None)) else {
            continue;
        };
        let line_start = head[..mention.range.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = head[mention.range.end..]
            .find('\n')
            .map_or(head.len(), |i| mention.range.end + i);
        let before = &head[line_start..mention.range.start];
        let after = &head[mention.range.end..line_end];
        let in_parentheses = before
            .rfind('(')
            .is_some_and(|open| !before[open..].contains(')') && after.contains(')'));
        let alone = before.trim().is_empty() && after.trim().is_empty();
        if in_parentheses || alone || DATELINE_PREFIX.is_match(before) {
            let offset = article.body.start;
            return Some(Dateline {
                range: offset + mention.range.start..offset + mention.range.end,
                date,
            });
        }
    }
    None
}
