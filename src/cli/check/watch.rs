//! `check --watch`: report, then report again after every change to a
//! workspace's files, until interrupted. A change to articles or notes
//! updates the analysis (only the changed files are read again, and the
//! cache keeps the rest); a change to `backstop.toml`, `.gitignore` or a
//! folder loads the workspaces again.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::Options;
use super::pass::{Run, targets};

/// How long to wait after a change for more: an editor's save or a `git
/// checkout` is several events.
const SETTLE: Duration = Duration::from_millis(200);

/// What a batch of changes asks for.
enum Change {
    /// Articles or notes changed, were created or deleted.
    Files(Vec<PathBuf>),
    /// The configuration or the folder structure changed.
    Reload,
}

pub(super) fn run(
    targets_at_start: Vec<super::pass::Target>,
    options: &Options,
    output_file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let named: Vec<PathBuf> = targets_at_start
        .iter()
        .flat_map(|t| t.named.iter().cloned())
        .collect();
    let roots: Vec<PathBuf> = targets_at_start
        .iter()
        .map(|t| t.workspace.root.clone())
        .collect();
    let (sender, events) = channel();
    let mut watcher = match notify::recommended_watcher(sender) {
        Ok(watcher) => watcher,
        Err(watch_error) => {
            crate::cli::print_error(err, &format!("cannot watch files: {watch_error}"));
            return crate::cli::EXIT_ERROR;
        }
    };
    for root in &roots {
        if let Err(watch_error) = watcher.watch(root, RecursiveMode::Recursive) {
            crate::cli::print_error(
                err,
                &format!("{}: cannot watch: {watch_error}", root.display()),
            );
            return crate::cli::EXIT_ERROR;
        }
    }
    let mut run = Run::load(targets_at_start, options, err);
    loop {
        report(&run, options, output_file, out, err);
        let _ = writeln!(err, "backstop: watching for changes (Ctrl-C stops)");
        let _ = err.flush();
        let Some(change) = next_change(&events, &roots, options) else {
            return 0;
        };
        match change {
            Change::Files(changed) => {
                run.update(&changed, options);
            }
            Change::Reload => {
                let (fresh, _) = targets(named.clone(), err);
                run = Run::load(fresh, options, err);
            }
        }
    }
}

fn report(
    run: &Run,
    options: &Options,
    output_file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    match output_file {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => {
                let mut file = std::io::BufWriter::new(file);
                run.report(options, &mut file, err);
                let _ = file.flush();
            }
            Err(open_error) => crate::cli::print_error(
                err,
                &format!("{}: cannot write: {open_error}", path.display()),
            ),
        },
        None => {
            run.report(options, out, err);
        }
    }
    let _ = out.flush();
}

/// Wait for a change that matters, then for the rest of its batch. `None`
/// when the watcher stopped.
fn next_change(
    events: &Receiver<notify::Result<notify::Event>>,
    roots: &[PathBuf],
    options: &Options,
) -> Option<Change> {
    let cache_dir = options.cache.as_ref().map(|c| c.dir().to_path_buf());
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut reload = false;
    let mut waiting = true;
    loop {
        let event = if waiting {
            events.recv().ok()?
        } else {
            match events.recv_timeout(SETTLE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        };
        let Ok(event) = event else { continue };
        if event.kind.is_access() {
            continue;
        }
        for path in event.paths {
            if cache_dir.as_ref().is_some_and(|c| path.starts_with(c)) {
                continue;
            }
            let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
                continue;
            };
            match classify(&path, root) {
                Some(Kind::File) => changed.push(path),
                Some(Kind::Structure) => reload = true,
                None => continue,
            }
            waiting = false;
        }
    }
    changed.sort();
    changed.dedup();
    Some(if reload {
        Change::Reload
    } else {
        Change::Files(changed)
    })
}

enum Kind {
    File,
    Structure,
}

/// What a changed path is to the check: an article or note, something that
/// changes which files there are, or nothing (hidden files, other files).
fn classify(path: &Path, root: &Path) -> Option<Kind> {
    let relative = path.strip_prefix(root).ok()?;
    let name = path.file_name()?.to_string_lossy();
    if name == crate::config::FILE_NAME || name == ".gitignore" {
        return Some(Kind::Structure);
    }
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return None;
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("md" | "txt") => Some(Kind::File),
        // A folder created, renamed or removed: its files come and go
        // without an event each.
        None if path.is_dir() || !path.exists() => Some(Kind::Structure),
        _ => None,
    }
}
