//! The command line: argument parsing and dispatch. Each command is a thin
//! adapter over `analysis`; rendering lives in `output`.

pub mod applicability;
mod check;
mod color;
mod explain;
pub mod fix;
mod init;
mod log;
pub mod output;
mod people;
mod quotes;
pub mod report;
mod selection;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

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
    Lsp {
        /// Accepted for clients that pass it: stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Print a rule's documentation with an example (all rules without CODE).
    Explain {
        /// A rule code such as `misquote`.
        code: Option<String>,
    },
    /// List the people the corpus names: names, aliases, roles, mentions.
    People(people::PeopleArgs),
    /// List the quotes in the corpus with their speakers.
    Quotes(quotes::QuotesArgs),
    /// Write a commented backstop.toml for the workspace found here.
    Init(init::InitArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
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
        Err(err) => return usage_error(&err),
    };
    // Every command but `completions` and `explain` may need "today"; a
    // value that is not a date would otherwise be ignored silently.
    if !matches!(
        cli.command,
        Command::Completions { .. } | Command::Explain { .. }
    ) && let Err(message) = today()
    {
        print_error(&mut std::io::stderr(), &message);
        return ExitCode::from(EXIT_ERROR);
    }
    // The server owns stdout; nothing here may lock it first.
    if let Command::Lsp { .. } = cli.command {
        return crate::lsp::run();
    }
    // Stdout is line-buffered: pretty JSON of a large corpus's findings
    // would otherwise cost a write per line.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Stderr stays unlocked between writes: the analysis's worker threads
    // log to it while a command runs.
    let mut err = std::io::stderr();
    log::install();
    let code = match cli.command {
        Command::Check(args) => check::run(args, &mut out, &mut err),
        Command::Explain { code } => explain::run(code.as_deref(), &mut out, &mut err),
        Command::Lsp { .. } => return crate::lsp::run(),
        Command::People(args) => people::run(args, &mut out, &mut err),
        Command::Quotes(args) => quotes::run(args, &mut out, &mut err),
        Command::Init(args) => init::run(args, &mut out, &mut err),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "backstop", &mut out);
            0
        }
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// Print a clap error (or `--help`, `--version`) with the prefix every
/// backstop error has.
fn usage_error(err: &clap::Error) -> ExitCode {
    if !err.use_stderr() {
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    let rendered = err.render().to_string();
    let message = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    let _ = write!(std::io::stderr(), "backstop: error: {message}");
    ExitCode::from(EXIT_ERROR)
}

/// "Today": `BACKSTOP_TODAY` (YYYY-MM-DD) when set, so that runs can be
/// reproduced, else the system clock's date.
pub(crate) fn today() -> Result<jiff::civil::Date, String> {
    match std::env::var("BACKSTOP_TODAY") {
        Ok(value) => value.parse().map_err(|_| {
            format!("BACKSTOP_TODAY=`{value}` is not a date; use YYYY-MM-DD, or unset it")
        }),
        Err(std::env::VarError::NotPresent) => Ok(crate::analysis::today()),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err("BACKSTOP_TODAY is not valid Unicode; use YYYY-MM-DD, or unset it".into())
        }
    }
}

/// Print an error the way every command does: `backstop: error: …`.
pub(crate) fn print_error(err: &mut dyn Write, message: &str) {
    let _ = writeln!(err, "backstop: error: {message}");
}

/// Notes on a load that change no result: a cache that could not be used
/// or was found damaged and rebuilt, symbolic links the walk did not follow.
pub(crate) fn print_load_notes(err: &mut dyn Write, analysis: &crate::analysis::Analysis) {
    let stats = analysis.cache_stats();
    if let Some(reason) = stats.as_ref().and_then(|s| s.unusable_because()) {
        let _ = writeln!(
            err,
            "backstop: warning: the cache is not used ({reason}); this run works without it"
        );
    }
    if let Some(damaged) = stats.and_then(|stats| stats.damaged) {
        let _ = writeln!(
            err,
            "backstop: note: the cache entry of {} was damaged ({damaged}); it was rebuilt",
            analysis.workspace.root.display()
        );
    }
    for link in &analysis.unfollowed_links {
        let _ = writeln!(
            err,
            "backstop: note: {}: {}",
            link.path.display(),
            link.message
        );
    }
}

/// Print a file that could not be read: `path[:line]: message`.
pub(crate) fn print_file_error(err: &mut dyn Write, error: &crate::files::FileError) {
    let place = match error.line {
        Some(line) => format!("{}:{line}", error.path.display()),
        None => error.path.display().to_string(),
    };
    print_error(err, &format!("{place}: {}", error.message));
}

/// Paths as given on the command line, `.` when none.
pub(crate) fn paths_or_current(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}
