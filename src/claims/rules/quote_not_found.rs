//! `quote-not-found`: a quote that no article holds, nor anything close to
//! it. The nearest passage is shown, marked as no match.

use super::ClaimContext;
use crate::claims::evidence::with_matched_passage;
use crate::claims::quote_search::{QuoteMatch, QuoteStatus};
use crate::diagnostic::Diagnostic;
use crate::note::Quote;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a quote that no article contains, nor anything close",
    explanation: "A quotation of three words or more must appear in the corpus. \
        Matching ignores straight versus curly quotes, dashes, white space, the case of \
        the first letter and trailing punctuation; `...` stands for omitted words and \
        `[text]` for an editorial insertion. Nothing in the corpus comes close to this \
        quote.",
    example: "Starmer said \"we will send fifty thousand troops\" [@a].",
};

const FLEET: FixtureFile = (
    "sources/fleet.md",
    "---\ntitle: Fishing season opens\ndate: 2024-06-01\nsource: Post\n---\n\
     \"The fleet is ready for a long summer at sea,\" the harbour master said.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        FLEET,
        (
            "notes/n.md",
            "The harbour master said \"we will build a second lighthouse\" [@fleet].\n",
        ),
    ],
    // An ellipsis stands for the words it leaves out.
    silent: &[
        FLEET,
        (
            "notes/n.md",
            "The harbour master said \"the fleet is ready ... at sea\" [@fleet].\n",
        ),
    ],
};

pub fn check(ctx: &ClaimContext, quote: &Quote, found: &QuoteMatch) -> Option<Diagnostic> {
    if found.status != QuoteStatus::NotFound {
        return None;
    }
    let diagnostic = Diagnostic::new(
        Rule::QuoteNotFound,
        ctx.location(quote.range.clone()),
        "no article contains this quote, nor anything close to it",
    );
    Some(with_matched_passage(
        diagnostic,
        ctx.corpus,
        found,
        "nearest passage (not a match)",
    ))
}
