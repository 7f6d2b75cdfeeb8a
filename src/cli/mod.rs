//! The command line: argument parsing and dispatch. Each command is a thin
//! adapter over `analysis`; rendering lives in `output`.

mod check;
mod explain;
pub mod output;
mod people;
mod quotes;
pub mod report;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "backstop",
    version,
    about = "Fact-check research notes against a local corpus of source articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check workspaces or single files and report problems.
    Check(check::CheckArgs),
    /// Run the language server on stdin/stdout.
    Lsp,
    /// Print a rule's documentation with an example (all rules without CODE).
    Explain {
        /// A rule code such as `misquote`.
        code: Option<String>,
    },
    /// List the people the corpus names: names, aliases, roles, mentions.
    People(people::PeopleArgs),
    /// List the quotes in the corpus with their speakers.
    Quotes(quotes::QuotesArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

/// Exit status of a command: 0 clean, 1 problems at or above `--fail-on`,
/// 2 usage, configuration or I/O errors.
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    // The server owns stdout; nothing here may lock it first.
    if let Command::Lsp = cli.command {
        return crate::lsp::run();
    }
    // Stdout is line-buffered: pretty JSON of a large corpus's findings
    // would otherwise cost a write per line.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    let code = match cli.command {
        Command::Check(args) => check::run(args, &mut out, &mut err),
        Command::Explain { code } => explain::run(code.as_deref(), &mut out, &mut err),
        Command::Lsp => return crate::lsp::run(),
        Command::People(args) => people::run(args, &mut out, &mut err),
        Command::Quotes(args) => quotes::run(args, &mut out, &mut err),
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// Print an error the way every command does: `backstop: error: …`.
pub(crate) fn print_error(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "backstop: error: {message}");
}

/// Tell the user when the cache entry was found damaged and rebuilt: the
/// results are unaffected, but a cache that keeps breaking is worth knowing.
pub(crate) fn print_cache_damage(err: &mut dyn Write, analysis: &crate::analysis::Analysis) {
    if let Some(damaged) = analysis.cache_stats().and_then(|stats| stats.damaged) {
        let _ = writeln!(
            err,
            "backstop: note: the cache entry of {} was damaged ({damaged}); it was rebuilt",
            analysis.workspace.root.display()
        );
    }
}

/// Paths as given on the command line, `.` when none.
pub(crate) fn paths_or_current(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}
