//! The language server end to end: the real `backstop lsp` binary driven over
//! stdio by a small client, as an editor would. Workspaces are fixtures
//! (`//- /path` lines, `$0` for the cursor), and positions are found in their
//! text, never counted by hand.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::lsp::{Fixture, LspClient, diagnostic_codes, marked, uri};
use support::write;

const WORKSPACE: &str = r#"
//- /sources/talks.md
---
title: Talks in Washington
date: 2025-02-27
source: AFP
---
Starmer met Trump at the White House.
//- /sources/bad-date.md
---
title: Wire
date: 27/02/2025
source: AP
---
Zelensky will visit on Friday.
//- /sources/no-source.md
---
title: Plan
date: 2025-02-21
---
The plan names 30,000 troops.
//- /notes/brief.md
# Brief

## Talks

Starmer met Trump [@talks].
"#;

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

/// Strip the per-run temp folder from URIs so snapshots are stable.
fn stable(value: &Value, root: &std::path::Path) -> Value {
    let text = value.to_string().replace(&uri(root), "file://ROOT");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn workspace_diagnostics_arrive_without_opening_files() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let bad = client.diagnostics_with_codes(&fx.uri("sources/bad-date.md"), &["invalid-date"]);
    insta::assert_json_snapshot!(stable(&bad, fx.root()));
    client.diagnostics_with_codes(&fx.uri("sources/no-source.md"), &["missing-source"]);
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
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let path = fx.path("sources/bad-date.md");
    let uri = client.open(&path, fx.text("sources/bad-date.md"));
    client.diagnostics_where(&uri, |p| {
        p["version"] == 1 && diagnostic_codes(p) == ["invalid-date"]
    });
    // Three quick incremental edits: replace the date, then break the source key,
    // then restore it. Only the final text counts.
    let date = fx.at("sources/bad-date.md", "27/02/2025");
    let source = fx.at("sources/bad-date.md", "source:");
    client.edit(&uri, 2, date.range(10), "2025-02-27");
    client.edit(&uri, 3, source.range(6), "sauce");
    client.edit(&uri, 4, source.range(5), "source");
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
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    client.open(&fx.path("sources/talks.md"), fx.text("sources/talks.md"));
    let hover = client.hover(&fx.at("sources/talks.md", "date: 20$025"));
    insta::assert_json_snapshot!(hover);
    let nothing = client.hover(&fx.at("sources/talks.md", "St$0armer met"));
    assert_eq!(nothing, Value::Null);
}

#[test]
fn completion_offers_citation_keys() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let path = fx.path("notes/brief.md");
    let (text, cursor) = marked(&uri(&path), "Starmer met Trump [@ta$0");
    client.open(&path, &text);
    let result = client.completion(&cursor);
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
    let none = client.completion(&support::lsp::at(&cursor.uri, &text, "Starm$0er"));
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
    let text = "Plans [@a\nPlans [@a01\n";
    let uri = client.open(&path, text);
    let broad = client.completion(&support::lsp::at(&uri, text, "[@a$0\n"));
    assert_eq!(broad["isIncomplete"], true);
    assert_eq!(broad["items"].as_array().unwrap().len(), 500);
    let narrow = client.completion(&support::lsp::at(&uri, text, "[@a01$0"));
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
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let uri = client.open(
        &fx.path("sources/bad-date.md"),
        fx.text("sources/bad-date.md"),
    );
    client.diagnostics_with_codes(&uri, &["invalid-date"]);
    let on_date = fx.at("sources/bad-date.md", "27$0/02/2025");
    let actions = client.in_range(
        "textDocument/codeAction",
        &uri,
        on_date.range(0),
        json!({"context": {"diagnostics": []}}),
    );
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
    insta::assert_json_snapshot!(stable(&actions[0]["edit"], fx.root()));
    assert_eq!(
        actions[1]["edit"]["changes"][&uri][0]["newText"],
        " <!-- backstop-ignore invalid-date -->"
    );
}

