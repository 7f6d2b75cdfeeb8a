//! A small LSP client that drives the real `backstop lsp` over stdio, the way
//! an editor does.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
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
        let root = roots[0];
        let folders: Vec<Value> = roots
            .iter()
            .map(|r| json!({"uri": uri(r), "name": r.file_name().map(|n| n.to_string_lossy().into_owned())}))
            .collect();
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
            .stderr(Stdio::inherit())
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
        let mut client = LspClient {
            child,
            _cache: cache,
            stdin,
            messages,
            next_id: 0,
            backlog: Vec::new(),
            initialize_result: Value::Null,
        };
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

    pub fn send_raw(&mut self, body: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
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
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let message = self.wait_for(|m| m["id"] == id && m.get("method").is_none(), TIMEOUT);
        let message = message.unwrap_or_else(|| panic!("no answer to {method}"));
        match message.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(message["result"].clone()),
        }
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
        self.notify("exit", Value::Null);
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
