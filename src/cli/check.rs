//! `backstop check [PATH]...`

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::output::{self, Format};
use super::report::{Locator, Record};
use crate::analysis::{self, Analysis};
use crate::cache::{Cache, CacheStats, CacheStatus};
use crate::diagnostic::Severity;
use crate::files::FileError;
use crate::workspace::Workspace;

#[derive(Args)]
pub struct CheckArgs {
    /// Workspaces or single files to check (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Analyse from scratch, without reading or writing the cache
    /// (`BACKSTOP_CACHE_DIR`, else `$XDG_CACHE_HOME/backstop`).
    #[arg(long)]
    no_cache: bool,
    /// Print what the cache did, one JSON line per workspace on stderr.
    #[arg(long)]
    stats: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity >= Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Never => false,
        }
    }
}

/// One workspace and the paths named inside it.
struct Target {
    workspace: Workspace,
    named: Vec<PathBuf>,
}

pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut failed = false;
    let mut targets: BTreeMap<PathBuf, Target> = BTreeMap::new();
    for path in super::paths_or_current(args.paths) {
        if !path.exists() {
            super::print_error(
                err,
                &format!("{}: no such file or directory", path.display()),
            );
            failed = true;
            continue;
        }
        match Workspace::discover(&path) {
            Ok(workspace) => {
                let named = path.canonicalize().unwrap_or(path);
                targets
                    .entry(workspace.root.clone())
                    .or_insert_with(|| Target {
                        workspace,
                        named: Vec::new(),
                    })
                    .named
                    .push(named);
            }
            Err(config_error) => {
                super::print_error(err, &config_error.to_string());
                failed = true;
            }
        }
    }
    let today = analysis::today();
    let mut analyses = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut file_errors: Vec<FileError> = Vec::new();
    let cache = if args.no_cache {
        None
    } else {
        Cache::from_env()
    };
    for target in targets.into_values() {
        let analysis = Analysis::load_cached(target.workspace, &|_| None, cache.as_ref());
        super::print_cache_damage(err, &analysis);
        let named = |path: &Path| target.named.iter().any(|n| path.starts_with(n));
        let mut locator = Locator::new(&analysis);
        for diagnostic in analysis.diagnostics(today) {
            if named(&diagnostic.location.path) {
                records.push(locator.record(&diagnostic));
            }
        }
        file_errors.extend(analysis.errors.iter().filter(|e| named(&e.path)).cloned());
        analysis.persist();
        // After the check: the people index and note results are only
        // looked for when a note is checked.
        if args.stats {
            let stats = analysis.cache_stats().unwrap_or(CacheStats {
                status: CacheStatus::Off,
                articles: analysis.corpus.len(),
                ..CacheStats::default()
            });
            let line = serde_json::json!({
                "workspace": analysis.workspace.root,
                "cache": stats,
            });
            let _ = writeln!(err, "backstop: stats: {line}");
        }
        analyses.push(analysis);
    }
    for error in &file_errors {
        let place = match error.line {
            Some(line) => format!("{}:{line}", error.path.display()),
            None => error.path.display().to_string(),
        };
        super::print_error(err, &format!("{place}: {}", error.message));
    }
    let source =
        |path: &Path, through: usize| analyses.iter().find_map(|a| a.excerpt(path, through));
    // With nothing checked, "All checks passed" would be a lie; machine
    // formats still print their (empty) document so pipelines can parse it.
    let nothing_checked = analyses.is_empty() && args.format == Format::Human;
    let rendered = if nothing_checked {
        Ok(())
    } else {
        output::render(args.format, &records, &source, out)
    };
    // The process ends next: freeing a large corpus and its indexes one
    // allocation at a time would take longer than a whole unchanged check.
    std::mem::forget(analyses);
    if let Err(write_error) = rendered {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if write_error.kind() != std::io::ErrorKind::BrokenPipe {
            super::print_error(err, &format!("cannot write output: {write_error}"));
            return super::EXIT_ERROR;
        }
    }
    if failed || !file_errors.is_empty() {
        return super::EXIT_ERROR;
    }
    let fails = records.iter().any(|r| {
        let severity = match r.severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            _ => Severity::Hint,
        };
        args.fail_on.fails(severity)
    });
    if fails { super::EXIT_PROBLEMS } else { 0 }
}
