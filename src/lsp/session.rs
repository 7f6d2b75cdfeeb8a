//! The single owner of the server's state. Every notification that changes
//! state (edits, file events, settings) arrives here in order through one
//! channel; requests ask for a `Snapshot` through the same channel, so they
//! see every edit sent before them, and then work on that snapshot without
//! blocking typing. Slow work (loading a corpus, checking a file) runs on
//! blocking threads and reports back as events.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;
use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert::{self, Encoding, LineMap};
use super::document::Document;
use crate::analysis::{self, Analysis};
use crate::cache::Cache;
use crate::config::{Config, ConfigError};
use crate::diagnostic::Level;
use crate::rules::Rule;
use crate::workspace::{Role, Workspace};

/// Editor-side settings (`initializationOptions`,
/// `workspace/didChangeConfiguration`). They win over `backstop.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// Rule code → `off | hint | info | warning | error`.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub rules: HashMap<String, String>,
}

/// Lua and some other clients encode an empty table as `[]`.
fn map_or_empty_list<'de, D>(deserializer: D) -> Result<HashMap<String, String>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum MapOrList {
        Map(HashMap<String, String>),
        List(Vec<serde_json::Value>),
    }
    match MapOrList::deserialize(deserializer)? {
        MapOrList::Map(map) => Ok(map),
        MapOrList::List(list) if list.is_empty() => Ok(HashMap::new()),
        MapOrList::List(_) => Err(serde::de::Error::custom(
            "`rules` must map rule codes to severities",
        )),
    }
}

impl Settings {
    /// Accepts the settings object itself or one nested under `backstop`, as
    /// VS Code sends its configuration section.
    pub fn from_json(value: &serde_json::Value) -> Result<Option<Settings>, String> {
        let value = value.get("backstop").unwrap_or(value);
        if value.is_null() {
            return Ok(None);
        }
        let settings: Settings =
            serde_json::from_value(value.clone()).map_err(|e| format!("backstop settings: {e}"))?;
        for (code, level) in &settings.rules {
            if Rule::from_code(code).is_none() {
                return Err(format!("backstop settings: unknown rule `{code}`"));
            }
            if Level::parse(level).is_none() {
                return Err(format!(
                    "backstop settings: bad severity `{level}` for `{code}`; use one of {}",
                    Level::NAMES
                ));
            }
        }
        Ok(Some(settings))
    }

    fn apply(&self, config: &mut Config) {
        for (code, level) in &self.rules {
            if let (Some(rule), Some(level)) = (Rule::from_code(code), Level::parse(level)) {
                config.rules.insert(rule, level);
            }
        }
    }
}

pub enum Event {
    Initialize {
        roots: Vec<PathBuf>,
        encoding: Encoding,
        settings: Settings,
        watch_dynamically: bool,
        progress: bool,
    },
    Initialized,
    Open {
        path: PathBuf,
        text: String,
        version: i32,
    },
    Change {
        path: PathBuf,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    },
    Close {
        path: PathBuf,
    },
    Saved {
        path: PathBuf,
    },
    FilesChanged(Vec<(PathBuf, lsp::FileChangeType)>),
    Settings(Settings),
    Folders {
        added: Vec<PathBuf>,
        removed: Vec<PathBuf>,
    },
    Snapshot(oneshot::Sender<Snapshot>),
    Loaded {
        root: PathBuf,
        result: Result<Arc<Analysis>, ConfigError>,
    },
    Checked {
        path: PathBuf,
    },
    /// The background publication of a workspace's diagnostics finished.
    Published {
        root: PathBuf,
        generation: u64,
        published: HashSet<PathBuf>,
    },
}

impl Event {
    fn name(&self) -> &'static str {
        match self {
            Event::Initialize { .. } => "initialize",
            Event::Initialized => "initialized",
            Event::Open { .. } => "open",
            Event::Change { .. } => "change",
            Event::Close { .. } => "close",
            Event::Saved { .. } => "saved",
            Event::FilesChanged(_) => "files changed",
            Event::Settings(_) => "settings",
            Event::Folders { .. } => "folders",
            Event::Snapshot(_) => "snapshot",
            Event::Loaded { .. } => "loaded",
            Event::Checked { .. } => "checked",
            Event::Published { .. } => "published",
        }
    }
}

/// What a request works on: open buffers and the analysed workspaces as they
/// were when the request arrived.
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

/// What a reload of a workspace must take into account.
#[derive(Debug, Clone, PartialEq)]
enum Reload {
    /// Everything: a new configuration, new settings, a first load.
    Full,
    /// Only these files changed (on disk or in an editor); the rest of the
    /// analysis, and the cache, are reused.
    Files(Vec<PathBuf>),
}

