//! The closing line of the terminal formats: how many problems of each
//! severity, in how many files, and how many `--fix` would fix.

use std::io::{self, Write};

use super::Style;
use crate::cli::applicability::Applicability;
use crate::cli::report::Record;

/// Findings with a safe fix, and those whose fix is unsafe.
pub fn fix_counts(records: &[Record]) -> (usize, usize) {
    let count = |wanted: Applicability| {
        records
            .iter()
            .filter(|r| r.fix.as_ref().is_some_and(|f| f.applicability == wanted))
            .count()
    };
    (count(Applicability::Safe), count(Applicability::Unsafe))
}

pub fn write_unless_quiet(records: &[Record], style: Style, out: &mut dyn Write) -> io::Result<()> {
    if style.quiet {
        return Ok(());
    }
    if records.is_empty() {
        return writeln!(out, "All checks passed.");
    }
    let count = |severity: &str| records.iter().filter(|r| r.severity == severity).count();
    let mut parts = Vec::new();
    for (severity, name) in [
        ("error", "error"),
        ("warning", "warning"),
        ("info", "info"),
        ("hint", "hint"),
    ] {
        let n = count(severity);
        if n > 0 {
            parts.push(format!(
                "{n} {name}{}",
                if n == 1 || name == "info" { "" } else { "s" }
            ));
        }
    }
    let files = {
        let mut paths: Vec<&str> = records.iter().map(|r| r.span.path.as_str()).collect();
        paths.sort();
        paths.dedup();
        paths.len()
    };
    write!(
        out,
        "Found {} problem{} in {files} file{} ({}).",
        records.len(),
        if records.len() == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        parts.join(", ")
    )?;
    let (safe, unsafe_only) = fix_counts(records);
    if safe > 0 {
        write!(out, " {safe} fixable with `--fix`.")?;
    }
    if unsafe_only > 0 {
        write!(
            out,
            " {unsafe_only} {}fixable with `--fix --unsafe-fixes`.",
            if safe > 0 { "more " } else { "" }
        )?;
    }
    writeln!(out)
}
