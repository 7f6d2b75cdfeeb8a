//! `misquote`: a quote close to a passage of a source but not the same. The
//! finding says what differs, and the fix puts in the source's words.

use super::ClaimContext;
use crate::claims::evidence::{excerpt, with_matched_passage};
use crate::claims::quote_search::{QuoteMatch, QuoteStatus};
use crate::diagnostic::Diagnostic;
use crate::note::Quote;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a quote close to, but not the same as, a passage in a source",
    explanation: "The quote nearly matches a passage: words were changed, dropped or \
        added without an ellipsis or brackets. The diagnostic shows the source's words \
        and the difference; the fix replaces the quote with them.",
    example: "\"I have confidence if we make a deal, it will hold\" [@b]\n\n\
        # source: \"I have confidence if we make a deal, it's going to hold\"",
};

const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     \"We have waited far too long for this day,\" Costa told reporters.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        HARBOUR,
        (
            "notes/n.md",
            "Costa said “we have waited much too long for this day” [@harbour].\n",
        ),
    ],
    silent: &[
        HARBOUR,
        (
            "notes/n.md",
            "Costa said “we have waited far too long for this day” [@harbour].\n",
        ),
    ],
};

pub fn check(ctx: &ClaimContext, quote: &Quote, found: &QuoteMatch) -> Option<Diagnostic> {
    let QuoteStatus::Misquote {
        difference,
        replacement,
    } = &found.status
    else {
        return None;
    };
    let article = found.article?;
    let source = excerpt(
        ctx.corpus
            .article(article)
            .text
            .get(found.source_range.clone()?)?,
    );
    let mut message = format!(
        "the source `{}` says “{source}”; the quote {difference}",
        ctx.corpus.key(article)
    );
    if !ctx.claim.citations.is_empty() && !ctx.cited.contains(&article) {
        message.push_str(" (the closest passage is not in the cited source)");
    }
    let location = ctx.location(quote.content.clone());
    let mut diagnostic = with_matched_passage(
        Diagnostic::new(Rule::Misquote, location.clone(), message),
        ctx.corpus,
        found,
        "source passage",
    );
    if let Some(words) = replacement {
        diagnostic =
            diagnostic.with_replacement("Replace with the source's words", location, words.clone());
    }
    Some(diagnostic)
}
