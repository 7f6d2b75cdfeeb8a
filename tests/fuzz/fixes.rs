//! Fixes on hostile notes and articles: every edit lies inside its file on
//! character boundaries, the edits of a fix do not overlap, and the file
//! with the fix applied still reads, checks, and no longer has the finding.

use std::path::{Path, PathBuf};

use backstop::analysis::Analysis;
use backstop::config::Config;
use backstop::diagnostic::{Diagnostic, Fix};
use backstop::workspace::{Role, Workspace};
use jiff::civil::date;
use proptest::prelude::*;
use proptest::sample::select;

use crate::hostile_text::text;
use crate::notes::check_note;
use crate::{cases, in_text};

const TALKS: &str = "---\ntitle: Talks\ndate: 2025-02-27\nsource: AP\n---\n\
WASHINGTON (AP) — Prime Minister Keir Starmer said on Thursday, February 27, 2025 that \
\"we will not stand by while Russia attacks Ukraine,\" adding that about 30,000 troops were ready.\n\
Donald Trump said \"we will decide very quickly\" on the deal.\n";

/// Claims that draw each kind of finding with a fix from `TALKS`.
const CLAIMS: [&str; 5] = [
    "Starmer said \"we will not stand aside while Russia attacks Ukraine\" [@talks]. ",
    "About 40,000 troops were ready, Starmer said [@talks]. ",
    "Trump said \"we will decide very quickly\" [@talk]. ",
    "Starmer spoke on February 26, 2025 [@talks]. ",
    "> “We will not stand by while Russia attacks Ukraine,” he said.\n> — Donald Trump [@talks]\n\n",
];

const DATELINE: &str = "\n\nLONDON, 27 February 2025 - The talks went on.\n";

fn analyse(files: &[(PathBuf, Role, String)]) -> Analysis {
    let workspace = Workspace::with_config(PathBuf::from("/ws"), Config::default());
    Analysis::from_texts(workspace, files.to_vec())
}

fn check(files: &[(PathBuf, Role, String)]) -> Result<Vec<Diagnostic>, TestCaseError> {
    let diagnostics = analyse(files).diagnostics(date(2026, 1, 1));
    for diagnostic in &diagnostics {
        let Some((_, _, text)) = files
            .iter()
            .find(|(p, _, _)| *p == diagnostic.location.path)
        else {
            continue;
        };
        in_text(text, &diagnostic.location.range, diagnostic.rule.code())?;
    }
    Ok(diagnostics)
}

/// `fix` applied to `text`, its edits checked first.
fn apply(fix: &Fix, path: &Path, text: &str) -> Result<String, TestCaseError> {
    let mut ranges: Vec<_> = fix
        .edits
        .iter()
        .filter(|e| e.location.path == path)
        .map(|e| (e.location.range.clone(), e.new_text.as_str()))
        .collect();
    ranges.sort_by_key(|(r, _)| (r.start, r.end));
    for (range, _) in &ranges {
        in_text(text, range, "fix edit")?;
    }
    prop_assert!(
        ranges.windows(2).all(|p| p[0].0.end <= p[1].0.start),
        "overlapping edits"
    );
    let mut out = text.to_string();
    for (range, new_text) in ranges.iter().rev() {
        out.replace_range(range.clone(), new_text);
    }
    Ok(out)
}

/// The workspace of the property, without noise, draws a fix of every
/// kind the claims aim at: the property is about real fixes.
#[test]
fn the_claims_draw_fixes() {
    let files = vec![
        (
            PathBuf::from("/ws/seeds/talks.md"),
            Role::Article,
            TALKS.to_string(),
        ),
        (
            PathBuf::from("/ws/seeds/later.md"),
            Role::Article,
            DATELINE.to_string(),
        ),
        (
            PathBuf::from("/ws/notes/brief.md"),
            Role::Note,
            CLAIMS.concat(),
        ),
    ];
    let mut fixed: Vec<&str> = analyse(&files)
        .diagnostics(date(2026, 1, 1))
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| d.rule.code())
        .collect();
    fixed.sort_unstable();
    fixed.dedup();
    for rule in [
        "misquote",
        "number-mismatch",
        "date-mismatch",
        "missing-date",
    ] {
        assert!(fixed.contains(&rule), "no {rule} fix among {fixed:?}");
    }
}

