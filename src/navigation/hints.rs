//! Inlay hints: after each resolved citation of a note, the cited article's
//! date and outlet.

use std::ops::Range;
use std::path::Path;

use crate::analysis::Analysis;
use crate::claims;
use crate::note::Note;

/// A short label shown in the text, with a longer tooltip (both plain text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationHint {
    /// Where the label goes: the end of the citation key.
    pub offset: usize,
    pub label: String,
    pub tooltip: Option<String>,
}

/// The hints for the citations of a note that touch `wanted`; `None` for
/// an article, which cites nothing.
pub fn citation_hints(
    analysis: &Analysis,
    path: &Path,
    text: &str,
    wanted: Range<usize>,
) -> Option<Vec<CitationHint>> {
    if analysis.corpus.by_path(path).is_some() {
        return None;
    }
    let note = Note::parse(text);
    let corpus = &analysis.corpus;
    let mut hints = Vec::new();
    for citation in &note.citations {
        if citation.range.end < wanted.start || citation.range.start > wanted.end {
            continue;
        }
        let Some(article) = claims::resolve_citation(path, citation, corpus) else {
            continue;
        };
        let article = corpus.article(article);
        let parts: Vec<String> = [
            article.date().map(|d| d.to_string()),
            article.source().map(str::to_string),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            continue;
        }
        hints.push(CitationHint {
            offset: citation.key_range.end,
            label: parts.join(" · "),
            tooltip: article.title().map(str::to_string),
        });
    }
    Some(hints)
}
