//! `check --watch`: started on a workspace, it reports; after a file is
//! changed it reports again with the change's finding; then it is killed.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use support::{TODAY, workspace, write};

const ARTICLE: &str = "---\ntitle: Talks\ndate: 2025-02-27\nsource: AFP\n---\nStarmer met Trump in Washington on Thursday.\n";

/// Kills the watcher however the test ends.
struct Watcher(Child);

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Lines of stdout up to and including the next summary line.
fn next_report(lines: &Receiver<String>) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut report = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no report within a minute; so far: {report:?}"));
        let done = line.starts_with("Found ") || line == "All checks passed.";
        report.push(line);
        if done {
            return report;
        }
    }
}

#[test]
fn watch_reports_again_after_a_change() {
    let dir = workspace(&[
        ("sources/talks.md", ARTICLE),
        ("notes/n.md", "Starmer met Trump in Washington [@talks].\n"),
    ]);
    let cache = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("backstop"))
        .args(["check", "--watch", "--format", "concise"])
        .current_dir(dir.path())
        .env("BACKSTOP_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env("BACKSTOP_CACHE_DIR", cache.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut watcher = Watcher(child);
    let stdout = watcher.0.stdout.take().unwrap();
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });

    assert_eq!(next_report(&lines), vec!["All checks passed."]);
    // The watcher is set up before the first report: a change now is seen.
    write(
        dir.path(),
        "notes/n.md",
        b"Starmer met Trump in Washington [@talsk].\n",
    );
    let second = next_report(&lines);
    assert!(
        second[0].starts_with("notes/n.md:1:35: error[unknown-source]"),
        "{second:?}"
    );
    assert!(
        second.last().unwrap().starts_with("Found 1 problem"),
        "{second:?}"
    );

    // An article deleted: the note's citation no longer resolves.
    write(dir.path(), "notes/n.md", b"Starmer met Trump [@talks].\n");
    assert_eq!(next_report(&lines), vec!["All checks passed."]);
    std::fs::remove_file(dir.path().join("sources/talks.md")).unwrap();
    let fourth = next_report(&lines);
    assert!(
        fourth.iter().any(|l| l.contains("error[unknown-source]")),
        "{fourth:?}"
    );
    assert!(watcher.0.try_wait().unwrap().is_none(), "still watching");
}
