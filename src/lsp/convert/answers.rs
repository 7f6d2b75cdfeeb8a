//! The engine's answers to requests (`navigation`) as the protocol has them.

use std::ops::Range;
use std::path::Path;

use tower_lsp_server::ls_types as lsp;

use super::diagnostics::{FixData, workspace_edit};
use super::{Encoding, LineMap, path_to_uri};
use crate::navigation::{
    CitationCandidate, CitationHint, Completion, HoverText, IgnoreComment, OutlineItem,
    OutlineKind, PersonCandidate, SymbolKind, WorkspaceSymbol,
};

/// A byte range of a file whose text is `text`.
pub fn location(
    path: &Path,
    range: &Range<usize>,
    text: &str,
    encoding: Encoding,
) -> Option<lsp::Location> {
    let map = LineMap::new(text, encoding);
    Some(lsp::Location::new(path_to_uri(path)?, map.range(range)))
}

pub fn hover(hover: &HoverText, map: &LineMap<'_>) -> lsp::Hover {
    lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: hover.markdown.clone(),
        }),
        range: Some(map.range(&hover.range)),
    }
}

fn outline_kind(kind: OutlineKind) -> lsp::SymbolKind {
    match kind {
        OutlineKind::Group => lsp::SymbolKind::NAMESPACE,
        OutlineKind::Field => lsp::SymbolKind::PROPERTY,
        OutlineKind::Quote | OutlineKind::Heading => lsp::SymbolKind::STRING,
        OutlineKind::Person => lsp::SymbolKind::CONSTANT,
        OutlineKind::Claim => lsp::SymbolKind::OBJECT,
    }
}

/// An outline as nested document symbols.
#[allow(deprecated)] // `deprecated` is a field the protocol still requires
pub fn document_symbols(items: &[OutlineItem], map: &LineMap<'_>) -> Vec<lsp::DocumentSymbol> {
    items
        .iter()
        .map(|item| {
            let children = document_symbols(&item.children, map);
            lsp::DocumentSymbol {
                name: item.name.clone(),
                detail: item.detail.clone(),
                kind: outline_kind(item.kind),
                tags: None,
                deprecated: None,
                range: map.range(&item.range),
                selection_range: map.range(&item.selection),
                children: (!children.is_empty()).then_some(children),
            }
        })
        .collect()
}

#[allow(deprecated)] // `deprecated` is a field the protocol still requires
pub fn workspace_symbol(
    symbol: &WorkspaceSymbol<'_>,
    encoding: Encoding,
) -> Option<lsp::SymbolInformation> {
    let kind = match symbol.kind {
        SymbolKind::Person => lsp::SymbolKind::CONSTANT,
        SymbolKind::Article => lsp::SymbolKind::FILE,
    };
    Some(lsp::SymbolInformation {
        name: symbol.name.clone(),
        kind,
        tags: None,
        deprecated: None,
        location: location(&symbol.path, &symbol.range, symbol.text, encoding)?,
        container_name: symbol.container.clone(),
    })
}

pub fn inlay_hint(hint: &CitationHint, map: &LineMap<'_>) -> lsp::InlayHint {
    lsp::InlayHint {
        position: map.position(hint.offset),
        label: lsp::InlayHintLabel::String(hint.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: hint.tooltip.clone().map(lsp::InlayHintTooltip::String),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn completion(completion: &Completion, map: &LineMap<'_>) -> lsp::CompletionResponse {
    let (items, is_incomplete) = match completion {
        Completion::Citations {
            range,
            candidates,
            is_incomplete,
        } => {
            let range = map.range(range);
            let items = candidates.iter().map(|c| citation_item(c, range)).collect();
            (items, *is_incomplete)
        }
        Completion::People { range, candidates } => {
            let range = map.range(range);
            let items = candidates.iter().map(|c| person_item(c, range)).collect();
            (items, false)
        }
    };
    lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete,
        items,
    })
}

fn citation_item(candidate: &CitationCandidate, range: lsp::Range) -> lsp::CompletionItem {
    let date = candidate.date.map(|d| d.to_string());
    let detail: Vec<&str> = [date.as_deref(), candidate.source.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    lsp::CompletionItem {
        label: candidate.key.clone(),
        kind: Some(lsp::CompletionItemKind::REFERENCE),
        detail: Some(detail.join(" · ")),
        documentation: Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: candidate.documentation(),
        })),
        filter_text: Some(format!("{} {}", candidate.key, candidate.title)),
        sort_text: Some(format!(
            "{}{}",
            date.as_deref().unwrap_or("0000"),
            candidate.key
        )),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            range,
            candidate.key.clone(),
        ))),
        ..Default::default()
    }
}

fn person_item(candidate: &PersonCandidate, range: lsp::Range) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: candidate.name.clone(),
        kind: Some(lsp::CompletionItemKind::CONSTANT),
        detail: candidate.role.clone(),
        documentation: Some(lsp::Documentation::String(candidate.summary.clone())),
        filter_text: Some(candidate.names.join(" ")),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            range,
            candidate.name.clone(),
        ))),
        ..Default::default()
    }
}

/// A diagnostic's own fix, as the preferred quick fix.
pub fn quick_fix(fix: &FixData, diagnostic: lsp::Diagnostic) -> lsp::CodeActionOrCommand {
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: fix.title.clone(),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(workspace_edit(fix)),
        is_preferred: Some(true),
        ..Default::default()
    })
}

/// Silencing a diagnostic's rule with a comment in the document `uri`,
/// whose text `map` maps.
pub fn ignore_action(
    ignore: &IgnoreComment,
    map: &LineMap<'_>,
    uri: &lsp::Uri,
    diagnostic: lsp::Diagnostic,
) -> lsp::CodeActionOrCommand {
    let at = map.position(ignore.offset);
    let edit = lsp::TextEdit::new(lsp::Range::new(at, at), ignore.text.clone());
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title: ignore.title.clone(),
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some([(uri.clone(), vec![edit])].into_iter().collect()),
            ..Default::default()
        }),
        ..Default::default()
    })
}
