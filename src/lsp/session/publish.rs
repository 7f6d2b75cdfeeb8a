//! Checking files and publishing their diagnostics: a whole workspace after
//! each load (open buffers first, the rest in the background), and one file
//! on its current text after each edit. A file's check reports back to the
//! session, which publishes its diagnostics only if what it read is still
//! there: nothing found in a closed buffer reaches the client.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::{Event, Session};
use crate::analysis::{self, Analysis};
use crate::config::ConfigError;
use crate::diagnostic::Diagnostic;
use crate::lsp::capabilities;
use crate::lsp::convert::{self, Encoding};
use crate::lsp::publisher::Publication;

/// What a file's check read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckedText {
    /// The editor's buffer, in this opening of it.
    Buffer { opening: u64 },
    /// The file on disk.
    Disk,
}

impl Session {
    /// Publish every file's diagnostics after a (re)load, and clear files
    /// that no longer have any. Open buffers come first and are checked on
    /// their current text; the rest of the workspace follows in the
    /// background, so typing is never queued behind it. A newer load
    /// supersedes an older publication midway.
    pub(super) fn publish_workspace(&mut self, index: usize, analysis: Arc<Analysis>) {
        let open: Vec<PathBuf> = self
            .documents
            .paths()
            .filter(|p| self.workspace_index(p) == Some(index))
            .cloned()
            .collect();
        for path in &open {
            self.schedule_check(path.clone());
        }
        let state = &mut self.workspaces[index];
        let generation = state.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let current = state.generation.clone();
        let previously = state.published.clone();
        let root = state.root.clone();
        let open: HashSet<PathBuf> = open.into_iter().collect();
        let encoding = self.encoding;
        let publisher = self.publisher.clone();
        let sender = self.sender.clone();
        let for_hovers = analysis.clone();
        let writes = self.writes.clone();
        tokio::spawn(async move {
            let computed =
                tokio::task::spawn_blocking(move || workspace_diagnostics(&analysis, encoding))
                    .await;
            let computed = match computed {
                Ok(computed) => computed,
                Err(panic) => {
                    tracing::error!("internal error while checking the workspace: {panic}");
                    return;
                }
            };
            // The note results just computed are stored while the rest is
            // published.
            writes.persist(for_hovers.clone());
            let superseded = || current.load(Ordering::SeqCst) != generation;
            let mut published = HashSet::new();
            for (path, publication) in computed {
                if superseded() {
                    return;
                }
                if open.contains(&path) {
                    continue;
                }
                publisher.send(publication);
                published.insert(path);
            }
            for path in previously.difference(&published) {
                if superseded() {
                    return;
                }
                if !open.contains(path)
                    && let Some(uri) = convert::path_to_uri(path)
                {
                    publisher.send(Publication::cleared(uri));
                }
            }
            let _ = sender.send(Event::Published {
                root,
                generation,
                published,
            });
            let _ = tokio::task::spawn_blocking(move || {
                for_hovers.prepare_hovers();
            })
            .await;
        });
    }

    pub(super) fn clear(&self, path: &Path) {
        if let Some(uri) = convert::path_to_uri(path) {
            self.publisher.send(Publication::cleared(uri));
        }
    }

    pub(super) fn publish_config_error(&self, error: &ConfigError) {
        let Some(uri) = convert::path_to_uri(&error.path) else {
            return;
        };
        let diagnostic = convert::config_error(error);
        self.publisher.publish(uri, vec![diagnostic], None);
    }

    /// Whether a check's diagnostics still apply: the buffer it read is
    /// still open (and was not closed and opened again meanwhile), or the
    /// file it read on disk has no buffer and still has a workspace.
    pub(super) fn still_current(&self, path: &Path, read: CheckedText) -> bool {
        match read {
            CheckedText::Buffer { opening } => self.documents.opening(path) == Some(opening),
            CheckedText::Disk => {
                !self.documents.contains(path) && self.workspace_index(path).is_some()
            }
        }
    }

    /// Check one file on its current text. One check per file runs at a
    /// time; edits during a check cause exactly one more, on the newest text.
    pub(super) fn schedule_check(&mut self, path: PathBuf) {
        if self.checking.contains(&path) {
            self.check_again.insert(path);
            return;
        }
        let Some(index) = self.workspace_index(&path) else {
            return;
        };
        let state = &self.workspaces[index];
        if state.broken.is_some() {
            return;
        }
        let Some(analysis) = state.analysis.clone() else {
            // The load in progress publishes everything when it ends.
            return;
        };
        let Some(role) = analysis.workspace.role_of(&path) else {
            return;
        };
        let (text, version, read) = match (self.documents.get(&path), self.documents.opening(&path))
        {
            (Some(doc), Some(opening)) => (
                doc.text(),
                Some(doc.version),
                CheckedText::Buffer { opening },
            ),
            _ => match crate::files::read_text(&path) {
                Ok(text) => (Arc::from(text), None, CheckedText::Disk),
                Err(_) => return,
            },
        };
        let Some(uri) = convert::path_to_uri(&path) else {
            return;
        };
        self.checking.insert(path.clone());
        self.workspaces[index].published.insert(path.clone());
        let encoding = self.encoding;
        let sender = self.sender.clone();
        let documents = self.documents.texts();
        tokio::spawn(async move {
            let check_path = path.clone();
            let publication = tokio::task::spawn_blocking(move || {
                let found = analysis.text_diagnostics(&check_path, role, &text, analysis::today());
                let lookup = |p: &Path| {
                    documents
                        .get(p)
                        .cloned()
                        .or_else(|| analysis.text_of(p).map(Arc::from))
                };
                let diagnostics =
                    convert::diagnostics(&found, &check_path, &text, &lookup, encoding);
                Publication::new(uri, diagnostics, version)
            })
            .await
            .inspect_err(|panic| {
                tracing::error!("internal error checking {}: {panic}", path.display())
            })
            .ok();
            let _ = sender.send(Event::Checked {
                path,
                read,
                publication,
            });
        });
    }

    /// Ask the client to tell the server about files changed on disk.
    pub(super) async fn register_watchers(&self) {
        let registration = capabilities::file_watchers();
        if let Err(err) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("file watching not registered: {err}");
        }
    }
}

/// Every file's diagnostics in a loaded workspace, ready to publish, by
/// file.
fn workspace_diagnostics(analysis: &Analysis, encoding: Encoding) -> Vec<(PathBuf, Publication)> {
    let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
    for diagnostic in analysis.diagnostics(analysis::today()) {
        by_file
            .entry(diagnostic.location.path.clone())
            .or_default()
            .push(diagnostic);
    }
    let lookup = |p: &Path| analysis.text_of(p).map(Arc::from);
    let mut out = Vec::new();
    for (path, diagnostics) in by_file {
        let (Some(text), Some(uri)) = (analysis.text_of(&path), convert::path_to_uri(&path)) else {
            continue;
        };
        let converted = convert::diagnostics(&diagnostics, &path, text, &lookup, encoding);
        out.push((path, Publication::new(uri, converted, None)));
    }
    out
}
