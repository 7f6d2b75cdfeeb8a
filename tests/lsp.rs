//! The language server end to end: the real `backstop lsp` binary driven over
//! stdio by a small client, as an editor would.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::lsp::{LspClient, diagnostic_codes, uri};
use support::{workspace, write};

const ARTICLE: &str = "---\ntitle: Talks in Washington\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump at the White House.\n";

fn fixture() -> tempfile::TempDir {
    workspace(&[
        ("sources/talks.md", ARTICLE),
        (
            "sources/bad-date.md",
            "---\ntitle: Wire\ndate: 27/02/2025\nsource: AP\n---\nZelensky will visit on Friday.\n",
        ),
        (
            "sources/no-source.md",
            "---\ntitle: Plan\ndate: 2025-02-21\n---\nThe plan names 30,000 troops.\n",
        ),
        (
            "notes/brief.md",
            "# Brief\n\n## Talks\n\nStarmer met Trump [@talks].\n",
        ),
    ])
}

fn start(root: &std::path::Path) -> LspClient {
    LspClient::start(
        root,
        json!({
            "general": {"positionEncodings": ["utf-16"]},
            "window": {"workDoneProgress": true},
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}
        }),
        Value::Null,
    )
}

/// The references at a position (declarations included), as sorted
/// `file:line` strings.
fn references(client: &mut LspClient, uri: &str, line: u32, character: u32) -> Vec<String> {
    let locations = client
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}, "context": {"includeDeclaration": true}}),
        )
        .unwrap();
    let mut places: Vec<String> = locations
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            format!(
                "{}:{}",
                l["uri"].as_str().unwrap().rsplit('/').next().unwrap(),
                l["range"]["start"]["line"]
            )
        })
        .collect();
    places.sort();
    places
}

/// Strip the per-run temp folder from URIs so snapshots are stable.
fn stable(value: &Value, root: &std::path::Path) -> Value {
    let text = value.to_string().replace(&uri(root), "file://ROOT");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn workspace_diagnostics_arrive_without_opening_files() {
    let dir = fixture();
    let mut client = start(dir.path());
    let bad = client.diagnostics_with_codes(
        &uri(&dir.path().join("sources/bad-date.md")),
        &["invalid-date"],
    );
    insta::assert_json_snapshot!(stable(&bad, dir.path()));
    client.diagnostics_with_codes(
        &uri(&dir.path().join("sources/no-source.md")),
        &["missing-source"],
    );
    // Indexing was reported as work-done progress.
    assert!(
        client
            .wait_for(
                |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end",
                Duration::from_secs(5)
            )
            .is_some()
    );
    // File watching was registered dynamically.
    assert!(
        client
            .backlog
            .iter()
            .any(|m| m["method"] == "client/registerCapability")
    );
    let (took, code) = client.shutdown();
    assert_eq!(code, Some(0));
    assert!(took < Duration::from_secs(2), "shutdown took {took:?}");
}

#[test]
fn edits_update_diagnostics_in_order() {
    let dir = fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("sources/bad-date.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = client.open(&path, &text);
    client.diagnostics_where(&uri, |p| {
        p["version"] == 1 && diagnostic_codes(p) == ["invalid-date"]
    });
    // Three quick incremental edits: replace the date, then break the source key,
    // then restore it. Only the final text counts.
    let edits = [
        (2, 6, 2, 16, "2025-02-27"),
        (3, 0, 3, 6, "sauce"),
        (3, 0, 3, 5, "source"),
    ];
    for (version, (l1, c1, l2, c2, new)) in edits.iter().enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version + 2},
                "contentChanges": [{"range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}, "text": new}]
            }),
        );
    }
    client.diagnostics_where(&uri, |p| {
        p["version"] == 4 && diagnostic_codes(p).is_empty()
    });
    // Unsaved text: the disk still has the bad date.
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("27/02/2025")
    );
}

#[test]
fn hover_on_an_article_date() {
    let dir = fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("sources/talks.md");
    let uri = client.open(&path, ARTICLE);
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 8}}),
        )
        .unwrap();
    insta::assert_json_snapshot!(hover);
    let nothing = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 5, "character": 2}}),
        )
        .unwrap();
    assert_eq!(nothing, Value::Null);
}

