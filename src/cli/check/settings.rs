//! `check --show-settings` (the resolved configuration of each workspace,
//! each value with where it comes from) and `check --show-files` (the files
//! checked and their role). Neither analyses anything.

use std::io::{self, Write};
use std::path::Path;

use super::pass::Target;
use crate::cache::Cache;
use crate::cli::report::{display_base, display_folder, display_path};
use crate::cli::selection::Selection;
use crate::config::Config;
use crate::diagnostic::Level;
use crate::rules::Rule;
use crate::workspace::{CORPUS_DIRS, Role};

/// Where a setting of `config` comes from: `backstop.toml:LINE`, or the
/// default.
fn origin(config: &Config, key: &str, base: &Path) -> String {
    match (&config.path, config.lines.get(key)) {
        (Some(file), Some(line)) => format!("{}:{line}", display_path(file, base)),
        _ => "default".to_string(),
    }
}

fn globs(patterns: &[String]) -> String {
    let quoted: Vec<String> = patterns.iter().map(|p| format!("{p:?}")).collect();
    format!("[{}]", quoted.join(", "))
}

fn row(out: &mut dyn Write, name: &str, value: &str, from: &str) -> io::Result<()> {
    writeln!(out, "{name:<28} {value:<28} ({from})")
}

pub(super) fn show_settings(
    targets: &[Target],
    selection: &Selection,
    cache: Option<&Cache>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let base = display_base();
    for target in targets {
        show_workspace(target, selection, &base, out)?;
    }
    if let Some(described) = selection.describe() {
        row(out, "selection", &described, "--select/--ignore")?;
    }
    match selection.min_severity {
        Some(min) => row(out, "min-severity", min.as_str(), "--min-severity")?,
        None => row(out, "min-severity", "hint", "default")?,
    }
    let (cache_dir, cache_from) = match cache {
        Some(cache) => (cache.dir().display().to_string(), cache_origin()),
        None => ("off".to_string(), "--no-cache or no cache folder"),
    };
    row(out, "cache", &cache_dir, cache_from)?;
    let (today, today_from) = match std::env::var("BACKSTOP_TODAY") {
        Ok(value) => (value, "BACKSTOP_TODAY"),
        Err(_) => (crate::analysis::today().to_string(), "the system clock"),
    };
    row(out, "today", &today, today_from)
}

fn show_workspace(
    target: &Target,
    selection: &Selection,
    base: &Path,
    out: &mut dyn Write,
) -> io::Result<()> {
    let workspace = &target.workspace;
    let config = &workspace.config;
    writeln!(out, "[workspace {}]", display_folder(&workspace.root, base))?;
    let root = workspace.root.display().to_string();
    row(out, "root", &root, workspace.found_by.describe())?;
    let config_file = config
        .path
        .as_ref()
        .map_or("none".to_string(), |p| display_path(p, base));
    row(out, "config", &config_file, "discovered")?;
    let patterns = &config.patterns;
    let default_corpus = format!(
        ".md and .txt files below folders named {}",
        CORPUS_DIRS.join(", ")
    );
    for (key, written, default) in [
        ("corpus", &patterns.corpus, default_corpus.as_str()),
        ("notes", &patterns.notes, "every other .md file"),
        ("exclude", &patterns.exclude, "nothing"),
    ] {
        if written.is_empty() {
            row(out, key, default, "default")?;
        } else {
            row(out, key, &globs(written), &origin(config, key, base))?;
        }
    }
    for rule in Rule::ALL {
        let level = config.level(rule);
        let key = format!("rules.{rule}");
        let from = match config.rules.get(&rule) {
            Some(_) if config.lines.contains_key(&key) => origin(config, &key, base),
            Some(_) => "--select".to_string(),
            None => "default".to_string(),
        };
        let shown = if selection.keeps(rule, severity_or_hint(level)) || level == Level::Off {
            level.as_str().to_string()
        } else {
            format!("{} (not reported)", level.as_str())
        };
        row(out, &key, &shown, &from)?;
    }
    for entry in &config.per_file_ignores {
        let codes: Vec<&str> = entry.rules.iter().map(|r| r.code()).collect();
        let key = format!("per-file-ignores.{}", entry.pattern);
        let name = format!("per-file-ignores {:?}", entry.pattern);
        row(out, &name, &codes.join(", "), &origin(config, &key, base))?;
    }
    for person in &config.people {
        let key = format!("people.{}", person.name);
        row(out, "people", &person.name, &origin(config, &key, base))?;
    }
    writeln!(out)
}

fn severity_or_hint(level: Level) -> crate::diagnostic::Severity {
    match level {
        Level::On(severity) => severity,
        Level::Off => crate::diagnostic::Severity::Hint,
    }
}

fn cache_origin() -> &'static str {
    if std::env::var_os("BACKSTOP_CACHE_DIR").is_some_and(|v| !v.is_empty()) {
        "BACKSTOP_CACHE_DIR"
    } else if std::env::var_os("XDG_CACHE_HOME").is_some_and(|v| !v.is_empty()) {
        "XDG_CACHE_HOME"
    } else {
        "HOME"
    }
}

pub(super) fn show_files(targets: &[Target], out: &mut dyn Write) -> io::Result<()> {
    let base = display_base();
    for target in targets {
        let (files, errors) = target.workspace.files();
        for (path, role) in files {
            if target.named.iter().any(|n| path.starts_with(n)) {
                let role = match role {
                    Role::Article => "article",
                    Role::Note => "note",
                };
                writeln!(out, "{role:<8} {}", display_path(&path, &base))?;
            }
        }
        for error in errors {
            writeln!(
                out,
                "{:<8} {}: {}",
                "skipped",
                display_path(&error.path, &base),
                error.message
            )?;
        }
    }
    Ok(())
}
