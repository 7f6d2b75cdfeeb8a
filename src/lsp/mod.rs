//! `backstop lsp`: the language server over stdio. The only layer that knows
//! the protocol: `server.rs` dispatches, `session.rs` owns state,
//! `convert.rs` translates, and `handlers/` has one module per feature.

mod convert;
mod document;
mod framing;
mod handlers;
mod server;
mod session;

use std::process::ExitCode;

use tower_lsp_server::{LspService, Server};

pub fn run() -> ExitCode {
    let filter = tracing_subscriber::EnvFilter::try_from_env("BACKSTOP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
    // A panic in a handler is answered as an error (see `Backend::run`);
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
    runtime.block_on(async {
        let (service, socket) = LspService::build(server::Backend::new)
            .custom_method("backstop/debugPanic", server::Backend::debug_panic)
            .finish();
        let (checked_input, server_input) = tokio::io::duplex(1024 * 1024);
        tokio::spawn(framing::forward_valid_frames(
            tokio::io::stdin(),
            checked_input,
        ));
        Server::new(server_input, tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // Blocking checks still running must not hold the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    ExitCode::SUCCESS
}
