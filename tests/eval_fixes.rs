//! Every fix the evaluation sets' findings offer (`eval/claims` and every
//! part of `eval/claims/realnews`), applied alone to a copy of its
//! workspace and checked again, removes its finding and adds none:
//!
//!     cargo test --test eval_fixes -- --nocapture
//!
//! `BACKSTOP_EVAL_BIN=/path/to/backstop` checks another build's fixes.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use backstop::rules::{FileKind, Rule};
use serde_json::Value;

/// Every finding of `check` on the workspace at `root`, with its fix.
fn findings(root: &Path) -> Vec<Value> {
    support::evaluated_findings(root)
}

/// A finding as the fix test compares them: file, line, code.
type Place = (String, u64, String);

/// An article rule's finding is about the whole article: its line is left
/// out, since a fix that removes lines of the article moves it.
fn place(finding: &Value) -> Place {
    let code = finding["code"].as_str().unwrap();
    let of_article =
        Rule::from_code(code).is_some_and(|rule| rule.file_kind() == FileKind::Article);
    (
        finding["path"].as_str().unwrap().to_string(),
        if of_article {
            0
        } else {
            finding["line"].as_u64().unwrap()
        },
        code.to_string(),
    )
}

/// The byte offset of a 1-based line and column (in Unicode scalars).
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line as usize - 1)
        .map(str::len)
        .sum();
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column as usize - 1)
            .map_or(rest.len(), |(i, _)| i)
}

/// How many lines an edit added (or, below zero, removed), by file and by
/// the last line it replaced.
type Shift = (String, u64, i64);

/// `fix`'s edits applied to the workspace at `root`: every file it edits,
/// as it was, and the shifts its edits make.
fn apply(root: &Path, fix: &Value) -> (Vec<(PathBuf, String)>, Vec<Shift>) {
    let mut originals = Vec::new();
    let mut shifts = Vec::new();
    let mut edits: Vec<&Value> = fix["edits"].as_array().unwrap().iter().collect();
    // Back to front, so that earlier offsets stay put.
    edits.sort_by_key(|e| {
        std::cmp::Reverse((e["line"].as_u64().unwrap(), e["column"].as_u64().unwrap()))
    });
    for edit in edits {
        let rel = edit["path"].as_str().unwrap();
        let path = root.join(rel);
        let mut text = std::fs::read_to_string(&path).unwrap();
        if !originals.iter().any(|(p, _)| *p == path) {
            originals.push((path.clone(), text.clone()));
        }
        let (line, end_line) = (
            edit["line"].as_u64().unwrap(),
            edit["end_line"].as_u64().unwrap(),
        );
        let start = offset(&text, line, edit["column"].as_u64().unwrap());
        let end = offset(&text, end_line, edit["end_column"].as_u64().unwrap());
        let new_text = edit["new_text"].as_str().unwrap();
        text.replace_range(start..end, new_text);
        std::fs::write(&path, text).unwrap();
        let added = new_text.matches('\n').count() as i64 - (end_line - line) as i64;
        shifts.push((rel.to_string(), end_line, added));
    }
    (originals, shifts)
}

/// A finding's place before the edits of `shifts`, seen after them.
fn moved(place: &Place, shifts: &[Shift]) -> Place {
    let mut line = place.1 as i64;
    for (path, after, added) in shifts {
        if *path == place.0 && place.1 > *after {
            line += added;
        }
    }
    (place.0.clone(), line as u64, place.2.clone())
}

/// Each fix of each evaluation set, applied alone to a copy of its
/// workspace and checked again, removes its finding and adds none.
#[test]
fn every_fix_in_the_eval_sets_removes_its_finding_and_adds_none() {
    let sets = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/claims");
    let mut failures = Vec::new();
    let mut fixes = 0;
    for set in [sets.clone(), sets.join("realnews")] {
        let copy = tempfile::tempdir().unwrap();
        support::copy_tree(&set, copy.path());
        let root = copy.path();
        let before = findings(root);
        let places: Vec<Place> = before.iter().map(place).collect();
        for finding in before.iter().filter(|f| !f["fix"].is_null()) {
            fixes += 1;
            let fixed = place(finding);
            let (originals, shifts) = apply(root, &finding["fix"]);
            // As many of each as before, moved by the edits, but for one
            // fewer of the finding fixed.
            let mut expected: BTreeMap<Place, usize> = BTreeMap::new();
            for p in &places {
                *expected.entry(moved(p, &shifts)).or_default() += 1;
            }
            if let Some(count) = expected.get_mut(&moved(&fixed, &shifts)) {
                *count -= 1;
            }
            let mut after: BTreeMap<Place, usize> = BTreeMap::new();
            for p in findings(root).iter().map(place) {
                *after.entry(p).or_default() += 1;
            }
            for (path, text) in originals {
                std::fs::write(path, text).unwrap();
            }
            // Held-out and third tuning part lines are not named: neither
            // is to be looked at while tuning.
            let named = if fixed.0.starts_with("heldout/") || fixed.0.starts_with("tune3/") {
                "a line of a blind part".to_string()
            } else {
                format!("{fixed:?}")
            };
            let count = |counts: &BTreeMap<Place, usize>, p: &Place| *counts.get(p).unwrap_or(&0);
            let fixed_after = moved(&fixed, &shifts);
            if count(&after, &fixed_after) > count(&expected, &fixed_after) {
                failures.push(format!("{named}: still there after its fix"));
            }
            let added: usize = (after.iter())
                .filter(|(p, _)| **p != fixed_after)
                .map(|(p, n)| n.saturating_sub(count(&expected, p)))
                .sum();
            if added > 0 {
                failures.push(format!("{named}: its fix brought {added} findings"));
            }
        }
    }
    println!("{fixes} fixes applied and checked");
    assert!(fixes > 0, "the evaluation sets offer no fix");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
