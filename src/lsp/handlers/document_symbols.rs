//! `textDocument/documentSymbol`: the outline of an article or a note.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentSymbolParams, DocumentSymbolResponse, Uri};

use crate::lsp::convert;
use crate::lsp::request::{DocumentRequest, DocumentTarget};
use crate::navigation;

pub struct DocumentSymbolsHandler;

impl DocumentRequest for DocumentSymbolsHandler {
    const NAME: &'static str = "documentSymbol";
    type Params = DocumentSymbolParams;
    type Result = Option<DocumentSymbolResponse>;

    fn document(params: &DocumentSymbolParams) -> &Uri {
        &params.text_document.uri
    }

    fn handle(
        target: DocumentTarget,
        _: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let outline = navigation::outline(&target.analysis, &target.path, &target.text);
        let symbols = convert::document_symbols(&outline, &target.line_map());
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }
}