#[test]
fn completion_offers_citation_keys() {
    let dir = fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("notes/brief.md");
    let text = "Starmer met Trump [@ta";
    let uri = client.open(&path, text);
    let result = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 22}}),
        )
        .unwrap();
    let labels: Vec<&str> = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.len(), 3);
    let talks = result["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "talks")
        .unwrap();
    insta::assert_json_snapshot!(talks);
    let none = client
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 5}}),
        )
        .unwrap();
    assert_eq!(none, Value::Null);
}

/// A corpus larger than one completion list: keys are narrowed by what
/// was typed, and the list says it is incomplete while more match.
#[test]
fn completion_in_a_large_corpus_narrows_by_key() {
    let files: Vec<(String, String)> = (0..600)
        .map(|i| {
            (
                format!("sources/a{i:03}.md"),
                format!("---\ntitle: Plan {i}\ndate: 2024-03-01\nsource: AFP\n---\nText {i}.\n"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = support::workspace(&refs);
    let mut client = start(dir.path());
    let path = dir.path().join("notes/n.md");
    let uri = client.open(&path, "Plans [@a\nPlans [@a01\n");
    let complete = |client: &mut LspClient, line: u32, character: u32| {
        client
            .request(
                "textDocument/completion",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            )
            .unwrap()
    };
    let broad = complete(&mut client, 0, 9);
    assert_eq!(broad["isIncomplete"], true);
    assert_eq!(broad["items"].as_array().unwrap().len(), 500);
    let narrow = complete(&mut client, 1, 11);
    assert_eq!(narrow["isIncomplete"], false);
    let mut labels: Vec<&str> = narrow["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    labels.sort_unstable();
    let expected: Vec<String> = (10..20).map(|i| format!("a{i:03}")).collect();
    assert_eq!(labels, expected);
    let first = &narrow["items"][0];
    assert!(
        first["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Plan"),
        "{first}"
    );
}

#[test]
fn code_actions_carry_fixes_and_ignore_comments() {
    let dir = fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("sources/bad-date.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = client.open(&path, &text);
    client.diagnostics_with_codes(&uri, &["invalid-date"]);
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 2, "character": 8}, "end": {"line": 2, "character": 8}},
                "context": {"diagnostics": []}
            }),
        )
        .unwrap();
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace with 2025-02-27",
            "Ignore `invalid-date` on this line"
        ]
    );
    insta::assert_json_snapshot!(stable(&actions[0]["edit"], dir.path()));
    assert_eq!(
        actions[1]["edit"]["changes"][&uri][0]["newText"],
        " <!-- backstop-ignore invalid-date -->"
    );
}

#[test]
fn article_changed_on_disk_is_checked_again() {
    let dir = fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("sources/no-source.md");
    let uri = uri(&path);
    client.diagnostics_with_codes(&uri, &["missing-source"]);
    write(
        dir.path(),
        "sources/no-source.md",
        b"---\ntitle: Plan\ndate: 2025-02-21\nsource: Reuters\n---\nThe plan.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}]}),
    );
    client.diagnostics_with_codes(&uri, &[]);
}

#[test]
fn articles_created_and_deleted_on_disk_join_and_leave_the_corpus() {
    let dir = fixture();
    write(dir.path(), "notes/aid.md", b"Aid grew [@aid].\n");
    let mut client = start(dir.path());
    let note = uri(&dir.path().join("notes/aid.md"));
    client.diagnostics_with_codes(&note, &["unknown-source"]);
    let article = dir.path().join("sources/aid.md");
    write(
        dir.path(),
        "sources/aid.md",
        b"---\ntitle: Aid\ndate: 2025-02-21\nsource: AP\n---\nAid grew.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&article), "type": 1}]}),
    );
    client.diagnostics_with_codes(&note, &[]);
    std::fs::remove_file(&article).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&article), "type": 3}]}),
    );
    client.diagnostics_with_codes(&note, &["unknown-source"]);
}