/// The misattributed-quote findings of `note` against `TALKS`, with the
/// titles of their fixes.
fn misattributions(note: &str) -> Vec<(String, Option<String>)> {
    let files = vec![
        (
            PathBuf::from("/ws/seeds/talks.md"),
            Role::Article,
            TALKS.to_string(),
        ),
        (
            PathBuf::from("/ws/notes/brief.md"),
            Role::Note,
            note.to_string(),
        ),
    ];
    analyse(&files)
        .diagnostics(date(2026, 1, 1))
        .into_iter()
        .filter(|d| d.rule.code() == "misattributed-quote")
        .map(|d| (d.message, d.fix.map(|f| f.title)))
        .collect()
}

/// Found by `fixes_apply_cleanly`: a speaker glued to letters before it
/// ("mMEabkgoyrTrump") or written across markup was renamed in part, so the
/// fix left its finding. Such a name is no speaker, or gets no fix.
#[test]
fn a_misattribution_is_fixed_only_where_the_name_can_be_renamed() {
    let quote = "said \"we will decide very quickly\" [@talks].\n";
    assert_eq!(
        misattributions(&format!("Keir Starmer {quote}")),
        vec![(
            "the note attributes this quote to Keir Starmer, but `talks` gives it to Donald Trump"
                .to_string(),
            Some("Attribute it to Donald Trump".to_string())
        )]
    );
    assert_eq!(
        misattributions(&format!("**Keir** Starmer {quote}")),
        vec![(
            "the note attributes this quote to Keir Starmer, but `talks` gives it to Donald Trump"
                .to_string(),
            None
        )]
    );
    assert_eq!(
        misattributions(&format!("\u{202e}mMEabkgoyrStarmer {quote}")),
        vec![]
    );
}

fn note_text(parts: &[(String, &str)]) -> String {
    parts
        .iter()
        .map(|(noise, claim)| format!("{noise}{claim}"))
        .collect()
}

proptest! {
    #![proptest_config(cases(16, "tests/hostile/proptest/fixes.txt"))]

    #[test]
    fn fixes_apply_cleanly(
        parts in proptest::collection::vec((text("note", 4), select(CLAIMS.to_vec())), 1..5),
        metadata in text("metadata", 10),
    ) {
        let files = vec![
            (PathBuf::from("/ws/seeds/talks.md"), Role::Article, TALKS.to_string()),
            (PathBuf::from("/ws/seeds/later.md"), Role::Article, format!("{metadata}{DATELINE}")),
            (PathBuf::from("/ws/notes/brief.md"), Role::Note, note_text(&parts)),
        ];
        let diagnostics = check(&files)?;
        for diagnostic in diagnostics.iter().filter(|d| d.fix.is_some()) {
            let Some(fix) = &diagnostic.fix else { continue };
            let path = &diagnostic.location.path;
            let Some(at) = files.iter().position(|(p, _, _)| p == path) else {
                return Err(TestCaseError::fail(format!("fix for a file not checked: {path:?}")));
            };
            prop_assert!(fix.edits.iter().all(|e| e.location.path == *path));
            let fixed = apply(fix, path, &files[at].2)?;
            if files[at].1 == Role::Note {
                check_note(&fixed)?;
            }
            let mut after = files.clone();
            after[at].2 = fixed;
            let before_count = diagnostics.iter().filter(|d| d.rule == diagnostic.rule && d.location.path == *path).count();
            let after_count = check(&after)?.iter().filter(|d| d.rule == diagnostic.rule && d.location.path == *path).count();
            prop_assert!(
                after_count < before_count,
                "{} fix {:?} left the finding in {:?}", diagnostic.rule, fix.title, after[at].2
            );
        }
    }
}
