//! `textDocument/codeAction`: every fix a diagnostic in the range carries,
//! and silencing its rule on the line with a `backstop-ignore` comment.

use std::path::Path;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::analysis;
use crate::lsp::convert;
use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct CodeActionHandler;

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

impl DocumentRequest for CodeActionHandler {
    const NAME: &'static str = "codeAction";
    type Params = CodeActionParams;
    type Result = Option<CodeActionResponse>;

    fn document(params: &CodeActionParams) -> &Uri {
        &params.text_document.uri
    }

    fn handle(
        target: DocumentTarget,
        params: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>> {
        let Some(role) = target.snapshot.role(&target.path) else {
            return Ok(None);
        };
        let map = target.line_map();
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
        let mut places = convert::Places::new(&target.path, &map, &lookup);
        // Only the diagnostics that may touch the range are converted: the
        // range in bytes takes in every one its positions touch.
        let bytes = map.byte_range_of(params.range);
        let near = |d: &&crate::diagnostic::Diagnostic| {
            d.location.range.start <= bytes.end && bytes.start <= d.location.range.end
        };
        let mut actions = Vec::new();
        for diagnostic in found.iter().filter(near) {
            let lsp_diagnostic = convert::diagnostic(diagnostic, &mut places);
            if !overlaps(&lsp_diagnostic.range, &params.range) {
                continue;
            }
            if let Some(fix) = &diagnostic.fix
                && let Some(data) = convert::fix_data(fix, &mut places)
            {
                actions.push(convert::quick_fix(&data, lsp_diagnostic.clone()));
            }
            let ignore = navigation::ignore_comment(&target.text, diagnostic);
            actions.push(convert::ignore_action(&ignore, &map, &uri, lsp_diagnostic));
        }
        Ok(Some(actions))
    }
}
