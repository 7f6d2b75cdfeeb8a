//! `number-mismatch`: a number in a cited claim that no cited source
//! states. The finding shows the numbers the closest passage does state;
//! when it states one, the fix puts it in.

use super::ClaimContext;
use crate::article::Article;
use crate::claims::content_terms::content_words;
use crate::claims::quantities::{Quantity, quantities};
use crate::dates;
use crate::diagnostic::Diagnostic;
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};
use crate::text::words;

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a number or quantity in a cited claim that the cited source does not state",
    explanation: "Numbers are compared after normalisation (`30,000` = `30000`, `2.5 \
        percent` = `2.5%`, number words). A number in the claim that the cited source \
        does not state is reported with the numbers the source does state nearby.",
    example: "Starmer proposed 50,000 European troops [@004].\n\n# the source says 30,000",
};

const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     The mayor reopened the harbour after repairs costing 4.2 million euros.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        HARBOUR,
        ("notes/n.md", "Repairs cost 5.2 million euros [@harbour].\n"),
    ],
    // The same number written another way.
    silent: &[
        HARBOUR,
        ("notes/n.md", "Repairs cost 4,200,000 euros [@harbour].\n"),
    ],
};

pub fn check(ctx: &ClaimContext) -> Vec<Diagnostic> {
    let claimed = quantities_outside_dates(ctx.own);
    let Some(&first_cited) = ctx.cited.first() else {
        return Vec::new();
    };
    if claimed.is_empty() {
        return Vec::new();
    }
    let stated: Vec<Vec<Quantity>> = (ctx.cited.iter())
        .map(|&a| article_quantities(ctx.corpus.article(a)))
        .collect();
    let claim_words = words(ctx.own);
    let query = content_words(&claim_words);
    claimed
        .iter()
        .filter(|number| {
            !stated
                .iter()
                .any(|qs| qs.iter().any(|q| q.same_value(number)))
        })
        .map(|number| finding(ctx, number, claimed.len(), first_cited, &stated[0], &query))
        .collect()
}

/// The finding for a claimed `number` (one of `claimed` numbers), shown
/// against `article`, which states `stated`.
fn finding(
    ctx: &ClaimContext,
    number: &Quantity,
    claimed: usize,
    article: usize,
    stated: &[Quantity],
    query: &[&str],
) -> Diagnostic {
    let article_ref = ctx.corpus.article(article);
    let written = &ctx.own[number.range.clone()];
    let location = ctx.location(ctx.claim.text.source_range(number.range.clone()));
    let never_states = format!(
        "the cited source `{}` never states {written}",
        article_ref.key
    );
    let inside =
        |q: &Quantity, r: &std::ops::Range<usize>| r.start <= q.range.start && q.range.end <= r.end;
    let Some(evidence) = ctx.best_passage(article, query, |r| stated.iter().any(|q| inside(q, &r)))
    else {
        return Diagnostic::new(Rule::NumberMismatch, location, never_states);
    };
    let stated_text: Vec<String> = (stated.iter())
        .filter(|q| inside(q, &evidence.sentence))
        .map(|q| article_ref.text[q.range.clone()].to_string())
        .collect();
    let message = if stated_text.is_empty() {
        never_states
    } else {
        format!(
            "the cited source `{}` does not state {written}; it states {}",
            article_ref.key,
            stated_text.join(", ")
        )
    };
    let mut diagnostic = Diagnostic::new(Rule::NumberMismatch, location.clone(), message)
        .with_related(
            ctx.article_location(evidence.article, evidence.sentence.clone()),
            format!(
                "closest passage in `{}`: “{}”",
                article_ref.key,
                evidence.excerpt(ctx.corpus)
            ),
        );
    if let ([only], 1) = (stated_text.as_slice(), claimed) {
        diagnostic =
            diagnostic.with_replacement(format!("Replace with {only}"), location, only.clone());
    }
    diagnostic
}

/// The quantities of `text` that are not part of a date ("May 9, 2024").
fn quantities_outside_dates(text: &str) -> Vec<Quantity> {
    let date_ranges: Vec<_> = dates::find_dates(text)
        .into_iter()
        .map(|d| d.range)
        .collect();
    quantities(text)
        .into_iter()
        .filter(|q| {
            !date_ranges
                .iter()
                .any(|d| d.start < q.range.end && q.range.start < d.end)
        })
        .collect()
}

/// The quantities an article's body states, as ranges of its text.
fn article_quantities(article: &Article) -> Vec<Quantity> {
    let offset = article.body.start;
    quantities_outside_dates(article.body_text())
        .into_iter()
        .map(|mut q| {
            q.range = q.range.start + offset..q.range.end + offset;
            q
        })
        .collect()
}