#[test]
fn article_changed_on_disk_is_checked_again() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let uri = fx.uri("sources/no-source.md");
    client.diagnostics_with_codes(&uri, &["missing-source"]);
    write(
        fx.root(),
        "sources/no-source.md",
        b"---\ntitle: Plan\ndate: 2025-02-21\nsource: Reuters\n---\nThe plan.\n",
    );
    client.file_changed(&fx.path("sources/no-source.md"), 2);
    client.diagnostics_with_codes(&uri, &[]);
}

#[test]
fn articles_created_and_deleted_on_disk_join_and_leave_the_corpus() {
    let fx = Fixture::new(&format!("{WORKSPACE}//- /notes/aid.md\nAid grew [@aid].\n"));
    let mut client = start(fx.root());
    let note = fx.uri("notes/aid.md");
    client.diagnostics_with_codes(&note, &["unknown-source"]);
    let article = fx.path("sources/aid.md");
    write(
        fx.root(),
        "sources/aid.md",
        b"---\ntitle: Aid\ndate: 2025-02-21\nsource: AP\n---\nAid grew.\n",
    );
    client.file_changed(&article, 1);
    client.diagnostics_with_codes(&note, &[]);
    std::fs::remove_file(&article).unwrap();
    client.file_changed(&article, 3);
    client.diagnostics_with_codes(&note, &["unknown-source"]);
}

#[test]
fn broken_config_is_reported_and_stops_checking() {
    let fx = Fixture::new(&format!(
        "{WORKSPACE}//- /backstop.toml\n[rules]\nmisquote = \"loud\"\n"
    ));
    let mut client = start(fx.root());
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
    let config = client.diagnostics_where(&fx.uri("backstop.toml"), |p| {
        !diagnostic_codes(p).is_empty() || !p["diagnostics"].as_array().unwrap().is_empty()
    });
    assert_eq!(config["diagnostics"][0]["range"]["start"]["line"], 1);
    // Fixing the file brings the checks back.
    write(
        fx.root(),
        "backstop.toml",
        b"[rules]\nmisquote = \"warning\"\n",
    );
    client.file_changed(&fx.path("backstop.toml"), 2);
    client.diagnostics_with_codes(&fx.uri("sources/bad-date.md"), &["invalid-date"]);
}

#[test]
fn settings_from_initialization_options_and_configuration() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = LspClient::start(
        fx.root(),
        json!({}),
        json!({"rules": {"invalid-date": "off", "missing-source": "error"}}),
    );
    let params =
        client.diagnostics_with_codes(&fx.uri("sources/no-source.md"), &["missing-source"]);
    assert_eq!(params["diagnostics"][0]["severity"], 1);
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"backstop": {"rules": {"invalid-date": "warning"}}}}),
    );
    let params = client.diagnostics_with_codes(&fx.uri("sources/bad-date.md"), &["invalid-date"]);
    assert_eq!(params["diagnostics"][0]["severity"], 2);
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let fx = Fixture::new(
        "//- /sources/a.md\n---\ntitle: Café 😀\ndate: 27/02/2025\nsource: AFP\n---\nBody.\n",
    );
    let mut client = LspClient::start(
        fx.root(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        Value::Null,
    );
    assert_eq!(
        client.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let buffer = "---\ntitle: Café 😀\ndate: 27/02/2025\nsource: AFP\n---\nBody. 😀 \"x\" [@a] date: 27/02/2025\n";
    let uri = client.open(&fx.path("sources/a.md"), buffer);
    let params = client.diagnostics_with_codes(&uri, &["invalid-date"]);
    assert_eq!(
        params["diagnostics"][0]["range"]["start"]["character"],
        "date: ".len()
    );
}

#[test]
fn document_and_workspace_symbols() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    let uri = client.open(
        &fx.path("notes/brief.md"),
        "# Brief\n\n## Talks\n\nText.\n\n## Money\n\n# Annex\n",
    );
    let symbols = client.document_symbols(&uri);
    insta::assert_json_snapshot!(symbols);
    // Wait until the workspace is loaded before asking for its symbols.
    client.diagnostics_with_codes(&fx.uri("sources/bad-date.md"), &["invalid-date"]);
    let found = client.workspace_symbols("wire");
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
    let fx = Fixture::new(WORKSPACE);
    let mut client = start(fx.root());
    // Not JSON: answered with a parse error (and logged), and the server
    // keeps reading.
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
    let uri = client.open(&fx.path("notes/brief.md"), "# Brief\n");
    let past_end = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 99, "character": 0}}),
    );
    assert!(past_end.is_err());
    // A change for a document that was never opened is ignored.
    client.replace("file:///nowhere.md", 2, "x");
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

