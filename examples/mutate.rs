//! A black-box mutation harness: it copies a workspace, damages it at random
//! (bytes, hostile snippets, files added, removed and linked, a broken
//! configuration), and after every mutation runs `backstop check` through
//! the cache and without it, and now and then a language-server session.
//! It fails on a panic, a signal, a hang, an unexpected exit status, a
//! cached run whose output differs from `--no-cache`, or a server that stops
//! answering; the workspace that failed is kept for `tests/hostile/`.
//!
//!   cargo run --release --example mutate -- --bin target/release/backstop \
//!       --seed 7 --seconds 120 [--rounds N] [--keep tests/hostile] [--base seeds]
//!
//! Same seed, same mutations; with `--rounds` the same number of them on
//! any machine, which is what a CI run wants.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Value, json};

/// Longest a single run may take before it counts as a hang.
const HANG: Duration = Duration::from_secs(60);

/// Fragments scraped pages and careless notes are made of.
const SNIPPETS: &[&str] = &[
    "\"",
    "“",
    "”",
    "[@",
    "[@nowhere]",
    "[@a; @b, p. 4]",
    "---\n",
    "date: 2025-02-30\n",
    "date 2025-02-27 ",
    "source:\n",
    "url: javascript:alert(1)\n",
    "<!-- backstop-ignore misquote -->",
    "<!-- backstop-ignore",
    "![t](https://example.invalid/pixel.png)",
    "[x](command:workbench.action.quit)",
    "<script>alert(1)</script>",
    "\u{202e}\u{200b}\u{feff}",
    "😀é\r\n",
    "\r",
    "\0",
    "> “We will not stand by,” he said.\n> — Keir Starmer [@x]\n",
    "Trump said \"we will decide very quickly\" [@003_24af249c9a4d55a2].",
    "About 30,000 troops were on Tuesday, 12 December [@001_7bab49cd3b03e6d8].",
    "```\ncode\n",
    "| a | b |\n|---|---|\n| \"one two three\" | [@x] |\n",
    "Mr. Dr. Sen. Rep. Gov. President Prime Minister",
];

struct Args {
    bin: PathBuf,
    seed: u64,
    seconds: u64,
    /// Workspaces to mutate at most, whatever the time left.
    rounds: Option<usize>,
    keep: PathBuf,
    base: PathBuf,
}

