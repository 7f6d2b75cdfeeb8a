//! The single owner of the server's state. Every notification that changes
//! state (edits, file events, settings) arrives here in order through one
//! channel; requests ask for a `Snapshot` through the same channel, so they
//! see every edit sent before them, and then work on that snapshot without
//! blocking typing. Slow work (loading a corpus, checking a file) runs on
//! blocking threads and reports back as events.
//!
//! This file takes each event to its own function; `documents.rs` keeps the
//! open buffers, `workspaces.rs` loads the workspaces, `publish.rs` checks
//! files and publishes their diagnostics.

mod documents;
mod event;
mod publish;
mod settings;
mod snapshot;
mod workspaces;
mod writes;

pub use event::{ClientSetup, Event};
pub use settings::Settings;
pub use snapshot::Snapshot;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;

use super::convert::Encoding;
use super::publisher::{Publication, Publisher};
use crate::workspace::Role;
use documents::Documents;
use publish::CheckedText;
use workspaces::{Reload, WorkspaceState};
use writes::CacheWrites;

pub struct Session {
    client: Client,
    publisher: Publisher,
    sender: mpsc::UnboundedSender<Event>,
    encoding: Encoding,
    settings: Settings,
    documents: Documents,
    workspaces: Vec<WorkspaceState>,
    checking: HashSet<PathBuf>,
    check_again: HashSet<PathBuf>,
    watch_dynamically: bool,
    progress: bool,
    next_progress: i32,
    /// Requests that arrived before the first load of their workspace.
    waiting: Vec<oneshot::Sender<Snapshot>>,
    writes: CacheWrites,
}

/// Start the session on its own task; events go to the returned sender.
pub fn start(client: Client, publisher: Publisher) -> mpsc::UnboundedSender<Event> {
    let (sender, receiver) = mpsc::unbounded_channel();
    let session = Session {
        client,
        publisher,
        sender: sender.clone(),
        encoding: Encoding::Utf16,
        settings: Settings::default(),
        documents: Documents::default(),
        workspaces: Vec::new(),
        checking: HashSet::new(),
        check_again: HashSet::new(),
        watch_dynamically: false,
        progress: false,
        next_progress: 0,
        waiting: Vec::new(),
        writes: CacheWrites::default(),
    };
    tokio::spawn(session.run(receiver));
    sender
}

impl Session {
    async fn run(mut self, mut receiver: mpsc::UnboundedReceiver<Event>) {
        while let Some(event) = receiver.recv().await {
            tracing::debug!("event: {}", event.name());
            self.handle(event).await;
        }
    }

    async fn handle(&mut self, event: Event) {
        match event {
            Event::Initialize(setup) => self.initialize(setup),
            Event::Initialized => self.initialized().await,
            Event::Open {
                path,
                text,
                version,
            } => self.opened(path, &text, version),
            Event::Change {
                path,
                version,
                changes,
            } => self.changed(path, version, changes),
            Event::Close { path } => self.closed(path),
            Event::Saved { path } => self.saved(&path),
            Event::FilesChanged(changes) => self.files_changed(changes),
            Event::Settings(settings) => self.settings_changed(settings),
            Event::Folders { added, removed } => self.folders_changed(added, removed),
            Event::Snapshot(reply) => self.snapshot_requested(reply),
            Event::Shutdown(reply) => self.shutdown(reply).await,
            Event::Loaded { root, result } => self.loaded(root, result).await,
            Event::Published {
                root,
                generation,
                published,
            } => self.published(root, generation, published),
            Event::Checked {
                path,
                read,
                publication,
            } => self.checked(path, read, publication),
        }
    }

    fn initialize(&mut self, setup: ClientSetup) {
        self.encoding = setup.encoding;
        self.settings = setup.settings;
        self.watch_dynamically = setup.watch_dynamically;
        self.progress = setup.progress;
        for root in setup.roots {
            self.add_workspace(root);
        }
    }

    async fn initialized(&mut self) {
        if self.watch_dynamically {
            self.register_watchers().await;
        }
        self.reload_all();
    }

    fn opened(&mut self, path: PathBuf, text: &str, version: i32) {
        self.documents.open(path.clone(), text, version);
        self.ensure_workspace_for(&path);
        self.text_changed(&path);
    }

    fn changed(
        &mut self,
        path: PathBuf,
        version: i32,
        changes: Vec<lsp::TextDocumentContentChangeEvent>,
    ) {
        if self
            .documents
            .change(&path, changes, version, self.encoding)
        {
            self.text_changed(&path);
        } else {
            tracing::warn!("change for a document that is not open: {}", path.display());
        }
    }

    fn closed(&mut self, path: PathBuf) {
        self.documents.close(&path);
        if self.forget_if_alone(&path) {
            release_freed_memory();
            return;
        }
        if self.role_of(&path) == Some(Role::Note)
            && let Some(index) = self.workspace_index(&path)
            && let Some(analysis) = self.workspaces[index].analysis.clone()
        {
            let closed = path.clone();
            tokio::task::spawn_blocking(move || analysis.forget_buffer(&closed));
        }
        // The Problems panel keeps the file's problems as they are on disk.
        if self.is_article(&path) {
            self.reload_containing(&path, Reload::Files(vec![path.clone()]));
        } else {
            self.schedule_check(path);
        }
    }