const QUOTED: &str = r#"
//- /sources/talks.md
---
title: Talks in Washington
date: 2025-02-27
source: AFP
---
Starmer met Trump at the White House on Thursday.

"We need a lasting peace, not a ceasefire," Starmer told reporters.

The plan would deploy 30,000 European troops.
//- /sources/other.md
---
title: Other
date: 2025-02-20
source: AP
---
Macron visited Washington.
//- /notes/brief.md
# Brief

Starmer said "we need a lasting peace" [@talks].

The plan would deploy 30,000 troops [@talks].
//- /notes/second.md
Talks happened [@talks].
"#;

#[test]
fn note_diagnostics_follow_typing_and_article_changes() {
    let fx = Fixture::new(QUOTED);
    let mut client = start(fx.root());
    let text = fx
        .text("notes/brief.md")
        .replace("lasting peace", "lasting truce");
    let uri = client.open(&fx.path("notes/brief.md"), &text);
    let params = client.diagnostics_where(&uri, |p| diagnostic_codes(p) == ["misquote"]);
    insta::assert_json_snapshot!(stable(&params, fx.root()));
    // Typing the source's word back fixes it.
    let truce = support::lsp::at(&uri, &text, "truce");
    client.edit(&uri, 2, truce.range(5), "peace");
    client.diagnostics_where(&uri, |p| {
        p["version"] == 2 && diagnostic_codes(p).is_empty()
    });
    // The article changes on disk: the open note is checked again.
    let article = fx.text("sources/talks.md").replace("30,000", "40,000");
    write(fx.root(), "sources/talks.md", article.as_bytes());
    client.file_changed(&fx.path("sources/talks.md"), 2);
    client.diagnostics_where(&uri, |p| diagnostic_codes(p) == ["number-mismatch"]);
}

#[test]
fn hover_definition_references_and_hints_for_citations_and_quotes() {
    let fx = Fixture::new(QUOTED);
    let mut client = start(fx.root());
    let brief = "notes/brief.md";
    let uri = client.open(&fx.path(brief), fx.text(brief));
    let citation = fx.at(brief, "[@$0talks]");
    let quote = fx.at(brief, "we nee$0d a lasting");

    insta::assert_snapshot!("citation_hover", client.hover_text(&citation));
    insta::assert_snapshot!("quote_hover", client.hover_text(&quote));

    let talks = fx.uri("sources/talks.md");
    let to_quote = client.definition(&quote);
    assert_eq!(to_quote["uri"], talks);
    let said = fx.at("sources/talks.md", "\"$0We need");
    assert_eq!(to_quote["range"]["start"], said.position());
    let to_passage = client.definition(&fx.at(brief, "troops [@ta$0lks]"));
    assert_eq!(to_passage["uri"], talks);
    assert_eq!(
        to_passage["range"]["start"]["line"],
        fx.at("sources/talks.md", "30,000").line,
        "the sentence with 30,000"
    );

    assert_eq!(
        client.references(&citation),
        ["brief.md:2", "brief.md:4", "second.md:0"]
    );

    let hints = client.in_range(
        "textDocument/inlayHint",
        &uri,
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}}),
        json!({}),
    );
    let labels: Vec<&str> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["2025-02-27 · AFP", "2025-02-27 · AFP"]);
}

const PEOPLE: &str = r#"
//- /sources/talks.md
---
title: Talks in Washington
date: 2025-02-27
source: AFP
---
British Prime Minister Keir Starmer met U.S. President Donald Trump at the White House on Thursday.

