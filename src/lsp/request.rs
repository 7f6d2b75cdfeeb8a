//! What the dispatch table (`server.rs`) and the request handlers
//! (`handlers/`) share: the document a request is about, the trait each
//! document handler implements, and running one off the async threads.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::{Location, Position, Uri};

use super::convert::{self, LineMap};
use super::session::Snapshot;
use crate::analysis::Analysis;

/// The document a request is about: its path, its current text and the
/// analysis of its workspace, as they were when the request arrived.
pub struct DocumentTarget {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub analysis: Arc<Analysis>,
    pub snapshot: Snapshot,
}

impl DocumentTarget {
    pub fn line_map(&self) -> LineMap<'_> {
        LineMap::new(&self.text, self.snapshot.encoding)
    }

    /// The byte offset of `position`; a line past the end is an error.
    pub fn offset(&self, map: &LineMap<'_>, position: Position, method: &str) -> Result<usize> {
        if position.line as usize >= map.line_count() {
            return Err(invalid_params(format!(
                "{method}: position past the end of the document"
            )));
        }
        Ok(map.offset(position))
    }

    /// A byte range of any file the snapshot knows, as a location.
    pub fn location(&self, path: &Path, range: &Range<usize>) -> Option<Location> {
        let text = self.snapshot.text(path)?;
        convert::location(path, range, &text, self.snapshot.encoding)
    }

    /// The text of an open editor buffer, to use instead of the analysed one.
    pub fn open_text(&self, path: &Path) -> Option<String> {
        self.snapshot
            .documents
            .get(path)
            .map(|(text, _)| text.to_string())
    }
}

/// A request about one document, answered from a snapshot on a blocking
/// thread. One implementation per method, in `handlers/`.
pub trait DocumentRequest {
    /// The method's name in error messages.
    const NAME: &'static str;
    type Params: Send + 'static;
    type Result: Send + 'static;

    fn document(params: &Self::Params) -> &Uri;

    fn handle(target: DocumentTarget, params: Self::Params) -> Result<Self::Result>;
}

pub fn invalid_params(message: impl Into<String>) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}

/// The path of the document `R` is about; only files on disk are analysed.
pub fn document_path<R: DocumentRequest>(params: &R::Params) -> Result<PathBuf> {
    let uri = R::document(params);
    convert::document_path(uri).ok_or_else(|| {
        invalid_params(format!(
            "{}: backstop only analyses files on disk, not `{}`",
            R::NAME,
            uri.as_str()
        ))
    })
}

/// Answer `R` on `snapshot` off the async threads, turning a panic into an
/// error answer while the server goes on.
pub async fn run<R: DocumentRequest>(
    path: PathBuf,
    snapshot: Snapshot,
    params: R::Params,
) -> Result<R::Result> {
    let uri = R::document(&params).as_str().to_owned();
    let text = snapshot
        .text(&path)
        .ok_or_else(|| invalid_params(format!("{}: unknown document {uri}", R::NAME)))?;
    let analysis = snapshot.analysis_for(&path).cloned().ok_or_else(|| {
        invalid_params(format!(
            "{}: {uri} is not in a loaded workspace yet",
            R::NAME
        ))
    })?;
    let target = DocumentTarget {
        path,
        text,
        analysis,
        snapshot,
    };
    match tokio::task::spawn_blocking(move || R::handle(target, params)).await {
        Ok(result) => result,
        Err(err) => {
            tracing::error!("{} failed: {err}", R::NAME);
            Err(jsonrpc::Error {
                code: jsonrpc::ErrorCode::InternalError,
                message: format!("backstop: internal error in {}", R::NAME).into(),
                data: None,
            })
        }
    }
}
