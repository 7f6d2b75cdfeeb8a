//! `textDocument/definition`: a citation goes to the passage that supports
//! its claim, a quote to where the source says it, a person to their first
//! mention.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Uri};

use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct DefinitionHandler;

impl DocumentRequest for DefinitionHandler {
    const NAME: &'static str = "definition";
    type Params = GotoDefinitionParams;
    type Result = Option<GotoDefinitionResponse>;

    fn document(params: &GotoDefinitionParams) -> &Uri {
        &params.text_document_position_params.text_document.uri
    }

    fn handle(
        target: DocumentTarget,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params.position;
        let offset = target.offset(&target.line_map(), position, Self::NAME)?;
        let found = navigation::definition(&target.analysis, &target.path, &target.text, offset);
        Ok(found
            .and_then(|(path, range)| target.location(&path, &range))
            .map(GotoDefinitionResponse::Scalar))
    }
}
