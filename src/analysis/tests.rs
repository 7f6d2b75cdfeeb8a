use std::path::{Path, PathBuf};

use super::Analysis;
use super::load::head_of;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::Rule;
use crate::text::{ColumnUnit, LineIndex};
use crate::workspace::{Role, Workspace};
use proptest::prelude::*;

proptest! {
    /// A record's head places its diagnostics exactly as the whole
    /// text does, whatever the line breaks and characters.
    #[test]
    fn heads_place_diagnostics_like_the_whole_text(
        text in "([a-zé😀\r ]{0,8}(\n|\r\n|\r)?){0,8}",
        picks in proptest::collection::vec(0usize..400, 0..4),
    ) {
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .collect();
        let diagnostics: Vec<Diagnostic> = picks
            .iter()
            .map(|p| {
                let offset = boundaries[p % boundaries.len()];
                Diagnostic::new(
                    Rule::MissingSource,
                    Location { path: PathBuf::from("/a.md"), range: offset..offset },
                    "",
                )
            })
            .collect();
        let head = head_of(&text, &diagnostics).expect("no suppression comments");
        prop_assert!(text.starts_with(&head));
        let (whole, part) = (LineIndex::new(&text), LineIndex::new(&head));
        for diagnostic in &diagnostics {
            let offset = diagnostic.location.range.start;
            prop_assert!(offset <= head.len());
            for unit in [ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Char] {
                prop_assert_eq!(
                    whole.position(&text, offset, unit),
                    part.position(&head, offset, unit)
                );
            }
        }
    }
}

/// An update gives what loading afresh gives, whether a change edits,
/// creates or deletes a file.
#[test]
fn updates_match_fresh_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    };
    let article = |title: &str, body: &str| {
        format!("---\ntitle: {title}\ndate: 2025-02-21\nsource: AP\n---\n{body}\n")
    };
    std::fs::write(root.join("backstop.toml"), "").unwrap();
    let talks = write(
        "sources/talks.md",
        &article("Talks", "Troops number 30,000."),
    );
    write("sources/plan.md", &article("Plan", "The plan is new."));
    let note = write(
        "notes/brief.md",
        "Troops number 30,000 [@talks]. Aid grew [@aid].\n",
    );
    let workspace = Workspace::discover(&root).unwrap();
    let none = |_: &Path| None;
    let fresh = || Analysis::load(workspace.clone(), &none);
    let codes = |analysis: &Analysis| -> Vec<(PathBuf, &'static str, usize)> {
        analysis
            .diagnostics(analysis.checked_on)
            .into_iter()
            .map(|d| (d.location.path, d.rule.code(), d.location.range.start))
            .collect()
    };
    let mut analysis = fresh();
    assert!(codes(&analysis).iter().any(|c| c.1 == "unknown-source"));

    // Edited.
    std::fs::write(&talks, article("Talks", "Troops number 40,000.")).unwrap();
    analysis = analysis.update(std::slice::from_ref(&talks), &none, None);
    assert!(codes(&analysis).iter().any(|c| c.1 == "number-mismatch"));
    assert_eq!(codes(&analysis), codes(&fresh()));

    // Created and deleted.
    let aid = write("sources/aid.md", &article("Aid", "Aid grew."));
    analysis = analysis.update(std::slice::from_ref(&aid), &none, None);
    assert!(!codes(&analysis).iter().any(|c| c.1 == "unknown-source"));
    assert_eq!(codes(&analysis), codes(&fresh()));
    std::fs::remove_file(&aid).unwrap();
    analysis = analysis.update(&[aid], &none, None);
    assert!(codes(&analysis).iter().any(|c| c.1 == "unknown-source"));
    assert_eq!(codes(&analysis), codes(&fresh()));

    // An edited note, and an editor's buffer for it.
    std::fs::write(&note, "Aid grew [@plan].\n").unwrap();
    analysis = analysis.update(std::slice::from_ref(&note), &none, None);
    assert_eq!(codes(&analysis), codes(&fresh()));
    let buffer = |path: &Path| (path == note).then(|| "Aid grew [@nowhere].\n".to_string());
    let edited = analysis.update(std::slice::from_ref(&note), &buffer, None);
    assert!(codes(&edited).iter().any(|c| c.1 == "unknown-source"));
    assert_eq!(
        codes(&edited),
        codes(&Analysis::load(workspace.clone(), &buffer))
    );
}

#[test]
fn texts_with_suppressions_have_no_head() {
    let text = "a\nb <!-- backstop-ignore missing-source -->\n";
    assert_eq!(head_of(text, &[]), None);
    assert_eq!(head_of("a\nb\n", &[]).as_deref(), Some("a\n"));
}

/// What checks of an editor's buffer of a note found is forgotten when the
/// buffer is closed; what was found for the note as analysed is kept.
#[test]
fn a_closed_buffer_leaves_no_findings_behind() {
    let root = PathBuf::from("/w");
    let workspace = Workspace::with_config(root.clone(), Default::default());
    let talks = root.join("sources/talks.md");
    let note = root.join("notes/brief.md");
    let saved = "Troops number 30,000 [@talks].\n";
    let article = "---\ntitle: Talks\ndate: 2025-02-21\nsource: AP\n---\nTroops number 30,000.\n";
    let analysis = Analysis::from_texts(
        workspace,
        vec![
            (talks, Role::Article, article.to_string()),
            (note.clone(), Role::Note, saved.to_string()),
        ],
    );
    let today = analysis.checked_on;
    analysis.text_diagnostics(&note, Role::Note, saved, today);
    let typed = [
        "Troops number 40,000 [@talks].\n",
        "Troops number 50 [@talks].\n",
    ];
    for text in typed {
        analysis.text_diagnostics(&note, Role::Note, text, today);
    }
    let held = |text: &str| {
        let found = analysis
            .claim_cache
            .findings_of([(note.as_path(), text)].into_iter());
        !found.is_empty()
    };
    assert!(typed.iter().all(|text| held(text)));

    analysis.forget_buffer(&note);
    assert!(
        !typed.iter().any(|text| held(text)),
        "the buffer's findings are gone"
    );
    assert!(held(saved), "the saved note's findings stay");
}
