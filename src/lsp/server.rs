//! The dispatch table: each LSP method becomes a session event (state
//! changes) or runs its handler on a snapshot (requests), and nothing more.

use std::path::PathBuf;

use tokio::sync::{mpsc, oneshot};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::capabilities::capabilities;
use super::convert::{self, Encoding};
use super::handlers::{self, *};
use super::publisher::Publisher;
use super::request::{self, DocumentRequest, invalid_params};
use super::session::{self, ClientSetup, Event, Settings, Snapshot};

pub struct Backend {
    client: Client,
    events: mpsc::UnboundedSender<Event>,
}

impl Backend {
    pub fn new(client: Client, publisher: Publisher) -> Backend {
        let events = session::start(client.clone(), publisher);
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

    async fn document_request<R: DocumentRequest>(&self, params: R::Params) -> Result<R::Result> {
        let path = request::document_path::<R>(&params)?;
        let snapshot = self.snapshot().await?;
        request::run::<R>(path, snapshot, params).await
    }

    /// Only with `BACKSTOP_DEBUG_REQUESTS=1`; otherwise the method is refused.
    pub async fn debug_panic(&self, params: TextDocumentIdentifier) -> Result<()> {
        if std::env::var_os("BACKSTOP_DEBUG_REQUESTS").is_none() {
            return Err(jsonrpc::Error::method_not_found());
        }
        self.document_request::<DebugPanicHandler>(params).await
    }
}

fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    if let Some(folders) = &params.workspace_folders
        && !folders.is_empty()
    {
        return folders
            .iter()
            .filter_map(|f| convert::uri_to_path(&f.uri))
            .collect();
    }
    #[allow(deprecated)] // `rootUri` is how older clients name their folder
    params
        .root_uri
        .as_ref()
        .and_then(convert::uri_to_path)
        .into_iter()
        .collect()
}

/// The session's start: what the client offers and asks for.
fn initialize_event(params: &InitializeParams) -> Result<Event> {
    let settings = match params
        .initialization_options
        .as_ref()
        .map(Settings::from_json)
    {
        Some(Ok(Some(settings))) => settings,
        Some(Err(message)) => return Err(invalid_params(message)),
        _ => Settings::default(),
    };
    let capabilities = &params.capabilities;
    let watch_dynamically = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let progress = capabilities
        .window
        .as_ref()
        .and_then(|w| w.work_done_progress)
        .unwrap_or(false);
    Ok(Event::Initialize(ClientSetup {
        roots: roots(params),
        encoding: Encoding::negotiate(capabilities),
        settings,
        watch_dynamically,
        progress,
    }))
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = Encoding::negotiate(&params.capabilities);
        self.send(initialize_event(&params)?);
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "backstop".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: capabilities(encoding),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.send(Event::Initialized);
    }

    async fn shutdown(&self) -> Result<()> {
        let (reply, done) = oneshot::channel();
        self.send(Event::Shutdown(reply));
        let _ = done.await;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        if let Some(path) = convert::document_path(&document.uri) {
            self.send(Event::Open {
                path,
                text: document.text,
                version: document.version,
            });
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        if let Some(path) = convert::document_path(&params.text_document.uri) {
            self.send(Event::Change {
                path,
                version: params.text_document.version,
                changes: params.content_changes,
            });
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some(path) = convert::document_path(&params.text_document.uri) {
            self.send(Event::Close { path });
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = convert::document_path(&params.text_document.uri) {
            self.send(Event::Saved { path });
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let changes = params
            .changes
            .into_iter()
            .filter_map(|change| Some((convert::document_path(&change.uri)?, change.typ)))
            .collect();
        self.send(Event::FilesChanged(changes));
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |folders: Vec<WorkspaceFolder>| -> Vec<PathBuf> {
            folders
                .iter()
                .filter_map(|f| convert::uri_to_path(&f.uri))
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
        self.document_request::<HoverHandler>(params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.document_request::<DefinitionHandler>(params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.document_request::<ReferencesHandler>(params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.document_request::<InlayHintsHandler>(params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.document_request::<CompletionHandler>(params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.document_request::<CodeActionHandler>(params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.document_request::<DocumentSymbolsHandler>(params)
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let snapshot = self.snapshot().await?;
        let query = params.query;
        tokio::task::spawn_blocking(move || handlers::workspace_symbols::handle(&snapshot, &query))
            .await
            .map_err(|_| jsonrpc::Error::internal_error())?
    }
}
