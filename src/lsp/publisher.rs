//! The server's `textDocument/publishDiagnostics` notifications, written as
//! frames of their own beside tower-lsp-server's output (`framing::
//! merge_output`). A note's diagnostics can run to megabytes of JSON: here
//! they are serialised once, straight from the protocol types, on the
//! thread that made them, and never pass through a `serde_json::Value`
//! tree on the way out.

use serde::Serialize;
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::notification::{Notification, PublishDiagnostics};
use tower_lsp_server::ls_types::{self as lsp, Uri};

/// One serialised notification body, ready to be framed.
#[derive(Debug)]
pub struct Publication(Vec<u8>);

#[derive(Serialize)]
struct NotificationBody<'a, P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: &'a P,
}

impl Publication {
    /// `diagnostics` for the document at `uri`; `version` when they were
    /// found in an editor's buffer of that version.
    pub fn new(uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> Publication {
        let params = lsp::PublishDiagnosticsParams::new(uri, diagnostics, version);
        let body = NotificationBody {
            jsonrpc: "2.0",
            method: PublishDiagnostics::METHOD,
            params: &params,
        };
        // Protocol types with string keys only: serialising cannot fail.
        Publication(serde_json::to_vec(&body).unwrap_or_default())
    }

    /// No diagnostics for `uri` any more.
    pub fn cleared(uri: Uri) -> Publication {
        Publication::new(uri, Vec::new(), None)
    }
}

/// Sends publications to the output, in the order they are sent.
#[derive(Clone)]
pub struct Publisher {
    frames: mpsc::UnboundedSender<Vec<u8>>,
}

impl Publisher {
    pub fn new(frames: mpsc::UnboundedSender<Vec<u8>>) -> Publisher {
        Publisher { frames }
    }

    pub fn send(&self, publication: Publication) {
        if self.frames.send(publication.0).is_err() {
            tracing::debug!("output closed; a publication is dropped");
        }
    }

    pub fn publish(&self, uri: Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) {
        self.send(Publication::new(uri, diagnostics, version));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn a_publication_is_the_notification_tower_lsp_would_send() {
        let uri: Uri = "file:///w/notes/n.md".parse().unwrap();
        let diagnostic = lsp::Diagnostic {
            range: lsp::Range::new(lsp::Position::new(1, 2), lsp::Position::new(1, 9)),
            message: "the cited source `a3` does not state 612,000".into(),
            data: Some(json!({"title": "Replace"})),
            ..Default::default()
        };
        let (frames, mut sent) = mpsc::unbounded_channel();
        let publisher = Publisher::new(frames);
        publisher.publish(uri.clone(), vec![diagnostic.clone()], Some(7));
        publisher.send(Publication::cleared(uri.clone()));
        let body: Value = serde_json::from_slice(&sent.try_recv().unwrap()).unwrap();
        let params = lsp::PublishDiagnosticsParams::new(uri.clone(), vec![diagnostic], Some(7));
        assert_eq!(
            body,
            json!({"jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                   "params": serde_json::to_value(params).unwrap()})
        );
        let cleared: Value = serde_json::from_slice(&sent.try_recv().unwrap()).unwrap();
        assert_eq!(cleared["params"]["diagnostics"], json!([]));
        assert!(cleared["params"].get("version").is_none());
    }
}
