//! `backstop lsp`: the language server over stdio, the only layer that knows
//! the protocol. `framing.rs` and `envelope.rs` guard the byte streams,
//! `server.rs` dispatches each method, `session/` owns the state,
//! `handlers/` answers requests (one file per method, on `request.rs`'s
//! shared types), `convert/` translates to and from protocol types and
//! `publisher.rs` writes the diagnostics notifications.

mod capabilities;
mod convert;
mod document;
mod envelope;
mod framing;
mod handlers;
mod publisher;
mod request;
mod server;
mod session;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::{LspService, Server};

pub fn run() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BACKSTOP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    // A panic in a handler is answered as an error (see `request::run`);
    // here it is logged once, on stderr, with where it happened.
    std::panic::set_hook(Box::new(|info| tracing::error!("panic: {info}")));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("backstop: error: cannot start the async runtime: {err}");
            return ExitCode::from(2);
        }
    };
    let shutdown_requested = AtomicBool::new(false);
    runtime.block_on(async {
        // The server reads checked frames and writes into a pipe; the
        // guard's own answers (to messages the server could not read) and
        // the session's diagnostics join its output between whole frames.
        let (answers, answers_out) = tokio::sync::mpsc::unbounded_channel();
        let publisher = publisher::Publisher::new(answers.clone());
        let (service, socket) =
            LspService::build(move |client| server::Backend::new(client, publisher.clone()))
                .custom_method("backstop/debugPanic", server::Backend::debug_panic)
                .finish();
        let (guarded_input, server_input) = tokio::io::duplex(1024 * 1024);
        let (server_output, output) = tokio::io::duplex(1024 * 1024);
        let gate = framing::InitializeGate::default();
        // The guard, the server and the writer share this thread, so a
        // message passes from one to the next without waking another thread.
        let guard = async {
            framing::guard_input(
                tokio::io::stdin(),
                guarded_input,
                answers,
                &gate,
                &shutdown_requested,
            )
            .await;
            // The server's input has ended with stdin's: the server stops.
            std::future::pending::<()>().await
        };
        let serve = Server::new(server_input, server_output, socket).serve(service);
        let write = framing::merge_output(output, answers_out, tokio::io::stdout(), &gate);
        tokio::select! {
            () = guard => {}
            _ = async { tokio::join!(serve, write) } => {}
        }
    });
    // Blocking checks still running must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    // As the protocol asks: success only when a `shutdown` request came
    // before the end.
    if shutdown_requested.load(Ordering::SeqCst) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
