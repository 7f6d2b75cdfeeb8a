//! Drives the real `backstop lsp` over stdio on a workspace and measures what
//! a user feels: time to first diagnostics after opening a note, keystroke →
//! diagnostics latency on a long note, hover latency, three workspace symbol
//! queries (empty, a title's words, a surname), and the time from an
//! article changing on disk to the note's diagnostics on the new corpus.
//!
//!   cargo run --release --example generate_corpus -- --articles 10000 --out /tmp/c10k
//!   cargo run --release --example lsp_bench -- /tmp/c10k
//!   cargo run --release --example lsp_bench -- seeds 200 200 notes/starmer-washington.md 0
//!
//! Prints one JSON object (milliseconds). The server binary is the
//! `backstop` next to this example's folder (target/release/backstop).

// The test suite's client; the benchmark uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/lsp.rs"]
mod lsp;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The date the benchmark pretends is today, so runs are comparable.
pub const TODAY: &str = "2026-01-01";

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    if samples.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (samples.len() - 1) as f64).round() as usize;
    samples[rank]
}

/// The first file under `dir` whose name starts with `prefix`.
fn find_article(dir: &Path, prefix: &str) -> Option<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    entries.into_iter().find_map(|entry| {
        let path = entry.path();
        if path.is_dir() {
            find_article(&path, prefix)
        } else {
            let name = entry.file_name();
            name.to_string_lossy().starts_with(prefix).then_some(path)
        }
    })
}

/// Read and drop what the server sends until it is quiet for `quiet`.
fn drain(client: &mut lsp::LspClient, quiet: Duration) {
    while client.wait_for(|_| false, quiet).is_some() {}
    client.backlog.clear();
}

