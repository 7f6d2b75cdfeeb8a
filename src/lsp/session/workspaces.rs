//! The session's workspaces: which one holds a file, and loading each in
//! the background, one load at a time, with what was asked for meanwhile
//! merged into the next.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{Client, NotCancellable, OngoingProgress, Unbounded};

use super::{Event, Session, Settings};
use crate::analysis::Analysis;
use crate::cache::Cache;
use crate::config::{Config, ConfigError};
use crate::workspace::{Role, Workspace};

/// What a reload of a workspace must take into account.
#[derive(Debug, Clone, PartialEq)]
pub enum Reload {
    /// Everything: a new configuration, new settings, a first load.
    Full,
    /// Only these files changed (on disk or in an editor); the rest of the
    /// analysis, and the cache, are reused.
    Files(Vec<PathBuf>),
}

impl Reload {
    pub fn merge(self, other: Reload) -> Reload {
        match (self, other) {
            (Reload::Files(mut a), Reload::Files(b)) => {
                a.extend(b);
                a.sort();
                a.dedup();
                Reload::Files(a)
            }
            _ => Reload::Full,
        }
    }
}

pub struct WorkspaceState {
    pub root: PathBuf,
    pub analysis: Option<Arc<Analysis>>,
    /// The configuration error that stops checking, if any.
    pub broken: Option<ConfigError>,
    pub loading: bool,
    /// What the next load must take into account.
    pub pending: Option<Reload>,
    /// Files that currently have diagnostics published, to clear them.
    pub published: HashSet<PathBuf>,
    /// Bumped by every load, so an older background publication stops.
    pub generation: Arc<AtomicU64>,
}

/// Everything a load needs, taken from the session when it starts.
struct LoadRequest {
    root: PathBuf,
    reload: Reload,
    previous: Option<Arc<Analysis>>,
    overlay: HashMap<PathBuf, String>,
    settings: Settings,
}

impl Session {
    pub(super) fn add_workspace(&mut self, root: PathBuf) {
        let root = root.canonicalize().unwrap_or(root);
        if self.workspaces.iter().any(|w| w.root == root) {
            return;
        }
        self.workspaces.push(WorkspaceState {
            root,
            analysis: None,
            broken: None,
            loading: false,
            pending: None,
            published: HashSet::new(),
            generation: Arc::new(AtomicU64::new(0)),
        });
    }

    /// Forget a workspace folder and clear what it published, except in
    /// open buffers.
    pub(super) async fn remove_workspace(&mut self, root: PathBuf) {
        let root = root.canonicalize().unwrap_or(root);
        let Some(index) = self.workspaces.iter().position(|w| w.root == root) else {
            return;
        };
        let state = self.workspaces.remove(index);
        // A publication still running must stop too.
        state.generation.fetch_add(1, Ordering::SeqCst);
        for path in state.published {
            if !self.documents.contains(&path) {
                self.clear(&path).await;
            }
        }
    }

    /// The innermost workspace holding `path`.
    pub(super) fn workspace_index(&self, path: &Path) -> Option<usize> {
        self.workspaces
            .iter()
            .enumerate()
            .filter(|(_, w)| path.starts_with(&w.root))
            .max_by_key(|(_, w)| w.root.components().count())
            .map(|(i, _)| i)
    }

    /// A file opened outside every workspace folder gets the workspace the
    /// command line would give it.
    pub(super) fn ensure_workspace_for(&mut self, path: &Path) {
        if self.workspace_index(path).is_some() {
            return;
        }
        if let Ok(workspace) = Workspace::discover(path) {
            let root = workspace.root.clone();
            self.add_workspace(root.clone());
            self.load(&root, Reload::Full);
        }
    }

    pub(super) fn role_of(&self, path: &Path) -> Option<Role> {
        let index = self.workspace_index(path)?;
        let state = &self.workspaces[index];
        match &state.analysis {
            Some(analysis) => analysis.workspace.role_of(path),
            None => Workspace::with_config(state.root.clone(), Config::default()).role_of(path),
        }
    }

    pub(super) fn is_article(&self, path: &Path) -> bool {
        self.role_of(path) == Some(Role::Article)
    }

    pub(super) fn reload_containing(&mut self, path: &Path, reload: Reload) {
        if let Some(index) = self.workspace_index(path) {
            let root = self.workspaces[index].root.clone();
            self.load(&root, reload);
        }
    }

    pub(super) fn reload_all(&mut self) {
        let roots: Vec<PathBuf> = self.workspaces.iter().map(|w| w.root.clone()).collect();
        for root in roots {
            self.load(&root, Reload::Full);
        }
    }

