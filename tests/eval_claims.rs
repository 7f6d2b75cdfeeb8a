//! The labelled claim evaluation (`eval/claims`), run through the real
//! binary. Prints per-rule precision and recall:
//!
//!     cargo test --test eval_claims -- --nocapture

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

const NOTE_RULES: [&str; 9] = [
    "unknown-source",
    "quote-not-found",
    "misquote",
    "quote-wrong-source",
    "misattributed-quote",
    "number-mismatch",
    "date-mismatch",
    "unsupported-claim",
    "uncited-claim",
];

/// (note path relative to the workspace, 1-based line) → expected codes.
fn labels(root: &Path) -> BTreeMap<(String, usize), BTreeSet<String>> {
    let label = regex::Regex::new(r"<!--\s*expect:\s*([a-z\-, ]+?)\s*-->").unwrap();
    let mut found = BTreeMap::new();
    let mut entries: Vec<_> = std::fs::read_dir(root.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let rel = format!("notes/{}", path.file_name().unwrap().to_string_lossy());
        for (i, line) in text.lines().enumerate() {
            if let Some(caps) = label.captures(line) {
                let codes: BTreeSet<String> = caps[1]
                    .split(',')
                    .map(|c| c.trim().to_string())
                    .filter(|c| c != "clean")
                    .collect();
                for code in &codes {
                    assert!(NOTE_RULES.contains(&code.as_str()), "unknown label {code}");
                }
                found.insert((rel.clone(), i + 1), codes);
            }
        }
    }
    found
}

#[derive(Default, Debug)]
struct Counts {
    true_positive: usize,
    false_positive: usize,
    false_negative: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        let fired = self.true_positive + self.false_positive;
        if fired == 0 {
            1.0
        } else {
            self.true_positive as f64 / fired as f64
        }
    }
    fn recall(&self) -> f64 {
        let expected = self.true_positive + self.false_negative;
        if expected == 0 {
            1.0
        } else {
            self.true_positive as f64 / expected as f64
        }
    }
}

#[test]
fn claim_checks_meet_their_goals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/claims");
    let labels = labels(&root);
    assert!(
        labels.len() >= 80,
        "the set needs at least 80 labelled claims"
    );
    let output = support::backstop(&root)
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&root)
        .env("BACKSTOP_TODAY", "2025-06-01")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();

    // What fired, per line, counting errors and warnings of note rules.
    let mut fired: BTreeMap<(String, usize), BTreeSet<String>> = BTreeMap::new();
    for record in &records {
        let code = record["code"].as_str().unwrap().to_string();
        let severity = record["severity"].as_str().unwrap();
        if !NOTE_RULES.contains(&code.as_str()) || !matches!(severity, "error" | "warning") {
            continue;
        }
        let path = record["path"].as_str().unwrap().to_string();
        let line = record["line"].as_u64().unwrap() as usize;
        fired.entry((path, line)).or_default().insert(code);
    }

    let mut counts: BTreeMap<&str, Counts> =
        NOTE_RULES.iter().map(|r| (*r, Counts::default())).collect();
    let mut clean_lines_with_findings = Vec::new();
    let mut misses = Vec::new();
    let empty = BTreeSet::new();
    for (place, expected) in &labels {
        let got = fired.get(place).unwrap_or(&empty);
        for code in expected {
            let entry = counts.get_mut(code.as_str()).unwrap();
            if got.contains(code) {
                entry.true_positive += 1;
            } else {
                entry.false_negative += 1;
                misses.push(format!(
                    "{}:{} expected {code}, got {got:?}",
                    place.0, place.1
                ));
            }
        }
        for code in got {
            if !expected.contains(code) {
                counts.get_mut(code.as_str()).unwrap().false_positive += 1;
                if expected.is_empty() {
                    clean_lines_with_findings
                        .push(format!("{}:{} clean, got {code}", place.0, place.1));
                } else {
                    misses.push(format!(
                        "{}:{} expected {expected:?}, also got {code}",
                        place.0, place.1
                    ));
                }
            }
        }
    }
    for (place, got) in &fired {
        if !labels.contains_key(place) {
            for code in got {
                counts.get_mut(code.as_str()).unwrap().false_positive += 1;
                misses.push(format!(
                    "{}:{} unlabelled line got {code}",
                    place.0, place.1
                ));
            }
        }
    }

    let total = Counts {
        true_positive: counts.values().map(|c| c.true_positive).sum(),
        false_positive: counts.values().map(|c| c.false_positive).sum(),
        false_negative: counts.values().map(|c| c.false_negative).sum(),
    };
    let clean = labels.values().filter(|e| e.is_empty()).count();
    println!(
        "\nclaim evaluation: {} labelled claims ({clean} clean)\n",
        labels.len()
    );
    println!(
        "{:<20} {:>8} {:>4} {:>4} {:>4} {:>10} {:>8}",
        "rule", "expected", "tp", "fp", "fn", "precision", "recall"
    );
    for (rule, c) in &counts {
        println!(
            "{rule:<20} {:>8} {:>4} {:>4} {:>4} {:>10.2} {:>8.2}",
            c.true_positive + c.false_negative,
            c.true_positive,
            c.false_positive,
            c.false_negative,
            c.precision(),
            c.recall()
        );
    }
    println!(
        "{:<20} {:>8} {:>4} {:>4} {:>4} {:>10.2} {:>8.2}",
        "all",
        total.true_positive + total.false_negative,
        total.true_positive,
        total.false_positive,
        total.false_negative,
        total.precision(),
        total.recall()
    );
    for line in clean_lines_with_findings.iter().chain(&misses) {
        println!("  {line}");
    }

    let mut failures = Vec::new();
    if !clean_lines_with_findings.is_empty() {
        failures.push(format!(
            "{} clean claims got an error or warning",
            clean_lines_with_findings.len()
        ));
    }
    if total.precision() < 0.95 {
        failures.push(format!("overall precision {:.2} < 0.95", total.precision()));
    }
    let goals = [
        ("unknown-source", 0.95),
        ("quote-not-found", 0.95),
        ("misquote", 0.95),
        ("quote-wrong-source", 0.95),
        ("number-mismatch", 0.95),
        ("date-mismatch", 0.8),
        ("unsupported-claim", 0.8),
    ];
    for (rule, goal) in goals {
        let c = &counts[rule];
        assert!(
            c.true_positive + c.false_negative > 0,
            "the set has no {rule} case"
        );
        if c.recall() < goal {
            failures.push(format!("{rule} recall {:.2} < {goal}", c.recall()));
        }
    }
    assert!(failures.is_empty(), "goals missed: {}", failures.join("; "));
}