"We need a lasting peace, not a ceasefire," Starmer told reporters.

"I have confidence if we make a deal, it's going to hold," Trump said.
//- /sources/later.md
---
title: Later
date: 2025-03-02
source: AP
---
Keir Starmer met Volodymyr Zelensky in London.
//- /notes/brief.md
# Brief

Starmer said "we need a lasting peace" [@talks].
"#;

#[test]
fn people_in_hover_definition_references_completion_and_symbols() {
    let fx = Fixture::new(PEOPLE);
    let mut client = start(fx.root());
    let note = "notes/brief.md";
    let uri = client.open(&fx.path(note), fx.text(note));
    let starmer = fx.at(note, "Sta$0rmer said");

    // Hover on the person a note names.
    insta::assert_snapshot!("person_hover", client.hover_text(&starmer));
    // Go to the first mention: the earliest article.
    let first = client.definition(&starmer);
    assert_eq!(first["uri"], fx.uri("sources/talks.md"));
    assert_eq!(
        first["range"]["start"]["line"],
        fx.at("sources/talks.md", "Keir Starmer met").line
    );
    // References: three mentions in the corpus, one in the note.
    assert_eq!(
        client.references(&starmer),
        ["brief.md:2", "later.md:5", "talks.md:5", "talks.md:7"]
    );

    // In the article: the quote, and the person inside the attribution.
    let article = "sources/talks.md";
    client.open(&fx.path(article), fx.text(article));
    let quote = client.hover_text(&fx.at(article, "\"I have con$0fidence"));
    insta::assert_snapshot!("article_quote_hover", quote);
    let trump = client.hover_text(&fx.at(article, "Donal$0d Trump at"));
    assert!(trump.starts_with("**Donald Trump**"), "{trump}");

    // Names complete as they are typed.
    let (typed, cursor) = marked(&uri, "# Brief\n\nThen Don$0");
    client.replace(&uri, 2, &typed);
    let names = client.completion(&cursor);
    let labels: Vec<&str> = names["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Donald Trump"]);

    // Symbols: the article's quotes and people; people across the workspace.
    let symbols = client.document_symbols(&fx.uri(article));
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
    let found = client.workspace_symbols("keir");
    assert_eq!(found[0]["name"], "Keir Starmer");
}