fn parse_args() -> Args {
    let mut args = Args {
        bin: PathBuf::from("target/release/backstop"),
        seed: 1,
        seconds: 120,
        rounds: None,
        keep: PathBuf::from("tests/hostile"),
        base: PathBuf::from("seeds"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_else(|| usage(&flag));
        match flag.as_str() {
            "--bin" => args.bin = PathBuf::from(value),
            "--seed" => args.seed = value.parse().unwrap_or_else(|_| usage(&flag)),
            "--seconds" => args.seconds = value.parse().unwrap_or_else(|_| usage(&flag)),
            "--rounds" => args.rounds = Some(value.parse().unwrap_or_else(|_| usage(&flag))),
            "--keep" => args.keep = PathBuf::from(value),
            "--base" => args.base = PathBuf::from(value),
            _ => usage(&flag),
        }
    }
    args
}

fn usage(flag: &str) -> ! {
    eprintln!(
        "mutate: bad argument {flag}\nusage: mutate --bin BACKSTOP [--seed N] [--seconds S] [--rounds N] [--keep DIR] [--base DIR]"
    );
    std::process::exit(2)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the workspace copy");
    for entry in std::fs::read_dir(from)
        .expect("read the base workspace")
        .flatten()
    {
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Regular files below `root`, sorted, cache and links left out.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// One random change to the workspace; returns what it did.
fn mutate(rng: &mut StdRng, root: &Path) -> String {
    let all = files(root);
    if all.is_empty() {
        std::fs::write(root.join("notes.md"), "Empty [@x].\n").expect("write a note");
        return "wrote a first note".into();
    }
    let file = &all[rng.random_range(0..all.len())];
    let name = file
        .strip_prefix(root)
        .unwrap_or(file)
        .display()
        .to_string();
    let mut bytes = std::fs::read(file).unwrap_or_default();
    let at = |rng: &mut StdRng, len: usize| rng.random_range(0..=len);
    let what = match rng.random_range(0..12) {
        0 => {
            let cut = at(rng, bytes.len());
            bytes.truncate(cut);
            format!("truncated {name} at {cut}")
        }
        1 => {
            let pos = at(rng, bytes.len());
            let junk: Vec<u8> = (0..rng.random_range(1..16)).map(|_| rng.random()).collect();
            bytes.splice(pos..pos, junk);
            format!("inserted random bytes into {name} at {pos}")
        }
        2..=4 => {
            let pos = at(rng, bytes.len());
            let snippet = SNIPPETS[rng.random_range(0..SNIPPETS.len())];
            bytes.splice(pos..pos, snippet.bytes());
            format!("inserted {snippet:?} into {name} at {pos}")
        }
        5 => {
            let start = at(rng, bytes.len());
            let end = (start + rng.random_range(0..400)).min(bytes.len());
            let copy = bytes[start..end].to_vec();
            let repeat = rng.random_range(1..40);
            for _ in 0..repeat {
                bytes.splice(end..end, copy.iter().copied());
            }
            format!("repeated {name}[{start}..{end}] {repeat} times")
        }
        6 => {
            let start = at(rng, bytes.len());
            let end = (start + rng.random_range(0..200)).min(bytes.len());
            bytes.drain(start..end);
            format!("deleted {name}[{start}..{end}]")
        }
        7 => {
            let _ = std::fs::remove_file(file);
            return format!("removed {name}");
        }
        8 => {
            let copy = file.with_file_name(format!("copy-{}", rng.random_range(0..1000)));
            let copy = copy.with_extension(file.extension().unwrap_or_default());
            let _ = std::fs::copy(file, &copy);
            return format!("copied {name} to {}", copy.display());
        }
        9 => {
            let note = root.join(format!("notes/n{}.md", rng.random_range(0..100)));
            let _ = std::fs::create_dir_all(root.join("notes"));
            let source = String::from_utf8_lossy(&bytes).into_owned();
            let words: Vec<&str> = source.split_whitespace().collect();
            let mut text = String::new();
            for _ in 0..rng.random_range(1..6) {
                let from = at(rng, words.len());
                let to = (from + rng.random_range(3..15)).min(words.len());
                let key = file.file_stem().unwrap_or_default().to_string_lossy();
                text.push_str(&format!(
                    "Someone said \"{}\" [@{key}].\n\n",
                    words[from..to].join(" ")
                ));
            }
            let _ = std::fs::write(&note, text);
            return format!("wrote a note quoting {name}");
        }
        10 => {
            let config = root.join("backstop.toml");
            let options = [
                "[rules]\nmisquote = \"warning\"\n",
                "[rules]\nnot-a-rule = \"error\"\n",
                "corpus = [\"**/*.txt\"]\n",
                "corpus = [\"[\"]\n",
                "exclude = [\"notes/**\"]\n",
                "[people]\n\"Keir Starmer\" = { aliases = [\"Starmer\"], role = \"PM\" }\n",
                "",
            ];
            let _ = std::fs::write(&config, options[rng.random_range(0..options.len())]);
            return "changed backstop.toml".into();
        }
        _ => {
            let link = root.join(format!("seeds/link{}.txt", rng.random_range(0..10)));
            let target = if rng.random_bool(0.5) {
                file.clone()
            } else {
                PathBuf::from("..")
            };
            let _ = std::fs::remove_file(&link);
            #[cfg(unix)]
            let _ = std::os::unix::fs::symlink(&target, &link);
            return format!("linked {} to {}", link.display(), target.display());
        }
    };
    let _ = std::fs::write(file, &bytes);
    what
}

/// A finished run: exit status, stdout, stderr.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
}

/// Run `bin` with a time limit; `Err` says what went wrong.
fn run(bin: &Path, args: &[&str], cwd: &Path, cache: &Path) -> Result<Run, String> {
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(cwd)
        .env("BACKSTOP_CACHE_DIR", cache)
        .env("BACKSTOP_TODAY", "2026-01-01")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = String::new();
        let _ = stderr.read_to_string(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("hang: {args:?} ran past {HANG:?}"));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok(Run {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    })
}

/// `check` through the cache, then without it: both end cleanly and agree.
fn check_both_ways(bin: &Path, root: &Path, cache: &Path) -> Result<(), String> {
    let args = ["check", ".", "--format", "json", "--fail-on", "never"];
    let cached = run(bin, &args, root, cache)?;
    let mut fresh_args = args.to_vec();
    fresh_args.push("--no-cache");
    let fresh = run(bin, &fresh_args, root, cache)?;
    for (label, result) in [("cached", &cached), ("--no-cache", &fresh)] {
        let code = result.status.code();
        if !matches!(code, Some(0) | Some(2)) {
            return Err(format!(
                "{label} check exited with {:?}: {}",
                result.status, result.stderr
            ));
        }
        if result.stderr.contains("panicked") {
            return Err(format!("{label} check panicked: {}", result.stderr));
        }
    }
    if cached.stdout != fresh.stdout || cached.status.code() != fresh.status.code() {
        return Err(format!(
            "cached output differs from --no-cache\n--- cached\n{}\n--- no cache\n{}",
            String::from_utf8_lossy(&cached.stdout),
            String::from_utf8_lossy(&fresh.stdout)
        ));
    }
    Ok(())
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend(body.into_bytes());
    out
}

fn uri_of(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A short editor session: open every note, hover and edit at random places,
/// send messages that are not JSON-RPC, then shut down. Every request must
/// be answered and the server must exit 0.
fn lsp_session(
    bin: &Path,
    root: &Path,
    cache: &Path,
    rng: &mut StdRng,
    transcript: &mut Vec<String>,
) -> Result<(), String> {
    let mut child = Command::new(bin)
        .arg("lsp")
        .current_dir(root)
        .env("BACKSTOP_CACHE_DIR", cache)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let stdout = child.stdout.take().expect("piped");
    let (sender, answers) = std::sync::mpsc::channel::<Value>();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        loop {
            let mut length = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    length = v.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; length.unwrap_or(0)];
            if reader.read_exact(&mut body).is_err() {
                return;
            }
            if let Ok(value) = serde_json::from_slice::<Value>(&body)
                && value.get("id").is_some()
                && value.get("method").is_none()
                && sender.send(value).is_err()
            {
                return;
            }
        }
    });
    let mut send = |message: Value| stdin.write_all(&frame(&message));
    let mut expected = Vec::new();
    let request = |id: i64, method: &str, params: Value, expected: &mut Vec<i64>| {
        expected.push(id);
        json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
    };
    let root_uri = uri_of(root);
    let mut messages = vec![
        request(
            1,
            "initialize",
            json!({"rootUri": root_uri, "capabilities": {}}),
            &mut expected,
        ),
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    ];
    let notes: Vec<PathBuf> = files(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .take(4)
        .collect();
    let mut id = 10;
    for note in &notes {
        let text = String::from_utf8_lossy(&std::fs::read(note).unwrap_or_default()).into_owned();
        let uri = uri_of(note);
        messages.push(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}}),
        );
        let lines = text.lines().count().max(1) as u32;
        for _ in 0..3 {
            let position =
                json!({"line": rng.random_range(0..lines), "character": rng.random_range(0..80)});
            id += 1;
            messages.push(request(
                id,
                "textDocument/hover",
                json!({
                "textDocument": {"uri": uri}, "position": position}),
                &mut expected,
            ));
            messages.push(
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": id},
                "contentChanges": [{"range": {"start": position, "end": position},
                    "text": SNIPPETS[rng.random_range(0..SNIPPETS.len())]}]}}),
            );
        }
    }
    // Framed, valid JSON, but not JSON-RPC messages.
    for junk in [
        json!({}),
        json!([]),
        json!(1),
        json!(null),
        json!({"jsonrpc": "2.0", "method": 5}),
    ] {
        messages.push(junk);
    }
    id += 1;
    messages.push(request(id, "shutdown", Value::Null, &mut expected));
    // The session as `tests/hostile.rs` replays it: one body a line, the
    // workspace's URI written `${ROOT}`.
    transcript.clear();
    transcript.extend(
        messages
            .iter()
            .map(|m| m.to_string().replace(&root_uri, "${ROOT}")),
    );
    for message in messages {
        send(message).map_err(|e| format!("the server stopped reading: {e}"))?;
    }
    let deadline = Instant::now() + HANG;
    let mut answered = std::collections::HashSet::new();
    while answered.len() < expected.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        match answers.recv_timeout(left) {
            Ok(answer) => {
                if let Some(id) = answer["id"].as_i64() {
                    answered.insert(id);
                }
            }
            Err(_) => {
                let _ = child.kill();
                let missing: Vec<_> = expected.iter().filter(|i| !answered.contains(i)).collect();
                return Err(format!("the server left requests {missing:?} unanswered"));
            }
        }
    }
    send(json!({"jsonrpc": "2.0", "method": "exit"})).map_err(|e| e.to_string())?;
    drop(stdin);
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return match status.code() {
                Some(0) => Ok(()),
                _ => Err(format!("the server exited with {status:?}")),
            };
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            return Err("the server did not exit after shutdown and exit".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What failed, for `keep_failure`.
struct Failure<'a> {
    root: &'a Path,
    log: &'a [String],
    why: &'a str,
    /// The editor session that failed, when a session did.
    session: &'a [String],
}

