//! `backstop check [PATH]...`: the options, and one run from loading to the
//! exit status. `pass` loads and collects findings, `fixing` applies fixes,
//! `settings` answers `--show-settings`/`--show-files`, `watch` re-checks
//! on change.

mod fixing;
mod pass;
mod settings;
mod watch;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::color::ColorChoice;
use super::output::{Format, Style};
use super::selection::Selection;
use crate::cache::Cache;
use crate::diagnostic::Severity;
use pass::Run;

#[derive(Args)]
pub struct CheckArgs {
    /// Workspaces or single files to check (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    output_file: Option<PathBuf>,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Report only these rules: codes, or the groups `article`, `note`,
    /// `all`. Naming a rule that is off turns it on at `warning`.
    #[arg(long, value_delimiter = ',', value_name = "CODE|GROUP")]
    select: Vec<String>,
    /// Do not report these rules (codes or groups).
    #[arg(long, value_delimiter = ',', value_name = "CODE|GROUP")]
    ignore: Vec<String>,
    /// Hide findings below this severity.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    min_severity: Option<MinSeverity>,
    /// Apply the safe fixes (citation key typos, misquotes, page residue),
    /// then report what is left.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`, apply the unsafe fixes too (numbers,
    /// dates, attributions, other sources, metadata).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long, conflicts_with = "watch")]
    diff: bool,
    /// Print how many findings each rule made instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Print the files checked and their role, then stop.
    #[arg(long)]
    show_files: bool,
    /// Print the resolved settings and where each comes from, then stop.
    #[arg(long)]
    show_settings: bool,
    /// Print the findings only: no summary line, no fix count.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Colour the terminal formats.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Check again whenever a file of the workspace changes.
    #[arg(long, short = 'w', conflicts_with = "fix")]
    watch: bool,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum MinSeverity {
    Hint,
    Info,
    Warning,
    Error,
}

impl From<MinSeverity> for Severity {
    fn from(value: MinSeverity) -> Severity {
        match value {
            MinSeverity::Hint => Severity::Hint,
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

/// Everything a pass needs besides the workspaces.
pub(super) struct Options {
    format: Format,
    fail_on: FailOn,
    selection: Selection,
    style: Style,
    statistics: bool,
    stats: bool,
    cache: Option<Cache>,
}

pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let selection = match Selection::parse(
        &args.select,
        &args.ignore,
        args.min_severity.map(Severity::from),
    ) {
        Ok(selection) => selection,
        Err(message) => {
            super::print_error(err, &message);
            return super::EXIT_ERROR;
        }
    };
    let (mut targets, mut failed) = pass::targets(super::paths_or_current(args.paths.clone()), err);
    for target in &mut targets {
        for rule in selection.enable_named(&mut target.workspace.config) {
            let _ = writeln!(
                err,
                "backstop: note: `{rule}` is off in the configuration; --select turns it on at `{}`",
                super::selection::SELECTED_OFF_RULE_SEVERITY.as_str()
            );
        }
    }
    let cache = if args.no_cache {
        None
    } else {
        Cache::from_env()
    };
    if args.show_settings || args.show_files {
        let shown = if args.show_settings {
            settings::show_settings(&targets, &selection, cache.as_ref(), out)
        } else {
            settings::show_files(&targets, out)
        };
        return match shown {
            Ok(()) if !failed => 0,
            Ok(()) => super::EXIT_ERROR,
            Err(write_error) => write_failed(err, &write_error),
        };
    }
    let mut file = match &args.output_file {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Some(std::io::BufWriter::new(file)),
            Err(open_error) => {
                super::print_error(
                    err,
                    &format!("{}: cannot write: {open_error}", path.display()),
                );
                return super::EXIT_ERROR;
            }
        },
        None => None,
    };
    let to_terminal = file.is_none() && std::io::stdout().is_terminal();
    let options = Options {
        format: args.format,
        fail_on: args.fail_on,
        selection,
        style: Style {
            color: args.color.enabled(to_terminal) && !args.format.is_machine(),
            quiet: args.quiet,
        },
        statistics: args.statistics,
        stats: args.stats,
        cache,
    };
    let code = match &mut file {
        Some(file) => check(&args, targets, &options, file, err),
        None => check(&args, targets, &options, out, err),
    };
    if let Some(Err(flush_error)) = file.as_mut().map(|f| f.flush()) {
        failed = true;
        write_failed(err, &flush_error);
    }
    if failed { super::EXIT_ERROR } else { code }
}

/// Load, fix if asked, and report (or watch).
fn check(
    args: &CheckArgs,
    targets: Vec<pass::Target>,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    if args.watch {
        return watch::run(targets, options, args.output_file.as_deref(), out, err);
    }
    let mut run = Run::load(targets, options, err);
    let mut failed = run.failed;
    let mode = super::fix::FixMode {
        unsafe_fixes: args.unsafe_fixes,
    };
    if args.diff {
        let code = fixing::diff(&mut run, mode, options, out, err);
        return if failed { super::EXIT_ERROR } else { code };
    }
    if args.fix {
        failed |= fixing::fix(&mut run, mode, options, out, err);
    }
    let code = run.report(options, out, err);
    crate::analysis::drop_without_freeing(run);
    if failed { super::EXIT_ERROR } else { code }
}

fn write_failed(err: &mut dyn Write, write_error: &std::io::Error) -> u8 {
    // A closed pipe (`| head`) is the reader's choice, not a failure.
    if write_error.kind() == std::io::ErrorKind::BrokenPipe {
        return 0;
    }
    super::print_error(err, &format!("cannot write output: {write_error}"));
    super::EXIT_ERROR
}
