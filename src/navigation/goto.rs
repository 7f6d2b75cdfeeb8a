//! Go to definition and find references for citations, quotes and people.

use std::path::Path;

use super::{
    ArticleSpot, FileSpot, OpenText, citation_target, citations_of, first_mention, person_at,
    person_mentions, quote_at, quote_match,
};
use crate::analysis::Analysis;
use crate::claims::{self, QuoteStatus};
use crate::note::Note;

/// Where the thing at `offset` comes from. A citation goes to the passage
/// that supports its claim; a quote to where the source says it; a person
/// to their first mention in the corpus.
pub fn definition(analysis: &Analysis, path: &Path, text: &str, offset: usize) -> Option<FileSpot> {
    // Asked only when nothing else is under the cursor: it scans a note's
    // whole text for names.
    let person_definition = || {
        let (id, _) = person_at(analysis, path, text, offset)?;
        first_mention(analysis, id)
    };
    if analysis.corpus.by_path(path).is_some() {
        return person_definition();
    }
    let note = Note::parse(text);
    let spot = if let Some(citation) = note.citation_at(offset) {
        citation_target(analysis, path, &note, citation)
    } else if let Some(index) = quote_at(&note, offset) {
        let found = quote_match(analysis, path, &note, index);
        match (found.status, found.article, found.source_range) {
            (
                QuoteStatus::Found | QuoteStatus::WrongSource | QuoteStatus::Misquote { .. },
                Some(article),
                Some(range),
            ) => Some(ArticleSpot { article, range }),
            _ => None,
        }
    } else {
        return person_definition();
    };
    spot.map(|spot| {
        let article = analysis.corpus.article(spot.article);
        (article.path.clone(), spot.range)
    })
}

/// On a person: every mention in the corpus and the notes. On a citation,
/// or anywhere else in an article: every citation of that article across
/// the workspace's notes. `None` where there is nothing to look for.
pub fn references(
    analysis: &Analysis,
    path: &Path,
    text: &str,
    offset: usize,
    open: &OpenText<'_>,
) -> Option<Vec<FileSpot>> {
    let note = Note::parse(text);
    let citation = note.citation_at(offset);
    if citation.is_none()
        && let Some((person, _)) = person_at(analysis, path, text, offset)
    {
        return Some(person_mentions(analysis, person, open));
    }
    let article = match analysis.corpus.position_of_path(path) {
        Some(article) => Some(article),
        None => citation.and_then(|c| claims::resolve_citation(path, c, &analysis.corpus)),
    }?;
    Some(citations_of(analysis, article, open))
}
