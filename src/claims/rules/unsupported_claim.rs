//! `unsupported-claim`: no passage of the cited articles holds the claim's
//! content together (its names, its event, its numbers and dates), or the
//! one that does reports it only as unconfirmed. The message names what is
//! missing (the people, the event) and shows the closest passage; when
//! another article does support the claim, the fix cites it. The passage
//! model (`claims::passage`) decides; the claim checker runs this rule only
//! on claims nothing else troubled.

use std::collections::BTreeSet;

use super::ClaimContext;
use crate::claims::evidence::excerpt;
use crate::claims::passage::shape::ClaimShape;
use crate::claims::passage::{self, PassageMatch, Verdict};
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "the cited source does not support the claim",
    explanation: "No passage of the cited article (a sentence, or two adjacent ones) \
        holds the claim's content together: its people and organisations, its event \
        (as written, inflected or in other words), its numbers and dates. Words \
        scattered across the article do not count, and a passage that only reports \
        the event as unconfirmed (\"reportedly\", \"is believed to\") does not \
        support a firm claim, nor does one that names the claim's speaker but \
        gives the words to someone else. The diagnostic names what is missing, shows the \
        closest passage and, when another article supports the claim, offers to \
        cite it.",
    example: "Rubio met Lavrov in Riyadh [@000].",
};

const PIER: FixtureFile = (
    "sources/pier.md",
    "---\ntitle: Pier repaired\ndate: 2024-04-12\nsource: Post\n---\n\
     Workers in Porto Verde finished repairing the old pier after the winter storms.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        PIER,
        (
            "notes/n.md",
            "The mayor announced a new airport for Lisbon and Madrid [@pier].\n",
        ),
    ],
    silent: &[
        PIER,
        (
            "notes/n.md",
            "Workers finished repairing the old pier in Porto Verde [@pier].\n",
        ),
    ],
};

/// Most terms a message lists.
const LISTED: usize = 4;
/// Articles retrieval offers as better sources.
const CANDIDATES: usize = 10;
/// Share of the claim another article's passage must hold to be offered.
const BETTER_SOURCE: f32 = 0.75;

/// The finding for a claim of `shape` whose best cited passage is `found`;
/// `None` when that passage supports it.
pub fn check(ctx: &ClaimContext, shape: &ClaimShape, found: &PassageMatch) -> Option<Diagnostic> {
    if found.supported() {
        return None;
    }
    let article = ctx.corpus.article(found.article);
    let mut message = format!(
        "the cited source `{}` does not support this claim",
        article.key
    );
    message.push_str(&missing(ctx, shape, found));
    let mut diagnostic = Diagnostic::new(
        Rule::UnsupportedClaim,
        ctx.location(ctx.claim.range.clone()),
        message,
    );
    if !found.range.is_empty() {
        diagnostic = ctx.with_passage(diagnostic, found, "closest passage");
    }
    if let Some(better) = better_source(ctx, shape, found) {
        diagnostic = offer(ctx, diagnostic, &better);
    }
    Some(diagnostic)
}

/// What the message says is missing, in the claim's own words: the names
/// and words of the event the source never mentions in any form, else
/// those it mentions only apart from the rest, else the hedge.
fn missing(ctx: &ClaimContext, shape: &ClaimShape, found: &PassageMatch) -> String {
    let listed = |terms: &[usize]| -> String {
        let shown: Vec<String> = (terms.iter().take(LISTED))
            .map(|&t| format!("“{}”", shape.terms[t].written))
            .collect();
        shown.join(", ")
    };
    let is_name = |t: &usize| {
        shape.terms[*t]
            .entity
            .is_some_and(|e| !shape.entities[e].tentative)
    };
    let (names, events): (Vec<usize>, Vec<usize>) = found.absent.iter().copied().partition(is_name);
    match (names.is_empty(), events.is_empty()) {
        (false, false) => {
            return format!(
                ": it never names {} or mentions {}",
                listed(&names),
                listed(&events)
            );
        }
        (false, true) => return format!(": it never names {}", listed(&names)),
        (true, false) => return format!(": it never mentions {}", listed(&events)),
        (true, true) => {}
    }
    match &found.verdict {
        Verdict::Hedged { .. } => return ": it reports this only as unconfirmed".to_string(),
        Verdict::SaidByAnother { cue } => {
            let article = ctx.corpus.article(found.article);
            let speaker = excerpt(article.text.get(cue.clone()).unwrap_or(""));
            return format!(": it gives these words to “{speaker}”");
        }
        _ => {}
    }
    if !found.elsewhere.is_empty() {
        return format!(
            ": no passage of it has {} with the rest of the claim",
            listed(&found.elsewhere)
        );
    }
    String::new()
}

/// Another article that supports the claim where the cited ones do not.
fn better_source(
    ctx: &ClaimContext,
    shape: &ClaimShape,
    cited: &PassageMatch,
) -> Option<PassageMatch> {
    let query: Vec<&str> = shape.terms.iter().map(|t| t.word.as_str()).collect();
    let mut seen = BTreeSet::new();
    (ctx.index().passages(&query, CANDIDATES, None).into_iter())
        .filter(|p| !ctx.cited.contains(&p.article) && seen.insert(p.article))
        .map(|p| passage::match_article(ctx.corpus, shape, p.article))
        .find(|other| {
            other.supported() && other.coverage >= BETTER_SOURCE && other.coverage > cited.coverage
        })
}

/// `diagnostic` offering `better` as the source to cite.
fn offer(ctx: &ClaimContext, mut diagnostic: Diagnostic, better: &PassageMatch) -> Diagnostic {
    let other = ctx.corpus.article(better.article);
    diagnostic
        .message
        .push_str(&format!("; `{}` does", other.key));
    diagnostic = ctx.with_passage(diagnostic, better, "supporting passage");
    if let Some(only) = ctx.only_keyed_citation() {
        diagnostic = diagnostic.with_replacement(
            format!("Cite `{}` instead", other.key),
            ctx.location(only.key_range.clone()),
            other.key.clone(),
        );
    }
    diagnostic
}