#[test]
fn broken_config_is_reported_and_stops_checking() {
    let dir = fixture();
    write(
        dir.path(),
        "backstop.toml",
        b"[rules]\nmisquote = \"loud\"\n",
    );
    let mut client = start(dir.path());
    let message = client
        .wait_for(
            |m| m["method"] == "window/showMessage",
            Duration::from_secs(10),
        )
        .expect("error message");
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("bad severity `loud`")
    );
    let config = client.diagnostics_where(&uri(&dir.path().join("backstop.toml")), |p| {
        !diagnostic_codes(p).is_empty() || !p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(config["diagnostics"][0]["range"]["start"]["line"], 1);
    // Fixing the file brings the checks back.
    write(
        dir.path(),
        "backstop.toml",
        b"[rules]\nmisquote = \"warning\"\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.path().join("backstop.toml")), "type": 2}]}),
    );
    client.diagnostics_with_codes(
        &uri(&dir.path().join("sources/bad-date.md")),
        &["invalid-date"],
    );
}

#[test]
fn settings_from_initialization_options_and_configuration() {
    let dir = fixture();
    let mut client = LspClient::start(
        dir.path(),
        json!({}),
        json!({"rules": {"invalid-date": "off", "missing-source": "error"}}),
    );
    let params = client.diagnostics_with_codes(
        &uri(&dir.path().join("sources/no-source.md")),
        &["missing-source"],
    );
    assert_eq!(params["diagnostics"][0]["severity"], 1);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"backstop": {"rules": {"invalid-date": "warning"}}}}),
    );
    let params = client.diagnostics_with_codes(
        &uri(&dir.path().join("sources/bad-date.md")),
        &["invalid-date"],
    );
    assert_eq!(params["diagnostics"][0]["severity"], 2);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = workspace(&[(
        "sources/a.md",
        "---\ntitle: Café 😀\ndate: 27/02/2025\nsource: AFP\n---\nBody.\n",
    )]);
    let mut client = LspClient::start(
        dir.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let path = dir.path().join("sources/a.md");
    let uri = client.open(&path, "---\ntitle: Café 😀\ndate: 27/02/2025\nsource: AFP\n---\nBody. 😀 \"x\" [@a] date: 27/02/2025\n");
    let params = client.diagnostics_with_codes(&uri, &["invalid-date"]);
    assert_eq!(params["diagnostics"][0]["range"]["start"]["character"], 6);
}

#[test]
fn document_and_workspace_symbols() {
    let dir = fixture();
    let mut client = start(dir.path());
    let uri = client.open(
        &dir.path().join("notes/brief.md"),
        "# Brief\n\n## Talks\n\nText.\n\n## Money\n\n# Annex\n",
    );
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    insta::assert_json_snapshot!(symbols);
    // Wait until the workspace is loaded before asking for its symbols.
    client.diagnostics_with_codes(
        &support::lsp::uri(&dir.path().join("sources/bad-date.md")),
        &["invalid-date"],
    );
    let found = client
        .request("workspace/symbol", json!({"query": "wire"}))
        .unwrap();
    let names: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bad-date"]);
}

#[test]
fn garbage_and_bad_requests_do_not_kill_the_server() {
    let dir = fixture();
    let mut client = start(dir.path());
    // Not JSON: dropped (and logged), and the server keeps reading.
    client.send_raw("{not json at all");
    client.send_raw(
        r#"{"jsonrpc":"2.0","id":"x1","method":"textDocument/hover","params":{"nonsense":true}}"#,
    );
    let malformed = client
        .wait_for(|m| m["id"] == "x1", Duration::from_secs(10))
        .expect("answer");
    assert!(malformed.get("error").is_some());
    let unknown = client.request("backstop/noSuchMethod", json!({}));
    assert!(unknown.is_err());
    let missing = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///no/such/file.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(
        missing.unwrap_err()["message"]
            .as_str()
            .unwrap()
            .contains("unknown document")
    );
    let untitled = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(untitled.is_err());
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": "x"}}),
    );
    let uri = client.open(&dir.path().join("notes/brief.md"), "# Brief\n");
    let past_end = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 99, "character": 0}}),
    );
    assert!(past_end.is_err());
    // A change for a document that was never opened is ignored.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    // Still alive and answering.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.is_ok());
    assert!(client.is_running());
    let (_, code) = client.shutdown();
    assert_eq!(code, Some(0));
}

const QUOTED: &str = "---\ntitle: Talks in Washington\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump at the White House on Thursday.\n\n\"We need a lasting peace, not a ceasefire,\" Starmer told reporters.\n\nThe plan would deploy 30,000 European troops.\n";
const BRIEF: &str = "# Brief\n\nStarmer said \"we need a lasting peace\" [@talks].\n\nThe plan would deploy 30,000 troops [@talks].\n";

