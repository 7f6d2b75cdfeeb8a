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
    /// The folder; for a file checked alone, the file.
    pub root: PathBuf,
    /// For a file opened outside every workspace folder, the workspace the
    /// command line would give it: it decides the file's role and settings,
    /// but is neither walked nor cached.
    pub alone: Option<Workspace>,
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

impl WorkspaceState {
    fn new(root: PathBuf, alone: Option<Workspace>) -> WorkspaceState {
        WorkspaceState {
            root,
            alone,
            analysis: None,
            broken: None,
            loading: false,
            pending: None,
            published: HashSet::new(),
            generation: Arc::new(AtomicU64::new(0)),
        }
    }
}

/// Everything a load needs, taken from the session when it starts.
struct LoadRequest {
    root: PathBuf,
    alone: Option<Workspace>,
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
        self.workspaces.push(WorkspaceState::new(root, None));
    }

    /// Forget a workspace folder and clear what it published, except in
    /// open buffers.
    pub(super) fn remove_workspace(&mut self, root: PathBuf) {
        let root = root.canonicalize().unwrap_or(root);
        let Some(index) = self.workspaces.iter().position(|w| w.root == root) else {
            return;
        };
        let state = self.workspaces.remove(index);
        // A publication still running must stop too.
        state.generation.fetch_add(1, Ordering::SeqCst);
        for path in state.published {
            if !self.documents.contains(&path) {
                self.clear(&path);
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

    /// A file opened outside every workspace folder is checked alone: the
    /// folders around it are not walked (it may be `/etc/passwd`) and
    /// nothing of it is cached. The workspace the command line would give
    /// it decides whether it is a note or an article, and its settings.
    pub(super) fn ensure_workspace_for(&mut self, path: &Path) {
        if self.workspace_index(path).is_some() {
            return;
        }
        let Ok(workspace) = Workspace::discover(path) else {
            return;
        };
        if workspace.role_of(path).is_none() {
            return;
        }
        self.workspaces
            .push(WorkspaceState::new(path.to_path_buf(), Some(workspace)));
        self.load(path, Reload::Full);
    }

    /// Forget a file checked alone once it is closed, and its diagnostics;
    /// `false` when it was not checked alone.
    pub(super) fn forget_if_alone(&mut self, path: &Path) -> bool {
        let Some(index) =
            (self.workspaces.iter()).position(|w| w.alone.is_some() && w.root == path)
        else {
            return false;
        };
        let state = self.workspaces.remove(index);
        state.generation.fetch_add(1, Ordering::SeqCst);
        self.clear(path);
        true
    }

    pub(super) fn role_of(&self, path: &Path) -> Option<Role> {
        let index = self.workspace_index(path)?;
        let state = &self.workspaces[index];
        match (&state.analysis, &state.alone) {
            (Some(analysis), _) => analysis.workspace.role_of(path),
            (None, Some(workspace)) => workspace.role_of(path),
            (None, None) => {
                Workspace::with_config(state.root.clone(), Config::default()).role_of(path)
            }
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
            alone: state.alone.clone(),
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
            // Removed while it loaded: what waited for it waits no longer.
            self.answer_waiting();
            return;
        };
        let state = &mut self.workspaces[index];
        state.loading = false;
        match result {
            Ok(analysis) => {
                let was_broken = state.broken.take();
                state.analysis = Some(analysis.clone());
                if let Some(error) = was_broken {
                    self.clear(&error.path);
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
                    self.clear(&path);
                }
                self.publish_config_error(&error);
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
        alone,
        reload,
        previous,
        overlay,
        settings,
    } = request;
    if let Some(workspace) = alone {
        return Ok(Arc::new(lone_file(root, workspace, &overlay, &settings)));
    }
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
    if let Some(stats) = analysis.cache_stats()
        && let Some(reason) = stats.unusable_because()
    {
        tracing::warn!("the cache is not used ({reason}); the server works without it");
    }
    Ok(Arc::new(analysis))
}

/// The analysis of a file checked alone, from its buffer (or the disk
/// when it has none): no other file is read, and no cache is written.
fn lone_file(
    path: PathBuf,
    mut workspace: Workspace,
    overlay: &HashMap<PathBuf, String>,
    settings: &Settings,
) -> Analysis {
    settings.apply(&mut workspace.config);
    let text = (overlay.get(&path).cloned())
        .or_else(|| crate::files::read_text(&path).ok())
        .unwrap_or_default();
    let files = (workspace.role_of(&path).into_iter())
        .map(|role| (path.clone(), role, text.clone()))
        .collect();
    let analysis = Analysis::from_texts(workspace, files);
    analysis.prepare();
    analysis
}
