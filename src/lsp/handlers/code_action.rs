//! Quick fixes: every fix a diagnostic carries, and silencing a rule on the
//! line with a `backstop-ignore` comment.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::analysis;
use crate::lsp::convert::{self, LineMap};
use crate::lsp::server::Target;

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

pub fn code_actions(
    target: &Target,
    params: &CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let Some(role) = target.snapshot.role(&target.path) else {
        return Ok(None);
    };
    let encoding = target.snapshot.encoding;
    let map = LineMap::new(&target.text, encoding);
    let found =
        target
            .analysis
            .text_diagnostics(&target.path, role, &target.text, analysis::today());
    let lookup = |p: &Path| {
        target
            .snapshot
            .text(p)
            .or_else(|| target.analysis.text_of(p).map(Arc::from))
    };
    let uri = params.text_document.uri.clone();
    let mut actions = Vec::new();
    for diagnostic in &found {
        let lsp_diagnostic = convert::diagnostic(diagnostic, &map, &target.path, &lookup, encoding);
        if !overlaps(&lsp_diagnostic.range, &params.range) {
            continue;
        }
        if let Some(fix) = &diagnostic.fix
            && let Some(data) = convert::fix_data(fix, &map, &target.path, &lookup, encoding)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: data.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp_diagnostic.clone()]),
                edit: Some(convert::workspace_edit(&data)),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        let line = map.line_range_end(lsp_diagnostic.range.start.line);
        let code = diagnostic.rule.code();
        let edit = TextEdit::new(
            Range::new(line, line),
            format!(" <!-- backstop-ignore {code} -->"),
        );
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Ignore `{code}` on this line"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diagnostic]),
            edit: Some(WorkspaceEdit {
                changes: Some([(uri.clone(), vec![edit])].into_iter().collect()),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    Ok(Some(actions))
}
