//! `backstop/debugPanic`: panics inside a request handler, to prove the
//! server answers with an error and goes on. The dispatch table refuses it
//! unless `BACKSTOP_DEBUG_REQUESTS` is set.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{TextDocumentIdentifier, Uri};

use crate::lsp::request::{DocumentRequest, DocumentTarget};

pub struct DebugPanicHandler;

impl DocumentRequest for DebugPanicHandler {
    const NAME: &'static str = "debugPanic";
    type Params = TextDocumentIdentifier;
    type Result = ();

    fn document(params: &TextDocumentIdentifier) -> &Uri {
        &params.uri
    }

    fn handle(_: DocumentTarget, _: TextDocumentIdentifier) -> Result<()> {
        panic!("requested by backstop/debugPanic")
    }
}
