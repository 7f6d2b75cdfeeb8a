//! `textDocument/inlayHint`: the date and outlet after each citation.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InlayHint, InlayHintParams, Uri};

use crate::lsp::convert;
use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct InlayHintsHandler;

impl DocumentRequest for InlayHintsHandler {
    const NAME: &'static str = "inlayHint";
    type Params = InlayHintParams;
    type Result = Option<Vec<InlayHint>>;

    fn document(params: &InlayHintParams) -> &Uri {
        &params.text_document.uri
    }

    fn handle(target: DocumentTarget, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let map = target.line_map();
        let wanted = map.byte_range_of(params.range);
        let hints =
            navigation::citation_hints(&target.analysis, &target.path, &target.text, wanted);
        Ok(hints.map(|hints| {
            hints
                .iter()
                .map(|hint| convert::inlay_hint(hint, &map))
                .collect()
        }))
    }
}
