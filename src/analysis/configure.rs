//! Configured severities and suppression comments, applied once to every
//! finding before it leaves the engine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Analysis;
use super::load::relative_path;
use crate::diagnostic::{Diagnostic, Level};
use crate::suppression::Suppressions;
use crate::text::LineIndex;

impl Analysis {
    /// Apply configured severities, `[per-file-ignores]` and the
    /// suppression comments of the text each diagnostic points into.
    pub(super) fn finish<'t>(
        &'t self,
        raw: Vec<Diagnostic>,
        text_of: &dyn Fn(&Path) -> Option<&'t str>,
    ) -> Vec<Diagnostic> {
        // Per file: its line index and suppressions, or nothing for a text
        // without suppression comments.
        let mut suppressions: HashMap<PathBuf, Option<(LineIndex, Suppressions)>> = HashMap::new();
        let mut out = Vec::with_capacity(raw.len());
        for mut diagnostic in raw {
            let config = &self.workspace.config;
            match config.level(diagnostic.rule) {
                Level::Off => continue,
                Level::On(severity) => diagnostic.severity = severity,
            }
            let path = &diagnostic.location.path;
            if !config.per_file_ignores.is_empty()
                && config.ignores(&relative_path(&self.workspace, path), diagnostic.rule)
            {
                continue;
            }
            let Some(text) = text_of(path) else {
                out.push(diagnostic);
                continue;
            };
            let found = suppressions.entry(path.clone()).or_insert_with(|| {
                text.contains(crate::suppression::MARKER).then(|| {
                    let index = LineIndex::new(text);
                    let suppressed = Suppressions::parse(text, &index);
                    (index, suppressed)
                })
            });
            let Some((index, suppressed)) = found else {
                out.push(diagnostic);
                continue;
            };
            let line = index.line_of(diagnostic.location.range.start);
            if !suppressed.is_suppressed(line, diagnostic.rule.code()) {
                out.push(diagnostic);
            }
        }
        out.sort_by(|a, b| {
            (&a.location.path, a.location.range.start, a.rule).cmp(&(
                &b.location.path,
                b.location.range.start,
                b.rule,
            ))
        });
        out
    }
}
