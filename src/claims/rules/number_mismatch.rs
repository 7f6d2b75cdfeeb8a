//! `number-mismatch`: a number in a cited claim that the cited source does
//! not state for the event the claim reports. The number is checked
//! against the passage that supports the rest of the claim (`binding`);
//! the finding names the one value that passage gives for the event and
//! offers it as the fix. When it is unclear which value is the event's,
//! the rule stays silent.

use super::ClaimContext;
use crate::article::facts::quantities_outside_dates;
use crate::claims::binding::{Candidate, ClaimEvent, Mismatch, mid_sentence, sentence_opening};
use crate::claims::evidence::collapse_space;
use crate::diagnostic::Diagnostic;
use crate::quantities::{Agreement, Kind, Quantity, Role, role};
use crate::rules::{Documentation, FixtureFile, Fixtures, Rule};

pub const DOCUMENTATION: Documentation = Documentation {
    summary: "a number or quantity in a cited claim that the cited source does not state for that event",
    explanation: "A number is checked against the passage of the cited source that supports \
        the rest of the claim, not anywhere in the article. Numbers compare as news writes \
        them: `30,000` = `thirty thousand`, `10 per cent` = `10%`, `$A8,800` = `A$8,800`, \
        `6:30 pm` is one value; ranges (`between 10 and 15`) and approximations (`about \
        4,000` fits 3,950, `more than 100` fits 120 but not 90) are read as such. The \
        finding names the value the passage gives for the event.",
    example: "Starmer proposed 50,000 European troops [@004].\n\n# the source says 30,000",
};

const HARBOUR: FixtureFile = (
    "sources/harbour.md",
    "---\ntitle: Harbour reopens\ndate: 2024-05-10\nsource: Post\n---\n\
     The mayor reopened the harbour after repairs costing 4.2 million euros.\n\
     About 1,200 fishing boats use the port, and 40 ferries.\n\
     The council fined the builder $A8,800 for the delay and paid 12 workers.\n",
);

pub const FIXTURES: Fixtures = Fixtures {
    fires: &[
        HARBOUR,
        (
            "notes/n.md",
            "Repairs cost 5.2 million euros [@harbour].\n\n\
             The council fined the builder $A12,800 [@harbour].\n\n\
             The council paid 40 workers [@harbour].\n",
        ),
    ],
    // The same numbers written other ways, and a value within an
    // approximation.
    silent: &[
        HARBOUR,
        (
            "notes/n.md",
            "Repairs cost 4,200,000 euros [@harbour].\n\n\
             The builder was fined A$8,800 [@harbour].\n\n\
             More than 1,000 fishing boats use the port [@harbour].\n\n\
             The 54-year-old pilot was killed, but the 34-year-old nurse suffered only minor \
             injuries [@crash].\n",
        ),
        (
            "sources/crash.md",
            "---\ntitle: Crash\ndate: 2024-05-10\nsource: Post\n---\n\
             The crash claimed the life of the 54-year-old pilot.\n\
             The pilot was killed, but the only other person on board, a 34-year-old nurse, \
             suffered only minor injuries.\n",
        ),
    ],
};

pub fn check(ctx: &ClaimContext) -> Vec<Diagnostic> {
    let claimed = quantities_outside_dates(ctx.own);
    if claimed.is_empty() || ctx.cited.is_empty() {
        return Vec::new();
    }
    let event = ClaimEvent::new(ctx);
    claimed
        .iter()
        .filter_map(|number| {
            let claimed_role = role(ctx.own, number);
            let mismatch = event.mismatch(number.range.clone(), |article| {
                let source = ctx.corpus.article(article);
                let facts = ctx.corpus.facts_at(article);
                let candidates = (facts.quantities.iter().enumerate())
                    .filter(|(_, fact)| number.comparable(&fact.what))
                    .map(|(index, fact)| {
                        let agrees = number.agreement(&fact.what) != Agreement::Disagrees;
                        // A value another number of the claim states is
                        // that number's ("the 54-year-old pilot ... the
                        // 34-year-old nurse"): never this one's.
                        let anothers = !agrees
                            && (claimed.iter())
                                .filter(|other| other.range != number.range)
                                .any(|other| {
                                    other.comparable(&fact.what)
                                        && other.agreement(&fact.what) != Agreement::Disagrees
                                });
                        Candidate {
                            index,
                            sentence: fact.sentence,
                            words: fact.words.clone(),
                            agrees,
                            bindable: !anothers
                                && same_kind(number, &fact.what, agrees)
                                && role(&source.text, &fact.what) == claimed_role
                                && !level_against_change(
                                    (ctx.own, number),
                                    (&source.text, &fact.what),
                                ),
                        }
                    })
                    .collect();
                // A year the article names in words ("last year") or
                // through its dates ("in March" of an article of 2001).
                let year_named =
                    claimed_role == Role::Year && facts.names_year(number.value(), source.date());
                Some((candidates, year_named))
            })?;
            // "the first time" is too loose to call never stated: an ordinal
            // is reported only against the one the passage gives.
            if number.kind == Kind::Ordinal && mismatch.bound.is_none() {
                return None;
            }
            Some(finding(ctx, number, &mismatch))
        })
        .collect()
}

/// Whether a source's quantity is of the claimed one's kind: the same
/// kind, or the same value where one side leaves its unit out ("7,500
/// francs" for "7,500 Swiss francs" when the mark is one the words do not
/// know).
fn same_kind(claimed: &Quantity, source: &Quantity, agrees: bool) -> bool {
    std::mem::discriminant(&claimed.kind) == std::mem::discriminant(&source.kind)
        || (agrees && (claimed.kind == Kind::Count || source.kind == Kind::Count))
}

/// Whether one of two quantities is where something ended ("to 1.75 per
/// cent") and the other how far it moved ("by a quarter-point"): never the
/// same value of one event.
fn level_against_change(claimed: (&str, &Quantity), source: (&str, &Quantity)) -> bool {
    let word_before = |(text, q): (&str, &Quantity)| {
        let before = text[..q.range.start].trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        word.to_ascii_lowercase()
    };
    matches!(
        (word_before(claimed).as_str(), word_before(source).as_str()),
        ("to", "by") | ("by", "to")
    )
}

/// The finding for a claimed `number` that the cited source does not state
/// for the event: against the value bound to it, when there is one, else
/// as never stated.
fn finding(ctx: &ClaimContext, number: &Quantity, mismatch: &Mismatch) -> Diagnostic {
    let source = ctx.corpus.article(mismatch.article);
    let written = collapse_space(&ctx.own[number.range.clone()]);
    let location = ctx.location(ctx.claim.text.source_range(number.range.clone()));
    let bound = (mismatch.bound).map(|i| &ctx.corpus.facts_at(mismatch.article).quantities[i]);
    let opens_claim = ctx.own[..number.range.start].trim().is_empty();
    let value = bound.map(|fact| {
        let words = collapse_space(&source.text[fact.range.clone()]);
        if opens_claim {
            sentence_opening(&words)
        } else {
            mid_sentence(&words)
        }
    });
    let message = match &value {
        Some(value) => format!(
            "the cited source `{}` does not state {written} for this; the source says {value}",
            source.key,
        ),
        None => format!("the cited source `{}` never states {written}", source.key),
    };
    let diagnostic = Diagnostic::new(Rule::NumberMismatch, location.clone(), message);
    let diagnostic = mismatch.with_passage(ctx, diagnostic, bound.map(|fact| fact.sentence));
    match value {
        Some(value) => {
            diagnostic.with_replacement(format!("Replace with {value}"), location, value.clone())
        }
        None => diagnostic,
    }
}
