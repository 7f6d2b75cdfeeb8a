//! `quote-wrong-source`: a quote the corpus holds word for word, but not in
//! the article the claim cites. The fix cites the article that holds it,
//! unless another quote of the claim needs the article cited now.

use super::ClaimContext;
use crate::claims::evidence::with_matched_passage;
use crate::claims::quote_search::{QuoteMatch, QuoteStatus};
use crate::diagnostic::Diagnostic;
use crate::note::Quote;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the quote is in the corpus, but not in the cited source",
    explanation: "The quote exists, word for word, but in another article than the \
        one cited. The fix changes the citation to the article that holds it, \
        unless another quote of the claim needs the article cited now.",
    example: "\"gambling with World War III\" [@003]\n\n# the quote is in 002; fix: [@002]",
};

const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     The mayor reopened the harbour on Thursday.\n",
);
const STORM: FixtureFile = (
    "sources/storm.md",
    "---\ntitle: Storm damages old pier\ndate: 2024-02-02\nsource: Post\n---\n\
     \"Nobody was hurt, which is a small miracle,\" said the harbour master, Rui Dias.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        HARBOUR,
        STORM,
        (
            "notes/n.md",
            "Dias said \"nobody was hurt, which is a small miracle\" [@harbour].\n",
        ),
    ],
    silent: &[
        HARBOUR,
        STORM,
        (
            "notes/n.md",
            "Dias said \"nobody was hurt, which is a small miracle\" [@storm].\n",
        ),
    ],
};

/// `recitable`: whether changing the claim's citation leaves its other
/// quotes as they are (none needs the article cited now).
pub fn check(
    ctx: &ClaimContext,
    quote: &Quote,
    found: &QuoteMatch,
    recitable: bool,
) -> Option<Diagnostic> {
    if found.status != QuoteStatus::WrongSource {
        return None;
    }
    let article = found.article?;
    let key = ctx.corpus.key(article);
    let cited_keys: Vec<String> = (ctx.claim.citations.iter())
        .map(|&c| format!("`{}`", ctx.note.citations[c].key().unwrap_or("link")))
        .collect();
    let title = (ctx.corpus.article(article).title())
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    let message = format!(
        "this quote is not in {} but it is in `{key}`{title}",
        cited_keys.join(", "),
    );
    let mut diagnostic = with_matched_passage(
        Diagnostic::new(
            Rule::QuoteWrongSource,
            ctx.location(quote.range.clone()),
            message,
        ),
        ctx.corpus,
        found,
        "quoted passage",
    );
    if let Some(only) = ctx.only_keyed_citation().filter(|_| recitable) {
        diagnostic = diagnostic.with_replacement(
            format!("Cite `{key}` instead"),
            ctx.location(only.key_range.clone()),
            key,
        );
    }
    Some(diagnostic)
}
