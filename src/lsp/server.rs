//! The dispatch table: each LSP method forwards to the session (state
//! changes) or to a handler module (requests) and nothing more.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::handlers;
use super::session::{self, Event, Settings, Snapshot};
use crate::analysis::Analysis;

pub struct Backend {
    client: Client,
    events: mpsc::UnboundedSender<Event>,
}

/// A request's target: the document's path, its current text and the
/// analysis of its workspace.
pub struct Target {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub analysis: Arc<Analysis>,
    pub snapshot: Snapshot,
}

pub fn invalid_params(message: impl Into<String>) -> jsonrpc::Error {
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InvalidParams,
        message: message.into().into(),
        data: None,
    }
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let events = session::start(client.clone());
        Backend { client, events }
    }

    fn send(&self, event: Event) {
        if self.events.send(event).is_err() {
            tracing::error!("session stopped");
        }
    }

    async fn snapshot(&self) -> Result<Snapshot> {
        let (reply, receive) = oneshot::channel();
        self.send(Event::Snapshot(reply));
        receive.await.map_err(|_| jsonrpc::Error::internal_error())
    }

    /// Run a request handler on a snapshot, off the async threads, turning a
    /// panic into an error answer while the server goes on.
    async fn run<T, F>(&self, method: &'static str, uri: &Uri, handler: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(Target) -> Result<T> + Send + 'static,
    {
        let path = session::path_of(uri).ok_or_else(|| {
            invalid_params(format!(
                "{method}: backstop only analyses files on disk, not `{}`",
                uri.as_str()
            ))
        })?;
        let snapshot = self.snapshot().await?;
        let text = snapshot.text(&path).ok_or_else(|| {
            invalid_params(format!("{method}: unknown document {}", uri.as_str()))
        })?;
        let analysis = snapshot.analysis_for(&path).cloned().ok_or_else(|| {
            invalid_params(format!(
                "{method}: {} is not in a loaded workspace yet",
                uri.as_str()
            ))
        })?;
        let target = Target {
            path,
            text,
            analysis,
            snapshot,
        };
        match tokio::task::spawn_blocking(move || handler(target)).await {
            Ok(result) => result,
            Err(err) => {
                tracing::error!("{method} failed: {err}");
                Err(jsonrpc::Error {
                    code: jsonrpc::ErrorCode::InternalError,
                    message: format!("backstop: internal error in {method}").into(),
                    data: None,
                })
            }
        }
    }
}

fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders
        && !folders.is_empty()
    {
        return folders
            .iter()
            .filter_map(|f| super::convert::uri_to_path(&f.uri))
            .collect();
    }
    #[allow(deprecated)]
    params
        .root_uri
        .as_ref()
        .and_then(super::convert::uri_to_path)
        .into_iter()
        .collect()
}

impl Backend {
    /// Panics inside a request handler, to prove the server survives one.
    /// Only with `BACKSTOP_DEBUG_REQUESTS=1`; otherwise the method is refused.
    pub async fn debug_panic(&self, params: TextDocumentIdentifier) -> Result<()> {
        if std::env::var_os("BACKSTOP_DEBUG_REQUESTS").is_none() {
            return Err(jsonrpc::Error::method_not_found());
        }
        self.run("debugPanic", &params.uri, |_| -> Result<()> {
            panic!("requested by backstop/debugPanic")
        })
        .await
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = super::convert::Encoding::negotiate(&params.capabilities);
        let settings = match params
            .initialization_options
            .as_ref()
            .map(Settings::from_json)
        {
            Some(Ok(Some(settings))) => settings,
            Some(Err(message)) => return Err(invalid_params(message)),
            _ => Settings::default(),
        };
        let watch_dynamically = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let progress = params
            .capabilities
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false);
        self.send(Event::Initialize {
            roots: roots(&params),
            encoding,
            settings,
            watch_dynamically,
            progress,
        });
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "backstop".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: handlers::capabilities(encoding),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.send(Event::Initialized);
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        if let Some(path) = session::path_of(&document.uri) {
            self.send(Event::Open {
                path,
                text: document.text,
                version: document.version,
            });
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        if let Some(path) = session::path_of(&params.text_document.uri) {
            self.send(Event::Change {
                path,
                version: params.text_document.version,
                changes: params.content_changes,
            });
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some(path) = session::path_of(&params.text_document.uri) {
            self.send(Event::Close { path });
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = session::path_of(&params.text_document.uri) {
            self.send(Event::Saved { path });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changes = params
            .changes
            .into_iter()
            .filter_map(|change| Some((session::path_of(&change.uri)?, change.typ)))
            .collect();
        self.send(Event::FilesChanged(changes));
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |folders: Vec<WorkspaceFolder>| -> Vec<PathBuf> {
            folders
                .iter()
                .filter_map(|f| super::convert::uri_to_path(&f.uri))
                .collect()
        };
        self.send(Event::Folders {
            added: paths(params.event.added),
            removed: paths(params.event.removed),
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        match Settings::from_json(&params.settings) {
            Ok(Some(settings)) => self.send(Event::Settings(settings)),
            Ok(None) => {}
            Err(message) => {
                self.client.show_message(MessageType::ERROR, message).await;
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        self.run("hover", &uri, move |target| {
            handlers::hover::hover(&target, position)
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let position = params.text_document_position_params.position;
        let uri = params.text_document_position_params.text_document.uri;
        self.run("definition", &uri, move |target| {
            handlers::navigation::definition(&target, position)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        self.run("references", &uri, move |target| {
            handlers::navigation::references(&target, position)
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        let uri = params.text_document.uri;
        self.run("inlayHint", &uri, move |target| {
            handlers::navigation::inlay_hints(&target, range)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let position = params.text_document_position.position;
        let uri = params.text_document_position.text_document.uri;
        self.run("completion", &uri, move |target| {
            handlers::completion::completion(&target, position)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.run("codeAction", &uri, move |target| {
            handlers::code_action::code_actions(&target, &params)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let uri = params.text_document.uri;
        self.run("documentSymbol", &uri, handlers::symbols::document_symbols)
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshot = self.snapshot().await?;
        let query = params.query;
        tokio::task::spawn_blocking(move || handlers::symbols::workspace_symbols(&snapshot, &query))
            .await
            .map_err(|_| jsonrpc::Error::internal_error())?
    }
}
