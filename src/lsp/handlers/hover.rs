//! `textDocument/hover`: people, quotes, citations and an article's date.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverParams, Uri};

use crate::lsp::convert;
use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct HoverHandler;

impl DocumentRequest for HoverHandler {
    const NAME: &'static str = "hover";
    type Params = HoverParams;
    type Result = Option<Hover>;

    fn document(params: &HoverParams) -> &Uri {
        &params.text_document_position_params.text_document.uri
    }

    fn handle(target: DocumentTarget, params: HoverParams) -> Result<Option<Hover>> {
        let map = target.line_map();
        let position = params.text_document_position_params.position;
        let offset = target.offset(&map, position, Self::NAME)?;
        let found = navigation::hover(&target.analysis, &target.path, &target.text, offset);
        Ok(found.map(|hover| convert::hover(&hover, &map)))
    }
}
