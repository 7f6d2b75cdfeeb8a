//! `contradicted-claim`: the cited source states the opposite of the
//! claim: it denies it ("is not calling for"), states an opposite outcome
//! ("criticised" for "welcomed"), or names the two sides of the event the
//! other way round. The message quotes the source's words that do, with the
//! passage as evidence. The passage model (`claims::passage`) decides; the
//! claim checker runs this rule where it runs `unsupported-claim`.

use super::ClaimContext;
use crate::claims::evidence::excerpt;
use crate::claims::passage::{Contradiction, PassageMatch, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the cited source states the opposite of the claim",
    explanation: "The cited article's passage that holds the claim's people, event, \
        numbers and dates states the opposite: it denies what the claim states (\"is \
        not calling for\", \"refused to\", \"has yet to\"), states an opposite outcome \
        (\"criticised\" for \"welcomed\", \"fell\" for \"rose\"), or names who did what \
        to whom the other way round. The message quotes the source's words and shows \
        the passage.",
    example: "UK defence spending will fall to 2.5% by 2027 [@003].\n\n\
        # the source says \"will rise\"",
};

const LIBRARY: FixtureFile = (
    "sources/library.md",
    "---\ntitle: Library stays open\ndate: 2024-06-03\nsource: Post\n---\n\
     The council is not planning to close the Dunmore library, the mayor said on Monday.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        LIBRARY,
        (
            "notes/n.md",
            "The council is planning to close the Dunmore library [@library].\n",
        ),
    ],
    silent: &[
        LIBRARY,
        (
            "notes/n.md",
            "The council has no plan to close the Dunmore library [@library].\n",
        ),
    ],
};

/// The finding for a claim whose best passage contradicts it; `None` for
/// any other verdict.
pub fn check(ctx: &ClaimContext, found: &PassageMatch) -> Option<Diagnostic> {
    let Verdict::Contradicted { cue, how } = &found.verdict else {
        return None;
    };
    let article = ctx.corpus.article(found.article);
    let said = excerpt(article.text.get(cue.clone()).unwrap_or(""));
    let what = match how {
        Contradiction::Denied | Contradiction::Opposite => "it says",
        Contradiction::Roles => "it has the sides the other way round,",
    };
    let message = format!(
        "the cited source `{}` contradicts this claim: {what} “{said}”",
        article.key
    );
    let diagnostic = Diagnostic::new(
        Rule::ContradictedClaim,
        ctx.location(ctx.claim.range.clone()),
        message,
    );
    Some(ctx.with_passage(diagnostic, found, "passage"))
}
