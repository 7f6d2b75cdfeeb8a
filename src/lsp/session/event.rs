//! What reaches the session, in order, through its one channel: the
//! client's notifications, requests for a snapshot, and the reports of its
//! own background work.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::oneshot;
use tower_lsp_server::ls_types as lsp;

use super::publish::CheckedText;
use super::{Settings, Snapshot};
use crate::analysis::Analysis;
use crate::config::ConfigError;
use crate::lsp::convert::Encoding;
use crate::lsp::publisher::Publication;

/// What the client said in `initialize`.
pub struct ClientSetup {
    pub roots: Vec<PathBuf>,
    pub encoding: Encoding,
    pub settings: Settings,
    /// It can watch files for the server, on request.
    pub watch_dynamically: bool,
    /// It shows work-done progress.
    pub progress: bool,
}

pub enum Event {
    Initialize(ClientSetup),
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
    /// A request wants the state as it is now.
    Snapshot(oneshot::Sender<Snapshot>),
    /// The client asked the server to shut down; answered once the cache
    /// writes are done.
    Shutdown(oneshot::Sender<()>),
    /// A background load of a workspace finished.
    Loaded {
        root: PathBuf,
        result: Result<Arc<Analysis>, ConfigError>,
    },
    /// A background check of one file finished, with its diagnostics
    /// unless it failed; the session decides whether they still apply.
    Checked {
        path: PathBuf,
        read: CheckedText,
        publication: Option<Publication>,
    },
    /// The background publication of a workspace's diagnostics finished.
    Published {
        root: PathBuf,
        generation: u64,
        published: HashSet<PathBuf>,
    },
}

impl Event {
    pub fn name(&self) -> &'static str {
        match self {
            Event::Initialize(_) => "initialize",
            Event::Initialized => "initialized",
            Event::Open { .. } => "open",
            Event::Change { .. } => "change",
            Event::Close { .. } => "close",
            Event::Saved { .. } => "saved",
            Event::FilesChanged(_) => "files changed",
            Event::Settings(_) => "settings",
            Event::Folders { .. } => "folders",
            Event::Snapshot(_) => "snapshot",
            Event::Shutdown(_) => "shutdown",
            Event::Loaded { .. } => "loaded",
            Event::Checked { .. } => "checked",
            Event::Published { .. } => "published",
        }
    }
}