    fn saved(&mut self, path: &Path) {
        if is_config(path) {
            self.reload_containing(path, Reload::Full);
        }
    }

    /// Files changed on disk: each workspace reloads what it must, once.
    fn files_changed(&mut self, changes: Vec<(PathBuf, lsp::FileChangeType)>) {
        let mut reloads: Vec<(PathBuf, Reload)> = Vec::new();
        for (path, kind) in changes {
            let (at, reload) = if is_config(&path) {
                // A new or deleted backstop.toml can move a root.
                let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                if kind == lsp::FileChangeType::CREATED && self.workspace_index(&path).is_none() {
                    self.add_workspace(root.clone());
                }
                (root, Reload::Full)
            } else if self.documents.contains(&path) && kind != lsp::FileChangeType::DELETED {
                // The editor's buffer wins over the disk.
                continue;
            } else {
                match self.role_of(&path) {
                    Some(Role::Note) if kind == lsp::FileChangeType::DELETED => {
                        self.clear(&path);
                    }
                    // A new note or article must join the analysis; a
                    // changed one is re-read.
                    Some(_) => {}
                    None => continue,
                }
                (path.clone(), Reload::Files(vec![path]))
            };
            let Some(index) = self.workspace_index(&at) else {
                continue;
            };
            let root = self.workspaces[index].root.clone();
            match reloads.iter_mut().find(|(r, _)| *r == root) {
                Some((_, existing)) => {
                    *existing = std::mem::replace(existing, Reload::Full).merge(reload)
                }
                None => reloads.push((root, reload)),
            }
        }
        for (root, reload) in reloads {
            self.load(&root, reload);
        }
    }

    fn settings_changed(&mut self, settings: Settings) {
        if settings != self.settings {
            self.settings = settings;
            self.reload_all();
        }
    }

    fn folders_changed(&mut self, added: Vec<PathBuf>, removed: Vec<PathBuf>) {
        for root in removed {
            self.remove_workspace(root);
        }
        for root in added {
            self.add_workspace(root.clone());
            let root = root.canonicalize().unwrap_or(root);
            self.load(&root, Reload::Full);
        }
    }

    fn snapshot_requested(&mut self, reply: oneshot::Sender<Snapshot>) {
        // A request must not see a workspace before its first load.
        if self.first_load_pending() {
            self.waiting.push(reply);
        } else {
            let _ = reply.send(self.snapshot());
        }
    }

    /// Store what the analyses made and the cache lacks, and what is being
    /// stored already, before answering: the next start reuses it.
    async fn shutdown(&mut self, reply: oneshot::Sender<()>) {
        for analysis in self.workspaces.iter().filter_map(|w| w.analysis.clone()) {
            self.writes.persist(analysis);
        }
        self.writes.finish().await;
        let _ = reply.send(());
        // Nothing may ask for an analysis after `shutdown`, and `exit`
        // follows: the process hands their memory back when it ends.
        crate::analysis::drop_without_freeing(std::mem::take(&mut self.workspaces));
        // Requests still waiting for a first load are answered now: no load
        // will finish for a workspace that is gone.
        self.answer_waiting();
    }

    /// A workspace's background publication finished.
    fn published(&mut self, root: PathBuf, generation: u64, published: HashSet<PathBuf>) {
        let open: Vec<PathBuf> = published
            .iter()
            .filter(|p| self.documents.contains(p))
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

    /// A file's check finished: its diagnostics are published unless what
    /// it read is gone (a buffer closed since, a lone file forgotten), and
    /// edits made meanwhile get one more check.
    fn checked(&mut self, path: PathBuf, read: CheckedText, publication: Option<Publication>) {
        self.checking.remove(&path);
        if let Some(publication) = publication
            && self.still_current(&path, read)
        {
            self.publisher.send(publication);
        }
        if self.check_again.remove(&path) {
            self.schedule_check(path);
        } else if read == CheckedText::Disk {
            // The check of a closed buffer's file on disk: what the buffer
            // and its checks held is free now.
            release_freed_memory();
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
            documents: self.documents.versions(),
            analyses: self
                .workspaces
                .iter()
                .filter(|w| w.broken.is_none())
                .filter_map(|w| w.analysis.clone())
                .collect(),
        }
    }

    /// An editor buffer changed: check it now, and when it is an article,
    /// rebuild its corpus so the notes citing it are checked again.
    fn text_changed(&mut self, path: &Path) {
        if self.is_article(path) {
            self.reload_containing(path, Reload::Files(vec![path.to_path_buf()]));
        }
        self.schedule_check(path.to_path_buf());
    }
}

/// Hand what the process freed back to the system, off the session's
/// thread.
fn release_freed_memory() {
    tokio::task::spawn_blocking(crate::analysis::release_freed_memory);
}

fn is_config(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::config::FILE_NAME)
}