fn quoted_fixture() -> tempfile::TempDir {
    workspace(&[
        ("sources/talks.md", QUOTED),
        (
            "sources/other.md",
            "---\ntitle: Other\ndate: 2025-02-20\nsource: AP\n---\nMacron visited Washington.\n",
        ),
        ("notes/brief.md", BRIEF),
        ("notes/second.md", "Talks happened [@talks].\n"),
    ])
}

#[test]
fn note_diagnostics_follow_typing_and_article_changes() {
    let dir = quoted_fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("notes/brief.md");
    let text = BRIEF.replace("lasting peace", "lasting truce");
    let uri = client.open(&path, &text);
    let params = client.diagnostics_where(&uri, |p| diagnostic_codes(p) == ["misquote"]);
    insta::assert_json_snapshot!(stable(&params, dir.path()));
    // Typing the source's word back fixes it.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 32}, "end": {"line": 2, "character": 37}}, "text": "peace"}]
        }),
    );
    client.diagnostics_where(&uri, |p| {
        p["version"] == 2 && diagnostic_codes(p).is_empty()
    });
    // The article changes on disk: the open note is checked again.
    write(
        dir.path(),
        "sources/talks.md",
        QUOTED.replace("30,000", "40,000").as_bytes(),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": support::lsp::uri(&dir.path().join("sources/talks.md")), "type": 2}]}),
    );
    client.diagnostics_where(&uri, |p| diagnostic_codes(p) == ["number-mismatch"]);
}

#[test]
fn hover_definition_references_and_hints_for_citations_and_quotes() {
    let dir = quoted_fixture();
    let mut client = start(dir.path());
    let path = dir.path().join("notes/brief.md");
    let uri = client.open(&path, BRIEF);
    let position = |line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    let on_citation = client
        .request("textDocument/hover", position(2, 42))
        .unwrap();
    insta::assert_snapshot!(
        "citation_hover",
        on_citation["contents"]["value"].as_str().unwrap()
    );
    let on_quote = client
        .request("textDocument/hover", position(2, 20))
        .unwrap();
    insta::assert_snapshot!(
        "quote_hover",
        on_quote["contents"]["value"].as_str().unwrap()
    );

    let talks = support::lsp::uri(&dir.path().join("sources/talks.md"));
    let to_quote = client
        .request("textDocument/definition", position(2, 20))
        .unwrap();
    assert_eq!(to_quote["uri"], talks);
    assert_eq!(
        to_quote["range"]["start"],
        json!({"line": 7, "character": 1})
    );
    let to_passage = client
        .request("textDocument/definition", position(4, 40))
        .unwrap();
    assert_eq!(to_passage["uri"], talks);
    assert_eq!(
        to_passage["range"]["start"]["line"], 9,
        "the sentence with 30,000"
    );

    assert_eq!(
        references(&mut client, &uri, 2, 42),
        ["brief.md:2", "brief.md:4", "second.md:0"]
    );

    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}}),
        )
        .unwrap();
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2025-02-27 · AFP", "2025-02-27 · AFP"]);
}

const PEOPLE_ARTICLE: &str = "---\ntitle: Talks in Washington\ndate: 2025-02-27\nsource: AFP\n---\nBritish Prime Minister Keir Starmer met U.S. President Donald Trump at the White House on Thursday.\n\n\"We need a lasting peace, not a ceasefire,\" Starmer told reporters.\n\n\"I have confidence if we make a deal, it's going to hold,\" Trump said.\n";
const PEOPLE_NOTE: &str = "# Brief\n\nStarmer said \"we need a lasting peace\" [@talks].\n";

fn people_fixture() -> tempfile::TempDir {
    workspace(&[
        ("sources/talks.md", PEOPLE_ARTICLE),
        (
            "sources/later.md",
            "---\ntitle: Later\ndate: 2025-03-02\nsource: AP\n---\nKeir Starmer met Volodymyr Zelensky in London.\n",
        ),
        ("notes/brief.md", PEOPLE_NOTE),
    ])
}

