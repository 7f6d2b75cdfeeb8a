//! `unknown-source`: a citation key no article of the corpus has. The fix
//! cites the closest key.

use std::path::Path;

use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::note::{Citation, CitationTarget};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a citation key that no article has",
    explanation: "`[@key]` must name an article of the corpus by its `id` or file \
        stem. The fix replaces a mistyped key with the closest existing one.",
    example: "Starmer flew to Washington [@starmer-dcc].\n\n# fix: [@starmer-dc]",
};

const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     The mayor reopened the harbour on Thursday.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        HARBOUR,
        ("notes/n.md", "The mayor reopened the harbour [@harbor].\n"),
    ],
    silent: &[
        HARBOUR,
        ("notes/n.md", "The mayor reopened the harbour [@harbour].\n"),
    ],
};

/// `resolved` is the article the citation points at, if any. Citations by
/// link are left alone: a link to a file outside the corpus may be meant.
pub fn check(
    corpus: &Corpus,
    path: &Path,
    citation: &Citation,
    resolved: Option<usize>,
) -> Option<Diagnostic> {
    let (CitationTarget::Key(key), None) = (&citation.target, resolved) else {
        return None;
    };
    let location = Location {
        path: path.to_path_buf(),
        range: citation.key_range.clone(),
    };
    let mut message = format!("no article has the citation key `{key}`");
    let Some(suggestion) = corpus.closest_key(key) else {
        return Some(Diagnostic::new(Rule::UnknownSource, location, message));
    };
    message.push_str(&format!("; did you mean `{suggestion}`?"));
    let mut diagnostic = Diagnostic::new(Rule::UnknownSource, location.clone(), message);
    if let Some(article) = corpus.by_key(suggestion) {
        diagnostic = diagnostic.with_related(
            Location {
                path: article.path.clone(),
                range: 0..0,
            },
            format!(
                "`{suggestion}`: {}",
                article.title().unwrap_or(&article.rel_path)
            ),
        );
    }
    Some(diagnostic.with_replacement(format!("Cite `{suggestion}`"), location, suggestion))
}
