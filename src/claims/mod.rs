//! The claim checker: every citation, quote, number, date and claim of a
//! note checked against the corpus, claim by claim, by the note rules in
//! `rules/`. The checker decides which rules run on a claim (configured
//! levels, what the claim holds); each rule decides whether it fires and
//! words its finding. Claims' findings are memoised (`claim_cache`) and may
//! be checked ahead of the check (`ahead`).
//!
//! Matching results (`QuoteMatch`, `resolve_citation`) are public so the
//! language server and the attribution check can reuse them.

pub mod ahead;
pub mod binding;
pub mod citations;
pub mod claim_cache;
pub mod content_terms;
pub mod evidence;
pub mod passage;
pub mod quote_alignment;
pub mod quote_pattern;
pub mod quote_search;
pub mod rules;

use std::path::Path;

use rayon::prelude::*;

pub use ahead::ClaimsAhead;
pub use citations::resolve_citation;
pub use claim_cache::{ClaimCache, ClaimFindings, ClaimKey};
pub use evidence::supporting_passage;
pub use quote_search::{QuoteMatch, QuoteStatus, match_quote};

use ahead::{Part, Unattributed};
use citations::cited_articles;
use claim_cache::claim_key;
use passage::shape::ClaimShape;
use rules::{
    ClaimContext, contradicted_claim, date_mismatch, misattributed_quote, misquote,
    number_mismatch, quote_not_found, quote_wrong_source, uncited_claim, unknown_source,
    unsupported_claim,
};

use crate::config::Config;
use crate::corpus::Corpus;
use crate::diagnostic::{Diagnostic, Level};
use crate::note::{CitationTarget, Claim, Note, Quote};
use crate::people::PeopleIndex;
use crate::retrieval::LazyPassageIndex;
use crate::rules::Rule;

/// What the checker needs of the workspace.
pub struct NoteChecker<'a> {
    pub corpus: &'a Corpus,
    /// The corpus's passage index, made when a check first needs it.
    pub passages: &'a LazyPassageIndex,
    pub config: &'a Config,
    /// Who said what in the corpus; without it `misattributed-quote` is
    /// not checked.
    pub people: Option<&'a PeopleIndex>,
    /// Results of earlier checks against the same corpus and configuration.
    pub cache: Option<&'a ClaimCache>,
    /// Claims checked ahead against the same corpus (`check_claims_ahead`).
    pub ahead: Option<&'a ClaimsAhead>,
}

/// The rules that read a claim's quotes.
const QUOTE_RULES: [Rule; 4] = [
    Rule::QuoteNotFound,
    Rule::Misquote,
    Rule::QuoteWrongSource,
    Rule::MisattributedQuote,
];

