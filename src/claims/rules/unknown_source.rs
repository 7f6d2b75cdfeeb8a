//! `unknown-source`: a citation key no article of the corpus has. Within a
//! claim, the fix cites the closest key only when that article supports
//! the claim; otherwise the message lists the closest keys, ranked by how
//! well each supports it, and offers no fix: a key one letter away may be a
//! report on something else entirely. A citation outside any claim (a
//! heading's) has nothing to support, and its fix is the closest key.

use std::path::Path;

use crate::claims::passage::{self, PassageMatch, shape::ClaimShape};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::note::{Citation, CitationTarget};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a citation key that no article has",
    explanation: "`[@key]` must name an article of the corpus by its `id` or file \
        stem. When the article with the closest key supports the claim, the fix cites \
        it; otherwise the message lists the closest keys, those that best support \
        the claim first, and offers no fix.",
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

/// Most keys a message lists: those the corpus remembers for a key.
const LISTED: usize = crate::corpus::KEYS_KEPT;

/// What the citation with an unknown key stands in.
pub enum Setting<'a> {
    /// Outside any claim.
    Alone,
    /// A claim, with its shape when it has content enough to judge.
    Claim(Option<&'a ClaimShape>),
}

/// `resolved` is the article the citation points at, if any. Citations by
/// link are left alone: a link to a file outside the corpus may be meant.
pub fn check(
    corpus: &Corpus,
    path: &Path,
    citation: &Citation,
    resolved: Option<usize>,
    setting: Setting,
) -> Option<Diagnostic> {
    let (CitationTarget::Key(key), None) = (&citation.target, resolved) else {
        return None;
    };
    let location = Location {
        path: path.to_path_buf(),
        range: citation.key_range.clone(),
    };
    let message = format!("no article has the citation key `{key}`");
    let shape = match setting {
        Setting::Alone => return Some(closest(corpus, key, location, message)),
        Setting::Claim(shape) => shape,
    };
    // The closest key is found once per key and kept by the cache: most
    // often a typo of the right article's key, and checked first.
    let Some(closest) = corpus.closest_key(key).and_then(|k| corpus.position(k)) else {
        return Some(Diagnostic::new(Rule::UnknownSource, location, message));
    };
    let supports =
        |a: usize| shape.is_some_and(|s| passage::match_article(corpus, s, a).supported());
    if supports(closest) {
        return Some(suggest(corpus, closest, location, message));
    }
    let candidates = corpus.keys_like(key, LISTED);
    let mut ranked: Vec<(usize, Option<PassageMatch>)> = (candidates.into_iter())
        .map(|a| (a, shape.map(|s| passage::match_article(corpus, s, a))))
        .collect();
    // Stable: among equals, the closer spelling first.
    ranked.sort_by(|a, b| support_rank(&b.1).total_cmp(&support_rank(&a.1)));
    if let (first, Some(found)) = &ranked[0]
        && found.supported()
    {
        return Some(suggest(corpus, *first, location, message));
    }
    let keys: Vec<String> = (ranked.iter())
        .map(|(a, _)| format!("`{}`", corpus.key(*a)))
        .collect();
    let mut diagnostic = Diagnostic::new(
        Rule::UnknownSource,
        location,
        format!(
            "{message}; the closest keys do not support this claim: {}",
            keys.join(", ")
        ),
    );
    for (a, _) in &ranked {
        diagnostic = with_title(diagnostic, corpus, *a);
    }
    Some(diagnostic)
}

/// How well a candidate supports the claim: supported ones first, then by
/// share of the claim held.
fn support_rank(found: &Option<PassageMatch>) -> f32 {
    found
        .as_ref()
        .map_or(0.0, |f| f.coverage + if f.supported() { 1.0 } else { 0.0 })
}

/// The finding for a citation outside any claim: the closest key by
/// spelling, with the fix.
fn closest(corpus: &Corpus, key: &str, location: Location, message: String) -> Diagnostic {
    match corpus.closest_key(key).and_then(|k| corpus.position(k)) {
        Some(article) => suggest(corpus, article, location, message),
        None => Diagnostic::new(Rule::UnknownSource, location, message),
    }
}

/// The finding suggesting `article`'s key, with the fix that cites it.
fn suggest(corpus: &Corpus, article: usize, location: Location, message: String) -> Diagnostic {
    let suggestion = corpus.key(article).to_string();
    let message = format!("{message}; did you mean `{suggestion}`?");
    let diagnostic = Diagnostic::new(Rule::UnknownSource, location.clone(), message);
    with_title(diagnostic, corpus, article).with_replacement(
        format!("Cite `{suggestion}`"),
        location,
        suggestion,
    )
}

/// `diagnostic` with `article`'s title as related evidence.
fn with_title(diagnostic: Diagnostic, corpus: &Corpus, article: usize) -> Diagnostic {
    let entry = corpus.article(article);
    diagnostic.with_related(
        Location {
            path: entry.path.clone(),
            range: 0..0,
        },
        format!(
            "`{}`: {}",
            entry.key,
            entry.title().unwrap_or(&entry.rel_path)
        ),
    )
}
