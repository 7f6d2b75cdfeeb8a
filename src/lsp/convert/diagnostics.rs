//! Diagnostics and their fixes as the protocol has them, and the
//! configuration error that stops checking.

use std::path::Path;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::{Encoding, LineMap, path_to_uri};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Fix, Severity};

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// A fix as the client keeps it in `Diagnostic.data`, so a code action needs
/// no recomputation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FixData {
    pub title: String,
    pub changes: Vec<(Uri, Vec<lsp::TextEdit>)>,
}

/// Texts of other files, to place related evidence and edits in them.
pub type TextLookup<'a> = dyn Fn(&Path) -> Option<std::sync::Arc<str>> + 'a;

fn location_in(
    path: &Path,
    range: &std::ops::Range<usize>,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> Option<(Uri, lsp::Range)> {
    let uri = path_to_uri(path)?;
    if path == own_path {
        return Some((uri, map.range(range)));
    }
    let text = texts(path)?;
    Some((uri, LineMap::new(&text, encoding).range(range)))
}

pub fn fix_data(
    fix: &Fix,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> Option<FixData> {
    let mut changes: Vec<(Uri, Vec<lsp::TextEdit>)> = Vec::new();
    for edit in &fix.edits {
        let (uri, range) = location_in(
            &edit.location.path,
            &edit.location.range,
            map,
            own_path,
            texts,
            encoding,
        )?;
        let text_edit = lsp::TextEdit::new(range, edit.new_text.clone());
        match changes.iter_mut().find(|(u, _)| *u == uri) {
            Some((_, edits)) => edits.push(text_edit),
            None => changes.push((uri, vec![text_edit])),
        }
    }
    Some(FixData {
        title: fix.title.clone(),
        changes,
    })
}

pub fn diagnostic(
    diagnostic: &Diagnostic,
    map: &LineMap<'_>,
    own_path: &Path,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let (uri, range) = location_in(
                &related.location.path,
                &related.location.range,
                map,
                own_path,
                texts,
                encoding,
            )?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, range),
                message: related.message.clone(),
            })
        })
        .collect();
    let data = diagnostic
        .fix
        .as_ref()
        .and_then(|fix| fix_data(fix, map, own_path, texts, encoding))
        .and_then(|fix| serde_json::to_value(fix).ok());
    lsp::Diagnostic {
        range: map.range(&diagnostic.location.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(lsp::NumberOrString::String(
            diagnostic.rule.code().to_string(),
        )),
        code_description: None,
        source: Some("backstop".to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data,
    }
}

pub fn workspace_edit(fix: &FixData) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(fix.changes.iter().cloned().collect()),
        ..Default::default()
    }
}

/// A broken `backstop.toml`, placed at the line and column the error names.
pub fn config_error(error: &ConfigError) -> lsp::Diagnostic {
    let line = error.line.unwrap_or(1).saturating_sub(1) as u32;
    let column = error.column.unwrap_or(1).saturating_sub(1) as u32;
    lsp::Diagnostic {
        range: lsp::Range::new(
            lsp::Position::new(line, column),
            lsp::Position::new(line, column + 1),
        ),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        source: Some("backstop".into()),
        message: format!("{}; nothing is checked until this is fixed", error.message),
        ..Default::default()
    }
}
