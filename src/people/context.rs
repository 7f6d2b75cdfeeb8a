//! What the passes of a build know about one article: the parts of it
//! that name people, and, while names are resolved and quotes attributed,
//! its text and scan and the people it names so far.

use std::ops::Range;

use super::model::{MentionKind, PersonId};
use super::scan::{Region, Scan};
use crate::article::Article;

/// Everything the second pass knows about one article.
pub(super) struct ArticleContext<'a> {
    pub text: &'a str,
    pub scan: Scan<'a>,
    pub body: Range<usize>,
}

/// A person named or described in an article; person ids are the name
/// table's.
#[derive(Debug, Clone)]
pub(super) struct FoundMention {
    pub person: PersonId,
    pub range: Range<usize>,
    pub kind: MentionKind,
}

/// The parts of an article that name people: its title, its author and
/// its body.
pub(super) fn regions_of(article: &Article) -> Vec<(Region, Range<usize>)> {
    let mut regions = Vec::new();
    if let Some(title) = article.field("title") {
        regions.push((Region::Title, title.value_range.clone()));
    }
    if let Some(author) = article.field("author") {
        regions.push((Region::Author, author.value_range.clone()));
    }
    regions.push((Region::Body, article.body.clone()));
    regions.retain(|(_, r)| r.start <= r.end && article.text.get(r.clone()).is_some());
    regions
}
