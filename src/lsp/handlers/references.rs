//! `textDocument/references`: a person's mentions, or an article's citations.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams, Uri};

use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct ReferencesHandler;

impl DocumentRequest for ReferencesHandler {
    const NAME: &'static str = "references";
    type Params = ReferenceParams;
    type Result = Option<Vec<Location>>;

    fn document(params: &ReferenceParams) -> &Uri {
        &params.text_document_position.text_document.uri
    }

    fn handle(target: DocumentTarget, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position.position;
        let offset = target.offset(&target.line_map(), position, Self::NAME)?;
        let open = |path: &std::path::Path| target.open_text(path);
        let found =
            navigation::references(&target.analysis, &target.path, &target.text, offset, &open);
        Ok(found.map(|spots| {
            spots
                .iter()
                .filter_map(|(path, range)| target.location(path, range))
                .collect()
        }))
    }
}