fn keep_failure(keep: &Path, seed: u64, round: usize, failure: &Failure) {
    let Failure {
        root,
        log,
        why,
        session,
    } = failure;
    let dir = keep.join(format!("seed{seed}-round{round}"));
    let _ = std::fs::remove_dir_all(&dir);
    copy_tree(root, &dir.join("workspace"));
    if !session.is_empty() {
        let _ = std::fs::write(dir.join("session.jsonl"), session.join("\n") + "\n");
    }
    // The folder's name chooses the corpus when backstop.toml names none,
    // so the replay checks the workspace under the same name.
    let base = root.file_name().unwrap_or_default().to_string_lossy();
    let mut report = format!("seed {seed}, round {round}\nbase: {base}\n\nmutations:\n");
    for line in log.iter() {
        report.push_str(&format!("- {line}\n"));
    }
    report.push_str(&format!("\nfailure:\n{why}\n"));
    let _ = std::fs::write(dir.join("FAILURE.md"), report);
    eprintln!("mutate: kept the failing workspace in {}", dir.display());
}

fn main() {
    let args = parse_args();
    let bin = std::fs::canonicalize(&args.bin).unwrap_or_else(|_| usage("--bin"));
    let mut rng = StdRng::seed_from_u64(args.seed);
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let (mut checks, mut sessions, mut round) = (0usize, 0usize, 0usize);
    while Instant::now() < deadline && args.rounds.is_none_or(|most| round < most) {
        // Named like the base: a folder named `seeds` is a corpus folder.
        let base_name = args.base.file_name().unwrap_or_default();
        let root = scratch.path().join(format!("ws{round}")).join(base_name);
        let cache = scratch.path().join(format!("cache{round}"));
        copy_tree(&args.base, &root);
        let mut log = Vec::new();
        let mut session = Vec::new();
        // A sequence of mutations on one workspace, so that the cache is
        // updated from run to run rather than only built.
        for step in 0..rng.random_range(3..10) {
            for _ in 0..rng.random_range(1..4) {
                log.push(mutate(&mut rng, &root));
            }
            session.clear();
            let outcome = check_both_ways(&bin, &root, &cache).and_then(|()| {
                checks += 2;
                if step % 4 == 3 {
                    sessions += 1;
                    lsp_session(&bin, &root, &cache, &mut rng, &mut session)
                } else {
                    Ok(())
                }
            });
            if let Err(why) = outcome {
                eprintln!("mutate: failure in round {round}: {why}");
                let failure = Failure {
                    root: &root,
                    log: &log,
                    why: &why,
                    session: &session,
                };
                keep_failure(&args.keep, args.seed, round, &failure);
                println!("mutate: FAILED after {checks} checks and {sessions} server sessions");
                std::process::exit(1);
            }
        }
        let _ = std::fs::remove_dir_all(scratch.path().join(format!("ws{round}")));
        let _ = std::fs::remove_dir_all(&cache);
        round += 1;
    }
    println!(
        "mutate: {round} workspaces, {checks} checks and {sessions} server sessions, no failure (seed {})",
        args.seed
    );
}
