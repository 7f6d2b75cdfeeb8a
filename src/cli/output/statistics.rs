//! `--statistics`: how many findings each rule made, with its severity and
//! whether they can be fixed, most frequent first; a JSON array with
//! `--format json`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Format;
use crate::cli::applicability::Applicability;
use crate::cli::report::Record;

#[derive(Serialize)]
struct RuleCount<'a> {
    code: &'a str,
    severity: &'a str,
    count: usize,
    /// Findings `--fix` can fix.
    fixable: usize,
    /// Findings only `--unsafe-fixes` can fix.
    unsafe_fixable: usize,
}

fn counts(records: &[Record]) -> Vec<RuleCount<'_>> {
    let mut by_rule: BTreeMap<&str, RuleCount<'_>> = BTreeMap::new();
    for record in records {
        let entry = by_rule.entry(record.code).or_insert(RuleCount {
            code: record.code,
            severity: record.severity,
            count: 0,
            fixable: 0,
            unsafe_fixable: 0,
        });
        entry.count += 1;
        match record.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => entry.fixable += 1,
            Some(Applicability::Unsafe) => entry.unsafe_fixable += 1,
            None => {}
        }
    }
    let mut rows: Vec<RuleCount<'_>> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

pub fn render(format: Format, records: &[Record], out: &mut dyn Write) -> io::Result<()> {
    let rows = counts(records);
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    for row in &rows {
        let marker = if row.fixable > 0 {
            "[*]"
        } else if row.unsafe_fixable > 0 {
            "[-]"
        } else {
            "   "
        };
        let line = format!(
            "{:>width$}  {:<20} {:<8} {marker}",
            row.count, row.code, row.severity
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