/// An edited article changes the people index (updated from the previous
/// one, see `PeopleIndex::update`): a new mention is found.
#[test]
fn people_follow_an_edited_article() {
    let fx = Fixture::new(PEOPLE);
    let mut client = start(fx.root());
    let note = "notes/brief.md";
    client.open(&fx.path(note), fx.text(note));
    let starmer = fx.at(note, "Sta$0rmer said");
    assert_eq!(
        client.references(&starmer),
        ["brief.md:2", "later.md:5", "talks.md:5", "talks.md:7"]
    );
    // Starmer is named again, and the source line goes: the missing-source
    // diagnostic says the server has the new text.
    let later = fx.path("sources/later.md");
    write(
        fx.root(),
        "sources/later.md",
        b"---\ntitle: Later\ndate: 2025-03-02\n---\nKeir Starmer met Volodymyr Zelensky in London.\n\nStarmer flew home on Monday.\n",
    );
    client.file_changed(&later, 2);
    client.diagnostics_with_codes(&uri(&later), &["missing-source"]);
    assert_eq!(
        client.references(&starmer),
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
    let fx = Fixture::new(QUOTED);
    let mut client = start(fx.root());
    let uri = client.open(&fx.path("notes/brief.md"), "# Brief\n\n## Talks\n\nStarmer met Trump [@talks].\n\n## Money\n\nIt costs 30,000 [@talks; @other].\n");
    let symbols = client.document_symbols(&uri);
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
fn a_cache_folder_that_cannot_be_created_is_logged_and_changes_no_diagnostic() {
    let fx = Fixture::new(WORKSPACE);
    let scratch = tempfile::tempdir().unwrap();
    // A file where the cache folder would have to be created.
    let blocked = scratch.path().join("blocked");
    std::fs::write(&blocked, b"").unwrap();
    let cache = blocked.join("cache");
    let log_path = scratch.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut client = LspClient::start_logging(
        &[fx.root()],
        json!({}),
        Value::Null,
        &[
            ("BACKSTOP_CACHE_DIR", cache.to_str().unwrap()),
            ("BACKSTOP_LOG", "warn"),
        ],
        log.into(),
    );
    let bad_date = fx.uri("sources/bad-date.md");
    let without_cache = client.diagnostics_with_codes(&bad_date, &["invalid-date"]);
    let (_, code) = client.shutdown();
    assert_eq!(code, Some(0));
    let log = std::fs::read_to_string(&log_path).unwrap();
    let expected = format!("the cache is not used (cannot create {}", cache.display());
    assert!(log.contains(&expected), "{log}");
    // The same diagnostics as with a cache that works.
    let mut client = LspClient::start(fx.root(), json!({}), Value::Null);
    assert_eq!(
        client.diagnostics_with_codes(&bad_date, &["invalid-date"]),
        without_cache
    );
    client.shutdown();
}

#[test]
fn a_panicking_handler_is_answered_with_an_error_and_the_server_goes_on() {
    let fx = Fixture::new(WORKSPACE);
    let mut client = LspClient::start_with_env(
        fx.root(),
        json!({}),
        Value::Null,
        &[("BACKSTOP_DEBUG_REQUESTS", "1")],
    );
    let uri = client.open(&fx.path("notes/brief.md"), "# Brief\n");
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
    let mut client = start(fx.root());
    let refused = client
        .request("backstop/debugPanic", json!({"uri": uri}))
        .unwrap_err();
    assert_eq!(refused["code"], -32601);
}

#[test]
fn editing_an_article_in_the_editor_rechecks_open_notes() {
    let fx = Fixture::new(QUOTED);
    let mut client = start(fx.root());
    let note = client.open(&fx.path("notes/brief.md"), fx.text("notes/brief.md"));
    client.diagnostics_where(&note, |p| diagnostic_codes(p).is_empty());
    let text = fx.text("sources/talks.md");
    let article = client.open(&fx.path("sources/talks.md"), text);
    // Unsaved: the article now says 40,000.
    client.replace(&article, 2, &text.replace("30,000", "40,000"));
    client.diagnostics_where(&note, |p| diagnostic_codes(p) == ["number-mismatch"]);
}

#[test]
fn several_workspace_folders_and_folder_changes() {
    let first = Fixture::new(WORKSPACE);
    let second = Fixture::new("//- /corpus/x.md\n---\ntitle: X\ndate: 2025-01-01\n---\nBody.\n");
    let mut client =
        LspClient::start_folders(&[first.root(), second.root()], json!({}), Value::Null, &[]);
    let x = second.uri("corpus/x.md");
    client.diagnostics_with_codes(&x, &["missing-source"]);
    client.diagnostics_with_codes(&first.uri("sources/bad-date.md"), &["invalid-date"]);
    // Removing the second folder clears its diagnostics.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": uri(second.root()), "name": "second"}]}}),
    );
    client.diagnostics_with_codes(&x, &[]);
    // Adding a folder loads it.
    let third = Fixture::new(
        "//- /articles/y.md\n---\ntitle: Y\ndate: 27/02/2025\nsource: AP\n---\nBody.\n",
    );
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [{"uri": uri(third.root()), "name": "third"}], "removed": []}}),
    );
    client.diagnostics_with_codes(&third.uri("articles/y.md"), &["invalid-date"]);
}

/// Workspace entries the cache at `dir` holds.
fn cache_entries(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|version| std::fs::read_dir(version.ok()?.path()).ok())
        .map(|entries| entries.count())
        .sum()
}

