//! `check --fix` and `--diff` over a loaded run: plan the fixes of the
//! findings reported, then print them as a diff, or write them and check
//! the changed files again so that the report shows what is left.

use std::io::Write;
use std::path::PathBuf;

use super::Options;
use super::pass::Run;
use crate::cli::fix::{self, FileFix, FixMode};

fn plan(run: &Run, mode: FixMode) -> Vec<FileFix> {
    fix::plan(&run.records, mode, &|path| {
        run.text_of(path).map(str::to_string)
    })
}

/// Print the fixes as a unified diff; 1 when there is one, else 0.
pub(super) fn diff(run: &Run, mode: FixMode, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let fixes = plan(run, mode);
    for file in &fixes {
        if write!(out, "{}", fix::unified_diff(file)).is_err() {
            break;
        }
    }
    let count: usize = fixes.iter().map(|f| f.fixes).sum();
    let _ = writeln!(
        err,
        "backstop: {count} fix{} in {} file{} (not written: --diff)",
        if count == 1 { "" } else { "es" },
        fixes.len(),
        if fixes.len() == 1 { "" } else { "s" },
    );
    if fixes.is_empty() {
        0
    } else {
        crate::cli::EXIT_PROBLEMS
    }
}

/// Write the fixes and check the changed files again. Returns whether a
/// file could not be fixed.
pub(super) fn fix(
    run: &mut Run,
    mode: FixMode,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let fixes = plan(run, mode);
    let mut failed = false;
    let mut written: Vec<PathBuf> = Vec::new();
    let mut count = 0;
    for file in &fixes {
        match fix::write(file) {
            Ok(()) => {
                count += file.fixes;
                written.push(file.path.clone());
            }
            Err(message) => {
                crate::cli::print_error(err, &format!("{}: {message}", file.display));
                failed = true;
            }
        }
    }
    if !written.is_empty() {
        run.update(&written, options);
    }
    if !options.style.quiet {
        let line = format!(
            "Fixed {count} problem{} in {} file{}.",
            if count == 1 { "" } else { "s" },
            written.len(),
            if written.len() == 1 { "" } else { "s" },
        );
        // Machine formats keep stdout for their document.
        let _ = if options.format.is_machine() {
            writeln!(err, "backstop: {line}")
        } else {
            writeln!(out, "{line}")
        };
    }
    failed
}
