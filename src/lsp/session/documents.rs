//! The open editor buffers, by path. Their text wins over the disk in
//! loads, checks and requests. Each opening of a buffer is numbered, so
//! that what was found in a buffer since closed (or closed and opened
//! again) is never published.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use crate::lsp::convert::Encoding;
use crate::lsp::document::Document;

#[derive(Default)]
pub struct Documents {
    open: HashMap<PathBuf, Document>,
    /// The number of each open buffer's opening.
    openings: HashMap<PathBuf, u64>,
    last_opening: u64,
}

impl Documents {
    pub fn open(&mut self, path: PathBuf, text: &str, version: i32) {
        self.last_opening += 1;
        self.openings.insert(path.clone(), self.last_opening);
        self.open.insert(path, Document::new(text, version));
    }

    /// Which opening of the buffer at `path` is open now, if any.
    pub fn opening(&self, path: &Path) -> Option<u64> {
        self.openings.get(path).copied()
    }

    /// Apply one `didChange`; `false` when the document is not open.
    pub fn change(
        &mut self,
        path: &Path,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) -> bool {
        match self.open.get_mut(path) {
            Some(document) => {
                document.apply(changes, version, encoding);
                true
            }
            None => false,
        }
    }

    pub fn close(&mut self, path: &Path) {
        self.open.remove(path);
        self.openings.remove(path);
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.open.contains_key(path)
    }

    pub fn get(&self, path: &Path) -> Option<&Document> {
        self.open.get(path)
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }

    /// The texts of the buffers under `root`, for a load of its workspace.
    pub fn overlay_under(&self, root: &Path) -> HashMap<PathBuf, String> {
        self.open
            .iter()
            .filter(|(p, _)| p.starts_with(root))
            .map(|(p, d)| (p.clone(), d.text().to_string()))
            .collect()
    }

    /// Every buffer's text.
    pub fn texts(&self) -> HashMap<PathBuf, Arc<str>> {
        self.open
            .iter()
            .map(|(p, d)| (p.clone(), d.text()))
            .collect()
    }

    /// Every buffer's text and version, for a snapshot.
    pub fn versions(&self) -> HashMap<PathBuf, (Arc<str>, i32)> {
        self.open
            .iter()
            .map(|(path, doc)| (path.clone(), (doc.text(), doc.version)))
            .collect()
    }
}
