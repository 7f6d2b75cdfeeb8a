//! `textDocument/completion`: citation keys after `[@`, people's names as a
//! capitalised word is typed.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{CompletionParams, CompletionResponse, Uri};

use crate::lsp::convert;
use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct CompletionHandler;

impl DocumentRequest for CompletionHandler {
    const NAME: &'static str = "completion";
    type Params = CompletionParams;
    type Result = Option<CompletionResponse>;

    fn document(params: &CompletionParams) -> &Uri {
        &params.text_document_position.text_document.uri
    }

    fn handle(
        target: DocumentTarget,
        params: CompletionParams,
    ) -> Result<Option<CompletionResponse>> {
        let map = target.line_map();
        let position = params.text_document_position.position;
        let offset = target.offset(&map, position, Self::NAME)?;
        let found = navigation::complete(&target.analysis, &target.text, offset);
        Ok(found.map(|completion| convert::completion(&completion, &map)))
    }
}