impl NoteChecker<'_> {
    fn on(&self, rule: Rule) -> bool {
        self.config.level(rule) != Level::Off
    }

    /// `check`'s finding when `rule` is on.
    fn when_on(
        &self,
        rule: Rule,
        check: impl FnOnce() -> Option<Diagnostic>,
    ) -> Option<Diagnostic> {
        if self.on(rule) { check() } else { None }
    }

    pub fn check(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let note = Note::parse(text);
        self.check_note(path, &note, Some(text))
    }

    pub fn check_parsed(&self, path: &Path, note: &Note) -> Vec<Diagnostic> {
        self.check_note(path, note, None)
    }

    /// Check the claims of the note at `path` that `check` would check
    /// (those the claim cache does not hold) into `ahead`, side by side, but
    /// for their attribution. Uses no people index.
    pub fn check_claims_ahead(&self, path: &Path, text: &str, ahead: &ClaimsAhead) {
        let note = Note::parse(text);
        let resolved = self.resolved(path, &note);
        let keys = self.claim_keys(path, &note, Some(text));
        let held = |key: &ClaimKey| self.cache.is_some_and(|c| c.holds(*key));
        let jobs: Vec<(&Claim, ClaimKey)> = (note.claims.iter().zip(keys))
            .filter_map(|(claim, key)| Some((claim, key?)))
            .filter(|(_, key)| !held(key))
            .collect();
        // Made before the claims' tasks, as `check_note` does.
        self.passages.get(self.corpus);
        jobs.into_par_iter().for_each(|(claim, key)| {
            let checked = self.check_unattributed(path, &note, claim, &resolved);
            ahead.put(key, claim.range.start, checked);
        });
    }

    fn resolved(&self, path: &Path, note: &Note) -> Vec<Option<usize>> {
        note.citations
            .iter()
            .map(|c| resolve_citation(path, c, self.corpus))
            .collect()
    }

    /// Each claim's key in the claim cache: none without the note's text.
    fn claim_keys(&self, path: &Path, note: &Note, source: Option<&str>) -> Vec<Option<ClaimKey>> {
        note.claims
            .iter()
            .map(|claim| {
                source
                    .and_then(|text| text.get(claim.range.clone()))
                    .map(|claim_text| claim_key(path, claim_text, claim, note))
            })
            .collect()
    }

    /// `source` is the text `note` was parsed from; with it, and a cache,
    /// unchanged claims are not checked again.
    fn check_note(&self, path: &Path, note: &Note, source: Option<&str>) -> Vec<Diagnostic> {
        let resolved = self.resolved(path, note);
        // Citations outside any claim (a heading's, say) are still checked.
        let mut out: Vec<Diagnostic> = (note.citations.iter().zip(&resolved))
            .filter(|(citation, _)| citation.claim.is_none())
            .filter_map(|(citation, &target)| {
                self.when_on(Rule::UnknownSource, || {
                    let alone = unknown_source::Setting::Alone;
                    unknown_source::check(self.corpus, path, citation, target, alone)
                })
            })
            .collect();
        let keys = self.claim_keys(path, note, source);
        let cached: Vec<Option<Vec<Diagnostic>>> = (note.claims.iter().zip(&keys))
            .map(|(claim, key)| self.cache?.get((*key)?, path, claim.range.start))
            .collect();
        let check =
            |((claim, key), cached): ((&Claim, Option<ClaimKey>), Option<Vec<Diagnostic>>)| {
                cached.unwrap_or_else(|| self.check_uncached(path, note, claim, key, &resolved))
            };
        let unchecked = cached.iter().filter(|found| found.is_none()).count();
        let jobs = note.claims.iter().zip(keys).zip(cached);
        let checked: Vec<Vec<Diagnostic>> = if unchecked > 1 {
            // Made here, outside rayon's workers: made inside a claim's task,
            // the index's own tasks could leave that worker, while it waits,
            // to run another claim that waits on the index.
            self.passages.get(self.corpus);
            jobs.collect::<Vec<_>>()
                .into_par_iter()
                .map(check)
                .collect()
        } else {
            // One claim to check (a keystroke): on this thread.
            jobs.map(check).collect()
        };
        out.extend(checked.into_iter().flatten());
        out
    }

    /// A claim the claim cache did not hold: finished from `ahead` when it
    /// was checked there, else checked; kept in the cache.
    fn check_uncached(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        key: Option<ClaimKey>,
        resolved: &[Option<usize>],
    ) -> Vec<Diagnostic> {
        let ahead = (self.ahead.zip(key)).and_then(|(a, k)| a.take(k, claim.range.start));
        let checked = ahead.unwrap_or_else(|| self.check_unattributed(path, note, claim, resolved));
        let found = checked.attribute(|found| self.attribution(path, found));
        if let (Some(cache), Some(key)) = (self.cache, key) {
            cache.put(key, path, claim.range.clone(), &found);
        }
        found
    }

    /// `misattributed-quote` for a quote found in a source.
    fn attribution(&self, path: &Path, found: &QuoteMatch) -> Option<Diagnostic> {
        let people = self.people?;
        self.when_on(Rule::MisattributedQuote, || {
            misattributed_quote::check(self.corpus, people, path, found)
        })
    }

    /// Every rule for one claim but its quotes' attribution: its citations,
    /// its quotes, then its numbers, dates and support.
    fn check_unattributed(
        &self,
        path: &Path,
        note: &Note,
        claim: &Claim,
        resolved: &[Option<usize>],
    ) -> Unattributed {
        let cited = cited_articles(claim, resolved);
        let own = content_terms::own_words(claim);
        let ctx = ClaimContext {
            corpus: self.corpus,
            passages: self.passages,
            path,
            note,
            claim,
            cited: &cited,
            own: &own,
        };
        let shape = passage::shape_of(&ctx);
        let mut parts: Vec<Part> = (claim.citations.iter())
            .filter_map(|&c| {
                self.when_on(Rule::UnknownSource, || {
                    let setting = unknown_source::Setting::Claim(shape.as_ref());
                    unknown_source::check(
                        self.corpus,
                        path,
                        &note.citations[c],
                        resolved[c],
                        setting,
                    )
                })
            })
            .map(Part::Finding)
            .collect();
        let troubled = self.check_quotes(&ctx, resolved, &mut parts);
        let mut claimed = Unattributed {
            parts,
            troubled,
            support: None,
        };
        if cited.is_empty() {
            let uncited = self.when_on(Rule::UncitedClaim, || uncited_claim::check(&ctx));
            claimed.parts.extend(uncited.map(Part::Finding));
            return claimed;
        }
        let mut mismatches = Vec::new();
        if self.on(Rule::NumberMismatch) {
            mismatches.extend(number_mismatch::check(&ctx));
        }
        if self.on(Rule::DateMismatch) {
            mismatches.extend(date_mismatch::check(&ctx));
        }
        // Support is judged only for a claim nothing else troubled, with
        // its numbers and dates then known to agree.
        if mismatches.is_empty() && !troubled {
            claimed.support = shape.and_then(|shape| self.support(&ctx, &shape));
        }
        claimed
            .parts
            .extend(mismatches.into_iter().map(Part::Finding));
        claimed
    }

    /// `contradicted-claim` or `unsupported-claim`, from the cited passage
    /// that best holds the claim. With `contradicted-claim` off, a claim
    /// its source contradicts is unsupported.
    fn support(&self, ctx: &ClaimContext, shape: &ClaimShape) -> Option<Diagnostic> {
        let contradicted = self.on(Rule::ContradictedClaim);
        let unsupported = self.on(Rule::UnsupportedClaim);
        if !contradicted && !unsupported {
            return None;
        }
        let found = passage::best_of(ctx.corpus, shape, ctx.cited)?;
        let contradiction = contradicted
            .then(|| contradicted_claim::check(ctx, &found))
            .flatten();
        contradiction.or_else(|| {
            unsupported
                .then(|| unsupported_claim::check(ctx, shape, &found))
                .flatten()
        })
    }

    /// The quote rules for each quote of the claim, into `parts`; whether
    /// one found something.
    fn check_quotes(
        &self,
        ctx: &ClaimContext,
        resolved: &[Option<usize>],
        parts: &mut Vec<Part>,
    ) -> bool {
        let mut troubled = false;
        let matched: Vec<(&Quote, QuoteMatch)> = (self.quotes_to_match(ctx, resolved).into_iter())
            .map(|(q, quote)| {
                (
                    quote,
                    match_quote(ctx.corpus, ctx.index(), q, quote, ctx.cited),
                )
            })
            .collect();
        // Citing another article fixes a quote only when no other quote of
        // the claim needs the citation as it is.
        let recitable: Vec<bool> = (matched.iter().enumerate())
            .map(|(i, (_, found))| {
                matched.iter().enumerate().all(|(j, (_, other))| {
                    j == i
                        || (other.status == QuoteStatus::WrongSource
                            && other.article == found.article)
                })
            })
            .collect();
        for ((quote, found), recitable) in matched.into_iter().zip(recitable) {
            if found.status == QuoteStatus::Found {
                // Its attribution is checked with the people index.
                if self.on(Rule::MisattributedQuote) {
                    parts.push(Part::Attribution(found));
                }
                continue;
            }
            let finding = (self.when_on(Rule::QuoteNotFound, || {
                quote_not_found::check(ctx, quote, &found)
            }))
            .or_else(|| self.when_on(Rule::Misquote, || misquote::check(ctx, quote, &found)))
            .or_else(|| {
                self.when_on(Rule::QuoteWrongSource, || {
                    quote_wrong_source::check(ctx, quote, &found, recitable)
                })
            });
            if let Some(diagnostic) = finding {
                troubled = true;
                // A fix that cites the source's words or key is checked
                // against that source's speaker with the people index.
                let fixes_quote = diagnostic.fix.is_some()
                    && matches!(diagnostic.rule, Rule::Misquote | Rule::QuoteWrongSource);
                parts.push(if fixes_quote && self.on(Rule::MisattributedQuote) {
                    Part::Fixed(diagnostic, found)
                } else {
                    Part::Finding(diagnostic)
                });
            }
        }
        troubled
    }

    /// The quotes of the claim to match: none when the quote rules are off,
    /// or when the claim cites only keys the corpus lacks.
    fn quotes_to_match<'n>(
        &self,
        ctx: &ClaimContext<'n>,
        resolved: &[Option<usize>],
    ) -> Vec<(usize, &'n Quote)> {
        let (note, claim) = (ctx.note, ctx.claim);
        let unknown = claim.citations.iter().any(|&c| {
            resolved[c].is_none() && matches!(note.citations[c].target, CitationTarget::Key(_))
        });
        let wanted = QUOTE_RULES.iter().any(|r| self.on(*r)) && !(unknown && ctx.cited.is_empty());
        if !wanted {
            return Vec::new();
        }
        (claim.quotes.iter())
            .filter_map(|&q| Some((q, note.quotes.get(q)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests;