#[test]
fn a_file_outside_every_workspace_folder_is_checked_alone() {
    let folder = Fixture::new(WORKSPACE);
    // Beside the note lies the article it cites: only a walk would find it.
    let outside = Fixture::new(
        "//- /sources/plan.md\n---\ntitle: Plan\ndate: 2025-02-21\nsource: AP\n---\nThe plan names 30,000 troops.\n\
         //- /sources/wire.md\n---\ntitle: Wire\ndate: 27/02/2025\nsource: AP\n---\nBody.\n\
         //- /notes/lone.md\nThe plan names 30,000 troops [@plan].\n",
    );
    let cache = tempfile::tempdir().unwrap();
    let env = [("BACKSTOP_CACHE_DIR", cache.path().to_str().unwrap())];
    let mut client = LspClient::start_with_env(folder.root(), json!({}), Value::Null, &env);
    client.diagnostics_with_codes(&folder.uri("sources/bad-date.md"), &["invalid-date"]);
    let lone = client.open(
        &outside.path("notes/lone.md"),
        outside.text("notes/lone.md"),
    );
    client.diagnostics_with_codes(&lone, &["unknown-source"]);
    // Not a Markdown or text file: nothing to check, nothing read.
    client.open(
        std::path::Path::new("/etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\n",
    );
    // Closing the file forgets it.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": lone}}),
    );
    client.diagnostics_with_codes(&lone, &[]);
    let wire = outside.uri("sources/wire.md");
    assert!(
        !client.backlog.iter().any(|m| m["params"]["uri"] == wire),
        "nothing beside the file is checked"
    );
    client.shutdown();
    assert_eq!(cache_entries(cache.path()), 1, "only the folder is cached");
}

/// A file checked alone and closed while a check of its buffer runs: the
/// check's diagnostics are never published after the close cleared them.
#[test]
fn a_lone_file_closed_during_a_check_stays_cleared() {
    let folder = Fixture::new(WORKSPACE);
    let outside = Fixture::new("//- /notes/lone.md\nThe plan names 30,000 troops [@plan].\n");
    let mut client = LspClient::start(folder.root(), json!({}), Value::Null);
    let lone = client.open(
        &outside.path("notes/lone.md"),
        outside.text("notes/lone.md"),
    );
    client.diagnostics_where(&lone, |p| p["version"] == 1);
    // Long enough that its check still runs when the close arrives.
    let long: String = (0..4000)
        .map(|i| format!("The plan names {i},000 troops [@plan{i}].\n\n"))
        .collect();
    client.replace(&lone, 2, &long);
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": lone}}),
    );
    client.diagnostics_where(&lone, |p| {
        p["version"].is_null() && diagnostic_codes(p).is_empty()
    });
    client.backlog.retain(|m| m["params"]["uri"] != lone);
    // Opened again: its diagnostics come once the closed buffer's check is
    // done, so whatever that check published is in the backlog by then.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": lone, "languageId": "markdown", "version": 3,
               "text": "Nothing cited here.\n"}}),
    );
    client.diagnostics_where(&lone, |p| p["version"] == 3);
    let late: Vec<&Value> = (client.backlog.iter())
        .filter(|m| m["params"]["uri"] == lone)
        .collect();
    assert!(late.is_empty(), "published after the close: {late:#?}");
}

#[test]
fn the_server_uses_and_updates_the_persistent_cache() {
    let fx = Fixture::new(QUOTED);
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let env = [("BACKSTOP_CACHE_DIR", cache_dir)];
    let brief = "notes/brief.md";
    let first = {
        let mut client = LspClient::start_with_env(fx.root(), json!({}), Value::Null, &env);
        let note = client.open(&fx.path(brief), fx.text(brief));
        let params = client.diagnostics_where(&note, |_| true);
        client.shutdown();
        params
    };
    let entries = std::fs::read_dir(cache.path()).unwrap().count();
    assert!(entries > 0, "the server wrote a cache");
    // Second start: same answers from the cache; then an article changes on
    // disk and only it is re-read.
    let mut client = LspClient::start_with_env(fx.root(), json!({}), Value::Null, &env);
    let note = client.open(&fx.path(brief), fx.text(brief));
    assert_eq!(client.diagnostics_where(&note, |_| true), first);
    // Articles known from the cache are read when asked for: a hover on a
    // citation, a workspace symbol search over every article.
    let hover = client.hover(&fx.at(brief, "[@tal$0ks]"));
    assert!(hover.to_string().contains("Talks in Washington"), "{hover}");
    let found = client.workspace_symbols("other");
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "other"),
        "{found}"
    );
    let changed = fx.text("sources/talks.md").replace("30,000", "40,000");
    write(fx.root(), "sources/talks.md", changed.as_bytes());
    client.file_changed(&fx.path("sources/talks.md"), 2);
    client.diagnostics_where(&note, |p| diagnostic_codes(p) == ["number-mismatch"]);
}

