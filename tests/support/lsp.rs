//! A small LSP client that drives the real `backstop lsp` over stdio, the way
//! an editor does, and fixtures that place its cursor: one string holds a
//! workspace's files, each after a `//- /path` line, with the cursor marked
//! `$0`, so no test counts lines and columns by hand.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct LspClient {
    child: Child,
    /// The server's cache, private to this client unless the caller chose one.
    _cache: Option<tempfile::TempDir>,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received while waiting for something else.
    pub backlog: Vec<Value>,
    pub initialize_result: Value,
}

pub fn uri(path: &Path) -> String {
    format!(
        "file://{}",
        path.canonicalize().unwrap_or(path.to_path_buf()).display()
    )
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl LspClient {
    /// Start the server on `root` and initialize it. `capabilities` and
    /// `options` go into `initialize` as they are.
    pub fn start(root: &Path, capabilities: Value, options: Value) -> LspClient {
        Self::start_with_env(root, capabilities, options, &[])
    }

    /// `start`, with extra environment variables for the server.
    pub fn start_with_env(
        root: &Path,
        capabilities: Value,
        options: Value,
        env: &[(&str, &str)],
    ) -> LspClient {
        Self::start_folders(&[root], capabilities, options, env)
    }

    /// Start with several workspace folders; the first is also `rootUri`.
    pub fn start_folders(
        roots: &[&Path],
        capabilities: Value,
        options: Value,
        env: &[(&str, &str)],
    ) -> LspClient {
        Self::start_logging(roots, capabilities, options, env, Stdio::inherit())
    }

    /// `start_folders` with the server's stderr (its log) sent to `log`.
    pub fn start_logging(
        roots: &[&Path],
        capabilities: Value,
        options: Value,
        env: &[(&str, &str)],
        log: Stdio,
    ) -> LspClient {
        let root = roots[0];
        let folders: Vec<Value> = roots
            .iter()
            .map(|r| json!({"uri": uri(r), "name": r.file_name().map(|n| n.to_string_lossy().into_owned())}))
            .collect();
        let mut client = LspClient::spawn_logging(env, log);
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(root),
                    "workspaceFolders": folders,
                    "capabilities": capabilities,
                    "initializationOptions": options,
                }),
            )
            .expect("initialize succeeds");
        client.initialize_result = result;
        client.notify("initialized", json!({}));
        client
    }

    /// Start the server and nothing more: no `initialize` yet.
    pub fn spawn(env: &[(&str, &str)]) -> LspClient {
        Self::spawn_logging(env, Stdio::inherit())
    }

    fn spawn_logging(env: &[(&str, &str)], log: Stdio) -> LspClient {
        let cache = (!env.iter().any(|(k, _)| *k == "BACKSTOP_CACHE_DIR"))
            .then(|| tempfile::tempdir().expect("cache dir"));
        let binary = std::env::var_os("BACKSTOP_BIN")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| assert_cmd::cargo::cargo_bin("backstop"));
        let mut child = Command::new(binary)
            .arg("lsp")
            .env("BACKSTOP_TODAY", super::TODAY)
            .envs(env.iter().copied())
            .envs(
                cache
                    .iter()
                    .map(|dir| ("BACKSTOP_CACHE_DIR", dir.path().as_os_str())),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("start backstop lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        LspClient {
            child,
            _cache: cache,
            stdin,
            messages,
            next_id: 0,
            backlog: Vec::new(),
            initialize_result: Value::Null,
        }
    }

    pub fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    /// Several messages in one write, as a client that does not wait for
    /// answers sends them.
    pub fn send_all(&mut self, messages: &[Value]) {
        let mut bytes = Vec::new();
        for message in messages {
            let body = message.to_string();
            write!(bytes, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        }
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(&bytes).expect("write");
        stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_raw(&message.to_string());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its answer: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.request_within(method, params, TIMEOUT)
            .unwrap_or_else(|| panic!("no answer to {method}"))
    }

    /// `request`, waiting at most `timeout`; `None` when no answer came.
    pub fn request_within(
        &mut self,
        method: &str,
        params: Value,
        timeout: Duration,
    ) -> Option<Result<Value, Value>> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let message = self.wait_for(|m| m["id"] == id && m.get("method").is_none(), timeout)?;
        Some(match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message["result"].clone()),
        })
    }

    /// A request about a position (hover, definition, completion), answered.
    pub fn at(&mut self, method: &str, spot: &Spot) -> Result<Value, Value> {
        self.request(method, spot.params())
    }

    pub fn hover(&mut self, spot: &Spot) -> Value {
        self.at("textDocument/hover", spot).expect("hover")
    }

    /// The Markdown of the hover at `spot`.
    pub fn hover_text(&mut self, spot: &Spot) -> String {
        let hover = self.hover(spot);
        hover["contents"]["value"]
            .as_str()
            .unwrap_or_else(|| panic!("no hover text at {spot:?}: {hover}"))
            .to_string()
    }

    pub fn definition(&mut self, spot: &Spot) -> Value {
        self.at("textDocument/definition", spot)
            .expect("definition")
    }

    pub fn completion(&mut self, spot: &Spot) -> Value {
        self.at("textDocument/completion", spot)
            .expect("completion")
    }

    /// The references at `spot` (declarations included), as sorted
    /// `file:line` strings.
    pub fn references(&mut self, spot: &Spot) -> Vec<String> {
        let mut params = spot.params();
        params["context"] = json!({"includeDeclaration": true});
        let locations = self
            .request("textDocument/references", params)
            .expect("references");
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

    pub fn document_symbols(&mut self, uri: &str) -> Value {
        self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .expect("document symbols")
    }

    pub fn workspace_symbols(&mut self, query: &str) -> Value {
        self.request("workspace/symbol", json!({"query": query}))
            .expect("workspace symbols")
    }

    /// The request's parameters for a document and a range.
    pub fn in_range(&mut self, method: &str, uri: &str, range: Value, extra: Value) -> Value {
        let mut params = json!({"textDocument": {"uri": uri}, "range": range});
        if let (Some(params), Some(extra)) = (params.as_object_mut(), extra.as_object()) {
            params.extend(extra.clone());
        }
        self.request(method, params).expect(method)
    }

    /// Replace `range` of an open document with `text`.
    pub fn edit(&mut self, uri: &str, version: i32, range: Value, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": range, "text": text}]
            }),
        );
    }

    /// Replace the whole text of an open document.
    pub fn replace(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Tell the server a file changed on disk (1 created, 2 changed, 3
    /// deleted).
    pub fn file_changed(&mut self, path: &Path, kind: u32) {
        self.notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri(path), "type": kind}]}),
        );
    }

    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.messages.recv_timeout(left) {
            Ok(message) => {
                // Server requests (registration, progress tokens) get an
                // empty success, as an editor would send.
                if message.get("method").is_some() && message.get("id").is_some() {
                    let reply =
                        json!({"jsonrpc": "2.0", "id": message["id"].clone(), "result": null});
                    self.send(reply);
                }
                Some(message)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The first message (from the backlog, then the server) that matches.
    pub fn wait_for(
        &mut self,
        matches: impl Fn(&Value) -> bool,
        timeout: Duration,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&matches) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + timeout;
        while let Some(message) = self.next_message(deadline) {
            if matches(&message) {
                return Some(message);
            }
            self.backlog.push(message);
        }
        None
    }

    /// The next diagnostics published for `uri` that satisfy `accept`.
    pub fn diagnostics_where(&mut self, uri: &str, accept: impl Fn(&Value) -> bool) -> Value {
        self.diagnostics_within(uri, TIMEOUT, accept)
    }

    /// `diagnostics_where` with a longer wait (a large workspace's first load).
    pub fn diagnostics_within(
        &mut self,
        uri: &str,
        timeout: Duration,
        accept: impl Fn(&Value) -> bool,
    ) -> Value {
        let found = self.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && accept(&m["params"])
            },
            timeout,
        );
        found.unwrap_or_else(|| {
            panic!(
                "no matching diagnostics for {uri} within {timeout:?}; backlog: {:#?}",
                self.backlog
            )
        })["params"]
            .clone()
    }

    /// Diagnostics for `uri` whose codes are exactly `codes` (sorted).
    pub fn diagnostics_with_codes(&mut self, uri: &str, codes: &[&str]) -> Value {
        let mut want: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        want.sort();
        self.diagnostics_where(uri, move |p| diagnostic_codes(p) == want)
    }

    pub fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        uri
    }

    /// Shut down cleanly; returns how long `shutdown` + `exit` took and the
    /// exit code.
    pub fn shutdown(mut self) -> (Duration, Option<i32>) {
        let start = Instant::now();
        self.request("shutdown", Value::Null).expect("shutdown");
        let (_, code) = self.exit();
        (start.elapsed(), code)
    }

    /// Send `exit` (with or without a `shutdown` before it) and close the
    /// server's input; returns how long it took to exit and the exit code.
    pub fn exit(mut self) -> (Duration, Option<i32>) {
        self.notify("exit", Value::Null);
        self.wait_for_exit()
    }

    /// Close the server's input and wait for it to exit; returns how long
    /// that took and the exit code.
    pub fn wait_for_exit(mut self) -> (Duration, Option<i32>) {
        let start = Instant::now();
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (start.elapsed(), status.code());
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return (start.elapsed(), None);
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn diagnostic_codes(params: &Value) -> Vec<String> {
    let mut codes: Vec<String> = params["diagnostics"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| d["code"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    codes.sort();
    codes
}

/// A place in a document: its URI and a position in UTF-16 code units.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    pub uri: String,
    pub line: u32,
    pub character: u32,
}

impl Spot {
    pub fn position(&self) -> Value {
        json!({"line": self.line, "character": self.character})
    }

    /// `textDocument` and `position`, as a request about a position has them.
    pub fn params(&self) -> Value {
        json!({"textDocument": {"uri": self.uri}, "position": self.position()})
    }

    /// The range from here to `length` UTF-16 units further on the same line.
    pub fn range(&self, length: u32) -> Value {
        let end = Spot {
            character: self.character + length,
            ..self.clone()
        };
        json!({"start": self.position(), "end": end.position()})
    }
}

/// The line and UTF-16 column of a byte offset of `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].encode_utf16().count();
    (line as u32, column as u32)
}

/// Where `needle` first occurs in `text`, at its `$0` if it has one (else at
/// its start): `at(text, "[@ta$0lks]")` is inside the first `[@talks]`.
pub fn at(uri: &str, text: &str, needle: &str) -> Spot {
    let (needle, cursor) = match needle.find("$0") {
        Some(i) => (needle.replacen("$0", "", 1), i),
        None => (needle.to_string(), 0),
    };
    let start = text
        .find(&needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in {uri}:\n{text}"));
    let (line, character) = line_column(text, start + cursor);
    Spot {
        uri: uri.to_string(),
        line,
        character,
    }
}

/// A text with the cursor marked `$0`: the text without the mark, and the
/// cursor's spot in the document `uri`.
pub fn marked(uri: &str, text: &str) -> (String, Spot) {
    let offset = text.find("$0").expect("a `$0` cursor");
    let clean = text.replacen("$0", "", 1);
    let (line, character) = line_column(&clean, offset);
    let spot = Spot {
        uri: uri.to_string(),
        line,
        character,
    };
    (clean, spot)
}

/// A workspace written from one string: each file's lines follow a
/// `//- /relative/path` line, and one file may mark the cursor with `$0`.
/// Every line of a file ends with a newline.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    files: Vec<(String, String)>,
    cursor: Option<(String, usize)>,
}

impl Fixture {
    pub fn new(spec: &str) -> Fixture {
        let mut files: Vec<(String, String)> = Vec::new();
        for line in spec.lines() {
            if let Some(path) = line.strip_prefix("//- /") {
                files.push((path.trim().to_string(), String::new()));
            } else if let Some((_, text)) = files.last_mut() {
                text.push_str(line);
                text.push('\n');
            } else {
                assert!(
                    line.trim().is_empty(),
                    "text before the first `//- /path`: {line}"
                );
            }
        }
        let mut cursor = None;
        for (path, text) in &mut files {
            if let Some(offset) = text.find("$0") {
                assert!(cursor.is_none(), "more than one `$0` cursor");
                text.replace_range(offset..offset + 2, "");
                cursor = Some((path.clone(), offset));
            }
        }
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in &files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, text).expect("write fixture");
        }
        Fixture { dir, files, cursor }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn uri(&self, rel: &str) -> String {
        uri(&self.path(rel))
    }

    /// A file's text as the fixture wrote it (without the cursor mark).
    pub fn text(&self, rel: &str) -> &str {
        self.files
            .iter()
            .find(|(path, _)| path == rel)
            .map(|(_, text)| text.as_str())
            .unwrap_or_else(|| panic!("no file {rel} in the fixture"))
    }

    /// The file holding the `$0` cursor, and the cursor's spot in it.
    pub fn cursor(&self) -> (&str, Spot) {
        let (path, offset) = self.cursor.as_ref().expect("a `$0` cursor in the fixture");
        let (line, character) = line_column(self.text(path), *offset);
        let spot = Spot {
            uri: self.uri(path),
            line,
            character,
        };
        (path, spot)
    }

    /// Where `needle` first occurs in file `rel` (see `at`).
    pub fn at(&self, rel: &str, needle: &str) -> Spot {
        at(&self.uri(rel), self.text(rel), needle)
    }
}
