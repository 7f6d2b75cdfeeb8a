//! Diagnostics and their fixes as the protocol has them, and the
//! configuration error that stops checking.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::{Encoding, LineMap, path_to_uri, position_in};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::text::LineIndex;

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
pub type TextLookup<'a> = dyn Fn(&Path) -> Option<Arc<str>> + 'a;

/// Where the diagnostics of one file point: into that file, through its
/// line map, and into the files their evidence and fixes name, each looked
/// up and indexed once (a long note's thousands of findings point into the
/// same few articles).
pub struct Places<'a> {
    own_path: &'a Path,
    own_uri: Option<Uri>,
    own: &'a LineMap<'a>,
    texts: &'a TextLookup<'a>,
    others: HashMap<PathBuf, Option<OtherFile>>,
}

struct OtherFile {
    uri: Uri,
    text: Arc<str>,
    index: LineIndex,
}

impl<'a> Places<'a> {
    /// Places in the file at `own_path`, whose line map is `own`, and in
    /// the files `texts` finds.
    pub fn new(own_path: &'a Path, own: &'a LineMap<'a>, texts: &'a TextLookup<'a>) -> Self {
        Places {
            own_path,
            own_uri: path_to_uri(own_path),
            own,
            texts,
            others: HashMap::new(),
        }
    }

    fn location(&mut self, path: &Path, range: &Range<usize>) -> Option<(Uri, lsp::Range)> {
        if path == self.own_path {
            return Some((self.own_uri.clone()?, self.own.range(range)));
        }
        let texts = self.texts;
        let other = self
            .others
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = texts(path)?;
                Some(OtherFile {
                    uri: path_to_uri(path)?,
                    index: LineIndex::new(&text),
                    text,
                })
            })
            .as_ref()?;
        let encoding = self.own.encoding;
        let position = |offset| position_in(&other.text, &other.index, offset, encoding);
        let range = lsp::Range::new(position(range.start), position(range.end));
        Some((other.uri.clone(), range))
    }
}

pub fn fix_data(fix: &Fix, places: &mut Places<'_>) -> Option<FixData> {
    let mut changes: Vec<(Uri, Vec<lsp::TextEdit>)> = Vec::new();
    for edit in &fix.edits {
        let (uri, range) = places.location(&edit.location.path, &edit.location.range)?;
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

pub fn diagnostic(diagnostic: &Diagnostic, places: &mut Places<'_>) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .filter_map(|related| {
            let (uri, range) = places.location(&related.location.path, &related.location.range)?;
            Some(lsp::DiagnosticRelatedInformation {
                location: lsp::Location::new(uri, range),
                message: related.message.clone(),
            })
        })
        .collect();
    let data = diagnostic
        .fix
        .as_ref()
        .and_then(|fix| fix_data(fix, places))
        .and_then(|fix| serde_json::to_value(fix).ok());
    lsp::Diagnostic {
        range: places.own.range(&diagnostic.location.range),
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

/// The diagnostics of the file at `path`, whose text is `text`.
pub fn diagnostics(
    diagnostics: &[Diagnostic],
    path: &Path,
    text: &str,
    texts: &TextLookup<'_>,
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let map = LineMap::new(text, encoding);
    let mut places = Places::new(path, &map, texts);
    diagnostics
        .iter()
        .map(|d| diagnostic(d, &mut places))
        .collect()
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
