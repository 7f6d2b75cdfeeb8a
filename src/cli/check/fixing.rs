//! `check --fix` and `--diff` over a loaded run. Fixes are applied in
//! memory, in rounds (fixes that overlap wait for the next), and each round
//! is checked again before it is kept: a round whose fixes would leave a
//! fixed finding in place or make a new one (of any rule, reported or not)
//! is tried one fix at a time, and a fix that does so on its own is not
//! applied. Then the result is printed as a diff, or written and the
//! written files are checked again for the report.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use super::Options;
use super::pass::Run;
use crate::analysis::Analysis;
use crate::cli::fix::{self, FileFix, FixMode};
use crate::cli::report::Record;
use crate::cli::selection::Selection;

/// Rounds at most: each round applies every fix that does not overlap
/// another, so a few suffice; the bound only stops a fix that undoes
/// another's.
const MAX_ROUNDS: usize = 10;

/// What identifies a finding across edits that move it.
type Key = (String, &'static str, String);

fn key(record: &Record) -> Key {
    (
        record.span.path.clone(),
        record.code,
        record.message.clone(),
    )
}

/// The fixes kept: per file, the text as read and as fixed.
struct Settled {
    files: Vec<FileFix>,
    /// Fixes not applied because they would make a new finding.
    rejected: Vec<String>,
}

/// The run's analyses with `texts` in place of their files' texts, and the
/// findings of every rule then; `None` for a workspace `texts` leaves
/// alone.
fn recheck(run: &Run, texts: &HashMap<PathBuf, String>) -> (Vec<Option<Analysis>>, Vec<Record>) {
    let updated: Vec<Option<Analysis>> = run
        .checked
        .iter()
        .map(|checked| {
            let root = &checked.analysis.workspace.root;
            let changed: Vec<PathBuf> = texts
                .keys()
                .filter(|p| p.starts_with(root))
                .cloned()
                .collect();
            // No cache: these texts are not on disk (yet), and a record of
            // them under the file's old stamp would outlive a refused write.
            (!changed.is_empty()).then(|| {
                checked
                    .analysis
                    .update(&changed, &|p| texts.get(p).cloned(), None)
            })
        })
        .collect();
    let analyses: Vec<&Analysis> = run
        .checked
        .iter()
        .zip(&updated)
        .map(|(checked, new)| new.as_ref().unwrap_or(&checked.analysis))
        .collect();
    let (records, _) = run.findings(&analyses, &Selection::default());
    (updated, records)
}

/// Whether `after` has every finding of `before` but the `fixed` ones, and
/// no other.
fn only_removes(before: &[Record], fixed: &[Key], after: &[Record]) -> bool {
    let mut left: HashMap<Key, isize> = HashMap::new();
    for record in before {
        *left.entry(key(record)).or_default() += 1;
    }
    for fixed in fixed {
        *left.entry(fixed.clone()).or_default() -= 1;
    }
    for record in after {
        let count = left.entry(key(record)).or_default();
        *count -= 1;
        if *count < 0 {
            return false;
        }
    }
    true
}

/// Apply the fixes of `records` if, checked again, they only remove their
/// findings: the new analyses and the fixes' files, else `None`.
fn try_fixes(
    run: &Run,
    all: &[Record],
    records: &[Record],
    mode: FixMode,
) -> Option<(Vec<Option<Analysis>>, Vec<FileFix>)> {
    let plan = fix::plan(records, mode, &|p| run.text_of(p).map(str::to_string));
    if plan.is_empty() {
        return None;
    }
    let fixed: Vec<Key> = plan
        .iter()
        .flat_map(|f| f.records.iter().map(|&i| key(&records[i])))
        .collect();
    let texts: HashMap<PathBuf, String> = plan
        .iter()
        .map(|f| (f.path.clone(), f.fixed.clone()))
        .collect();
    let (updated, after) = recheck(run, &texts);
    only_removes(all, &fixed, &after).then_some((updated, plan))
}

/// Apply the fixes in rounds as the module says, keeping the run's
/// analyses in step with the fixed texts.
fn settle(run: &mut Run, mode: FixMode, options: &Options) -> Settled {
    let mut first_seen: BTreeMap<PathBuf, (String, String)> = BTreeMap::new();
    let mut fixes: BTreeMap<PathBuf, Vec<usize>> = BTreeMap::new();
    let mut rejected: HashSet<Key> = HashSet::new();
    let mut notes = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let wanted: Vec<Record> = run
            .records
            .iter()
            .filter(|r| {
                r.fix
                    .as_ref()
                    .is_some_and(|f| mode.applies(f.applicability))
            })
            .filter(|r| !rejected.contains(&key(r)))
            .cloned()
            .collect();
        if wanted.is_empty() {
            break;
        }
        let analyses: Vec<&Analysis> = run.checked.iter().map(|c| &c.analysis).collect();
        let (all, _) = run.findings(&analyses, &Selection::default());
        let kept = try_fixes(run, &all, &wanted, mode).or_else(|| {
            // One at a time: drop those that fail alone, keep the first
            // that passes.
            let mut first_good = None;
            for record in &wanted {
                match try_fixes(run, &all, std::slice::from_ref(record), mode) {
                    Some(good) => {
                        first_good.get_or_insert(good);
                    }
                    None => {
                        rejected.insert(key(record));
                        let fix = record.fix.as_ref().map_or("", |f| f.message.as_str());
                        notes.push(format!(
                            "{}:{}:{}: [{}] `{fix}` not applied: it would leave its finding or make a new one",
                            record.span.path, record.span.line, record.span.column, record.code
                        ));
                    }
                }
            }
            first_good
        });
        let Some((updated, plan)) = kept else { break };
        for file in plan {
            first_seen
                .entry(file.path.clone())
                .or_insert_with(|| (file.display.clone(), file.original.clone()));
            fixes
                .entry(file.path.clone())
                .or_default()
                .extend(file.records);
        }
        for (checked, new) in run.checked.iter_mut().zip(updated) {
            if let Some(new) = new {
                checked.analysis = new;
            }
        }
        run.collect(options);
    }
    let files = first_seen
        .into_iter()
        .filter_map(|(path, (display, original))| {
            let fixed = run.text_of(&path)?.to_string();
            let records = fixes.remove(&path).unwrap_or_default();
            (fixed != original).then_some(FileFix {
                path,
                display,
                original,
                fixed,
                records,
            })
        })
        .collect();
    Settled {
        files,
        rejected: notes,
    }
}

