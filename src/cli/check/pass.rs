//! One pass of `check`: the workspaces of the paths named, their analyses,
//! the findings reported for those paths, and the report with its exit
//! status. A workspace without articles, or paths naming no article or
//! note, is an error: a run that checks nothing must not pass.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::Options;
use crate::analysis::Analysis;
use crate::cache::{CacheStats, CacheStatus};
use crate::cli::output::{self, Format};
use crate::cli::report::{Locator, Record, display_base, display_folder, display_path};
use crate::cli::selection::Selection;
use crate::diagnostic::Severity;
use crate::files::FileError;
use crate::workspace::{CORPUS_DIRS, Workspace};

/// One workspace and the paths named inside it.
pub(in crate::cli) struct Target {
    pub workspace: Workspace,
    /// Canonical.
    pub named: Vec<PathBuf>,
}

/// The workspaces of `paths`, each with the paths named in it. Missing
/// paths and broken configurations are printed; the flag says whether
/// there were any.
pub(in crate::cli) fn targets(paths: Vec<PathBuf>, err: &mut dyn Write) -> (Vec<Target>, bool) {
    let mut failed = false;
    let mut targets: BTreeMap<PathBuf, Target> = BTreeMap::new();
    for path in paths {
        if !path.exists() {
            crate::cli::print_error(
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
                crate::cli::print_error(err, &config_error.to_string());
                failed = true;
            }
        }
    }
    (targets.into_values().collect(), failed)
}

/// An analysed workspace and the paths named in it.
pub(super) struct Checked {
    pub analysis: Analysis,
    pub named: Vec<PathBuf>,
}

impl Checked {
    fn is_named(&self, path: &Path) -> bool {
        self.named.iter().any(|n| path.starts_with(n))
    }
}

pub(super) struct Run {
    pub checked: Vec<Checked>,
    pub records: Vec<Record>,
    pub file_errors: Vec<FileError>,
    /// A workspace had nothing to check.
    pub failed: bool,
    pub base: PathBuf,
    pub today: Date,
}

impl Run {
    pub fn load(targets: Vec<Target>, options: &Options, err: &mut dyn Write) -> Run {
        let mut run = Run {
            checked: Vec::new(),
            records: Vec::new(),
            file_errors: Vec::new(),
            failed: false,
            base: display_base(),
            today: crate::cli::today().unwrap_or_else(|_| crate::analysis::today()),
        };
        for target in targets {
            let analysis =
                Analysis::load_cached(target.workspace, &|_| None, options.cache.as_ref());
            crate::cli::print_load_notes(err, &analysis);
            let checked = Checked {
                analysis,
                named: target.named,
            };
            if let Some(problem) = nothing_to_check(&checked, &run.base) {
                crate::cli::print_error(err, &problem);
                run.failed = true;
            }
            run.checked.push(checked);
        }
        run.collect(options);
        run.persist();
        if options.stats {
            for checked in &run.checked {
                print_stats(&checked.analysis, err);
            }
        }
        run
    }

    /// The findings and unreadable files of the named paths, from the
    /// current analyses.
    pub fn collect(&mut self, options: &Options) {
        let analyses: Vec<&Analysis> = self.checked.iter().map(|c| &c.analysis).collect();
        let (records, file_errors) = self.findings(&analyses, &options.selection);
        self.records = records;
        self.file_errors = file_errors;
    }

    /// The findings `selection` keeps and the unreadable files of the named
    /// paths, with `analyses` (one per workspace, in order) in place of the
    /// run's own.
    pub fn findings(
        &self,
        analyses: &[&Analysis],
        selection: &Selection,
    ) -> (Vec<Record>, Vec<FileError>) {
        let mut records = Vec::new();
        let mut file_errors = Vec::new();
        for (checked, analysis) in self.checked.iter().zip(analyses) {
            let mut locator = Locator::new(analysis, &self.base);
            for diagnostic in analysis.diagnostics(self.today) {
                if checked.is_named(&diagnostic.location.path)
                    && selection.keeps(diagnostic.rule, diagnostic.severity)
                {
                    records.push(locator.record(&diagnostic));
                }
            }
            file_errors.extend(
                analysis
                    .errors
                    .iter()
                    .filter(|e| checked.is_named(&e.path))
                    .cloned(),
            );
        }
        (records, file_errors)
    }

    /// Store in the cache what the analyses made that it lacks (queries
    /// never write it themselves).
    pub fn persist(&self) {
        for checked in &self.checked {
            checked.analysis.persist();
        }
    }