#[test]
fn people_in_hover_definition_references_completion_and_symbols() {
    let dir = people_fixture();
    let mut client = start(dir.path());
    let note = dir.path().join("notes/brief.md");
    let talks = dir.path().join("sources/talks.md");
    let uri = client.open(&note, PEOPLE_NOTE);
    let at = |uri: &str, line: u32, character: u32| json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    // Hover on the person a note names.
    let person = client
        .request("textDocument/hover", at(&uri, 2, 3))
        .unwrap();
    insta::assert_snapshot!(
        "person_hover",
        person["contents"]["value"].as_str().unwrap()
    );
    // Go to the first mention: the earliest article.
    let first = client
        .request("textDocument/definition", at(&uri, 2, 3))
        .unwrap();
    assert_eq!(first["uri"], support::lsp::uri(&talks));
    assert_eq!(first["range"]["start"]["line"], 5);
    // References: three mentions in the corpus, one in the note.
    assert_eq!(
        references(&mut client, &uri, 2, 3),
        ["brief.md:2", "later.md:5", "talks.md:5", "talks.md:7"]
    );

    // In the article: the quote, and the person inside the attribution.
    let article_uri = client.open(&talks, PEOPLE_ARTICLE);
    let quote = client
        .request("textDocument/hover", at(&article_uri, 9, 10))
        .unwrap();
    insta::assert_snapshot!(
        "article_quote_hover",
        quote["contents"]["value"].as_str().unwrap()
    );
    let trump = client
        .request("textDocument/hover", at(&article_uri, 5, 60))
        .unwrap();
    assert!(
        trump["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Donald Trump**"),
        "{trump}"
    );

    // Names complete as they are typed.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "# Brief\n\nThen Don"}]}),
    );
    let names = client
        .request("textDocument/completion", at(&uri, 2, 8))
        .unwrap();
    let labels: Vec<&str> = names["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Donald Trump"]);

    // Symbols: the article's quotes and people; people across the workspace.
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": article_uri}}),
        )
        .unwrap();
    let outline: Vec<String> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let children: Vec<&str> = s["children"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["name"].as_str().unwrap())
                .collect();
            format!("{}: {}", s["name"].as_str().unwrap(), children.join(" | "))
        })
        .collect();
    insta::assert_json_snapshot!("article_outline", outline);
    let found = client
        .request("workspace/symbol", json!({"query": "keir"}))
        .unwrap();
    assert_eq!(found[0]["name"], "Keir Starmer");
}

/// An edited article changes the people index (updated from the previous
/// one, see `PeopleIndex::update`): a new mention is found.
#[test]
fn people_follow_an_edited_article() {
    let dir = people_fixture();
    let mut client = start(dir.path());
    let uri = client.open(&dir.path().join("notes/brief.md"), PEOPLE_NOTE);
    assert_eq!(
        references(&mut client, &uri, 2, 3),
        ["brief.md:2", "later.md:5", "talks.md:5", "talks.md:7"]
    );
    // Starmer is named again, and the source line goes: the missing-source
    // diagnostic says the server has the new text.
    let later = dir.path().join("sources/later.md");
    write(
        dir.path(),
        "sources/later.md",
        b"---\ntitle: Later\ndate: 2025-03-02\n---\nKeir Starmer met Volodymyr Zelensky in London.\n\nStarmer flew home on Monday.\n",
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": support::lsp::uri(&later), "type": 2}]}),
    );
    client.diagnostics_with_codes(&support::lsp::uri(&later), &["missing-source"]);
    assert_eq!(
        references(&mut client, &uri, 2, 3),
        [
            "brief.md:2",
            "later.md:4",
            "later.md:6",
            "talks.md:5",
            "talks.md:7"
        ]
    );
}

#[test]
fn note_outline_puts_claims_under_headings() {
    let dir = quoted_fixture();
    let mut client = start(dir.path());
    let uri = client.open(&dir.path().join("notes/brief.md"), "# Brief\n\n## Talks\n\nStarmer met Trump [@talks].\n\n## Money\n\nIt costs 30,000 [@talks; @other].\n");
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let brief = &symbols[0];
    assert_eq!(brief["name"], "Brief");
    let talks = &brief["children"][0];
    assert_eq!(talks["name"], "Talks");
    assert_eq!(talks["children"][0]["name"], "Starmer met Trump [@talks].");
    assert_eq!(talks["children"][0]["detail"], "@talks");
    assert_eq!(
        brief["children"][1]["children"][0]["detail"],
        "@talks, @other"
    );
}

