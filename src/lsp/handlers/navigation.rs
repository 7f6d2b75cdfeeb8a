//! Go to definition, find references and inlay hints for citations, quotes
//! and people.

use std::path::Path;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::claims::{self, QuoteStatus};
use crate::lsp::convert::{self, LineMap};
use crate::lsp::server::{Target, invalid_params};
use crate::navigation;
use crate::note::Note;

fn offset_of(target: &Target, position: Position, method: &str) -> Result<usize> {
    let map = LineMap::new(&target.text, target.snapshot.encoding);
    if position.line as usize >= map.line_count() {
        return Err(invalid_params(format!(
            "{method}: position past the end of the document"
        )));
    }
    Ok(map.offset(position))
}

fn location(target: &Target, path: &Path, range: &std::ops::Range<usize>) -> Option<Location> {
    let text = target.snapshot.text(path)?;
    let map = LineMap::new(&text, target.snapshot.encoding);
    Some(Location::new(convert::path_to_uri(path)?, map.range(range)))
}

/// A citation goes to the passage that supports its claim; a quote to where
/// the source says it.
pub fn definition(target: &Target, position: Position) -> Result<Option<GotoDefinitionResponse>> {
    let offset = offset_of(target, position, "definition")?;
    let analysis = &target.analysis;
    // Asked only when nothing else is under the cursor: it scans a note's
    // whole text for names.
    let person_definition = || {
        let (id, _) = navigation::person_at(analysis, &target.path, &target.text, offset)?;
        let (path, range) = navigation::first_mention(analysis, id)?;
        location(target, &path, &range).map(GotoDefinitionResponse::Scalar)
    };
    if target.analysis.corpus.by_path(&target.path).is_some() {
        return Ok(person_definition());
    }
    let note = Note::parse(&target.text);
    let spot = if let Some(citation) = note.citation_at(offset) {
        navigation::citation_target(analysis, &target.path, &note, citation)
    } else if let Some(index) = note
        .quotes
        .iter()
        .position(|q| q.range.start <= offset && offset <= q.range.end)
    {
        let found = navigation::quote_match(analysis, &target.path, &note, index);
        match (found.status, found.article, found.source_range) {
            (
                QuoteStatus::Found | QuoteStatus::WrongSource | QuoteStatus::Misquote { .. },
                Some(article),
                Some(range),
            ) => Some(navigation::ArticleSpot { article, range }),
            _ => None,
        }
    } else {
        return Ok(person_definition());
    };
    Ok(spot.and_then(|spot| {
        let article = analysis.corpus.article(spot.article);
        location(target, &article.path, &spot.range).map(GotoDefinitionResponse::Scalar)
    }))
}

/// On a person: every mention in the corpus and the notes. On a citation, or
/// anywhere else in an article: every citation of that article across the
/// workspace's notes.
pub fn references(target: &Target, position: Position) -> Result<Option<Vec<Location>>> {
    let offset = offset_of(target, position, "references")?;
    let analysis = &target.analysis;
    let open = |p: &Path| {
        target
            .snapshot
            .documents
            .get(p)
            .map(|(text, _)| text.to_string())
    };
    let note = Note::parse(&target.text);
    let citation = note.citation_at(offset);
    if citation.is_none()
        && let Some((person, _)) =
            navigation::person_at(analysis, &target.path, &target.text, offset)
    {
        let found = navigation::person_mentions(analysis, person, &open);
        return Ok(Some(
            found
                .iter()
                .filter_map(|(path, range)| location(target, path, range))
                .collect(),
        ));
    }
    let article = match analysis.corpus.position_of_path(&target.path) {
        Some(article) => Some(article),
        None => citation.and_then(|c| claims::resolve_citation(&target.path, c, &analysis.corpus)),
    };
    let Some(article) = article else {
        return Ok(None);
    };
    let found = navigation::citations_of(analysis, article, &open);
    Ok(Some(
        found
            .iter()
            .filter_map(|(path, range)| location(target, path, range))
            .collect(),
    ))
}

/// After each resolved citation: the article's date and outlet.
pub fn inlay_hints(target: &Target, range: Range) -> Result<Option<Vec<InlayHint>>> {
    if target.analysis.corpus.by_path(&target.path).is_some() {
        return Ok(None);
    }
    let map = LineMap::new(&target.text, target.snapshot.encoding);
    let wanted = map.byte_range_of(range);
    let note = Note::parse(&target.text);
    let corpus = &target.analysis.corpus;
    let mut hints = Vec::new();
    for citation in &note.citations {
        if citation.range.end < wanted.start || citation.range.start > wanted.end {
            continue;
        }
        let Some(article) = claims::resolve_citation(&target.path, citation, corpus) else {
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
        hints.push(InlayHint {
            position: map.position(citation.key_range.end),
            label: InlayHintLabel::String(parts.join(" · ")),
            kind: None,
            text_edits: None,
            tooltip: article
                .title()
                .map(|t| InlayHintTooltip::String(t.to_string())),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Ok(Some(hints))
}
