//! `duplicate-id`: articles that share a citation key, each pointing at the
//! others.

use crate::article::Article;
use crate::article::anchor::{anchor, location};
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "two articles share a citation key",
    explanation: "A citation key (`id`, else the file stem) must name exactly one \
        article, otherwise `[@key]` in a note is ambiguous. Every article sharing the \
        key is reported, each pointing at the others.",
    example: "sources/a.md:  id: starmer-dc\nsources/b.md:  id: starmer-dc",
};

const A: FixtureFile = (
    "sources/a.md",
    "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\nid: starmer-dc\n---\n\
     British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        A,
        (
            "sources/b.md",
            "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\nid: starmer-dc\n---\n\
             Another story entirely, about something else.\n",
        ),
    ],
    silent: &[
        A,
        (
            "sources/b.md",
            "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\nid: trump-dc\n---\n\
             Another story entirely, about something else.\n",
        ),
    ],
};

pub fn check(corpus: &Corpus) -> Vec<Diagnostic> {
    let by_key = super::shared((0..corpus.len()).map(|i| (corpus.key(i), i)).collect());
    let mut out = Vec::new();
    for (key, group) in &by_key {
        for &i in group {
            let article = corpus.article(i);
            let mut diagnostic = Diagnostic::new(
                Rule::DuplicateId,
                key_location(article),
                format!(
                    "the citation key `{key}` is shared by {} articles; `[@{key}]` is ambiguous",
                    group.len()
                ),
            );
            for &other in group.iter().filter(|&&o| corpus.path(o) != article.path) {
                diagnostic = diagnostic.with_related(
                    key_location(corpus.article(other)),
                    format!("also `{key}`: {}", corpus.rel_path(other)),
                );
            }
            out.push(diagnostic);
        }
    }
    out
}

/// Where an article's key is written: its `id`, else (a key taken from the
/// file stem) the article as a whole.
fn key_location(article: &Article) -> Location {
    match article.field("id") {
        Some(field) => location(article, field.value_range.clone()),
        None => location(article, anchor(article)),
    }
}