/// An article written to attack the editor: Markdown images that would be
/// fetched on hover, `command:` and `javascript:` links, raw HTML.
const HOSTILE: &str = r#"
//- /sources/evil.md
---
title: ![t](https://host/pixel.png) <img src=x onerror=alert(1)> [x](command:workbench.action.quit)
date: 2025-02-27
source: [AFP](javascript:alert(1)) <b>wire</b>
author: *Jane* _Doe_ `tick` & co
url: javascript:alert(1)
---
Mayor Anna Berg visited the school on Monday <script>alert(1)</script>.

"We will rebuild every school ![t](https://host/pixel.png)," Mayor Anna Berg said on Monday [x](command:workbench.action.quit).
//- /sources/bad-date.md
---
title: Wire
date: `<img src=x onerror=alert(1)>`
source: AP
---
Body.
//- /notes/brief.md
# Brief

Berg said "we will$0 rebuild every school" [@evil].
"#;

/// Whether `markdown` renders to nothing an editor would fetch, run or
/// follow: no image, no raw HTML, no link but a plain web address.
fn assert_inert(markdown: &str) {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                panic!("raw HTML {html:?} in:\n{markdown}")
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                panic!("an image from {dest_url:?} in:\n{markdown}")
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => assert!(
                link_type == LinkType::Autolink && dest_url.starts_with("https://"),
                "a {link_type:?} link to {dest_url:?} in:\n{markdown}"
            ),
            _ => {}
        }
    }
}

#[test]
fn hovers_show_hostile_article_text_as_text() {
    let fx = Fixture::new(HOSTILE);
    let mut client = start(fx.root());
    let note = "notes/brief.md";
    let uri = client.open(&fx.path(note), fx.text(note));

    let citation = client.hover_text(&fx.at(note, "[@$0evil]"));
    insta::assert_snapshot!("hostile_citation_hover", citation);
    let (in_note, on_quote) = fx.cursor();
    assert_eq!(in_note, note);
    let quote = client.hover_text(&on_quote);
    let person = client.hover_text(&fx.at(note, "Be$0rg said"));
    let article = "sources/evil.md";
    client.open(&fx.path(article), fx.text(article));
    let card = client.hover_text(&fx.at(article, "\"We will$0 rebuild"));
    insta::assert_snapshot!("hostile_article_quote_hover", card);
    let bad_date = "sources/bad-date.md";
    client.open(&fx.path(bad_date), fx.text(bad_date));
    let date = client.hover_text(&fx.at(bad_date, "da$0te:"));
    let (typed, cursor) = marked(&uri, "See [@ev$0");
    client.replace(&uri, 2, &typed);
    let completion = client.completion(&cursor);
    let evil = completion["items"]
        .as_array()
        .and_then(|items| items.iter().find(|i| i["label"] == "evil"))
        .expect("the key `evil` offered");
    let documentation = evil["documentation"]["value"].as_str().unwrap().to_string();
    for markdown in [&citation, &quote, &person, &card, &date, &documentation] {
        assert_inert(markdown);
    }
    // The text is still all there, shown as it is.
    assert!(citation.contains("javascript:alert(1)"), "{citation}");
    assert!(person.contains("Berg"), "{person}");
    assert!(documentation.contains("pixel.png"), "{documentation}");
}
