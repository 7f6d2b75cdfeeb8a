//! The language server under traffic no editor should send, and at the end
//! of its life: every message gets the answer JSON-RPC asks for, and the
//! server goes on; its exit status says whether it was shut down properly.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::lsp::{Fixture, LspClient, diagnostic_codes, uri};

const WORKSPACE: &str = r#"
//- /sources/talks.md
---
title: Talks in Washington
date: 2025-02-27
source: AFP
---
Starmer met Trump at the White House.
//- /notes/brief.md
# Brief

Starmer met Trump [@talks].
"#;

/// Long enough for an answer; a server that died gives none.
const ANSWER: Duration = Duration::from_secs(5);

fn start(fx: &Fixture) -> LspClient {
    LspClient::start(fx.root(), json!({}), Value::Null)
}

/// The server still answers a request about a file.
fn assert_alive(client: &mut LspClient, fx: &Fixture) {
    assert!(client.is_running(), "the server exited");
    let symbols = client.request_within(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": fx.uri("notes/brief.md")}}),
        ANSWER,
    );
    assert!(
        matches!(symbols, Some(Ok(_))),
        "no symbols after the bad message: {symbols:?}"
    );
}

#[test]
fn bodies_that_are_not_messages_get_invalid_request_and_the_server_goes_on() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(&fx);
    client.open(&fx.path("notes/brief.md"), fx.text("notes/brief.md"));
    let deep_params = format!(
        r#"{{"jsonrpc":"2.0","id":"deep","method":"textDocument/hover","params":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, &str, Value)> = vec![
        ("an empty object", "{}", Value::Null),
        ("an empty array", "[]", Value::Null),
        ("a number", "1", Value::Null),
        ("null", "null", Value::Null),
        (
            "a method that is a number",
            r#"{"jsonrpc":"2.0","id":7,"method":42}"#,
            json!(7),
        ),
        (
            "a notification whose method is a number",
            r#"{"jsonrpc":"2.0","method":42}"#,
            Value::Null,
        ),
        (
            "a float id",
            r#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover","params":{}}"#,
            Value::Null,
        ),
        (
            "an id wider than 64 bits",
            r#"{"jsonrpc":"2.0","id":18446744073709551616,"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            "a batch",
            r#"[{"jsonrpc":"2.0","id":8,"method":"shutdown"}]"#,
            Value::Null,
        ),
        ("deeply nested params", &deep_params, json!("deep")),
        ("deeply nested arrays", &deep, Value::Null),
    ];
    for (what, body, id) in cases {
        client.send_raw(body);
        let answer = client
            .wait_for(|m| m.get("error").is_some() && m["id"] == id, ANSWER)
            .unwrap_or_else(|| panic!("no answer to {what}"));
        assert_eq!(answer["error"]["code"], -32600, "{what}: {answer}");
        assert_alive(&mut client, &fx);
    }
    let (_, code) = client.shutdown();
    assert_eq!(code, Some(0));
}

#[test]
fn an_unknown_dollar_request_is_answered_method_not_found() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(&fx);
    let answer = client
        .request_within("$/unknownRequest", json!({}), ANSWER)
        .expect("an answer to a `$/` request");
    assert_eq!(answer.unwrap_err()["code"], -32601);
    // `$/` notifications are still ignored without an answer.
    client.notify("$/unknownNotification", json!({}));
    client.notify("$/cancelRequest", json!({"id": 999}));
    assert_alive(&mut client, &fx);
    assert!(
        !client.backlog.iter().any(|m| m.get("error").is_some()),
        "{:?}",
        client.backlog
    );
}

#[test]
fn exit_without_shutdown_exits_with_status_1() {
    let fx = Fixture::new(WORKSPACE);
    let (_, code) = start(&fx).exit();
    assert_eq!(code, Some(1));
    let (_, code) = start(&fx).shutdown();
    assert_eq!(code, Some(0));
    // `exit` right behind `shutdown`, before its answer: the request came.
    let mut client = start(&fx);
    client.send_all(&[
        json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}),
        json!({"jsonrpc": "2.0", "method": "exit"}),
    ]);
    let (_, code) = client.wait_for_exit();
    assert_eq!(code, Some(0));
}

/// A client that does not wait for the answer to `initialize` before it
/// goes on, as the protocol asks it to, still has every later message
/// handled: none is refused or dropped as arriving too early.
#[test]
fn messages_sent_before_initialize_is_answered_are_handled_after_it() {
    let fx = Fixture::new(WORKSPACE);
    let note = fx.uri("notes/brief.md");
    let mut client = LspClient::spawn(&[]);
    client.send_all(&[
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"rootUri": uri(fx.root()), "capabilities": {}}}),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": note, "languageId": "markdown", "version": 1, "text": fx.text("notes/brief.md")}}}),
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/documentSymbol",
            "params": {"textDocument": {"uri": note}}}),
    ]);
    for id in [1, 2] {
        let answer = client
            .wait_for(|m| m["id"] == id, ANSWER)
            .unwrap_or_else(|| panic!("no answer to request {id}"));
        assert!(answer.get("result").is_some(), "{answer}");
    }
    client.diagnostics_where(&note, |p| diagnostic_codes(p).is_empty());
    let (_, code) = client.shutdown();
    assert_eq!(code, Some(0));
}
