//! `workspace/symbol`: people and articles across every loaded workspace.
//! Not about one document, so it works on the snapshot alone.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::WorkspaceSymbolResponse;

use crate::lsp::convert;
use crate::lsp::session::Snapshot;
use crate::navigation;

/// Enough for a picker to filter as the user types on.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

pub fn handle(snapshot: &Snapshot, query: &str) -> Result<Option<WorkspaceSymbolResponse>> {
    let analyses = snapshot.analyses.iter().map(|a| &**a);
    let found = navigation::workspace_symbols(analyses, query, MAX_WORKSPACE_SYMBOLS);
    let symbols = found
        .iter()
        .filter_map(|symbol| convert::workspace_symbol(symbol, snapshot.encoding))
        .collect();
    Ok(Some(WorkspaceSymbolResponse::Flat(symbols)))
}