    /// Load (or reload) a workspace in the background. Loads are coalesced:
    /// one runs at a time per workspace, and what is asked for meanwhile is
    /// merged into the next one. A reload for a few changed files reuses the
    /// previous analysis and the persistent cache; a full one starts over.
    pub(super) fn load(&mut self, root: &Path, reload: Reload) {
        let Some(state) = self.workspaces.iter_mut().find(|w| w.root == root) else {
            return;
        };
        state.pending = Some(match state.pending.take() {
            Some(pending) => pending.merge(reload),
            None => reload,
        });
        self.start_load(root);
    }

    fn start_load(&mut self, root: &Path) {
        let Some(state) = self.workspaces.iter_mut().find(|w| w.root == root) else {
            return;
        };
        if state.loading {
            return;
        }
        let Some(reload) = state.pending.take() else {
            return;
        };
        state.loading = true;
        let request = LoadRequest {
            root: state.root.clone(),
            reload,
            // After a configuration error the next load must start over.
            previous: state.analysis.clone().filter(|_| state.broken.is_none()),
            overlay: self.documents.overlay_under(&state.root),
            settings: self.settings.clone(),
        };
        let sender = self.sender.clone();
        let progress = self.progress.then(|| {
            self.next_progress += 1;
            lsp::ProgressToken::String(format!("backstop/index/{}", self.next_progress))
        });
        let client = self.client.clone();
        tokio::spawn(async move {
            let root = request.root.clone();
            let progress = match progress {
                Some(token) => begin_progress(&client, token, &root).await,
                None => None,
            };
            let result = tokio::task::spawn_blocking(move || load_analysis(request))
                .await
                .unwrap_or_else(|panic| {
                    Err(ConfigError {
                        path: root.clone(),
                        line: None,
                        column: None,
                        message: format!("internal error while loading: {panic}"),
                    })
                });
            if let Some(progress) = progress {
                let message = match &result {
                    Ok(analysis) => format!(
                        "{} articles, {} notes",
                        analysis.corpus.len(),
                        analysis.notes.len()
                    ),
                    Err(_) => "configuration error".to_string(),
                };
                progress.finish_with_message(message).await;
            }
            let _ = sender.send(Event::Loaded { root, result });
        });
    }

    /// A load finished: publish its diagnostics, or its configuration error.
    pub(super) async fn loaded(
        &mut self,
        root: PathBuf,
        result: Result<Arc<Analysis>, ConfigError>,
    ) {
        let Some(index) = self.workspaces.iter().position(|w| w.root == root) else {
            return;
        };
        let state = &mut self.workspaces[index];
        state.loading = false;
        match result {
            Ok(analysis) => {
                let was_broken = state.broken.take();
                state.analysis = Some(analysis.clone());
                if let Some(error) = was_broken {
                    self.clear(&error.path).await;
                }
                self.publish_workspace(index, analysis);
            }
            Err(error) => {
                tracing::error!("{error}");
                self.client
                    .show_message(lsp::MessageType::ERROR, format!("backstop: {error}"))
                    .await;
                let published = std::mem::take(&mut self.workspaces[index].published);
                for path in published {
                    self.clear(&path).await;
                }
                self.publish_config_error(&error).await;
                self.workspaces[index].broken = Some(error);
            }
        }
        self.start_load(&root);
        self.answer_waiting();
    }
}

/// Work-done progress for a load, when the client accepts the token.
async fn begin_progress(
    client: &Client,
    token: lsp::ProgressToken,
    root: &Path,
) -> Option<OngoingProgress<Unbounded, NotCancellable>> {
    client.create_work_done_progress(token.clone()).await.ok()?;
    Some(
        client
            .progress(token, "backstop")
            .with_message(format!("indexing {}", root.display()))
            .begin()
            .await,
    )
}

/// The analysis a load makes, on a blocking thread: the previous one
/// updated for a few files, else the workspace loaded afresh (with the
/// persistent cache).
fn load_analysis(request: LoadRequest) -> Result<Arc<Analysis>, ConfigError> {
    let LoadRequest {
        root,
        reload,
        previous,
        overlay,
        settings,
    } = request;
    let cache = Cache::from_env();
    let overlay_text = |p: &Path| overlay.get(p).cloned();
    let analysis = match (reload, previous) {
        (Reload::Files(files), Some(previous)) => {
            previous.update(&files, &overlay_text, cache.as_ref())
        }
        _ => {
            let mut workspace = Workspace::discover(&root)?;
            if workspace.root != root {
                // A folder without its own backstop.toml below one that has
                // it still is its own editor workspace.
                workspace = Workspace::with_config(root.clone(), workspace.config);
            }
            settings.apply(&mut workspace.config);
            Analysis::load_cached(workspace, &overlay_text, cache.as_ref())
        }
    };
    // Indexes are built here, before the analysis is shared.
    analysis.prepare();
    Ok(Arc::new(analysis))
}