impl Reload {
    fn merge(self, other: Reload) -> Reload {
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

struct WorkspaceState {
    root: PathBuf,
    analysis: Option<Arc<Analysis>>,
    /// The configuration error that stops checking, if any.
    broken: Option<ConfigError>,
    loading: bool,
    /// What the next load must take into account.
    pending: Option<Reload>,
    /// Files that currently have diagnostics published, to clear them.
    published: HashSet<PathBuf>,
    /// Bumped by every load, so an older background publication stops.
    generation: Arc<AtomicU64>,
}

pub struct Session {
    client: Client,
    sender: mpsc::UnboundedSender<Event>,
    encoding: Encoding,
    settings: Settings,
    documents: HashMap<PathBuf, Document>,
    workspaces: Vec<WorkspaceState>,
    checking: HashSet<PathBuf>,
    check_again: HashSet<PathBuf>,
    watch_dynamically: bool,
    progress: bool,
    next_progress: i32,
    /// Requests that arrived before the first load of their workspace.
    waiting: Vec<oneshot::Sender<Snapshot>>,
}

pub fn start(client: Client) -> mpsc::UnboundedSender<Event> {
    let (sender, receiver) = mpsc::unbounded_channel();
    let session = Session {
        client,
        sender: sender.clone(),
        encoding: Encoding::Utf16,
        settings: Settings::default(),
        documents: HashMap::new(),
        workspaces: Vec::new(),
        checking: HashSet::new(),
        check_again: HashSet::new(),
        watch_dynamically: false,
        progress: false,
        next_progress: 0,
        waiting: Vec::new(),
    };
    tokio::spawn(session.run(receiver));
    sender
}

impl Session {
    async fn run(mut self, mut receiver: mpsc::UnboundedReceiver<Event>) {
        while let Some(event) = receiver.recv().await {
            self.handle(event).await;
        }
    }

    async fn handle(&mut self, event: Event) {
        tracing::debug!("event: {}", event.name());
        match event {
            Event::Initialize {
                roots,
                encoding,
                settings,
                watch_dynamically,
                progress,
            } => {
                self.encoding = encoding;
                self.settings = settings;
                self.watch_dynamically = watch_dynamically;
                self.progress = progress;
                for root in roots {
                    self.add_workspace(root);
                }
            }
            Event::Initialized => {
                if self.watch_dynamically {
                    self.register_watchers().await;
                }
                let roots: Vec<PathBuf> = self.workspaces.iter().map(|w| w.root.clone()).collect();
                for root in roots {
                    self.load(&root, Reload::Full);
                }
            }
            Event::Open {
                path,
                text,
                version,
            } => {
                self.ensure_workspace_for(&path);
                self.documents
                    .insert(path.clone(), Document::new(&text, version));
                self.text_changed(&path);
            }
            Event::Change {
                path,
                version,
                changes,
            } => {
                if let Some(document) = self.documents.get_mut(&path) {
                    document.apply(changes, version, self.encoding);
                    self.text_changed(&path);
                } else {
                    tracing::warn!("change for a document that is not open: {}", path.display());
                }
            }
            Event::Close { path } => {
                self.documents.remove(&path);
                // The Problems panel keeps the file's problems as they are on disk.
                if self.is_article(&path) {
                    self.reload_containing(&path, Reload::Files(vec![path.clone()]));
                } else {
                    self.schedule_check(path);
                }
            }
            Event::Saved { path } => {
                if path
                    .file_name()
                    .is_some_and(|n| n == crate::config::FILE_NAME)
                {
                    self.reload_containing(&path, Reload::Full);
                }
            }
            Event::FilesChanged(changes) => {
                // Per workspace root: what its reload must cover.
                let mut reloads: Vec<(PathBuf, Reload)> = Vec::new();
                let mut add = |session: &Session, path: &Path, reload: Reload| {
                    if let Some(index) = session.workspace_index(path) {
                        let root = session.workspaces[index].root.clone();
                        match reloads.iter_mut().find(|(r, _)| *r == root) {
                            Some((_, existing)) => {
                                *existing = std::mem::replace(existing, Reload::Full).merge(reload)
                            }
                            None => reloads.push((root, reload)),
                        }
                    }
                };
                for (path, kind) in changes {
                    let is_config = path
                        .file_name()
                        .is_some_and(|n| n == crate::config::FILE_NAME);
                    if is_config {
                        // A new or deleted backstop.toml can move a root.
                        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                        if kind == lsp::FileChangeType::CREATED
                            && self.workspace_index(&path).is_none()
                        {
                            self.add_workspace(root.clone());
                        }
                        add(self, &root, Reload::Full);
                        continue;
                    }
                    if self.documents.contains_key(&path) && kind != lsp::FileChangeType::DELETED {
                        // The editor's buffer wins over the disk.
                        continue;
                    }
                    match self.role_of(&path) {
                        Some(Role::Note) if kind == lsp::FileChangeType::DELETED => {
                            self.clear(&path).await;
                            add(self, &path, Reload::Files(vec![path.clone()]));
                        }
                        // A new note or article must join the analysis; a
                        // changed one is re-read.
                        Some(_) => add(self, &path, Reload::Files(vec![path.clone()])),
                        None => {}
                    }
                }
                for (root, reload) in reloads {
                    self.load(&root, reload);
                }
            }
            Event::Settings(settings) => {
                if settings != self.settings {
                    self.settings = settings;
                    let roots: Vec<PathBuf> =
                        self.workspaces.iter().map(|w| w.root.clone()).collect();
                    for root in roots {
                        self.load(&root, Reload::Full);
                    }
                }
            }
            Event::Folders { added, removed } => {
                for root in removed {
                    let root = root.canonicalize().unwrap_or(root);
                    if let Some(index) = self.workspaces.iter().position(|w| w.root == root) {
                        let state = self.workspaces.remove(index);
                        // A publication still running must stop too.
                        state.generation.fetch_add(1, Ordering::SeqCst);
                        for path in state.published {
                            if !self.documents.contains_key(&path) {
                                self.clear(&path).await;
                            }
                        }
                    }
                }
                for root in added {
                    self.add_workspace(root.clone());
                    let root = root.canonicalize().unwrap_or(root);
                    self.load(&root, Reload::Full);
                }
            }
            Event::Snapshot(reply) => {
                // A request must not see a workspace before its first load.
                if self.first_load_pending() {
                    self.waiting.push(reply);
                } else {
                    let _ = reply.send(self.snapshot());
                }
            }
            Event::Loaded { root, result } => self.loaded(root, result).await,
            Event::Published {
                root,
                generation,
                published,
            } => {
                let open: Vec<PathBuf> = published
                    .iter()
                    .filter(|p| self.documents.contains_key(*p))
                    .cloned()
                    .collect();
                if let Some(state) = self.workspaces.iter_mut().find(|w| w.root == root)
                    && state.generation.load(Ordering::SeqCst) == generation
                {
                    state.published.extend(published);
                }
                // Opened while the publication ran: their buffers win.
                for path in open {
                    self.schedule_check(path);
                }
            }
            Event::Checked { path } => {
                self.checking.remove(&path);
                if self.check_again.remove(&path) {
                    self.schedule_check(path);
                }
            }
        }
    }

    fn first_load_pending(&self) -> bool {
        self.workspaces
            .iter()
            .any(|w| w.analysis.is_none() && w.broken.is_none() && w.loading)
    }

    fn answer_waiting(&mut self) {
        if self.first_load_pending() {
            return;
        }
        let snapshot = self.snapshot();
        for reply in self.waiting.drain(..) {
            let _ = reply.send(snapshot.clone());
        }
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            encoding: self.encoding,
            documents: self
                .documents
                .iter()
                .map(|(path, doc)| (path.clone(), (doc.text(), doc.version)))
                .collect(),
            analyses: self
                .workspaces
                .iter()
                .filter(|w| w.broken.is_none())
                .filter_map(|w| w.analysis.clone())
                .collect(),
        }
    }

    fn add_workspace(&mut self, root: PathBuf) {
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

    /// The innermost workspace holding `path`.
    fn workspace_index(&self, path: &Path) -> Option<usize> {
        self.workspaces
            .iter()
            .enumerate()
            .filter(|(_, w)| path.starts_with(&w.root))
            .max_by_key(|(_, w)| w.root.components().count())
            .map(|(i, _)| i)
    }

    /// A file opened outside every workspace folder gets the workspace the
    /// command line would give it.
    fn ensure_workspace_for(&mut self, path: &Path) {
        if self.workspace_index(path).is_some() {
            return;
        }
        if let Ok(workspace) = Workspace::discover(path) {
            let root = workspace.root.clone();
            self.add_workspace(root.clone());
            self.load(&root, Reload::Full);
        }
    }

    fn role_of(&self, path: &Path) -> Option<Role> {
        let index = self.workspace_index(path)?;
        let state = &self.workspaces[index];
        match &state.analysis {
            Some(analysis) => analysis.workspace.role_of(path),
            None => Workspace::with_config(state.root.clone(), Config::default()).role_of(path),
        }
    }

    fn is_article(&self, path: &Path) -> bool {
        self.role_of(path) == Some(Role::Article)
    }

    /// An editor buffer changed: check it now, and when it is an article,
    /// rebuild its corpus so the notes citing it are checked again.
    fn text_changed(&mut self, path: &Path) {
        if self.is_article(path) {
            self.reload_containing(path, Reload::Files(vec![path.to_path_buf()]));
        }
        self.schedule_check(path.to_path_buf());
    }

    fn reload_containing(&mut self, path: &Path, reload: Reload) {
        if let Some(index) = self.workspace_index(path) {
            let root = self.workspaces[index].root.clone();
            self.load(&root, reload);
        }
    }

    /// Load (or reload) a workspace in the background. Loads are coalesced:
    /// one runs at a time per workspace, and what is asked for meanwhile is
    /// merged into the next one. A reload for a few changed files reuses the
    /// previous analysis and the persistent cache; a full one starts over.
    fn load(&mut self, root: &Path, reload: Reload) {
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
        // After a configuration error the next load must start over.
        let previous = state.analysis.clone().filter(|_| state.broken.is_none());
        let root = state.root.clone();
        let overlay: HashMap<PathBuf, String> = self
            .documents
            .iter()
            .filter(|(p, _)| p.starts_with(&root))
            .map(|(p, d)| (p.clone(), d.text().to_string()))
            .collect();
        let settings = self.settings.clone();
        let sender = self.sender.clone();
        let progress = self.progress.then(|| {
            self.next_progress += 1;
            lsp::ProgressToken::String(format!("backstop/index/{}", self.next_progress))
        });
        let client = self.client.clone();
        tokio::spawn(async move {
            let progress = match progress {
                Some(token) => {
                    if client
                        .create_work_done_progress(token.clone())
                        .await
                        .is_ok()
                    {
                        Some(
                            client
                                .progress(token, "backstop")
                                .with_message(format!("indexing {}", root.display()))
                                .begin()
                                .await,
                        )
                    } else {
                        None
                    }
                }
                None => None,
            };
            let load_root = root.clone();
            let result = tokio::task::spawn_blocking(move || {
                let cache = Cache::from_env();
                let overlay_text = |p: &Path| overlay.get(p).cloned();
                let analysis = match (reload, previous) {
                    (Reload::Files(files), Some(previous)) => {
                        previous.update(&files, &overlay_text, cache.as_ref())
                    }
                    _ => {
                        let mut workspace = Workspace::discover(&load_root)?;
                        if workspace.root != load_root {
                            // A folder without its own backstop.toml below
                            // one that has it still is its own editor
                            // workspace.
                            workspace = Workspace::with_config(load_root.clone(), workspace.config);
                        }
                        settings.apply(&mut workspace.config);
                        Analysis::load_cached(workspace, &overlay_text, cache.as_ref())
                    }
                };
                // Indexes are built here, before the analysis is shared.
                analysis.prepare();
                Ok(Arc::new(analysis))
            })
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

    async fn loaded(&mut self, root: PathBuf, result: Result<Arc<Analysis>, ConfigError>) {
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

    /// Publish every file's diagnostics after a (re)load, and clear files
    /// that no longer have any. Open buffers come first and are checked on
    /// their current text; the rest of the workspace follows in the
    /// background, so typing is never queued behind it. A newer load
    /// supersedes an older publication midway.
    fn publish_workspace(&mut self, index: usize, analysis: Arc<Analysis>) {
        let open: Vec<PathBuf> = self
            .documents
            .keys()
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
        let client = self.client.clone();
        let sender = self.sender.clone();
        let for_hovers = analysis.clone();
        tokio::spawn(async move {
            let computed = tokio::task::spawn_blocking(move || {
                let today = analysis::today();
                let mut by_file: HashMap<PathBuf, Vec<crate::diagnostic::Diagnostic>> =
                    HashMap::new();
                for diagnostic in analysis.diagnostics(today) {
                    by_file
                        .entry(diagnostic.location.path.clone())
                        .or_default()
                        .push(diagnostic);
                }
                let lookup = |p: &Path| analysis.text_of(p).map(Arc::from);
                let mut out: Vec<(PathBuf, Vec<lsp::Diagnostic>)> = Vec::new();
                for (path, diagnostics) in by_file {
                    let Some(text) = analysis.text_of(&path) else {
                        continue;
                    };
                    let map = LineMap::new(text, encoding);
                    let converted = diagnostics
                        .iter()
                        .map(|d| convert::diagnostic(d, &map, &path, &lookup, encoding))
                        .collect();
                    out.push((path, converted));
                }
                out
            })
            .await;
            let computed = match computed {
                Ok(computed) => computed,
                Err(panic) => {
                    tracing::error!("internal error while checking the workspace: {panic}");
                    return;
                }
            };
            let superseded = || current.load(Ordering::SeqCst) != generation;
            let mut published = HashSet::new();
            for (path, diagnostics) in computed {
                if superseded() {
                    return;
                }
                if open.contains(&path) {
                    continue;
                }
                if let Some(uri) = convert::path_to_uri(&path) {
                    client.publish_diagnostics(uri, diagnostics, None).await;
                    published.insert(path);
                }
            }
            for path in previously.difference(&published) {
                if superseded() {
                    return;
                }
                if !open.contains(path)
                    && let Some(uri) = convert::path_to_uri(path)
                {
                    client.publish_diagnostics(uri, Vec::new(), None).await;
                }
            }
            let _ = sender.send(Event::Published {
                root,
                generation,
                published,
            });
            let _ = tokio::task::spawn_blocking(move || {
                for_hovers.persist();
                for_hovers.prepare_hovers();
            })
            .await;
        });
    }

    async fn clear(&self, path: &Path) {
        if let Some(uri) = convert::path_to_uri(path) {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn publish_config_error(&self, error: &ConfigError) {
        let Some(uri) = convert::path_to_uri(&error.path) else {
            return;
        };
        let line = error.line.unwrap_or(1).saturating_sub(1) as u32;
        let column = error.column.unwrap_or(1).saturating_sub(1) as u32;
        let diagnostic = lsp::Diagnostic {
            range: lsp::Range::new(
                lsp::Position::new(line, column),
                lsp::Position::new(line, column + 1),
            ),
            severity: Some(lsp::DiagnosticSeverity::ERROR),
            source: Some("backstop".into()),
            message: format!("{}; nothing is checked until this is fixed", error.message),
            ..Default::default()
        };
        self.client
            .publish_diagnostics(uri, vec![diagnostic], None)
            .await;
    }

    /// Check one file on its current text. One check per file runs at a
    /// time; edits during a check cause exactly one more, on the newest text.
    fn schedule_check(&mut self, path: PathBuf) {
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
        let (text, version) = match self.documents.get(&path) {
            Some(doc) => (doc.text(), Some(doc.version)),
            None => match crate::files::read_text(&path) {
                Ok(text) => (Arc::from(text), None),
                Err(_) => return,
            },
        };
        self.checking.insert(path.clone());
        self.workspaces[index].published.insert(path.clone());
        let encoding = self.encoding;
        let client = self.client.clone();
        let sender = self.sender.clone();
        let documents: HashMap<PathBuf, Arc<str>> = self
            .documents
            .iter()
            .map(|(p, d)| (p.clone(), d.text()))
            .collect();
        tokio::spawn(async move {
            let check_path = path.clone();
            let diagnostics = tokio::task::spawn_blocking(move || {
                let path = check_path;
                let found = analysis.text_diagnostics(&path, role, &text, analysis::today());
                let map = LineMap::new(&text, encoding);
                let lookup = |p: &Path| {
                    documents
                        .get(p)
                        .cloned()
                        .or_else(|| analysis.text_of(p).map(Arc::from))
                };
                found
                    .iter()
                    .map(|d| convert::diagnostic(d, &map, &path, &lookup, encoding))
                    .collect::<Vec<_>>()
            })
            .await;
            match diagnostics {
                Ok(diagnostics) => {
                    if let Some(uri) = convert::path_to_uri(&path) {
                        client.publish_diagnostics(uri, diagnostics, version).await;
                    }
                }
                Err(panic) => {
                    tracing::error!("internal error checking {}: {panic}", path.display())
                }
            }
            let _ = sender.send(Event::Checked { path });
        });
    }

    async fn register_watchers(&self) {
        let watchers = ["**/*.md", "**/*.txt", "**/backstop.toml"]
            .into_iter()
            .map(|glob| lsp::FileSystemWatcher {
                glob_pattern: lsp::GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect();
        let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = lsp::Registration {
            id: "backstop-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(err) = self.client.register_capability(vec![registration]).await {
            tracing::warn!("file watching not registered: {err}");
        }
    }
}

/// The path of a document URI; `None` for `untitled:` and other schemes.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let path = convert::uri_to_path(uri)?;
    // Symlinked folders must match the canonical roots.
    Some(
        match (
            path.parent().and_then(|p| p.canonicalize().ok()),
            path.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path,
        },
    )
}