/// `changes` times, `gen-000000.*` changed on disk (the edit `bench/run.sh`
/// makes, made and undone in turn) and the server told, then the open
/// note's (`uri`) next diagnostics, timed; the article is restored after.
fn article_change_times(
    client: &mut lsp::LspClient,
    root: &Path,
    uri: &str,
    changes: usize,
) -> Vec<f64> {
    if changes == 0 {
        return Vec::new();
    }
    let article = find_article(&root.join("sources"), "gen-000000.")
        .expect("sources/…/gen-000000.* (generate_corpus makes it; 0 changes skips this)");
    let original = std::fs::read_to_string(&article).expect("the article");
    // `bench/run.sh` may have made the edit already: then it is undone first.
    let (plain, edited) = ("analysts expect about", "analysts now expect about");
    let other = if original.contains(plain) {
        original.replace(plain, edited)
    } else {
        original.replace(edited, plain)
    };
    assert!(
        other != original,
        "{} has neither \"{plain}\" nor \"{edited}\"",
        article.display()
    );
    let mut times = Vec::with_capacity(changes);
    for i in 0..changes {
        let text = if i % 2 == 0 { &other } else { &original };
        std::fs::write(&article, text).expect("write the article");
        let sent = Instant::now();
        client.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": lsp::uri(&article), "type": 2}]}),
        );
        client.diagnostics_within(uri, Duration::from_secs(120), |_| true);
        times.push(ms(sent.elapsed()));
        // Let the rest of the workspace's publication drain.
        drain(client, Duration::from_millis(300));
    }
    std::fs::write(&article, &original).expect("restore the article");
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: lsp_bench WORKSPACE [KEYSTROKES] [HOVERS] [NOTE (default notes/long.md)] [ARTICLE CHANGES (default 6)]";
    let root = args.next().expect(usage);
    let keystrokes: usize = args.next().map_or(200, |v| v.parse().expect("KEYSTROKES"));
    let hovers: usize = args.next().map_or(200, |v| v.parse().expect("HOVERS"));
    let note_rel = args.next().unwrap_or_else(|| "notes/long.md".into());
    let article_changes: usize = args
        .next()
        .map_or(6, |v| v.parse().expect("ARTICLE CHANGES"));
    let root = Path::new(&root).canonicalize().expect("workspace folder");
    let note_path = root.join(&note_rel);
    let note = std::fs::read_to_string(&note_path)
        .expect("the note (generate_corpus makes notes/long.md)");

    if std::env::var_os("BACKSTOP_BIN").is_none() {
        // target/<profile>/examples/lsp_bench → target/<profile>/backstop
        let exe = std::env::current_exe().expect("own path");
        let profile_dir = exe.parent().and_then(Path::parent).expect("target folder");
        // SAFETY: single-threaded at this point; nothing else reads the environment.
        unsafe { std::env::set_var("BACKSTOP_BIN", profile_dir.join("backstop")) };
    }
    let started = Instant::now();
    // BACKSTOP_CACHE_DIR, when set, is the server's cache (warm runs);
    // otherwise the client gives it a fresh one (cold runs).
    let cache_dir = std::env::var("BACKSTOP_CACHE_DIR").ok();
    let env: Vec<(&str, &str)> = cache_dir
        .as_deref()
        .map(|dir| ("BACKSTOP_CACHE_DIR", dir))
        .into_iter()
        .collect();
    let mut client = lsp::LspClient::start_with_env(
        &root,
        json!({"general": {"positionEncodings": ["utf-16"]}}),
        Value::Null,
        &env,
    );
    let uri = client.open(&note_path, &note);
    let opened = Instant::now();
    client.diagnostics_within(&uri, Duration::from_secs(600), |p| p["version"] == 1);
    let first_diagnostics = opened.elapsed();
    let start_to_first = started.elapsed();
    // Let the initial publication of every file's diagnostics drain.
    drain(&mut client, Duration::from_millis(500));

    // Keystrokes inside a claim in the middle of the note, just before its
    // first citation: each one makes a claim text not seen before, so the
    // claim is checked again every time (typing a character and deleting
    // it would bring back a text the claim cache holds).
    let lines: Vec<&str> = note.lines().collect();
    let line = lines
        .iter()
        .enumerate()
        .skip(lines.len() / 2)
        .find(|(_, l)| l.contains("[@"))
        .map_or(lines.len() / 2, |(i, _)| i);
    let at = lines[line]
        .find("[@")
        .map_or(lines[line].len(), |i| lines[line][..i].trim_end().len());
    let start = lines[line][..at].encode_utf16().count();
    let typed: Vec<char> = " and then some more words".chars().collect();
    let mut keystroke_ms = Vec::with_capacity(keystrokes);
    for i in 0..keystrokes {
        let version = i as i64 + 2;
        let character = start + i;
        let change = json!({
            "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}},
            "text": typed[i % typed.len()].to_string(),
        });
        let sent = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        client.diagnostics_where(&uri, |p| p["version"] == version);
        keystroke_ms.push(ms(sent.elapsed()));
        client.backlog.clear();
    }
    // The typing undone, so that hovers find the note as written.
    if keystrokes > 0 {
        let version = keystrokes as i64 + 2;
        let change = json!({
            "range": {"start": {"line": line, "character": start}, "end": {"line": line, "character": start + keystrokes}},
            "text": "",
        });
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        client.diagnostics_where(&uri, |p| p["version"] == version);
        client.backlog.clear();
    }

    // Hovers on every citation and quote of the note, round robin.
    let mut targets = Vec::new();
    for (n, text) in lines.iter().enumerate() {
        if let Some(at) = text.find("[@") {
            targets.push((n, text[..at + 3].encode_utf16().count()));
        }
        if let Some(at) = text.find('"') {
            targets.push((n, text[..at + 3].encode_utf16().count()));
        }
    }
    let mut hover_ms = Vec::with_capacity(hovers);
    let mut answered = 0;
    for i in 0..hovers {
        let (l, c) = targets[i % targets.len()];
        let sent = Instant::now();
        let result = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": l, "character": c}}),
        );
        hover_ms.push(ms(sent.elapsed()));
        if matches!(result, Ok(ref v) if !v.is_null()) {
            answered += 1;
        }
    }

    // Workspace symbols: the first query finds what has not been read yet.
    let mut symbol_ms = Vec::new();
    let mut symbols_found = Vec::new();
    for query in ["", "port expansion", "vasquez"] {
        let sent = Instant::now();
        let result = client.request("workspace/symbol", json!({"query": query}));
        symbol_ms.push(ms(sent.elapsed()));
        symbols_found.push(
            result
                .ok()
                .and_then(|v| v.as_array().map(Vec::len))
                .unwrap_or(0),
        );
    }

    let article_change_ms = article_change_times(&mut client, &root, &uri, article_changes);

    let (shutdown, _) = client.shutdown();
    let report = json!({
        "workspace": root.display().to_string(),
        "note_lines": lines.len(),
        "start_to_first_diagnostics_ms": ms(start_to_first),
        "open_to_first_diagnostics_ms": ms(first_diagnostics),
        "keystrokes": keystrokes,
        "keystroke_p50_ms": percentile(&mut keystroke_ms.clone(), 50.0),
        "keystroke_p95_ms": percentile(&mut keystroke_ms, 95.0),
        "hovers": hovers,
        "hovers_with_content": answered,
        "hover_p50_ms": percentile(&mut hover_ms.clone(), 50.0),
        "hover_p95_ms": percentile(&mut hover_ms, 95.0),
        "workspace_symbol_queries_ms": symbol_ms,
        "workspace_symbols_found": symbols_found,
        "article_changes": article_changes,
        "article_change_p50_ms": percentile(&mut article_change_ms.clone(), 50.0),
        "article_change_max_ms": article_change_ms.iter().copied().fold(f64::NAN, f64::max),
        "shutdown_ms": ms(shutdown),
    });
    println!("{}", serde_json::to_string_pretty(&report).expect("json"));
}