    /// Bring the analyses up to date after `changed` files changed on disk
    /// (each analysis reads only its own again), and collect again.
    pub fn update(&mut self, changed: &[PathBuf], options: &Options) {
        for checked in &mut self.checked {
            let mine: Vec<PathBuf> = changed
                .iter()
                .filter(|p| p.starts_with(&checked.analysis.workspace.root))
                .cloned()
                .collect();
            if !mine.is_empty() {
                checked.analysis =
                    checked
                        .analysis
                        .update(&mine, &|_| None, options.cache.as_ref());
            }
        }
        self.collect(options);
        self.persist();
    }

    /// The analysed text of a workspace file.
    pub fn text_of(&self, path: &Path) -> Option<&str> {
        self.checked.iter().find_map(|c| c.analysis.text_of(path))
    }

    /// Print unreadable files and the report; the exit status the findings
    /// give (2 for unreadable files).
    pub fn report(&self, options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
        for error in &self.file_errors {
            crate::cli::print_file_error(err, error);
        }
        // With nothing checked, "All checks passed" would be a lie; machine
        // formats still print their (empty) document so pipelines can parse
        // it.
        let nothing_checked = self.records.is_empty() && (self.failed || self.checked.is_empty());
        let rendered = if nothing_checked && !options.format.is_machine() {
            Ok(())
        } else {
            self.render(options, out)
        };
        if let Err(write_error) = rendered
            && write_error.kind() != std::io::ErrorKind::BrokenPipe
        {
            crate::cli::print_error(err, &format!("cannot write output: {write_error}"));
            return crate::cli::EXIT_ERROR;
        }
        if !self.file_errors.is_empty() {
            return crate::cli::EXIT_ERROR;
        }
        let fails = self
            .records
            .iter()
            .any(|r| options.fail_on.fails(severity_of(r.severity)));
        if fails { crate::cli::EXIT_PROBLEMS } else { 0 }
    }

    fn render(&self, options: &Options, out: &mut dyn Write) -> std::io::Result<()> {
        if options.statistics {
            return output::render_statistics(options.format, &self.records, options.style, out);
        }
        if options.format == Format::Html {
            let analyses: Vec<(&Analysis, &[PathBuf])> = self
                .checked
                .iter()
                .map(|c| (&c.analysis, c.named.as_slice()))
                .collect();
            let report = output::html::Report::build(&analyses, &self.records, &self.base);
            return output::html::render(&report, out);
        }
        let source = |path: &Path, through: usize| {
            self.checked
                .iter()
                .find_map(|c| c.analysis.excerpt(path, through))
        };
        output::render(options.format, &self.records, &source, options.style, out)
    }
}

fn severity_of(name: &str) -> Severity {
    match name {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        _ => Severity::Hint,
    }
}

/// Why a workspace gives nothing to check, if it does not: no article at
/// all (the notes cannot be checked without them), or no article or note
/// under the paths named.
fn nothing_to_check(checked: &Checked, base: &Path) -> Option<String> {
    let analysis = &checked.analysis;
    let workspace = &analysis.workspace;
    let root = display_folder(&workspace.root, base);
    if analysis.corpus.is_empty() {
        let config = &workspace.config;
        let why = match (&config.path, config.patterns.corpus.is_empty()) {
            (Some(file), false) => format!(
                "no articles matched the `corpus` globs {} of {}",
                quoted(&config.patterns.corpus),
                display_path(file, base)
            ),
            _ => format!(
                "no articles matched: no .md or .txt file below a folder named {} (or set `corpus` globs in backstop.toml)",
                CORPUS_DIRS.join(", ")
            ),
        };
        let notes = match analysis.notes.len() {
            0 => String::new(),
            1 => "; its note cannot be checked without them".to_string(),
            n => format!("; its {n} notes cannot be checked without them"),
        };
        return Some(format!("workspace {root}: {why}{notes}"));
    }
    let has_named_file = analysis.notes.iter().any(|n| checked.is_named(&n.path))
        || (0..analysis.corpus.len()).any(|i| checked.is_named(analysis.corpus.path(i)))
        || analysis.errors.iter().any(|e| checked.is_named(&e.path));
    (!has_named_file).then(|| {
        let named: Vec<String> = checked
            .named
            .iter()
            .map(|p| display_path(p, base))
            .collect();
        format!(
            "no articles or notes under {} (workspace {root})",
            quoted(&named)
        )
    })
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_stats(analysis: &Analysis, err: &mut dyn Write) {
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
