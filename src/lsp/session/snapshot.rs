//! What a request works on: a copy of the open buffers and the analysed
//! workspaces as they were when it arrived, so it never blocks typing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::lsp::convert::Encoding;
use crate::workspace::Role;

/// The state one request sees.
#[derive(Clone)]
pub struct Snapshot {
    pub encoding: Encoding,
    pub documents: HashMap<PathBuf, (Arc<str>, i32)>,
    pub analyses: Vec<Arc<Analysis>>,
}

impl Snapshot {
    /// The analysis of the workspace holding `path` (the innermost one).
    pub fn analysis_for(&self, path: &Path) -> Option<&Arc<Analysis>> {
        self.analyses
            .iter()
            .filter(|a| path.starts_with(&a.workspace.root))
            .max_by_key(|a| a.workspace.root.components().count())
    }

    /// The current text of a file: the editor's buffer, else what was analysed.
    pub fn text(&self, path: &Path) -> Option<Arc<str>> {
        if let Some((text, _)) = self.documents.get(path) {
            return Some(text.clone());
        }
        self.analysis_for(path)
            .and_then(|a| a.text_of(path))
            .map(Arc::from)
    }

    pub fn role(&self, path: &Path) -> Option<Role> {
        self.analysis_for(path)?.workspace.role_of(path)
    }
}