#[test]
fn a_panicking_handler_is_answered_with_an_error_and_the_server_goes_on() {
    let dir = fixture();
    let mut client = LspClient::start_with_env(
        dir.path(),
        json!({}),
        Value::Null,
        &[("BACKSTOP_DEBUG_REQUESTS", "1")],
    );
    let uri = client.open(&dir.path().join("notes/brief.md"), "# Brief\n");
    let error = client
        .request("backstop/debugPanic", json!({"uri": uri}))
        .unwrap_err();
    assert_eq!(error["code"], -32603, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("internal error in debugPanic")
    );
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(symbols.is_ok());
    let (_, code) = client.shutdown();
    assert_eq!(code, Some(0));

    // Without the debug switch the method does not exist.
    let mut client = start(dir.path());
    let refused = client
        .request("backstop/debugPanic", json!({"uri": uri}))
        .unwrap_err();
    assert_eq!(refused["code"], -32601);
}

#[test]
fn editing_an_article_in_the_editor_rechecks_open_notes() {
    let dir = quoted_fixture();
    let mut client = start(dir.path());
    let note = client.open(&dir.path().join("notes/brief.md"), BRIEF);
    client.diagnostics_where(&note, |p| diagnostic_codes(p).is_empty());
    let article = client.open(&dir.path().join("sources/talks.md"), QUOTED);
    // Unsaved: the article now says 40,000.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": article, "version": 2}, "contentChanges": [{"text": QUOTED.replace("30,000", "40,000")}]}),
    );
    client.diagnostics_where(&note, |p| diagnostic_codes(p) == ["number-mismatch"]);
}

#[test]
fn several_workspace_folders_and_folder_changes() {
    let first = fixture();
    let second = workspace(&[(
        "corpus/x.md",
        "---\ntitle: X\ndate: 2025-01-01\n---\nBody.\n",
    )]);
    let mut client =
        LspClient::start_folders(&[first.path(), second.path()], json!({}), Value::Null, &[]);
    let x = support::lsp::uri(&second.path().join("corpus/x.md"));
    client.diagnostics_with_codes(&x, &["missing-source"]);
    client.diagnostics_with_codes(
        &support::lsp::uri(&first.path().join("sources/bad-date.md")),
        &["invalid-date"],
    );
    // Removing the second folder clears its diagnostics.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": support::lsp::uri(second.path()), "name": "second"}]}}),
    );
    client.diagnostics_with_codes(&x, &[]);
    // Adding a folder loads it.
    let third = workspace(&[(
        "articles/y.md",
        "---\ntitle: Y\ndate: 27/02/2025\nsource: AP\n---\nBody.\n",
    )]);
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": support::lsp::uri(third.path()), "name": "third"}], "removed": []}}),
    );
    client.diagnostics_with_codes(
        &support::lsp::uri(&third.path().join("articles/y.md")),
        &["invalid-date"],
    );
}

#[test]
fn the_server_uses_and_updates_the_persistent_cache() {
    let dir = quoted_fixture();
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let env = [("BACKSTOP_CACHE_DIR", cache_dir)];
    let note_path = dir.path().join("notes/brief.md");
    let first = {
        let mut client = LspClient::start_with_env(dir.path(), json!({}), Value::Null, &env);
        let note = client.open(&note_path, BRIEF);
        let params = client.diagnostics_where(&note, |_| true);
        client.shutdown();
        params
    };
    let entries = std::fs::read_dir(cache.path()).unwrap().count();
    assert!(entries > 0, "the server wrote a cache");
    // Second start: same answers from the cache; then an article changes on
    // disk and only it is re-read.
    let mut client = LspClient::start_with_env(dir.path(), json!({}), Value::Null, &env);
    let note = client.open(&note_path, BRIEF);
    assert_eq!(client.diagnostics_where(&note, |_| true), first);
    // Articles known from the cache are read when asked for: a hover on a
    // citation, a workspace symbol search over every article.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": note}, "position": {"line": 2, "character": 44}}),
        )
        .unwrap();
    assert!(hover.to_string().contains("Talks in Washington"), "{hover}");
    let found = client
        .request("workspace/symbol", json!({"query": "other"}))
        .unwrap();
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "other"),
        "{found}"
    );
    write(
        dir.path(),
        "sources/talks.md",
        QUOTED.replace("30,000", "40,000").as_bytes(),
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": support::lsp::uri(&dir.path().join("sources/talks.md")), "type": 2}]}),
    );
    client.diagnostics_where(&note, |p| diagnostic_codes(p) == ["number-mismatch"]);
}
