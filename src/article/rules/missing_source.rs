//! `missing-source`: an article that does not name its outlet or wire.

use crate::article::Article;
use crate::article::anchor::{anchor, location};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "no `source`",
    explanation: "Every article should name its outlet or wire (`source: Reuters`) so \
        a reader of the note can weigh the evidence and so hovers and inlay hints can \
        show where a claim comes from.",
    example: "---\ndate: 2025-02-27\n---\n\n# fix: add `source: AFP`",
};

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.",
    )],
    silent: &[(
        "sources/a.md",
        "---\ntitle: A story\ndate: 2025-02-27\nsource: AFP\nurl: https://example.com/story\n---\n\
         British Prime Minister Keir Starmer met Donald Trump at the White House.\n",
    )],
};

pub fn check(article: &Article) -> Option<Diagnostic> {
    if article.source().is_some() {
        return None;
    }
    // An empty `source:` line is pointed at; else the article as a whole.
    let range = match article.field("source") {
        Some(field) => field.line_range.clone(),
        None => anchor(article),
    };
    Some(Diagnostic::new(
        Rule::MissingSource,
        location(article, range),
        "the article does not name its source (outlet or wire); add `source: NAME` to its metadata",
    ))
}