fn print_rejected(settled: &Settled, err: &mut dyn Write) {
    for note in &settled.rejected {
        let _ = writeln!(err, "backstop: note: {note}");
    }
}

fn count(files: &[FileFix]) -> usize {
    files.iter().map(|f| f.records.len()).sum()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Print the fixes as a unified diff; 1 when there is one, else 0.
pub(super) fn diff(
    run: &mut Run,
    mode: FixMode,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let settled = settle(run, mode, options);
    print_rejected(&settled, err);
    for file in &settled.files {
        if write!(out, "{}", fix::unified_diff(file)).is_err() {
            break;
        }
    }
    let _ = writeln!(
        err,
        "backstop: {} in {} (not written: --diff)",
        plural(count(&settled.files), "fix", "fixes"),
        plural(settled.files.len(), "file", "files"),
    );
    if settled.files.is_empty() {
        0
    } else {
        crate::cli::EXIT_PROBLEMS
    }
}

/// Write the fixes and check the written files again. Returns whether a
/// file could not be fixed.
pub(super) fn fix(
    run: &mut Run,
    mode: FixMode,
    options: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> bool {
    let settled = settle(run, mode, options);
    print_rejected(&settled, err);
    let mut failed = false;
    let mut written: Vec<PathBuf> = Vec::new();
    let mut fixed = 0;
    for file in &settled.files {
        match fix::write(file) {
            Ok(()) => {
                fixed += file.records.len();
                written.push(file.path.clone());
            }
            Err(message) => {
                crate::cli::print_error(err, &format!("{}: {message}", file.display));
                failed = true;
            }
        }
    }
    // From the disk, through the cache: what the report shows is what the
    // files now hold.
    let touched: Vec<PathBuf> = settled.files.iter().map(|f| f.path.clone()).collect();
    run.update(&touched, options);
    if !options.style.quiet && fixed > 0 {
        let line = format!(
            "Fixed {} in {}.",
            plural(fixed, "problem", "problems"),
            plural(written.len(), "file", "files")
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
