//! `uncited-claim` (off by default): a sentence that states facts (numbers,
//! names, a quote) but cites nothing.

use super::ClaimContext;
use crate::claims::content_terms;
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::note::BlockKind;
use crate::quantities::quantities;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a factual sentence (numbers, names, quotes) with no citation",
    explanation: "Off by default. A sentence that states numbers, names people or \
        quotes someone without citing a source. Turn it on in `backstop.toml` under \
        `[rules]` for notes meant for publication.",
    example: "Starmer proposed 30,000 troops.",
};

const CONFIG: FixtureFile = ("backstop.toml", "[rules]\nuncited-claim = \"warning\"\n");
const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     About 1,200 fishing boats use the port.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        CONFIG,
        HARBOUR,
        ("notes/n.md", "Costa said the harbour had 1,500 boats.\n"),
    ],
    // An opinion with no fact in it needs no source.
    silent: &[
        CONFIG,
        HARBOUR,
        ("notes/n.md", "we should look into this.\n"),
    ],
};

pub fn check(ctx: &ClaimContext) -> Option<Diagnostic> {
    if !ctx.claim.citations.is_empty() || !is_factual(ctx) {
        return None;
    }
    Some(Diagnostic::new(
        Rule::UncitedClaim,
        ctx.location(ctx.claim.range.clone()),
        "this sentence states facts (numbers, names or a quote) but cites no source; add a citation such as [@key]",
    ))
}

/// Sentences worth a citation: they hold a number, a quote or a name.
/// Headings and questions state nothing.
fn is_factual(ctx: &ClaimContext) -> bool {
    let (claim, note) = (ctx.claim, ctx.note);
    if matches!(claim.kind, BlockKind::Heading) || claim.text.text.trim_end().ends_with(['?', ':'])
    {
        return false;
    }
    if !claim.quotes.is_empty() && claim.quotes.iter().any(|&q| note.quotes.get(q).is_some()) {
        return true;
    }
    let text = &claim.text.text;
    if !quantities(text).is_empty() || !dates::find_dates(text).is_empty() {
        return true;
    }
    content_terms::terms(text).iter().any(|t| t.name)
}
